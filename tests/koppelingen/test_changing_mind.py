"""Changing one's mind: yes after a no, "I cannot after all" after a yes, and no yes once the
task's time has passed."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.calendar import AMSTERDAM
from hulpvragen.lifecycle import Status
from koppelingen import rules, services
from koppelingen.models import Assignment, Invitation, LogEntry
from meldingen.models import Todo

# --- the pure rules --------------------------------------------------------------------------


def _at(*args):
    return datetime(*args, tzinfo=AMSTERDAM)


def test_a_ride_passes_at_its_departure_time():
    day = date(2026, 3, 29)
    kwargs = {"needed_on": day, "time_from": time(9, 30), "appointment_time": time(10, 15)}
    assert not rules.task_time_passed(**kwargs, now=_at(2026, 3, 29, 9, 29))
    assert rules.task_time_passed(**kwargs, now=_at(2026, 3, 29, 9, 30))


def test_without_departure_the_appointment_counts_and_without_time_the_whole_day():
    day = date(2026, 5, 4)
    assert rules.task_time_passed(
        needed_on=day, time_from=None, appointment_time=time(14, 0), now=_at(2026, 5, 4, 14, 1)
    )
    all_day = {"needed_on": day, "time_from": None, "appointment_time": None}
    assert not rules.task_time_passed(**all_day, now=_at(2026, 5, 4, 23, 59))
    assert rules.task_time_passed(**all_day, now=_at(2026, 5, 5, 0, 0))


def test_a_task_without_a_date_never_passes_and_last_year_has():
    assert not rules.task_time_passed(
        needed_on=None, time_from=None, appointment_time=None, now=_at(2030, 1, 1, 0, 0)
    )
    assert rules.task_time_passed(
        needed_on=date(2025, 6, 1), time_from=None, appointment_time=None, now=_at(2026, 6, 1, 8, 0)
    )


def test_yes_after_all_only_while_declined_open_and_not_passed():
    assert rules.may_say_yes_after_all(declined=True, task_passed=False, request_open=True)
    assert not rules.may_say_yes_after_all(declined=False, task_passed=False, request_open=True)
    assert not rules.may_say_yes_after_all(declined=True, task_passed=True, request_open=True)
    assert not rules.may_say_yes_after_all(declined=True, task_passed=False, request_open=False)


def test_giving_back_only_while_planned_unreported_and_not_passed():
    assert rules.may_give_back(planned=True, reported=False, task_passed=False)
    assert not rules.may_give_back(planned=False, reported=False, task_passed=False)
    assert not rules.may_give_back(planned=True, reported=True, task_passed=False)
    assert not rules.may_give_back(planned=True, reported=False, task_passed=True)


def test_back_to_searching_only_when_nobody_is_left():
    assert rules.status_after_giving_back(status=Status.MATCHED, taken_after=0) == Status.SEARCHING
    assert rules.status_after_giving_back(status=Status.ACTIVE, taken_after=0) == Status.SEARCHING
    assert rules.status_after_giving_back(status=Status.MATCHED, taken_after=1) is None
    assert rules.status_after_giving_back(status=Status.SEARCHING, taken_after=0) is None


# --- the services and the page ---------------------------------------------------------------


@pytest.fixture
def invitation(ride, make_volunteer):
    (invitation,) = services.invitations_send(
        help_request=ride,
        volunteers=[make_volunteer(first_name="Jan", last_name="van 't Hof")],
        by=None,
    )
    return invitation


def _open(client, invitation):
    client.get(services.invitation_link(invitation))
    return reverse("koppelingen:task", args=[invitation.pk])


@pytest.mark.django_db
def test_declining_then_yes_after_all(client, invitation):
    url = _open(client, invitation)
    client.post(url, {"action": "decline"})
    html = client.get(url).content.decode()
    assert "Toch wel? Ik doe het" in html
    client.post(url, {"action": "accept"})
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert "Hoofdstraat 7" in client.get(url).content.decode()
    invitation.help_request.refresh_from_db()
    assert invitation.help_request.status == Status.MATCHED


@pytest.mark.django_db
def test_no_yes_after_all_once_someone_else_took_it(client, invitation, make_volunteer):
    (other,) = services.invitations_send(
        help_request=invitation.help_request, volunteers=[make_volunteer()], by=None
    )
    url = _open(client, invitation)
    client.post(url, {"action": "decline"})
    services.invitation_accept(invitation=other)
    html = client.get(url).content.decode()
    assert "Toch wel? Ik doe het" not in html
    response = client.post(url, {"action": "accept"}, follow=True)
    assert "Al vergeven" in response.content.decode()
    assert Assignment.objects.get(help_request=invitation.help_request).volunteer == other.volunteer


@pytest.mark.django_db
def test_giving_back_frees_the_place_and_tells_the_desk(client, invitation):
    url = _open(client, invitation)
    client.post(url, {"action": "accept"})
    assert "Ik kan toch niet" in client.get(url).content.decode()
    response = client.post(url, {"action": "give_back"}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Toch wel? Ik doe het" in html  # they may change their mind again
    assignment = Assignment.objects.get(invitation=invitation)
    assert assignment.status == Assignment.Status.WITHDRAWN
    request = invitation.help_request
    request.refresh_from_db()
    assert request.status == Status.SEARCHING
    todo = Todo.objects.get(kind=Todo.Kind.GAVE_BACK)
    assert "Jan van 't Hof" in todo.title and todo.due_on == timezone.localdate()
    assert todo.url == reverse("koppelingen:candidates", args=[request.pk])
    assert LogEntry.objects.filter(kind=LogEntry.Kind.GAVE_BACK, volunteer=invitation.volunteer)
    # and yes again: the same match is planned again
    client.post(url, {"action": "accept"})
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.ACTIVE
    request.refresh_from_db()
    assert request.status == Status.MATCHED


@pytest.mark.django_db
def test_giving_back_twice_changes_nothing_the_second_time(invitation):
    services.invitation_accept(invitation=invitation)
    first = services.task_give_back(invitation=invitation)
    second = services.task_give_back(invitation=invitation)
    assert first is services.GiveBackResult.GIVEN_BACK
    assert second is services.GiveBackResult.NOT_POSSIBLE
    assert Todo.objects.filter(kind=Todo.Kind.GAVE_BACK).count() == 1
    assert LogEntry.objects.filter(kind=LogEntry.Kind.GAVE_BACK).count() == 1


@pytest.mark.django_db
def test_with_two_volunteers_the_other_keeps_the_task(ride, make_volunteer):
    ride.volunteers_needed = 2
    ride.save()
    first, second = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer(), make_volunteer()], by=None
    )
    services.invitation_accept(invitation=first)
    services.invitation_accept(invitation=second)
    services.task_give_back(invitation=first)
    ride.refresh_from_db()
    assert ride.status == Status.MATCHED  # the desk can ask someone else from here
    assert Assignment.objects.get(invitation=second).status == Assignment.Status.ACTIVE
    assert services.request_still_asks(ride)


@pytest.mark.django_db
def test_a_task_whose_time_has_passed_cannot_be_accepted(client, invitation):
    ride = invitation.help_request
    start = datetime.combine(ride.needed_on, ride.time_from, tzinfo=AMSTERDAM)
    with time_machine.travel(start + timedelta(minutes=1)):
        url = _open(client, invitation)
        html = client.get(url).content.decode()
        assert "Ja, ik doe het" not in html
        assert "kan niet meer worden aangenomen" in html
        response = client.post(url, {"action": "accept"}, follow=True)
    assert "kan niet meer worden aangenomen" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING
    assert not Assignment.objects.exists()


@pytest.mark.django_db
def test_no_giving_back_once_the_time_has_passed(client, invitation):
    url = _open(client, invitation)
    client.post(url, {"action": "accept"})
    ride = invitation.help_request
    start = datetime.combine(ride.needed_on, ride.time_from, tzinfo=AMSTERDAM)
    with time_machine.travel(start + timedelta(hours=1)):
        url = _open(client, invitation)
        assert "Ik kan toch niet" not in client.get(url).content.decode()
        client.post(url, {"action": "give_back"})
    assert Assignment.objects.get().status == Assignment.Status.ACTIVE
    assert not Todo.objects.filter(kind=Todo.Kind.GAVE_BACK).exists()


@pytest.mark.django_db
def test_a_withdrawn_invitation_shows_a_dutch_page_and_changes_nothing(client, invitation):
    url = _open(client, invitation)
    Invitation.objects.filter(pk=invitation.pk).update(status=Invitation.Status.WITHDRAWN)
    response = client.post(url, {"action": "accept"})
    assert response.status_code == 410
    assert "Dorpsloket" in response.content.decode()
    assert not Assignment.objects.exists()


@pytest.mark.django_db
def test_a_task_taken_back_by_the_desk_stays_dead(client, invitation, coordinator):
    from hulpvragen.services import help_request_transition

    url = _open(client, invitation)
    client.post(url, {"action": "accept"})
    help_request_transition(
        help_request=invitation.help_request, to=Status.SEARCHING, by=coordinator
    )
    response = client.post(url, {"action": "give_back"})
    assert response.status_code == 410
    assert not Todo.objects.filter(kind=Todo.Kind.GAVE_BACK).exists()
