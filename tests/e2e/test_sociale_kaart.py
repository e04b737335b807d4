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


def _demo_social_map():
    """The demo's own villages, coordinators and social map (not the whole demo: fast)."""
    from accounts import demo as accounts_demo
    from sociale_kaart import demo as sociale_kaart_demo

    ctx = accounts_demo.new_context()
    accounts_demo.build(ctx)
    sociale_kaart_demo.build(ctx)
    return ctx


def test_coordinator_finds_debt_help_by_typing_schulden(page, live_server, login):
    from accounts.demo import DEMO_PASSWORD

    ctx = _demo_social_map()
    login(page, ctx.users["coordinator@warffum.example"], password=DEMO_PASSWORD)
    page.goto(f"{live_server.url}/sociale-kaart/")
    results = page.locator("#organisation-results")
    page.get_by_label("Zoeken").press_sequentially("schulden", delay=40)
    # "schulden" lives inside the compound "Schuldhulpverlening".
    expect(results.get_by_role("heading", level=2)).to_have_count(2)
    expect(results).to_contain_text("Schuldhulpverlening gemeente Het Hogeland")
    expect(results).to_contain_text("Sociaal Raadslieden Het Hogeland")
    expect(page).to_have_url(f"{live_server.url}/sociale-kaart/?q=schulden&theme=&kind=")

    page.get_by_label("Zoeken").fill("")
    page.get_by_label("Zoeken").press_sequentially("eenzaam", delay=40)
    expect(results).to_contain_text("De Zonnebloem, afdeling Warffum-Usquert")
    expect(results).not_to_contain_text("Schuldhulpverlening")


def test_archiving_asks_first_and_confirms_in_dutch(page, live_server, login, coordinator, village):
    org = OrganisationFactory(name="Stichting van 't Hof", villages=[village])
    login(page, coordinator)
    page.goto(f"{live_server.url}{org.get_absolute_url()}")
    page.get_by_role("link", name="Archiveren…").click()

    # Nothing happened yet: a question, the villages that lose the entry, no reason chosen.
    expect(page.get_by_role("heading", level=1)).to_have_text("Stichting van 't Hof archiveren?")
    expect(page.get_by_text("Het verdwijnt van de sociale kaart van: Warffum.")).to_be_visible()
    reason = page.get_by_label("Waarom wordt de organisatie gearchiveerd?")
    expect(reason).to_have_value("")
    page.get_by_label("Opmerking (mag leeg blijven)").fill("Opgegaan in Welzijn Hogeland Noord")
    page.get_by_role("button", name="Ja, archiveren").click()
    expect(page.get_by_text("Kies waarom de organisatie wordt gearchiveerd.")).to_be_visible()
    expect(page.get_by_label("Opmerking (mag leeg blijven)")).to_have_value(
        "Opgegaan in Welzijn Hogeland Noord"
    )

    # "No, go back" leaves it on the map.
    page.get_by_role("link", name="Nee, terug").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stichting van 't Hof")
    expect(page.get_by_text("Gearchiveerd op")).to_have_count(0)

    page.get_by_role("link", name="Archiveren…").click()
    page.get_by_label("Waarom wordt de organisatie gearchiveerd?").select_option(
        label="Opgegaan in een andere organisatie"
    )
    page.get_by_role("button", name="Ja, archiveren").click()
    expect(
        page.get_by_text(
            "Stichting van 't Hof is gearchiveerd en staat niet meer op de sociale kaart."
        )
    ).to_be_visible()
    expect(page.get_by_role("button", name="Zet terug op de kaart")).to_be_visible()
    expect(page.get_by_text("Opgegaan in een andere organisatie")).to_be_visible()
