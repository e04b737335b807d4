"""Answers by text message: a volunteer replies "JA 12" to an invitation they got by SMS.

Registered with meldingen as the reader of incoming text messages (koppelingen.apps); runs
once per message, inside the transaction that stores it (meldingen.services.
inbound_sms_receive). The full text always goes into the matching logbook. What the app
reads for sure (koppelingen.sms_replies.read_reply) is done through the same services as a
tap on the link or the coordinator's "said yes"; anything else becomes a to-do "Lees het
antwoord van …" with the text, and nothing is decided for the volunteer.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.dutch import normalise_phone
from accounts.logbook import write_log
from meldingen.models import Notification, Todo
from meldingen.services import notification_schedule, send_soon, todo_add
from vrijwilligers.models import Volunteer, VolunteerStatus

from . import rules, services
from .models import TAKEN_STATUSES, Assignment, Invitation, LogEntry
from .sms_replies import Answer, read_reply

# A reply without a code to an invitation that is no longer open is still read as being
# about the latest one asked within this many days (for a kind "someone else was first").
RECENT = timedelta(days=14)

# AcceptResult → the answer the volunteer gets back (koppelingen/sms/answer.txt).
ACCEPT_ANSWERS = {
    services.AcceptResult.ACCEPTED: "accepted",
    services.AcceptResult.ALREADY_ACCEPTED: "accepted",
    services.AcceptResult.TIME_PASSED: "time_passed",
    services.AcceptResult.NO_LONGER_THEIRS: "withdrawn",
}


def sender_phone(sender: str) -> str:
    """The sender as stored on a volunteer ("0031612345678" → "0612345678"), or ""."""
    try:
        return normalise_phone(sender)
    except ValidationError:
        return ""


def _pick(invitations: list[Invitation], code: str, now: datetime) -> tuple[Invitation | None, str]:
    """The invitation a reply is about, and why it cannot be decided when it is not sure
    (then the invitation, if there is a likely one, is only what the to-do points to)."""
    if code:
        named = [i for i in invitations if i.sms_code == code]
        if len(named) == 1:
            return named[0], ""
        likely, _why = _pick(invitations, "", now)
        return likely, "unknown_code"
    pending = [i for i in invitations if i.status == Invitation.Status.PENDING]
    if len(pending) == 1:
        return pending[0], ""
    if len(pending) > 1:
        return None, "which_one"
    recent = [i for i in invitations if i.asked_at >= now - RECENT]
    return (recent[0], "") if recent else (None, "nothing_open")


def sms_reply_received(*, inbound, now: datetime) -> tuple[str, int | None, dict]:
    """Read one incoming text message (see the module's docstring). Returns what it was
    (outcome), the village it belongs to, and the ids it is about."""
    phone = sender_phone(inbound.sender)
    volunteers = list(
        Volunteer.objects.filter(phone=phone).exclude(status=VolunteerStatus.STOPPED)
        if phone
        else []
    )
    if not volunteers:
        return "unknown_sender", None, {}
    invitations = list(
        Invitation.objects.filter(volunteer__in=volunteers, channel=Invitation.Channel.SMS)
        .select_related("volunteer", "help_request__resident", "help_request__category", "village")
        .order_by("-asked_at", "-pk")
    )
    names = [n for v in volunteers for n in (v.first_name, v.last_name)]
    reply = read_reply(inbound.text, names=names)
    invitation, why = _pick(invitations, reply.code, now)
    volunteer = invitation.volunteer if invitation else volunteers[0]
    request = invitation.help_request if invitation else None
    write_log(
        LogEntry,
        village_id=volunteer.village_id,
        kind=LogEntry.Kind.SMS_REPLY,
        help_request=request,
        resident_id=request.resident_id if request else None,
        volunteer=volunteer,
        by=None,
        text=inbound.text,
        at=now,
    )
    about = {"volunteer": volunteer.pk, "inbound": inbound.pk}
    if invitation is not None:
        about["invitation"] = invitation.pk
    if invitation is None or why or reply.answer is Answer.UNCLEAR:
        return _to_read(inbound, volunteer, invitation, why or "unclear", about, now)
    if reply.answer is Answer.YES:
        answer = _yes(invitation, now)
    else:
        answer = _no(invitation, inbound.text, now)
    if answer is None:
        return _to_read(inbound, volunteer, invitation, "not_decided", about, now)
    _answer_back(inbound, invitation, answer, now)
    return answer, volunteer.village_id, about


def _yes(invitation: Invitation, now) -> str | None:
    if invitation.status == Invitation.Status.WITHDRAWN:
        return "withdrawn"
    result = services.invitation_accept(invitation=invitation, by=None, now=now)
    if result in ACCEPT_ANSWERS:
        return ACCEPT_ANSWERS[result]
    if result is services.AcceptResult.TOO_LATE:
        request = invitation.help_request
        taken = Assignment.objects.filter(help_request=request, status__in=TAKEN_STATUSES)
        filled = rules.has_enough_volunteers(taken=taken.count(), needed=request.volunteers_needed)
        return "too_late" if filled else "withdrawn"
    return None  # paused: the desk calls


def _no(invitation: Invitation, text: str, now) -> str | None:
    if invitation.status == Invitation.Status.ACCEPTED:
        return None  # a no after a yes: giving the task back is the desk's call, not a guess
    if invitation.status == Invitation.Status.PENDING:
        services.invitation_decline(invitation=invitation, remark=text, by=None, now=now)
    return "declined"


def _to_read(inbound, volunteer, invitation, why: str, about: dict, now):
    """The to-do "Lees het antwoord van …" with the full text; the volunteer hears that the
    desk reads it (when the message is about an invitation)."""
    request = invitation.help_request if invitation else None
    with translation.override(settings.LANGUAGE_CODE):  # to-do titles are stored text
        title = _("Read the reply of %(name)s") % {"name": volunteer.full_name}
        detail = f"“{inbound.text}”"
        if request is not None:
            detail += " – " + _("about %(what)s for %(name)s") % {
                "what": request.category.name,
                "name": request.resident.first_name,
            }
        if why == "which_one":
            detail += " – " + _("several invitations are open; the reply names none")
    link = (
        reverse("koppelingen:candidates", args=[request.pk])
        if request
        else reverse("vrijwilligers:detail", args=[volunteer.pk])
    )
    todo, _created = todo_add(
        village=volunteer.village,
        kind=Todo.Kind.SMS_REPLY,
        key=f"sms-reply:{inbound.pk}",
        title=title,
        detail=detail,
        link=link,
        about={**about, **({"help_request": request.pk} if request else {})},
        due_on=timezone.localdate(now),
    )
    if invitation is not None:
        _answer_back(inbound, invitation, "unclear", now)
    return why, volunteer.village_id, {**about, "todo": todo.pk}


def _answer_back(inbound, invitation: Invitation, answer: str, now) -> None:
    row, _created = notification_schedule(
        key=f"sms-answer:{inbound.pk}",
        village=invitation.village,
        channel=Notification.Channel.SMS,
        recipient=invitation.volunteer.phone,
        recipient_name=invitation.volunteer.full_name,
        template="sms_answer",
        context={"invitation": invitation.pk, "answer": answer},
        due_at=now,
    )
    send_soon(row.pk)
