"""The examples in docs/import.md import as they stand (volunteers first, then the logbook)."""

import re
from datetime import date
from pathlib import Path

import pytest

from hulpvragen.models import HelpRequest
from importeren.services import import_file
from tests.importeren.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[2] / "docs" / "import.md"


def example(starting_with: str) -> bytes:
    blocks = re.findall(r"```\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    return next(b for b in blocks if b.startswith(starting_with)).encode()


def test_the_documented_examples_import_cleanly(village, coordinator):
    today = date(2025, 1, 15)
    volunteers = import_file(
        kind="volunteers",
        village=village,
        by=coordinator,
        data=example("naam;"),
        file_name="voorbeeld.csv",
        dry_run=False,
        today=today,
    )
    assert volunteers.ok, volunteers.problems
    for first, last, email in [("Piet", "Bakker", ""), ("Hans", "Mulder", "hans@example.org")]:
        VolunteerFactory(village=village, first_name=first, last_name=last, email=email)
    logbook = import_file(
        kind="help_requests",
        village=village,
        by=coordinator,
        data=example("datum;"),
        file_name="logboek.csv",
        dry_run=False,
        today=today,
    )
    assert logbook.ok, logbook.problems
    assert HelpRequest.objects.count() == 5
