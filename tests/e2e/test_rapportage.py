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


def test_the_overview_opens_with_the_year_in_words_and_the_meeting_walks_through_slides(
    page, live_server, login, reader, village
):
    f.resident(village)
    f.help_request(
        village, "vervoer", intake=at(2024, 3, 1), status="done", needed_on=date(2024, 3, 5)
    )
    f.help_request(village, "klus", intake=at(2023, 6, 1), status="new")
    login(page, reader)
    page.goto(f"{live_server.url}/jaaroverzicht/?year=2024")
    first = page.get_by_role("region", name="Het jaar 2024 in het kort")
    expect(first).to_be_visible()
    expect(first).to_contain_text("In 2024 vroeg een inwoner 1 keer om hulp, voor vervoer.")
    expect(first.get_by_role("list", name="Kerncijfers")).to_contain_text("Hulpvragen")

    page.get_by_role("link", name="Toon als presentatie").click()
    title_slide = page.get_by_role("region", name="Titel")
    expect(title_slide).to_be_visible()
    expect(title_slide).to_contain_text("Jaaroverzicht 2024")
    # the keys work once the slides script has numbered the slides
    expect(page.locator("[data-slide-counter]")).to_contain_text("1 / ")
    page.keyboard.press("ArrowRight")
    expect(title_slide).to_be_hidden()
    words = page.get_by_role("region", name="Het jaar 2024 in het kort")
    expect(words).to_be_visible()
    expect(page.get_by_text("2 / ", exact=False)).to_be_visible()
    page.get_by_role("button", name="Volgende").click()
    expect(words).to_be_hidden()
    expect(page.get_by_role("region", name="Eenmalige hulpvragen uitgevoerd")).to_be_visible()
    page.keyboard.press("ArrowLeft")
    expect(words).to_be_visible()
