from django.urls import path

from . import views

app_name = "hulpvragen"

urlpatterns = [
    path("", views.board, name="board"),
]
