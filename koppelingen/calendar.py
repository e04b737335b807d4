"""Calendar files (.ics, RFC 5545) of accepted tasks: one task, or a volunteer's feed. Pure:
values in, text out, built with the `icalendar` library (escaping, line folding, and the
VTIMEZONE of Europe/Amsterdam are its work).

When a task ends (`task_end`): a job takes the request's duration (2 hours unless the
coordinator set another); a ride runs from departure through the drive there, the appointment
(the stay, when the volunteer waits there) and the drive back home.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import icalendar

from accounts.calendar import AMSTERDAM

# Country roads, a village centre and a car park: on average 50 km an hour, door to door.
DRIVE_KMH = 50
# A ride whose distance is not known: half an hour each way.
DRIVE_UNKNOWN = timedelta(minutes=30)
DRIVE_MIN = timedelta(minutes=10)
# An appointment of a ride without waiting: the volunteer drops the resident and drives back.
DEFAULT_DURATION = timedelta(hours=2)

UID_NAMESPACE = uuid.UUID("7b0c52a4-5c0e-4f5e-9a51-5d0a6f7c2e11")


def drive_time(distance_km: Decimal | float | None) -> timedelta:
    """One way by car: the distance at DRIVE_KMH, rounded up to 5 minutes, at least
    DRIVE_MIN; DRIVE_UNKNOWN without a distance."""
    if distance_km is None:
        return DRIVE_UNKNOWN
    minutes = math.ceil(float(distance_km) * 60 / DRIVE_KMH / 5) * 5
    return max(timedelta(minutes=minutes), DRIVE_MIN)


def task_end(
    *,
    start: datetime,
    is_ride: bool,
    duration: timedelta = DEFAULT_DURATION,
    time_until: time | None = None,
    appointment: datetime | None = None,
    distance_km: Decimal | float | None = None,
    waits: bool = False,
) -> datetime:
    """When a task ends, from its start (aware datetimes, Amsterdam).

    - An end time the coordinator gave (`time_until`, later than the start) wins.
    - A job: the start plus its `duration`.
    - A ride: the drive there (or the appointment, when that is later), the stay (the
      `duration`, only when the volunteer waits there), and the drive back home, which the
      volunteer makes also when they do not wait. Return trip or not, they come back.
    """
    if time_until is not None:
        until = datetime.combine(start.date(), time_until, tzinfo=start.tzinfo)
        if until > start:
            return until
    if not is_ride:
        return start + duration
    drive = drive_time(distance_km)
    arrival = start + drive
    if appointment is not None and appointment > arrival:
        arrival = appointment
    return arrival + (duration if waits else timedelta(0)) + drive


def task_uid(*, site: str, assignment_id: int) -> str:
    """A UID that stays the same for one match on one site (whatever host name it was opened
    under), so that a calendar updates the event instead of adding a second one."""
    return f"{uuid.uuid5(UID_NAMESPACE, f'{site}|task|{assignment_id}')}@dorpsloket"


@dataclass(frozen=True)
class TaskEvent:
    """One task in a calendar. `start` None: an all-day event on `day`."""

    uid: str
    summary: str
    day: date
    start: datetime | None
    end: datetime | None
    location: str
    description: str
    url: str = ""


def local(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=AMSTERDAM)


def _vevent(item: TaskEvent, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    if item.start is None:
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
    else:
        event.add("dtstart", item.start.astimezone(AMSTERDAM))
        event.add("dtend", (item.end or item.start + DEFAULT_DURATION).astimezone(AMSTERDAM))
    event.add("summary", item.summary)
    if item.location:
        event.add("location", item.location)
    event.add("description", item.description)
    if item.url:
        event.add("url", item.url)
    return event


def build_calendar(events: list[TaskEvent], *, stamp: datetime, name: str = "") -> bytes:
    """A calendar with these events, their times in Europe/Amsterdam with its VTIMEZONE."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Dorpsloket//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/Amsterdam")
    for item in events:
        calendar.add_component(_vevent(item, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
