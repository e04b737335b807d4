"""The overview: its JSON shape, the pages and downloads, nothing personal, the command."""

import io
import json
import os
import shutil
import subprocess
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.roles import Role
from rapportage.overview import build_overview
from tests.factories import user_with_role

from . import factories as f
from .factories import SENTINEL, at

pytestmark = pytest.mark.django_db


def test_json_shape_has_the_documented_keys(crafted_year):
    data = build_overview([crafted_year.village], 2024, today=date(2025, 2, 1))
    assert data["village"] == "warffum"
    assert data["year"] == 2024
    assert data["one_off"] == {
        "by_category": {"vervoer": 2, "klus": 1},
        "with_several_volunteers": 1,
        "total": 4,
    }
    assert set(data["recurring"]) >= {"by_category", "stopped_in_year"}
    assert set(data["without_volunteer"]) >= {"informed", "referred", "rejected", "not_gone_ahead"}
    assert data["activities"] == {"voedselbankcollecte": 2}
    assert data["loans"] == {"rolstoel": 1, "rollator": 1}
    assert data["volunteers"] == {"registered": 5, "deployed": 4, "new": 1, "stopped": 1}
    assert len(data["by_month"]) == 12
    assert data["previous_year"]["year"] == 2023
    assert data["previous_year"]["one_off"]["total"] == 1
    json.dumps(data)  # plain values only


def test_region_has_each_village_and_the_total(crafted_year, other_village):
    f.resident(other_village)
    f.help_request(
        other_village, "vervoer", intake=at(2024, 2, 2), status="done", needed_on=date(2024, 2, 3)
    )
    data = build_overview([crafted_year.village, other_village], 2024)
    assert data["village"] is None
    assert data["per_village"]["usquert"]["one_off"]["total"] == 1
    assert data["per_village"]["warffum"]["one_off"]["total"] == 4
    assert data["one_off"]["total"] == 5
    assert set(data["previous_year"]["per_village"]) == {"usquert", "warffum"}


def test_building_the_overview_takes_a_constant_number_of_queries(
    crafted_year, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        build_overview([crafted_year.village], 2024)


# --- pages and downloads -----------------------------------------------------------------


def test_reader_sees_tables_and_charts(client, reader, crafted_year):
    client.force_login(reader)
    response = client.get(reverse("rapportage:overview"), {"year": 2024})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") >= 10
    assert 'role="img"' in html
    assert "Vervoer" in html


def test_overview_defaults_to_last_year(client, reader, time_machine):
    time_machine.move_to("2025-03-01 12:00 +01:00")
    client.force_login(reader)
    response = client.get(reverse("rapportage:overview"))
    assert response.context["year"] == 2024


def test_bad_year_shows_a_dutch_error(client, reader):
    client.force_login(reader)
    response = client.get(reverse("rapportage:overview"), {"year": "twintig"})
    assert response.status_code == 200
    assert "Kies een jaar" in response.content.decode()


def test_download_with_a_bad_year_goes_back_to_the_page(client, reader):
    client.force_login(reader)
    response = client.get(reverse("rapportage:pdf"), {"year": "1800"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("rapportage:overview"))


def test_reader_of_another_village_gets_404_for_this_village(client, other_village, village):
    outsider = user_with_role(Role.READER, other_village)
    client.force_login(outsider)
    for name in ("rapportage:overview", "rapportage:pdf", "rapportage:xlsx", "rapportage:json"):
        response = client.get(reverse(name), {"village": village.slug})
        assert response.status_code == 404, name


def test_regional_reader_sees_villages_side_by_side(client, village, other_village):
    regional = user_with_role(Role.READER, village, other_village)
    client.force_login(regional)
    response = client.get(reverse("rapportage:overview"), {"year": 2024})
    html = response.content.decode()
    assert "Usquert 2024" in html and "Warffum 2024" in html
    assert "Totaal 2024" in html and "Totaal 2023" in html


def test_unknown_csv_table_is_404(client, reader):
    client.force_login(reader)
    assert client.get(reverse("rapportage:csv", args=["nothing"])).status_code == 404


def test_csv_of_a_table_has_both_years(client, reader, crafted_year):
    client.force_login(reader)
    response = client.get(reverse("rapportage:csv", args=["volunteers"]), {"year": 2024})
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].endswith(";2024;2023")
    assert "Ingeschreven;5;" in text
    assert response["Content-Disposition"].endswith('volunteers.csv"')


def test_xlsx_has_a_sheet_per_table(client, reader, crafted_year):
    from openpyxl import load_workbook

    client.force_login(reader)
    response = client.get(reverse("rapportage:xlsx"), {"year": 2024})
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 16
    assert book.worksheets[1]["A1"].value == "Eenmalige hulpvragen uitgevoerd"


def test_pdf_is_a_pdf_with_a_cover(client, reader, crafted_year):
    client.force_login(reader)
    response = client.get(reverse("rapportage:pdf"), {"year": 2024})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "Jaaroverzicht 2024" in pdf_text(response.content)


# --- nothing personal --------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    if not shutil.which("pdftotext"):
        if os.environ.get("DORPSLOKET_REQUIRE_SERVICES") == "1":
            pytest.fail("pdftotext (poppler-utils) is needed to read the PDF")
        pytest.skip("needs pdftotext (apt-get install poppler-utils)")
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def sentinel_year(crafted_year):
    """Residents and volunteers named after the sentinel, with notes that hold it too."""
    v = crafted_year.village
    first, last = SENTINEL.split()
    who = f.resident(
        v,
        first_name=first,
        last_name=last,
        street=f"{SENTINEL}straat",
        network_notes=f"Dochter {SENTINEL}",
    )
    vol = f.volunteer(
        v,
        date(2020, 1, 1),
        first_name=first,
        last_name=last,
        coordinator_notes=f"Notitie over {SENTINEL}",
        boundaries=f"Geen tuinwerk ({SENTINEL})",
    )
    request = f.help_request(
        v,
        "vervoer",
        intake=at(2024, 4, 4),
        status="done",
        needed_on=date(2024, 4, 5),
        who=who,
        description=f"Rit voor {SENTINEL}",
        outcome_note=SENTINEL,
        asked_by=SENTINEL,
    )
    f.match(request, vol, accepted=at(2024, 4, 4, 12), task_date=date(2024, 4, 5))
    f.activity(v, "fittest", date(2024, 6, 6), [vol])
    return crafted_year


def test_sentinel_name_reaches_no_format(client, reader, sentinel_year, tmp_path):
    client.force_login(reader)
    query = {"year": 2024}
    html = client.get(reverse("rapportage:overview"), query).content.decode()
    assert "Vervoer" in html  # the page did render the figures
    outputs = {
        "html": html,
        "pdf": pdf_text(client.get(reverse("rapportage:pdf"), query).content),
        "json": client.get(reverse("rapportage:json"), query).content.decode(),
    }
    from rapportage.tables import TABLE_KEYS

    for key in TABLE_KEYS:
        outputs[f"csv {key}"] = client.get(
            reverse("rapportage:csv", args=[key]), query
        ).content.decode("utf-8-sig")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get(reverse("rapportage:xlsx"), query).content))
    outputs["xlsx"] = " ".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )
    out = io.StringIO()
    call_command("jaaroverzicht", village="warffum", year=2024, format="csv", stdout=out)
    json_file = tmp_path / "o.json"
    call_command(
        "jaaroverzicht", village=["warffum"], year=2024, format="json", output=str(json_file)
    )
    outputs["command json"] = json_file.read_text()
    for label, text in outputs.items():
        for needle in ("Sentinelia", "Zwartkop"):
            assert needle not in text, f"{needle} in {label}"


# --- the command -------------------------------------------------------------------------


def test_command_writes_json_with_the_figures(crafted_year, tmp_path):
    target = tmp_path / "jaar.json"
    call_command("jaaroverzicht", village=["warffum"], year=2024, format="json", output=str(target))
    data = json.loads(target.read_text())
    assert data["village"] == "warffum"
    assert data["one_off"]["total"] == 4


def test_command_writes_csv_to_stdout(crafted_year, capsys):
    call_command("jaaroverzicht", "--village", "warffum", "--year", "2024", "--format", "csv")
    out = capsys.readouterr().out
    assert out.startswith("\ufeffTabel;")
    assert "Vrijwilligers;Ingeschreven;5;" in out


def test_command_writes_a_pdf(crafted_year, tmp_path):
    target = tmp_path / "jaar.pdf"
    call_command(
        "jaaroverzicht",
        "--village",
        "warffum",
        "--year",
        "2024",
        "--format",
        "pdf",
        "--output",
        str(target),
    )
    assert target.read_bytes().startswith(b"%PDF")


def test_command_refuses_an_unknown_village(village):
    with pytest.raises(CommandError, match="Unknown village: nergens"):
        call_command("jaaroverzicht", "--village", "nergens", "--year", "2024")


def test_without_pango_the_pdf_link_explains_instead_of_failing(
    client, reader, crafted_year, monkeypatch
):
    from rapportage import exports

    def no_pango(data):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(exports, "overview_pdf", no_pango)
    client.force_login(reader)
    response = client.get("/jaaroverzicht/pdf/?year=2024", follow=True)
    assert response.status_code == 200
    assert "PDF kan op deze installatie niet" in response.content.decode()
