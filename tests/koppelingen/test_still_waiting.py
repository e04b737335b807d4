"""Once a request has the volunteers it needs, nobody is chased about it any more: the other
invitations still out leave the volunteer's page, the phone round, the paper week letter and
the "not answered" to-dos, and a queued invitation is not sent. When the volunteer who said
yes gives the task back, they wait again."""

from datetime import timedelta

import pytest
from django.utils import timezone

from koppelingen import jobs, phone_round, services, week_letter
from koppelingen.messages import build_invitation, build_invitations
from koppelingen.models import Invitation
from koppelingen.selectors import tasks_for_volunteer
from koppelingen.waiting import still_waiting
from meldingen.models import Todo

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(ride, make_volunteer):
    """Three volunteers asked for the ride: by e-mail, by text message and by a call."""
    by_mail = make_volunteer(first_name="Anna", last_name="van 't Hof")
    by_sms = make_volunteer(
        first_name="Jan", last_name="Hof", email="", phone="0612345678", contact_channel="sms"
    )
    by_call = make_volunteer(
        first_name="Grietje", last_name="Bos", email="", phone="0595123499", contact_channel="call"
    )
    invitations = services.invitations_send(
        help_request=ride, volunteers=[by_mail, by_sms, by_call], by=None
    )
    return dict(zip(("mail", "sms", "call"), invitations, strict=True))


def waiting_ids(invitations):
    return set(
        still_waiting(Invitation.objects.filter(pk__in=invitations)).values_list("pk", flat=True)
    )


def test_all_wait_until_someone_says_yes_then_none_do(ride, asked):
    everyone = [i.pk for i in asked.values()]
    assert waiting_ids(everyone) == set(everyone)
    assert services.invitation_accept(invitation=asked["mail"]) == services.AcceptResult.ACCEPTED
    assert waiting_ids(everyone) == set()
    # still "pending" in the table: an answer now is told it came too late
    assert Invitation.objects.get(pk=asked["sms"].pk).status == Invitation.Status.PENDING
    assert services.invitation_accept(invitation=asked["sms"]) == services.AcceptResult.TOO_LATE


def test_a_request_for_two_keeps_the_others_waiting_until_the_second_yes(ride, asked):
    ride.volunteers_needed = 2
    ride.save(update_fields=["volunteers_needed"])
    services.invitation_accept(invitation=asked["mail"])
    assert waiting_ids([asked["sms"].pk, asked["call"].pk]) == {asked["sms"].pk, asked["call"].pk}
    services.invitation_accept(invitation=asked["sms"])
    assert waiting_ids([asked["call"].pk]) == set()


def test_a_filled_request_leaves_the_page_the_round_the_letter_and_the_todos(ride, asked, village):
    today = timezone.localdate()
    caller = asked["call"].volunteer
    assert [c.kind for c in phone_round.calls_for(village, today=today)] == ["invitation"]
    assert tasks_for_volunteer(caller, today=today).invitations != []
    lines = week_letter.week_lines(village, start=today, volunteer_ids=[caller.pk])
    assert [(line.volunteer_name, line.accepted) for line in lines] == [("Grietje Bos", False)]
    services.invitation_accept(invitation=asked["mail"])

    assert tasks_for_volunteer(caller, today=today).invitations == []
    assert [c for c in phone_round.calls_for(village, today=today) if c.kind == "invitation"] == []
    lines = week_letter.week_lines(village, start=today, volunteer_ids=[caller.pk])
    assert [line for line in lines if not line.accepted] == []
    later = timezone.now() + timedelta(days=3)
    assert jobs.unanswered_invitations(later) == 0
    assert not Todo.objects.filter(kind=Todo.Kind.UNANSWERED).exists()
    assert build_invitation({"invitation": asked["sms"].pk}) is None
    assert build_invitations([{"invitation": asked["call"].pk}]) == [None]


def test_giving_the_task_back_makes_the_others_wait_again(ride, asked):
    services.invitation_accept(invitation=asked["mail"])
    services.task_give_back(invitation=asked["mail"])
    assert waiting_ids([asked["sms"].pk, asked["call"].pk]) == {asked["sms"].pk, asked["call"].pk}
    later = timezone.now() + timedelta(days=3)
    assert jobs.unanswered_invitations(later) == 2
    assert services.invitation_accept(invitation=asked["sms"]) == services.AcceptResult.ACCEPTED


def test_the_request_page_stops_counting_invitations_that_wait_once_it_is_filled(ride, asked):
    from koppelingen.selectors import request_matching

    assert request_matching(ride).pending == 3
    services.invitation_accept(invitation=asked["call"])
    assert request_matching(ride).pending == 0
