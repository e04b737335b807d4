from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class YearText(models.Model):
    """The desk's own words in the yearly overview of one village and year: a foreword and
    thanks, written by a coordinator. Plain text (shown escaped, paragraphs kept)."""

    village = models.ForeignKey(
        "accounts.Village",
        on_delete=models.CASCADE,
        related_name="year_texts",
        verbose_name=_("village"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    foreword = models.TextField(
        _("foreword"),
        blank=True,
        max_length=3000,
        help_text=_("A few words from the desk at the start of the overview."),
    )
    thanks = models.TextField(
        _("thanks"),
        blank=True,
        max_length=2000,
        help_text=_("Whom the desk wants to thank this year."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )

    class Meta:
        verbose_name = _("foreword and thanks")
        verbose_name_plural = _("forewords and thanks")
        constraints = [
            models.UniqueConstraint(fields=["village", "year"], name="one_year_text_per_village")
        ]

    def __str__(self):
        return f"{self.village} {self.year}"


class SocialValueRate(models.Model):
    """The reference rates a desk uses for the social-value estimate in the municipality's
    report (docs/maatschappelijke-waarde.md). Chosen and named by the desk, never assumed:
    without a rate the report gives no estimate."""

    village = models.OneToOneField(
        "accounts.Village",
        on_delete=models.CASCADE,
        related_name="social_value_rate",
        verbose_name=_("village"),
    )
    hourly_rate = models.DecimalField(
        _("reference rate per volunteer hour (€)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("500"))],
    )
    km_rate = models.DecimalField(
        _("rate per kilometre (€)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("5"))],
        help_text=_("E.g. the volunteer's mileage allowance; leave empty to count no km."),
    )
    source = models.CharField(
        _("source of the rate"),
        max_length=300,
        blank=True,
        help_text=_("Where the rate comes from, so that the reader can check it."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )

    class Meta:
        verbose_name = _("social-value rate")
        verbose_name_plural = _("social-value rates")

    def __str__(self):
        return f"{self.village}: {self.hourly_rate}"

    def clean(self):
        if self.hourly_rate is not None and not self.source.strip():
            raise ValidationError(
                {"source": _("Name the source of the rate, so that the reader can check it.")}
            )
