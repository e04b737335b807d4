"""Writes for matching. Each is atomic and leaves one logbook entry per change."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.logbook import write_log
from hulpvragen import lifecycle
from hulpvragen.lifecycle import Status
from hulpvragen.models import HelpRequest
from hulpvragen.services import help_request_transition
from meldingen.messages import render as render_message
from meldingen.models import Notification, Todo
from meldingen.services import notification_schedule, send_soon, todo_add, todo_done
from vrijwilligers.channels import ContactChannel, reach_volunteer

from . import rules, tokens
from .models import TAKEN_STATUSES, Assignment, Invitation, LogEntry, Signal, TaskReport
from .waiting import ASKABLE_STATUSES


def invitation_link_expires_on(invitation: Invitation, *, today=None) -> date:
    """The last day this invitation's link works (`rules.link_expires_on`), counted from the
    day it was asked (today, for an invitation not sent yet)."""
    today = today or timezone.localdate()
    return rules.link_expires_on(
        sent_on=timezone.localdate(invitation.asked_at) if invitation.asked_at else today,
        task_date=invitation.help_request.needed_on,
    )


def invitation_link(invitation: Invitation, *, today=None) -> str:
    """The signed path that opens this invitation (and later the task) without logging in."""
    expires = invitation_link_expires_on(invitation, today=today)
    return reverse(
        "koppelingen:invitation", kwargs={"token": tokens.make_token(invitation.pk, expires)}
    )


def invitation_message(invitation: Invitation):
    """The Dutch e-mail that asks a volunteer (sent through the outbox): what, when, where to
    and the desk's phone, only what the volunteer may see before saying yes (the street, not
    the house number; the first name only)."""
    return render_message(
        "koppelingen/email/invitation",
        {
            "invitation": invitation,
            "request": invitation.help_request,
            "volunteer": invitation.volunteer,
            "village": invitation.village,
            "village_name": invitation.village.name,
            "link": settings.SITE_URL + invitation_link(invitation),
        },
    )


@transaction.atomic
def invitations_send(
    *, help_request: HelpRequest, volunteers, by, note: str = "", now: datetime | None = None
) -> list[Invitation]:
    """Ask these volunteers for this request.

    Each volunteer is asked the way they chose (vrijwilligers.channels.reach): an e-mail
    with a signed link, a text message they answer by reply (with a short code), or a call
    from the desk, which the phone round lists and where the coordinator records the answer.
    A volunteer already asked for this request is
    skipped. Asking sets `last_asked_on`, which the registry and the fair spreading read.
    Once enough volunteers have said yes, nobody else is asked.
    """
    now = now or timezone.now()
    if help_request.status not in ASKABLE_STATUSES:
        raise ValidationError(
            _("Volunteers can be asked once the request is accepted (status: %(status)s).")
            % {"status": help_request.get_status_display()}
        )
    taken = Assignment.objects.filter(help_request=help_request, status__in=TAKEN_STATUSES)
    if rules.has_enough_volunteers(taken=taken.count(), needed=help_request.volunteers_needed):
        raise ValidationError(_("Enough volunteers have said yes already: nobody else is asked."))
    already = set(
        Invitation.objects.filter(help_request=help_request).values_list("volunteer_id", flat=True)
    )
    created = []
    helping_here = _volunteers_from_elsewhere(help_request.village_id, volunteers)
    for volunteer in volunteers:
        if volunteer.village_id != help_request.village_id and volunteer.pk not in helping_here:
            raise ValidationError(_("This volunteer does not belong to this village."))
        if volunteer.pk in already:
            continue
        invitation = Invitation(
            village_id=help_request.village_id,
            help_request=help_request,
            volunteer=volunteer,
            channel=invitation_channel(volunteer),
            note_for_volunteer=note,
            asked_by=by,
            asked_at=now,
        )
        if invitation.channel == Invitation.Channel.SMS:
            invitation.sms_code = next_sms_code(volunteer)
        invitation.full_clean()
        invitation.save()
        type(volunteer).objects.filter(pk=volunteer.pk).update(
            last_asked_on=timezone.localdate(now)
        )
        write_log(
            LogEntry,
            kind=LogEntry.Kind.INVITED,
            help_request=help_request,
            resident_id=help_request.resident_id,
            volunteer=volunteer,
            by=by,
            text=invitation.get_channel_display(),
            at=now,
        )
        _invitation_notify(invitation, now=now)
        created.append(invitation)
    return created


def _volunteers_from_elsewhere(village_id: int, volunteers) -> set[int]:
    """The ids among these volunteers from other villages who help this one now (by the
    home village's agreement); no query when all of them belong to this village."""
    from vrijwilligers.selectors import running_shares

    others = [v.pk for v in volunteers if v.village_id != village_id]
    if not others:
        return set()
    return set(
        running_shares(village_id)
        .filter(volunteer_id__in=others)
        .values_list("volunteer_id", flat=True)
    )


# How a volunteer's way of being asked (vrijwilligers.channels) becomes an invitation's.
INVITATION_CHANNELS = {
    ContactChannel.EMAIL: Invitation.Channel.EMAIL,
    ContactChannel.SMS: Invitation.Channel.SMS,
    ContactChannel.CALL: Invitation.Channel.PHONE,
}


def invitation_channel(volunteer) -> str:
    """How this volunteer is asked: the one channel rule (channels.reach_volunteer)."""
    return INVITATION_CHANNELS[reach_volunteer(volunteer).channel]


def next_sms_code(volunteer) -> str:
    """The code for this volunteer's next text-message invitation: one more than their
    highest so far (1, 2, 3 …), never reused, so a late "JA 2" cannot hit a newer task.

    Call it inside a transaction: it locks the volunteer's row until that ends (on PostgreSQL),
    so two invitations made for one volunteer at the same moment get two codes."""
    type(volunteer).objects.select_for_update().filter(pk=volunteer.pk).values_list("pk").first()
    codes = Invitation.objects.filter(volunteer=volunteer).exclude(sms_code="")
    highest = max(
        (int(c) for c in codes.values_list("sms_code", flat=True) if c.isdigit()), default=0
    )
    return str(highest + 1)


def _invitation_notify(invitation: Invitation, *, now) -> None:
    """The e-mail or text message that asks (through the outbox); a call is the phone
    round's (koppelingen.phone_round)."""
    volunteer = invitation.volunteer
    if invitation.channel == Invitation.Channel.EMAIL:
        channel, recipient, template = Notification.Channel.EMAIL, volunteer.email, "invitation"
    elif invitation.channel == Invitation.Channel.SMS:
        channel, recipient, template = Notification.Channel.SMS, volunteer.phone, "invitation_sms"
    else:
        return
    notification, _created = notification_schedule(
        key=f"invitation:{invitation.pk}",
        village=invitation.help_request.village,
        channel=channel,
        recipient=recipient,
        recipient_name=volunteer.full_name,
        template=template,
        context={"invitation": invitation.pk},
        due_at=now,
    )
    send_soon(notification.pk)


def call_note(*, invitation: Invitation, note: str, by, now=None) -> LogEntry:
    """What the volunteer said on the phone, in the matching logbook (the yes or no itself
    is recorded by invitation_accept / invitation_decline)."""
    return write_log(
        LogEntry,
        kind=LogEntry.Kind.CALLED,
        help_request=invitation.help_request,
        resident_id=invitation.help_request.resident_id,
        volunteer=invitation.volunteer,
        by=by,
        text=note,
        at=now or timezone.now(),
    )


class AcceptResult(enum.Enum):
    ACCEPTED = "accepted"
    ALREADY_ACCEPTED = "already_accepted"
    TOO_LATE = "too_late"
    # Refused because of the volunteer, not the task (see rules.task_access).
    VOLUNTEER_PAUSED = "volunteer_paused"
    NO_LONGER_THEIRS = "no_longer_theirs"
    # The task's time has passed (rules.task_time_passed): nothing changes.
    TIME_PASSED = "time_passed"


def task_time_passed(help_request, *, now=None) -> bool:
    """Whether this request's task has begun (rules.task_time_passed)."""
    return rules.task_time_passed(
        needed_on=help_request.needed_on,
        time_from=help_request.time_from,
        appointment_time=help_request.appointment_time,
        now=now or timezone.now(),
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, by=None, now=None) -> AcceptResult:
    """Accept an invitation: first come, first served, up to the number of volunteers needed.

    A volunteer who declined (or gave the task back) may still say yes, until the task's
    time has passed (TIME_PASSED, rules.task_time_passed).

    Race-safe: the request row is locked (select_for_update) before counting its matches, so
    when two volunteers tap at once exactly one gets a one-volunteer task and the other is
    told, kindly, that it is taken. Accepting twice is harmless. The match that fills the
    request moves it to "volunteer found".

    Only an active volunteer may accept (rules.task_access): a paused one gets
    VOLUNTEER_PAUSED, a stopped one (whose invitations were withdrawn) NO_LONGER_THEIRS, and
    nothing changes. The volunteer row is locked before the invitation, in the same order as
    stopping does, so a volunteer who is being stopped cannot slip an acceptance in between.
    """
    from vrijwilligers.models import Volunteer

    now = now or timezone.now()
    request = HelpRequest.objects.select_for_update().get(pk=invitation.help_request_id)
    volunteer = Volunteer.objects.select_for_update().get(pk=invitation.volunteer_id)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    access = rules.task_access(
        volunteer_status=volunteer.status,
        paused_until=volunteer.paused_until,
        accepted=False,
        task_date=request.needed_on,
        today=timezone.localdate(now),
    )
    if invitation.status == Invitation.Status.WITHDRAWN:
        return AcceptResult.NO_LONGER_THEIRS
    if not access.may_accept:
        if access.standing == rules.STANDING_PAUSED:
            return AcceptResult.VOLUNTEER_PAUSED
        return AcceptResult.NO_LONGER_THEIRS
    if invitation.status == Invitation.Status.ACCEPTED:
        return AcceptResult.ALREADY_ACCEPTED
    if task_time_passed(request, now=now):
        return AcceptResult.TIME_PASSED
    if invitation.status not in (Invitation.Status.PENDING, Invitation.Status.DECLINED):
        return AcceptResult.TOO_LATE
    taken = Assignment.objects.filter(help_request=request, status__in=TAKEN_STATUSES).count()
    if taken >= request.volunteers_needed or request.status not in ASKABLE_STATUSES:
        invitation.status = Invitation.Status.TOO_LATE
        invitation.answered_at = now
        invitation.save(update_fields=["status", "answered_at"])
        write_log(
            LogEntry,
            kind=LogEntry.Kind.TOO_LATE,
            help_request=request,
            resident_id=request.resident_id,
            volunteer=invitation.volunteer,
            by=by,
            at=now,
        )
        return AcceptResult.TOO_LATE
    invitation.status = Invitation.Status.ACCEPTED
    invitation.answered_at = now
    invitation.save(update_fields=["status", "answered_at"])
    # A volunteer who gave the task back and says yes again gets their match back.
    Assignment.objects.update_or_create(
        help_request=request,
        volunteer_id=invitation.volunteer_id,
        defaults={
            "village_id": request.village_id,
            "resident_id": request.resident_id,
            "task_date": request.needed_on,
            "invitation": invitation,
            "accepted_at": now,
            "status": Assignment.Status.ACTIVE,
        },
    )
    write_log(
        LogEntry,
        kind=LogEntry.Kind.ACCEPTED,
        help_request=request,
        resident_id=request.resident_id,
        volunteer=invitation.volunteer,
        by=by,
        at=now,
    )
    if taken + 1 >= request.volunteers_needed and request.status == Status.SEARCHING:
        help_request_transition(
            help_request=request,
            to=Status.MATCHED,
            by=by if getattr(by, "is_authenticated", False) else None,
            note=_("Matched with %(name)s") % {"name": invitation.volunteer.full_name},
            now=now,
        )
    return AcceptResult.ACCEPTED


@transaction.atomic
def invitation_decline(*, invitation: Invitation, remark: str = "", by=None, now=None) -> bool:
    """Decline: no reason needed. Returns False when there was nothing to decline."""
    now = now or timezone.now()
    updated = Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.DECLINED, answered_at=now, remark=remark[:300]
    )
    if updated:
        write_log(
            LogEntry,
            kind=LogEntry.Kind.DECLINED,
            help_request=invitation.help_request,
            resident_id=invitation.help_request.resident_id,
            volunteer=invitation.volunteer,
            by=by,
            text=remark,
            at=now,
        )
        invitation.refresh_from_db()
    return bool(updated)


def request_still_asks(help_request) -> bool:
    """Whether a request still looks for volunteers: askable, and not yet enough yeses."""
    if help_request.status not in ASKABLE_STATUSES:
        return False
    taken = Assignment.objects.filter(help_request=help_request, status__in=TAKEN_STATUSES)
    return not rules.has_enough_volunteers(
        taken=taken.count(), needed=help_request.volunteers_needed
    )


class GiveBackResult(enum.Enum):
    GIVEN_BACK = "given_back"
    # Nothing changed: not (or no longer) planned, reported, or its time has passed.
    NOT_POSSIBLE = "not_possible"


@transaction.atomic
def task_give_back(*, invitation: Invitation, by=None, now=None) -> GiveBackResult:
    """The volunteer said yes and cannot after all ("Ik kan toch niet"; no reason needed).

    Allowed while `rules.may_give_back`. The place is freed (the match is marked as dropped
    out and the invitation as declined, so that the volunteer may still say yes again), the
    matching logbook gets a line, the coordinators a to-do for today, and a request with
    nobody left on it goes back to looking for a volunteer (`rules.status_after_giving_back`,
    through the request's transitions). Race-safe as accepting: the request, volunteer and
    invitation rows are locked in the same order, so a give-back and a yes cannot cross.
    """
    now = now or timezone.now()
    request = HelpRequest.objects.select_for_update().get(pk=invitation.help_request_id)
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("volunteer")
        .get(pk=invitation.pk)
    )
    assignment = Assignment.objects.select_for_update().filter(invitation_id=invitation.pk).first()
    if (
        invitation.status != Invitation.Status.ACCEPTED
        or assignment is None
        or not rules.may_give_back(
            planned=assignment.status == Assignment.Status.ACTIVE,
            reported=TaskReport.objects.filter(assignment=assignment).exists(),
            task_passed=task_time_passed(request, now=now),
        )
    ):
        return GiveBackResult.NOT_POSSIBLE
    assignment.status = Assignment.Status.WITHDRAWN
    assignment.save(update_fields=["status"])
    invitation.status = Invitation.Status.DECLINED
    invitation.answered_at = now
    invitation.save(update_fields=["status", "answered_at"])
    volunteer = invitation.volunteer
    write_log(
        LogEntry,
        kind=LogEntry.Kind.GAVE_BACK,
        help_request=request,
        resident_id=request.resident_id,
        volunteer=volunteer,
        by=by if getattr(by, "is_authenticated", False) else None,
        at=now,
    )
    with translation.override(settings.LANGUAGE_CODE):  # to-do titles are stored text
        title = _("%(volunteer)s cannot do %(what)s for %(name)s after all") % {
            "volunteer": volunteer.full_name,
            "what": request.category.name,
            "name": request.resident.first_name,
        }
    todo_add(
        village=request.village,
        kind=Todo.Kind.GAVE_BACK,
        key=f"gave_back:{assignment.pk}:{now:%Y%m%d%H%M%S}",
        title=title,
        link=reverse("koppelingen:candidates", args=[request.pk]),
        about={"help_request": request.pk, "volunteer": volunteer.pk},
        due_on=timezone.localdate(now),
    )
    taken = Assignment.objects.filter(help_request=request, status__in=TAKEN_STATUSES).count()
    to = rules.status_after_giving_back(status=request.status, taken_after=taken)
    if to is not None:
        help_request_transition(
            help_request=request,
            to=to,
            by=by if getattr(by, "is_authenticated", False) else None,
            note=_("%(name)s cannot after all") % {"name": volunteer.full_name},
            now=now,
        )
    return GiveBackResult.GIVEN_BACK


@transaction.atomic
def invitations_withdraw_for_volunteer(*, volunteer, now=None) -> list[Invitation]:
    """Withdraw every invitation this volunteer has not answered yet (they stopped).

    Their links then say the task is no longer theirs, accepting is refused, and an e-mail
    still waiting in the outbox is not sent (it only goes out for a pending invitation).
    The caller writes the history line (the volunteer's stop names the requests).
    """
    now = now or timezone.now()
    pending = list(
        # Only the invitations are locked (PostgreSQL refuses FOR UPDATE on the nullable side
        # of the joins select_related makes).
        Invitation.objects.select_for_update(of=("self",))
        .filter(volunteer=volunteer, status=Invitation.Status.PENDING)
        .select_related("help_request__category", "help_request__resident")
        .order_by("asked_at", "pk")
    )
    Invitation.objects.filter(pk__in=[i.pk for i in pending]).update(
        status=Invitation.Status.WITHDRAWN, answered_at=now
    )
    for invitation in pending:
        invitation.status = Invitation.Status.WITHDRAWN
        invitation.answered_at = now
    return pending


def assignments_withdraw_on_status_change(
    *, help_request, from_status, to_status, by, now, **kwargs
) -> list[Assignment]:
    """When a request goes back to looking for a volunteer, or is cancelled, its planned
    tasks are taken back (`rules.takes_task_back`): each active assignment is withdrawn, with
    a logbook line, so that the volunteer's link dies at once. Runs inside the transition's
    transaction (hulpvragen.signals.status_changed)."""
    if not rules.takes_task_back(from_status=from_status, to_status=to_status):
        return []
    active = list(
        Assignment.objects.select_for_update(of=("self",))
        .filter(help_request_id=help_request.pk, status=Assignment.Status.ACTIVE)
        .select_related("volunteer")
        .order_by("pk")
    )
    Assignment.objects.filter(pk__in=[a.pk for a in active]).update(
        status=Assignment.Status.WITHDRAWN
    )
    for assignment in active:
        assignment.status = Assignment.Status.WITHDRAWN
        write_log(
            LogEntry,
            kind=LogEntry.Kind.TASK_WITHDRAWN,
            help_request=help_request,
            volunteer=assignment.volunteer,
            resident_id=assignment.resident_id,
            by=by,
            at=now,
        )
    return active


@transaction.atomic
def task_report_submit(
    *,
    assignment: Assignment,
    outcome: str,
    by=None,
    not_happened_reason: str = "",
    minutes_spent=None,
    km_driven=None,
    how_it_went: str = "",
    remark: str = "",
    worry: str = "",
    now=None,
) -> TaskReport:
    """Record how the task went. A worry becomes a signal for the coordinators. When every
    volunteer of a one-off request has reported it done, the request moves to "done" (the
    follow-up call closes it)."""
    now = now or timezone.now()
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if hasattr(assignment, "report"):
        raise ValidationError(_("This task has been reported already. Thank you!"))
    report = TaskReport(
        assignment=assignment,
        outcome=outcome,
        not_happened_reason=not_happened_reason,
        minutes_spent=minutes_spent,
        km_driven=km_driven,
        how_it_went=how_it_went,
        remark=remark,
        reported_at=now,
        reported_by=by if getattr(by, "is_authenticated", False) else None,
    )
    report.full_clean()
    report.save()
    assignment.status = (
        Assignment.Status.DONE
        if outcome == TaskReport.Outcome.DONE
        else Assignment.Status.NOT_HAPPENED
    )
    assignment.save(update_fields=["status"])
    request = assignment.help_request
    write_log(
        LogEntry,
        kind=LogEntry.Kind.REPORTED,
        help_request=request,
        resident_id=request.resident_id,
        volunteer=assignment.volunteer,
        by=by,
        text=report.get_outcome_display() + (f" – {remark}" if remark else ""),
        at=now,
    )
    if worry.strip():
        signal_create(
            resident=request.resident,
            help_request=request,
            volunteer=assignment.volunteer,
            description=worry.strip(),
            by=by,
            now=now,
        )
    open_matches = Assignment.objects.filter(
        help_request=request, status=Assignment.Status.ACTIVE
    ).exists()
    request.refresh_from_db()
    if (
        not open_matches
        and not request.is_recurring
        and request.status == Status.MATCHED
        and outcome == TaskReport.Outcome.DONE
    ):
        help_request_transition(
            help_request=request,
            to=Status.DONE,
            by=by if getattr(by, "is_authenticated", False) else None,
            note=_("Reported done by the volunteer"),
            now=now,
        )
    return report


@transaction.atomic
def assignment_mark_mismatch(
    *, assignment: Assignment, note: str, do_not_pair_again: bool, by, now=None
) -> Assignment:
    """Remember that this pair did not work out; the ranking reads it next time."""
    if not note.strip():
        raise ValidationError({"note": _("Write down briefly what went wrong.")})
    assignment.is_mismatch = True
    assignment.mismatch_note = note.strip()
    assignment.do_not_pair_again = do_not_pair_again
    assignment.save(update_fields=["is_mismatch", "mismatch_note", "do_not_pair_again"])
    write_log(
        LogEntry,
        kind=LogEntry.Kind.MISMATCH,
        help_request=assignment.help_request,
        resident_id=assignment.help_request.resident_id,
        volunteer=assignment.volunteer,
        by=by,
        text=note.strip(),
        at=now,
    )
    return assignment


@transaction.atomic
def signal_create(
    *, resident, description: str, by=None, help_request=None, volunteer=None, now=None
) -> Signal:
    """A worry about a resident for the coordinators to pick up."""
    now = now or timezone.now()
    signal = Signal(
        village_id=resident.village_id,
        resident=resident,
        help_request=help_request,
        reported_by_volunteer=volunteer,
        description=description,
        created_at=now,
    )
    signal.full_clean()
    signal.save()
    write_log(
        LogEntry,
        kind=LogEntry.Kind.SIGNAL,
        help_request=help_request,
        resident=resident,
        volunteer=volunteer,
        by=by,
        text=description,
        at=now,
    )
    return signal


@transaction.atomic
def signal_pass_on(
    *,
    signal: Signal,
    organisation,
    consent: str,
    note: str,
    by,
    exception_note: str = "",
    now=None,
) -> Signal:
    """Record that the desk passed the worry on: to whom, when, and on what ground.

    Allowed with the resident's consent, or as the exception (acute danger, or the resident
    cannot be asked) with a note on why, which the logbook keeps under its own kind. Without
    consent the signal stays open (rules.signal_pass_on_errors says why, in Dutch).
    """
    now = now or timezone.now()
    locked = Signal.objects.select_for_update().get(pk=signal.pk)
    if locked.status != Signal.Status.OPEN:
        raise ValidationError(_("This signal has been dealt with already."))
    errors = dict(rules.signal_pass_on_errors(consent=consent, exception_note=exception_note))
    if organisation is None:
        errors["organisation"] = _("Choose the organisation.")
    if errors:
        raise ValidationError(errors)
    from sociale_kaart.models import Organisation

    if not Organisation.objects.for_village(locked.village).filter(pk=organisation.pk).exists():
        raise ValidationError(_("This organisation is not on this village's social map."))
    is_exception = consent == Signal.Consent.NOT_ASKED
    locked.status = Signal.Status.PASSED_ON
    locked.passed_to = organisation
    locked.resident_consent = consent
    locked.passed_on_note = note.strip()
    locked.consent_exception_note = exception_note.strip() if is_exception else ""
    locked.passed_on_at = now
    locked.passed_on_by = by
    locked.full_clean()
    locked.save()
    text = f"{organisation.name} – {locked.get_resident_consent_display()}"
    if is_exception:
        text += f" – {locked.consent_exception_note}"
    write_log(
        LogEntry,
        kind=LogEntry.Kind.SIGNAL_EXCEPTION if is_exception else LogEntry.Kind.SIGNAL_PASSED_ON,
        help_request=locked.help_request,
        resident=locked.resident,
        volunteer=locked.reported_by_volunteer,
        by=by,
        text=text,
        at=now,
    )
    return locked


@dataclass(frozen=True)
class FollowUpResult:
    help_request: HelpRequest
    assignment: Assignment
    request_closed: bool


@transaction.atomic
def follow_up_record(
    *,
    todo,
    how_it_went: str,
    by,
    note: str = "",
    is_mismatch: bool = False,
    do_not_pair_again: bool = False,
    now: datetime | None = None,
) -> FollowUpResult:
    """Record the follow-up call ("hoe ging het?") of a new pair and tick its to-do off.

    How it went and the note go into the pair's logbook as one entry (the to-do ticked off,
    see todo_done_log). A mismatch is remembered on the match, as
    `assignment_mark_mismatch` does, so that the ranking reads it next time. When this call
    was the request's last step (the request is done and no other follow-up call about it
    waits), the request is closed through the lifecycle's transition table.
    """
    now = now or timezone.now()
    locked = Todo.objects.select_for_update().get(pk=todo.pk)
    if locked.kind != Todo.Kind.FOLLOW_UP:
        raise ValidationError(_("This to-do is not a follow-up call."))
    if locked.done_at is not None:
        raise ValidationError(_("This follow-up call has been recorded already."))
    if how_it_went not in TaskReport.HowItWent.values:
        raise ValidationError({"how_it_went": _("Choose how it went.")})
    note = note.strip()
    if is_mismatch and not note:
        raise ValidationError({"note": _("Write down briefly what went wrong.")})
    assignment = (
        Assignment.objects.select_for_update()
        .filter(
            village_id=locked.village_id,
            help_request_id=locked.about.get("help_request"),
            volunteer_id=locked.about.get("volunteer"),
        )
        .first()
    )
    if assignment is None:
        raise ValidationError(_("This match no longer exists."))
    with translation.override(settings.LANGUAGE_CODE):  # the logbook is stored text
        text = _("Follow-up call: it went %(how)s") % {
            "how": TaskReport.HowItWent(how_it_went).label
        }
    if note:
        text = f"{text} – {note}"
    todo_done(todo=locked, by=by, note=text, now=now)
    if is_mismatch:
        assignment_mark_mismatch(
            assignment=assignment,
            note=note,
            do_not_pair_again=do_not_pair_again,
            by=by,
            now=now,
        )
    request = HelpRequest.objects.get(pk=assignment.help_request_id)
    others_waiting = (
        Todo.objects.filter(
            village_id=locked.village_id,
            kind=Todo.Kind.FOLLOW_UP,
            done_at__isnull=True,
            about__help_request=request.pk,
        )
        .exclude(pk=locked.pk)
        .exists()
    )
    closes = (
        request.status == Status.DONE
        and not others_waiting
        and lifecycle.can_transition(request.status, Status.CLOSED, recurring=request.is_recurring)
    )
    if closes:
        request = help_request_transition(
            help_request=request, to=Status.CLOSED, by=by, note=text, now=now
        )
    return FollowUpResult(help_request=request, assignment=assignment, request_closed=closes)


def todo_done_log(*, todo, by, note: str, now: datetime) -> None:
    """A to-do about a request that is ticked off is recorded, note and all, in the
    request's logbook (registered with meldingen as a to-do hook for every kind)."""
    request_id = todo.about.get("help_request")
    if not request_id:
        return
    request = HelpRequest.objects.filter(pk=request_id, village=todo.village).first()
    if request is not None:
        write_log(
            LogEntry,
            village=todo.village,
            help_request=request,
            resident_id=request.resident_id,
            volunteer_id=todo.about.get("volunteer"),
            kind=LogEntry.Kind.TODO_DONE,
            by=by,
            at=now,
            text=f"{todo.title} – {note}" if note else todo.title,
        )
