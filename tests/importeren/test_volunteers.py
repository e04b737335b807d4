"""Importing a volunteer registry: good files, every kind of error, all or nothing."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from importeren.models import ImportRun
from importeren.services import import_file
from tests.importeren.factories import VolunteerFactory, category
from tests.importeren.files import csv_bytes, xlsx_bytes
from vrijwilligers.models import AvailabilitySlot, Volunteer, VolunteerChange

pytestmark = pytest.mark.django_db

TODAY = date(2025, 1, 15)
HEADER = [
    "naam", "email", "telefoon", "adres", "postcode", "soorten_hulp", "dagen", "max_km",
    "ingeschreven_op", "gestopt_op",
]  # fmt: skip
JAN = ["Jan de Vries", "jan@example.org", "06 12 34 56 78", "Hoofdstraat 12a", "9989ab",
       "vervoer;KLUS", "ma;wo", "25", "15-3-2019", ""]  # fmt: skip
KLAAS = ["Klaas Dijkstra", "", "0595-421234", "", "", "", "", "", "2020-01-01", "1-6-2024"]


def run(village, user, rows, *, dry_run=False, data=None, name="vrijwilligers.csv"):
    return import_file(
        kind="volunteers",
        village=village,
        by=user,
        data=data if data is not None else csv_bytes(rows),
        file_name=name,
        dry_run=dry_run,
        today=TODAY,
    )


def problems(result):
    return [(p.row, p.column) for p in result.problems]


def test_a_good_file_creates_volunteers_with_their_details(village, coordinator):
    result = run(village, coordinator, [HEADER, JAN, KLAAS])
    assert result.ok, result.problems
    jan = Volunteer.objects.get(email="jan@example.org")
    assert (jan.first_name, jan.last_name) == ("Jan", "de Vries")
    assert (jan.phone, jan.postcode, jan.street, jan.house_number) == (
        "0612345678",
        "9989 AB",
        "Hoofdstraat",
        "12a",
    )
    assert jan.place == "Warffum"
    assert set(jan.categories.values_list("code", flat=True)) == {"vervoer", "klus"}
    assert jan.max_km == 25
    assert jan.registered_on == date(2019, 3, 15)
    assert jan.status == "active"
    assert result.counts == {"volunteers": 2, "stopped": 1}


def test_each_listed_day_gives_all_three_dayparts(village, coordinator):
    run(village, coordinator, [HEADER, JAN])
    slots = AvailabilitySlot.objects.filter(volunteer__email="jan@example.org")
    assert sorted(slots.values_list("weekday", "daypart")) == sorted(
        (day, part) for day in (0, 2) for part in ("morning", "afternoon", "evening")
    )


def test_a_stop_date_alone_stops_the_volunteer_for_another_reason(village, coordinator):
    run(village, coordinator, [HEADER, KLAAS])
    klaas = Volunteer.objects.get(last_name="Dijkstra")
    assert (klaas.status, klaas.stopped_on, klaas.stop_reason) == (
        "stopped",
        date(2024, 6, 1),
        "other",
    )


def test_a_stop_reason_in_dutch_words_is_mapped_to_its_code(village, coordinator):
    header = [*HEADER, "reden_gestopt"]
    run(village, coordinator, [header, [*KLAAS, "Zelf hulpvrager"]])
    assert Volunteer.objects.get(last_name="Dijkstra").stop_reason == "became_requester"


def test_every_imported_volunteer_has_a_history_line(village, coordinator):
    run(village, coordinator, [HEADER, JAN, KLAAS])
    assert VolunteerChange.objects.filter(kind="created").count() == 2
    assert VolunteerChange.objects.filter(kind="stopped").count() == 1


def test_split_name_columns_are_accepted(village, coordinator):
    result = run(village, coordinator, [["Voornaam", "Achternaam"], ["Geert", "Mulder"]])
    assert result.ok, result.problems
    assert Volunteer.objects.filter(first_name="Geert", last_name="Mulder").exists()


def test_an_xlsx_file_is_imported(village, coordinator):
    data = xlsx_bytes([HEADER, [*JAN[:2], 612345678, *JAN[3:8], date(2019, 3, 15), None]])
    result = run(village, coordinator, None, data=data, name="vrijwilligers.xlsx")
    assert result.ok, result.problems
    jan = Volunteer.objects.get(email="jan@example.org")
    assert (jan.phone, jan.registered_on) == ("0612345678", date(2019, 3, 15))


def test_a_semicolon_csv_with_bom_and_stray_spaces_is_imported(village, coordinator):
    data = csv_bytes(
        [[" NAAM ", "Email "], ["  Jan   de Vries ", " JAN@example.org"], [], []],
        delimiter=";",
        bom=True,
    )
    result = run(village, coordinator, None, data=data)
    assert result.ok, result.problems
    assert Volunteer.objects.get().email == "jan@example.org"


def test_a_bad_date_is_reported_by_row_and_column(village, coordinator):
    bad = list(JAN)
    bad[8] = "31-02-2019"
    result = run(village, coordinator, [HEADER, KLAAS, bad])
    assert problems(result) == [(3, "ingeschreven_op")]
    assert "31-02-2019" in result.problems[0].message


def test_an_unknown_category_code_is_an_error_not_a_guess(village, coordinator):
    bad = list(JAN)
    bad[5] = "vervoer;tuinieren"
    result = run(village, coordinator, [HEADER, bad])
    assert problems(result) == [(2, "soorten_hulp")]
    assert "tuinieren" in result.problems[0].message


def test_a_missing_name_column_is_reported_on_row_1(village, coordinator):
    result = run(village, coordinator, [["email"], ["jan@example.org"]])
    assert problems(result) == [(1, "naam")]


def test_a_duplicate_email_within_the_file_points_at_the_first_row(village, coordinator):
    again = list(KLAAS)
    again[1] = "JAN@example.org"
    result = run(village, coordinator, [HEADER, JAN, again])
    assert problems(result) == [(3, "email")]
    assert "2" in result.problems[0].message


def test_an_email_already_in_the_registry_is_an_error(village, coordinator):
    VolunteerFactory(village=village, email="jan@example.org")
    result = run(village, coordinator, [HEADER, JAN])
    assert problems(result) == [(2, "email")]


def test_an_email_in_another_villages_registry_is_no_problem(village, other_village, coordinator):
    VolunteerFactory(village=other_village, email="jan@example.org")
    assert run(village, coordinator, [HEADER, JAN]).ok


def test_a_name_already_in_the_registry_is_a_warning_only(village, coordinator):
    VolunteerFactory(village=village, first_name="Jan", last_name="de Vries", email="")
    result = run(village, coordinator, [HEADER, JAN])
    assert result.ok
    assert [(w.row, w.column) for w in result.warnings] == [(2, "naam")]


def test_every_problem_in_the_file_is_listed_at_once(village, coordinator):
    bad = [
        "Jan",
        "geen-adres",
        "123",
        "Hoofdstraat",
        "99",
        "vlieg",
        "maa;xx",
        "ver",
        "gisteren",
        "",
    ]
    result = run(village, coordinator, [HEADER, bad])
    assert {column for _row, column in problems(result)} == {
        "naam", "email", "telefoon", "adres", "postcode", "soorten_hulp", "dagen", "max_km",
        "ingeschreven_op",
    }  # fmt: skip


def test_one_bad_row_means_nothing_is_imported(village, coordinator):
    bad = list(KLAAS)
    bad[9] = "1-13-2024"
    result = run(village, coordinator, [HEADER, JAN, bad])
    assert not result.ok
    assert not Volunteer.objects.exists()
    assert not ImportRun.objects.exists()


def test_a_dry_run_writes_nothing_at_all(village, coordinator):
    category("vervoer")  # the default categories exist before we listen
    data = csv_bytes([HEADER, JAN, KLAAS])
    with CaptureQueriesContext(connection) as queries:
        result = run(village, coordinator, None, data=data, dry_run=True)
    assert result.ok and result.row_count == 2
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)
    assert not Volunteer.objects.exists()
    assert not ImportRun.objects.exists()
    assert not VolunteerChange.objects.exists()


def test_the_same_file_is_not_imported_twice(village, coordinator):
    data = csv_bytes([HEADER, JAN])
    assert run(village, coordinator, None, data=data).ok
    again = run(village, coordinator, None, data=data)
    assert [p.row for p in again.problems][0] is None
    assert Volunteer.objects.count() == 1


def test_an_import_is_logged_with_counts(village, coordinator):
    run(village, coordinator, [HEADER, JAN, KLAAS])
    logged = ImportRun.objects.get()
    assert (logged.village, logged.kind, logged.row_count, logged.imported_by) == (
        village,
        "volunteers",
        2,
        coordinator,
    )
