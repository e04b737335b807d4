"""Due times on ordinary days and on the nights the clocks change (Europe/Amsterdam)."""

from datetime import UTC, date, datetime

from meldingen.timing import AMSTERDAM, local_moment, reminder_due_at, retry_delay


def at(*args):
    return datetime(*args, tzinfo=AMSTERDAM)


def test_reminder_the_evening_before():
    due = reminder_due_at(
        task_date=date(2026, 6, 10), accepted_at=at(2026, 6, 1, 10), evening_hour=19, morning_hour=8
    )
    assert due == at(2026, 6, 9, 19)


def test_accepted_after_the_evening_hour_gets_a_morning_reminder():
    due = reminder_due_at(
        task_date=date(2026, 6, 10), accepted_at=at(2026, 6, 9, 21), evening_hour=19, morning_hour=8
    )
    assert due == at(2026, 6, 10, 8)


def test_accepted_on_the_day_after_the_morning_hour_gets_none():
    assert (
        reminder_due_at(
            task_date=date(2026, 6, 10),
            accepted_at=at(2026, 6, 10, 9),
            evening_hour=19,
            morning_hour=8,
        )
        is None
    )


def test_spring_forward_night_keeps_the_wall_clock_hour():
    # Clocks go from 02:00 to 03:00 on Sunday 29 March 2026.
    due = reminder_due_at(
        task_date=date(2026, 3, 30),
        accepted_at=at(2026, 3, 20, 10),
        evening_hour=19,
        morning_hour=8,
    )
    assert due.astimezone(UTC) == datetime(2026, 3, 29, 17, 0, tzinfo=UTC)  # 19:00 CEST
    before = reminder_due_at(
        task_date=date(2026, 3, 29),
        accepted_at=at(2026, 3, 20, 10),
        evening_hour=19,
        morning_hour=8,
    )
    assert before.astimezone(UTC) == datetime(2026, 3, 28, 18, 0, tzinfo=UTC)  # 19:00 CET
    # one day apart on the calendar, 23 hours apart in time: the night lost an hour
    assert (due.astimezone(UTC) - before.astimezone(UTC)).total_seconds() == 23 * 3600


def test_fall_back_night_gives_one_reminder_at_the_wall_clock_hour():
    # Clocks go from 03:00 back to 02:00 on Sunday 25 October 2026.
    morning = local_moment(date(2026, 10, 25), 8)
    assert morning.astimezone(UTC) == datetime(2026, 10, 25, 7, 0, tzinfo=UTC)
    evening = local_moment(date(2026, 10, 24), 19)
    assert evening.astimezone(UTC) == datetime(2026, 10, 24, 17, 0, tzinfo=UTC)


def test_retries_back_off_up_to_an_hour():
    assert [retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4, 8)] == [1, 2, 4, 8, 60]
