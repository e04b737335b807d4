"""Retention periods per village, and the record of what was erased (no names).

An erased resident or volunteer keeps their row (the yearly overview counts it) with every
personal field cleared; the `Erasure` row says that it happened, when, why and by whom.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_MONTHS = 24


class RetentionSettings(models.Model):
    """How long the desk keeps data after the last contact, per village (default 2 years)."""

    village = models.OneToOneField(
        "accounts.Village",
        on_delete=models.CASCADE,
        related_name="retention_settings",
        verbose_name=_("village"),
    )
    resident_months = models.PositiveSmallIntegerField(
        _("residents: months after the last contact"),
        default=DEFAULT_MONTHS,
        validators=[MinValueValidator(6), MaxValueValidator(120)],
    )
    volunteer_months = models.PositiveSmallIntegerField(
        _("stopped volunteers: months after stopping"),
        default=DEFAULT_MONTHS,
        validators=[MinValueValidator(6), MaxValueValidator(120)],
    )
    signal_months = models.PositiveSmallIntegerField(
        _("signals: months after passing on or closing"),
        default=DEFAULT_MONTHS,
        validators=[MinValueValidator(6), MaxValueValidator(120)],
    )

    class Meta:
        verbose_name = _("retention periods")
        verbose_name_plural = _("retention periods")

    def __str__(self):
        return str(self.village)


class Erasure(models.Model):
    """One resident, volunteer or signal whose personal data was erased."""

    class Kind(models.TextChoices):
        RESIDENT = "resident", _("resident")
        VOLUNTEER = "volunteer", _("volunteer")
        SIGNAL = "signal", _("signal")

    class Reason(models.TextChoices):
        REQUEST = "request", _("at the person's request")
        RETENTION = "retention", _("retention period passed")

    village = models.ForeignKey(
        "accounts.Village", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    kind = models.CharField(_("what"), max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("number"))
    reason = models.CharField(_("why"), max_length=10, choices=Reason.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        ordering = ["-at"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="erased_once")]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.at:%d-%m-%Y})"
