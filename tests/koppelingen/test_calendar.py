"""The calendar: one task's .ics and the volunteer's feed, parsed back with icalendar."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import override_settings
from django.urls import reverse

from koppelingen import services
from koppelingen.calendar import (
    TaskEvent,
    build_calendar,
    drive_time,
    local,
    task_end,
    task_uid,
)
from koppelingen.models import Assignment
from vrijwilligers.services import volunteer_calendar_renew

AMS = ZoneInfo("Europe/Amsterdam")
STAMP = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


# --- pure -----------------------------------------------------------------------------------


def test_drive_time_from_the_distance():
    assert drive_time(Decimal("25")) == timedelta(minutes=30)
    assert drive_time(Decimal("0.8")) == timedelta(minutes=10)  # at least ten minutes
    assert drive_time(None) == timedelta(minutes=30)


def test_a_job_takes_its_duration_and_an_end_time_wins():
    start = local(date(2026, 5, 4), time(10, 0))
    assert task_end(start=start, is_ride=False) == local(date(2026, 5, 4), time(12, 0))
    assert task_end(start=start, is_ride=False, duration=timedelta(minutes=45)) == local(
        date(2026, 5, 4), time(10, 45)
    )
    assert task_end(start=start, is_ride=False, time_until=time(11, 15)) == local(
        date(2026, 5, 4), time(11, 15)
    )
    # an end time before the start is a typing error, not a task of minus an hour
    assert task_end(start=start, is_ride=False, time_until=time(9, 0)) == local(
        date(2026, 5, 4), time(12, 0)
    )


def test_a_ride_runs_through_the_appointment_the_wait_and_the_drive_back():
    day = date(2026, 5, 4)
    start = local(day, time(9, 30))
    # 25 km: 30 minutes each way; appointment 10:15 (later than the arrival at 10:00), the
    # stay takes 90 minutes, then back home: 10:15 + 1:30 + 0:30 = 12:15
    end = task_end(
        start=start,
        is_ride=True,
        appointment=local(day, time(10, 15)),
        distance_km=Decimal("25"),
        waits=True,
        duration=timedelta(minutes=90),
    )
    assert end == local(day, time(12, 15))
    # without waiting the volunteer drives back at once: 10:15 + 0:30
    assert task_end(
        start=start, is_ride=True, appointment=local(day, time(10, 15)), distance_km=25
    ) == local(day, time(10, 45))


def test_times_are_right_on_the_spring_forward_day():
    # 29 March 2026: at 02:00 the clocks went to 03:00, so 09:30 that day is 07:30 UTC
    # (summer time), where the day before it was 08:30 UTC.
    day = date(2026, 3, 29)
    start = local(day, time(9, 30))
    event = TaskEvent(
        uid="u",
        summary="Vervoer",
        day=day,
        start=start,
        end=task_end(start=start, is_ride=True, distance_km=25),
        location="",
        description="",
    )
    calendar = icalendar.Calendar.from_ical(build_calendar([event], stamp=STAMP))
    (vevent,) = calendar.walk("VEVENT")
    dtstart = vevent.decoded("dtstart")
    assert dtstart.tzinfo is not None and str(vevent["dtstart"].params["TZID"]) == (
        "Europe/Amsterdam"
    )
    assert dtstart.astimezone(UTC) == datetime(2026, 3, 29, 7, 30, tzinfo=UTC)  # CEST: +2
    assert vevent.decoded("dtend").astimezone(UTC) == datetime(2026, 3, 29, 8, 30, tzinfo=UTC)
    # the night before is still winter time
    night = local(date(2026, 3, 28), time(9, 30))
    assert night.astimezone(UTC) == datetime(2026, 3, 28, 8, 30, tzinfo=UTC)
    (timezone_,) = calendar.walk("VTIMEZONE")
    assert str(timezone_["TZID"]) == "Europe/Amsterdam"


def test_no_line_can_be_injected_and_long_lines_are_folded():
    sneaky = "Naar de poli\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:gehackt; en, zo " + "x" * 200
    event = TaskEvent(
        uid="u",
        summary=sneaky,
        day=date(2026, 5, 4),
        start=local(date(2026, 5, 4), time(10, 0)),
        end=None,
        location="Hoofdstraat 7, Warffum",
        description=sneaky,
    )
    body = build_calendar([event], stamp=STAMP)
    lines = body.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    unfolded = body.replace(b"\r\n ", b"").split(b"\r\n")
    assert unfolded.count(b"BEGIN:VEVENT") == 1 and unfolded.count(b"END:VEVENT") == 1
    assert not any(line.startswith(b"SUMMARY:gehackt") for line in unfolded)
    (vevent,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert "gehackt; en, zo" in str(vevent["summary"])
    assert str(vevent["location"]) == "Hoofdstraat 7, Warffum"


def test_an_all_day_task():
    event = TaskEvent("u", "Klus", date(2026, 12, 31), None, None, "", "")
    (vevent,) = icalendar.Calendar.from_ical(build_calendar([event], stamp=STAMP)).walk("VEVENT")
    assert vevent.decoded("dtstart") == date(2026, 12, 31)
    assert vevent.decoded("dtend") == date(2027, 1, 1)


def test_the_uid_does_not_depend_on_the_host():
    assert task_uid(site="https://a.nl", assignment_id=3) == task_uid(
        site="https://a.nl", assignment_id=3
    )
    assert task_uid(site="https://a.nl", assignment_id=3) != task_uid(
        site="https://a.nl", assignment_id=4
    )


# --- the views ------------------------------------------------------------------------------


@pytest.fixture
def accepted(ride, make_volunteer):
    ride.appointment_time = time(10, 15)
    ride.wait_at_destination = True
    ride.return_trip = True
    ride.duration_minutes = 60
    ride.save()
    (invitation,) = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer()], by=None
    )
    services.invitation_accept(invitation=invitation)
    return invitation


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["a.nl", "b.nl", "testserver"])
def test_the_tasks_ics_has_a_realistic_end_and_says_where_to(client, accepted):
    ride = accepted.help_request
    ride.village.desk_phone = "0595442453"
    ride.village.save()
    client.get(services.invitation_link(accepted))
    response = client.get(reverse("koppelingen:task_ics", args=[accepted.pk]), HTTP_HOST="a.nl")
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert vevent.decoded("dtstart") == datetime.combine(ride.needed_on, time(9, 30), AMS)
    # 25 km: 30 min each way; appointment 10:15, an hour's stay, back home at 11:45
    assert vevent.decoded("dtend") == datetime.combine(ride.needed_on, time(11, 45), AMS)
    description = str(vevent["description"])
    assert "Martini Ziekenhuis Groningen" in description
    assert "Afspraak: 10:15" in description and "Vertrek: 09:30" in description
    assert "0595 44 24 53" in description
    assert str(vevent["location"]) == "Hoofdstraat 7, Warffum"
    other_host = client.get(reverse("koppelingen:task_ics", args=[accepted.pk]), HTTP_HOST="b.nl")
    (again,) = icalendar.Calendar.from_ical(other_host.content).walk("VEVENT")
    assert str(again["uid"]) == str(vevent["uid"])


@pytest.mark.django_db
def test_the_feed_shows_accepted_tasks_and_a_renewed_address_stops(client, accepted):
    volunteer = accepted.volunteer
    old = volunteer_calendar_renew(volunteer=volunteer)
    response = client.get(reverse("koppelingen:feed", args=[old]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert "Aaltje" in str(vevent["summary"])
    assert calendar.walk("VTIMEZONE")
    new = volunteer_calendar_renew(volunteer=volunteer)
    gone = client.get(reverse("koppelingen:feed", args=[old]))
    assert gone.status_code == 410
    assert "vernieuwd" in gone.content.decode()
    assert client.get(reverse("koppelingen:feed", args=[new])).status_code == 200


@pytest.mark.django_db
def test_the_feed_leaves_out_tasks_given_back_and_never_500s_on_nonsense(client, accepted):
    token = volunteer_calendar_renew(volunteer=accepted.volunteer)
    services.task_give_back(invitation=accepted)
    calendar = icalendar.Calendar.from_ical(
        client.get(reverse("koppelingen:feed", args=[token])).content
    )
    assert calendar.walk("VEVENT") == []
    assert Assignment.objects.get().status == Assignment.Status.WITHDRAWN
    assert client.get(reverse("koppelingen:feed", args=["x" * 300])).status_code == 410
