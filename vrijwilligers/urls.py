from django.urls import path

from . import views

app_name = "vrijwilligers"

urlpatterns = [
    # Coordinators: the registry.
    path("", views.registry, name="registry"),
    path("nieuw/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.edit, name="edit"),
    path("<int:pk>/pauzeren/", views.pause, name="pause"),
    path("<int:pk>/hervatten/", views.resume, name="resume"),
    path("<int:pk>/stoppen/", views.stop, name="stop"),
    path("<int:pk>/activeren/", views.activate, name="activate"),
    path("<int:pk>/bevestigd/", views.confirmed_by_phone, name="confirmed_by_phone"),
    path("<int:pk>/helpt-ook-in/", views.share_add, name="share_add"),
    path("<int:pk>/helpt-ook-in/<int:share_pk>/stoppen/", views.share_end, name="share_end"),
    path("uit-ander-dorp/<int:pk>/", views.shared_detail, name="shared_detail"),
    path("bevestigingsronde/", views.confirmation_round, name="confirmation_round"),
    path(
        "bevestigingsronde/starten/",
        views.confirmation_round_start,
        name="confirmation_round_start",
    ),
    # Coordinators and the volunteer themselves.
    path("<int:pk>/afwezigheid/", views.absences, name="absences"),
    path(
        "<int:pk>/afwezigheid/<int:absence_pk>/verwijderen/",
        views.absence_delete,
        name="absence_delete",
    ),
    path("<int:pk>/beschikbaarheid/", views.availability, name="availability"),
    # Volunteers on their phone.
    path("mijn-taken/", views.my_tasks, name="my_tasks"),
    path("mijn-gegevens/", views.my_details, name="my_details"),
    path("mijn-gegevens/wijzigen/", views.my_details_edit, name="my_details_edit"),
    path("mijn-gegevens/grenzen/", views.my_boundaries, name="my_boundaries"),
    path("mijn-gegevens/kloppen-nog/", views.my_confirm, name="my_confirm"),
    path("mijn-gegevens/agenda/", views.my_calendar_renew, name="my_calendar_renew"),
    # Public.
    path("word-vrijwilliger/", views.become_volunteer, name="become_volunteer"),
    path("bevestigen/<str:token>/", views.confirm_token, name="confirm_token"),
    path("<slug:village_slug>/aanmelden/", views.signup, name="signup"),
    path("<slug:village_slug>/aanmelden/bedankt/", views.signup_thanks, name="signup_thanks"),
]
