"""The upload pages: dry run with problems by row and column, confirm, templates."""

import io

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from importeren.models import ImportRun, ImportUpload
from tests.importeren.files import csv_bytes
from vrijwilligers.models import Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_time():
    with time_machine.travel("2025-01-15 10:00 +01:00", tick=False):
        yield


GOOD = [["naam", "email", "ingeschreven_op"], ["Jan de Vries", "jan@example.org", "1-3-2020"]]
BAD = [["naam", "email", "ingeschreven_op"], ["Jan de Vries", "jan@example.org", "31-2-2020"]]


def post_file(client, capture, data, *, name="lijst.csv", kind="vrijwilligers"):
    """Upload as the page does; the check runs (inline in tests) once the upload is stored.
    Returns the status page as the browser sees it after the redirect."""
    file = SimpleUploadedFile(name, data)
    with capture(execute=True):
        response = client.post(reverse("importeren:upload", args=[kind]), {"file": file})
    assert response.status_code == 302, response.content
    return client.get(response["Location"])


def upload(client, capture, rows, kind="vrijwilligers"):
    return post_file(client, capture, csv_bytes(rows, delimiter=";", bom=True), kind=kind)


def confirm(client, capture, response):
    with capture(execute=True):
        return client.post(
            reverse("importeren:upload_status", args=[response.context["upload"].pk]),
            {"confirm": "1"},
        )


def test_a_dry_run_shows_each_problem_with_row_and_column(
    client, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    response = upload(client, django_capture_on_commit_callbacks, BAD)
    assert response.status_code == 200
    problems = response.context["result"]["problems"]
    assert [(p["row"], p["column"]) for p in problems] == [(2, "ingeschreven_op")]
    content = response.content.decode()
    assert "31-2-2020" in content and "geen bestaande datum" in content
    assert 'name="confirm"' not in content
    assert not Volunteer.objects.exists()


def test_a_file_with_problems_is_not_kept(client, coordinator, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    response = upload(client, django_capture_on_commit_callbacks, BAD)
    assert not response.context["upload"].file


def test_a_clean_dry_run_offers_the_import_and_writes_nothing(
    client, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    response = upload(client, django_capture_on_commit_callbacks, GOOD)
    assert response.context["result"]["problems"] == []
    assert 'name="confirm"' in response.content.decode()
    assert not Volunteer.objects.exists()


def test_confirming_imports_the_checked_file_into_the_active_village(
    client, coordinator, village, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    checked = upload(client, django_capture_on_commit_callbacks, GOOD)
    response = confirm(client, django_capture_on_commit_callbacks, checked)
    assert response.status_code == 302
    assert Volunteer.objects.get().village == village
    assert ImportRun.objects.get().imported_by == coordinator
    stored = ImportUpload.objects.get()
    assert stored.status == ImportUpload.Status.IMPORTED and not stored.file


def test_confirming_twice_imports_once(client, coordinator, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    checked = upload(client, django_capture_on_commit_callbacks, GOOD)
    confirm(client, django_capture_on_commit_callbacks, checked)
    confirm(client, django_capture_on_commit_callbacks, checked)
    assert Volunteer.objects.count() == 1
    assert ImportRun.objects.count() == 1


def test_the_poll_after_the_import_sends_the_browser_to_the_list_with_the_counts(
    client, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    checked = upload(client, django_capture_on_commit_callbacks, GOOD)
    confirm(client, django_capture_on_commit_callbacks, checked)
    url = reverse("importeren:upload_status", args=[checked.context["upload"].pk])
    response = client.get(url, headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == reverse("importeren:index")
    page = client.get(reverse("importeren:index")).content.decode()
    assert "Geïmporteerd: vrijwilligers: 1" in page


def test_while_it_is_checked_the_page_shows_an_accessible_progress_bar(
    client, coordinator, village
):
    stored = ImportUpload.objects.create(
        village=village,
        kind="volunteers",
        file_name="lijst.csv",
        status=ImportUpload.Status.CHECKING,
        rows_total=800,
        rows_done=200,
    )
    client.force_login(coordinator)
    url = reverse("importeren:upload_status", args=[stored.pk])
    response = client.get(url, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert 'role="progressbar"' in content and 'aria-valuenow="25"' in content
    assert "200 van 800 rijen" in content
    assert f'hx-get="{url}"' in content


def test_another_villages_upload_is_not_found(
    client, other_coordinator, village, django_capture_on_commit_callbacks
):
    stored = ImportUpload.objects.create(village=village, kind="volunteers", file_name="x.csv")
    client.force_login(other_coordinator)
    response = client.get(reverse("importeren:upload_status", args=[stored.pk]))
    assert response.status_code == 404


def test_a_file_that_is_not_a_spreadsheet_gives_a_message_not_an_error(
    client, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    response = post_file(
        client,
        django_capture_on_commit_callbacks,
        b"PK\x03\x04garbage",
        name="foto.xlsx",
        kind="hulpvragen",
    )
    assert response.status_code == 200
    assert "niet lezen als Excel-bestand" in response.content.decode()
    assert response.context["upload"].status == ImportUpload.Status.CHECKED


def test_a_file_over_the_size_cap_is_refused_in_dutch(client, coordinator, settings):
    client.force_login(coordinator)
    file = SimpleUploadedFile("groot.csv", b"naam\r\n" + b"x" * (10 * 1024 * 1024 + 1))
    response = client.post(reverse("importeren:upload", args=["vrijwilligers"]), {"file": file})
    assert response.status_code == 200
    assert "groter dan 10 MB" in response.content.decode()
    assert not ImportUpload.objects.exists()


def test_an_unknown_kind_is_not_found(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/importeren/katten/").status_code == 404


def test_the_csv_template_has_the_documented_header(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("importeren:template", args=["hulpvragen", "csv"]))
    header = response.content.decode("utf-8-sig").strip().split(";")
    assert header[:3] == ["datum", "inwoner", "adres"]
    assert {"uitkomst", "vrijwilligers", "doorverwezen_naar"} <= set(header)


def test_the_xlsx_template_has_the_header_and_an_explanation_sheet(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("importeren:template", args=["vrijwilligers", "xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    first = [cell.value for cell in workbook.worksheets[0][1]]
    assert first[:2] == ["naam", "voornaam"]
    assert len(workbook.worksheets) == 2
    codes = [row[1] for row in workbook.worksheets[1].iter_rows(values_only=True)]
    assert "vervoer" in codes


def test_the_xlsx_template_imports_cleanly_when_filled_in(
    client, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    response = client.get(reverse("importeren:template", args=["vrijwilligers", "xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    workbook.worksheets[0].append(["Jan de Vries"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = post_file(
        client, django_capture_on_commit_callbacks, buffer.getvalue(), name="ingevuld.xlsx"
    )
    assert response.context["result"]["problems"] == []


def test_the_index_lists_only_this_villages_imports(
    client, coordinator, village, other_village, django_assert_max_num_queries
):
    ImportRun.objects.create(
        village=village, kind="volunteers", file_name="hier.csv", sha256="a", row_count=3
    )
    ImportRun.objects.create(
        village=other_village, kind="volunteers", file_name="daar.csv", sha256="b", row_count=3
    )
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("importeren:index"))
    content = response.content.decode()
    assert "hier.csv" in content and "daar.csv" not in content
