"""The social map in a real browser: search while typing, add an entry, mark it verified."""

from datetime import date
from decimal import Decimal

from playwright.sync_api import expect

from tests.sociale_kaart.factories import ContactPersonFactory, OrganisationFactory, theme


def test_coordinator_finds_the_food_bank_by_typing_voedsel(
    page, live_server, login, coordinator, village
):
    food_bank = OrganisationFactory(
        name="Voedselbank Het Hogeland",
        villages=[village],
        themes=[theme("geld")],
        is_transport_destination=True,
    )
    food_bank.distances.create(village=village, km=Decimal("11.0"))
    wmo = OrganisationFactory(name="Wmo-loket Het Hogeland", villages=[village])
    ContactPersonFactory(organisation=wmo, name="Marieke Hofstra")
    OrganisationFactory(name="Bibliotheek Warffum", villages=[village])

    login(page, coordinator)
    page.get_by_role("button", name="Meer").click()
    page.get_by_role("link", name="Sociale kaart").click()
    results = page.locator("#organisation-results")
    expect(results.get_by_role("heading", level=2)).to_have_count(3)

    page.get_by_label("Zoeken").press_sequentially("voedsel", delay=40)
    # No button pressed: the list follows the typing (htmx) and the address bar keeps up.
    expect(results.get_by_role("heading", level=2)).to_have_count(1)
    expect(results).to_contain_text("Voedselbank Het Hogeland")
    expect(results).to_contain_text("11 km")
    expect(page).to_have_url(f"{live_server.url}/sociale-kaart/?q=voedsel&theme=&kind=")

    results.get_by_role("link", name="Voedselbank Het Hogeland").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voedselbank Het Hogeland")
    expect(page.get_by_text("Afstand vanaf Warffum")).to_be_visible()


def test_coordinator_adds_an_organisation_with_opening_hours(
    page, live_server, login, coordinator, village
):
    theme("vervoer")
    login(page, coordinator)
    page.goto(f"{live_server.url}/sociale-kaart/nieuw/")
    page.get_by_label("Naam").fill("UMCG Groningen")
    page.get_by_label("Soort").select_option(label="ziekenhuis")
    page.get_by_label("Vervoer", exact=True).check()
    page.locator("#id_hours-0-weekday").select_option(label="maandag")
    page.locator("#id_hours-0-opens_at").fill("08:00")
    page.locator("#id_hours-0-closes_at").fill("17:00")
    page.get_by_label("Vervoersbestemming").check()
    page.get_by_role("button", name="Opslaan").click()
    # Forgot the distance: a Dutch error, and what was typed is still there.
    expect(
        page.get_by_text("Een vervoersbestemming heeft de afstand vanaf Warffum nodig.")
    ).to_be_visible()
    expect(page.get_by_label("Naam")).to_have_value("UMCG Groningen")
    page.get_by_label("Afstand vanaf Warffum (km)").fill("25")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("UMCG Groningen")
    expect(page.get_by_text("25 km")).to_be_visible()
    expect(page.get_by_role("row", name="maandag 08:00–17:00")).to_be_visible()


def test_stale_entry_is_marked_verified_with_one_click(
    page, live_server, login, coordinator, village
):
    org = OrganisationFactory(
        name="Stichting Vervoer Hogeland", villages=[village], last_verified_on=date(2020, 1, 1)
    )
    login(page, coordinator)
    page.goto(f"{live_server.url}/sociale-kaart/?stale=on")
    expect(page.get_by_text("1 organisatie is al een jaar niet gecontroleerd.")).to_be_visible()
    page.get_by_role("link", name=org.name).click()
    verification = page.locator("#verification")
    expect(verification).to_contain_text("controleren")
    page.get_by_role("button", name="Gecontroleerd: klopt nog").click()
    expect(verification).not_to_contain_text("controleren")
    expect(verification).to_contain_text(f"door {coordinator.full_name}")
    page.goto(f"{live_server.url}/sociale-kaart/")
    expect(page.get_by_text("al een jaar niet gecontroleerd")).to_have_count(0)
