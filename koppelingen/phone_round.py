"""The phone round (belronde): everyone the desk should ring today, most urgent first.

Who is on it:

- invitations for volunteers who want a call (asked, no answer recorded yet);
- replies by text message the app could not read for sure ("lees het antwoord van …");
- text messages that did not arrive ("Bel <naam>");
- reminders for volunteers who want a call (planned by the reminders job);
- invitations left unanswered too long;
- follow-up calls to residents ("hoe ging het?");
- the yearly confirmation round's calls.

`urgency` is the pure rule of the order; `calls_for` loads the lines in a fixed number of
queries. Each line has who to ring, the number, what to say and how to record the answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.dutch import format_phone
from accounts.templatetags.nl_format import format_nl_date
from meldingen.models import Notification, Todo
from vrijwilligers.models import ConfirmationRequest, Volunteer

from .models import Invitation
from .waiting import still_waiting

# Among lines due on the same day: what is most urgent (a task waits for an answer) first.
KIND_ORDER = (
    "invitation",
    "sms_reply",
    "failed_sms",
    "reminder",
    "unanswered",
    "follow_up",
    "confirmation",
)
TODO_KINDS = {
    Todo.Kind.SMS_REPLY: "sms_reply",
    Todo.Kind.FAILED_NOTIFICATION: "failed_sms",
    Todo.Kind.REMINDER_CALL: "reminder",
    Todo.Kind.UNANSWERED: "unanswered",
    Todo.Kind.FOLLOW_UP: "follow_up",
}


def urgency(
    *, kind: str, deadline: date | None, today: date, task_date: date | None = None
) -> tuple[int, int, int]:
    """The sort key of a line: by the day it is due (late and today first; a line without
    a day, such as an invitation, is due today), then by kind (KIND_ORDER), then by the
    day of the task it is about (the soonest first). Lower is more urgent."""
    days = (deadline - today).days if deadline else 0
    task_days = (task_date - today).days if task_date else 0
    return (days, KIND_ORDER.index(kind), task_days)


@dataclass
class Call:
    kind: str
    name: str
    phone: str
    say: str
    deadline: date | None
    label: str
    task_date: date | None = None
    invitation: Invitation | None = None
    todo: Todo | None = None
    volunteer_id: int | None = None
    resident_id: int | None = None
    key: tuple = field(default=(0, 0, 0))

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    @property
    def is_late(self) -> bool:
        return self.key[0] < 0


def _when(request) -> str:
    if not request.needed_on:
        return _("date to be agreed")
    text = format_nl_date(request.needed_on, "heading")
    if request.time_from:
        text += f" {request.time_from:%H:%M}"
    return text


def calls_for(village, *, today: date) -> list[Call]:
    """Every line of the phone round of this village today (see the module's docstring),
    most urgent first. Five queries, whatever the number of lines."""
    calls: list[Call] = []
    invitations = (
        still_waiting(Invitation.objects.filter(village=village, channel=Invitation.Channel.PHONE))
        .filter(Q(help_request__needed_on__isnull=True) | Q(help_request__needed_on__gte=today))
        .select_related("volunteer", "help_request__category", "help_request__resident")
    )
    for invitation in invitations:
        request = invitation.help_request
        volunteer = invitation.volunteer
        calls.append(
            Call(
                kind="invitation",
                name=volunteer.full_name,
                phone=volunteer.phone,
                deadline=None,  # to ask today, whenever the task is
                task_date=request.needed_on,
                label=_("Ask for a task"),
                say=_(
                    "Would %(name)s do %(what)s for %(first_name)s (%(street)s), %(when)s? "
                    "No is fine, no reason needed."
                )
                % {
                    "name": volunteer.first_name,
                    "what": request.category.name,
                    "first_name": request.resident.first_name,
                    "street": request.resident.street,
                    "when": _when(request),
                },
                invitation=invitation,
                volunteer_id=volunteer.pk,
                resident_id=request.resident_id,
            )
        )
    todos = list(
        Todo.objects.filter(
            village=village, done_at__isnull=True, due_on__lte=today, kind__in=list(TODO_KINDS)
        )
    )
    failed_ids = [
        t.about.get("notification") for t in todos if t.kind == Todo.Kind.FAILED_NOTIFICATION
    ]
    failed_sms = {
        n.pk: n
        for n in Notification.objects.filter(pk__in=failed_ids, channel=Notification.Channel.SMS)
    }
    volunteer_ids = {t.about.get("volunteer") for t in todos if t.about.get("volunteer")}
    volunteers = Volunteer.objects.in_bulk(list(volunteer_ids))
    from hulpvragen.models import HelpRequest

    request_ids = {t.about.get("help_request") for t in todos if t.about.get("help_request")}
    requests = HelpRequest.objects.select_related("resident").in_bulk(list(request_ids))
    for todo in todos:
        kind = TODO_KINDS[todo.kind]
        volunteer = volunteers.get(todo.about.get("volunteer"))
        request = requests.get(todo.about.get("help_request"))
        if kind == "failed_sms":
            row = failed_sms.get(todo.about.get("notification"))
            if row is None:
                continue  # an e-mail that failed: the to-do list has it
            name, phone = row.recipient_name or row.recipient, row.recipient
            say = _("The text message did not arrive: it was %(what)s. Tell them by phone.") % {
                "what": _message_summary(row)
            }
        elif kind == "follow_up" and request is not None:
            name, phone = request.resident.full_name, request.resident.phone
            say = todo.title
        else:
            name = volunteer.full_name if volunteer else todo.title
            phone = volunteer.phone if volunteer else ""
            say = todo.title + (f" {todo.detail}" if todo.detail else "")
        calls.append(
            Call(
                kind=kind,
                name=name,
                phone=phone,
                deadline=todo.due_on,
                label=todo.get_kind_display(),
                say=say,
                todo=todo,
                volunteer_id=volunteer.pk if volunteer else None,
                resident_id=request.resident_id if request else None,
            )
        )
    confirmations = ConfirmationRequest.objects.filter(
        village=village,
        method=ConfirmationRequest.Method.CALL,
        responded_on__isnull=True,
        round__year=today.year,
    ).select_related("volunteer")
    for confirmation in confirmations:
        volunteer = confirmation.volunteer
        calls.append(
            Call(
                kind="confirmation",
                name=volunteer.full_name,
                phone=volunteer.phone,
                deadline=None,
                label=_("Yearly check of the details"),
                say=_(
                    "Are the details of %(name)s still right: what they like to do, when, "
                    "how far they drive? And how do they want to be asked?"
                )
                % {"name": volunteer.first_name},
                volunteer_id=volunteer.pk,
            )
        )
    for call in calls:
        call.key = urgency(
            kind=call.kind, deadline=call.deadline, today=today, task_date=call.task_date
        )
    return sorted(calls, key=lambda c: (c.key, c.name))


def _message_summary(row: Notification) -> str:
    """What the text message was, in words (no rendering: no queries per line)."""
    kinds = {
        "invitation_sms": _("an invitation for a task"),
        "reminder_sms": _("a reminder of a task"),
        "reminder": _("a reminder of a task"),
        "sms_answer": _("the desk's answer to their text message"),
        "report_ask": _("the question how the task went"),
    }
    return str(kinds.get(row.template, row.template))
