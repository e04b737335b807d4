from django.urls import path

from . import views

app_name = "uitleen"

urlpatterns = [
    path("", views.inventory, name="inventory"),
    path("te-laat/", views.overdue, name="overdue"),
    path("hulpmiddel/nieuw/", views.item_create, name="item_create"),
    path("hulpmiddel/<int:pk>/", views.item_detail, name="item_detail"),
    path("hulpmiddel/<int:pk>/wijzigen/", views.item_edit, name="item_edit"),
    path("hulpmiddel/<int:pk>/status/", views.item_status, name="item_status"),
    path("uitlenen/", views.lend, name="lend"),
    path("uitlening/<int:pk>/terug/", views.loan_return, name="loan_return"),
    path("uitlening/<int:pk>/wijzigen/", views.loan_edit, name="loan_edit"),
    path("uitdelen/", views.handouts, name="handouts"),
    path("uitdelen/nieuw/", views.handout_create, name="handout_create"),
    path("uitdelen/<int:pk>/wijzigen/", views.handout_edit, name="handout_edit"),
    path("uitdelen/<int:pk>/tellen/", views.handout_count, name="handout_count"),
]
