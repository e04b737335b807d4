"""Search on the social map: the same Dutch-aware matching on SQLite and PostgreSQL."""

import pytest
from django.db import connection

from sociale_kaart.models import Organisation, Theme
from sociale_kaart.search import document, dutch_stem, fold, matches
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


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("schulden", "schuld"),
        ("eenzaamheid", "eenzam"),
        ("eenzaam", "eenzam"),
        ("pakketten", "pakket"),
        ("woningaanpassingen", "woningaanpass"),
        ("lichamelijke", "licham"),
        ("mogelijkheden", "mogelijk"),
        ("kinderen", "kinder"),
        ("vrijwilligers", "vrijwilliger"),
        ("hulp", "hulp"),
        ("zo", "zo"),
    ],
)
def test_dutch_stem_follows_the_snowball_algorithm(word, stem):
    assert dutch_stem(word) == stem


def test_fold_drops_case_and_accents():
    assert fold("Coördinator Uitgifte") == "coordinator uitgifte"


@pytest.mark.parametrize(
    ("terms", "text", "expected"),
    [
        (["schulden"], "Schuldhulpverlening gemeente Het Hogeland", True),
        (["hulp"], "Schuldhulpverlening", True),
        (["eenzaam"], "Eenzaamheid", True),
        (["eenzaamheid"], "Tegen eenzaam zijn", True),
        (["voedselpakketten"], "Wekelijks voedselpakket", True),
        (["schulden", "winsum"], "Schuldhulpverlening, Winsum", True),
        (["schulden", "usquert"], "Schuldhulpverlening, Winsum", False),
        (["tandarts"], "Schuldhulpverlening", False),
        (["coordinator"], "coördinator uitgifte", True),
    ],
)
def test_matches_words_inside_dutch_compounds(terms, text, expected):
    assert matches(terms, document(text)) is expected


@pytest.fixture
def compound_map(village, other_village):
    debt = OrganisationFactory(
        name="Schuldhulpverlening gemeente Het Hogeland",
        villages=[village],
        services="Schuldhulpverlening\nBudgetbeheer",
        town="Winsum",
        themes=[theme("geld")],
    )
    lonely = OrganisationFactory(
        name="De Zonnebloem",
        villages=[village],
        services="Huisbezoek",
        themes=[
            Theme.objects.update_or_create(code="eenzaamheid", defaults={"name": "Eenzaamheid"})[0]
        ],
    )
    OrganisationFactory(name="Bibliotheek Warffum", villages=[village], services="Boeken lenen")
    # Another village's debt counselling never shows on this village's map.
    OrganisationFactory(name="Schuldhulp Usquert", villages=[other_village], services="Schulden")
    return debt, lonely


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("schulden", ["Schuldhulpverlening gemeente Het Hogeland"]),
        ("Schulden", ["Schuldhulpverlening gemeente Het Hogeland"]),
        ("hulp", ["Schuldhulpverlening gemeente Het Hogeland"]),
        ("eenzaam", ["De Zonnebloem"]),
        ("schulden winsum", ["Schuldhulpverlening gemeente Het Hogeland"]),
        ("budget", ["Schuldhulpverlening gemeente Het Hogeland"]),
    ],
)
def test_search_finds_words_inside_compounds_on_any_database(village, compound_map, text, expected):
    assert found(text, village) == expected


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("schulden", ["Schuldhulpverlening gemeente Het Hogeland"]),
        ("hulp", ["Schuldhulpverlening gemeente Het Hogeland"]),
        ("eenzaam", ["De Zonnebloem"]),
    ],
)
def test_postgres_finds_words_inside_compounds(village, compound_map, text, expected):
    assert connection.vendor == "postgresql"
    assert found(text, village) == expected


def test_search_takes_a_fixed_number_of_queries(village, compound_map, django_assert_num_queries):
    for n in range(20):
        ContactPersonFactory(organisation=OrganisationFactory(villages=[village]), name=f"N{n}")
    # One query reads the texts, one returns the matching names.
    with django_assert_num_queries(2):
        assert found("schulden", village) == ["Schuldhulpverlening gemeente Het Hogeland"]


@pytest.mark.postgres
def test_postgres_uses_dutch_stems(village, social_map):
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
