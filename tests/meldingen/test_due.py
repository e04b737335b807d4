"""The order of the to-do list and when a to-do counts as late (pure; no database)."""

from dataclasses import dataclass
from datetime import date

from meldingen.due import Due, When, due_state, in_order

TODAY = date(2026, 12, 1)


@dataclass
class Item:
    pk: int
    kind: str
    due_on: date


def test_a_todo_due_before_today_is_late_by_whole_days():
    assert due_state(date(2026, 11, 30), TODAY) == Due(When.LATE, 1)
    assert due_state(date(2025, 12, 22), TODAY) == Due(When.LATE, 344)


def test_a_todo_due_today_or_later_is_not_late():
    assert due_state(TODAY, TODAY) == Due(When.TODAY)
    assert due_state(date(2026, 12, 2), TODAY).days_late == 0
    assert not due_state(date(2027, 1, 5), TODAY).is_late


def test_late_first_longest_late_on_top_then_today_then_later():
    items = [
        Item(1, "review", date(2026, 12, 8)),
        Item(2, "follow_up", TODAY),
        Item(3, "follow_up", date(2026, 11, 28)),
        Item(4, "review", date(2025, 12, 22)),
        Item(5, "stale_social_map", date(2026, 12, 3)),
    ]
    ordered = in_order(items, today=TODAY)
    assert [i.pk for i in ordered] == [4, 3, 2, 5, 1]
    assert [i.due.when for i in ordered] == [
        When.LATE,
        When.LATE,
        When.TODAY,
        When.LATER,
        When.LATER,
    ]
    assert ordered[0].due.days_late == 344


def test_within_one_day_what_cannot_wait_comes_first():
    items = [
        Item(1, "stale_social_map", TODAY),
        Item(2, "review", TODAY),
        Item(3, "escalation", TODAY),
        Item(4, "follow_up", TODAY),
        Item(5, "something_new", TODAY),
        Item(6, "failed_notification", TODAY),
    ]
    assert [i.pk for i in in_order(items, today=TODAY)] == [3, 6, 4, 2, 1, 5]


def test_the_turn_of_the_year_counts_days_not_dates():
    assert due_state(date(2026, 12, 31), date(2027, 1, 2)) == Due(When.LATE, 2)
