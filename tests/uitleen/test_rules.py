from datetime import date

from uitleen.rules import days_overdue, is_overdue, suggested_due_on, year_bounds

TODAY = date(2025, 6, 10)


def test_a_loan_due_today_is_not_overdue_yet():
    assert not is_overdue(due_on=TODAY, returned_on=None, today=TODAY)


def test_a_loan_due_yesterday_is_overdue():
    assert is_overdue(due_on=date(2025, 6, 9), returned_on=None, today=TODAY)


def test_a_returned_loan_is_never_overdue():
    assert not is_overdue(due_on=date(2025, 1, 1), returned_on=date(2025, 3, 1), today=TODAY)


def test_a_loan_without_a_return_date_is_never_overdue():
    assert not is_overdue(due_on=None, returned_on=None, today=TODAY)


def test_days_overdue_counts_the_days_past_the_due_date():
    assert days_overdue(due_on=date(2025, 6, 1), returned_on=None, today=TODAY) == 9
    assert days_overdue(due_on=TODAY, returned_on=None, today=TODAY) == 0


def test_suggested_due_date_uses_the_weeks_given_or_six():
    assert suggested_due_on(date(2025, 6, 1), 8) == date(2025, 7, 27)
    assert suggested_due_on(date(2025, 6, 1)) == date(2025, 7, 13)


def test_year_bounds_are_inclusive_calendar_days():
    assert year_bounds(2024) == (date(2024, 1, 1), date(2024, 12, 31))
