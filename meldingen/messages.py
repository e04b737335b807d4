"""What each kind of notification says. A builder gets the notification's context (ids) and
returns the message, or None when it no longer applies (the task was cancelled, the request
was picked up): then the notification is cancelled instead of sent.

Texts are Dutch templates under templates/meldingen/: `<name>.txt` (also used for SMS),
`<name>_subject.txt`, and `<name>.html` for e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str | None = None


def _render(name: str, context: dict) -> Message:
    with translation.override("nl"):
        return Message(
            subject=render_to_string(f"meldingen/email/{name}_subject.txt", context).strip(),
            text=render_to_string(f"meldingen/email/{name}.txt", context),
            html=render_to_string(f"meldingen/email/{name}.html", context),
        )


def _assignment(pk):
    from koppelingen.models import Assignment

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
    from vrijwilligers.models import VolunteerStatus

    return volunteer is not None and volunteer.status != VolunteerStatus.STOPPED


def _task_link(assignment) -> str:
    from koppelingen.services import invitation_link

    if assignment.invitation_id is None:
        return ""
    return settings.SITE_URL + invitation_link(assignment.invitation)


def build_invitation(context) -> Message | None:
    from koppelingen.models import Invitation
    from koppelingen.services import invitation_message

    invitation = Invitation.objects.filter(
        pk=context.get("invitation"), status=Invitation.Status.PENDING
    ).first()
    return invitation_message(invitation) if invitation else None


def build_reminder(context) -> Message | None:
    from koppelingen.models import Assignment

    assignment = _assignment(context.get("assignment"))
    if assignment is None or assignment.status != Assignment.Status.ACTIVE:
        return None
    if not still_volunteering(assignment.volunteer):
        return None
    if str(assignment.task_date) != context.get("task_date"):
        return None  # the date moved; a new reminder is planned for the new date
    return _render(
        "reminder",
        {
            "assignment": assignment,
            "request": assignment.help_request,
            "link": _task_link(assignment),
            "village": assignment.village,
            "village_name": assignment.village.name,
        },
    )


def build_report_ask(context) -> Message | None:
    from koppelingen.models import Assignment

    assignment = _assignment(context.get("assignment"))
    if assignment is None or assignment.status != Assignment.Status.ACTIVE:
        return None
    if not still_volunteering(assignment.volunteer) or hasattr(assignment, "report"):
        return None
    return _render(
        "report_ask",
        {
            "assignment": assignment,
            "request": assignment.help_request,
            "link": _task_link(assignment),
            "village": assignment.village,
            "village_name": assignment.village.name,
        },
    )


def build_escalation(context) -> Message | None:
    from hulpvragen.lifecycle import WAITING_STATUSES
    from hulpvragen.models import HelpRequest

    request = (
        HelpRequest.objects.select_related("resident", "category", "village")
        .filter(pk=context.get("help_request"), status__in=WAITING_STATUSES)
        .first()
    )
    if request is None:
        return None
    return _render(
        "escalation",
        {
            "request": request,
            "site_url": settings.SITE_URL,
            "village": request.village,
            "village_name": request.village.name,
        },
    )


def build_occurrence_reminder(context) -> Message | None:
    from koppelingen.models import Occurrence

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
    return _render(
        "occurrence_reminder",
        {
            "turn": turn,
            "request": turn.help_request,
            "village": turn.village,
            "village_name": turn.village.name,
        },
    )


BUILDERS = {
    "occurrence_reminder": build_occurrence_reminder,
    "invitation": build_invitation,
    "reminder": build_reminder,
    "report_ask": build_report_ask,
    "escalation": build_escalation,
}


def build(template: str, context: dict) -> Message | None:
    return BUILDERS[template](context)
