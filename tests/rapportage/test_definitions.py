"""Each definition of the yearly overview on the crafted year (tests/rapportage/conftest.py)."""

from datetime import date, timedelta

import pytest

from rapportage import definitions as d

from . import factories as f
from .factories import at

pytestmark = pytest.mark.django_db


def one(definition, year_fixture, year):
    return definition([year_fixture.village.pk], year)[year_fixture.village.pk]


# --- pure helpers ------------------------------------------------------------------------


def test_year_moments_are_amsterdam_midnights():
    start, end = d.year_moments(2024)
    assert start.isoformat() == "2024-01-01T00:00:00+01:00"
    assert end.isoformat() == "2025-01-01T00:00:00+01:00"


def test_days_one_decimal_rounds_half_up():
    assert d.days_one_decimal(timedelta(hours=60)) == 2.5
    assert d.days_one_decimal(timedelta(hours=25)) == 1.0
    assert d.days_one_decimal(timedelta(hours=3)) == 0.1
    assert d.days_one_decimal(None) is None


def test_median_of_middle_averages_the_two_middle_values():
    assert d.median_of_middle([2.0, 4.0]) == 3.0
    assert d.median_of_middle([5.0]) == 5.0
    assert d.median_of_middle([]) is None


# --- the crafted year --------------------------------------------------------------------


def test_one_off_counts_several_volunteer_job_on_its_own_line(crafted_year):
    assert one(d.one_off_carried_out, crafted_year, 2024) == {
        # vervoer: the ride of 5 March and the one taken in at 23:30 on New Year's Eve.
        "by_category": {"vervoer": 2, "klus": 1},
        "with_several_volunteers": 1,
        "total": 4,
    }


def test_one_off_is_dated_by_the_day_it_was_needed(crafted_year):
    assert one(d.one_off_carried_out, crafted_year, 2023)["by_category"] == {"vervoer": 1}
    # Taken in in December 2024, needed on 2 January 2025.
    assert one(d.one_off_carried_out, crafted_year, 2025)["by_category"] == {"vervoer": 1}


def test_recurring_counts_one_started_the_year_before_and_one_stopped_mid_year(crafted_year):
    assert one(d.recurring_active, crafted_year, 2024) == {
        "by_category": {"gezelschap": 1, "vervoer": 1},
        "total": 2,
        "stopped_in_year": 1,
    }


def test_recurring_ended_in_december_counts_in_that_year_only(crafted_year):
    assert one(d.recurring_active, crafted_year, 2023) == {
        "by_category": {"gezelschap": 1, "tuin": 1},
        "total": 2,
        "stopped_in_year": 1,
    }


def test_recurring_starting_next_year_counts_next_year(crafted_year):
    assert one(d.recurring_active, crafted_year, 2025)["by_category"] == {"gezelschap": 2}


def test_recurring_ended_without_logbook_row_uses_status_change_moment(village):
    f.resident(village)
    request = f.help_request(
        village,
        "tuin",
        intake=f.at(2022, 3, 1),
        status="ended",
        is_recurring=True,
        recurrence_start=date(2022, 4, 1),
    )
    request.status_changed_at = f.at(2023, 5, 1)
    request.save()
    assert d.recurring_active([village.pk], 2023)[village.pk]["stopped_in_year"] == 1
    assert d.recurring_active([village.pk], 2024) == {}


def test_without_volunteer_by_status_reason_and_kind(crafted_year):
    assert one(d.without_volunteer, crafted_year, 2024) == {
        "informed": 1,
        "referred": 1,
        "rejected": 1,
        "not_gone_ahead": 1,
        "referred_by_kind": {"municipality": 1},
        "rejected_by_reason": {"te_groot": 1},
        "not_gone_ahead_by_reason": {"afgezegd": 1},
    }


def test_referral_in_january_counts_in_the_new_year(crafted_year):
    figures = one(d.without_volunteer, crafted_year, 2025)
    assert figures["referred"] == 1
    assert figures["referred_by_kind"] == {"municipality": 1}


def test_activities_count_different_volunteers_per_kind(crafted_year):
    assert one(d.activity_volunteers, crafted_year, 2024) == {"voedselbankcollecte": 2}
    assert one(d.activity_volunteers, crafted_year, 2023) == {"fittest": 1}


def test_activities_agree_with_activiteiten_selector(crafted_year):
    from activiteiten.selectors import participants_per_kind

    theirs = {k.code: k.volunteers for k in participants_per_kind(crafted_year.village, 2024)}
    assert one(d.activity_volunteers, crafted_year, 2024) == theirs


def test_loans_count_loans_started_in_the_year(crafted_year):
    assert one(d.loans_started, crafted_year, 2024) == {"rolstoel": 1, "rollator": 1}
    assert one(d.loans_started, crafted_year, 2023) == {"rolstoel": 1}


def test_loans_agree_with_uitleen_selector(crafted_year):
    from uitleen.selectors import loans_started_per_type

    theirs = {t.code: t.count for t in loans_started_per_type(crafted_year.village, 2024)}
    assert one(d.loans_started, crafted_year, 2024) == theirs


def test_volunteers_registered_deployed_new_and_stopped(crafted_year):
    # Registered: A B C F G (B stopped mid-2024 still counts; D stopped in 2023; E is 2025).
    # Deployed: A, B and C on the three-volunteer job, C and A at the collection, G carrying
    # the recurring companionship; F was never asked.
    assert one(d.volunteers, crafted_year, 2024) == {
        "registered": 5,
        "deployed": 4,
        "new": 1,
        "stopped": 1,
    }


def test_volunteer_who_stopped_mid_year_is_registered_that_year_not_the_next(crafted_year):
    assert one(d.volunteers, crafted_year, 2025)["registered"] == 5  # A C E F G


def test_activity_alone_counts_as_deployed(village):
    vol = f.volunteer(village, date(2020, 1, 1))
    f.activity(village, "fittest", date(2024, 4, 4), [vol])
    assert d.volunteers([village.pk], 2024)[village.pk]["deployed"] == 1
    assert d.volunteers([village.pk], 2023)[village.pk]["deployed"] == 0


def test_done_match_without_task_date_uses_the_requests_date(village):
    f.resident(village)
    vol = f.volunteer(village, date(2020, 1, 1))
    request = f.help_request(
        village, "klus", intake=at(2024, 12, 1), status="done", needed_on=date(2025, 1, 3)
    )
    f.match(request, vol, accepted=at(2024, 12, 2))
    assert d.volunteers([village.pk], 2024)[village.pk]["deployed"] == 0
    assert d.volunteers([village.pk], 2025)[village.pk]["deployed"] == 1


def test_match_that_did_not_happen_is_not_deployment(village):
    f.resident(village)
    vol = f.volunteer(village, date(2020, 1, 1))
    request = f.help_request(
        village, "klus", intake=at(2024, 3, 1), status="cancelled", needed_on=date(2024, 3, 3)
    )
    f.match(
        request, vol, accepted=at(2024, 3, 2), status="not_happened", task_date=date(2024, 3, 3)
    )
    assert d.volunteers([village.pk], 2024)[village.pk]["deployed"] == 0


def test_intake_per_month_channel_and_referrer(crafted_year):
    assert one(d.intake, crafted_year, 2024) == {
        # January: the food-bank ride; December: New Year's Eve, 20, 28 and 30 December.
        "by_month": [1, 0, 1, 2, 2, 1, 0, 1, 1, 0, 0, 4],
        "by_channel": {"telefoon": 10, "email": 1, "doorverwijzing": 1, "inloop": 1},
        "referred_to_us_by_kind": {"welfare": 1},
    }


def test_intake_half_past_midnight_on_new_years_day_is_january(crafted_year):
    assert one(d.intake, crafted_year, 2025)["by_month"][0] == 1


def test_signals_passed_on_per_kind(crafted_year):
    assert one(d.signals_passed_on, crafted_year, 2024) == {"municipality": 1}
    assert one(d.signals_passed_on, crafted_year, 2025) == {"municipality": 1}


def test_median_days_to_the_first_accepted_match(crafted_year):
    # Waits of the requests matched in 2024: 1, 3 and 2.5 days.
    assert one(d.median_days_to_volunteer, crafted_year, 2024) == 2.5


def test_median_of_an_even_number_averages_the_middle_two(village):
    f.resident(village)
    vol = f.volunteer(village, date(2020, 1, 1))
    for day, wait_days in ((1, 1), (2, 2), (3, 4), (4, 10)):
        request = f.help_request(village, "klus", intake=at(2024, 3, day), status="done")
        f.match(request, vol, accepted=at(2024, 3, day) + timedelta(days=wait_days))
    assert d.median_days_to_volunteer([village.pk], 2024) == {village.pk: 3.0}


def test_villages_side_by_side_and_together(crafted_year, other_village):
    f.resident(other_village)
    f.help_request(
        other_village, "vervoer", intake=at(2024, 2, 2), status="done", needed_on=date(2024, 2, 3)
    )
    ids = [crafted_year.village.pk, other_village.pk]
    side = d.one_off_carried_out(ids, 2024)
    assert side[other_village.pk]["by_category"] == {"vervoer": 1}
    assert side[crafted_year.village.pk]["total"] == 4
    together = d.one_off_carried_out(ids, 2024, by_village=False)[d.TOTAL]
    assert together["by_category"] == {"vervoer": 3, "klus": 1}
    assert together["total"] == 5


def test_other_villages_data_stays_out(crafted_year, other_village):
    f.resident(other_village)
    f.help_request(
        other_village, "vervoer", intake=at(2024, 2, 2), status="done", needed_on=date(2024, 2, 3)
    )
    assert one(d.one_off_carried_out, crafted_year, 2024)["total"] == 4


def test_each_table_is_a_constant_number_of_queries(crafted_year, django_assert_max_num_queries):
    with django_assert_max_num_queries(len(d.TABLES)):
        d.figures_per_scope([crafted_year.village.pk], 2024, by_village=True)


@pytest.mark.postgres
def test_definitions_on_postgresql(crafted_year):
    figures = d.figures_per_scope([crafted_year.village.pk], 2024, by_village=False)[d.TOTAL]
    assert figures["one_off"]["total"] == 4
    assert figures["recurring"]["stopped_in_year"] == 1
    assert figures["volunteers"]["deployed"] == 4
    assert figures["median_days_to_volunteer"] == 2.5
    assert figures["by_month"][11] == 4
