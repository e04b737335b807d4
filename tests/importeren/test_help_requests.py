"""Importing a logbook of past help requests: statuses, dated logbooks, matches, residents,
reasons, referrals; and every kind of error."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hulpvragen.models import HelpRequest, Resident, StatusChange
from importeren.services import import_file
from koppelingen.models import Assignment, Invitation
from sociale_kaart.models import Organisation
from tests.importeren.factories import OrganisationFactory, ResidentFactory, VolunteerFactory
from tests.importeren.files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

TODAY = date(2025, 1, 15)
AMS = ZoneInfo("Europe/Amsterdam")
HEADER = [
    "datum", "inwoner", "adres", "postcode", "telefoon", "soort", "omschrijving", "structureel",
    "einddatum", "uitkomst", "reden", "vrijwilligers", "doorverwezen_naar",
]  # fmt: skip


def row(**values):
    base = dict.fromkeys(HEADER, "")
    base.update(
        datum="12-03-2024",
        inwoner="Aaltje Bos",
        adres="Kerkstraat 3",
        postcode="9989 AC",
        soort="vervoer",
        uitkomst="uitgevoerd",
    )
    base.update(values)
    return [base[name] for name in HEADER]


@pytest.fixture
def jan(village):
    return VolunteerFactory(
        village=village, first_name="Jan", last_name="de Vries", email="jan@example.org"
    )


@pytest.fixture
def piet(village):
    return VolunteerFactory(
        village=village, first_name="Piet", last_name="Bakker", email="piet@example.org"
    )


def run(village, user, rows, *, dry_run=False, data=None):
    return import_file(
        kind="help_requests",
        village=village,
        by=user,
        data=data if data is not None else csv_bytes(rows),
        file_name="logboek.csv",
        dry_run=dry_run,
        today=TODAY,
    )


def problems(result):
    return [(p.row, p.column) for p in result.problems]


def test_a_carried_out_request_is_closed_with_its_logbook_dated_on_the_intake(
    village, coordinator, jan
):
    result = run(village, coordinator, [HEADER, row(vrijwilligers="Jan de Vries")])
    assert result.ok, result.problems
    request = HelpRequest.objects.get()
    assert (request.status, request.needed_on, request.is_recurring) == (
        "closed",
        date(2024, 3, 12),
        False,
    )
    assert request.created_at.astimezone(AMS).date() == date(2024, 3, 12)
    changes = list(request.status_changes.order_by("at"))
    assert [c.kind for c in changes] == ["new", "searching", "matched", "done", "closed"]
    assert {c.at.astimezone(AMS).date() for c in changes} == {date(2024, 3, 12)}
    assert "logboek.csv" in changes[0].text


def test_named_volunteers_become_accepted_invitations_and_done_matches(
    village, coordinator, jan, piet
):
    run(village, coordinator, [HEADER, row(vrijwilligers="Jan de Vries; PIET@example.org")])
    request = HelpRequest.objects.get()
    assert request.volunteers_needed == 2
    matches = Assignment.objects.filter(help_request=request)
    assert {m.volunteer for m in matches} == {jan, piet}
    assert {(m.status, m.task_date, m.resident_id) for m in matches} == {
        ("done", date(2024, 3, 12), request.resident_id)
    }
    invitations = Invitation.objects.filter(help_request=request)
    assert {(i.status, i.channel) for i in invitations} == {("accepted", "phone")}
    jan.refresh_from_db()
    assert jan.last_asked_on == date(2024, 3, 12)


def test_a_recurring_request_that_stopped_ends_on_its_end_date(village, coordinator, jan):
    run(
        village,
        coordinator,
        [
            HEADER,
            row(
                soort="gezelschap",
                structureel="ja",
                einddatum="30-06-2024",
                vrijwilligers="jan@example.org",
            ),
        ],
    )
    request = HelpRequest.objects.get()
    assert (request.status, request.is_recurring, request.recurrence_start) == (
        "ended",
        True,
        date(2024, 3, 12),
    )
    ended = request.status_changes.get(kind="ended")
    assert ended.at.astimezone(AMS).date() == date(2024, 6, 30)
    assert request.status_changes.filter(kind="active").exists()


def test_a_recurring_request_without_end_date_is_still_running(village, coordinator, jan):
    run(
        village,
        coordinator,
        [HEADER, row(soort="gezelschap", structureel="j", vrijwilligers="Jan de Vries")],
    )
    request = HelpRequest.objects.get()
    assert request.status == "active"
    assert request.review_on == TODAY
    assert Assignment.objects.get().status == "active"


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        ("informatie", "informed"),
        ("DOORVERWEZEN", "referred"),
        ("afgewezen", "rejected"),
        ("Niet doorgegaan", "cancelled"),
    ],
)
def test_outcomes_without_a_volunteer_end_in_their_status(village, coordinator, outcome, status):
    result = run(village, coordinator, [HEADER, row(uitkomst=outcome)])
    assert result.ok, result.problems
    request = HelpRequest.objects.get()
    assert request.status == status
    assert list(request.status_changes.values_list("kind", flat=True)) == ["new", status]


def test_a_reason_that_matches_a_code_is_mapped_and_the_text_kept(village, coordinator):
    run(village, coordinator, [HEADER, row(uitkomst="afgewezen", reden="Te groot of te zwaar")])
    request = HelpRequest.objects.get()
    assert request.reason.code == "te_groot"
    assert request.outcome_note == "Te groot of te zwaar"
    assert request.status_changes.get(kind="rejected").reason.code == "te_groot"


def test_a_reason_in_free_text_gets_the_other_code_and_keeps_the_text(village, coordinator):
    run(village, coordinator, [HEADER, row(uitkomst="afgewezen", reden="hele tuin, 1 meter gras")])
    request = HelpRequest.objects.get()
    assert request.reason.code == "overig_afgewezen"
    assert request.outcome_note == "hele tuin, 1 meter gras"


def test_a_referral_is_matched_to_the_social_map_by_name(village, coordinator):
    wmo = OrganisationFactory(name="Wmo-loket Het Hogeland", villages=[village])
    run(
        village,
        coordinator,
        [HEADER, row(uitkomst="doorverwezen", doorverwezen_naar="wmo-loket het hogeland")],
    )
    assert HelpRequest.objects.get().referred_to == wmo
    assert Organisation.objects.count() == 1


def test_an_organisation_not_on_the_map_becomes_a_minimal_stale_entry(village, coordinator):
    OrganisationFactory(name="Stichting Elders", villages=[])  # not on this village's map
    rows = [
        HEADER,
        row(uitkomst="doorverwezen", doorverwezen_naar="Stichting Elders"),
        row(inwoner="Bert Smit", uitkomst="doorverwezen", doorverwezen_naar="stichting elders"),
    ]
    result = run(village, coordinator, rows)
    assert result.ok, result.problems
    new = Organisation.objects.for_village(village).get()
    assert (new.name, new.kind, new.last_verified_on) == ("Stichting Elders", "other", None)
    assert new.is_stale(TODAY)
    assert set(HelpRequest.objects.values_list("referred_to", flat=True)) == {new.pk}
    assert [(w.row, w.column) for w in result.warnings] == [(2, "doorverwezen_naar")]


def test_residents_are_matched_on_name_and_postcode_or_created_once(village, coordinator):
    known = ResidentFactory(
        village=village, first_name="Grietje", last_name="Wiersma", postcode="9989 AD"
    )
    rows = [
        HEADER,
        row(inwoner="grietje  wiersma", adres="", postcode="9989ad", uitkomst="informatie"),
        row(inwoner="Aaltje Bos", uitkomst="informatie"),
        row(inwoner="Aaltje Bos", adres="", datum="13-03-2024", uitkomst="informatie"),
    ]
    result = run(village, coordinator, rows)
    assert result.ok, result.problems
    assert Resident.objects.count() == 2
    assert HelpRequest.objects.filter(resident=known).count() == 1
    assert HelpRequest.objects.filter(resident__last_name="Bos").count() == 2


def test_an_existing_resident_is_not_changed_by_the_import(village, coordinator):
    known = ResidentFactory(
        village=village, first_name="Aaltje", last_name="Bos", postcode="9989 AC", street="Oude Weg"
    )
    run(village, coordinator, [HEADER, row(uitkomst="informatie", adres="Nieuwe Weg 4")])
    known.refresh_from_db()
    assert known.street == "Oude Weg"


def test_an_xlsx_logbook_is_imported(village, coordinator, jan):
    values = row(vrijwilligers="Jan de Vries")
    values[0] = datetime(2024, 3, 12)
    result = run(village, coordinator, None, data=xlsx_bytes([HEADER, values]))
    assert result.ok, result.problems
    assert HelpRequest.objects.get().needed_on == date(2024, 3, 12)


def test_a_semicolon_csv_with_bom_and_upper_case_codes_is_imported(village, coordinator):
    data = csv_bytes(
        [[h.upper() for h in HEADER], row(soort=" VERVOER ", uitkomst="Informatie")],
        delimiter=";",
        bom=True,
    )
    result = run(village, coordinator, None, data=data)
    assert result.ok, result.problems


def test_an_unknown_volunteer_is_an_error(village, coordinator, jan):
    result = run(village, coordinator, [HEADER, row(vrijwilligers="Jan de Vries; Karel Appel")])
    assert problems(result) == [(2, "vrijwilligers")]
    assert "Karel Appel" in result.problems[0].message


def test_a_name_two_volunteers_share_asks_for_the_email_address(village, coordinator, jan):
    VolunteerFactory(
        village=village, first_name="Jan", last_name="de Vries", email="jan2@example.org"
    )
    result = run(village, coordinator, [HEADER, row(vrijwilligers="Jan de Vries")])
    assert problems(result) == [(2, "vrijwilligers")]


def test_a_volunteer_of_another_village_is_unknown(village, other_village, coordinator):
    VolunteerFactory(village=other_village, first_name="Jan", last_name="de Vries")
    result = run(village, coordinator, [HEADER, row(vrijwilligers="Jan de Vries")])
    assert problems(result) == [(2, "vrijwilligers")]


def test_unknown_category_and_outcome_codes_are_errors(village, coordinator):
    result = run(village, coordinator, [HEADER, row(soort="tuinieren", uitkomst="gedaan")])
    assert problems(result) == [(2, "soort"), (2, "uitkomst")]


def test_a_bad_date_is_an_error(village, coordinator):
    result = run(village, coordinator, [HEADER, row(), row(datum="12-3")])
    assert problems(result) == [(3, "datum")]


def test_a_missing_required_column_is_reported_on_row_1(village, coordinator):
    header = [h for h in HEADER if h != "uitkomst"]
    values = row()
    del values[HEADER.index("uitkomst")]
    result = run(village, coordinator, [header, values])
    assert problems(result) == [(1, "uitkomst")]


def test_volunteers_with_an_outcome_without_volunteers_are_an_error(village, coordinator, jan):
    result = run(
        village, coordinator, [HEADER, row(uitkomst="informatie", vrijwilligers="Jan de Vries")]
    )
    assert problems(result) == [(2, "vrijwilligers")]


def test_an_end_date_on_a_one_off_request_is_an_error(village, coordinator):
    result = run(village, coordinator, [HEADER, row(einddatum="1-4-2024")])
    assert problems(result) == [(2, "einddatum")]


def test_a_new_resident_without_an_address_is_an_error(village, coordinator):
    result = run(village, coordinator, [HEADER, row(adres="")])
    assert problems(result) == [(2, "adres")]


def test_one_bad_row_means_nothing_is_imported(village, coordinator, jan):
    rows = [HEADER, row(vrijwilligers="Jan de Vries"), row(uitkomst="informatie"), row(soort="x")]
    assert not run(village, coordinator, rows).ok
    assert not HelpRequest.objects.exists()
    assert not Resident.objects.exists()
    assert not StatusChange.objects.exists()


def test_a_dry_run_only_reads(village, coordinator, jan):
    rows = [
        HEADER,
        row(vrijwilligers="Jan de Vries"),
        row(uitkomst="doorverwezen", doorverwezen_naar="Nieuw"),
    ]
    with CaptureQueriesContext(connection) as queries:
        result = run(village, coordinator, rows, dry_run=True)
    assert result.ok, result.problems
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)
    assert not HelpRequest.objects.exists()
