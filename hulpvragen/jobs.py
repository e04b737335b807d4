"""The periodic jobs of help requests, registered with meldingen (see hulpvragen.apps): a
request that waits too long, and the regular review of recurring requests (with what
ticking a review off does: plan the next one).

Each is `name(now) -> number of things added` and idempotent (to-dos and outbox rows carry
an idempotency key): running one twice adds nothing.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meldingen.models import Notification, Todo
from meldingen.services import (
    SettingsPerRun,
    notification_schedule,
    send_soon,
    settings_for,
    todo_add,
)

from .lifecycle import Status
from .models import HelpRequest
from .selectors import overdue_condition, village_coordinators


def escalations(now: datetime) -> int:
    """A request still waiting longer than its urgency allows: a to-do and an e-mail to the
    coordinators (once per waiting period)."""
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
            link=reverse("koppelingen:candidates", args=[request.pk]),
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


def recurring_reviews(now: datetime) -> int:
    """A review to-do for each recurring request every few months, a week before it is due
    (the boundaries of a recurring request stretch if nobody looks)."""
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
                link=reverse("koppelingen:candidates", args=[request.pk]),
                about={"help_request": request.pk},
                due_on=review_on,
            )
            added += created
    return added


def months_after(day: date, months: int) -> date:
    """The same day some months later (the 28th at most, so every month has it)."""
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1, day=min(day.day, 28))


def review_done(*, todo, by, note: str, now: datetime) -> None:
    """A recurring request that was reviewed gets its next review date (every few months,
    per village), so that the boundaries keep being looked at (a to-do hook for reviews)."""
    request_id = todo.about.get("help_request")
    if not request_id:
        return
    months = settings_for(todo.village).recurring_review_months
    HelpRequest.objects.filter(pk=request_id, village=todo.village).update(
        review_on=months_after(timezone.localdate(now), months)
    )


JOBS = {
    "escalations": escalations,
    "recurring_reviews": recurring_reviews,
}
