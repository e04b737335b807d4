"""When reminders are due (pure). Local wall-clock times in Europe/Amsterdam, turned into
aware moments with zoneinfo, so that "19:00 the evening before" stays 19:00 on the nights
the clocks change and no reminder is doubled or skipped."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from accounts.calendar import AMSTERDAM


def local_moment(day: date, hour: int, minute: int = 0) -> datetime:
    """That wall-clock time on that day in Amsterdam, as an aware datetime."""
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


def reminder_due_at(
    *, task_date: date, accepted_at: datetime, evening_hour: int, morning_hour: int
) -> datetime | None:
    """The one reminder a volunteer gets for a task.

    The evening before at `evening_hour`; a task accepted after that moment gets a reminder
    on the morning of the day itself at `morning_hour`; accepted even later (on the day,
    after the morning hour) gets none: the volunteer has just said yes.
    """
    evening = local_moment(task_date - timedelta(days=1), evening_hour)
    if accepted_at < evening:
        return evening
    morning = local_moment(task_date, morning_hour)
    if accepted_at < morning:
        return morning
    return None


def retry_delay(attempts: int) -> timedelta:
    """Back off after a failed attempt: 1, 2, 4, 8 … minutes, at most an hour."""
    return timedelta(minutes=min(60, 2 ** max(0, attempts - 1)))
