"""Queries compiled once per shape (accounts.prepared): every call gets what its queryset
gives, and what the module cannot run with new values is refused."""

import threading
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import prepared
from accounts.id_lists import in_ids
from hulpvragen.lifecycle import Status
from sociale_kaart.models import Organisation
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory, category
from tests.koppelingen.factories import MatchableVolunteerFactory
from tests.sociale_kaart.factories import OrganisationFactory
from vrijwilligers.models import Volunteer

pytestmark = pytest.mark.django_db
# Other databases run the querysets as they are: nothing is compiled there to refuse.
compiled_here = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="compiled once on PostgreSQL only"
)


@pytest.fixture
def make_volunteer(village):
    def make(**kwargs):
        kwargs.setdefault("village", village)
        kwargs.setdefault("offers", [category("vervoer")])
        return MatchableVolunteerFactory(**kwargs)

    return make


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test compiles its own shapes (the keys are reused between tests)."""
    prepared._compiled.__dict__.pop("queries", None)
    yield
    prepared._compiled.__dict__.pop("queries", None)


# --- stand-ins -------------------------------------------------------------------------


def test_stand_ins_keep_their_kind_and_tuple_lengths_and_differ_per_value():
    moment = timezone.now()
    made = prepared.stand_ins(
        {"a": 5, "b": 6, "day": date(2026, 1, 1), "moment": moment, "ids": [1, 2], "t": "x"}
    )
    assert [type(s) for s in made.values()] == [int, int, date, datetime, list, str]
    assert made["a"] != made["b"]
    assert made["moment"].utcoffset() is not None
    assert len(made["ids"]) == 1  # one parameter, whatever the list's length
    nested = prepared.stand_ins({"pks": (1, 2, 3), "words": (("a",), ("b", "c")), "n": 1})
    assert [len(nested["pks"]), [len(w) for w in nested["words"]]] == [3, [1, 2]]
    flat = [*nested["pks"], *(w for words in nested["words"] for w in words), nested["n"]]
    assert len(set(flat)) == len(flat) == 7


def test_the_same_shape_gets_the_same_stand_ins():
    first = prepared.stand_ins({"v": 7, "pks": (3, 4), "day": date(2026, 12, 3), "q": "zorg"})
    again = prepared.stand_ins({"v": 8, "pks": (5, 6), "day": date(2025, 1, 1), "q": "hulp"})
    assert first == again
    assert first != prepared.stand_ins({"v": 7, "pks": (3,), "day": date(2026, 12, 3), "q": ""})


@pytest.mark.parametrize(
    "value",
    [True, None, 1.5, datetime(2026, 12, 3, 12, 0), ["1"], [True], {1, 2}, b"x"],
)
def test_only_ids_texts_dates_aware_datetimes_and_lists_of_ids_have_stand_ins(value):
    with pytest.raises(TypeError):
        prepared.stand_ins({"value": value})
    with pytest.raises(TypeError):
        prepared.stand_ins({"value": (1, value)})


def test_an_empty_list_is_refused_before_any_query():
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValueError, match="empty"):
        prepared.rows("test.empty", _asked_since, ids=[], day=date.today(), moment=timezone.now())
    assert len(queries) == 0


# --- rows -------------------------------------------------------------------------------


def _asked_since(ids, day, moment):
    return (
        Volunteer.objects.filter(in_ids("pk", ids), last_asked_on__gte=day)
        .values("village_id")
        .annotate(n=Count("pk"), later=Count("pk", filter=Q(created_at__gte=moment)))
        .order_by("village_id")
    )


def test_rows_of_dicts_are_the_querysets_for_every_call(make_volunteer):
    today = date(2026, 3, 10)
    people = [make_volunteer(last_asked_on=today - timedelta(days=n)) for n in range(6)]
    ids = [v.pk for v in people]
    moment = timezone.now() - timedelta(days=1)
    for some, day, since in [
        (ids, today - timedelta(days=2), moment),
        (ids[:2], today, moment),
        (ids[3:], date(2020, 1, 1), moment + timedelta(days=2)),
    ]:
        rows = prepared.rows("test.asked_since", _asked_since, ids=some, day=day, moment=since)
        assert rows == list(_asked_since(some, day, since))
    assert prepared.rows("test.asked_since", _asked_since, ids=ids, day=today, moment=moment) == [
        {"village_id": people[0].village_id, "n": 1, "later": 1}
    ]


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
        rows = prepared.rows(
            "test.of_village_and", of_village_and, village_id=village.pk, also=also
        )
        assert rows == list(of_village_and(village.pk, also))
        assert [row["pk"] for row in rows] == sorted([v.pk for v in home] + list(also))


def _names(village_id, pks):
    return (
        Organisation.objects.filter(villages=village_id, pk__in=pks)
        .order_by("name")
        .values_list("pk", "name")
    )


def test_rows_of_tuples_are_the_querysets_for_every_call_of_a_shape(village, other_village):
    here = [OrganisationFactory(name=f"Hier {n}", villages=[village]) for n in range(2)]
    there = [OrganisationFactory(name=f"Daar {n}", villages=[other_village]) for n in range(2)]
    everything = tuple(o.pk for o in here + there)
    for chosen, pks in ((village, everything), (other_village, everything), (village, (0,) * 4)):
        expected = list(_names(chosen.pk, pks))
        assert prepared.rows("test names", _names, village_id=chosen.pk, pks=pks) == expected
    assert prepared.rows("test names", _names, village_id=other_village.pk, pks=everything) == [
        (there[0].pk, "Daar 0"),
        (there[1].pk, "Daar 1"),
    ]


def test_flat_rows_are_single_values(village):
    made = [OrganisationFactory(name=name, villages=[village]) for name in ("B", "A")]

    def pks(village_id):
        return (
            Organisation.objects.filter(villages=village_id)
            .order_by("name")
            .values_list("pk", flat=True)
        )

    for _ in range(2):
        assert prepared.rows("test flat", pks, village_id=village.pk) == [made[1].pk, made[0].pk]


def test_a_shape_is_built_once_and_runs_one_query(village):
    OrganisationFactory(name="Dorpshuis", villages=[village])
    built = []

    def build(village_id):
        built.append(village_id)
        return Organisation.objects.filter(villages=village_id).values_list("name")

    prepared.rows("test built once", build, village_id=village.pk)
    with CaptureQueriesContext(connection) as queries:
        assert prepared.rows("test built once", build, village_id=village.pk) == [("Dorpshuis",)]
    assert len(queries) == 1
    if connection.vendor == "postgresql":
        assert len(built) == 1  # with the stand-ins, then never again


def test_another_build_under_the_same_key_is_compiled_on_its_own(village):
    OrganisationFactory(name="Dorpshuis", villages=[village], town="Ezinge")

    def names(village_id):
        return Organisation.objects.filter(villages=village_id).values_list("name")

    def towns(village_id):
        return Organisation.objects.filter(villages=village_id).values_list("town")

    assert prepared.rows("test same key", names, village_id=village.pk) == [("Dorpshuis",)]
    assert prepared.rows("test same key", towns, village_id=village.pk) == [("Ezinge",)]


def _by_text(kind, names):
    condition = Q()
    for name in names:
        condition |= Q(name__contains=name)
    return Organisation.objects.filter(condition, kind=kind).order_by("name").values_list("name")


def test_texts_are_compared_as_given_and_looked_for_with_like_escaped(village):
    for name in ("50% korting", "50 euro korting", "a_b", "axb", "back\\slash", "backslash"):
        OrganisationFactory(name=name, kind="other", villages=[village])
    OrganisationFactory(name="50% elders", kind="gp", villages=[village])
    for kind, names in (
        ("other", ("0% k", "a_b")),
        ("other", ("\\s", "xyz")),
        ("gp", ("50%", "zstandin0z")),
        ("other", ("", "nothing")),
    ):
        expected = list(_by_text(kind, names))
        assert prepared.rows("test texts", _by_text, kind=kind, names=names) == expected
    assert prepared.rows("test texts", _by_text, kind="other", names=("0% k", "a_b")) == [
        ("50% korting",),
        ("a_b",),
    ]


def test_texts_in_case_insensitive_patterns_are_escaped_as_well(village):
    for name in ("50% Korting", "Korting 50%", "a_b stichting", "axb stichting"):
        OrganisationFactory(name=name, villages=[village])

    def found(start, middle, end):
        return (
            Organisation.objects.filter(
                Q(name__istartswith=start) | Q(name__icontains=middle) | Q(name__iendswith=end)
            )
            .order_by("name")
            .values_list("name", flat=True)
        )

    for start, middle, end in (("50%", "qq", "qq"), ("qq", "A_B", "qq"), ("qq", "qq", "0%")):
        expected = list(found(start, middle, end))
        assert len(expected) == 1
        assert prepared.rows("test patterns", found, start=start, middle=middle, end=end) == (
            expected
        )


def test_an_empty_tuple_matches_nothing_without_a_query(village):
    OrganisationFactory(villages=[village])
    with CaptureQueriesContext(connection) as queries:
        assert prepared.rows("test names", _names, village_id=village.pk, pks=()) == []
        assert (
            prepared.count(
                "test empty", lambda pks: Organisation.objects.filter(pk__in=pks), pks=()
            )
            == 0
        )
    if connection.vendor == "postgresql":
        assert len(queries) == 0


def test_rows_takes_values_querysets_only(village):
    with pytest.raises(TypeError, match="values"):
        prepared.rows("test instances", lambda: Organisation.objects.all())


# --- count ------------------------------------------------------------------------------


def test_count_is_the_querysets_count(village, other_village):
    OrganisationFactory(villages=[village], last_verified_on=None)
    OrganisationFactory(villages=[village], last_verified_on=date(2026, 1, 5))
    OrganisationFactory(villages=[other_village], last_verified_on=None)

    def stale(village_id, cutoff):
        return Organisation.objects.for_village(village_id).not_verified_since(cutoff)

    for chosen in (village, other_village):
        for cutoff in (date(2025, 12, 1), date(2026, 2, 1)):
            expected = stale(chosen.pk, cutoff).count()
            assert prepared.count("test stale", stale, village_id=chosen.pk, cutoff=cutoff) == (
                expected
            )
    assert prepared.count("test stale", stale, village_id=village.pk, cutoff=date(2026, 2, 1)) == 2
    assert prepared.count("test stale", stale, village_id=village.pk, cutoff=date(2025, 12, 1)) == 1


# --- objects ----------------------------------------------------------------------------


def _report_of(assignment):
    from koppelingen.models import TaskReport

    try:
        return assignment.report.pk
    except TaskReport.DoesNotExist:
        return None


def test_objects_are_the_querysets_own_with_what_it_selects_related(
    village, coordinator, make_volunteer, django_assert_num_queries
):
    from koppelingen import services
    from koppelingen.models import Assignment, TaskReport

    resident = ResidentFactory(village=village, first_name="Aaltje", last_name="Wierenga")
    ride = HelpRequestFactory(
        village=village,
        resident=resident,
        category=category("vervoer"),
        needed_on=timezone.localdate() + timedelta(days=3),
        time_from=time(9, 30),
        status=Status.SEARCHING,
        volunteers_needed=2,
    )
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
            .annotate(asked=Count("volunteer__invitations"))
            .order_by("accepted_at")
        )

    for _ in range(2):  # compiled, then from the cache
        built = prepared.objects("test.matches", matches, help_request_id=ride.pk)
        expected = list(matches(ride.pk))
        assert built == expected
        with django_assert_num_queries(0):  # what is selected related is there
            for mine, theirs in zip(built, expected, strict=True):
                assert mine.__dict__.keys() == theirs.__dict__.keys()
                assert mine.asked == theirs.asked == 1
                assert mine.volunteer.full_name == theirs.volunteer.full_name
                assert mine.volunteer.village.name == theirs.volunteer.village.name
                assert _report_of(mine) == _report_of(theirs)
    assert [a.volunteer for a in built] == [first, second]
    assert built[0].report.outcome == TaskReport.Outcome.DONE
    assert _report_of(built[1]) is None
    assert prepared.objects("test.matches", matches, help_request_id=-1) == []


def test_objects_refuses_what_it_does_not_build(village, make_volunteer):
    volunteer = make_volunteer()

    def prefetching(village_id):
        return Volunteer.objects.filter(village_id=village_id).prefetch_related("categories")

    with pytest.raises(TypeError, match="prefetch_related"):
        prepared.objects("test.prefetching", prefetching, village_id=village.pk)
    with pytest.raises(TypeError, match="prefetch_related"):
        prepared.objects("test.related", lambda: volunteer.invitations.all())
    with pytest.raises(TypeError, match="model instances"):
        prepared.objects("test.values", lambda: Volunteer.objects.values("pk"))


# --- refusals where the query is compiled ------------------------------------------------


@compiled_here
def test_a_query_that_computes_with_its_value_is_refused(make_volunteer):
    make_volunteer()

    def day_after(ids, day):
        return Volunteer.objects.filter(
            in_ids("pk", ids), last_asked_on__gte=day + timedelta(1)
        ).values("pk")

    with pytest.raises(ValueError, match="every value must be a parameter.*day"):
        prepared.rows("test.day_after", day_after, ids=[1], day=date(2026, 1, 1))


@compiled_here
def test_a_value_that_is_not_a_parameter_is_refused(village):
    def build(village_id, unused):
        return Organisation.objects.filter(villages=village_id).values_list("pk")

    with pytest.raises(ValueError, match="every value must be a parameter.*unused"):
        prepared.rows("test unused", build, village_id=village.pk, unused=5)


@compiled_here
def test_a_list_used_for_one_placeholder_per_item_is_refused(village):
    def build(pks):
        return Organisation.objects.filter(pk__in=pks).values_list("pk")

    with pytest.raises(ValueError, match="pks did not reach"):
        prepared.rows("test list in", build, pks=[1, 2])


@compiled_here
def test_a_text_inside_another_text_is_refused(village):
    def build(name):
        return Organisation.objects.filter(name=f"Stichting {name}").values_list("pk")

    with pytest.raises(ValueError, match="LIKE pattern"):
        prepared.rows("test text inside", build, name="Zorg")


def test_an_aware_moment_in_another_zone_is_the_same_moment(make_volunteer):
    volunteer = make_volunteer()

    def since(moment):
        return Volunteer.objects.filter(created_at__gte=moment).values_list("pk", flat=True)

    moment = volunteer.created_at - timedelta(seconds=1)
    for value in (moment, moment.astimezone(UTC), moment + timedelta(days=1)):
        assert prepared.rows("test since", since, moment=value) == list(since(value))


# --- the cache --------------------------------------------------------------------------


def test_each_thread_keeps_the_shapes_it_used_last(village, monkeypatch):
    monkeypatch.setattr(prepared, "MAX_SHAPES", 2)
    organisations = [OrganisationFactory(villages=[village]) for _ in range(3)]

    def shapes():
        return [shape[3] for shape in prepared._compiled.__dict__.get("queries", {})]

    def run(size):
        pks = tuple(o.pk for o in organisations[:size])
        assert prepared.rows("test shapes", _names, village_id=village.pk, pks=pks) == list(
            _names(village.pk, pks)
        )

    for size in (1, 2, 1, 3):
        run(size)
    assert len(shapes()) == 2
    # the shape of two went, the shape of one was used since
    assert [len(dict(shape)["pks"]) for shape in shapes()] == [1, 3]
    seen = []
    thread = threading.Thread(target=lambda: seen.append(shapes()))
    thread.start()
    thread.join()
    assert seen == [[]]  # another thread has its own
