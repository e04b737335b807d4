"""Importing a desk's logbook of past help requests, with their outcome.

`check` only reads (the dry run writes nothing); `apply` writes. Each imported request gets
the logbook (`StatusChange`) it would have had, dated on the intake date (`datum`) — and a
recurring one that stopped, its "ended" row on `einddatum` — so that the yearly overview
counts it in the right year. Volunteers named in the row become accepted invitations (by
phone) and done matches on that date.

Residents are matched on name + postcode (case and spaces do not matter) and created when
new; an existing resident is never changed by an import.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.logbook import log_entry, write_log
from hulpvragen import services as requests_services
from hulpvragen.lifecycle import Status
from hulpvragen.models import HelpCategory, HelpRequest, ReasonCode, Resident, StatusChange
from hulpvragen.recurrence import Frequency
from hulpvragen.triage import Outcome
from koppelingen.models import Assignment, Invitation, LogEntry
from sociale_kaart.models import LogAction, Organisation, OrganisationKind, OrganisationLogEntry
from vrijwilligers.models import Volunteer

from .checking import Problem, Progress, RowReader, counted, missing_columns, unknown_columns
from .columns import OUTCOME_ALIASES, OUTCOMES, REQUEST_COLUMNS
from .parsing import (
    clean_text,
    name_key,
    parse_bool,
    parse_code,
    parse_date,
    parse_phone,
    parse_postcode,
    split_address,
    split_list,
    split_name,
)
from .reading import Table

RESIDENT_COLUMNS = {
    "first_name": "inwoner",
    "last_name": "inwoner",
    "street": "adres",
    "house_number": "adres",
    "house_number_addition": "adres",
    "postcode": "postcode",
    "place": "woonplaats",
    "phone": "telefoon",
}
REQUEST_FIELD_COLUMNS = {
    "category": "soort",
    "description": "omschrijving",
    "channel": "kanaal",
    "volunteers_needed": "vrijwilligers",
    "destination_text": "bestemming",
    "outcome_note": "reden",
    "referred_to": "doorverwezen_naar",
}
# The day's moments: the intake at 09:00 local time, each next step a minute later, so the
# logbook keeps its order and no step slips into another day (or year).
INTAKE_TIME = time(9, 0)

# Only these outcomes can have volunteers: carried out, or found and then called off.
WITH_VOLUNTEERS = {"uitgevoerd", "niet_doorgegaan"}


@dataclass
class RequestPlan:
    row: int
    resident_key: tuple[str, str]
    request: HelpRequest
    outcome_code: str
    path: list[str]
    reason: ReasonCode | None
    end_date: date | None
    volunteers: list = field(default_factory=list)
    organisation_key: str = ""


@dataclass
class Plan:
    residents: dict = field(default_factory=dict)  # key -> Resident (saved or not)
    organisations: dict = field(default_factory=dict)  # lower name -> Organisation
    requests: list[RequestPlan] = field(default_factory=list)


def moment(day: date, step: int = 0) -> datetime:
    """The aware moment of step `step` on `day` (local time of the installation)."""
    return timezone.make_aware(datetime.combine(day, INTAKE_TIME)) + timedelta(minutes=step)


def status_path(outcome_code: str, *, recurring: bool, ended: bool, with_volunteers: bool):
    """The statuses an imported request passes through, from "new" to where it ends."""
    if outcome_code == "uitgevoerd":
        if recurring:
            return [Status.NEW, Status.SEARCHING, Status.MATCHED, Status.ACTIVE] + (
                [Status.ENDED] if ended else []
            )
        return [Status.NEW, Status.SEARCHING, Status.MATCHED, Status.DONE, Status.CLOSED]
    if outcome_code == "niet_doorgegaan" and with_volunteers:
        return [Status.NEW, Status.SEARCHING, Status.MATCHED, Status.CANCELLED]
    return [Status.NEW, OUTCOMES[outcome_code]]


def triage_outcome(path: list[str]) -> str:
    """What the triage decided, as help_request_transition would have recorded it."""
    second = path[1] if len(path) > 1 else ""
    return {
        Status.SEARCHING: Outcome.ACCEPTED,
        Status.INFORMED: Outcome.INFORMED,
        Status.REFERRED: Outcome.REFERRED,
        Status.REJECTED: Outcome.REJECTED,
    }.get(second, "")


def match_reason(text: str, status: str, reasons: list[ReasonCode]) -> ReasonCode | None:
    """The reason code a free-text reason stands for: its code or label (case and spaces do
    not matter) among the codes for `status`; else that kind's "other" code (overig_*) when
    there is text at all; else None."""
    wanted = clean_text(text).lower()
    if not wanted:
        return None
    fitting = [r for r in reasons if r.applies_to == status]
    for reason in fitting:
        if wanted in (reason.code.lower(), reason.code.lower().replace("_", " ")):
            return reason
        if wanted == reason.label.lower():
            return reason
    for reason in fitting:
        if reason.code.startswith("overig"):
            return reason
    return None


class _VolunteerIndex:
    def __init__(self, village):
        self.by_email: dict[str, Volunteer] = {}
        self.by_name: dict[str, list[Volunteer]] = {}
        for volunteer in Volunteer.objects.filter(village=village).only(
            "pk", "first_name", "last_name", "email", "last_asked_on"
        ):
            if volunteer.email:
                self.by_email[volunteer.email.lower()] = volunteer
            self.by_name.setdefault(name_key(volunteer.full_name), []).append(volunteer)

    def find(self, text: str) -> tuple[Volunteer | None, str]:
        if "@" in text:
            found = self.by_email.get(text.lower())
            return found, "" if found else _("unknown volunteer '%(name)s'") % {"name": text}
        found = self.by_name.get(name_key(text), [])
        if len(found) == 1:
            return found[0], ""
        if found:
            return None, _(
                "more than one volunteer is called '%(name)s': use the e-mail address"
            ) % {"name": text}
        return None, _("unknown volunteer '%(name)s'") % {"name": text}


def check(
    table: Table, *, village, today: date, by=None, progress: Progress | None = None
) -> tuple[Plan, list, list]:
    """Read and validate every row. Returns (plan, problems, warnings)."""
    problems: list[Problem] = []
    warnings = unknown_columns(table.headers, {c.name for c in REQUEST_COLUMNS}, table.raw_headers)
    problems += missing_columns(table.headers, [c.name for c in REQUEST_COLUMNS if c.required])
    plan = Plan()
    if problems:
        return plan, problems, warnings
    if not table.rows:
        return plan, [Problem(None, "", _("The file holds no requests (only row 1)."))], warnings

    categories = {c.code.lower(): c for c in HelpCategory.objects.all()}
    outcomes = {code: code for code in OUTCOMES} | OUTCOME_ALIASES
    channels = {value.lower(): value for value in HelpRequest.Channel.values}
    channels |= {"e_mail": "email", "inloopspreekuur": "inloop", "via_via": "signaal"}
    reasons = list(ReasonCode.objects.all())
    organisations = {o.name.strip().lower(): o for o in Organisation.objects.for_village(village)}
    volunteers = _VolunteerIndex(village)
    postcodes = set()
    for _number, cells in table.rows:
        with contextlib.suppress(ValueError):
            postcodes.add(parse_postcode(cells.get("postcode")))
    residents = {
        (name_key(r.full_name), r.postcode): r
        for r in Resident.objects.filter(village=village, postcode__in=postcodes)
    }
    plan.residents = residents

    for number, cells in counted(table.rows, progress):
        row = RowReader(number, cells, problems, warnings)
        intake = row.read("datum", parse_date, today=today) if row.require("datum") else None
        first, last = split_name(row.text("inwoner"))
        if row.require("inwoner") and not (first and last):
            row.error("inwoner", _("Give the first name (or initial) and the last name."))
        postcode = row.read("postcode", parse_postcode) if row.require("postcode") else None
        phone = row.read("telefoon", parse_phone) or ""
        category = (
            row.read("soort", parse_code, categories, what=_("kind of help"))
            if row.require("soort")
            else None
        )
        outcome_code = (
            row.read("uitkomst", parse_code, outcomes, what=_("outcome"), listed=list(OUTCOMES))
            if row.require("uitkomst")
            else None
        )
        recurring = bool(row.read("structureel", parse_bool))
        end_date = row.read("einddatum", parse_date, today=today)
        if end_date:
            if not recurring:
                row.error("einddatum", _("An end date belongs to a recurring request only."))
            elif outcome_code and outcome_code != "uitgevoerd":
                row.error(
                    "einddatum",
                    _("An end date belongs to a recurring request that was carried out."),
                )
            elif intake and end_date < intake:
                row.error("einddatum", _("The end date is before the intake date."))

        # The resident: known (in the village or earlier in this file) or new.
        resident = None
        key = (name_key(f"{first} {last}"), postcode or "")
        if first and last and postcode:
            resident = residents.get(key)
            if resident is None:
                address = row.read("adres", split_address)
                if address is None and not row.has("adres"):
                    row.error(
                        "adres", _("A new resident needs an address (street and house number).")
                    )
                elif address is not None:
                    street, house_number, addition = address
                    resident = Resident(
                        village=village,
                        first_name=first,
                        last_name=last,
                        street=street,
                        house_number=house_number,
                        house_number_addition=addition,
                        postcode=postcode,
                        place=row.text("woonplaats") or village.name,
                        phone=phone,
                        created_by=by,
                    )
                    try:
                        resident.full_clean()
                    except ValidationError as exc:
                        row.model_errors(exc, RESIDENT_COLUMNS)
                        resident = None
                    else:
                        residents[key] = resident

        # Volunteers from the registry: names or e-mail addresses, never a guess.
        chosen: list[Volunteer] = []
        for text in split_list(row.text("vrijwilligers")):
            volunteer, error = volunteers.find(text)
            if error:
                row.error("vrijwilligers", error[0].upper() + error[1:] + ".")
            elif volunteer not in chosen:
                chosen.append(volunteer)
        if chosen and outcome_code and outcome_code not in WITH_VOLUNTEERS:
            row.error(
                "vrijwilligers",
                _("Volunteers belong only to the outcomes 'uitgevoerd' and 'niet_doorgegaan'."),
            )
        if outcome_code == "uitgevoerd" and not chosen and row.ok:
            row.warn("vrijwilligers", _("No volunteer named: nobody is counted as deployed."))

        # Referred: to an organisation on the social map, or a new minimal entry.
        organisation_key, organisation = "", None
        organisation_name = row.text("doorverwezen_naar")
        if organisation_name:
            if outcome_code and outcome_code != "doorverwezen":
                row.error(
                    "doorverwezen_naar",
                    _("An organisation belongs only to the outcome 'doorverwezen'."),
                )
            organisation_key = organisation_name.lower()
            organisation = organisations.get(organisation_key)
            if organisation is None:
                organisation = plan.organisations.get(organisation_key)
            if organisation is None:
                organisation = Organisation(
                    name=organisation_name[:150], kind=OrganisationKind.OTHER
                )
                plan.organisations[organisation_key] = organisation
                row.warn(
                    "doorverwezen_naar",
                    _("Not on the social map yet: a new entry is made, to complete later."),
                )
        elif outcome_code == "doorverwezen" and row.ok:
            row.warn("doorverwezen_naar", _("Referred, but not to which organisation."))

        channel = row.read(
            "kanaal", parse_code, channels, what=_("channel"), listed=HelpRequest.Channel.values
        )
        if not row.ok or not (intake and resident and category and outcome_code):
            continue

        path = status_path(
            outcome_code, recurring=recurring, ended=bool(end_date), with_volunteers=bool(chosen)
        )
        final = path[-1]
        reason_text = row.text("reden")
        reason = match_reason(reason_text, final, reasons)
        request = HelpRequest(
            village=village,
            category=category,
            description=row.text("omschrijving") or category.name,
            channel=channel or HelpRequest.Channel.PHONE,
            timing=HelpRequest.Timing.ON,
            needed_on=intake,
            volunteers_needed=max(1, len(chosen)),
            is_recurring=recurring,
            status=final,
            outcome=triage_outcome(path),
            reason=reason,
            outcome_note=reason_text,
            created_at=moment(intake),
            created_by=by,
        )
        if recurring:
            request.frequency = Frequency.WEEKLY
            request.weekday = intake.weekday()
            request.recurrence_start = intake
            # Still running: the desk should look at it soon (boundaries stretch otherwise).
            request.review_on = None if end_date else today
        if category.is_transport:
            request.destination_text = row.text("bestemming")[:200]
        try:
            request.full_clean(exclude=["resident", "referred_to"])
        except ValidationError as exc:
            row.model_errors(exc, REQUEST_FIELD_COLUMNS)
            continue
        plan.requests.append(
            RequestPlan(
                row=number,
                resident_key=key,
                request=request,
                outcome_code=outcome_code,
                path=path,
                reason=reason,
                end_date=end_date,
                volunteers=chosen,
                organisation_key=organisation_key if organisation is not None else "",
            )
        )
        if organisation is not None:
            plan.organisations.setdefault(organisation_key, organisation)
    return plan, problems, warnings


def apply(plan: Plan, *, village, by, note: str) -> dict:
    """Write the checked requests (call inside a transaction). Returns counts."""
    new_organisations = 0
    for organisation in plan.organisations.values():
        if organisation.pk is None:
            organisation.full_clean()
            organisation.save()
            organisation.villages.add(village)
            write_log(
                OrganisationLogEntry,
                organisation=organisation,
                village=village,
                by=by,
                kind=LogAction.CREATED,
                text=_("Added by an import; to complete and verify."),
            )
            new_organisations += 1

    new_residents = 0
    for key, resident in list(plan.residents.items()):
        if resident.pk is None:
            plan.residents[key] = requests_services.resident_create(
                village=village,
                by=by,
                **{
                    name: getattr(resident, name)
                    for name in (
                        "first_name",
                        "last_name",
                        "street",
                        "house_number",
                        "house_number_addition",
                        "postcode",
                        "place",
                        "phone",
                    )
                },
            )
            new_residents += 1

    changes: list[StatusChange] = []
    log_entries: list[LogEntry] = []
    last_asked: dict[int, date] = {}
    assignments = 0
    for item in plan.requests:
        request = item.request
        request.resident = plan.residents[item.resident_key]
        if item.organisation_key:
            request.referred_to = plan.organisations[item.organisation_key]
        steps = [moment(request.needed_on, step) for step in range(len(item.path))]
        if item.end_date:  # a recurring request that stopped: "ended" on its own date
            steps[-1] = max(moment(item.end_date), steps[-2] + timedelta(minutes=1))
        request.status_changed_at = steps[-1]
        if request.status == Status.REFERRED:
            request.referred_at = steps[-1]
        request.full_clean()
        request.save()
        previous = ""
        for status, at in zip(item.path, steps, strict=True):
            is_exit = status == item.path[-1] and status not in (Status.ACTIVE, Status.CLOSED)
            changes.append(
                log_entry(
                    StatusChange,
                    village=village,
                    help_request=request,
                    from_status=previous,
                    kind=status,
                    by=by,
                    at=at,
                    text=note if not previous else "",
                    reason=item.reason if is_exit else None,
                )
            )
            previous = status
        matched_at = steps[item.path.index(Status.MATCHED)] if item.volunteers else None
        for volunteer in item.volunteers:
            invitation = Invitation(
                village=village,
                help_request=request,
                volunteer=volunteer,
                status=Invitation.Status.ACCEPTED,
                channel=Invitation.Channel.PHONE,
                asked_by=by,
                asked_at=matched_at,
                answered_at=matched_at,
            )
            invitation.full_clean()
            invitation.save()
            if request.status == Status.CANCELLED:
                status = Assignment.Status.NOT_HAPPENED
            elif request.status == Status.ACTIVE:
                status = Assignment.Status.ACTIVE
            else:
                status = Assignment.Status.DONE
            assignment = Assignment(
                village=village,
                help_request=request,
                volunteer=volunteer,
                resident=request.resident,
                task_date=request.needed_on,
                invitation=invitation,
                status=status,
                accepted_at=matched_at,
            )
            assignment.full_clean()
            assignment.save()
            assignments += 1
            log_entries.append(
                log_entry(
                    LogEntry,
                    village=village,
                    help_request=request,
                    resident=request.resident,
                    volunteer=volunteer,
                    kind=LogEntry.Kind.ACCEPTED,
                    by=by,
                    at=matched_at,
                    text=note,
                )
            )
            day = request.needed_on
            last_asked[volunteer.pk] = max(last_asked.get(volunteer.pk, day), day)
    StatusChange.objects.bulk_create(changes, batch_size=500)
    LogEntry.objects.bulk_create(log_entries, batch_size=500)
    # "Never asked" in the registry reads last_asked_on: the imported history counts.
    for volunteer_id, day in last_asked.items():
        Volunteer.objects.filter(pk=volunteer_id).filter(
            Q(last_asked_on__isnull=True) | Q(last_asked_on__lt=day)
        ).update(last_asked_on=day)
    return {
        "requests": len(plan.requests),
        "residents": new_residents,
        "organisations": new_organisations,
        "assignments": assignments,
    }
