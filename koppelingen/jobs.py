"""The periodic jobs of matching, registered with meldingen (see koppelingen.apps): reminders
before a task or a regular turn, invitations left unanswered, asking for a report and
planning the follow-up call after a task, and planning the turns of recurring requests.

Each is `name(now) -> number of things added` and idempotent (outbox rows and to-dos carry
an idempotency key, an occurrence a unique moment): running one twice adds nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.calendar import AMSTERDAM
from accounts.models import Village
from accounts.templatetags.nl_format import format_nl_date
from hulpvragen.lifecycle import Status
from hulpvragen.models import HelpRequest
from hulpvragen.recurrence import Frequency, occurrences
from meldingen.models import Notification, Todo
from meldingen.services import SettingsPerRun, notification_schedule, settings_for, todo_add
from meldingen.timing import local_moment, reminder_due_at
from vrijwilligers.channels import ContactChannel, reach_volunteer

from .messages import still_volunteering
from .models import TAKEN_STATUSES, Assignment, Invitation, Occurrence, TaskReport
from .selectors import ranked_candidates
from .waiting import still_waiting


def _volunteer_channel(volunteer) -> tuple[str, str] | None:
    """How a volunteer is reached in writing (vrijwilligers.channels.reach), or None: they
    want a call (the phone round lists them), or stopped (a stopped volunteer gets no
    reminders or questions about old tasks)."""
    if not still_volunteering(volunteer):
        return None
    way = reach_volunteer(volunteer)
    if way.channel == ContactChannel.EMAIL:
        return Notification.Channel.EMAIL, way.address
    if way.channel == ContactChannel.SMS:
        return Notification.Channel.SMS, way.address
    return None


def _wants_a_call(volunteer) -> bool:
    return still_volunteering(volunteer) and reach_volunteer(volunteer).is_call


def _reminder_call(*, village, volunteer, request, task_date, key: str, due) -> bool:
    """A line on the phone round: call this volunteer to remind them (on the day the
    written reminder would go out)."""
    with translation.override("nl"):
        title = _("Call %(volunteer)s to remind: %(what)s for %(name)s, %(day)s") % {
            "volunteer": volunteer.full_name,
            "what": request.category.name,
            "name": request.resident.first_name,
            "day": format_nl_date(task_date, "heading"),
        }
    _todo, created = todo_add(
        village=village,
        kind=Todo.Kind.REMINDER_CALL,
        key=key,
        title=title,
        link=reverse("koppelingen:candidates", args=[request.pk]),
        about={"help_request": request.pk, "volunteer": volunteer.pk},
        due_on=timezone.localdate(due),
    )
    return created


def reminders(now: datetime) -> int:
    """The evening before (or the morning of a same-day task) each volunteer is reminded.

    Planned up to a week ahead; a task whose date moves gets a new reminder for the new date
    (the old one is cancelled when it comes due, see koppelingen.messages)."""
    today = timezone.localdate(now)
    added = 0
    assignments = Assignment.objects.filter(
        status=Assignment.Status.ACTIVE,
        task_date__gte=today,
        task_date__lte=today + timedelta(days=7),
    ).select_related("volunteer", "village", "help_request__category", "help_request__resident")
    configs = SettingsPerRun()
    for assignment in assignments:
        channel = _volunteer_channel(assignment.volunteer)
        wants_call = channel is None and _wants_a_call(assignment.volunteer)
        if channel is None and not wants_call:
            continue
        config = configs[assignment.village]
        due = reminder_due_at(
            task_date=assignment.task_date,
            accepted_at=assignment.accepted_at,
            evening_hour=config.reminder_hour,
            morning_hour=config.same_day_reminder_hour,
        )
        if due is None:
            continue
        if wants_call:
            added += _reminder_call(
                village=assignment.village,
                volunteer=assignment.volunteer,
                request=assignment.help_request,
                task_date=assignment.task_date,
                key=f"reminder-call:{assignment.pk}:{assignment.task_date}",
                due=due,
            )
            continue
        _row, created = notification_schedule(
            key=f"reminder:{assignment.pk}:{assignment.task_date}",
            village=assignment.village,
            channel=channel[0],
            recipient=channel[1],
            recipient_name=assignment.volunteer.full_name,
            # by text message: the address itself, no link (koppelingen/sms/reminder.txt)
            template="reminder_sms" if channel[0] == Notification.Channel.SMS else "reminder",
            context={"assignment": assignment.pk, "task_date": str(assignment.task_date)},
            due_at=due,
        )
        added += created
    return added + _occurrence_reminders(now, today)


def _occurrence_reminders(now: datetime, today) -> int:
    """The regular volunteer of a weekly (or every few weeks) request is reminded of each
    turn like of any task; daily turns (phone calls) get no reminder twice a day."""
    added = 0
    turns = (
        Occurrence.objects.filter(
            status=Occurrence.Status.PLANNED,
            volunteer__isnull=False,
            starts_at__gte=now,
            starts_at__lt=now + timedelta(days=7),
        )
        .exclude(help_request__frequency=Frequency.DAILY)
        .select_related("volunteer", "village")
    )
    configs = SettingsPerRun()
    for turn in turns:
        channel = _volunteer_channel(turn.volunteer)
        if channel is None:
            continue
        config = configs[turn.village]
        due = reminder_due_at(
            task_date=timezone.localdate(turn.starts_at),
            accepted_at=now - timedelta(days=30),  # planned long ago: the evening before
            evening_hour=config.reminder_hour,
            morning_hour=config.same_day_reminder_hour,
        )
        _row, created = notification_schedule(
            key=f"occurrence-reminder:{turn.pk}:{turn.volunteer_id}",
            village=turn.village,
            channel=channel[0],
            recipient=channel[1],
            recipient_name=turn.volunteer.full_name,
            template="occurrence_reminder",
            context={"occurrence": turn.pk, "volunteer": turn.volunteer_id},
            due_at=max(due, now) if due else now,
        )
        added += created
    return added


def unanswered_invitations(now: datetime) -> int:
    """An invitation left unanswered too long: tell the coordinator, with the next candidates."""
    added = 0
    for village in Village.objects.all():
        hours = settings_for(village).invitation_unanswered_hours
        pending = still_waiting(
            Invitation.objects.filter(village=village, asked_at__lt=now - timedelta(hours=hours))
        ).select_related("volunteer", "help_request__resident", "help_request__category")
        for invitation in pending:
            key = f"unanswered:{invitation.pk}"
            if Todo.objects.filter(idempotency_key=key).exists():
                continue
            request = invitation.help_request
            asked = set(request.invitations.values_list("volunteer_id", flat=True))
            eligible, _excluded = ranked_candidates(request, today=timezone.localdate(now))
            nxt = [c.facts.name for c in eligible if c.facts.volunteer_id not in asked][:3]
            with translation.override("nl"):
                title = _("%(volunteer)s has not answered about %(what)s for %(name)s") % {
                    "volunteer": invitation.volunteer.full_name,
                    "what": request.category.name,
                    "name": request.resident.first_name,
                }
                detail = _("Next candidates: %(names)s") % {"names": ", ".join(nxt)} if nxt else ""
            _todo, created = todo_add(
                village=village,
                kind=Todo.Kind.UNANSWERED,
                key=key,
                title=title,
                detail=detail,
                link=reverse("koppelingen:candidates", args=[request.pk]),
                about={"help_request": request.pk, "volunteer": invitation.volunteer_id},
                due_on=timezone.localdate(now),
            )
            added += created
    return added


def after_the_task(now: datetime) -> int:
    """Ask volunteers who have not reported back; plan the follow-up call for new pairs."""
    today = timezone.localdate(now)
    added = 0
    for village in Village.objects.all():
        config = settings_for(village)
        unreported = Assignment.objects.filter(
            village=village,
            status=Assignment.Status.ACTIVE,
            task_date__lte=today - timedelta(days=config.report_reminder_days),
            task_date__gte=today - timedelta(days=30),
        ).select_related("volunteer")
        for assignment in unreported:
            channel = _volunteer_channel(assignment.volunteer)
            if channel is None:
                continue
            _row, created = notification_schedule(
                key=f"report-ask:{assignment.pk}",
                village=village,
                channel=channel[0],
                recipient=channel[1],
                recipient_name=assignment.volunteer.full_name,
                template="report_ask",
                context={"assignment": assignment.pk},
                # not at night: from 10:00 on
                due_at=max(now, local_moment(today, 10)),
            )
            added += created
        earlier_pair = Assignment.objects.filter(
            volunteer=OuterRef("volunteer"),
            resident=OuterRef("resident"),
            status=Assignment.Status.DONE,
            accepted_at__lt=OuterRef("accepted_at"),
        )
        first_pairs = (
            Assignment.objects.filter(
                village=village,
                status=Assignment.Status.DONE,
                report__reported_at__gte=now - timedelta(days=60),
            )
            .exclude(report__outcome=TaskReport.Outcome.NOT_HAPPENED)
            .annotate(known_pair=Exists(earlier_pair))
            .filter(known_pair=False)
            .select_related("volunteer", "resident", "help_request__category")
        )
        for assignment in first_pairs:
            with translation.override("nl"):
                title = _("Call %(name)s: how did it go with %(volunteer)s?") % {
                    "name": assignment.resident.first_name,
                    "volunteer": assignment.volunteer.first_name,
                }
            _todo, created = todo_add(
                village=village,
                kind=Todo.Kind.FOLLOW_UP,
                key=f"follow-up:{assignment.pk}",
                title=title,
                # no stored link: a follow-up call opens its own form (follow_up_link)
                about={
                    "help_request": assignment.help_request_id,
                    "volunteer": assignment.volunteer_id,
                },
                due_on=(assignment.task_date or today) + timedelta(days=config.follow_up_days),
            )
            added += created
    return added


def recurring(now: datetime) -> int:
    """Plan the turns of recurring requests ahead, carrying over their regular volunteers
    (the reviews of these requests are hulpvragen's `recurring_reviews`)."""
    today = timezone.localdate(now)
    added = 0
    active = HelpRequest.objects.filter(is_recurring=True, status=Status.ACTIVE).select_related(
        "village"
    )
    configs = SettingsPerRun()
    for request in active:
        config = configs[request.village]
        pattern = request.recurrence_pattern
        if pattern is None:
            continue
        regulars = list(
            Assignment.objects.filter(help_request=request, status__in=TAKEN_STATUSES)
            .order_by("accepted_at", "pk")
            .values_list("volunteer_id", flat=True)
        )
        moments = occurrences(pattern, today, today + timedelta(weeks=config.recurring_weeks_ahead))
        for index, moment in enumerate(moments):
            starts_at = moment.replace(tzinfo=AMSTERDAM)
            if starts_at < now:
                continue
            volunteer_id = regulars[index % len(regulars)] if regulars else None
            _occurrence, created = Occurrence.objects.get_or_create(
                help_request=request,
                starts_at=starts_at,
                defaults={"village": request.village, "volunteer_id": volunteer_id},
            )
            added += created
    return added


def follow_up_link(todo) -> str:
    """A follow-up call opens its own form (older ones stored the candidates page)."""
    return reverse("koppelingen:follow_up", args=[todo.pk])


JOBS = {
    "reminders": reminders,
    "unanswered_invitations": unanswered_invitations,
    "after_the_task": after_the_task,
    "recurring": recurring,
}
