"""A coordinator answers "what do you keep about me?" and erases a resident's data."""

import json

from django.utils import timezone
from playwright.sync_api import expect

from hulpvragen.models import HelpRequest
from tests.privacy.world import resident_with_everything
from tests.rapportage.test_overview import pdf_text


def test_coordinator_exports_a_resident_as_json_and_pdf(
    page, live_server, login, coordinator, village
):
    resident = resident_with_everything(
        village, coordinator, first_name="Gerrit", last_name="van 't Hof"
    )
    login(page, coordinator)
    page.goto(f"{live_server.url}/hulpvragen/hulpvragers/{resident.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gerrit van 't Hof")

    with page.expect_download() as info:
        page.get_by_role("link", name="Alle gegevens (JSON)").click()
    download = info.value
    today = timezone.localdate()
    assert download.suggested_filename == f"gegevens-hulpvrager-{resident.pk}-{today}.json"
    with open(download.path(), encoding="utf-8") as handle:
        data = json.load(handle)
    sections = {s["model"]: s["rows"] for s in data["sections"]}
    assert sections["hulpvragen.Resident"][0]["last_name"] == "van 't Hof"
    assert sections["uitleen.Loan"][0]["notes"] == "Rollator bij de voordeur"
    assert sections["accounts.AccessLogEntry"][-1]["action"] == "export"

    with page.expect_download() as info:
        page.get_by_role("link", name="Alle gegevens (PDF)").click()
    with open(info.value.path(), "rb") as handle:
        text = pdf_text(handle.read())
    assert "Wat het loket over u bewaart" in text
    assert "Vergeetachtig" in text


def test_coordinator_erases_a_resident_after_closing_the_open_request(
    page, live_server, login, coordinator, village
):
    resident = resident_with_everything(
        village, coordinator, first_name="Gerrit", last_name="van 't Hof"
    )
    open_request = resident.help_requests.create(
        village=village,
        category=resident.help_requests.get().category,
        description="Tuin",
        status="searching",
    )
    login(page, coordinator)
    page.goto(f"{live_server.url}/hulpvragen/hulpvragers/{resident.pk}/")
    page.get_by_role("link", name="Gegevens wissen…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gegevens van de hulpvrager wissen")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("De gegevens kunnen nog niet worden gewist.")
    expect(alert).to_contain_text("Er is 1 open hulpvraag: sluit die af of annuleer hem eerst.")
    expect(page.get_by_role("button", name="Definitief wissen")).to_be_disabled()

    HelpRequest.objects.filter(pk=open_request.pk).update(status="cancelled")
    page.reload()
    expect(page.get_by_role("alert")).to_have_count(0)
    page.get_by_role("button", name="Definitief wissen").click()

    expect(page.get_by_text("De gegevens van de hulpvrager zijn gewist.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("(gewist)")
    expect(page.get_by_role("status").filter(has_text="zijn gewist op")).to_be_visible()
    expect(page.get_by_text("van 't Hof")).to_have_count(0)
    expect(page.get_by_role("link", name="Gegevens wissen…")).to_have_count(0)
