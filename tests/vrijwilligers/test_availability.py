"""The pure availability rules: no database."""

from datetime import date, time

import pytest

from vrijwilligers.availability import (
    Daypart,
    VolunteerFacts,
    VolunteerStatus,
    daypart_for,
    is_available,
)

TUESDAY = date(2026, 8, 4)  # a Tuesday
TUE_MORNING = (1, Daypart.MORNING)


def facts(**kwargs):
    kwargs.setdefault("weekly_slots", frozenset({TUE_MORNING}))
    return VolunteerFacts(**kwargs)


def test_active_volunteer_is_available_in_their_weekly_slot():
    assert is_available(facts(), TUESDAY, Daypart.MORNING)


def test_not_available_in_a_daypart_outside_the_pattern():
    assert not is_available(facts(), TUESDAY, Daypart.EVENING)


def test_not_available_on_another_weekday():
    assert not is_available(facts(), date(2026, 8, 5), Daypart.MORNING)


def test_absence_blocks_its_first_and_last_day():
    away = facts(absence_periods=((date(2026, 8, 4), date(2026, 8, 11)),))
    assert not is_available(away, date(2026, 8, 4), Daypart.MORNING)
    assert not is_available(away, date(2026, 8, 11), Daypart.MORNING)
    assert is_available(away, date(2026, 8, 18), Daypart.MORNING)


def test_paused_until_further_notice_is_never_available():
    assert not is_available(facts(status=VolunteerStatus.PAUSED), TUESDAY, Daypart.MORNING)


def test_pause_with_end_date_ends_after_that_day():
    paused = facts(status=VolunteerStatus.PAUSED, paused_until=date(2026, 8, 4))
    assert not is_available(paused, date(2026, 8, 4), Daypart.MORNING)
    assert is_available(paused, date(2026, 8, 11), Daypart.MORNING)


@pytest.mark.parametrize("status", [VolunteerStatus.SIGNED_UP, VolunteerStatus.STOPPED])
def test_signed_up_and_stopped_volunteers_are_not_available(status):
    assert not is_available(facts(status=status), TUESDAY, Daypart.MORNING)


def test_a_day_in_the_past_is_not_available_when_today_is_given():
    assert not is_available(facts(), TUESDAY, Daypart.MORNING, today=date(2026, 8, 5))
    assert is_available(facts(), TUESDAY, Daypart.MORNING, today=TUESDAY)


def test_daypart_string_values_work_as_well_as_the_enum():
    assert is_available(facts(), TUESDAY, "morning")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (time(6, 30), Daypart.MORNING),
        (time(11, 59), Daypart.MORNING),
        (time(12, 0), Daypart.AFTERNOON),
        (time(17, 59), Daypart.AFTERNOON),
        (time(18, 0), Daypart.EVENING),
        (time(23, 0), Daypart.EVENING),
    ],
)
def test_daypart_for_a_time_of_day(moment, expected):
    assert daypart_for(moment) == expected


@pytest.mark.django_db
def test_a_prefetched_model_instance_answers_without_queries(django_assert_num_queries, village):
    from vrijwilligers.models import Volunteer
    from vrijwilligers.selectors import with_availability

    from .factories import AbsenceFactory, VolunteerFactory

    volunteer = VolunteerFactory(village=village, slots=[TUE_MORNING])
    AbsenceFactory(volunteer=volunteer, starts_on=date(2026, 8, 10), ends_on=date(2026, 8, 20))
    loaded = with_availability(Volunteer.objects.filter(pk=volunteer.pk), today=TUESDAY).get()
    with django_assert_num_queries(0):
        assert is_available(loaded, TUESDAY, Daypart.MORNING, today=TUESDAY)
        assert not is_available(loaded, date(2026, 8, 11), Daypart.MORNING, today=TUESDAY)
