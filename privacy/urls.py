from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("hulpvragers/<int:pk>/export.json", views.resident_export_json, name="export_json"),
    path("hulpvragers/<int:pk>/export.pdf", views.resident_export_pdf, name="export_pdf"),
    path("hulpvragers/<int:pk>/wissen/", views.resident_erase, name="resident_erase"),
]
