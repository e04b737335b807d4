"""One shape for every logbook: who did what, when, with a note, about which record.

Six apps keep a history (the matching logbook, a request's status changes, a volunteer's
changes, and the histories of organisations, aids and activities). Each is a concrete model
on `LogbookEntry`, in its own table, with its own kinds and its own links to what the line is
about (`about_fields`); `write_log` is the one way services add a line.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LogbookEntry(models.Model):
    """One line of a logbook. Concrete models add `kind` choices and what it is about.

    `about_fields` names the links to the records the line is about, most specific first;
    `write_log` takes the village from the first one given when no village is passed.
    """

    about_fields: ClassVar[tuple[str, ...]] = ()

    village = models.ForeignKey(
        "accounts.Village", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    kind = models.CharField(_("what"), max_length=20)
    text = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True
        ordering = ["-at", "-pk"]


Entry = TypeVar("Entry", bound=LogbookEntry)


def log_entry(
    model: type[Entry], *, kind: str, by=None, text="", at=None, village=None, **fields
) -> Entry:
    """An unsaved line of `model`'s logbook (for `bulk_create`; services use `write_log`).

    `by` is kept only when it is a signed-in user (a volunteer on a link, or a job, leaves
    it empty); `at` defaults to now; `village` to that of the first record in
    `model.about_fields` that is given and has one. `fields` holds what the line is about and the
    model's own extra fields (e.g. `from_status`, `changes`).
    """
    if village is not None:
        fields["village"] = village
    elif "village_id" not in fields:
        about = (fields.get(name) for name in model.about_fields)
        fields["village_id"] = next(
            (obj.village_id for obj in about if getattr(obj, "village_id", None)), None
        )
    return model(
        kind=kind,
        by=by if getattr(by, "is_authenticated", False) else None,
        text=str(text),
        at=at or timezone.now(),
        **fields,
    )


def write_log(model: type[Entry], **kwargs) -> Entry:
    """Add one line to `model`'s logbook (arguments as for `log_entry`) and return it.

    The line's own fields are validated (a kind outside the model's choices is refused);
    the links are not looked up again, as the caller holds the records.
    """
    entry = log_entry(model, **kwargs)
    links = [f.name for f in model._meta.concrete_fields if f.is_relation]
    entry.clean_fields(exclude=links)
    entry.save()
    return entry
