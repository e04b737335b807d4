"""The desk's promises, kept: an outbox of notifications, the coordinators' to-do list, and
per-village settings for when reminders go out.

Anything that must happen later is a row here first. Celery beat only triggers scans; a scan
claims a batch of due rows (status "being sent" with a claim id, committed), sends it outside
any transaction and then marks the rows sent, comparing the claim id (meldingen.services).
A row is scheduled once (idempotency key) and never lost (a claim that was not marked in
time is claimed again). Delivery is at least once: a worker that dies after sending and
before marking sends that batch again after CLAIM_TIMEOUT, with the same Message-ID (and
SMS reference), so the repeat is recognisable.
"""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import registry


class Notification(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")
        SMS = "sms", _("text message")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    # Empty for a message that belongs to no village (a password reset of a user without one).
    village = models.ForeignKey(
        "accounts.Village",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("village"),
        null=True,
        blank=True,
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    # Who the recipient is, for the to-do when a text message cannot be delivered.
    recipient_name = models.CharField(_("recipient's name"), max_length=200, blank=True)
    template = models.CharField(_("template"), max_length=60)
    # The ids the message is about, e.g. {"assignment": 12}; rendered when it is sent.
    context = models.JSONField(_("about"), default=dict, blank=True)
    due_at = models.DateTimeField(_("due at"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=120, unique=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    # Which claim (one batch of one worker) is sending the row; marking compares it.
    claim_id = models.CharField(_("claim"), max_length=32, blank=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # The SMS provider's delivery report: delivered (or failed, then the status is failed).
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self):
        return f"{self.template} → {self.recipient} ({self.get_status_display()})"

    @property
    def reference(self) -> str:
        """The row's stable reference: the SMS provider's idempotency reference and the
        local part of the e-mail's Message-ID. The same for every attempt at this row."""
        digest = hashlib.sha256(self.idempotency_key.encode()).hexdigest()[:16]
        return f"dl{self.pk}x{digest}"

    @property
    def message_id(self) -> str:
        """The e-mail's Message-ID header: the same for every attempt at this row, so that a
        repeat after a crash is recognisable (and dropped by most mail programs)."""
        domain = urlsplit(settings.SITE_URL).hostname or "dorpsloket.local"
        return f"<{self.reference}@{domain}>"


class Todo(models.Model):
    """Something a coordinator should do: call back, look again, review, fix a failure."""

    class Kind(models.TextChoices):
        FOLLOW_UP = "follow_up", _("follow-up call")
        ESCALATION = "escalation", _("request waits too long")
        UNANSWERED = "unanswered", _("invitation not answered")
        REVIEW = "review", _("review recurring request")
        FAILED_NOTIFICATION = "failed_notification", _("message could not be sent")
        STALE_SOCIAL_MAP = "stale_social_map", _("check social map entry")
        CONFIRMATION = "confirmation", _("volunteer did not confirm details")
        OVERDUE_LOAN = "overdue_loan", _("loan overdue")
        ACCESS_REVIEW = "access_review", _("review who looked at residents' files")
        RETENTION = "retention", _("data will be anonymised")
        GAVE_BACK = "gave_back", _("volunteer cannot after all")
        SMS_REPLY = "sms_reply", _("read the reply by text message")
        REMINDER_CALL = "reminder_call", _("call to remind of a task")

    village = models.ForeignKey(
        "accounts.Village", on_delete=models.CASCADE, related_name="+", verbose_name=_("village")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("what"), max_length=200)
    detail = models.TextField(_("detail"), blank=True)
    # Where the to-do leads (a path inside the app) and the ids it is about.
    link = models.CharField(_("link"), max_length=200, blank=True)
    about = models.JSONField(_("about"), default=dict, blank=True)
    due_on = models.DateField(_("due on"))
    idempotency_key = models.CharField(_("idempotency key"), max_length=120, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    # What the coordinator noted when ticking it off ("left a message", "goes well").
    done_note = models.TextField(_("note when done"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("to-do")
        verbose_name_plural = _("to-dos")
        indexes = [models.Index(fields=["village", "done_at", "due_on"])]

    def __str__(self):
        return self.title

    @property
    def url(self) -> str:
        """Where the to-do leads: the link its kind registered (a follow-up call opens its
        own form, whatever link was stored when it was made), else the stored link."""
        if self.pk:
            link = registry.todo_link(self)
            if link is not None:
                return link
        return self.link


class VillageSettings(models.Model):
    """When the desk's promises are due, per village (editable by coordinators)."""

    village = models.OneToOneField(
        "accounts.Village",
        on_delete=models.CASCADE,
        related_name="notification_settings",
        verbose_name=_("village"),
    )
    reminder_hour = models.PositiveSmallIntegerField(
        _("reminder the evening before, at (hour)"),
        default=19,
        validators=[MinValueValidator(12), MaxValueValidator(22)],
    )
    same_day_reminder_hour = models.PositiveSmallIntegerField(
        _("reminder on the day itself, at (hour)"),
        default=8,
        validators=[MinValueValidator(6), MaxValueValidator(12)],
        help_text=_("For tasks accepted after the evening reminder went out."),
    )
    invitation_unanswered_hours = models.PositiveSmallIntegerField(
        _("tell me when an invitation is unanswered after (hours)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
    )
    follow_up_days = models.PositiveSmallIntegerField(
        _("follow-up call for a new pair after (days)"),
        default=2,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    report_reminder_days = models.PositiveSmallIntegerField(
        _("ask the volunteer to report back after (days)"),
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(30)],
    )
    recurring_weeks_ahead = models.PositiveSmallIntegerField(
        _("plan recurring tasks ahead (weeks)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    recurring_review_months = models.PositiveSmallIntegerField(
        _("review recurring requests every (months)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return str(self.village)


class InboundSMS(models.Model):
    """A text message a volunteer sent to the desk's number (CM.com passes it on).

    Kept whole, whatever the app made of it: the reply's full text also goes into the
    matching logbook. The provider's message id makes receiving idempotent: the same message
    delivered twice is stored and handled once.
    """

    message_id = models.CharField(_("provider's message id"), max_length=100, unique=True)
    sender = models.CharField(_("from"), max_length=20)
    text = models.TextField(_("text"))
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    village = models.ForeignKey(
        "accounts.Village",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("village"),
        null=True,
        blank=True,
    )
    # What the app made of it ("accepted", "declined", "unclear", "unknown sender", …).
    outcome = models.CharField(_("outcome"), max_length=30, blank=True)
    about = models.JSONField(_("about"), default=dict, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("incoming text message")
        verbose_name_plural = _("incoming text messages")
        indexes = [models.Index(fields=["sender", "received_at"])]

    def __str__(self):
        return f"{self.sender}: {self.text[:40]}"
