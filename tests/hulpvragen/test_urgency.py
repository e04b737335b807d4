from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hulpvragen.urgency import MAX_WAIT, Urgency, is_overdue

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.mark.parametrize("urgency", Urgency.values)
def test_waiting_longer_than_the_urgency_allows_is_overdue(urgency):
    created = NOW - MAX_WAIT[urgency] - timedelta(minutes=1)
    assert is_overdue(urgency=urgency, status="new", created_at=created, now=NOW)


@pytest.mark.parametrize("urgency", Urgency.values)
def test_within_the_waiting_time_is_not_overdue(urgency):
    created = NOW - MAX_WAIT[urgency] + timedelta(minutes=1)
    assert not is_overdue(urgency=urgency, status="new", created_at=created, now=NOW)


def test_a_matched_request_is_no_longer_waiting():
    created = NOW - timedelta(days=30)
    assert not is_overdue(urgency="today", status="matched", created_at=created, now=NOW)


def test_today_is_stricter_than_no_hurry():
    created = NOW - timedelta(days=1)
    assert is_overdue(urgency="today", status="searching", created_at=created, now=NOW)
    assert not is_overdue(urgency="no_hurry", status="searching", created_at=created, now=NOW)
