"""When a volunteer can help: pure rules over plain values or loaded objects (no queries).

A volunteer gives a weekly pattern of weekday × daypart (ochtend, middag, avond), may be away
for a while (absences, "weg van 3 t/m 17 augustus") and may be paused by the desk (holiday,
illness), open-ended or until a date. Matching (a later issue) asks `is_available` for each
candidate; the registry uses the same rules to show who is away now.

`is_available` takes anything that looks like a volunteer (duck typing):

    status          one of `VolunteerStatus` values ("signed_up", "active", "paused", "stopped")
    paused_until    a date or None (None while paused means: until further notice)
    weekly_slots    a collection of (weekday, daypart) pairs, weekday 0 = Monday
    absence_periods an iterable of (first_day, last_day) date pairs, both days included

`vrijwilligers.models.Volunteer` offers these attributes; load it with
`selectors.with_availability()` so that reading them costs no queries. Tests and matching
may just as well pass a `VolunteerFacts`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.calendar import Weekday

WEEKDAY_SHORT = {
    0: _("Mon"),
    1: _("Tue"),
    2: _("Wed"),
    3: _("Thu"),
    4: _("Fri"),
    5: _("Sat"),
    6: _("Sun"),
}


class Daypart(models.TextChoices):
    MORNING = "morning", _("morning")
    AFTERNOON = "afternoon", _("afternoon")
    EVENING = "evening", _("evening")


class VolunteerStatus(models.TextChoices):
    SIGNED_UP = "signed_up", _("signed up (intake chat to come)")
    ACTIVE = "active", _("active")
    PAUSED = "paused", _("paused")
    STOPPED = "stopped", _("stopped")


# Where one daypart ends and the next begins. Early hours count as morning: a 7:00 ride
# to the hospital is a morning job for the volunteer.
AFTERNOON_STARTS = time(12, 0)
EVENING_STARTS = time(18, 0)

ALL_SLOTS: tuple[tuple[int, str], ...] = tuple(
    (weekday, daypart) for weekday in Weekday.values for daypart in Daypart.values
)


def daypart_for(moment: time) -> str:
    """The daypart a time of day falls in: before 12:00 morning, before 18:00 afternoon,
    from 18:00 evening."""
    if moment < AFTERNOON_STARTS:
        return Daypart.MORNING
    if moment < EVENING_STARTS:
        return Daypart.AFTERNOON
    return Daypart.EVENING


@dataclass(frozen=True)
class VolunteerFacts:
    """The plain values `is_available` needs, for callers without a model instance."""

    status: str = VolunteerStatus.ACTIVE
    paused_until: date | None = None
    weekly_slots: frozenset[tuple[int, str]] = field(default_factory=frozenset)
    absence_periods: tuple[tuple[date, date], ...] = ()


def is_paused_on(status: str, paused_until: date | None, on: date) -> bool:
    """A paused volunteer is paused through `paused_until` (included), or indefinitely."""
    if status != VolunteerStatus.PAUSED:
        return False
    return paused_until is None or on <= paused_until


def is_absent_on(absence_periods: Iterable[tuple[date, date]], on: date) -> bool:
    """True when `on` falls in one of the absences (first and last day included)."""
    return any(first <= on <= last for first, last in absence_periods)


def is_available(volunteer_like, on: date, daypart: str, *, today: date | None = None) -> bool:
    """Can this volunteer be asked for `daypart` on `on`?

    Rules, in order:
    - only active volunteers, and paused ones whose pause ends before `on`, are asked
      (signed-up volunteers have not had their intake chat; stopped ones have stopped);
    - nobody is asked for a day in the past (only checked when `today` is given);
    - not during an absence;
    - only when the weekly pattern has this weekday and daypart.
    """
    status = volunteer_like.status
    if status not in (VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED):
        return False
    if is_paused_on(status, volunteer_like.paused_until, on):
        return False
    if today is not None and on < today:
        return False
    if is_absent_on(volunteer_like.absence_periods, on):
        return False
    return (on.weekday(), str(daypart)) in set(volunteer_like.weekly_slots)


def slots_summary(slots: Iterable[tuple[int, str]]) -> list[tuple[str, list[str]]]:
    """[(short weekday, [daypart labels])] in week order, for compact display."""
    order = {value: i for i, value in enumerate(Daypart.values)}
    labels = {value: str(label) for value, label in Daypart.choices}  # translated once
    by_day: dict[int, list[str]] = {}
    for weekday, daypart in sorted(set(slots), key=lambda s: (s[0], order[s[1]])):
        by_day.setdefault(weekday, []).append(labels[daypart])
    return [(str(WEEKDAY_SHORT[day]), parts) for day, parts in by_day.items()]
