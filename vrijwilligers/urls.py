from django.urls import path

from . import views

app_name = "vrijwilligers"

urlpatterns = [
    path("mijn-taken/", views.my_tasks, name="my_tasks"),
]
