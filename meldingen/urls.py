from django.urls import path

from . import views

app_name = "meldingen"

urlpatterns = [
    path("", views.todos, name="todos"),
    path("<int:pk>/gedaan/", views.todo_done, name="todo_done"),
    path("instellingen/", views.village_settings, name="settings"),
    path("sms/status/<str:secret>/", views.sms_status, name="sms_status"),
    path("sms/in/", views.sms_inbound, name="sms_inbound"),
]
