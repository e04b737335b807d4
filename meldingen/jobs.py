"""The periodic jobs. Each looks at the database as it is now and adds what is missing:
outbox rows and to-dos with idempotency keys, occurrences with a unique moment. Running a job
twice (or two at once) therefore changes nothing the second time.

Every job is `name(now) -> number of things added`, runs from beat through the `run_job`
task, and once from the command line with `manage.py run_job NAME`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.dutch import is_mobile
from accounts.models import Village
from accounts.templatetags.nl_format import format_nl_date

from .messages import still_volunteering
from .models import Notification, Todo, VillageSettings
from .services import notification_schedule, send_soon, todo_add
from .timing import AMSTERDAM, local_moment, reminder_due_at


def settings_for(village) -> VillageSettings:
    return VillageSettings.objects.get_or_create(village=village)[0]


class SettingsPerRun(dict):
    """Village settings read once per job run, not once per row."""

    def __missing__(self, village):
        self[village] = settings_for(village)
        return self[village]


def _volunteer_channel(volunteer) -> tuple[str, str] | None:
    """How a volunteer is reached, or None: no e-mail and no mobile (the coordinator calls),
    or stopped (a stopped volunteer gets no reminders or questions about old tasks)."""
    if not still_volunteering(volunteer):
        return None
    if volunteer.email:
        return Notification.Channel.EMAIL, volunteer.email
    if is_mobile(volunteer.phone or ""):
        return Notification.Channel.SMS, volunteer.phone
    return None


def reminders(now: datetime) -> int:
    """The evening before (or the morning of a same-day task) each volunteer is reminded.

    Planned up to a week ahead; a task whose date moves gets a new reminder for the new date
    (the old one is cancelled when it comes due, see meldingen.messages)."""
    from koppelingen.models import Assignment

    today = timezone.localdate(now)
    added = 0
    assignments = Assignment.objects.filter(
        status=Assignment.Status.ACTIVE,
        task_date__gte=today,
        task_date__lte=today + timedelta(days=7),
    ).select_related("volunteer", "village")
    configs = SettingsPerRun()
    for assignment in assignments:
        channel = _volunteer_channel(assignment.volunteer)
        if channel is None:
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
        _row, created = notification_schedule(
            key=f"reminder:{assignment.pk}:{assignment.task_date}",
            village=assignment.village,
            channel=channel[0],
            recipient=channel[1],
            template="reminder",
            context={"assignment": assignment.pk, "task_date": str(assignment.task_date)},
            due_at=due,
        )
        added += created
    return added + _occurrence_reminders(now, today)


def _occurrence_reminders(now: datetime, today) -> int:
    """The regular volunteer of a weekly (or every few weeks) request is reminded of each
    turn like of any task; daily turns (phone calls) get no reminder twice a day."""
    from hulpvragen.recurrence import Frequency
    from koppelingen.models import Occurrence

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
            template="occurrence_reminder",
            context={"occurrence": turn.pk, "volunteer": turn.volunteer_id},
            due_at=max(due, now) if due else now,
        )
        added += created
    return added


def unanswered_invitations(now: datetime) -> int:
    """An invitation left unanswered too long: tell the coordinator, with the next candidates."""
    from koppelingen.models import Invitation
    from koppelingen.selectors import ranked_candidates

    added = 0
    for village in Village.objects.all():
        hours = settings_for(village).invitation_unanswered_hours
        pending = Invitation.objects.filter(
            village=village,
            status=Invitation.Status.PENDING,
            asked_at__lt=now - timedelta(hours=hours),
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
                link=f"/koppelen/hulpvraag/{request.pk}/kandidaten/",
                about={"help_request": request.pk, "volunteer": invitation.volunteer_id},
                due_on=timezone.localdate(now),
            )
            added += created
    return added


def escalations(now: datetime) -> int:
    """A request still waiting longer than its urgency allows: a to-do and an e-mail to the
    coordinators (once per waiting period)."""
    from hulpvragen.models import HelpRequest
    from hulpvragen.selectors import overdue_condition, village_coordinators

    added = 0
    waiting = HelpRequest.objects.filter(overdue_condition(now)).select_related(
        "village", "resident", "category"
    )
    for request in waiting:
        stamp = f"{request.pk}:{request.status_changed_at:%Y%m%d%H%M}"
        with translation.override("nl"):
            title = _("Waiting too long: %(what)s for %(name)s") % {
                "what": request.category.name,
                "name": request.resident.first_name,
            }
        _todo, created = todo_add(
            village=request.village,
            kind=Todo.Kind.ESCALATION,
            key=f"escalation:{stamp}",
            title=title,
            link=f"/koppelen/hulpvraag/{request.pk}/kandidaten/",
            about={"help_request": request.pk},
            due_on=timezone.localdate(now),
        )
        added += created
        for user in village_coordinators(request.village):
            notification, new = notification_schedule(
                key=f"escalation:{stamp}:{user.pk}",
                village=request.village,
                channel=Notification.Channel.EMAIL,
                recipient=user.email,
                template="escalation",
                context={"help_request": request.pk},
                due_at=now,
            )
            if new:
                send_soon(notification.pk)
    return added


def after_the_task(now: datetime) -> int:
    """Ask volunteers who have not reported back; plan the follow-up call for new pairs."""
    from koppelingen.models import Assignment, TaskReport

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
                # no stored link: a follow-up call opens its own form (Todo.url)
                about={
                    "help_request": assignment.help_request_id,
                    "volunteer": assignment.volunteer_id,
                },
                due_on=(assignment.task_date or today) + timedelta(days=config.follow_up_days),
            )
            added += created
    return added


def recurring(now: datetime) -> int:
    """Plan recurring requests ahead, carrying over their regular volunteers; a review to-do
    for each one every few months."""
    from hulpvragen.lifecycle import Status
    from hulpvragen.models import HelpRequest
    from hulpvragen.recurrence import occurrences
    from koppelingen.models import Assignment, Occurrence

    today = timezone.localdate(now)
    added = 0
    active = HelpRequest.objects.filter(is_recurring=True, status=Status.ACTIVE).select_related(
        "village", "resident", "category"
    )
    configs = SettingsPerRun()
    for request in active:
        config = configs[request.village]
        pattern = request.recurrence_pattern
        if pattern is None:
            continue
        regulars = list(
            Assignment.objects.filter(
                help_request=request, status__in=[Assignment.Status.ACTIVE, Assignment.Status.DONE]
            )
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
        # Without a review date the first review comes a few months after the start.
        review_on = request.review_on or months_after(pattern.start, config.recurring_review_months)
        if review_on <= today + timedelta(days=7):
            with translation.override("nl"):
                title = _("Review the recurring request of %(name)s (%(what)s)") % {
                    "name": request.resident.first_name,
                    "what": request.category.name,
                }
            _todo, created = todo_add(
                village=request.village,
                kind=Todo.Kind.REVIEW,
                key=f"review:{request.pk}:{review_on}",
                title=title,
                link=f"/koppelen/hulpvraag/{request.pk}/kandidaten/",
                about={"help_request": request.pk},
                due_on=review_on,
            )
            added += created
    return added


def months_after(day, months: int):
    """The same day some months later (the 28th at most, so every month has it)."""
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1, day=min(day.day, 28))


def stale_social_map(now: datetime) -> int:
    """Social-map entries not verified for 12 months become a to-do (once per check)."""
    from sociale_kaart.models import Organisation

    today = timezone.localdate(now)
    added = 0
    for village in Village.objects.all():
        for organisation in Organisation.objects.for_village(village).stale(today):
            with translation.override("nl"):
                title = _("Check the social map entry: %(name)s") % {"name": organisation.name}
            _todo, created = todo_add(
                village=village,
                kind=Todo.Kind.STALE_SOCIAL_MAP,
                key=f"stale:{organisation.pk}:{village.pk}:{organisation.last_verified_on}",
                title=title,
                link=f"/sociale-kaart/{organisation.pk}/",
                about={"organisation": organisation.pk},
                due_on=today,
            )
            added += created
    return added


def overdue_loans(now: datetime) -> int:
    """Aids not returned on time become a to-do."""
    from uitleen.selectors import overdue_loans as overdue

    today = timezone.localdate(now)
    added = 0
    for village in Village.objects.all():
        for loan in overdue(village, today=today).select_related("item", "resident"):
            with translation.override("nl"):
                title = _("%(item)s not returned by %(name)s (due %(date)s)") % {
                    "item": loan.item,
                    "name": loan.resident.first_name,
                    "date": format_nl_date(loan.due_on, "long"),
                }
            _todo, created = todo_add(
                village=village,
                kind=Todo.Kind.OVERDUE_LOAN,
                key=f"overdue-loan:{loan.pk}:{loan.due_on}",
                title=title,
                about={"loan": loan.pk},
                due_on=today,
            )
            added += created
    return added


# The yearly confirmation round opens in this month; after that the job keeps it going.
CONFIRMATION_MONTH = 1


def confirmation_round(now: datetime) -> int:
    """Each January the yearly round asks every volunteer to confirm their details; every
    later run adds newcomers and flags who has not answered, with one to-do per village."""
    from vrijwilligers.models import ConfirmationRequest, ConfirmationRound
    from vrijwilligers.services import confirmation_round_run

    today = timezone.localdate(now)
    added = 0
    for village in Village.objects.all():
        running = ConfirmationRound.objects.filter(village=village, year=today.year).exists()
        if not running and today.month != CONFIRMATION_MONTH:
            continue
        asked = ConfirmationRequest.objects.filter(round__village=village, round__year=today.year)
        before = asked.count()
        result = confirmation_round_run(village=village, today=today)
        added += asked.count() - before
        if result.flagged:
            with translation.override("nl"):
                title = _("Volunteers who did not confirm their details: %(count)d") % {
                    "count": len(result.flagged)
                }
            _todo, created = todo_add(
                village=village,
                kind=Todo.Kind.CONFIRMATION,
                # at most one a week while people keep not answering
                key=f"confirmation:{village.pk}:{today.year}:w{today.isocalendar().week}",
                title=title,
                detail=", ".join(v.full_name for v in result.flagged[:20]),
                link="/vrijwilligers/bevestigingsronde/",
                due_on=today,
            )
            added += created
    return added


def outbox(now: datetime) -> int:
    """Send what is due, here and now (the command-line twin of the scan task)."""
    from .services import claim_due, deliver

    claimed = claim_due(now=now)
    for pk in claimed:
        deliver(pk, now=now)
    return len(claimed)


JOBS = {
    "reminders": reminders,
    "unanswered_invitations": unanswered_invitations,
    "escalations": escalations,
    "after_the_task": after_the_task,
    "recurring": recurring,
    "stale_social_map": stale_social_map,
    "overdue_loans": overdue_loans,
    "confirmation_round": confirmation_round,
    "outbox": outbox,
}


def run(name: str, *, now: datetime | None = None) -> int:
    return JOBS[name](now or timezone.now())
