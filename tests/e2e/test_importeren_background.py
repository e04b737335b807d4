"""A coordinator uploads a file and watches it being checked in the background: a progress
bar, then the problem by row and column (nothing imported); then a good file, imported.

The broker is kombu's in-memory transport and no worker runs: the test does the worker's
part (runs the task on the upload's id) once it has seen the page wait, so that the waiting
state is really on screen before the result comes in by polling."""

import pytest
from playwright.sync_api import expect

from dorpsloket.celery import app
from importeren import tasks
from importeren.models import ImportRun, ImportUpload
from tests.hulpvragen.factories import ensure_defaults
from tests.importeren.files import csv_bytes
from vrijwilligers.models import Volunteer

HEADER = ["naam", "email", "telefoon", "ingeschreven_op"]


@pytest.fixture
def broker_without_worker():
    def reset():
        app._pool = None
        app.amqp._producer_pool = None

    saved = app.conf.broker_url, app.conf.broker_transport_options
    app.conf.broker_url, app.conf.broker_transport_options = "memory://", {}
    reset()
    yield
    app.conf.broker_url, app.conf.broker_transport_options = saved
    reset()


def csv_file(rows):
    return {
        "name": "vrijwilligers.csv",
        "mimeType": "text/csv",
        "buffer": csv_bytes(rows, delimiter=";", bom=True),
    }


def expect_waiting(page, text):
    bar = page.get_by_role("progressbar")
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(page.locator("#progress-text")).to_contain_text(text)


@pytest.mark.real_broker
def test_coordinator_sees_the_progress_then_the_problem_then_imports_a_good_file(
    page, live_server, login, coordinator, broker_without_worker
):
    ensure_defaults()
    login(page, coordinator)
    page.goto(f"{live_server.url}/importeren/vrijwilligers/")

    bad = [HEADER, ["Els van 't Hof", "els@example.org", "0595 44 24 53", "31-02-2020"]]
    page.get_by_label("Spreadsheet (.csv of .xlsx)").set_input_files(csv_file(bad))
    page.get_by_role("button", name="Bestand controleren").click()
    expect_waiting(page, "Het bestand wacht op controle")

    tasks.check_upload(ImportUpload.objects.latest("pk").pk)
    expect(page.get_by_role("alert")).to_contain_text("Er is 1 probleem")
    problems = page.locator("#problems")
    expect(problems.locator("tbody tr")).to_have_count(1)
    expect(problems.locator("tbody tr td").nth(0)).to_have_text("2")
    expect(problems.locator("tbody tr td").nth(1)).to_have_text("ingeschreven_op")
    expect(page.get_by_role("button", name="Nu importeren")).to_have_count(0)
    assert not Volunteer.objects.exists()

    good = [HEADER, ["Els van 't Hof", "els@example.org", "0595 44 24 53", "28-02-2020"]]
    page.get_by_label("Spreadsheet (.csv of .xlsx)").set_input_files(csv_file(good))
    page.get_by_role("button", name="Bestand controleren").click()
    expect_waiting(page, "Het bestand wacht op controle")
    tasks.check_upload(ImportUpload.objects.latest("pk").pk)
    expect(page.locator("#check-result")).to_contain_text("1 vrijwilliger kan worden geïmporteerd")

    page.get_by_role("button", name="Nu importeren").click()
    expect_waiting(page, "Het bestand wacht om geïmporteerd te worden")
    tasks.import_upload(ImportUpload.objects.latest("pk").pk)
    expect(page.get_by_role("status").first).to_contain_text("Geïmporteerd: vrijwilligers: 1")
    expect(page.get_by_role("table")).to_contain_text("vrijwilligers.csv")
    assert Volunteer.objects.get().last_name == "van 't Hof"
    assert ImportRun.objects.count() == 1
