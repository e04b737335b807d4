"""Erasure (AVG art. 17) of a resident, and the anonymising of stopped volunteers and old
signals that the retention job does.

Erasure anonymises in place: every field the register classifies as personal or sensitive,
in every row about the resident, is cleared (texts empty, optional values empty, flags back
to their default), and the rows themselves stay with their dates, statuses, codes and links,
so that the yearly overview counts exactly what it counted before. The access log is
append-only and is not touched: it names the resident by id only, and after erasure that id
is a pseudonym (the resident row holds no name any more). The anonymised rows are written
with `update()`, not `full_clean()`: an erased resident has no name or address to validate.
"""

from __future__ import annotations

import re

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access_log_models import AccessLogEntry
from hulpvragen.lifecycle import OPEN_STATUSES
from hulpvragen.models import Resident
from koppelingen.models import Invitation, Signal
from meldingen.models import Notification, Todo
from uitleen.models import Loan
from vrijwilligers.models import Volunteer, VolunteerChange

from . import rules
from .models import Erasure
from .register import PERSONAL, SENSITIVE, about_residents, fields_of_class
from .selectors import retention_todos_listing, rows_about

# Not cleared by erasure: the append-only access log (pseudonym only) and the erasure record.
NOT_ERASED = {"accounts.AccessLogEntry", "privacy.Erasure"}
# Replacement values where "empty" would leave a row that reads wrongly.
REPLACEMENTS = {
    ("hulpvragen.Resident", "last_name"): rules.erased_name,
    ("meldingen.Todo", "title"): lambda: _("About a resident whose data were erased"),
}
UNFINISHED_OUTBOX = (
    Notification.Status.PENDING,
    Notification.Status.SENDING,
    Notification.Status.FAILED,
)


def erased_value(label: str, field: models.Field):
    """What an erased field holds: a replacement, empty, NULL, or the field's default."""
    replacement = REPLACEMENTS.get((label, field.name))
    if replacement is not None:
        return replacement()
    if field.null:
        return None
    if field.has_default():
        return field.get_default()
    if isinstance(field, models.CharField | models.TextField):
        return ""
    if isinstance(field, models.IntegerField):
        return 0
    raise ValueError(f"No erased value for {label}.{field.name}")


def erased_values(label: str) -> tuple[dict, list[str]]:
    """The `update()` values for the personal fields of `label`, and its personal m2m names."""
    model = apps.get_model(label)
    values, many = {}, []
    for name in fields_of_class(label, PERSONAL, SENSITIVE):
        field = model._meta.get_field(name)
        if field.many_to_many:
            many.append(name)
        else:
            values[field.attname] = erased_value(label, field)
    return values, many


def open_things(resident) -> rules.OpenThings:
    return rules.OpenThings(
        requests=resident.help_requests.filter(status__in=OPEN_STATUSES).count(),
        loans_out=Loan.objects.filter(resident=resident, returned_on__isnull=True).count(),
        signals_open=Signal.objects.filter(resident=resident, status=Signal.Status.OPEN).count(),
    )


def is_erased(kind: str, object_id: int) -> bool:
    return Erasure.objects.filter(kind=kind, object_id=object_id).exists()


def erased_resident_refusal(resident) -> str:
    """Why an erased resident's details cannot be edited (hulpvragen.resident_locks)."""
    if is_erased(Erasure.Kind.RESIDENT, resident.pk):
        return _("This resident's data were erased; they cannot be filled in again.")
    return ""


def _without_names(text: str, names: list[str]) -> str:
    for name in sorted({n for n in names if n.strip()}, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", "…", text)
    return text


def _scrub_mentions(resident, names: list[str]) -> None:
    """Lines that name the resident outside the rows about them: a stopped volunteer's
    logbook line lists the withdrawn tasks by first name; a retention notice lists the
    residents and signals it will anonymise by first name."""
    volunteers = Invitation.objects.filter(help_request__resident=resident).values("volunteer")
    for change in VolunteerChange.objects.filter(volunteer__in=volunteers):
        text = _without_names(change.text, names)
        if text != change.text:
            VolunteerChange.objects.filter(pk=change.pk).update(text=text)
    theirs = [["resident", resident.pk]] + [
        ["signal", pk]
        for pk in Signal.objects.filter(resident=resident).values_list("pk", flat=True)
    ]
    notices = {
        todo.pk: todo
        for kind, pk in theirs
        for todo in retention_todos_listing(kind, pk, village_id=resident.village_id)
    }
    for todo in notices.values():
        items = todo.about.get("items", [])
        lines = todo.detail.split("\n")
        keep = [i for i, item in enumerate(items) if item not in theirs]
        Todo.objects.filter(pk=todo.pk).update(
            detail="\n".join(lines[i] for i in keep if i < len(lines)),
            about={**todo.about, "items": [items[i] for i in keep]},
        )


def _erase_rows_about(resident) -> None:
    names = [resident.first_name, resident.last_name, resident.full_name]
    _scrub_mentions(resident, names)
    # Messages about the resident that have not gone out will not go out any more.
    rows_about("meldingen.Notification", resident).filter(status__in=UNFINISHED_OUTBOX).update(
        status=Notification.Status.CANCELLED
    )
    for label in about_residents():
        if label in NOT_ERASED:
            continue
        values, many = erased_values(label)
        queryset = rows_about(label, resident)
        if many:
            for row in queryset:
                for name in many:
                    getattr(row, name).clear()
        if values:
            apps.get_model(label).objects.filter(
                pk__in=list(queryset.values_list("pk", flat=True))
            ).update(**values)


def _log(*, village, resident_ids, by, action, via, object_ref="", view_name="") -> None:
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            user=by if getattr(by, "is_authenticated", False) else None,
            role=_role_of(by, village),
            village=village,
            resident_id=pk,
            action=action,
            via=via,
            object_ref=object_ref,
            view_name=view_name,
        )
        for pk in resident_ids
    )


def _role_of(user, village) -> str:
    if not getattr(user, "is_authenticated", False):
        return ""
    roles = list(
        user.memberships.filter(village=village).values_list("role", flat=True).order_by("role")
    )
    return "coordinator" if "coordinator" in roles else (roles[0] if roles else "")


@transaction.atomic
def resident_erase(
    *, resident, by=None, reason=Erasure.Reason.REQUEST, now=None, view_name=""
) -> Erasure:
    """Anonymise `resident` and every row about them; all or nothing.

    Refused (ValidationError with the Dutch reasons) while a request is open, an aid is on
    loan or a signal is open, and when the resident was erased before. Writes an EDIT line
    in the access log (through the page `view_name` when a coordinator asked, else as the
    system).
    """
    now = now or timezone.now()
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    if is_erased(Erasure.Kind.RESIDENT, resident.pk):
        raise ValidationError(_("This resident's data were erased before."), code="erased")
    blockers = rules.erasure_blockers(open_things(resident))
    if blockers:
        raise ValidationError(blockers, code="open")
    _erase_rows_about(resident)
    erasure = Erasure.objects.create(
        village_id=resident.village_id,
        kind=Erasure.Kind.RESIDENT,
        object_id=resident.pk,
        reason=reason,
        at=now,
        by=by if getattr(by, "is_authenticated", False) else None,
    )
    _log(
        village=resident.village,
        resident_ids=[resident.pk],
        by=by,
        action=AccessLogEntry.Action.EDIT,
        via=AccessLogEntry.Via.SESSION if by is not None else AccessLogEntry.Via.SYSTEM,
        object_ref=f"erasure:{erasure.pk}",
        view_name=view_name,
    )
    return erasure


def _clear(label: str, queryset) -> None:
    values, many = erased_values(label)
    if many:
        for row in queryset:
            for name in many:
                getattr(row, name).clear()
    if values:
        queryset.model.objects.filter(pk__in=list(queryset.values_list("pk", flat=True))).update(
            **values
        )


VOLUNTEER_ROWS = {
    "vrijwilligers.Volunteer": "pk",
    "vrijwilligers.Absence": "volunteer",
    "vrijwilligers.VolunteerChange": "volunteer",
    "vrijwilligers.ConfirmationRequest": "volunteer",
}


@transaction.atomic
def volunteer_anonymise(*, volunteer, now=None) -> Erasure | None:
    """Clear a stopped volunteer's personal fields (registration and stop dates stay, for
    the yearly overview). None when it was done before. Their tasks' rows keep the link."""
    now = now or timezone.now()
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if is_erased(Erasure.Kind.VOLUNTEER, volunteer.pk):
        return None
    for label, lookup in VOLUNTEER_ROWS.items():
        model = apps.get_model(label)
        _clear(label, model.objects.filter(**{lookup: volunteer.pk}))
    Volunteer.objects.filter(pk=volunteer.pk).update(last_name=rules.erased_name())
    if volunteer.user_id and not volunteer.user.memberships.exists():
        user = volunteer.user
        user.email = f"gewist-{user.pk}@example.invalid"
        user.full_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["email", "full_name", "is_active", "password"])
    return Erasure.objects.create(
        village_id=volunteer.village_id,
        kind=Erasure.Kind.VOLUNTEER,
        object_id=volunteer.pk,
        reason=Erasure.Reason.RETENTION,
        at=now,
    )


@transaction.atomic
def signal_anonymise(*, signal, now=None) -> Erasure | None:
    """Clear the texts of a signal that was passed on or closed. None when done before."""
    now = now or timezone.now()
    if is_erased(Erasure.Kind.SIGNAL, signal.pk):
        return None
    _clear("koppelingen.Signal", Signal.objects.filter(pk=signal.pk))
    return Erasure.objects.create(
        village_id=signal.village_id,
        kind=Erasure.Kind.SIGNAL,
        object_id=signal.pk,
        reason=Erasure.Reason.RETENTION,
        at=now,
    )
