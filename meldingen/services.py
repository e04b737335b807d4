"""The outbox and the to-do list: schedule, claim, deliver; add and finish to-dos."""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from . import registry
from .messages import build
from .models import Notification, Todo, VillageSettings
from .sms import SMSError, send_sms
from .timing import retry_delay

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A row claimed this long ago but not sent (a worker died mid-batch) is claimed again.
CLAIM_TIMEOUT = timedelta(minutes=10)
TRANSIENT_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError, OSError, SMSError)


def notification_schedule(
    *, key: str, village, channel: str, recipient: str, template: str, context: dict, due_at
) -> tuple[Notification, bool]:
    """Put a message in the outbox, once: the idempotency key makes a second call a no-op."""
    return Notification.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "village": village,
            "channel": channel,
            "recipient": recipient,
            "template": template,
            "context": context,
            "due_at": due_at,
        },
    )


def send_soon(notification_id: int) -> None:
    """After commit, hand the row to a worker right away. If the broker is down nothing is
    lost: the row stays in the outbox and the next scan sends it."""

    def kick():
        from .tasks import deliver_notification

        try:
            deliver_notification.delay(notification_id)
        except Exception:  # noqa: BLE001 - any broker trouble; the scan is the safety net
            logger.warning(
                "Broker unavailable; notification %s waits for the scan", notification_id
            )

    transaction.on_commit(kick)


def claim_due(*, now: datetime | None = None, limit: int = 200) -> list[int]:
    """Claim due rows for sending with a compare-and-set update per row (safe with several
    scanners at once, on any database). Stale claims are released first."""
    now = now or timezone.now()
    Notification.objects.filter(
        status=Notification.Status.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    ).update(status=Notification.Status.PENDING)
    candidates = list(
        Notification.objects.filter(status=Notification.Status.PENDING, due_at__lte=now)
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    claimed = []
    for pk in candidates:
        if Notification.objects.filter(pk=pk, status=Notification.Status.PENDING).update(
            status=Notification.Status.SENDING, claimed_at=now
        ):
            claimed.append(pk)
    return claimed


def _send(notification: Notification, message) -> None:
    if notification.channel == Notification.Channel.SMS:
        send_sms(notification.recipient, message.text)
        return
    email = EmailMultiAlternatives(message.subject, message.text, None, [notification.recipient])
    if message.html:
        email.attach_alternative(message.html, "text/html")
    email.send()


def deliver(notification_id: int, *, now: datetime | None = None) -> str:
    """Send one notification, at most once. Returns its status afterwards.

    A pending row that is due is claimed here too, so a task queued straight after saving
    works without waiting for the scan. The row is locked while sending, so a second worker
    with the same id waits and then finds it sent.
    """
    now = now or timezone.now()
    Notification.objects.filter(
        pk=notification_id, status=Notification.Status.PENDING, due_at__lte=now
    ).update(status=Notification.Status.SENDING, claimed_at=now)
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status != Notification.Status.SENDING:
            return notification.status if notification else "missing"
        try:
            message = build(notification.template, notification.context)
        except Exception as exc:  # noqa: BLE001 - a broken template must not block the outbox
            return _fail(notification, f"{type(exc).__name__}: {exc}", now, permanent=True)
        if message is None:
            notification.status = Notification.Status.CANCELLED
            notification.save(update_fields=["status"])
            return notification.status
        try:
            _send(notification, message)
        except TRANSIENT_ERRORS as exc:
            return _fail(notification, f"{type(exc).__name__}: {exc}", now)
        notification.status = Notification.Status.SENT
        notification.sent_at = now
        notification.attempts += 1
        notification.last_error = ""
        notification.save(update_fields=["status", "sent_at", "attempts", "last_error"])
        return notification.status


def _fail(notification: Notification, error: str, now, *, permanent: bool = False) -> str:
    notification.attempts += 1
    notification.last_error = error[:2000]
    if permanent or notification.attempts >= MAX_ATTEMPTS:
        notification.status = Notification.Status.FAILED
        todo_add(
            village=notification.village,
            kind=Todo.Kind.FAILED_NOTIFICATION,
            key=f"failed-notification:{notification.pk}",
            title=_in_dutch(
                gettext_noop("Message could not be sent to %(recipient)s"),
                recipient=notification.recipient,
            ),
            detail=error[:500],
            due_on=timezone.localdate(now),
            about={"notification": notification.pk},
        )
    else:
        notification.status = Notification.Status.PENDING
        notification.due_at = now + retry_delay(notification.attempts)
    notification.save(update_fields=["status", "attempts", "last_error", "due_at"])
    return notification.status


def _in_dutch(msgid: str, **params) -> str:
    """To-do titles are stored text; they are written in the shipped language."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(msgid) % params


def todo_add(
    *,
    village,
    kind: str,
    key: str,
    title: str,
    due_on,
    detail: str = "",
    link: str = "",
    about: dict | None = None,
) -> tuple[Todo, bool]:
    """Add a to-do once (the key makes it idempotent; a finished one is not reopened)."""
    return Todo.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "village": village,
            "kind": kind,
            "title": title[:200],
            "detail": detail,
            "link": link,
            "about": about or {},
            "due_on": due_on,
        },
    )


@transaction.atomic
def todo_done(*, todo: Todo, by, note: str = "", now: datetime | None = None) -> Todo:
    """Tick a to-do off, with an optional short note. Ticking off twice changes nothing.

    The first time, the hooks the owning apps registered for its kind run in the same
    transaction (e.g. koppelingen records it in the request's logbook, hulpvragen plans the
    next review of a recurring request)."""
    now = now or timezone.now()
    note = note.strip()
    updated = Todo.objects.filter(pk=todo.pk, done_at__isnull=True).update(
        done_at=now, done_by=by, done_note=note
    )
    todo.refresh_from_db()
    if updated:
        for hook in registry.todo_done_hooks(todo.kind):
            hook(todo=todo, by=by, note=note, now=now)
    return todo


def settings_for(village) -> VillageSettings:
    """The village's notification settings (made with the defaults on first use)."""
    return VillageSettings.objects.get_or_create(village=village)[0]


class SettingsPerRun(dict):
    """Village settings read once per job run, not once per row."""

    def __missing__(self, village):
        self[village] = settings_for(village)
        return self[village]
