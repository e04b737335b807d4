from django.urls import path

from . import views

app_name = "rapportage"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("pdf/", views.overview_pdf, name="pdf"),
    path("xlsx/", views.overview_xlsx, name="xlsx"),
    path("json/", views.overview_json, name="json"),
    path("csv/<slug:table>/", views.table_csv, name="csv"),
    path("presentatie/", views.presentation, name="presentation"),
    path("gemeente/", views.municipal, name="municipal"),
    path("gemeente/pdf/", views.municipal_pdf, name="municipal_pdf"),
    path("gemeente/csv/", views.municipal_csv, name="municipal_csv"),
    path("gemeente/tarief/<slug:village>/", views.social_value_rate, name="social_value_rate"),
    path("woorden/<slug:village>/<int:year>/", views.year_text, name="year_text"),
]
