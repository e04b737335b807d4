from django.urls import path

from . import views

app_name = "sociale_kaart"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("nieuw/", views.organisation_create, name="create"),
    path("overzicht/", views.print_overview, name="print_overview"),
    path("overzicht.pdf", views.print_overview_pdf, name="print_overview_pdf"),
    path("controle/", views.freshness, name="freshness"),
    path("klopt-dit-nog/<str:token>/", views.check_token, name="check_token"),
    path("voorstellen/<int:pk>/", views.proposal_review, name="proposal_review"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/vragen/", views.check_send, name="check_send"),
    path("<int:pk>/wijzigen/", views.organisation_edit, name="edit"),
    path("<int:pk>/gecontroleerd/", views.organisation_verify, name="verify"),
    path("<int:pk>/archiveren/", views.organisation_archive, name="archive"),
    path("<int:pk>/terugzetten/", views.organisation_restore, name="restore"),
    path("<int:pk>/contactpersonen/nieuw/", views.contact_create, name="contact_create"),
    path(
        "<int:pk>/contactpersonen/<int:contact_pk>/wijzigen/",
        views.contact_edit,
        name="contact_edit",
    ),
    path(
        "<int:pk>/contactpersonen/<int:contact_pk>/verwijderen/",
        views.contact_delete,
        name="contact_delete",
    ),
]
