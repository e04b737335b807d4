from datetime import date

from sociale_kaart.freshness import is_stale, stale_cutoff


def test_cutoff_is_twelve_months_back():
    assert stale_cutoff(date(2026, 11, 23)) == date(2025, 11, 23)


def test_cutoff_of_leap_day_falls_back_to_28_february():
    assert stale_cutoff(date(2028, 2, 29)) == date(2027, 2, 28)


def test_verified_exactly_a_year_ago_is_still_current():
    assert not is_stale(date(2025, 11, 23), date(2026, 11, 23))


def test_verified_a_year_and_a_day_ago_is_stale():
    assert is_stale(date(2025, 11, 22), date(2026, 11, 23))


def test_never_verified_is_stale():
    assert is_stale(None, date(2026, 11, 23))
