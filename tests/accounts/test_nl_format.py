from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from accounts.templatetags.nl_format import format_nl_date, format_nl_decimal, nl_datetime

TODAY = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def test_a_date_this_year_has_no_year_and_a_lower_case_month():
    assert format_nl_date(date(2026, 12, 7), today=TODAY) == "7 dec"
    assert format_nl_date(date(2026, 3, 22), today=TODAY) == "22 mrt"


def test_a_date_of_another_year_shows_the_year():
    assert format_nl_date(date(2025, 12, 7), today=TODAY) == "7 dec 2025"


def test_a_heading_names_the_weekday_in_full():
    assert format_nl_date(date(2026, 12, 7), "heading", today=TODAY) == "maandag 7 december"


def test_a_moment_is_shown_in_local_time():
    moment = datetime(2026, 6, 7, 12, 0, tzinfo=ZoneInfo("UTC"))
    assert nl_datetime(moment).endswith("14:00")


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (Decimal("0.800000000000000"), None, "0,8"),
        (Decimal("12.000"), None, "12"),
        (Decimal("100"), None, "100"),
        (Decimal("12.5"), 2, "12,50"),
        (None, None, ""),
    ],
)
def test_decimals_have_a_comma_and_no_trailing_zeros(value, places, shown):
    assert format_nl_decimal(value, places) == shown


def test_a_date_written_once_is_written_again_in_the_language_of_the_moment():
    from datetime import date

    from django.utils import translation

    from accounts.templatetags.nl_format import format_nl_date

    day, today = date(2026, 3, 4), date(2026, 12, 7)
    with translation.override("nl"):
        dutch = format_nl_date(day, "heading", today=today)
    with translation.override("en"):
        english = format_nl_date(day, "heading", today=today)
    with translation.override("nl"):
        assert format_nl_date(day, "heading", today=today) == dutch == "woensdag 4 maart"
    assert english == "Wednesday 4 March"
