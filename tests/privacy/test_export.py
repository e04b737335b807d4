"""Export per resident: everything the desk holds, as JSON and as a PDF, logged."""

import json

import pytest
from django.urls import reverse

from accounts.access_log_models import AccessLogEntry
from privacy.export import export_json, resident_export
from privacy.register import NONE, about_residents
from privacy.services import resident_erase
from tests.rapportage.test_overview import pdf_text

from .test_erasure import SENTINEL, put_sentinel_everywhere
from .world import resident_with_everything


@pytest.fixture
def resident(village, coordinator):
    return resident_with_everything(
        village, coordinator, first_name="Gerrit", last_name="van 't Hof"
    )


def test_the_export_has_a_section_per_model_about_residents(resident):
    export = resident_export(resident)
    assert [s["model"] for s in export["sections"]] == list(about_residents())


def test_every_personal_field_of_every_row_is_in_the_export(resident):
    """The sentinel put into each personal text field (from the register) comes out."""
    put_sentinel_everywhere(resident)
    data = json.loads(export_json(resident_export(resident)))
    dumped = json.dumps(data, ensure_ascii=False)
    missing = []
    # Every placed sentinel of a text field appears in the export.
    from django.apps import apps
    from django.db import models

    from privacy.register import PERSONAL, SENSITIVE, fields_of_class
    from privacy.services import NOT_ERASED

    for label in about_residents():
        if label in NOT_ERASED:
            continue
        for name in fields_of_class(label, PERSONAL, SENSITIVE):
            field = apps.get_model(label)._meta.get_field(name)
            long_enough = not field.max_length or field.max_length > 40
            if (
                isinstance(field, models.CharField | models.TextField | models.JSONField)
                and not field.choices
                and long_enough
                and f"{SENTINEL} {label}.{name}" not in dumped
            ):
                missing.append(f"{label}.{name}")
    assert missing == []


def test_the_rows_hold_every_classified_field(resident):
    export = resident_export(resident)
    for section in export["sections"]:
        for row in section["rows"]:
            from privacy.register import REGISTER

            concrete = {
                name
                for name, kind in REGISTER[section["model"]].fields.items()
                if name not in ("categories", "refused_categories") or kind == NONE
            }
            assert set(row) == concrete, section["model"]


def test_export_views_download_json_and_pdf_and_log_it(client, coordinator, resident):
    client.force_login(coordinator)
    response = client.get(reverse("privacy:export_json", args=[resident.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    residents = next(s for s in data["sections"] if s["model"] == "hulpvragen.Resident")
    assert residents["rows"][0]["last_name"] == "van 't Hof"
    requests = next(s for s in data["sections"] if s["model"] == "hulpvragen.HelpRequest")
    assert requests["rows"][0]["description"] == "Boodschappen"

    response = client.get(reverse("privacy:export_pdf", args=[resident.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Wat het loket over u bewaart" in text
    assert "van 't Hof" in text
    assert "Vergeetachtig" in text  # the signal
    assert "Rollator bij de voordeur" in text  # the loan

    log = AccessLogEntry.objects.filter(resident_id=resident.pk).order_by("pk")
    assert [(e.action, e.via, e.user, e.object_ref) for e in log] == [
        ("export", "session", coordinator, "export:json"),
        ("export", "session", coordinator, "export:pdf"),
    ]


def test_the_access_log_is_in_the_export(client, coordinator, resident):
    client.force_login(coordinator)
    client.get(reverse("privacy:export_json", args=[resident.pk]))
    data = resident_export(resident)
    log = next(s for s in data["sections"] if s["model"] == "accounts.AccessLogEntry")
    assert [r["action"] for r in log["rows"]] == ["export"]
    assert log["rows"][0]["object_ref"] == "export:json"


def test_the_export_of_an_erased_resident_says_so(client, coordinator, resident):
    resident_erase(resident=resident, by=coordinator)
    client.force_login(coordinator)
    data = json.loads(client.get(reverse("privacy:export_json", args=[resident.pk])).content)
    assert data["erased"]["reason"] == "request"
    text = pdf_text(client.get(reverse("privacy:export_pdf", args=[resident.pk])).content)
    assert "De persoonsgegevens van deze hulpvrager zijn gewist" in text
    assert "van 't Hof" not in text


def test_the_export_takes_the_same_number_of_queries_for_more_rows(
    resident, village, coordinator, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        resident_export(resident)
    category = resident.help_requests.get().category
    for _ in range(3):
        resident.help_requests.create(village=village, category=category, description="x")
    with django_assert_num_queries(len(one.captured_queries)):
        resident_export(resident)
