"""The messages of matching, registered as outbox message kinds (see koppelingen.apps): the
invitation, the reminder before a task or a regular turn, and the request to report back.
Each is rendered from ids when it is sent, and is cancelled (None) when it no longer
applies."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from meldingen.messages import Message, render
from vrijwilligers.models import VolunteerStatus

from .models import Assignment, Invitation, Occurrence
from .services import invitation_link, invitation_message
from .waiting import still_waiting


def _assignment(pk):
    return (
        Assignment.objects.select_related(
            "volunteer", "help_request__resident", "help_request__category", "village", "invitation"
        )
        .filter(pk=pk)
        .first()
    )


def still_volunteering(volunteer) -> bool:
    """A stopped volunteer loses access at once: no message about a task reaches them any more,
    also not one planned before they stopped (it is cancelled when it comes due)."""
    return volunteer is not None and volunteer.status != VolunteerStatus.STOPPED


def _task_link(assignment) -> str:
    if assignment.invitation_id is None:
        return ""
    return settings.SITE_URL + invitation_link(assignment.invitation)


def build_invitation(context) -> Message | None:
    invitation = still_waiting(Invitation.objects.filter(pk=context.get("invitation"))).first()
    return invitation_message(invitation) if invitation else None


def build_invitations(contexts: list[dict]) -> list[Message | None]:
    """The invitations of a batch in one query (see meldingen.registry)."""
    invitations = still_waiting(
        Invitation.objects.filter(pk__in=[context.get("invitation") for context in contexts])
    ).select_related(
        "village",
        "volunteer",
        "help_request__category",
        "help_request__resident",
        "help_request__village",
        "help_request__destination",
    )
    by_pk = {invitation.pk: invitation for invitation in invitations}
    return [
        invitation_message(by_pk[context.get("invitation")])
        if context.get("invitation") in by_pk
        else None
        for context in contexts
    ]


def build_reminder(context) -> Message | None:
    assignment = _assignment(context.get("assignment"))
    if assignment is None or assignment.status != Assignment.Status.ACTIVE:
        return None
    if not still_volunteering(assignment.volunteer):
        return None
    if str(assignment.task_date) != context.get("task_date"):
        return None  # the date moved; a new reminder is planned for the new date
    return render(
        "koppelingen/email/reminder",
        {
            "assignment": assignment,
            "request": assignment.help_request,
            "link": _task_link(assignment),
            "village": assignment.village,
            "village_name": assignment.village.name,
        },
    )


def build_report_ask(context) -> Message | None:
    assignment = _assignment(context.get("assignment"))
    if assignment is None or assignment.status != Assignment.Status.ACTIVE:
        return None
    if not still_volunteering(assignment.volunteer) or hasattr(assignment, "report"):
        return None
    return render(
        "koppelingen/email/report_ask",
        {
            "assignment": assignment,
            "request": assignment.help_request,
            "link": _task_link(assignment),
            "village": assignment.village,
            "village_name": assignment.village.name,
        },
    )


def build_occurrence_reminder(context) -> Message | None:
    turn = (
        Occurrence.objects.select_related(
            "volunteer", "village", "help_request__resident", "help_request__category"
        )
        .filter(pk=context.get("occurrence"), status=Occurrence.Status.PLANNED)
        .first()
    )
    if turn is None or turn.volunteer_id != context.get("volunteer"):
        return None  # skipped, or someone else took this turn
    if not still_volunteering(turn.volunteer):
        return None
    return render(
        "koppelingen/email/occurrence_reminder",
        {
            "turn": turn,
            "request": turn.help_request,
            "link": settings.SITE_URL + reverse("vrijwilligers:my_tasks"),
            "village": turn.village,
            "village_name": turn.village.name,
        },
    )


def sms(template: str, context: dict, subject: str = "") -> Message:
    """A text message: only a text part, in Dutch, on one line where the template allows
    (no link: it is for volunteers who answer by reply)."""
    with translation.override("nl"):
        text = render_to_string(template, context).strip()
    return Message(subject=subject, text=" ".join(text.split()))


def _invitation_for_sms(pk):
    return (
        Invitation.objects.select_related(
            "village",
            "volunteer",
            "help_request__category",
            "help_request__resident",
            "help_request__destination",
        )
        .filter(pk=pk)
        .first()
    )


def build_invitation_sms(context) -> Message | None:
    """The invitation by text message, with its code: "Antwoord JA 12 of NEE 12"."""
    invitation = _invitation_for_sms(context.get("invitation"))
    if invitation is None:
        return None
    if not still_waiting(Invitation.objects.filter(pk=invitation.pk)).exists():
        return None
    if not still_volunteering(invitation.volunteer):
        return None
    return sms(
        "koppelingen/sms/invitation.txt",
        {
            "invitation": invitation,
            "request": invitation.help_request,
            "village": invitation.village,
            "village_name": invitation.village.name,
        },
    )


def build_sms_answer(context) -> Message | None:
    """The desk's answer to a reply by text message: the address once accepted, a kind word
    when the task was filled or withdrawn, or that the desk reads a message it could not."""
    invitation = _invitation_for_sms(context.get("invitation"))
    if invitation is None:
        return None
    return sms(
        "koppelingen/sms/answer.txt",
        {
            "answer": context.get("answer", ""),
            "invitation": invitation,
            "volunteer": invitation.volunteer,
            "request": invitation.help_request,
            "village": invitation.village,
        },
    )


def build_reminder_sms(context) -> Message | None:
    """The reminder the evening before, for a volunteer asked by text message (with the
    address, without a link)."""
    assignment = _assignment(context.get("assignment"))
    if assignment is None or assignment.status != Assignment.Status.ACTIVE:
        return None
    if not still_volunteering(assignment.volunteer):
        return None
    if str(assignment.task_date) != context.get("task_date"):
        return None
    return sms(
        "koppelingen/sms/reminder.txt",
        {
            "assignment": assignment,
            "request": assignment.help_request,
            "village": assignment.village,
        },
    )


MESSAGES = {
    "invitation_sms": build_invitation_sms,
    "sms_answer": build_sms_answer,
    "reminder_sms": build_reminder_sms,
    "occurrence_reminder": build_occurrence_reminder,
    "invitation": build_invitation,
    "reminder": build_reminder,
    "report_ask": build_report_ask,
}

MANY = {"invitation": build_invitations}
