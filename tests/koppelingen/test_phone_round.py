"""The phone round: who to ring today, most urgent first, and the answer recorded there."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from koppelingen import jobs, phone_round, services
from koppelingen.models import Invitation, LogEntry
from meldingen.models import Todo
from meldingen.services import todo_add
from vrijwilligers.models import ConfirmationRequest, ConfirmationRound

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # late before today before later
        (
            {"kind": "follow_up", "deadline": TODAY - timedelta(days=1)},
            {"kind": "invitation", "deadline": TODAY},
        ),
        (
            # two invitations to ask today: the sooner task first
            {"kind": "invitation", "deadline": None, "task_date": TODAY + timedelta(days=1)},
            {"kind": "invitation", "deadline": None, "task_date": TODAY + timedelta(days=3)},
        ),
        # the same day: an invitation (a task waits) before a follow-up call
        ({"kind": "invitation", "deadline": TODAY}, {"kind": "follow_up", "deadline": TODAY}),
        ({"kind": "sms_reply", "deadline": TODAY}, {"kind": "reminder", "deadline": TODAY}),
        # no day counts as today; the yearly check comes after a follow-up call
        ({"kind": "invitation", "deadline": None}, {"kind": "follow_up", "deadline": TODAY}),
        ({"kind": "follow_up", "deadline": TODAY}, {"kind": "confirmation", "deadline": None}),
    ],
)
def test_urgency_orders_the_round(first, second):
    assert phone_round.urgency(today=TODAY, **first) < phone_round.urgency(today=TODAY, **second)


@pytest.fixture
def caller(make_volunteer):
    return make_volunteer(
        first_name="Grietje", last_name="Bos", email="", phone="0595123499", contact_channel="call"
    )


@pytest.mark.django_db
def test_a_volunteer_who_wants_a_call_is_asked_on_the_round_with_what_to_say(ride, caller):
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[caller], by=None)
    assert invitation.channel == Invitation.Channel.PHONE
    (call,) = phone_round.calls_for(ride.village, today=timezone.localdate())
    assert (call.kind, call.name, call.phone_display) == (
        "invitation",
        "Grietje Bos",
        "0595 12 34 99",
    )
    assert "Vervoer" in call.say and "Aaltje" in call.say and "Hoofdstraat" in call.say
    assert "Hoofdstraat 7" not in call.say


@pytest.mark.django_db
def test_the_round_has_every_kind_of_call_most_urgent_first(ride, caller, make_volunteer, village):
    services.invitations_send(help_request=ride, volunteers=[caller], by=None)
    today = timezone.localdate()
    todo_add(
        village=village,
        kind=Todo.Kind.FOLLOW_UP,
        key="f",
        title="Bel Aaltje: hoe ging het?",
        due_on=today - timedelta(days=1),
        about={"help_request": ride.pk},
    )
    todo_add(
        village=village,
        kind=Todo.Kind.SMS_REPLY,
        key="s",
        title="Lees het antwoord van Jan",
        detail="“kan pas om 3 uur”",
        due_on=today,
        about={"volunteer": caller.pk},
    )
    todo_add(
        village=village,
        kind=Todo.Kind.ESCALATION,
        key="e",
        title="Niet op de belronde",
        due_on=today,
    )
    todo_add(
        village=village,
        kind=Todo.Kind.SMS_REPLY,
        key="later",
        title="Morgen pas",
        due_on=today + timedelta(days=1),
    )
    round_ = ConfirmationRound.objects.create(village=village, year=today.year, started_on=today)
    ConfirmationRequest.objects.create(
        village=village, round=round_, volunteer=caller, method="call", created_on=today
    )
    calls = phone_round.calls_for(village, today=today)
    assert [c.kind for c in calls] == ["follow_up", "invitation", "sms_reply", "confirmation"]
    assert calls[0].phone == ride.resident.phone  # the follow-up rings the resident
    assert "kan pas om 3 uur" in calls[2].say


@pytest.mark.django_db
def test_a_reminder_for_a_volunteer_who_wants_a_call_is_a_line_on_the_round(ride, caller):
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[caller], by=None)
    services.invitation_accept(invitation=invitation)
    now = timezone.now()
    assert jobs.reminders(now) == 1
    assert jobs.reminders(now) == 0  # run twice, one line
    todo = Todo.objects.get(kind=Todo.Kind.REMINDER_CALL)
    assert todo.title.startswith("Bel Grietje Bos ter herinnering: Vervoer voor Aaltje")
    assert todo.due_on == ride.needed_on - timedelta(days=1)
    (call,) = phone_round.calls_for(ride.village, today=todo.due_on)
    assert call.kind == "reminder" and call.phone == "0595123499"


@pytest.mark.django_db
def test_the_answer_is_recorded_from_the_round_with_a_note(client, coordinator, ride, caller):
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[caller], by=None)
    client.force_login(coordinator)
    response = client.post(
        reverse("koppelingen:phone_answer", args=[invitation.pk]),
        {"answer": "accept", "note": "Graag, ze neemt een kussen mee", "next": "phone_round"},
    )
    assert response.url == reverse("koppelingen:phone_round")
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    note = LogEntry.objects.get(kind=LogEntry.Kind.CALLED)
    assert (note.text, note.by) == ("Graag, ze neemt een kussen mee", coordinator)


@pytest.mark.django_db
def test_the_page_lists_the_calls_in_a_fixed_number_of_queries(
    client, coordinator, ride, make_volunteer, django_assert_max_num_queries
):
    callers = [make_volunteer(email="", contact_channel="call") for _ in range(6)]
    services.invitations_send(help_request=ride, volunteers=callers, by=None)
    client.force_login(coordinator)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("koppelingen:phone_round"))
    assert response.content.decode().count('data-kind="invitation"') == 6


@pytest.mark.django_db
def test_the_candidates_page_shows_how_each_volunteer_is_asked(
    client, coordinator, ride, make_volunteer
):
    make_volunteer(first_name="Mail")
    make_volunteer(first_name="Sms", email="", phone="0612345678", contact_channel="sms")
    make_volunteer(first_name="Bel", email="", phone="0595123499", contact_channel="call")
    client.force_login(coordinator)
    page = client.get(reverse("koppelingen:candidates", args=[ride.pk])).content.decode()
    assert page.count('data-channel="email"') == 1
    assert 'title="sms">per sms<' in page
    assert 'data-channel="call" title="een telefoontje van het loket">bellen<' in page
