from django.urls import path

from . import views

app_name = "activiteiten"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("nieuw/", views.activity_create, name="create"),
    path("vrijwilligers-zoeken/", views.volunteer_picker, name="volunteer_picker"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/wijzigen/", views.activity_edit, name="edit"),
]
