"""The list's search, compiled once per shape (OrganisationFilter.matching_pks, through
accounts.prepared), finds what the filterset finds."""

from datetime import date

import pytest
from django.http import QueryDict

from sociale_kaart.filters import OrganisationFilter, filter_form, matching_pks
from sociale_kaart.models import Organisation, OrganisationKind
from sociale_kaart.search_index import refresh_all

from .factories import OrganisationFactory, theme

pytestmark = pytest.mark.django_db


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
            # as the list page reads it, with the form alone
            form = filter_form(data)
            assert matching_pks(form, chosen, today=date(2026, 12, 3)) == expected
            found.update(expected)
    assert found  # each of these finds something in one of the villages
