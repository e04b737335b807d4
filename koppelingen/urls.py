from django.urls import path

from . import planner_views, views

app_name = "koppelingen"

urlpatterns = [
    path("weekplanning/", planner_views.week_plan, name="week_plan"),
    path("hulpvraag/<int:pk>/kandidaten/", views.candidates, name="candidates"),
    path("uitnodiging/<int:pk>/telefoon/", views.phone_answer, name="phone_answer"),
    path("koppeling/<int:pk>/miskoppeling/", views.mismatch, name="mismatch"),
    path("nabellen/<int:pk>/", views.follow_up, name="follow_up"),
    path("signalen/", views.signals, name="signals"),
    path("signalen/<int:pk>/", views.signal_detail, name="signal"),
    path("logboek/<int:volunteer_pk>/<int:resident_pk>/", views.pair_logbook, name="pair_log"),
    path("taak/<str:token>/", views.invitation, name="invitation"),
    path("taak/<str:token>/verslag/", views.report, name="report"),
    path("taak/<str:token>/agenda.ics", views.ics, name="ics"),
    # The task's own address, without the token (see views: the task session).
    path("mijn-taak/<int:pk>/", views.task, name="task"),
    path("mijn-taak/<int:pk>/verslag/", views.task_report, name="task_report"),
    path("mijn-taak/<int:pk>/agenda.ics", views.task_ics, name="task_ics"),
    # A volunteer's calendar feed (the secret token is the address; renewable).
    path("agenda/<str:token>/taken.ics", views.feed, name="feed"),
]
