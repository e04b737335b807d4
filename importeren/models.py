"""A record of every import that was carried out: what, into which village, by whom.

It lets the desk see its history of imports, and refuses the same file twice (its SHA-256)
so that a logbook is never counted double. Dry runs leave no record: they write nothing.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
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


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (read when used, so a changed setting applies): no URL
    serves this folder; only the import tasks read from it."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def private_storage():
    return PrivateStorage()


class ImportUpload(models.Model):
    """One uploaded file on its way in: checked in the background (the dry run), then, when
    the coordinator confirms, imported in the background. The page polls its progress.

    The file is kept only as long as it is needed: it is removed when the import is done, when
    the check finds problems (the coordinator corrects the file and uploads it again), and by
    a daily job for anything left after a day (KEEP_FOR).
    """

    class Status(models.TextChoices):
        CHECK_WAITING = "check_waiting", _("waiting to be checked")
        CHECKING = "checking", _("being checked")
        CHECKED = "checked", _("checked")
        IMPORT_WAITING = "import_waiting", _("waiting to be imported")
        IMPORTING = "importing", _("being imported")
        IMPORTED = "imported", _("imported")
        FAILED = "failed", _("not imported")

    village = models.ForeignKey(
        "accounts.Village", on_delete=models.CASCADE, related_name="+", verbose_name=_("village")
    )
    kind = models.CharField(_("what"), max_length=20, choices=ImportKind.choices)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to="imports/%Y/%m/", blank=True, max_length=300
    )
    file_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("fingerprint"), max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CHECK_WAITING
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    # {"row_count", "problems": [{"row", "column", "message"}], "warnings": [text],
    #  "counts": {...}} in Dutch, as the check or the import left it.
    result = models.JSONField(_("result"), default=dict, blank=True)
    run = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("import"),
    )
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def busy(self) -> bool:
        return self.status in {
            self.Status.CHECK_WAITING,
            self.Status.CHECKING,
            self.Status.IMPORT_WAITING,
            self.Status.IMPORTING,
        }

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, round(100 * self.rows_done / self.rows_total))
