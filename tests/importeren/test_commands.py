"""The import commands: same checks and messages as the pages, non-zero exit on problems."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hulpvragen.models import HelpRequest
from tests.importeren.files import csv_bytes
from vrijwilligers.models import Volunteer

pytestmark = pytest.mark.django_db


def write(tmp_path, rows, name="bestand.csv", **kwargs):
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows, **kwargs))
    return str(path)


def call(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_importeer_vrijwilligers_imports_a_good_file(village, tmp_path):
    path = write(tmp_path, [["naam", "email"], ["Jan de Vries", "jan@example.org"]], delimiter=";")
    out, _err = call("importeer_vrijwilligers", path, "--village", "warffum")
    assert Volunteer.objects.filter(village=village, email="jan@example.org").exists()
    assert "1" in out


def test_a_bad_file_exits_non_zero_with_row_and_column_messages(village, tmp_path):
    path = write(tmp_path, [["naam", "email"], ["Jan de Vries", "geen-adres"]])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("importeer_vrijwilligers", path, "--village", "warffum", stderr=err)
    assert "2" in err.getvalue() and "email" in err.getvalue()
    assert not Volunteer.objects.exists()


def test_the_command_exits_non_zero_for_an_unknown_village(village, tmp_path):
    path = write(tmp_path, [["naam"], ["Jan de Vries"]])
    with pytest.raises(CommandError):
        call("importeer_vrijwilligers", path, "--village", "nergens")


def test_importeer_hulpvragen_dry_run_writes_nothing(village, tmp_path):
    rows = [
        ["datum", "inwoner", "adres", "postcode", "soort", "uitkomst"],
        ["12-03-2024", "Aaltje Bos", "Kerkstraat 3", "9989 AC", "vervoer", "informatie"],
    ]
    path = write(tmp_path, rows)
    out, _err = call("importeer_hulpvragen", path, "--village", "warffum", "--dry-run")
    assert not HelpRequest.objects.exists()
    call("importeer_hulpvragen", path, "--village", "warffum")
    assert HelpRequest.objects.filter(village=village, status="informed").count() == 1


def test_importeer_hulpvragen_reports_an_unknown_outcome(village, tmp_path):
    rows = [
        ["datum", "inwoner", "adres", "postcode", "soort", "uitkomst"],
        ["12-03-2024", "Aaltje Bos", "Kerkstraat 3", "9989 AC", "vervoer", "gedaan"],
    ]
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "importeer_hulpvragen", write(tmp_path, rows), "--village", "warffum", stderr=err
        )
    assert "uitkomst" in err.getvalue() and "gedaan" in err.getvalue()
