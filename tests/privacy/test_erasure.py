"""Erasure per resident: nothing that names them is left anywhere, and the yearly overview
keeps every figure."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, models

from accounts.access_log_models import AccessLogEntry
from hulpvragen.lifecycle import Status
from hulpvragen.models import Resident
from koppelingen.models import Signal
from meldingen.models import Notification, Todo
from privacy.models import Erasure
from privacy.register import PERSONAL, SENSITIVE, about_residents, fields_of_class
from privacy.selectors import rows_about
from privacy.services import NOT_ERASED, resident_erase
from rapportage.exports import overview_json
from rapportage.overview import build_overview
from tests.hulpvragen.factories import HelpRequestFactory
from tests.uitleen.factories import LoanFactory
from tests.vrijwilligers.factories import VolunteerFactory
from vrijwilligers.models import VolunteerChange

from .world import resident_with_everything

SENTINEL = "Zwrtxq"


def put_sentinel_everywhere(resident) -> int:
    """A sentinel in every personal or sensitive text (and JSON) field of every row about
    the resident, as the register names them; returns how many fields got one."""
    placed = 0
    for label in about_residents():
        if label in NOT_ERASED:
            continue
        model = apps.get_model(label)
        values = {}
        for name in fields_of_class(label, PERSONAL, SENSITIVE):
            field = model._meta.get_field(name)
            if isinstance(field, models.JSONField):
                values[name] = {"note": f"{SENTINEL} {label}.{name}"}
            elif isinstance(field, models.CharField | models.TextField) and not field.choices:
                # Short fields (postcode, phone) get the sentinel alone.
                text = f"{SENTINEL} {label}.{name}"
                fits = not field.max_length or len(text) <= field.max_length
                values[name] = text if fits else SENTINEL[: field.max_length]
        rows = rows_about(label, resident)
        assert rows.exists(), f"the test world has no {label} about the resident"
        placed += len(values)
        model.objects.filter(pk__in=list(rows.values_list("pk", flat=True))).update(**values)
    return placed


def tables_with(text: str) -> list[str]:
    """Every column of every table in the database that holds `text` (raw SQL)."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(table)} "
                    f"WHERE CAST({quote(column.name)} AS TEXT) LIKE %s",
                    [f"%{text}%"],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column.name}")
    return found


@pytest.fixture
def resident(village, coordinator):
    return resident_with_everything(village, coordinator)


def test_after_erasure_the_sentinel_is_nowhere_in_the_database(village, coordinator, resident):
    put_sentinel_everywhere(resident)
    # A stopped volunteer's logbook line names the resident's first name.
    Resident.objects.filter(pk=resident.pk).update(first_name=f"{SENTINEL}ina")
    volunteer = rows_about("koppelingen.Invitation", resident).get().volunteer
    VolunteerChange.objects.create(
        village=village, volunteer=volunteer, kind=VolunteerChange.Kind.STOPPED,
        text=f"gestopt – uitnodigingen ingetrokken: klus voor {SENTINEL}ina 3 december",
    )  # fmt: skip
    before = tables_with(SENTINEL)
    assert "hulpvragen_resident.health_notes" in before
    assert "koppelingen_signal.description" in before
    assert "vrijwilligers_volunteerchange.text" in before

    resident_erase(resident=resident, by=coordinator)

    assert tables_with(SENTINEL) == []


def test_every_personal_field_gets_a_sentinel(village, coordinator, resident):
    """The sentinel test covers the register: one text field per personal text field."""
    placed = put_sentinel_everywhere(resident)
    texts = sum(
        1
        for label in about_residents()
        if label not in NOT_ERASED
        for name in fields_of_class(label, PERSONAL, SENSITIVE)
        if isinstance(
            apps.get_model(label)._meta.get_field(name),
            models.CharField | models.TextField | models.JSONField,
        )
        and not apps.get_model(label)._meta.get_field(name).choices
    )
    assert placed == texts > 20


def test_the_yearly_overview_is_the_same_before_and_after(village, coordinator, resident):
    year = resident.help_requests.get().needed_on.year
    HelpRequestFactory(resident=resident_with_everything(village, coordinator), status=Status.NEW)
    before = overview_json(build_overview([village], year))
    assert '"loans"' in before or "loan" in before
    resident_erase(resident=resident, by=coordinator)
    assert overview_json(build_overview([village], year)) == before


def test_erasure_marks_the_resident_without_a_name(village, coordinator, resident):
    name = resident.full_name
    erasure = resident_erase(resident=resident, by=coordinator)
    resident.refresh_from_db()
    assert resident.full_name == "(gewist)"
    assert (erasure.kind, erasure.object_id, erasure.by) == ("resident", resident.pk, coordinator)
    assert name not in str(erasure)
    # Dates, statuses and links stay.
    request = resident.help_requests.get()
    assert request.status == Status.CLOSED and request.description == ""
    assert Signal.objects.get(resident=resident).status == Signal.Status.PASSED_ON


def test_the_access_log_keeps_the_id_and_records_the_erasure(village, coordinator, resident):
    AccessLogEntry.objects.create(
        user=coordinator, role="coordinator", village=village, resident_id=resident.pk,
        action=AccessLogEntry.Action.VIEW, via=AccessLogEntry.Via.SESSION,
    )  # fmt: skip
    resident_erase(resident=resident, by=coordinator)
    actions = list(
        AccessLogEntry.objects.filter(resident_id=resident.pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["view", "edit"]


def test_todos_naming_them_lose_the_name_and_unsent_messages_are_cancelled(
    village, coordinator, resident
):
    todo = Todo.objects.get(about__help_request=resident.help_requests.get().pk)
    Notification.objects.filter(village=village).update(status=Notification.Status.PENDING)
    resident_erase(resident=resident, by=coordinator)
    todo.refresh_from_db()
    assert resident.first_name not in todo.title
    assert todo.title == "Over een hulpvrager van wie de gegevens zijn gewist"
    assert set(Notification.objects.values_list("status", flat=True)) == {"cancelled"}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda r: HelpRequestFactory(resident=r, status=Status.SEARCHING),
            "Er is 1 open hulpvraag: sluit die af of annuleer hem eerst.",
        ),
        (
            lambda r: LoanFactory(resident=r, village=r.village),
            "1 hulpmiddel is nog uitgeleend: noteer eerst dat het terug is.",
        ),
        (
            lambda r: Signal.objects.filter(resident=r).update(status=Signal.Status.OPEN),
            "1 signaal staat nog open: geef het eerst door of sluit het.",
        ),
    ],
    ids=["open request", "loan out", "open signal"],
)
def test_erasure_is_refused_while_something_is_open_and_nothing_changes(
    village, coordinator, resident, make, message
):
    make(resident)
    name = resident.full_name
    with pytest.raises(ValidationError) as refused:
        resident_erase(resident=resident, by=coordinator)
    assert refused.value.messages == [message]
    resident.refresh_from_db()
    assert resident.full_name == name
    assert not Erasure.objects.exists()
    assert resident.help_requests.filter(description="Boodschappen").exists()


def test_erasing_twice_is_refused(village, coordinator, resident):
    resident_erase(resident=resident, by=coordinator)
    with pytest.raises(ValidationError, match="eerder gewist"):
        resident_erase(resident=resident, by=coordinator)
    assert Erasure.objects.count() == 1


def test_other_residents_are_untouched(village, coordinator, resident):
    other = resident_with_everything(village, coordinator, first_name="Grietje")
    other_todo = Todo.objects.get(about__help_request=other.help_requests.get().pk)
    resident_erase(resident=resident, by=coordinator)
    other.refresh_from_db()
    other_todo.refresh_from_db()
    assert other.first_name == "Grietje" and other.health_notes == other.health_notes
    assert other.help_requests.get().description == "Boodschappen"
    assert other_todo.title == "Bel Grietje"
    assert VolunteerFactory._meta.model.objects.filter(first_name__startswith="(").count() == 0


@pytest.mark.postgres
def test_erasure_on_postgresql(village, coordinator, resident):
    assert connection.vendor == "postgresql"
    put_sentinel_everywhere(resident)
    resident_erase(resident=resident, by=coordinator)
    assert tables_with(SENTINEL) == []


def test_an_erased_resident_cannot_be_filled_in_again(client, village, coordinator, resident):
    from django.urls import reverse

    from hulpvragen.resident_locks import edit_refused

    assert edit_refused(resident) == ""
    resident_erase(resident=resident, by=coordinator)
    client.force_login(coordinator)
    edit = reverse("hulpvragen:resident_edit", args=[resident.pk])
    detail = reverse("hulpvragen:resident_detail", args=[resident.pk])
    assert f'href="{edit}"' not in client.get(detail).content.decode()
    posted = client.post(
        edit,
        {"first_name": "Geertje", "last_name": "van 't Hof", "street": "Hoofdstraat"},
        follow=True,
    )
    assert posted.redirect_chain[-1][0] == detail
    assert "kunnen niet opnieuw worden ingevuld" in posted.content.decode()
    resident.refresh_from_db()
    assert resident.first_name == "" and tables_with("Geertje") == []
