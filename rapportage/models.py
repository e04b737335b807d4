from django.conf import settings
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
