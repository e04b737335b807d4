"""The upload pages: dry run with problems by row and column, confirm, templates."""

import io

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from importeren.models import ImportRun
from tests.importeren.files import csv_bytes
from vrijwilligers.models import Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_time():
    with time_machine.travel("2025-01-15 10:00 +01:00", tick=False):
        yield


GOOD = [["naam", "email", "ingeschreven_op"], ["Jan de Vries", "jan@example.org", "1-3-2020"]]
BAD = [["naam", "email", "ingeschreven_op"], ["Jan de Vries", "jan@example.org", "31-2-2020"]]


def upload(client, rows, kind="vrijwilligers"):
    file = SimpleUploadedFile("lijst.csv", csv_bytes(rows, delimiter=";", bom=True))
    return client.post(reverse("importeren:upload", args=[kind]), {"file": file})


def test_a_dry_run_shows_each_problem_with_row_and_column(client, coordinator):
    client.force_login(coordinator)
    response = upload(client, BAD)
    assert response.status_code == 200
    problems = response.context["result"].problems
    assert [(p.row, p.column) for p in problems] == [(2, "ingeschreven_op")]
    content = response.content.decode()
    assert "31-2-2020" in content and "geen bestaande datum" in content
    assert response.context["confirm_form"] is None
    assert not Volunteer.objects.exists()


def test_a_clean_dry_run_offers_the_import_and_writes_nothing(client, coordinator):
    client.force_login(coordinator)
    response = upload(client, GOOD)
    assert response.context["result"].ok
    assert response.context["confirm_form"] is not None
    assert not Volunteer.objects.exists()


def test_confirming_imports_the_checked_file_into_the_active_village(client, coordinator, village):
    client.force_login(coordinator)
    confirm = upload(client, GOOD).context["confirm_form"]
    response = client.post(
        reverse("importeren:upload", args=["vrijwilligers"]),
        {**confirm.initial, "confirm": "1"},
    )
    assert response.status_code == 302
    assert Volunteer.objects.get().village == village
    assert ImportRun.objects.get().imported_by == coordinator


def test_a_mangled_confirm_form_asks_to_upload_again(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("importeren:upload", args=["vrijwilligers"]),
        {"content": "%%%", "file_name": "x.csv", "confirm": "1"},
    )
    assert response.status_code == 200
    assert not Volunteer.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_gives_a_message_not_an_error(client, coordinator):
    client.force_login(coordinator)
    file = SimpleUploadedFile("foto.xlsx", b"PK\x03\x04garbage")
    response = client.post(reverse("importeren:upload", args=["hulpvragen"]), {"file": file})
    assert response.status_code == 200
    assert response.context["result"].problems


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


def test_the_xlsx_template_imports_cleanly_when_filled_in(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("importeren:template", args=["vrijwilligers", "xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    workbook.worksheets[0].append(["Jan de Vries"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("ingevuld.xlsx", buffer.getvalue())
    response = client.post(reverse("importeren:upload", args=["vrijwilligers"]), {"file": file})
    assert response.context["result"].ok, response.context["result"].problems


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
