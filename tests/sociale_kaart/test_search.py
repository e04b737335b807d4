"""Search on the social map: Dutch full-text search on PostgreSQL, substrings elsewhere."""

import pytest
from django.db import connection

from sociale_kaart.models import Organisation
from sociale_kaart.selectors import search_organisations, search_terms

from .factories import ContactPersonFactory, OrganisationFactory, theme

pytestmark = pytest.mark.django_db


def found(text, village):
    qs = search_organisations(Organisation.objects.for_village(village), text)
    return sorted(qs.values_list("name", flat=True))


@pytest.fixture
def social_map(village):
    food_bank = OrganisationFactory(
        name="Voedselbank Het Hogeland", villages=[village], services="Wekelijks voedselpakket"
    )
    wmo = OrganisationFactory(
        name="Wmo-loket gemeente Het Hogeland",
        villages=[village],
        services="Trapliften en woningaanpassingen\nHuishoudelijke hulp",
        themes=[theme("wonen"), theme("zorg")],
    )
    ContactPersonFactory(organisation=wmo, name="Marieke Hofstra", role="Wmo-consulent")
    OrganisationFactory(
        name="Bibliotheek Warffum",
        villages=[village],
        services="Hulp bij DigiD en de computer",
        themes=[theme("digitaal")],
    )
    return food_bank, wmo


def test_search_terms_drop_punctuation_that_could_break_a_query():
    assert search_terms("voedsel' & | !bank:*") == ["voedsel", "bank"]


def test_empty_search_returns_everything(village, social_map):
    assert len(found("  ", village)) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("voedsel", ["Voedselbank Het Hogeland"]),
        ("Voedselb", ["Voedselbank Het Hogeland"]),
        ("hofstra", ["Wmo-loket gemeente Het Hogeland"]),
        ("digitaal", ["Bibliotheek Warffum"]),
        ("traplift", ["Wmo-loket gemeente Het Hogeland"]),
        ("hogeland voedsel", ["Voedselbank Het Hogeland"]),
        ("tandarts", []),
    ],
)
def test_search_matches_on_any_database(village, social_map, text, expected):
    assert found(text, village) == expected


@pytest.mark.postgres
def test_postgres_uses_dutch_full_text_search(village, social_map):
    assert connection.vendor == "postgresql"
    # Dutch stemming: "woningaanpassing" (singular) finds "woningaanpassingen".
    assert found("woningaanpassing", village) == ["Wmo-loket gemeente Het Hogeland"]
    # Plural to singular through the stemmer: "pakketten" is not a substring of "voedselpakket".
    assert found("voedselpakketten", village) == ["Voedselbank Het Hogeland"]


@pytest.mark.postgres
def test_postgres_prefix_search_finds_the_food_bank_while_typing(village, social_map):
    for typed in ("v", "voe", "voedsel", "voedselbank"):
        assert "Voedselbank Het Hogeland" in found(typed, village), typed


@pytest.mark.postgres
def test_postgres_search_by_contact_name_and_theme(village, social_map):
    assert found("Marieke", village) == ["Wmo-loket gemeente Het Hogeland"]
    assert found("zorg", village) == ["Wmo-loket gemeente Het Hogeland"]


@pytest.mark.postgres
def test_postgres_search_survives_odd_input(village, social_map):
    assert found("':* & | ! (", village) == sorted(
        ["Voedselbank Het Hogeland", "Wmo-loket gemeente Het Hogeland", "Bibliotheek Warffum"]
    )
