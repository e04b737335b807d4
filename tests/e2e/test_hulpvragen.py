"""A coordinator on the phone takes a transport request with the keyboard only."""

import re
import time
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from hulpvragen.models import HelpRequest
from tests.e2e.conftest import tab_to
from tests.hulpvragen.factories import ResidentFactory, an_organisation, ensure_defaults
from tests.sociale_kaart.factories import OrganisationDistanceFactory


@pytest.fixture(autouse=True)
def _default_rows(transactional_db):
    ensure_defaults()


def test_coordinator_takes_a_transport_request_by_keyboard_and_sees_it_on_the_board(
    page, live_server, login, coordinator, village
):
    resident = ResidentFactory(
        village=village, first_name="Geert", last_name="Huisman", street="Molenstraat"
    )
    physio = an_organisation(village, name="Fysiotherapie Warffum", is_transport_destination=True)
    OrganisationDistanceFactory(organisation=physio, village=village, km=Decimal("1.5"))
    login(page, coordinator)

    page.goto(f"{live_server.url}/hulpvragen/nieuw/")
    started = time.monotonic()
    search = page.locator("#id_resident_query")
    expect(search).to_be_focused()
    page.keyboard.type("huism")
    expect(page.get_by_text("Geert Huisman")).to_be_visible()
    page.keyboard.press("Enter")  # picks the first match and moves on
    expect(page.locator(f"#resident-{resident.pk}")).to_be_checked()
    expect(page.locator("#id_category")).to_be_focused()

    page.keyboard.type("Vervoer")
    expect(page.get_by_role("group", name="De rit")).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.type("Naar de fysiotherapeut")
    tab_to(page, "#id_needed_on")
    page.keyboard.type("morgen")
    page.keyboard.press("Tab")
    page.keyboard.type("10:30")
    tab_to(page, "#id_destination")
    page.keyboard.type("Fysio")
    tab_to(page, "#id_appointment_time")
    page.keyboard.type("10:45")
    page.keyboard.press("Enter")  # Enter saves the request

    expect(page.get_by_role("heading", level=1)).to_contain_text("Geert Huisman")
    assert time.monotonic() - started < 60
    request = HelpRequest.objects.get()
    assert request.destination == physio
    assert request.distance_km == Decimal("1.5")
    assert request.pickup_address.startswith("Molenstraat")

    page.goto(f"{live_server.url}/hulpvragen/")
    card = page.locator(f"#card-{request.pk}")
    expect(card).to_contain_text("Geert Huisman")
    expect(card).to_contain_text("Vervoer")
    expect(page.get_by_role("heading", name="Nieuw")).to_be_visible()


def test_transport_fields_appear_only_for_transport(page, live_server, login, coordinator):
    login(page, coordinator)
    page.goto(f"{live_server.url}/hulpvragen/nieuw/")
    ride = page.get_by_role("group", name="De rit")
    expect(ride).to_be_hidden()
    page.locator("#id_category").select_option(label="Vervoer")
    expect(ride).to_be_visible()
    page.locator("#id_category").select_option(label="Klussen")
    expect(ride).to_be_hidden()


def test_quick_status_change_on_the_board_updates_the_card(
    page, live_server, login, coordinator, village
):
    from tests.hulpvragen.factories import HelpRequestFactory

    request = HelpRequestFactory(resident=ResidentFactory(village=village, last_name="Bos"))
    login(page, coordinator)
    card = page.locator(f"#card-{request.pk}")
    card.get_by_label("Status").select_option(label="in vraagverheldering")
    card.get_by_role("button", name="Wijzig").click()
    expect(page.locator(f"#card-{request.pk}")).to_contain_text("Nu: in vraagverheldering")
    expect(page.locator("#count-new")).to_have_text("0")
    request.refresh_from_db()
    assert request.status == "triage"


def test_triage_proposal_follows_the_answers(page, live_server, login, coordinator, village):
    from tests.hulpvragen.factories import HelpRequestFactory

    request = HelpRequestFactory(resident=ResidentFactory(village=village))
    login(page, coordinator)
    page.goto(f"{live_server.url}/hulpvragen/{request.pk}/triage/")
    proposal = page.locator("#triage-proposal")
    expect(proposal).to_contain_text("Voorstel: aangenomen")
    expect(page.get_by_role("button", name="Toon het voorstel")).to_be_hidden()
    page.get_by_role("group", name="Is het te groot of te zwaar").get_by_label("Ja").check()
    expect(page.locator("#triage-proposal")).to_contain_text("Voorstel: afgewezen")
    expect(page.locator("#triage-proposal")).to_contain_text("te groot voor vrijwilligers")


def test_typing_a_known_phone_number_suggests_the_existing_resident(
    page, live_server, login, coordinator, village
):
    known = ResidentFactory(village=village, first_name="Hillie", phone="0612345678")
    login(page, coordinator)
    page.goto(f"{live_server.url}/hulpvragen/nieuw/")
    page.get_by_text("Nieuwe hulpvrager").click()
    page.get_by_label("Telefoon").fill("06 12 34 56 78")
    page.get_by_label("Telefoon").press("Tab")
    suggestion = page.locator(f"#duplicate-{known.pk}")
    expect(suggestion).to_be_visible()
    expect(page.locator("#duplicate-hint")).to_contain_text("Hillie")


def test_triage_to_a_referral_follows_the_proposal_and_keeps_the_referral(
    page, live_server, login, coordinator, village
):
    from tests.hulpvragen.factories import HelpRequestFactory

    resident = ResidentFactory(village=village, first_name="Aaltje", last_name="van 't Hof")
    request = HelpRequestFactory(resident=resident, description="Hulp bij het douchen")
    buurtzorg = an_organisation(village, name="Buurtzorg Hogeland")
    an_organisation(village, name="Wmo-loket Het Hogeland")
    login(page, coordinator)
    page.goto(f"{live_server.url}/hulpvragen/{request.pk}/triage/")
    decision = page.get_by_label("Besluit")
    expect(decision).to_have_value("accepted")
    expect(page.get_by_label("Doorverwezen naar")).to_be_hidden()

    page.get_by_role("group", name="Is dit eigenlijk professionele zorg").get_by_label("Ja").check()
    expect(page.locator("#triage-proposal")).to_contain_text("Voorstel: doorverwezen")
    expect(decision).to_have_value("referred")  # the decision follows the proposal
    page.get_by_label("Doorverwezen naar").select_option(label="Buurtzorg Hogeland")
    page.get_by_label("Wat is doorgegeven").fill("Vraag en telefoonnummer, met toestemming")
    page.get_by_role("button", name="Vraagverheldering opslaan").click()

    expect(page.locator("main")).to_contain_text(
        "Vraagverheldering opgeslagen: Aaltje van 't Hof is doorverwezen naar Buurtzorg Hogeland."
    )
    expect(page.locator("main")).to_contain_text(
        "Buurtzorg Hogeland: Vraag en telefoonnummer, met toestemming"
    )
    request.refresh_from_db()
    assert (request.status, request.referred_to) == ("referred", buurtzorg)


def test_deciding_otherwise_than_proposed_asks_for_a_note(
    page, live_server, login, coordinator, village
):
    from tests.hulpvragen.factories import HelpRequestFactory

    request = HelpRequestFactory(resident=ResidentFactory(village=village))
    login(page, coordinator)
    page.goto(f"{live_server.url}/hulpvragen/{request.pk}/triage/")
    page.get_by_role("group", name="Kan het eigen netwerk dit doen").get_by_label("Ja").check()
    expect(page.get_by_label("Besluit")).to_have_value("informed")
    page.get_by_label("Besluit").select_option("accepted")
    expect(page.locator("#triage-differs")).to_be_visible()
    # A later answer does not overrule the coordinator's own choice.
    page.get_by_role("group", name="Is het te groot of te zwaar").get_by_label("Nee").check()
    expect(page.locator("#triage-proposal")).to_contain_text("Voorstel: informatie gegeven")
    expect(page.get_by_label("Besluit")).to_have_value("accepted")
    page.get_by_role("button", name="Vraagverheldering opslaan").click()
    expect(page.locator("main")).to_contain_text("Dat mag: schrijf kort op waarom.")
    page.get_by_label("Notitie").fill("De kinderen wonen ver weg en werken")
    page.get_by_role("button", name="Vraagverheldering opslaan").click()
    expect(page.locator("main")).to_contain_text("Zoek nu een vrijwilliger")
    expect(page.locator("main")).to_contain_text("De kinderen wonen ver weg en werken")


def test_board_quick_change_goes_onward_keeps_the_choice_and_asks_before_cancelling(
    page, live_server, login, coordinator, village
):
    from tests.hulpvragen.factories import HelpRequestFactory

    page.set_viewport_size({"width": 1366, "height": 768})
    resident = ResidentFactory(village=village, first_name="Geert", last_name="de Vries")
    request = HelpRequestFactory(resident=resident, status="searching")
    login(page, coordinator)
    page.goto(f"{live_server.url}/hulpvragen/")
    card = page.locator(f"#card-{request.pk}")
    # The board's own part above the cards is one short line (filters fold away).
    expect(page.get_by_label("Zoek op naam of straat")).to_be_hidden()
    line = page.get_by_text("Zoeken en filteren").bounding_box()
    first_card = page.locator("article.request-card").first.bounding_box()
    assert first_card["y"] - line["y"] < 120
    status = card.get_by_label("Status")
    expect(status).to_have_value("matched")  # onward first, not back to triage
    expect(card.get_by_label("Reden")).to_be_hidden()
    expect(card.get_by_role("button", name="In vraagverheldering")).to_be_hidden()
    card.get_by_text("meer…").click()
    expect(card.get_by_role("button", name="In vraagverheldering")).to_be_visible()

    status.select_option(label="ging niet door")
    expect(card.get_by_label("Reden")).to_be_visible()
    card.get_by_label("Notitie").fill("Dochter belde: het hoeft niet meer")
    card.get_by_role("button", name="Wijzigen").click()
    card = page.locator(f"#card-{request.pk}")
    expect(card).to_contain_text("Kies een reden.")
    expect(card.get_by_label("Status")).to_have_value("cancelled")
    expect(card.get_by_label("Reden")).to_be_visible()
    expect(card.get_by_label("Notitie")).to_have_value("Dochter belde: het hoeft niet meer")

    card.get_by_label("Reden").select_option(label="Ging niet door: Afgezegd door de hulpvrager")
    card.get_by_role("button", name="Wijzigen").click()
    card = page.locator(f"#card-{request.pk}")
    expect(card).to_contain_text("niet doorgaat, met de reden 'Afgezegd door de hulpvrager'?")
    card.get_by_role("button", name="Ja: ging niet door").click()
    expect(page.locator(f"#card-{request.pk}")).to_contain_text(
        "De hulpvraag van Geert de Vries gaat niet door (Afgezegd door de hulpvrager)."
    )
    request.refresh_from_db()
    assert (request.status, request.outcome_note) == (
        "cancelled",
        "Dochter belde: het hoeft niet meer",
    )


def test_the_menu_fits_a_laptop_screen_beside_the_desks_name(page, live_server, login, coordinator):
    """At 1366 px the coordinator's full menu with a long name wrapped under the brand: the
    name and the village overlapped the first item and "log out" fell off the screen."""
    coordinator.full_name = "Anneke van der Wal-Dijkstra"
    coordinator.save(update_fields=["full_name"])
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, coordinator)
    page.goto(f"{live_server.url}/hulpvragen/")
    # The brand's text, overflowing or not, ends before the first menu item starts.
    brand_end = page.locator(".navbar-brand").evaluate(
        "el => el.getBoundingClientRect().left + el.scrollWidth"
    )
    first_item = page.get_by_role("link", name="Overzicht", exact=True).first.bounding_box()
    assert brand_end <= first_item["x"]
    logout = page.get_by_role("button", name="Uitloggen").bounding_box()
    assert logout["x"] + logout["width"] <= 1366
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    expect(page.locator(".navbar-brand")).to_have_text(re.compile(r"Dorpsloket \S"))
