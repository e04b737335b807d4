"""Recurring requests as plain data, and the occurrences they produce (pure).

A `RecurrencePattern` says *when* a recurring request happens: weekly on a weekday, every
N weeks on a weekday, or daily at set times (two phone calls a day). `occurrences` lists
the moments between two dates; the occurrence generator of a later issue builds on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.calendar import Weekday


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("every week on a weekday")
    EVERY_N_WEEKS = "every_n_weeks", _("every few weeks on a weekday")
    DAILY = "daily", _("every day at set times")


@dataclass(frozen=True)
class RecurrencePattern:
    frequency: str
    start: date
    weekday: int | None = None
    interval_weeks: int = 1
    times: tuple[time, ...] = field(default_factory=tuple)
    end: date | None = None

    def __post_init__(self):
        if self.frequency in (Frequency.WEEKLY, Frequency.EVERY_N_WEEKS) and self.weekday is None:
            raise ValueError("A weekly pattern needs a weekday.")
        if self.interval_weeks < 1:
            raise ValueError("interval_weeks must be at least 1.")


def _first_weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def occurrences(pattern: RecurrencePattern, start: date, end: date) -> Iterator[datetime]:
    """Every occurrence of `pattern` from `start` to `end` inclusive, in order.

    Naive datetimes (local time of the village); a date without set times gives midnight,
    meaning "that day". Weeks count from the pattern's own start, so "every 2 weeks" keeps
    its rhythm whatever window is asked for.
    """
    first_day = max(start, pattern.start)
    last_day = min(end, pattern.end) if pattern.end else end
    times = pattern.times or (time(0, 0),)
    if first_day > last_day:
        return
    if pattern.frequency == Frequency.DAILY:
        day = first_day
        while day <= last_day:
            for moment in sorted(times):
                yield datetime.combine(day, moment)
            day += timedelta(days=1)
        return
    interval = 1 if pattern.frequency == Frequency.WEEKLY else pattern.interval_weeks
    anchor = _first_weekday_on_or_after(pattern.start, pattern.weekday)
    day = _first_weekday_on_or_after(first_day, pattern.weekday)
    # Step forward to the next week in the rhythm.
    weeks_off = ((day - anchor).days // 7) % interval
    if weeks_off:
        day += timedelta(weeks=interval - weeks_off)
    while day <= last_day:
        for moment in sorted(times):
            yield datetime.combine(day, moment)
        day += timedelta(weeks=interval)


def describe(pattern: RecurrencePattern) -> str:
    """A short Dutch description: 'elke week op dinsdag', 'elke dag om 09:00 en 17:00'."""
    times = " / ".join(t.strftime("%H:%M") for t in pattern.times)
    if pattern.frequency == Frequency.DAILY:
        text = gettext("every day")
    else:
        day = Weekday(pattern.weekday).label
        if pattern.frequency == Frequency.WEEKLY or pattern.interval_weeks == 1:
            text = gettext("every week on %(day)s") % {"day": day}
        else:
            text = gettext("every %(n)d weeks on %(day)s") % {
                "n": pattern.interval_weeks,
                "day": day,
            }
    if times:
        text += " " + gettext("at %(times)s") % {"times": times}
    return text


# The review to-do comes this long before the review date, so the weekly meeting sees it.
REVIEW_NOTICE = timedelta(days=7)


def months_after(day: date, months: int) -> date:
    """The same day some months later (the 28th at most, so every month has it)."""
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1, day=min(day.day, 28))


def review_date(*, review_on: date | None, start: date, months: int) -> date:
    """When a recurring request is to be reviewed: its review date, else (never reviewed
    and none set) `months` after the start of its pattern."""
    return review_on or months_after(start, months)


def review_due(
    *, is_recurring: bool, review_on: date | None, today: date, notice: timedelta = timedelta(0)
) -> bool:
    """Whether a recurring request's review date has come (today or earlier), or comes
    within `notice` (the review job raises its to-do `REVIEW_NOTICE` ahead).

    Recurring help stretches boundaries when nobody looks, so the board marks such a request
    until someone reviews it (reviewing sets the next date). A one-off request, or one
    without a review date, is never due.
    """
    return bool(is_recurring and review_on is not None and review_on <= today + notice)
