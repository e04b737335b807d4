"""The rules for a volunteer who also helps a neighbouring village (vrijwilligers.sharing)."""

from datetime import date
from decimal import Decimal

from vrijwilligers import sharing

TUESDAY = date(2026, 12, 1)
WEDNESDAY = date(2026, 12, 2)


def test_only_kinds_agreed_and_still_offered_at_home_count_there():
    assert sharing.offers_there({1, 2, 3}, {2, 3, 4}) == {2, 3}


def test_dropping_a_kind_at_home_drops_it_in_the_other_village():
    assert sharing.offers_there({1}, {2}) == frozenset()


def test_the_smaller_distance_limit_holds_there():
    assert sharing.max_km_there(40, 15) == Decimal(15)
    assert sharing.max_km_there(10, 30) == Decimal(10)


def test_no_limit_on_either_side_means_the_other_one_holds():
    assert sharing.max_km_there(None, 20) == Decimal(20)
    assert sharing.max_km_there(25, None) == Decimal(25)
    assert sharing.max_km_there(None, None) is None


def test_agreed_weekdays_rule_out_other_days():
    assert sharing.helps_there_on([1, 3], TUESDAY)
    assert not sharing.helps_there_on([1, 3], WEDNESDAY)


def test_no_weekdays_agreed_means_every_day_and_no_date_is_not_ruled_out():
    assert sharing.helps_there_on([], WEDNESDAY)
    assert sharing.helps_there_on([1], None)


def test_contact_details_only_after_accepting_a_task_there():
    assert not sharing.contact_visible_elsewhere(
        has_planned_task=False, last_task_on=None, today=TUESDAY
    )
    assert sharing.contact_visible_elsewhere(
        has_planned_task=True, last_task_on=None, today=TUESDAY
    )


def test_contact_details_stay_two_weeks_after_the_last_task_there():
    last = date(2026, 11, 17)
    assert sharing.contact_visible_elsewhere(
        has_planned_task=False, last_task_on=last, today=date(2026, 12, 1)
    )
    assert not sharing.contact_visible_elsewhere(
        has_planned_task=False, last_task_on=last, today=date(2026, 12, 2)
    )
