from datetime import date

import pytest

from activiteiten import selectors

from .factories import ActivityFactory, VolunteerFactory, kind

pytestmark = pytest.mark.django_db


def test_taking_part_in_an_activity_counts_as_deployed_in_that_period(village):
    joined, joined_twice, never = VolunteerFactory.create_batch(3, village=village)
    ActivityFactory(village=village, starts_on=date(2024, 3, 1), volunteers=[joined, joined_twice])
    ActivityFactory(village=village, starts_on=date(2024, 9, 1), volunteers=[joined_twice])

    deployed = selectors.deployed_volunteer_ids(village, date(2024, 1, 1), date(2024, 12, 31))

    assert deployed == {joined.pk, joined_twice.pk}
    assert never.pk not in deployed


def test_deployment_counts_in_the_period_the_activity_started(village):
    volunteer = VolunteerFactory(village=village)
    ActivityFactory(
        village=village,
        starts_on=date(2024, 12, 30),
        ends_on=date(2025, 1, 3),
        volunteers=[volunteer],
    )
    assert selectors.deployed_volunteer_ids(village, date(2024, 1, 1), date(2024, 12, 31)) == {
        volunteer.pk
    }
    assert selectors.deployed_volunteer_ids(village, date(2025, 1, 1), date(2025, 12, 31)) == set()


def test_deployment_is_per_village(village, other_village):
    theirs = VolunteerFactory(village=other_village)
    ActivityFactory(village=other_village, starts_on=date(2024, 3, 1), volunteers=[theirs])
    assert selectors.deployed_volunteer_ids(village, date(2024, 1, 1), date(2024, 12, 31)) == set()


def test_deployed_volunteer_ids_is_one_query(village, django_assert_num_queries):
    ActivityFactory(village=village, volunteers=VolunteerFactory.create_batch(3, village=village))
    with django_assert_num_queries(1):
        selectors.deployed_volunteer_ids(village, date(2025, 1, 1), date(2025, 12, 31))


def test_participants_per_kind_count_different_volunteers_and_activities(village, other_village):
    collectors = VolunteerFactory.create_batch(4, village=village)
    testers = VolunteerFactory.create_batch(2, village=village)
    collecte = kind("voedselbankcollecte")
    ActivityFactory(village=village, kind=collecte, starts_on=date(2024, 4, 1),
                    volunteers=collectors[:3])  # fmt: skip
    ActivityFactory(village=village, kind=collecte, starts_on=date(2024, 10, 1),
                    volunteers=collectors[1:])  # fmt: skip
    ActivityFactory(village=village, kind=kind("fittest"), starts_on=date(2024, 6, 1),
                    volunteers=testers)  # fmt: skip
    ActivityFactory(village=village, kind=kind("flyerronde"), starts_on=date(2023, 6, 1),
                    volunteers=testers)  # fmt: skip
    ActivityFactory(village=other_village, kind=collecte, starts_on=date(2024, 4, 1),
                    volunteers=VolunteerFactory.create_batch(5, village=other_village))  # fmt: skip

    rows = selectors.participants_per_kind(village, 2024)

    assert [(r.code, r.volunteers, r.activities) for r in rows] == [
        ("voedselbankcollecte", 4, 2),
        ("fittest", 2, 1),
    ]


def test_participants_per_kind_is_one_query(village, django_assert_num_queries):
    ActivityFactory(village=village, volunteers=VolunteerFactory.create_batch(2, village=village))
    with django_assert_num_queries(1):
        selectors.participants_per_kind(village, 2025)


def test_a_volunteers_activities_are_theirs_only_and_newest_first(village):
    volunteer, other = VolunteerFactory.create_batch(2, village=village)
    old = ActivityFactory(village=village, starts_on=date(2024, 1, 1), volunteers=[volunteer])
    new = ActivityFactory(village=village, starts_on=date(2025, 1, 1), volunteers=[volunteer])
    ActivityFactory(village=village, starts_on=date(2025, 2, 1), volunteers=[other])
    assert selectors.activities_for_volunteer(volunteer) == [new, old]
