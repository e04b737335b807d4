from django.urls import path

from . import access_log_views, views

app_name = "hulpvragen"

urlpatterns = [
    path("", views.board, name="board"),
    path("weekoverleg/", views.meeting, name="meeting"),
    path("nieuw/", views.intake, name="intake"),
    path("<int:pk>/", views.request_detail, name="request_detail"),
    path("<int:pk>/wijzigen/", views.request_edit, name="request_edit"),
    path("<int:pk>/logboek/", views.request_logbook, name="request_logbook"),
    path("<int:pk>/status/", views.request_transition, name="request_transition"),
    path("<int:pk>/triage/", views.request_triage, name="request_triage"),
    path("hulpvragers/", views.resident_list, name="resident_list"),
    path("hulpvragers/zoeken/", views.resident_search, name="resident_search"),
    path("hulpvragers/dubbel/", views.resident_duplicates, name="resident_duplicates"),
    path("hulpvragers/<int:pk>/", views.resident_detail, name="resident_detail"),
    path("hulpvragers/<int:pk>/wijzigen/", views.resident_edit, name="resident_edit"),
    path("hulpvragers/<int:pk>/toestemming/", views.resident_consent, name="resident_consent"),
    path(
        "hulpvragers/<int:pk>/toestemming/<int:consent_pk>/intrekken/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "hulpvragers/<int:pk>/bekeken/",
        access_log_views.resident_access_log,
        name="resident_access_log",
    ),
    path(
        "hulpvragers/<int:pk>/bekeken/brief/",
        access_log_views.resident_access_letter,
        name="resident_access_letter",
    ),
    path(
        "hulpvragers/<int:pk>/bekeken/brief.pdf",
        access_log_views.resident_access_letter_pdf,
        name="resident_access_letter_pdf",
    ),
    path(
        "inzage/<int:year>/<int:month>/",
        access_log_views.access_review_page,
        name="access_review",
    ),
]
