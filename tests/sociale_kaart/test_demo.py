"""The demo's social map, as a coordinator in Warffum sees it (issue 12, points 1 and 13)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts import demo as accounts_demo
from sociale_kaart import demo
from sociale_kaart.models import Organisation

from .factories import listed_names

pytestmark = pytest.mark.django_db

LIST = reverse("sociale_kaart:list")


@pytest.fixture
def warffum_desk(client):
    ctx = accounts_demo.new_context()
    accounts_demo.build(ctx)
    demo.build(ctx)
    client.force_login(ctx.users["coordinator@warffum.example"])
    return ctx


def names(response):
    return listed_names(response)


def test_demo_keeps_the_gp_pharmacy_and_physio_round_the_corner(warffum_desk):
    warffum = warffum_desk.villages["warffum"]
    km = {
        name: Organisation.objects.get(name=name).distance_km_for(warffum)
        for name in ("Huisartsenpraktijk Warffum", "Apotheek Warffum", "Fysiotherapie Warffum")
    }
    assert km == {
        "Huisartsenpraktijk Warffum": Decimal("0.8"),
        "Apotheek Warffum": Decimal("0.9"),
        "Fysiotherapie Warffum": Decimal("0.9"),
    }


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("schulden", "Schuldhulpverlening gemeente Het Hogeland"),
        ("hulp", "Schuldhulpverlening gemeente Het Hogeland"),
        ("eenzaam", "De Zonnebloem, afdeling Warffum-Usquert"),
    ],
)
def test_searching_the_demo_map_finds_words_inside_compounds(client, warffum_desk, typed, expected):
    response = client.get(LIST, {"q": typed})
    assert expected in names(response)
    assert expected in response.content.decode()


def test_searching_schulden_on_the_demo_map_shows_debt_help_only(client, warffum_desk):
    response = client.get(LIST, {"q": "schulden"}, headers={"HX-Request": "true"})
    found = names(response)
    assert "Schuldhulpverlening gemeente Het Hogeland" in found
    # Sociaal Raadslieden offers "Hulp bij schulden"; nothing unrelated comes along.
    assert set(found) == {
        "Schuldhulpverlening gemeente Het Hogeland",
        "Sociaal Raadslieden Het Hogeland",
    }


def test_a_search_that_finds_nothing_says_so_in_dutch(client, warffum_desk):
    response = client.get(LIST, {"q": "tandarts"})
    assert names(response) == []
    assert "Geen organisaties gevonden" in response.content.decode()
