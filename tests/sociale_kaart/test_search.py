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
    # One query: the stored search texts are filtered in SQL, with the village's scope.
    with django_assert_num_queries(1):
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


# --- the stored search text follows every change ------------------------------------


def test_search_follows_a_renamed_organisation_and_its_services(village):
    organisation = OrganisationFactory(name="Dorpshuis", villages=[village], services="Koffie")
    assert found("biljart", village) == []
    organisation.name = "Biljartclub"
    organisation.services = "Schaatsen"
    organisation.save()
    assert found("biljart", village) == ["Biljartclub"]
    assert found("schaats", village) == ["Biljartclub"]
    assert found("dorpshuis", village) == []


def test_search_follows_contact_persons_added_renamed_and_removed(village):
    organisation = OrganisationFactory(name="Wmo-loket", villages=[village])
    contact = ContactPersonFactory(organisation=organisation, name="Marieke Hofstra")
    assert found("hofstra", village) == ["Wmo-loket"]
    contact.name = "Sietske Dijkstra"
    contact.save()
    assert found("hofstra", village) == []
    assert found("dijkstra", village) == ["Wmo-loket"]
    contact.delete()
    assert found("dijkstra", village) == []


def test_search_follows_themes_linked_unlinked_and_renamed(village):
    organisation = OrganisationFactory(name="Zonnebloem", villages=[village], services="Bezoek")
    lonely = Theme.objects.update_or_create(code="eenzaamheid", defaults={"name": "Eenzaamheid"})[0]
    organisation.themes.add(lonely)
    assert found("eenzaam", village) == ["Zonnebloem"]
    lonely.name = "Samen zijn"
    lonely.save()
    assert found("samen", village) == ["Zonnebloem"]
    organisation.themes.remove(lonely)
    assert found("samen", village) == []
    organisation.themes.add(lonely)
    lonely.organisations.clear()
    assert found("samen", village) == []


def test_an_organisation_deleted_with_its_contacts_leaves_no_search_text(village):
    from sociale_kaart.models import SearchDocument

    organisation = OrganisationFactory(name="Weg", villages=[village])
    ContactPersonFactory(organisation=organisation, name="Jan Bakker")
    organisation.delete()
    assert not SearchDocument.objects.exists()


def test_refresh_all_builds_the_texts_of_bulk_inserted_organisations(village):
    from sociale_kaart.search_index import refresh_all

    organisation = Organisation.objects.bulk_create([Organisation(name="Voedselbank Noord")])[0]
    organisation.villages.add(village)
    assert found("voedsel", village) == []  # bulk inserts send no signals
    assert refresh_all() == 1
    assert found("voedsel", village) == ["Voedselbank Noord"]


@pytest.mark.postgres
def test_postgres_has_a_trigram_index_on_the_search_text():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'sociale_kaart_searchdocument'"
        )
        definitions = [row[0] for row in cursor.fetchall()]
    assert any("gin" in d and "gin_trgm_ops" in d for d in definitions), definitions
