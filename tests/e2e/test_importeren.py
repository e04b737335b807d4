"""A coordinator uploads a volunteer list, sees the dry run's problems, fixes the file and
imports it."""

from playwright.sync_api import expect

from tests.hulpvragen.factories import ensure_defaults
from tests.importeren.files import csv_bytes

HEADER = ["naam", "email", "telefoon", "soorten_hulp", "dagen", "ingeschreven_op"]


def csv_file(rows):
    return {
        "name": "vrijwilligers.csv",
        "mimeType": "text/csv",
        "buffer": csv_bytes(rows, delimiter=";", bom=True),
    }


def test_coordinator_fixes_the_problems_the_dry_run_shows_and_imports(
    page, live_server, login, coordinator
):
    ensure_defaults()
    login(page, coordinator)
    page.get_by_role("button", name="Meer").click()
    page.get_by_role("link", name="Importeren", exact=True).click()
    page.get_by_role("link", name="Vrijwilligers importeren").click()

    bad = [
        HEADER,
        ["Jan de Vries", "jan@example.org", "06 12 34 56 78", "vervoer", "ma;wo", "15-3-2019"],
        [
            "Anna Huizinga",
            "JAN@example.org",
            "0595-42 12 34",
            "vervoer;fietsen",
            "vr",
            "31-02-2020",
        ],
    ]
    page.get_by_label("Spreadsheet (.csv of .xlsx)").set_input_files(csv_file(bad))
    page.get_by_role("button", name="Bestand controleren").click()

    problems = page.locator("#problems")
    expect(page.get_by_role("alert")).to_contain_text("Er zijn 3 problemen")
    expect(problems).to_contain_text("Dit e-mailadres staat ook in rij 2.")
    expect(problems).to_contain_text("fietsen")
    expect(problems).to_contain_text("ingeschreven_op")
    expect(page.get_by_role("button", name="Nu importeren")).to_have_count(0)

    good = [
        HEADER,
        bad[1],
        ["Anna Huizinga", "anna@example.org", "0595-42 12 34", "vervoer", "vr", "29-02-2020"],
    ]
    page.get_by_label("Spreadsheet (.csv of .xlsx)").set_input_files(csv_file(good))
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.locator("#check-result")).to_contain_text(
        "2 vrijwilligers kunnen worden geïmporteerd"
    )

    page.get_by_role("button", name="Nu importeren").click()
    expect(page.get_by_role("status").first).to_contain_text("vrijwilligers: 2")
    expect(page.get_by_role("table")).to_contain_text("vrijwilligers.csv")

    page.get_by_role("link", name="Vrijwilligers", exact=True).click()
    expect(page.get_by_text("Anna Huizinga")).to_be_visible()
