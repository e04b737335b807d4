"""The desk's promises, kept: an outbox of notifications, the coordinators' to-do list, and
per-village settings for when reminders go out.

Anything that must happen later is a row here first. Celery beat only triggers scans; the
scan claims due rows with a compare-and-set update and hands each id to a task. A row is
never sent twice (idempotency key, status checks) and never lost (a claimed row that was not
sent in time is claimed again).
"""

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

    village = models.ForeignKey(
        "accounts.Village", on_delete=models.CASCADE, related_name="+", verbose_name=_("village")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
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
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self):
        return f"{self.template} → {self.recipient} ({self.get_status_display()})"


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
