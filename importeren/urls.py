from django.urls import path

from . import views

app_name = "importeren"

urlpatterns = [
    path("", views.index, name="index"),
    path("bestand/<int:pk>/", views.upload_status, name="upload_status"),
    path("<slug:kind>/", views.upload, name="upload"),
    path("<slug:kind>/sjabloon.<slug:fmt>", views.template, name="template"),
]
