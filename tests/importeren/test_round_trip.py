"""Round trip: a desk's volunteer list and its 2024 logbook, imported, give the yearly
overview (rapportage.overview.build_overview) the counts the desk kept by hand."""

from collections import Counter
from datetime import date

import pytest

from importeren.services import import_file
from rapportage.overview import build_overview
from tests.importeren.factories import OrganisationFactory
from tests.importeren.files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

TODAY = date(2025, 2, 1)

VOLUNTEERS = [
    ["naam", "email", "soorten_hulp", "dagen", "ingeschreven_op", "gestopt_op"],
    ["Jan de Vries", "jan@example.org", "vervoer;klus", "ma;di", "15-03-2019", ""],
    ["Piet Bakker", "piet@example.org", "vervoer;klus", "wo", "2020-05-01", ""],
    ["Klaas Dijkstra", "", "boodschappen", "do", "01-02-2021", "01-09-2024"],
    ["Anna Huizinga", "anna@example.org", "vervoer;administratie", "vr", "01-04-2024", ""],
    ["Sietse Kuipers", "sietse@example.org", "tuin", "za", "10-10-2018", ""],  # never asked
    ["Hans Mulder", "hans@example.org", "klus;gezelschap", "ma t/m vr", "2022-06-15", ""],
    ["Trijntje Veenstra", "", "gezelschap", "", "01-01-2015", "31-12-2023"],  # stopped before
]

H = ["datum", "inwoner", "adres", "postcode", "soort", "structureel", "einddatum", "uitkomst",
     "reden", "vrijwilligers", "doorverwezen_naar"]  # fmt: skip
LOGBOOK = [
    H,
    # the year before: companionship that still runs in 2024
    [
        "05-10-2023",
        "Grietje Wiersma",
        "Kerkstraat 1",
        "9989 AA",
        "gezelschap",
        "ja",
        "",
        "uitgevoerd",
        "",
        "Hans Mulder",
        "",
    ],  # noqa: E501
    # seven rides
    [
        "08-01-2024",
        "Aaltje Bos",
        "Kerkstraat 3",
        "9989 AC",
        "vervoer",
        "nee",
        "",
        "uitgevoerd",
        "",
        "Jan de Vries",
        "",
    ],  # noqa: E501
    [
        "22-01-2024",
        "Aaltje Bos",
        "",
        "9989 AC",
        "vervoer",
        "",
        "",
        "uitgevoerd",
        "",
        "jan@example.org",
        "",
    ],  # noqa: E501
    [
        "14-02-2024",
        "Bert Smit",
        "Dijk 5",
        "9989 AD",
        "vervoer",
        "nee",
        "",
        "uitgevoerd",
        "",
        "Piet Bakker",
        "",
    ],  # noqa: E501
    [
        "03-04-2024",
        "Bert Smit",
        "",
        "9989 AD",
        "vervoer",
        "nee",
        "",
        "uitgevoerd",
        "",
        "Anna Huizinga",
        "",
    ],  # noqa: E501
    [
        "17-05-2024",
        "Aaltje Bos",
        "",
        "9989 AC",
        "vervoer",
        "nee",
        "",
        "uitgevoerd",
        "",
        "Piet Bakker",
        "",
    ],  # noqa: E501
    [
        "09-09-2024",
        "Geesje Post",
        "Molenweg 2",
        "9989 AE",
        "vervoer",
        "nee",
        "",
        "uitgevoerd",
        "",
        "Jan de Vries",
        "",
    ],  # noqa: E501
    [
        "30-12-2024",
        "Geesje Post",
        "",
        "9989 AE",
        "vervoer",
        "nee",
        "",
        "uitgevoerd",
        "",
        "Anna Huizinga",
        "",
    ],  # noqa: E501
    # three jobs, and one job with three volunteers
    [
        "05-03-2024",
        "Bert Smit",
        "",
        "9989 AD",
        "klus",
        "nee",
        "",
        "uitgevoerd",
        "",
        "Hans Mulder",
        "",
    ],  # noqa: E501
    [
        "11-06-2024",
        "Aaltje Bos",
        "",
        "9989 AC",
        "klus",
        "nee",
        "",
        "uitgevoerd",
        "",
        "Piet Bakker",
        "",
    ],  # noqa: E501
    [
        "20-08-2024",
        "Geesje Post",
        "",
        "9989 AE",
        "klus",
        "nee",
        "",
        "uitgevoerd",
        "",
        "Jan de Vries",
        "",
    ],  # noqa: E501
    [
        "12-10-2024",
        "Roelf Zijlstra",
        "Hoofdstraat 40",
        "9989 AB",
        "klus",
        "nee",
        "",
        "uitgevoerd",
        "",
        "Jan de Vries; Piet Bakker; hans@example.org",
        "",
    ],  # noqa: E501
    # paperwork
    [
        "07-11-2024",
        "Roelf Zijlstra",
        "",
        "9989 AB",
        "administratie",
        "nee",
        "",
        "uitgevoerd",
        "",
        "Anna Huizinga",
        "",
    ],  # noqa: E501
    # groceries every week, stopped in summer
    [
        "01-02-2024",
        "Grietje Wiersma",
        "",
        "9989 AA",
        "boodschappen",
        "ja",
        "31-07-2024",
        "uitgevoerd",
        "",
        "Klaas Dijkstra",
        "",
    ],  # noqa: E501
    # without a volunteer
    [
        "15-01-2024",
        "Jelle de Boer",
        "Schoolstraat 8",
        "9989 AF",
        "digitaal",
        "nee",
        "",
        "informatie",
        "",
        "",
        "",
    ],  # noqa: E501
    [
        "19-03-2024",
        "Aaltje Bos",
        "",
        "9989 AC",
        "administratie",
        "nee",
        "",
        "informatie",
        "Eigen netwerk kan helpen",
        "",
        "",
    ],  # noqa: E501
    [
        "02-05-2024",
        "Jelle de Boer",
        "",
        "9989 AF",
        "administratie",
        "nee",
        "",
        "doorverwezen",
        "",
        "",
        "Wmo-loket Het Hogeland",
    ],  # noqa: E501
    [
        "23-07-2024",
        "Bert Smit",
        "",
        "9989 AD",
        "overig",
        "nee",
        "",
        "doorverwezen",
        "",
        "",
        "Humanitas Thuisadministratie",
    ],  # noqa: E501
    [
        "04-06-2024",
        "Roelf Zijlstra",
        "",
        "9989 AB",
        "tuin",
        "nee",
        "",
        "afgewezen",
        "Te groot of te zwaar",
        "",
        "",
    ],  # noqa: E501
    [
        "16-09-2024",
        "Geesje Post",
        "",
        "9989 AE",
        "tuin",
        "nee",
        "",
        "afgewezen",
        "hele tuin, gras een meter hoog",
        "",
        "",
    ],  # noqa: E501
    [
        "21-11-2024",
        "Jelle de Boer",
        "",
        "9989 AF",
        "vervoer",
        "nee",
        "",
        "niet_doorgegaan",
        "afgezegd",
        "",
        "",
    ],  # noqa: E501
]


@pytest.fixture
def imported(village, coordinator):
    OrganisationFactory(name="Wmo-loket Het Hogeland", kind="municipality", villages=[village])
    volunteers = import_file(
        kind="volunteers",
        village=village,
        by=coordinator,
        data=xlsx_bytes(VOLUNTEERS),
        file_name="vrijwilligers.xlsx",
        dry_run=False,
        today=TODAY,
    )
    assert volunteers.ok, volunteers.problems
    logbook = import_file(
        kind="help_requests",
        village=village,
        by=coordinator,
        data=csv_bytes(LOGBOOK, delimiter=";", bom=True),
        file_name="logboek-2024.csv",
        dry_run=False,
        today=TODAY,
    )
    assert logbook.ok, logbook.problems
    return build_overview([village], 2024, today=TODAY)


def test_one_off_requests_carried_out_match_the_hand_count(imported):
    assert imported["one_off"] == {
        "by_category": {"vervoer": 7, "klus": 3, "administratie": 1},
        "with_several_volunteers": 1,
        "total": 12,
    }


def test_recurring_requests_include_the_one_from_the_year_before(imported):
    assert imported["recurring"]["by_category"] == {"gezelschap": 1, "boodschappen": 1}
    assert imported["recurring"]["stopped_in_year"] == 1


def test_requests_without_a_volunteer_match_the_hand_count(imported):
    figures = imported["without_volunteer"]
    assert (figures["informed"], figures["referred"], figures["rejected"]) == (2, 2, 2)
    assert figures["not_gone_ahead"] == 1
    assert figures["referred_by_kind"] == {"municipality": 1, "other": 1}
    assert figures["rejected_by_reason"] == {"te_groot": 1, "overig_afgewezen": 1}
    assert figures["not_gone_ahead_by_reason"] == {"afgezegd": 1}


def test_volunteers_registered_deployed_new_and_stopped(imported):
    # Trijntje stopped before 2024; Sietse was never asked.
    assert imported["volunteers"] == {"registered": 6, "deployed": 5, "new": 1, "stopped": 1}


def test_requests_per_month_match_the_intake_dates(imported):
    months = Counter(int(r[0][3:5]) for r in LOGBOOK[1:] if r[0].endswith("2024"))
    assert imported["by_month"] == [months.get(m, 0) for m in range(1, 13)]
    assert sum(imported["by_month"]) == 20


def test_the_year_before_holds_only_the_companionship(imported):
    assert imported["previous_year"]["recurring"]["by_category"] == {"gezelschap": 1}
    assert imported["previous_year"]["one_off"]["total"] == 0
