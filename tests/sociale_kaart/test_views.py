from datetime import date, time
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from sociale_kaart.models import ContactPerson, LogAction, Organisation, OrganisationKind

from .factories import (
    ContactPersonFactory,
    OpeningPeriodFactory,
    OrganisationFactory,
    listed_names,
    theme,
)

pytestmark = pytest.mark.django_db

LIST = reverse("sociale_kaart:list")


@pytest.fixture
def client_c(client, coordinator):
    client.force_login(coordinator)
    return client


def names(response):
    return listed_names(response)


def test_list_shows_own_and_shared_organisations_only(client_c, village, other_village):
    OrganisationFactory(name="Dorpshuis Warffum", villages=[village])
    OrganisationFactory(name="Wmo-loket", villages=[village, other_village])
    OrganisationFactory(name="Dorpsbelangen Usquert", villages=[other_village])
    assert names(client_c.get(LIST)) == ["Dorpshuis Warffum", "Wmo-loket"]


def test_search_finds_the_food_bank_by_the_start_of_its_name(client_c, village):
    OrganisationFactory(name="Voedselbank Uithuizen", villages=[village])
    OrganisationFactory(name="Bibliotheek Warffum", villages=[village])
    assert names(client_c.get(LIST, {"q": "voedsel"})) == ["Voedselbank Uithuizen"]


def test_search_finds_organisations_by_contact_person(client_c, village):
    org = OrganisationFactory(name="Wmo-loket", villages=[village])
    OrganisationFactory(name="Bibliotheek", villages=[village])
    ContactPersonFactory(organisation=org, name="Marieke Hofstra")
    assert names(client_c.get(LIST, {"q": "hofstra"})) == ["Wmo-loket"]


def test_search_finds_organisations_by_theme_and_service(client_c, village):
    OrganisationFactory(name="Humanitas", villages=[village], themes=[theme("geld")])
    OrganisationFactory(name="Bibliotheek", villages=[village], services="Hulp bij DigiD")
    OrganisationFactory(name="Dorpshuis", villages=[village], services="Koffie")
    assert names(client_c.get(LIST, {"q": "geld"})) == ["Humanitas"]
    assert names(client_c.get(LIST, {"q": "digid"})) == ["Bibliotheek"]


def test_search_every_word_must_match(client_c, village):
    OrganisationFactory(name="Huisarts Warffum", villages=[village], town="Warffum")
    OrganisationFactory(name="Huisarts Usquert", villages=[village], town="Usquert")
    assert names(client_c.get(LIST, {"q": "huisarts usquert"})) == ["Huisarts Usquert"]


def test_search_does_not_reach_other_villages(client_c, village, other_village):
    OrganisationFactory(name="Voedselbank Delfzijl", villages=[other_village])
    assert names(client_c.get(LIST, {"q": "voedsel"})) == []


def test_filter_by_theme_and_type(client_c, village):
    OrganisationFactory(
        name="Wmo-loket",
        villages=[village],
        kind=OrganisationKind.MUNICIPALITY,
        themes=[theme("wonen"), theme("zorg")],
    )
    OrganisationFactory(
        name="Huisarts", villages=[village], kind=OrganisationKind.GP, themes=[theme("zorg")]
    )
    assert names(client_c.get(LIST, {"theme": theme("zorg").pk})) == ["Huisarts", "Wmo-loket"]
    assert names(client_c.get(LIST, {"theme": theme("zorg").pk, "kind": "gp"})) == ["Huisarts"]


def test_htmx_request_gets_only_the_results(client_c, village):
    OrganisationFactory(name="Voedselbank", villages=[village])
    response = client_c.get(LIST, {"q": "voedsel"}, headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()
    assert "Voedselbank" in response.content.decode()


def test_list_query_count_does_not_grow_with_organisations(
    client_c, village, django_assert_max_num_queries
):
    for n in range(25):
        org = OrganisationFactory(
            name=f"Org {n}",
            villages=[village],
            themes=[theme("zorg"), theme("geld")],
            is_transport_destination=True,
        )
        ContactPersonFactory(organisation=org, is_fixed_contact=True)
        org.distances.create(village=village, km=Decimal("5.0"))
    # 13: one of them counts the corrections organisations sent ("Klopt dit nog?")
    with django_assert_max_num_queries(13):
        response = client_c.get(LIST, {"q": "org", "theme": theme("zorg").pk})
    assert len(names(response)) == 25


def test_archived_organisations_leave_the_list_but_can_be_shown(client_c, village):
    OrganisationFactory(name="Oude stichting", villages=[village], is_archived=True)
    OrganisationFactory(name="Dorpshuis", villages=[village])
    assert names(client_c.get(LIST)) == ["Dorpshuis"]
    assert names(client_c.get(LIST, {"archived": "on"})) == ["Oude stichting"]


def test_stale_entries_are_counted_and_listed(client_c, village):
    with time_machine.travel(date(2026, 11, 23)):
        OrganisationFactory(name="Vers", villages=[village], last_verified_on=date(2026, 5, 1))
        OrganisationFactory(name="Oud", villages=[village], last_verified_on=date(2025, 10, 1))
        OrganisationFactory(name="Nooit", villages=[village], last_verified_on=None)
        response = client_c.get(LIST)
        assert "2 organisaties zijn al een jaar niet gecontroleerd" in response.content.decode()
        assert names(client_c.get(LIST, {"stale": "on"})) == ["Nooit", "Oud"]


def test_mark_verified_is_one_click(client_c, village, coordinator):
    org = OrganisationFactory(villages=[village], last_verified_on=date(2024, 1, 1))
    with time_machine.travel(date(2026, 11, 23)):
        response = client_c.post(reverse("sociale_kaart:verify", args=[org.pk]))
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.last_verified_on == date(2026, 11, 23)
    assert org.last_verified_by == coordinator


def test_mark_verified_with_htmx_returns_the_new_badge(client_c, village):
    org = OrganisationFactory(villages=[village], last_verified_on=None)
    response = client_c.post(
        reverse("sociale_kaart:verify", args=[org.pk]), headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert 'id="verification"' in content and "<html" not in content
    assert "Nog nooit gecontroleerd" not in content


def test_create_organisation_with_hours_and_distance(client_c, village):
    response = client_c.post(
        reverse("sociale_kaart:create"),
        {
            "name": "Voedselbank Uithuizen",
            "kind": "food_bank",
            "themes": [theme("geld").pk],
            "services": "Voedselpakket",
            "postcode": "9981ah",
            "town": "Uithuizen",
            "is_transport_destination": "on",
            "distance_km": "11",
            "hours-TOTAL_FORMS": "3",
            "hours-INITIAL_FORMS": "0",
            "hours-0-weekday": "4",
            "hours-0-opens_at": "14:00",
            "hours-0-closes_at": "16:00",
        },
    )
    org = Organisation.objects.get()
    assert response.status_code == 302
    assert response.url == org.get_absolute_url()
    assert org.postcode == "9981 AH"
    assert org.distance_km_for(village) == Decimal("11.0")
    assert list(org.villages.all()) == [village]
    assert org.opening_periods.get().opens_at == time(14)


def test_bad_input_shows_dutch_errors_and_keeps_what_was_typed(client_c, village):
    response = client_c.post(
        reverse("sociale_kaart:create"),
        {
            "name": "Voedselbank Uithuizen",
            "kind": "food_bank",
            "postcode": "99",
            "is_transport_destination": "on",
            "hours-TOTAL_FORMS": "3",
            "hours-INITIAL_FORMS": "0",
            "hours-0-weekday": "4",
            "hours-0-opens_at": "16:00",
            "hours-0-closes_at": "14:00",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Vul een postcode in zoals 9989 AB." in content
    assert "Een vervoersbestemming heeft de afstand vanaf Warffum nodig." in content
    assert "De sluitingstijd moet later zijn dan de openingstijd." in content
    assert 'value="Voedselbank Uithuizen"' in content
    assert not Organisation.objects.exists()


def test_edit_shows_current_values_and_saves(client_c, village):
    org = OrganisationFactory(name="Dorpshuis", villages=[village], phone="0595 1")
    OpeningPeriodFactory(organisation=org, weekday=1)
    url = reverse("sociale_kaart:edit", args=[org.pk])
    assert 'value="Dorpshuis"' in client_c.get(url).content.decode()
    response = client_c.post(
        url,
        {
            "name": "Dorpshuis De Ruiten",
            "kind": "church_association",
            "hours-TOTAL_FORMS": "1",
            "hours-INITIAL_FORMS": "1",
            "hours-0-weekday": "1",
            "hours-0-opens_at": "09:00",
            "hours-0-closes_at": "12:00",
            "hours-0-DELETE": "on",
        },
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.name == "Dorpshuis De Ruiten"
    assert not org.opening_periods.exists()
    assert org.log_entries.get().kind == LogAction.UPDATED


def test_archive_hides_from_the_map_but_detail_still_opens(client_c, village):
    org = OrganisationFactory(name="Oude stichting", villages=[village])
    client_c.post(reverse("sociale_kaart:archive", args=[org.pk]), {"reason": "stopped"})
    assert names(client_c.get(LIST)) == []
    detail = client_c.get(org.get_absolute_url())
    assert detail.status_code == 200
    assert "Zet terug op de kaart" in detail.content.decode()
    assert Organisation.objects.filter(pk=org.pk).exists()


def test_detail_shows_contacts_distance_and_usage(client_c, village):
    org = OrganisationFactory(name="UMCG", villages=[village], is_transport_destination=True)
    org.distances.create(village=village, km=Decimal("25.0"))
    ContactPersonFactory(organisation=org, name="Marieke Hofstra", is_fixed_contact=True)
    response = client_c.get(org.get_absolute_url())
    content = response.content.decode()
    assert "Marieke Hofstra" in content
    assert "25 km" in content
    assert response.context["usage"] == {"referrals": 0, "referrals_received": 0, "signals": 0}


def test_add_edit_and_remove_a_contact_person(client_c, village):
    org = OrganisationFactory(villages=[village])
    client_c.post(
        reverse("sociale_kaart:contact_create", args=[org.pk]),
        {"name": "Marieke Hofstra", "role": "Wmo-consulent", "is_fixed_contact": "on"},
    )
    contact = ContactPerson.objects.get()
    assert contact.is_fixed_contact
    client_c.post(
        reverse("sociale_kaart:contact_edit", args=[org.pk, contact.pk]),
        {"name": "Marieke Hofstra", "role": "gebiedsregisseur"},
    )
    contact.refresh_from_db()
    assert contact.role == "gebiedsregisseur" and not contact.is_fixed_contact
    client_c.post(reverse("sociale_kaart:contact_delete", args=[org.pk, contact.pk]))
    assert not ContactPerson.objects.exists()


def test_contact_of_another_organisation_is_not_found_through_this_one(client_c, village):
    org = OrganisationFactory(villages=[village])
    contact = ContactPersonFactory(organisation=OrganisationFactory(villages=[village]))
    url = reverse("sociale_kaart:contact_edit", args=[org.pk, contact.pk])
    assert client_c.get(url).status_code == 404


def test_print_overview_groups_by_theme_without_contact_persons(client_c, village, other_village):
    org = OrganisationFactory(
        name="Wmo-loket",
        villages=[village],
        themes=[theme("wonen"), theme("zorg")],
        how_to_refer="Bel SENTINEL-REFER",
    )
    ContactPersonFactory(organisation=org, name="Sentinel Contactpersoon", phone="06 99999999")
    OrganisationFactory(name="Zonder thema", villages=[village])
    OrganisationFactory(name="Elders", villages=[other_village], themes=[theme("zorg")])
    OrganisationFactory(
        name="Gestopt", villages=[village], themes=[theme("zorg")], is_archived=True
    )
    response = client_c.get(reverse("sociale_kaart:print_overview"))
    content = response.content.decode()
    assert [t.code for t, _entries in response.context["sections"]] == ["wonen", "zorg"]
    assert content.count("Wmo-loket") == 2
    assert "Zonder thema" in content
    for private in (
        "Sentinel Contactpersoon",
        "06 99999999",
        "SENTINEL-REFER",
        "Elders",
        "Gestopt",
    ):
        assert private not in content


def organisation_post(**extra):
    return {
        "name": "Martini Ziekenhuis",
        "kind": "hospital",
        "hours-TOTAL_FORMS": "0",
        "hours-INITIAL_FORMS": "0",
        **extra,
    }


def test_distance_accepts_a_dutch_decimal_comma(client_c, village):
    client_c.post(
        reverse("sociale_kaart:create"),
        organisation_post(is_transport_destination="on", distance_km="27,5"),
    )
    assert Organisation.objects.get().distance_km_for(village) == Decimal("27.5")


def test_coordinator_of_two_villages_can_share_an_entry(client, village, other_village):
    from accounts.access import ACTIVE_VILLAGE_SESSION_KEY
    from accounts.roles import Role
    from tests.factories import user_with_role

    both = user_with_role(Role.COORDINATOR, village, other_village)
    client.force_login(both)
    session = client.session
    session[ACTIVE_VILLAGE_SESSION_KEY] = village.pk
    session.save()
    client.post(
        reverse("sociale_kaart:create"), organisation_post(shared_villages=[other_village.pk])
    )
    assert set(Organisation.objects.get().villages.all()) == {village, other_village}


def test_single_village_coordinator_cannot_add_another_village(client_c, village, other_village):
    client_c.post(
        reverse("sociale_kaart:create"), organisation_post(shared_villages=[other_village.pk])
    )
    assert list(Organisation.objects.get().villages.all()) == [village]


def test_print_overview_query_count_does_not_grow(client_c, village, django_assert_max_num_queries):
    for n in range(20):
        org = OrganisationFactory(name=f"Org {n}", villages=[village], themes=[theme("zorg")])
        OpeningPeriodFactory(organisation=org)
    with django_assert_max_num_queries(10):
        response = client_c.get(reverse("sociale_kaart:print_overview"))
    assert len(response.context["sections"][0][1]) == 20


def test_print_overview_as_pdf_has_the_public_details_only(client_c, village):
    import shutil
    import subprocess

    org = OrganisationFactory(
        name="Voedselbank Het Hogeland", villages=[village], themes=[theme("geld")]
    )
    ContactPersonFactory(organisation=org, name="Sentinel Contactpersoon")
    response = client_c.get(reverse("sociale_kaart:print_overview_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    if not shutil.which("pdftotext"):
        pytest.skip("needs pdftotext (apt-get install poppler-utils) to read the PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Voedselbank Het Hogeland" in text
    assert "Sentinel" not in text


# --- archiving asks first (issue 12, point 5) ------------------------------------------


def test_archive_button_opens_a_confirmation_that_changes_nothing_yet(
    client_c, village, other_village
):
    org = OrganisationFactory(name="Stichting van 't Hof", villages=[village, other_village])
    detail = client_c.get(org.get_absolute_url()).content.decode()
    url = reverse("sociale_kaart:archive", args=[org.pk])
    assert f'href="{url}"' in detail
    page = client_c.get(url)
    content = page.content.decode()
    assert "Stichting van &#x27;t Hof archiveren?" in content
    assert "Het verdwijnt van de sociale kaart van:" in content
    assert f"{other_village.name}, {village.name}" in content or (
        f"{village.name}, {other_village.name}" in content
    )
    assert "Ja, archiveren" in content and "Nee, terug" in content
    org.refresh_from_db()
    assert not org.is_archived and not org.log_entries.exists()


def test_archive_reason_starts_blank(client_c, village):
    org = OrganisationFactory(villages=[village])
    form = client_c.get(reverse("sociale_kaart:archive", args=[org.pk])).context["form"]
    choices = list(form.fields["reason"].choices)
    assert choices[0] == ("", "Kies een reden")
    assert form["reason"].value() in (None, "")
    html = str(form["reason"])
    assert 'value="" selected' in html or "selected" not in html.replace('value=""', "")


def test_archive_without_a_reason_says_so_in_dutch_and_keeps_the_note(client_c, village):
    org = OrganisationFactory(villages=[village])
    response = client_c.post(
        reverse("sociale_kaart:archive", args=[org.pk]),
        {"reason": "", "note": "Opgegaan in Welzijn Hogeland Noord"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Kies waarom de organisatie wordt gearchiveerd." in content
    assert "Opgegaan in Welzijn Hogeland Noord" in content
    org.refresh_from_db()
    assert not org.is_archived


def test_archive_refuses_a_long_note_instead_of_cutting_it(client_c, village):
    org = OrganisationFactory(villages=[village])
    note = "x" * 230
    response = client_c.post(
        reverse("sociale_kaart:archive", args=[org.pk]), {"reason": "other", "note": note}
    )
    content = response.content.decode()
    assert "Houd de notitie op 200 tekens (het zijn er nu 230)." in content
    assert note in content
    org.refresh_from_db()
    assert not org.is_archived


def test_archive_confirmed_says_so_in_dutch_and_logs_the_reason(client_c, village):
    org = OrganisationFactory(name="Stichting van 't Hof", villages=[village])
    response = client_c.post(
        reverse("sociale_kaart:archive", args=[org.pk]),
        {"reason": "merged", "note": "Nu Welzijn Hogeland Noord"},
        follow=True,
    )
    content = response.content.decode()
    assert "Stichting van &#x27;t Hof is gearchiveerd en staat niet meer op de sociale kaart." in (
        content
    )
    org.refresh_from_db()
    assert org.is_archived
    entry = org.log_entries.get()
    assert entry.kind == LogAction.ARCHIVED
    assert entry.text == "Opgegaan in een andere organisatie: Nu Welzijn Hogeland Noord"
    assert "Opgegaan in een andere organisatie: Nu Welzijn Hogeland Noord" in content


def test_archiving_an_archived_organisation_again_changes_nothing(client_c, village):
    org = OrganisationFactory(name="Oude stichting", villages=[village], is_archived=True)
    response = client_c.post(
        reverse("sociale_kaart:archive", args=[org.pk]), {"reason": "stopped"}, follow=True
    )
    assert "Oude stichting was al gearchiveerd." in response.content.decode()
    assert not org.log_entries.exists()


def test_the_history_of_an_edit_names_the_fields_that_changed(client_c, village):
    org = OrganisationFactory(name="Dorpshuis", villages=[village], kind="church_association")
    kept = ["services", "street_address", "postcode", "town", "phone"]
    client_c.post(
        reverse("sociale_kaart:edit", args=[org.pk]),
        {name: getattr(org, name) for name in kept}
        | {"name": "Dorpshuis De Ruiten", "kind": "church_association"}
        | {"hours-TOTAL_FORMS": "0", "hours-INITIAL_FORMS": "0"},
    )
    assert org.log_entries.get().text == str(Organisation._meta.get_field("name").verbose_name)
