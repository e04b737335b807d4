"""A coordinator answers "who has seen my file?" and withdraws a resident's consent."""

from datetime import date

import pytest
from playwright.sync_api import expect

from hulpvragen.models import ConsentRecord
from hulpvragen.services import consent_record, resident_update
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory, ensure_defaults


@pytest.fixture(autouse=True)
def _default_rows(transactional_db):
    ensure_defaults()


def test_coordinator_sees_who_looked_and_prints_the_letter(
    page, live_server, login, coordinator, village
):
    village.desk_phone = "0595442453"
    village.save()
    resident = ResidentFactory(
        village=village, first_name="Jan", last_name="van 't Hof", postcode="9989 AB"
    )
    request = HelpRequestFactory(resident=resident, village=village, description="Gras maaien")
    login(page, coordinator)
    page.goto(f"{live_server.url}/hulpvragen/{request.pk}/")
    page.goto(f"{live_server.url}/hulpvragen/hulpvragers/{resident.pk}/")
    page.get_by_role("link", name="Wie heeft dit dossier bekeken").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Wie heeft het dossier van Jan van 't Hof bekeken"
    )
    table = page.locator("table.access-log-table")
    expect(table.locator("tbody tr").first).to_contain_text("Anneke Dijkstra (coördinator)")
    expect(table).to_contain_text(f"hulpvraag {request.pk} geopend")
    expect(table).to_contain_text("de pagina van de hulpvrager geopend")
    expect(table).to_contain_text("ingelogd")

    page.get_by_role("link", name="Brief voor de hulpvrager").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie heeft uw dossier bekeken")
    expect(page.get_by_text("Beste Jan van 't Hof,")).to_be_visible()
    expect(page.get_by_text("Telefoon 0595 44 24 53")).to_be_visible()
    expect(page.get_by_role("button", name="Afdrukken")).to_be_visible()
    # This list itself is in the letter: opening it was logged.
    expect(page.locator("table.access-log-table")).to_contain_text(
        "deze lijst van wie het dossier bekeek"
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Downloaden als PDF").click()
    assert download.value.suggested_filename == f"inzage-{resident.pk}.pdf"


def test_coordinator_withdraws_consent_and_the_note_is_gone(
    page, live_server, login, coordinator, village
):
    resident = ResidentFactory(village=village, first_name="Aaltje", last_name="de Vries")
    consent_record(
        resident=resident, purpose="health_notes", given_on=date(2025, 6, 3), by=coordinator
    )
    resident_update(resident=resident, by=coordinator, health_notes="Slecht ter been")
    login(page, coordinator)
    page.goto(f"{live_server.url}/hulpvragen/hulpvragers/{resident.pk}/")
    expect(page.get_by_text("Slecht ter been")).to_be_visible()

    page.get_by_role("link", name="Toestemming intrekken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming intrekken")
    expect(page.get_by_text("De notities over gezondheid worden nu verwijderd")).to_be_visible()
    page.get_by_role("button", name="Ja, toestemming intrekken").click()

    expect(page.get_by_text("Toestemming ingetrokken: notities over gezondheid")).to_be_visible()
    expect(page.get_by_text("Slecht ter been")).to_have_count(0)
    consent = page.locator(".consent-list li").first
    expect(consent).to_contain_text("ingetrokken")
    expect(consent).to_contain_text("vastgelegd door Anneke Dijkstra")
    expect(page.get_by_role("link", name="Toestemming intrekken")).to_have_count(0)

    # A sensitive note can no longer be saved; what was typed stays.
    page.get_by_role("link", name="Wijzigen").first.click()
    page.get_by_label("Notities over gezondheid").fill("Weer gevallen")
    page.get_by_label("Telefoon").fill("06 12 34 56 78")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("trok deze toestemming in op")).to_be_visible()
    expect(page.get_by_label("Notities over gezondheid")).to_have_value("Weer gevallen")
    expect(page.get_by_label("Telefoon")).to_have_value("06 12 34 56 78")
    assert ConsentRecord.objects.get().withdrawn_by == coordinator
