from django.urls import path

from . import views

app_name = "regio"

urlpatterns = [
    path("", views.region, name="region"),
]
