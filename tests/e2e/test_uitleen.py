"""A coordinator lends a rollator to a resident and takes it back, in the browser."""

from playwright.sync_api import expect

from tests.uitleen.factories import AidItemFactory, ResidentFactory, aid_type
from uitleen.models import ItemStatus, Loan


def test_coordinator_lends_a_rollator_from_the_inventory_and_takes_it_back(
    page, live_server, login, coordinator, village
):
    rollator = AidItemFactory(village=village, label="Rollator 3", aid_type=aid_type("rollator"))
    ResidentFactory(village=village, first_name="Trijntje", last_name="Wiersma")
    login(page, coordinator)

    page.get_by_role("button", name="Meer").click()
    page.get_by_role("link", name="Hulpmiddelen").first.click()
    row = page.locator(f"#item-{rollator.pk}")
    expect(row).to_contain_text("beschikbaar")

    # Click 1: lend this rollator; click 2: the resident found by the type-ahead.
    row.get_by_role("link", name="Uitlenen").click()
    page.get_by_label("Wie leent het?").fill("Wiers")
    page.get_by_role("button", name="Trijntje Wiersma").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Rollator 3 is uitgeleend aan Trijntje Wiersma"
    )
    expect(row).to_contain_text("Uitgeleend aan Trijntje Wiersma")

    # One click to take it back.
    row.get_by_role("button", name="Terugnemen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Rollator 3 is teruggenomen van Trijntje Wiersma"
    )
    expect(row).to_contain_text("beschikbaar")
    loan = Loan.objects.get(item=rollator)
    assert loan.returned_on is not None
    rollator.refresh_from_db()
    assert rollator.status == ItemStatus.AVAILABLE


def test_coordinator_lends_from_the_residents_context_in_one_click(
    page, live_server, login, coordinator, village
):
    AidItemFactory(village=village, label="Rollator 5", aid_type=aid_type("rollator"))
    resident = ResidentFactory(village=village, first_name="Klaas", last_name="Hoekstra")
    login(page, coordinator)

    page.goto(f"{live_server.url}/uitleen/uitlenen/?resident={resident.pk}")
    expect(page.get_by_text("Klaas Hoekstra")).to_be_visible()
    page.get_by_role("button", name="Rollator 5").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Rollator 5 is uitgeleend aan Klaas Hoekstra"
    )
    assert Loan.objects.filter(resident=resident, returned_on__isnull=True).count() == 1
