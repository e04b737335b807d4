"""The municipality's report in a real browser: a regional reader opens it from the yearly
overview, sees the villages side by side with the region, and downloads the PDF."""

import re
import subprocess

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from accounts.roles import Role
from tests.factories import user_with_role
from tests.rapportage import factories as f
from tests.rapportage.factories import at

from .test_accessibility import OPTIONS

axe = Axe()


def test_a_regional_reader_opens_the_report_and_hands_over_the_pdf(
    page, live_server, login, village, other_village
):
    for v in (village, other_village):
        f.resident(v)
    for day in range(1, 13):
        f.help_request(village, "vervoer", intake=at(2025, 3, day), status="done")
    for day in range(1, 3):
        f.help_request(other_village, "vervoer", intake=at(2025, 4, day), status="done")
    regional = user_with_role(Role.READER, village, other_village)
    login(page, regional)
    page.goto(f"{live_server.url}/jaaroverzicht/?year=2025")
    page.get_by_role("link", name="Gemeenterapportage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeenterapportage 2025")
    kinds = page.locator("#table-requests_by_kind")
    expect(kinds.get_by_role("columnheader")).to_have_text(["Soort", "Usquert", "Warffum", "Regio"])
    # Usquert's 2 rides are "< 5"; Warffum's 12 would give them away from the region's 14
    expect(kinds.get_by_role("row", name=re.compile("^Vervoer"))).to_have_text(
        re.compile(r"Vervoer\s*< 5\s*x\s*14")
    )
    assert [v["id"] for v in axe.run(page, options=OPTIONS).response["violations"]] == []

    with page.expect_download() as info:
        page.get_by_role("link", name="Downloaden als PDF").click()
    download = info.value
    assert download.suggested_filename == "gemeenterapportage-usquert-warffum-2025.pdf"
    text = subprocess.run(
        ["pdftotext", download.path(), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "Gemeenterapportage 2025" in text and "Regio" in text and "< 5" in text
