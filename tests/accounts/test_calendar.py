"""The one weekday numbering and the one time zone (accounts.calendar)."""

from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.utils import translation

from accounts.calendar import AMSTERDAM, Weekday


def test_weekdays_are_numbered_as_python_does_because_the_numbers_are_stored():
    week = [date(2025, 12, 1) + timedelta(days=n) for n in range(7)]
    assert [Weekday(day.weekday()) for day in week] == list(Weekday)
    assert Weekday.MONDAY == 0 and Weekday.SUNDAY == 6


def test_weekdays_read_in_lower_case_dutch():
    with translation.override("nl"):
        assert [str(label) for label in Weekday.labels][:2] == ["maandag", "dinsdag"]


def test_the_time_zone_is_the_one_django_runs_in_with_summer_time():
    assert str(AMSTERDAM) == settings.TIME_ZONE == "Europe/Amsterdam"
    winter = datetime(2025, 1, 15, 12, tzinfo=UTC).astimezone(AMSTERDAM)
    summer = datetime(2025, 7, 15, 12, tzinfo=UTC).astimezone(AMSTERDAM)
    assert (winter.hour, summer.hour) == (13, 14)
