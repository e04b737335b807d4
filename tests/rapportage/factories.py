"""Building blocks for the yearly overview tests: history written the way an import would
write it (rows with past dates, straight into the tables, no services)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from activiteiten.models import Activity, ActivityKind
from hulpvragen.models import HelpCategory, HelpRequest, ReasonCode, Resident, StatusChange
from koppelingen.models import Assignment, Signal
from sociale_kaart.models import Organisation
from uitleen.models import AidItem, AidType, Loan
from vrijwilligers.models import Volunteer

AMS = ZoneInfo("Europe/Amsterdam")
SENTINEL = "Sentinelia Zwartkop"


def at(y, m, d, hh=10, mm=0) -> datetime:
    """An aware moment in Europe/Amsterdam."""
    return datetime(y, m, d, hh, mm, tzinfo=AMS)


def resident(village, **fields) -> Resident:
    defaults = {
        "first_name": "Geesje",
        "last_name": "Mulder",
        "street": "Hoofdstraat",
        "house_number": 1,
        "postcode": "9989 AB",
        "place": village.name,
    }
    return Resident.objects.create(village=village, **(defaults | fields))


def organisation(kind: str, name: str = "") -> Organisation:
    return Organisation.objects.create(name=name or f"Organisatie {kind}", kind=kind)


def help_request(village, category: str, *, intake: datetime, status: str, who=None, **fields):
    fields.setdefault("description", "Hulp")
    return HelpRequest.objects.create(
        village=village,
        resident=who or Resident.objects.filter(village=village).first() or resident(village),
        category=HelpCategory.objects.get(code=category),
        created_at=intake,
        status=status,
        status_changed_at=intake,
        **fields,
    )


def change(request, to: str, when: datetime, reason: str | None = None, **fields):
    """A logbook row, and the request's status follows it (as an import would leave it)."""
    row = StatusChange.objects.create(
        village=request.village,
        help_request=request,
        kind=to,
        at=when,
        reason=ReasonCode.objects.get(code=reason) if reason else None,
    )
    HelpRequest.objects.filter(pk=request.pk).update(status=to, status_changed_at=when, **fields)
    return row


def volunteer(village, registered_on: date, stopped_on: date | None = None, **fields):
    fields.setdefault("first_name", "Vrij")
    fields.setdefault("last_name", "Williger")
    status = "stopped" if stopped_on else "active"
    return Volunteer.objects.create(
        village=village,
        registered_on=registered_on,
        stopped_on=stopped_on,
        stop_reason="other" if stopped_on else "",
        status=status,
        **fields,
    )


def match(request, vol, *, accepted: datetime, status="done", task_date=None):
    return Assignment.objects.create(
        village=request.village,
        help_request=request,
        volunteer=vol,
        resident=request.resident,
        task_date=task_date,
        status=status,
        accepted_at=accepted,
    )


def activity(village, kind: str, starts_on: date, volunteers):
    act = Activity.objects.create(
        village=village, kind=ActivityKind.objects.get(code=kind), starts_on=starts_on
    )
    act.volunteers.set(volunteers)
    return act


def loan(village, aid_type: str, label: str, lent_on: date, returned_on: date | None = None):
    item, _ = AidItem.objects.get_or_create(
        village=village, label=label, defaults={"aid_type": AidType.objects.get(code=aid_type)}
    )
    return Loan.objects.create(
        village=village,
        item=item,
        resident=Resident.objects.filter(village=village).first() or resident(village),
        lent_on=lent_on,
        returned_on=returned_on,
    )


def signal(village, to: Organisation, passed_on_at: datetime):
    return Signal.objects.create(
        village=village,
        resident=Resident.objects.filter(village=village).first() or resident(village),
        description="Zorgen",
        status="passed_on",
        passed_to=to,
        passed_on_at=passed_on_at,
        created_at=passed_on_at,
    )
