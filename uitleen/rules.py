"""Plain rules for lending: when a loan is due back and when it is overdue.

No database here; every function gets `today` explicitly so tests can move time.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q

DEFAULT_LOAN_WEEKS = 6


def suggested_due_on(lent_on: date, weeks: int | None = None) -> date:
    """The date to suggest for bringing an aid back: the type's usual period after lending."""
    return lent_on + timedelta(weeks=weeks or DEFAULT_LOAN_WEEKS)


def is_overdue(*, due_on: date | None, returned_on: date | None, today: date) -> bool:
    """A loan is overdue when it is still out after the day it was due back.

    Due today is not overdue yet; a loan without a due date is never overdue (some aids are
    lent "as long as needed").
    """
    return returned_on is None and due_on is not None and due_on < today


def days_overdue(*, due_on: date | None, returned_on: date | None, today: date) -> int:
    """How many days past the due date an open loan is (0 when it is not overdue)."""
    if not is_overdue(due_on=due_on, returned_on=returned_on, today=today):
        return 0
    return (today - due_on).days


def overdue_condition(today: date) -> Q:
    """The database version of `is_overdue`, for filtering loans."""
    return Q(returned_on__isnull=True, due_on__lt=today)


def year_bounds(year: int) -> tuple[date, date]:
    """First and last day of a calendar year (inclusive), for range filters on an index."""
    return date(year, 1, 1), date(year, 12, 31)
