"""The access log: who looked at which resident's data, when, how and through what.

One row per resident per read (a list of 30 residents writes 30 rows in one query), so that
"who has seen my file?" is one indexed query on `resident_id`. The table is append-only: the
model refuses to update or delete a saved row, and on PostgreSQL a database trigger refuses
UPDATE and DELETE whatever tries them (raw SQL, the admin, a shell). On SQLite only the model
guard holds.

The row names the resident by id only and holds no free text typed by a person: an erased
resident keeps their id, which is then a pseudonym; the names shown on screen come from the
(anonymised) resident and user rows at display time.
"""

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import Role


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove a row of an append-only table."""


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The access log is append-only.")

    def delete(self):
        raise AppendOnlyError("The access log is append-only.")


class AccessLogEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        EDIT = "edit", _("changed")
        EXPORT = "export", _("exported")
        PRINT = "print", _("printed")
        SEARCH = "search", _("found in a list or search")

    class Via(models.TextChoices):
        SESSION = "session", _("logged in")
        TASK_LINK = "task_link", _("volunteer's task link")
        ADMIN = "admin", _("administration site")
        SYSTEM = "system", _("the system (a job or command)")

    at = models.DateTimeField(_("when"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    village = models.ForeignKey(
        "accounts.Village", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    resident_id = models.PositiveBigIntegerField(_("resident"))
    action = models.CharField(_("what"), max_length=10, choices=Action.choices)
    via = models.CharField(_("through"), max_length=10, choices=Via.choices)
    # What was opened, as a view name and an object reference ("hulpvragen:request_detail",
    # "helprequest:123"); never a query string, a token or text a person typed.
    view_name = models.CharField(_("page"), max_length=100, blank=True)
    object_ref = models.CharField(_("item"), max_length=60, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [
            models.Index(fields=["resident_id", "at"], name="accesslog_resident_at"),
            models.Index(fields=["village", "at"], name="accesslog_village_at"),
            models.Index(fields=["user", "at"], name="accesslog_user_at"),
        ]
        triggers = [
            pgtrigger.Protect(
                name="access_log_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.action} resident {self.resident_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The access log is append-only.")
