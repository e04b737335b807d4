"""A record of every import that was carried out: what, into which village, by whom.

It lets the desk see its history of imports, and refuses the same file twice (its SHA-256)
so that a logbook is never counted double. Dry runs leave no record: they write nothing.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    VOLUNTEERS = "volunteers", _("volunteers")
    HELP_REQUESTS = "help_requests", _("help requests")


class ImportRun(models.Model):
    village = models.ForeignKey(
        "accounts.Village", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    kind = models.CharField(_("what"), max_length=20, choices=ImportKind.choices)
    file_name = models.CharField(_("file"), max_length=200)
    sha256 = models.CharField(_("fingerprint"), max_length=64)
    row_count = models.PositiveIntegerField(_("rows"))
    counts = models.JSONField(_("created"), default=dict, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [
            models.Index(fields=["village", "kind", "sha256"]),
            models.Index(fields=["village", "imported_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.file_name} ({self.imported_at:%d-%m-%Y})"
