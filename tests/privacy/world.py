"""A resident with something in every kind of record about residents (for export and
erasure tests): a closed request with its logbook, an invitation, a match with a report, an
occurrence, a signal passed on, a returned loan with its logbook, consents, an outbox row, a
to-do and a line in the matching logbook."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from hulpvragen.lifecycle import Status
from hulpvragen.models import ConsentRecord, StatusChange
from koppelingen.models import Assignment, Invitation, LogEntry, Occurrence, Signal, TaskReport
from meldingen.models import Notification, Todo
from sociale_kaart.models import Organisation
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory
from tests.uitleen.factories import AidItemFactory
from tests.vrijwilligers.factories import VolunteerFactory
from uitleen.models import Loan, LogAction
from uitleen.models import LogEntry as LoanLogEntry

AMS = ZoneInfo("Europe/Amsterdam")


def resident_with_everything(village, coordinator, *, year=None, **resident_fields):
    year = year or timezone.localdate().year - 1
    on = date(year, 5, 12)
    at = datetime(year, 5, 12, 10, 30, tzinfo=AMS)
    resident = ResidentFactory(village=village, **resident_fields)
    for purpose in (ConsentRecord.Purpose.HEALTH_NOTES, ConsentRecord.Purpose.MONEY_NOTES):
        ConsentRecord.objects.create(
            village=village, resident=resident, purpose=purpose, given_on=on,
            recorded_by=coordinator, note="Mondeling gegeven",
        )  # fmt: skip
    request = HelpRequestFactory(
        resident=resident, status=Status.CLOSED, needed_on=on, created_at=at,
        description="Boodschappen", outcome_note="Ging goed", asked_by="dochter",
    )  # fmt: skip
    StatusChange.objects.create(
        village=village, help_request=request, from_status=Status.DONE, kind=Status.CLOSED,
        at=at + timedelta(days=3), by=coordinator, text="Nagebeld",
    )  # fmt: skip
    volunteer = VolunteerFactory(village=village)
    invitation = Invitation.objects.create(
        village=village, help_request=request, volunteer=volunteer, status="accepted",
        channel="phone", note_for_volunteer="Hard aanbellen", asked_at=at, remark="ja",
    )  # fmt: skip
    assignment = Assignment.objects.create(
        village=village, help_request=request, volunteer=volunteer, resident=resident,
        task_date=on, invitation=invitation, status="done", accepted_at=at,
        mismatch_note="",
    )  # fmt: skip
    TaskReport.objects.create(
        assignment=assignment, outcome="done", remark="Fijne middag", reported_at=at
    )
    Occurrence.objects.create(village=village, help_request=request, starts_at=at)
    organisation = Organisation.objects.create(name="Welzijn Noord", kind="welfare")
    Signal.objects.create(
        village=village, resident=resident, help_request=request, description="Vergeetachtig",
        status=Signal.Status.PASSED_ON, passed_to=organisation, resident_consent="yes",
        passed_on_at=at, passed_on_by=coordinator, passed_on_note="Gebeld met Welzijn",
        created_at=at,
    )  # fmt: skip
    LogEntry.objects.create(
        village=village, kind=LogEntry.Kind.REPORTED, help_request=request, resident=resident,
        volunteer=volunteer, text="Teruggemeld", at=at,
    )  # fmt: skip
    item = AidItemFactory(village=village)
    loan = Loan.objects.create(
        village=village, item=item, resident=resident, lent_on=on,
        returned_on=on + timedelta(days=20), notes="Rollator bij de voordeur",
    )  # fmt: skip
    LoanLogEntry.objects.create(
        village=village, kind=LogAction.LENT, item=item, loan=loan, text="Uitgeleend", at=at
    )
    Notification.objects.create(
        village=village, channel="email", recipient=volunteer.email, template="reminder",
        context={"assignment": assignment.pk}, due_at=at, status="sent",
        idempotency_key=f"test:{assignment.pk}", last_error="",
    )  # fmt: skip
    Todo.objects.create(
        village=village, kind=Todo.Kind.FOLLOW_UP, title=f"Bel {resident.first_name}",
        about={"help_request": request.pk}, due_on=on, idempotency_key=f"t:{request.pk}",
        done_note="Gebeld",
    )  # fmt: skip
    return resident
