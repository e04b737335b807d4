from datetime import date, datetime, time

import pytest

from hulpvragen.recurrence import (
    REVIEW_NOTICE,
    Frequency,
    RecurrencePattern,
    describe,
    occurrences,
    review_date,
    review_due,
)


def test_weekly_on_tuesday_lists_each_tuesday_in_the_window():
    pattern = RecurrencePattern(Frequency.WEEKLY, start=date(2026, 11, 1), weekday=1)
    got = list(occurrences(pattern, date(2026, 11, 1), date(2026, 11, 30)))
    assert [d.date() for d in got] == [date(2026, 11, d) for d in (3, 10, 17, 24)]


def test_every_two_weeks_keeps_its_rhythm_from_the_start():
    pattern = RecurrencePattern(
        Frequency.EVERY_N_WEEKS, start=date(2026, 11, 3), weekday=1, interval_weeks=2
    )
    got = list(occurrences(pattern, date(2026, 11, 10), date(2026, 12, 8)))
    assert [d.date() for d in got] == [date(2026, 11, 17), date(2026, 12, 1)]


def test_daily_at_two_times_gives_two_calls_a_day():
    pattern = RecurrencePattern(
        Frequency.DAILY, start=date(2026, 11, 23), times=(time(17, 0), time(9, 0))
    )
    got = list(occurrences(pattern, date(2026, 11, 23), date(2026, 11, 24)))
    assert got == [
        datetime(2026, 11, 23, 9), datetime(2026, 11, 23, 17),
        datetime(2026, 11, 24, 9), datetime(2026, 11, 24, 17),
    ]  # fmt: skip


def test_nothing_before_the_start_or_after_the_end():
    pattern = RecurrencePattern(
        Frequency.WEEKLY, start=date(2026, 12, 1), weekday=0, end=date(2026, 12, 14)
    )
    got = list(occurrences(pattern, date(2026, 11, 1), date(2027, 1, 31)))
    assert [d.date() for d in got] == [date(2026, 12, 7), date(2026, 12, 14)]


def test_weekly_pattern_needs_a_weekday():
    with pytest.raises(ValueError):
        RecurrencePattern(Frequency.WEEKLY, start=date(2026, 11, 1))


def test_description_is_dutch():
    pattern = RecurrencePattern(
        Frequency.WEEKLY, start=date(2026, 11, 1), weekday=2, times=(time(10, 0),)
    )
    assert describe(pattern) == "elke week op woensdag om 10:00"


def test_a_recurring_request_is_due_for_review_on_and_after_its_date():
    today = date(2025, 12, 8)
    assert review_due(is_recurring=True, review_on=date(2025, 12, 8), today=today)
    assert review_due(is_recurring=True, review_on=date(2024, 11, 1), today=today)
    assert not review_due(is_recurring=True, review_on=date(2025, 12, 9), today=today)


def test_without_a_review_date_or_when_one_off_nothing_is_due():
    today = date(2025, 12, 8)
    assert not review_due(is_recurring=True, review_on=None, today=today)
    assert not review_due(is_recurring=False, review_on=date(2024, 11, 1), today=today)


def test_the_review_job_sees_a_review_a_week_ahead():
    today = date(2025, 12, 8)
    week = REVIEW_NOTICE
    assert review_due(is_recurring=True, review_on=date(2025, 12, 15), today=today, notice=week)
    assert not review_due(is_recurring=True, review_on=date(2025, 12, 16), today=today, notice=week)


def test_without_a_review_date_the_first_review_is_months_after_the_start():
    assert review_date(review_on=None, start=date(2025, 11, 30), months=3) == date(2026, 2, 28)
    assert review_date(review_on=date(2025, 12, 1), start=date(2025, 1, 1), months=3) == date(
        2025, 12, 1
    )
