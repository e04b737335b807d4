"""The overview's figures of several years in one go (`definitions.figures_of_years`) are
those of each year asked on its own: grouping by year must not move a record across New
Year, and the median of the villages together is not an average of their medians."""

from datetime import date, timedelta

import pytest

from rapportage import definitions as d

from . import factories as f
from .factories import at

pytestmark = pytest.mark.django_db


def year_by_year(ids, year):
    """The figures of one year through the one-year definitions (as before)."""
    per_village = d.figures_per_scope(ids, year, by_village=True)
    together = per_village[ids[0]] if len(ids) == 1 else d.total_of(ids, year, per_village)
    return together, per_village


@pytest.mark.parametrize("years", [(2024, 2025), (2023, 2024)])
def test_two_years_at_once_are_each_year_on_its_own(crafted_year, other_village, years):
    f.resident(other_village)
    vol = f.volunteer(other_village, date(2020, 1, 1))
    # Taken in at 00:30 on 1 January 2025 (31 December 2024 in UTC), matched that day.
    request = f.help_request(other_village, "klus", intake=at(2025, 1, 1, 0, 30), status="done")
    f.match(request, vol, accepted=at(2025, 1, 1, 12))
    ids = [crafted_year.village.pk, other_village.pk]
    both = d.figures_of_years(ids, list(years))
    for year in years:
        assert both[year] == year_by_year(ids, year)


def test_half_past_midnight_on_new_years_day_counts_in_the_new_year(village):
    f.resident(village)
    f.help_request(village, "klus", intake=at(2025, 1, 1, 0, 30), status="new")
    f.help_request(village, "klus", intake=at(2024, 12, 31, 23, 30), status="new")
    both = d.figures_of_years([village.pk], [2024, 2025])
    assert both[2025][0]["by_month"] == [1] + [0] * 11
    assert both[2024][0]["by_month"] == [0] * 11 + [1]


def test_one_village_in_one_year_is_as_before(crafted_year):
    ids = [crafted_year.village.pk]
    assert d.figures_of_years(ids, [2024])[2024] == year_by_year(ids, 2024)


def test_a_village_without_data_has_every_key_and_no_median(crafted_year, other_village):
    ids = [crafted_year.village.pk, other_village.pk]
    together, per_village = d.figures_of_years(ids, [2023, 2024])[2024]
    assert per_village[other_village.pk] == d.empty_figures()
    assert together["median_days_to_volunteer"] == 2.5  # the crafted village's alone
    nothing, _ = d.figures_of_years([other_village.pk], [2024])[2024]
    assert nothing == d.empty_figures()


def _waits(village, vol, year, days):
    for i, wait in enumerate(days, start=1):
        request = f.help_request(village, "klus", intake=at(year, 3, i), status="done")
        f.match(request, vol, accepted=at(year, 3, i) + timedelta(days=wait))


def test_medians_per_village_and_together_odd_and_even(village, other_village):
    for v in (village, other_village):
        f.resident(v)
    one = f.volunteer(village, date(2020, 1, 1))
    two = f.volunteer(other_village, date(2020, 1, 1))
    _waits(village, one, 2024, [1, 2, 9])  # odd: 2
    _waits(other_village, two, 2024, [3, 4, 5, 20])  # even: (4 + 5) / 2
    _waits(village, one, 2025, [6, 8])  # even: 7; the other village has none in 2025
    medians = d.medians_days_to_volunteer([village.pk, other_village.pk], [2024, 2025])
    # Together in 2024: 1 2 3 4 5 9 20, the middle one is 4 (not the mean of 2 and 4.5).
    assert medians[2024] == {village.pk: 2.0, other_village.pk: 4.5, d.TOTAL: 4.0}
    assert medians[2025] == {village.pk: 7.0, d.TOTAL: 7.0}


def test_median_counts_a_request_in_the_year_of_its_first_match_only(village):
    f.resident(village)
    vol = f.volunteer(village, date(2020, 1, 1))
    other = f.volunteer(village, date(2020, 1, 1))
    request = f.help_request(village, "klus", intake=at(2024, 12, 30), status="done")
    f.match(request, vol, accepted=at(2024, 12, 31, 12))  # first match: 2024
    f.match(request, other, accepted=at(2025, 1, 5))  # a later one in 2025 does not count
    medians = d.medians_days_to_volunteer([village.pk], [2024, 2025])
    assert medians == {2024: {village.pk: 1.1, d.TOTAL: 1.1}}


def test_a_query_compiled_for_one_village_and_year_counts_the_next_ones_own(
    crafted_year, other_village
):
    """The queries are compiled once per shape with stand-ins: another village or year of
    the same shape gets its own figures, never the first one's."""
    f.resident(other_village)
    f.help_request(other_village, "klus", intake=at(2021, 6, 1), status="new")
    first = d.figures_of_years([crafted_year.village.pk], [2023, 2024])
    other = d.figures_of_years([other_village.pk], [2020, 2021])
    again = d.figures_of_years([crafted_year.village.pk], [2023, 2024])
    assert first == again
    assert first[2024][0]["by_month"] == [1, 0, 1, 2, 2, 1, 0, 1, 1, 0, 0, 4]
    assert other[2021][0]["by_month"] == [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]
    assert other[2020][0] == d.empty_figures()
    assert d.requests_per_month([other_village.pk], 2019, 2021) == {
        2021: other[2021][0]["by_month"]
    }
