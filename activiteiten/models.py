"""Volunteer deployment outside help requests: activities (inzet buiten hulpvragen).

A food-bank collection, a fit test, the loneliness pact, a flyer round, a coffee morning:
the desk sends volunteers and wants to count them in the yearly overview. Taking part in an
activity counts as being deployed (see `selectors.deployed_volunteer_ids`).

Activities that grew out of signals can say so. The social map's signals cannot be linked
yet, so for now this is a yes/no with a short note (without names).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.logbook import LogbookEntry


class ActivityKind(models.Model):
    """A kind of activity (voedselbankcollecte, fittest …); configurable by the beheerder.

    Codes are stable identifiers (the yearly overview counts per code); names are what people
    read. Defaults come from migration 0002.
    """

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("kind of activity")
        verbose_name_plural = _("kinds of activity")

    def __str__(self):
        return self.name


class Activity(models.Model):
    """One activity on one day (or a few days) with the volunteers who took part."""

    village = models.ForeignKey(
        "accounts.Village",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("village"),
    )
    kind = models.ForeignKey(
        ActivityKind, on_delete=models.PROTECT, related_name="activities", verbose_name=_("kind")
    )
    title = models.CharField(
        _("title"),
        max_length=120,
        blank=True,
        help_text=_("Optional, e.g. Collection at the supermarket."),
    )
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Only when it lasts several days.")
    )
    description = models.TextField(_("description"), blank=True)
    volunteers = models.ManyToManyField(
        "vrijwilligers.Volunteer",
        blank=True,
        related_name="activities",
        verbose_name=_("volunteers who took part"),
    )
    # Room for a real link to a signal once signals exist (sociale_kaart); until then a flag.
    from_signal = models.BooleanField(
        _("grew out of a signal"),
        default=False,
        help_text=_("For example a loneliness pact after volunteers noticed lonely residents."),
    )
    signal_note = models.CharField(
        _("which signal"),
        max_length=250,
        blank=True,
        help_text=_("In a few words, without names."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="activity_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]
        indexes = [
            # The list, the yearly overview and "deployed in a period" filter on these.
            models.Index(fields=["village", "starts_on"]),
            models.Index(fields=["village", "kind", "starts_on"]),
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or self.kind.name


class LogAction(models.TextChoices):
    CREATED = "created", _("recorded")
    CHANGED = "changed", _("changed")
    VOLUNTEERS_CHANGED = "volunteers", _("volunteers changed")


class ActivityLogEntry(LogbookEntry):
    """One line of history per change to an activity (who, when, what)."""

    about_fields = ("activity",)

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="log_entries", verbose_name=_("activity")
    )
    kind = models.CharField(_("what"), max_length=20, choices=LogAction.choices)

    class Meta(LogbookEntry.Meta):
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        indexes = [models.Index(fields=["activity", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d} {self.get_kind_display()}"
