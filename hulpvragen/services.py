"""Writes for residents and help requests.

Keyword-only arguments, one transaction each, `full_clean()` before `save()`, and a
logbook row (`StatusChange`) for every status change. A status changes only through
`help_request_transition`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.logbook import write_log
from sociale_kaart.models import Organisation

from . import consent_texts, lifecycle, signals
from .lifecycle import Status
from .models import (
    SENSITIVE_FIELDS,
    ConsentRecord,
    HelpRequest,
    ReasonCode,
    Resident,
    StatusChange,
)
from .recurrence import Frequency
from .triage import QUESTION_KEYS, Outcome, needs_explanation, propose_outcome


class TransitionRefused(ValidationError):
    """An illegal or incomplete status change. Nothing was changed."""


class ResidentRefused(ValidationError):
    """The new resident of an intake was refused (the resident's fields, not the request's).
    Nothing was saved."""


# --- Residents ---------------------------------------------------------------------------


@transaction.atomic
def resident_create(*, village, by, **fields) -> Resident:
    """Add a resident (hulpvrager). Sensitive notes need consent first, so they are refused
    here: record consent on the resident page, then add the notes."""
    fields.setdefault("place", village.name)
    resident = Resident(village=village, created_by=by, **fields)
    resident.full_clean()
    resident.save()
    return resident


@transaction.atomic
def resident_update(*, resident: Resident, by, **fields) -> Resident:
    """Change a resident's details. Health or money notes are only saved when a consent
    record for that purpose exists (Resident.clean refuses them otherwise)."""
    for name, value in fields.items():
        setattr(resident, name, value)
    resident.full_clean()
    resident.save()
    return resident


@transaction.atomic
def consent_record(
    *, resident: Resident, purpose: str, given_on: date, by, note=""
) -> ConsentRecord:
    """Record that the resident agreed (what for, when, recorded by whom), with the version of
    the text they agreed to (the current one for the purpose, see consent_texts)."""
    consent = ConsentRecord(
        village=resident.village,
        resident=resident,
        purpose=purpose,
        given_on=given_on,
        note=note,
        recorded_by=by,
        text_version=consent_texts.current_text(purpose).version,
    )
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def consent_withdraw(*, consent: ConsentRecord, by, now: datetime | None = None) -> list[str]:
    """The resident withdraws a consent: the record says who recorded that and when, and the
    sensitive notes it covered are cleared when no other consent for the purpose remains
    (withdrawn means deleted, not hidden). Withdrawing twice changes nothing. Returns the
    names of the fields that were cleared."""
    now = now or timezone.now()
    locked = ConsentRecord.objects.select_for_update().get(pk=consent.pk)
    if locked.withdrawn_on is not None:
        return []
    locked.withdrawn_on = timezone.localdate(now)
    locked.withdrawn_at = now
    locked.withdrawn_by = by
    locked.save(update_fields=["withdrawn_on", "withdrawn_at", "withdrawn_by"])
    consent.withdrawn_on, consent.withdrawn_at, consent.withdrawn_by = (
        locked.withdrawn_on,
        locked.withdrawn_at,
        locked.withdrawn_by,
    )
    resident = Resident.objects.select_for_update().get(pk=locked.resident_id)
    cleared = [
        field_name
        for field_name, purpose in SENSITIVE_FIELDS.items()
        if purpose == locked.purpose
        and getattr(resident, field_name)
        and not resident.has_consent(purpose)
    ]
    for field_name in cleared:
        setattr(resident, field_name, "")
    if cleared:
        resident.save(update_fields=[*cleared, "updated_at"])
    return cleared


# --- Help requests -------------------------------------------------------------------------


def end_of_week(day: date) -> date:
    return day + timedelta(days=6 - day.weekday())


def new_request_errors(request, *, now: datetime) -> dict[str, str]:
    """Rules for a request being taken in (not for editing old ones).

    A new ride cannot be dated in the past: it is nearly always a typing error in the date.
    `request` is a HelpRequest or anything with its attributes (the intake form checks a
    draft, so that this error shows together with all the others).
    """
    errors: dict[str, str] = {}
    today = timezone.localtime(now).date()
    needed_on = request.needed_on
    if request.timing == HelpRequest.Timing.THIS_WEEK:
        needed_on = needed_on or today
    if request.category.is_transport and needed_on:
        moment = request.appointment_time or request.time_from
        if needed_on < today:
            errors["needed_on"] = _("This ride is dated in the past. Check the date.")
        elif needed_on == today and moment and moment < timezone.localtime(now).time():
            errors["needed_on"] = _("This ride is today at a time that has passed.")
    return errors


def validate_new_request(request: HelpRequest, *, now: datetime) -> None:
    errors = new_request_errors(request, now=now)
    if errors:
        raise ValidationError(errors)


def request_field_errors(request) -> dict[str, str]:
    """Consistency of when/recurring/transport, in plain Dutch (every problem at once).

    A daily schedule has no weekday and no interval; "every few weeks" needs both.
    `request` is a HelpRequest or anything with its attributes.
    """
    errors: dict[str, str] = {}
    if request.timing == HelpRequest.Timing.ON and not request.needed_on:
        errors["needed_on"] = _("Enter the date.")
    if request.timing == HelpRequest.Timing.WINDOW:
        if not request.needed_on:
            errors["needed_on"] = _("Enter the first date.")
        elif not request.needed_until and not (request.time_from and request.time_until):
            errors["needed_until"] = _("Enter an end date, or a start and end time.")
        elif request.needed_until and request.needed_until < request.needed_on:
            errors["needed_until"] = _("The end date is before the start date.")
    if request.time_from and request.time_until and request.time_until <= request.time_from:
        errors["time_until"] = _("The end time is before the start time.")
    if request.is_recurring:
        if not request.frequency:
            errors["frequency"] = _("Choose how often.")
        elif request.frequency != Frequency.DAILY and request.weekday is None:
            errors["weekday"] = _("Choose the weekday.")
        if request.frequency == Frequency.EVERY_N_WEEKS and not request.interval_weeks:
            errors["interval_weeks"] = _("Enter every how many weeks.")
        if not request.recurrence_start:
            errors["recurrence_start"] = _("Enter the start date.")
        if not request.review_on:
            errors["review_on"] = _("Enter a date to review this recurring request.")
        elif request.recurrence_start and request.review_on < request.recurrence_start:
            errors["review_on"] = _("The review date is before the start date.")
    if request.category.is_transport and not (request.destination_text or request.destination_id):
        errors["destination_text"] = _("Enter where the ride goes to.")
    return errors


def check_request_fields(request: HelpRequest) -> None:
    errors = request_field_errors(request)
    if errors:
        raise ValidationError(errors)


def check_social_map(request: HelpRequest) -> None:
    """Referring organisation and destination come from this village's social map."""
    errors = {}
    if request.channel == HelpRequest.Channel.REFERRAL and request.referred_by_id is None:
        errors["referred_by"] = _("Choose the organisation that referred.")
    serving = Organisation.objects.for_village(request.village)
    for name in ("referred_by", "destination"):
        organisation = getattr(request, name)
        if organisation is not None and not serving.filter(pk=organisation.pk).exists():
            errors[name] = _("This organisation is not on this village's social map.")
    if errors:
        raise ValidationError(errors)


def _fill_derived(request: HelpRequest, *, today: date) -> None:
    if request.timing == HelpRequest.Timing.THIS_WEEK:
        request.needed_on = request.needed_on or today
        request.needed_until = end_of_week(request.needed_on)
    if not request.is_recurring:
        request.frequency, request.weekday, request.times_of_day = "", None, []
        request.recurrence_start = request.review_on = None
    elif request.frequency == Frequency.DAILY:
        request.weekday, request.interval_weeks = None, 1  # a daily schedule has neither
    elif request.frequency == Frequency.WEEKLY:
        request.interval_weeks = 1
    if request.category.is_transport:
        if not request.pickup_address:
            request.pickup_address = request.resident.address
        if request.destination is not None:
            if request.distance_km is None:
                request.distance_km = request.destination.distance_km_for(request.village)
            request.destination_text = request.destination_text or str(request.destination)
    else:
        for name in ("pickup_address", "destination_text", "mobility_aid"):
            setattr(request, name, "")
        request.distance_km = request.appointment_time = None
        request.return_trip = request.wait_at_destination = False
        request.destination = None
    if request.channel != HelpRequest.Channel.REFERRAL:
        request.referred_by = None


@transaction.atomic
def help_request_create(
    *, village, resident: Resident, category, by, now: datetime | None = None, **fields
) -> HelpRequest:
    """Take in a new request (status new) and write the first logbook row.

    Fills the pickup address from the resident and the distance from the social map when
    they are left empty; "this week" becomes today up to Sunday. Refuses a ride dated in
    the past.
    """
    now = now or timezone.now()
    if resident.village_id != village.pk:
        raise ValidationError(_("This resident belongs to another village."))
    request = HelpRequest(
        village=village,
        resident=resident,
        category=category,
        created_by=by,
        created_at=now,
        status=Status.NEW,
        status_changed_at=now,
        **fields,
    )
    _fill_derived(request, today=timezone.localtime(now).date())
    check_request_fields(request)
    check_social_map(request)
    validate_new_request(request, now=now)
    request.full_clean()
    request.save()
    write_log(
        StatusChange,
        help_request=request,
        from_status="",
        kind=Status.NEW,
        by=by,
        at=now,
        text=_("Request taken in (%(channel)s).") % {"channel": request.get_channel_display()},
    )
    return request


@transaction.atomic
def help_request_take_in(
    *,
    village,
    by,
    category,
    resident: Resident | None = None,
    new_resident: dict | None = None,
    now: datetime | None = None,
    **fields,
) -> HelpRequest:
    """The intake: a request for a known `resident`, or for a new one added with it
    (`new_resident`: the fields of `resident_create`), in one transaction.

    Both are saved or neither: a refused request leaves no new resident behind. The new
    resident's problems are raised as `ResidentRefused`, the request's as ValidationError
    (see `help_request_create`).
    """
    if (resident is None) == (new_resident is None):
        raise TypeError("help_request_take_in needs either resident or new_resident")
    if resident is None:
        try:
            resident = resident_create(village=village, by=by, **new_resident)
        except ValidationError as exc:
            errors = exc.error_dict if hasattr(exc, "error_dict") else exc.error_list
            raise ResidentRefused(errors) from exc
    return help_request_create(
        village=village, resident=resident, category=category, by=by, now=now, **fields
    )


@transaction.atomic
def help_request_update(*, help_request: HelpRequest, by, **fields) -> HelpRequest:
    """Change the details of a request (not its status: see help_request_transition)."""
    fields.pop("status", None)
    for name, value in fields.items():
        setattr(help_request, name, value)
    _fill_derived(help_request, today=timezone.localdate())
    check_request_fields(help_request)
    check_social_map(help_request)
    help_request.full_clean()
    help_request.save()
    return help_request


def _refuse(message: str, field: str | None = None):
    raise TransitionRefused({field: [message]} if field else message)


@transaction.atomic
def help_request_transition(
    *,
    help_request: HelpRequest,
    to: str,
    by,
    note: str = "",
    reason: ReasonCode | None = None,
    now: datetime | None = None,
    referral_note: str = "",
    **referral,
) -> HelpRequest:
    """Move a request to status `to`, or refuse with a clear Dutch message.

    The row is locked (select_for_update) and written with a compare-and-set on the old
    status, so two coordinators clicking at once cannot both move it; either everything
    (status, outcome fields, logbook row) is written or nothing. Rejecting and cancelling
    need a reason code of the right kind; referring needs what was passed on (and the
    organisation, `referred_to=`, once the social map knows it).
    """
    now = now or timezone.now()
    locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    from_status = locked.status
    if to not in Status.values:
        _refuse(_("Unknown status."))
    if not lifecycle.can_transition(from_status, to, recurring=locked.is_recurring):
        _refuse(
            _("A request that is '%(from)s' cannot become '%(to)s'.")
            % {"from": Status(from_status).label, "to": Status(to).label}
        )
    problem = lifecycle.reason_error(to, reason.applies_to if reason else None)
    if problem:
        _refuse(problem, "reason")
    updates: dict = {"status": to, "status_changed_at": now}
    if to in lifecycle.FINISHED_STATUSES:
        if reason is not None:
            updates["reason"] = reason
        if note:
            updates["outcome_note"] = note
    if to in lifecycle.NEEDS_REFERRAL:
        referred_to = referral.get("referred_to")
        if referred_to is None:
            _refuse(_("Choose the organisation the request is referred to."), "referred_to")
        if not referral_note.strip():
            _refuse(_("Write down what was passed on."), "referral_note")
        if not Organisation.objects.for_village(locked.village).filter(pk=referred_to.pk).exists():
            _refuse(_("This organisation is not on this village's social map."), "referred_to")
        updates.update(
            referral_note=referral_note.strip(), referred_to=referred_to, referred_at=now
        )
    outcome = {
        Status.SEARCHING: Outcome.ACCEPTED,
        Status.INFORMED: Outcome.INFORMED,
        Status.REFERRED: Outcome.REFERRED,
        Status.REJECTED: Outcome.REJECTED,
    }.get(to)
    if outcome and lifecycle.can_triage(from_status):
        updates["outcome"] = outcome
    changed = HelpRequest.objects.filter(pk=locked.pk, status=from_status).update(**updates)
    if changed != 1:  # pragma: no cover - the row lock makes this a belt-and-braces check
        _refuse(_("Someone else changed this request just now. Try again."))
    write_log(
        StatusChange,
        help_request=locked,
        from_status=from_status,
        kind=to,
        by=by,
        at=now,
        text=note,
        reason=reason,
    )
    for name, value in updates.items():
        setattr(help_request, name, value)
    signals.status_changed.send(
        sender=HelpRequest,
        help_request=help_request,
        from_status=from_status,
        to_status=to,
        by=by,
        now=now,
    )
    return help_request


TRIAGE_OUTCOME_STATUS = {
    Outcome.ACCEPTED: Status.SEARCHING,
    Outcome.INFORMED: Status.INFORMED,
    Outcome.REFERRED: Status.REFERRED,
    Outcome.REJECTED: Status.REJECTED,
}


@transaction.atomic
def help_request_triage(
    *,
    help_request: HelpRequest,
    answers: dict,
    by,
    outcome: str | None = None,
    reason: ReasonCode | None = None,
    note: str = "",
    now: datetime | None = None,
    **referral,
) -> HelpRequest:
    """Save the triage checklist and, when an outcome is chosen, act on it.

    Without an outcome the request moves to 'being clarified' (triage) so it shows on the
    board as such. With one, the request goes to matching (accepted), or leaves as
    informed, referred or rejected — all in one transaction with the answers.

    The outcome may differ from what `triage.propose_outcome` proposes for these answers,
    with a short `note` on why; the logbook row says so. Referral details are only taken
    with the outcome "referred": they are refused, never silently dropped, otherwise.
    """
    if not lifecycle.can_triage(help_request.status):
        raise TransitionRefused(_("Triage is only possible for a new request."))
    clean_answers = {key: answers.get(key) for key in QUESTION_KEYS}
    proposal = propose_outcome(clean_answers)
    note = note.strip()
    if needs_explanation(proposed=proposal.outcome, chosen=outcome):
        if not note:
            _refuse(explanation_missing(proposed=proposal.outcome, chosen=outcome), "note")
        note = _("Decided otherwise than proposed (%(proposed)s): %(note)s") % {
            "proposed": proposal.outcome_label,
            "note": note,
        }
    if outcome != Outcome.REFERRED and (
        referral.get("referred_to") is not None or referral.get("referral_note", "").strip()
    ):
        _refuse(referral_without_referring(outcome), "referred_to")
    HelpRequest.objects.filter(pk=help_request.pk).update(triage_answers=clean_answers)
    help_request.triage_answers = clean_answers
    if outcome is None:
        if help_request.status == Status.NEW:
            help_request_transition(
                help_request=help_request, to=Status.TRIAGE, by=by, note=note, now=now
            )
        return help_request
    if outcome == Outcome.ACCEPTED:
        reason = None  # a reason belongs to an exit, not to going ahead
    return help_request_transition(
        help_request=help_request,
        to=TRIAGE_OUTCOME_STATUS[outcome],
        by=by,
        note=note,
        reason=reason,
        now=now,
        **referral,
    )


def explanation_missing(*, proposed: str, chosen: str) -> str:
    return _(
        "The proposal is '%(proposed)s' and you chose '%(chosen)s'. That is allowed: write "
        "down briefly why."
    ) % {"proposed": Outcome(proposed).label, "chosen": Outcome(chosen).label}


def referral_without_referring(outcome: str | None) -> str:
    chosen = Outcome(outcome).label if outcome else _("decide later")
    return _(
        "You filled in a referral, but the decision is '%(chosen)s'. Choose 'referred to an "
        "organisation', or empty the referral fields."
    ) % {"chosen": chosen}
