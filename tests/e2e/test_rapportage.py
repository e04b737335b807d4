"""The yearly overview in a real browser: a reader picks last year and downloads the PDF."""

from datetime import date

from playwright.sync_api import expect

from tests.rapportage import factories as f
from tests.rapportage.factories import at


def test_reader_opens_the_overview_and_downloads_the_pdf(page, live_server, login, reader, village):
    f.resident(village)
    f.help_request(
        village, "vervoer", intake=at(2024, 3, 1), status="done", needed_on=date(2024, 3, 5)
    )
    login(page, reader)  # a reader starts on the overview
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jaaroverzicht")
    page.get_by_label("Jaar", exact=True).select_option("2024")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jaaroverzicht 2024")
    table = page.locator("#table-one_off")
    expect(table.get_by_role("row", name="Vervoer")).to_contain_text("1")
    expect(page.get_by_role("img", name="Grafiek: Eenmalige hulpvragen uitgevoerd")).to_be_visible()

    with page.expect_download() as info:
        page.get_by_role("link", name="Downloaden als PDF").click()
    download = info.value
    assert download.suggested_filename == "jaaroverzicht-warffum-2024.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
