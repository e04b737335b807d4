"""Queries put together once and run with each call's values (koppelingen.compiled): the
rows are the queryset's own for every call, and a query that does not take its values as
values is refused."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from accounts.id_lists import in_ids
from koppelingen import compiled
from vrijwilligers.models import Volunteer

pytestmark = pytest.mark.django_db
# Other databases run the querysets as they are: nothing is compiled there to refuse.
compiled_here = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="compiled once on PostgreSQL only"
)


def asked_since(ids, day, moment):
    return (
        Volunteer.objects.filter(in_ids("pk", ids), last_asked_on__gte=day)
        .values("village_id")
        .annotate(n=Count("pk"), later=Count("pk", filter=Q(created_at__gte=moment)))
        .order_by("village_id")
    )


def test_every_call_gets_the_rows_of_its_own_values(make_volunteer):
    today = date(2026, 3, 10)
    people = [make_volunteer(last_asked_on=today - timedelta(days=n)) for n in range(6)]
    ids = [v.pk for v in people]
    moment = timezone.now() - timedelta(days=1)
    for some, day in [
        (ids, today - timedelta(days=2)),
        (ids[:2], today),
        (ids[3:], date(2020, 1, 1)),
    ]:
        rows = compiled.rows(
            "test.asked_since", asked_since, model=Volunteer, ids=some, day=day, moment=moment
        )
        assert rows == list(asked_since(some, day, moment))
    assert compiled.rows(
        "test.asked_since", asked_since, model=Volunteer, ids=ids, day=today, moment=moment
    ) == [{"village_id": people[0].village_id, "n": 1, "later": 1}]


@compiled_here
def test_a_query_that_computes_with_its_value_is_refused(make_volunteer):
    make_volunteer()

    def day_after(ids, day):
        return Volunteer.objects.filter(in_ids("pk", ids), last_asked_on__gte=day + timedelta(1))

    with pytest.raises(ValueError, match="day"):
        compiled.rows("test.day_after", day_after, model=Volunteer, ids=[1], day=date(2026, 1, 1))


def test_an_empty_list_is_refused_before_any_query():
    with pytest.raises(ValueError, match="empty"):
        compiled.rows("test.empty", asked_since, model=Volunteer, ids=[], day=date.today())


def test_stand_ins_keep_their_kind_and_differ_per_value():
    moment = timezone.now()
    values = [5, date(2026, 1, 1), moment, [1, 2]]
    stand_ins = [compiled.stand_in(value, i) for i, value in enumerate(values)]
    assert [type(s) for s in stand_ins] == [int, date, datetime, list]
    assert stand_ins[2].tzinfo is not None
    assert compiled.stand_in(5, 0) != compiled.stand_in(5, 1)
    assert compiled.stand_in(date(2026, 1, 1), 0) != compiled.stand_in(date(2026, 1, 1), 1)
    with pytest.raises(TypeError):
        compiled.stand_in(True, 0)


def test_a_tuple_is_one_placeholder_per_id_and_compiled_per_length(make_volunteer, village):
    from tests.factories import VillageFactory

    elsewhere = VillageFactory(name="Elders")
    home = [make_volunteer() for _ in range(2)]
    away = [make_volunteer(village=elsewhere) for _ in range(3)]

    def of_village_and(village_id, also):
        return (
            Volunteer.objects.filter(Q(village_id=village_id) | Q(pk__in=also))
            .values("pk")
            .order_by("pk")
        )

    for also in [(), (away[0].pk,), (away[2].pk, away[1].pk), (away[1].pk,)]:
        rows = compiled.rows(
            "test.of_village_and", of_village_and, model=Volunteer, village_id=village.pk, also=also
        )
        assert rows == list(of_village_and(village.pk, also))
        assert [row["pk"] for row in rows] == sorted([v.pk for v in home] + list(also))


def report_of(assignment):
    from koppelingen.models import TaskReport

    try:
        return assignment.report.pk
    except TaskReport.DoesNotExist:
        return None


def test_objects_are_the_querysets_own_with_what_it_selects_related(
    ride, coordinator, make_volunteer, django_assert_num_queries
):
    from koppelingen import services
    from koppelingen.models import Assignment, TaskReport

    ride.volunteers_needed = 2
    ride.save()
    first, second = make_volunteer(first_name="Hilje"), make_volunteer(first_name="Roelf")
    yes, other = services.invitations_send(
        help_request=ride, volunteers=[first, second], by=coordinator
    )
    services.invitation_accept(invitation=yes, by=coordinator)
    services.invitation_accept(invitation=other, by=coordinator)
    TaskReport.objects.create(
        assignment=Assignment.objects.get(invitation=yes), outcome=TaskReport.Outcome.DONE
    )

    def matches(help_request_id):
        return (
            Assignment.objects.filter(help_request_id=help_request_id)
            .select_related("volunteer__village", "report")
            .order_by("accepted_at")
        )

    for _ in range(2):  # compiled, then from the cache
        built = compiled.objects("test.matches", matches, model=Assignment, help_request_id=ride.pk)
        expected = list(matches(ride.pk))
        assert built == expected
        with django_assert_num_queries(0):  # what is selected related is there
            for mine, theirs in zip(built, expected, strict=True):
                assert mine.__dict__.keys() == theirs.__dict__.keys()
                assert mine.volunteer.full_name == theirs.volunteer.full_name
                assert mine.volunteer.village.name == theirs.volunteer.village.name
                assert report_of(mine) == report_of(theirs)
    assert [a.volunteer for a in built] == [first, second]
    assert built[0].report.outcome == TaskReport.Outcome.DONE
    assert report_of(built[1]) is None
    assert compiled.objects("test.matches", matches, model=Assignment, help_request_id=-1) == []


@compiled_here
def test_objects_refuses_what_it_does_not_build():
    def prefetching(help_request_id):
        return Volunteer.objects.filter(village_id=help_request_id).prefetch_related("categories")

    with pytest.raises(ValueError, match="plain model instances"):
        compiled.objects("test.prefetching", prefetching, model=Volunteer, help_request_id=1)
