"""Queries compiled once per shape (sociale_kaart.prepared) give what the querysets give."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.db.models import Q
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from sociale_kaart import prepared
from sociale_kaart.filters import OrganisationFilter
from sociale_kaart.models import Organisation, OrganisationKind
from sociale_kaart.search_index import refresh_all

from .factories import OrganisationFactory, theme

pytestmark = pytest.mark.django_db


def test_stand_ins_are_the_same_for_the_same_shape_and_map_back_to_the_values():
    first, shape, real = prepared.stand_ins((7, [3, 4], date(2026, 12, 3)))
    again, same_shape, other = prepared.stand_ins((8, [5, 6], date(2025, 1, 1)))
    assert first == again and shape == same_shape == (None, (None, None), None)
    assert sorted(real.values(), key=str) == sorted([7, 3, 4, date(2026, 12, 3)], key=str)
    assert other[first[0]] == 8 and other[first[1][1]] == 6 and other[first[2]] == date(2025, 1, 1)
    assert prepared.stand_ins(([1, 2, 3],))[1] == ((None, None, None),)
    assert prepared.stand_ins(([["a"], ["b", "c"]],))[1] == (((None,), (None, None)),)


@pytest.mark.parametrize("value", [True, None, 1.5, datetime(2026, 12, 3, 12, 0)])
def test_only_ids_dates_and_texts_have_stand_ins(value):
    with pytest.raises(TypeError):
        prepared.stand_ins((value,))


def _names(village_id, pks):
    return (
        Organisation.objects.filter(villages=village_id, pk__in=pks)
        .order_by("name")
        .values_list("pk", "name")
    )


def test_rows_are_the_querysets_rows_for_every_call_of_a_shape(village, other_village):
    here = [OrganisationFactory(name=f"Hier {n}", villages=[village]) for n in range(2)]
    there = [OrganisationFactory(name=f"Daar {n}", villages=[other_village]) for n in range(2)]
    everything = [o.pk for o in here + there]
    for chosen, pks in ((village, everything), (other_village, everything), (village, [0, 0])):
        expected = list(_names(chosen.pk, pks))
        assert prepared.rows("test names", _names, chosen.pk, pks) == expected
    assert prepared.rows("test names", _names, other_village.pk, everything) == [
        (there[0].pk, "Daar 0"),
        (there[1].pk, "Daar 1"),
    ]


def test_a_shape_is_built_once_and_runs_one_query(village):
    OrganisationFactory(name="Dorpshuis", villages=[village])
    built = []

    def build(village_id):
        built.append(village_id)
        return Organisation.objects.filter(villages=village_id).values_list("name")

    prepared.rows("test built once", build, village.pk)
    with CaptureQueriesContext(connection) as queries:
        assert prepared.rows("test built once", build, village.pk) == [("Dorpshuis",)]
    assert len(queries) == 1
    if connection.vendor == "postgresql":
        assert len(built) == 1  # with the stand-ins, then never again


def test_count_is_the_querysets_count(village, other_village):
    OrganisationFactory(villages=[village], last_verified_on=None)
    OrganisationFactory(villages=[village], last_verified_on=date(2026, 1, 5))
    OrganisationFactory(villages=[other_village], last_verified_on=None)

    def stale(village_id, cutoff):
        return Organisation.objects.for_village(village_id).not_verified_since(cutoff)

    for chosen in (village, other_village):
        for cutoff in (date(2025, 12, 1), date(2026, 2, 1)):
            expected = stale(chosen.pk, cutoff).count()
            assert prepared.count("test stale", stale, chosen.pk, cutoff) == expected
    assert prepared.count("test stale", stale, village.pk, date(2026, 2, 1)) == 2
    assert prepared.count("test stale", stale, village.pk, date(2025, 12, 1)) == 1


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
        ("other", ["0% k", "a_b"]),
        ("other", ["\\s", "xyz"]),
        ("gp", ["50%", "zstandin0z"]),
        ("other", ["", "nothing"]),
    ):
        expected = list(_by_text(kind, names))
        assert prepared.rows("test texts", _by_text, kind, names) == expected
    assert prepared.rows("test texts", _by_text, "other", ["0% k", "a_b"]) == [
        ("50% korting",),
        ("a_b",),
    ]


def test_an_empty_list_matches_nothing(village):
    OrganisationFactory(villages=[village])
    assert prepared.rows("test names", _names, village.pk, []) == []
    assert (
        prepared.count("test empty", lambda pks: Organisation.objects.filter(pk__in=pks), []) == 0
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compiled on PostgreSQL only")
def test_a_value_that_is_not_a_parameter_is_refused(village):
    def build(village_id, unused):
        return Organisation.objects.filter(villages=village_id).values_list("pk")

    with pytest.raises(ValueError, match="every value must be a parameter"):
        prepared.rows("test unused", build, village.pk, 5)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=zorg",
        "q=schulden+hulp",
        "q=50%25+a_b",
        "q=%21%21",
        "theme=THEME",
        "theme=THEME&q=zorg&kind=welfare&stale=on",
        "kind=gp",
        "stale=on",
        "archived=on",
        "archived=on&q=stichting&stale=on",
        "theme=999999&kind=bogus&q=zorg",
    ],
)
def test_the_lists_compiled_search_finds_what_the_filterset_finds(query, village, other_village):
    zorg = theme("zorg")
    OrganisationFactory(
        name="Zorgboerderij", villages=[village], themes=[zorg], last_verified_on=date(2026, 6, 1)
    )
    OrganisationFactory(name="Schuldhulpverlening", villages=[village, other_village])
    OrganisationFactory(name="Stichting 50% a_b", villages=[village], last_verified_on=None)
    OrganisationFactory(name="Stichting oud", villages=[village], is_archived=True)
    OrganisationFactory(
        name="Huisarts",
        villages=[village],
        kind=OrganisationKind.GP,
        last_verified_on=date(2026, 1, 1),
    )
    OrganisationFactory(name="Zorg elders", villages=[other_village], themes=[zorg])
    refresh_all()
    data = QueryDict(query.replace("THEME", str(zorg.pk)))
    found = set()
    for chosen in (village, other_village):
        base = Organisation.objects.filter(villages=chosen)
        for _ in range(2):  # compiled, then run again with the same shape
            filterset = OrganisationFilter(data, queryset=base, today=date(2026, 12, 3))
            expected = list(
                dict.fromkeys(filterset.qs.order_by("name", "pk").values_list("pk", flat=True))
            )
            assert filterset.matching_pks(chosen) == expected
            found.update(expected)
    assert found  # each of these finds something in one of the villages


def test_each_thread_keeps_the_shapes_it_used_last(village, monkeypatch):
    monkeypatch.setattr(prepared, "MAX_SHAPES", 2)
    organisations = [OrganisationFactory(villages=[village]) for _ in range(3)]
    for size in (1, 2, 3, 1):
        pks = [o.pk for o in organisations[:size]]
        assert prepared.rows("test shapes", _names, village.pk, pks) == list(
            _names(village.pk, pks)
        )
    assert len(prepared._compiled.__dict__.get("queries", {})) <= 2
