"""The periodic jobs of help requests, registered with meldingen (see hulpvragen.apps): a
request that waits too long, and the regular review of recurring requests (with what
ticking a review off does: plan the next one).

Each is `name(now) -> number of things added` and idempotent (to-dos and outbox rows carry
an idempotency key): running one twice adds nothing.
"""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Village
from meldingen.models import Notification, Todo
from meldingen.services import (
    SettingsPerRun,
    notification_schedule,
    send_soon,
    settings_for,
    todo_add,
)

from . import access_review
from .access_log_selectors import month_bounds, month_reads, review_facts
from .lifecycle import Status
from .models import HelpRequest
from .recurrence import REVIEW_NOTICE, months_after, review_date, review_due
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
        review_on = review_date(
            review_on=request.review_on,
            start=pattern.start,
            months=config.recurring_review_months,
        )
        if review_due(is_recurring=True, review_on=review_on, today=today, notice=REVIEW_NOTICE):
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


def previous_month(today) -> tuple[int, int]:
    """The calendar month before `today`'s: (year, month)."""
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def access_reviews(now: datetime) -> int:
    """Once a month, per village, a to-do to review last month's access log: the page it
    leads to lists what stands out (access_review.findings). Runs daily from beat; the key
    (village and month) makes it one to-do per village per month, also when run twice. The
    number of findings is fixed in the title when the to-do is made (the month is over, and
    the log is append-only: the page shows the same findings later)."""
    year, month = previous_month(timezone.localdate(now))
    start, end = month_bounds(year, month)
    added = 0
    for village in Village.objects.order_by("pk"):
        key = f"access_review:{village.pk}:{year:04d}-{month:02d}"
        if Todo.objects.filter(idempotency_key=key).exists():
            continue
        reads = month_reads(village, start, end)
        found = access_review.findings(reads, review_facts(reads))
        with translation.override("nl"):
            month_name = formats.date_format(start, "F Y")
            title = ngettext(
                "Review who looked at residents' files in %(month)s: %(n)d thing stands out",
                "Review who looked at residents' files in %(month)s: %(n)d things stand out",
                len(found),
            ) % {"month": month_name, "n": len(found)}
        _todo, created = todo_add(
            village=village,
            kind=Todo.Kind.ACCESS_REVIEW,
            key=key,
            title=title,
            link=reverse("hulpvragen:access_review", args=[year, month]),
            about={"year": year, "month": month, "findings": len(found)},
            due_on=timezone.localdate(now),
        )
        added += created
    return added


def access_review_link(todo) -> str:
    return reverse("hulpvragen:access_review", args=[todo.about["year"], todo.about["month"]])


JOBS = {
    "escalations": escalations,
    "recurring_reviews": recurring_reviews,
    "access_reviews": access_reviews,
}
