"""The outbox and the to-do list: schedule, claim, deliver; add and finish to-dos."""

from __future__ import annotations

import logging
import smtplib
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from . import registry
from .messages import Message, build, build_many
from .models import InboundSMS, Notification, Todo, VillageSettings
from .sms import SMSError, SMSRejected
from .sms import get_backend as get_sms_backend
from .timing import retry_delay

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A row claimed this long ago but not sent (a worker died mid-batch) is claimed again.
CLAIM_TIMEOUT = timedelta(minutes=10)
# Rows per claim: one worker's batch, sent over one SMTP connection.
BATCH_SIZE = 200
TRANSIENT_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError, OSError, SMSError)


def notification_schedule(
    *,
    key: str,
    village,
    channel: str,
    recipient: str,
    template: str,
    context: dict,
    due_at,
    recipient_name: str = "",
) -> tuple[Notification, bool]:
    """Put a message in the outbox, once: the idempotency key makes a second call a no-op."""
    return Notification.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "village": village,
            "channel": channel,
            "recipient": recipient,
            "recipient_name": recipient_name[:200],
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


def _release_stale(now: datetime) -> int:
    """A claim not marked within CLAIM_TIMEOUT (its worker died) is due again."""
    return Notification.objects.filter(
        status=Notification.Status.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    ).update(status=Notification.Status.PENDING, claim_id="")


def claim_batch(
    *, now: datetime | None = None, limit: int = BATCH_SIZE, ids: list[int] | None = None
) -> tuple[str, list[int]]:
    """Claim up to `limit` due rows (or those of `ids` that are due) for one worker, and
    commit: they become "being sent" with a new claim id. Returns (claim id, row ids).

    On PostgreSQL the rows are picked with SELECT … FOR UPDATE SKIP LOCKED, so two workers
    never pick the same row and never wait for each other; elsewhere one compare-and-set
    UPDATE (only rows still pending are taken) does the same. Stale claims are released
    first. Three queries, whatever the batch size."""
    now = now or timezone.now()
    _release_stale(now)
    claim = uuid.uuid4().hex
    due = Notification.objects.filter(status=Notification.Status.PENDING, due_at__lte=now)
    if ids is not None:
        due = due.filter(pk__in=ids)
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            picked = list(
                due.select_for_update(skip_locked=True)
                .order_by("due_at", "pk")
                .values_list("pk", flat=True)[:limit]
            )
            if not picked:
                return claim, []
            Notification.objects.filter(pk__in=picked).update(
                status=Notification.Status.SENDING, claimed_at=now, claim_id=claim
            )
        else:
            picked = due.order_by("due_at", "pk").values_list("pk", flat=True)[:limit]
            Notification.objects.filter(
                pk__in=list(picked), status=Notification.Status.PENDING
            ).update(status=Notification.Status.SENDING, claimed_at=now, claim_id=claim)
            picked = list(Notification.objects.filter(claim_id=claim).values_list("pk", flat=True))
    return claim, sorted(picked)


def claim_due(*, now: datetime | None = None, limit: int = BATCH_SIZE) -> list[int]:
    """Claim due rows (see claim_batch) and return their ids."""
    return claim_batch(now=now, limit=limit)[1]


def _email(notification: Notification, message) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        message.subject,
        message.text,
        None,
        [notification.recipient],
        headers={"Message-ID": notification.message_id},
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    return email


def _messages_for(rows: list[Notification]) -> dict[int, object]:
    """Each row's message (or None: cancelled, or an exception: a broken template), rendered
    per kind with the kind's batch builder."""
    by_kind: dict[str, list[Notification]] = {}
    for row in rows:
        by_kind.setdefault(row.template, []).append(row)
    result: dict[int, object] = {}
    for template, group in by_kind.items():
        try:
            messages = build_many(template, [row.context for row in group])
        except Exception:  # noqa: BLE001 - find the broken rows one by one
            messages = []
            for row in group:
                try:
                    messages.append(build(template, row.context))
                except Exception as exc:  # noqa: BLE001 - a broken template must not block
                    messages.append(exc)
        result.update({row.pk: message for row, message in zip(group, messages, strict=True)})
    return result


def deliver_claimed(claim_id: str, *, now: datetime | None = None) -> dict[int, str]:
    """Send the rows of one claim and mark them. Returns {row id: status afterwards}.

    The rows are loaded and rendered in a fixed number of queries per message kind (when
    the kind registered a batch builder), e-mails go over one SMTP connection, and nothing
    is sent inside a database transaction. Marking compares the claim id, so a row whose
    claim went stale and was taken by another worker is not marked by this one.

    At least once: between sending and marking there is a window. A worker that dies in it
    leaves the rows "being sent"; after CLAIM_TIMEOUT they are claimed and sent again, with
    the same Message-ID header and the same SMS reference (Notification.reference), so the
    repeat is recognisable. Running this twice for one claim sends nothing the second time.
    """
    now = now or timezone.now()
    rows = list(
        Notification.objects.filter(
            claim_id=claim_id, status=Notification.Status.SENDING
        ).select_related("village")
    )
    if not rows:
        return {}
    messages = _messages_for(rows)
    statuses: dict[int, str] = {}
    sent: list[int] = []
    cancelled = [row.pk for row in rows if messages[row.pk] is None]
    broken = [row for row in rows if isinstance(messages[row.pk], Exception)]
    emails = [
        row
        for row in rows
        if row.channel == Notification.Channel.EMAIL and isinstance(messages[row.pk], Message)
    ]
    texts = [
        row
        for row in rows
        if row.channel == Notification.Channel.SMS and isinstance(messages[row.pk], Message)
    ]
    failures: list[tuple[Notification, str, bool]] = [
        (row, f"{type(messages[row.pk]).__name__}: {messages[row.pk]}", True) for row in broken
    ]
    if emails:
        mail = get_connection()
        try:
            mail.open()
        except TRANSIENT_ERRORS as exc:
            failures += [(row, f"{type(exc).__name__}: {exc}", False) for row in emails]
            emails = []
        try:
            for row in emails:
                try:
                    mail.send_messages([_email(row, messages[row.pk])])
                except TRANSIENT_ERRORS as exc:
                    failures.append((row, f"{type(exc).__name__}: {exc}", False))
                else:
                    sent.append(row.pk)
        finally:
            mail.close()
    if texts:
        backend = get_sms_backend()
        for row in texts:
            try:
                backend.send(row.recipient, messages[row.pk].text, reference=row.reference)
            except SMSRejected as exc:
                failures.append((row, f"{type(exc).__name__}: {exc}", True))
            except TRANSIENT_ERRORS as exc:
                failures.append((row, f"{type(exc).__name__}: {exc}", False))
            else:
                sent.append(row.pk)
    # ---- the at-least-once window ends here: mark what went out.
    mine = Notification.objects.filter(claim_id=claim_id, status=Notification.Status.SENDING)
    if sent:
        mine.filter(pk__in=sent).update(
            status=Notification.Status.SENT,
            sent_at=now,
            attempts=F("attempts") + 1,
            last_error="",
        )
        statuses.update(dict.fromkeys(sent, Notification.Status.SENT))
    if cancelled:
        mine.filter(pk__in=cancelled).update(status=Notification.Status.CANCELLED)
        statuses.update(dict.fromkeys(cancelled, Notification.Status.CANCELLED))
    for row, error, permanent in failures:
        statuses[row.pk] = _fail(row, error, now, permanent=permanent)
    return statuses


def deliver(notification_id: int, *, now: datetime | None = None) -> str:
    """Send one row now if it is due and pending (claimed and sent like a batch of one).
    Returns its status afterwards; a row another worker is sending is left to that worker."""
    now = now or timezone.now()
    claim, picked = claim_batch(now=now, ids=[notification_id], limit=1)
    if picked:
        return deliver_claimed(claim, now=now)[notification_id]
    status = (
        Notification.objects.filter(pk=notification_id).values_list("status", flat=True).first()
    )
    return status or "missing"


def send_due(*, now: datetime | None = None, limit: int = BATCH_SIZE, rounds: int = 50) -> int:
    """Claim and send batches until nothing is due (at most `rounds` batches). Returns the
    number of rows claimed."""
    total = 0
    for _ in range(rounds):
        claim, picked = claim_batch(now=now, limit=limit)
        if not picked:
            break
        deliver_claimed(claim, now=now)
        total += len(picked)
    return total


def _fail(notification: Notification, error: str, now, *, permanent: bool = False) -> str:
    """Count a failed attempt (compared on the claim id): try again later, or after the last
    attempt (or a final failure) mark it failed and add a to-do for the coordinators."""
    attempts = notification.attempts + 1
    final = permanent or attempts >= MAX_ATTEMPTS
    status = Notification.Status.FAILED if final else Notification.Status.PENDING
    due_at = notification.due_at if final else now + retry_delay(attempts)
    updated = Notification.objects.filter(
        pk=notification.pk, claim_id=notification.claim_id, status=Notification.Status.SENDING
    ).update(status=status, attempts=attempts, last_error=error[:2000], due_at=due_at)
    if not updated:
        return Notification.objects.get(pk=notification.pk).status
    notification.status, notification.attempts, notification.last_error = status, attempts, error
    if final:
        failure_todo(notification, error, now)
    return status


def failure_todo(notification: Notification, error: str, now) -> None:
    """The to-do for a message that could not be delivered: "Bel <naam>" for a text
    message (the coordinator calls instead), else "could not be sent to <address>"."""
    if notification.village_id is None:
        logger.error("Notification %s failed: %s", notification.pk, error)
        return
    if notification.channel == Notification.Channel.SMS:
        title = _in_dutch(
            gettext_noop("Call %(name)s: text message not delivered (%(phone)s)"),
            name=notification.recipient_name or notification.recipient,
            phone=notification.recipient,
        )
    else:
        title = _in_dutch(
            gettext_noop("Message could not be sent to %(recipient)s"),
            recipient=notification.recipient,
        )
    todo_add(
        village=notification.village,
        kind=Todo.Kind.FAILED_NOTIFICATION,
        key=f"failed-notification:{notification.pk}",
        title=title,
        detail=error[:500],
        due_on=timezone.localdate(now),
        about={"notification": notification.pk},
    )


def delivery_report(
    *, reference: str, delivered: bool, error: str = "", now: datetime | None = None
) -> Notification | None:
    """The SMS provider's report about the row with this reference: delivered, or not (then
    the row is failed and the coordinators get a "Bel <naam>" to-do). A report for an
    unknown reference is ignored (None); a second report changes nothing."""
    now = now or timezone.now()
    pk = reference_pk(reference)
    notification = (
        Notification.objects.select_related("village")
        .filter(pk=pk, channel=Notification.Channel.SMS)
        .first()
        if pk
        else None
    )
    if notification is None or notification.reference != reference:
        return None
    if delivered:
        Notification.objects.filter(pk=pk, delivered_at__isnull=True).update(delivered_at=now)
    elif (
        Notification.objects.filter(pk=pk, delivered_at__isnull=True)
        .exclude(status=Notification.Status.FAILED)
        .update(status=Notification.Status.FAILED, last_error=error[:2000] or "not delivered")
    ):
        failure_todo(notification, error or "not delivered", now)
    notification.refresh_from_db()
    return notification


def reference_pk(reference: str) -> int | None:
    """The row id in a reference made by Notification.reference ("dl<id>x<digest>")."""
    if not reference.startswith("dl") or "x" not in reference:
        return None
    number = reference[2:].split("x", 1)[0]
    return int(number) if number.isdigit() else None


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


@transaction.atomic
def inbound_sms_receive(
    *, message_id: str, sender: str, text: str, now: datetime | None = None
) -> tuple[InboundSMS, bool]:
    """Store an incoming text message and have it read, once.

    The provider's message id is the idempotency key: a message delivered twice (the
    provider retries when our answer was lost) is found again and nothing else happens.
    The registered reader (meldingen.registry.register_inbound_sms) runs in the same
    transaction; what it made of the message is kept on the row. Returns (row, new?)."""
    now = now or timezone.now()
    inbound, created = InboundSMS.objects.get_or_create(
        message_id=message_id[:100],
        defaults={"sender": sender[:20], "text": text, "received_at": now},
    )
    if not created:
        return inbound, False
    handler = registry.inbound_sms_handler()
    if handler is None:
        inbound.outcome = "unread"
    else:
        inbound.outcome, inbound.village_id, inbound.about = handler(inbound=inbound, now=now)
    inbound.save(update_fields=["outcome", "village", "about"])
    return inbound, True
