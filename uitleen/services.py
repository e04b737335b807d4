"""Writes for lending and handouts. One history entry per change.

Lending twice at once is refused twice over: `loan_start` locks the item row
(`select_for_update`) and re-reads its status, so a second coordinator clicking at the same
moment waits and then gets a clear message; the partial unique constraint
`one_open_loan_per_item` catches anything that slips past (e.g. a status out of step).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.logbook import write_log
from accounts.templatetags.nl_format import format_nl_date
from accounts.updates import field_labels, model_update

from .models import (
    AidItem,
    AidType,
    Handout,
    HandoutCount,
    ItemStatus,
    Loan,
    LogAction,
    LogEntry,
)

ITEM_FIELDS = ["aid_type", "label", "condition", "notes"]
HANDOUT_FIELDS = ["name", "always_available", "note", "is_active", "order"]


class LoanRefused(ValidationError):
    """The aid cannot be lent (or taken back) now; the message says why, in plain Dutch."""


def _strip_label(item: AidItem) -> None:
    item.label = item.label.strip()


def _strip_name(handout: Handout) -> None:
    handout.name = handout.name.strip()


def _date(value: date) -> str:
    # Always with the year: these texts are kept in the logbook.
    return format_nl_date(value, "long")


def _refusal_for(item: AidItem) -> str | None:
    """Why this item cannot be lent now, or None when it can."""
    if item.status == ItemStatus.ON_LOAN:
        return _("%(item)s is already on loan. Take it back first before lending it again.") % {
            "item": item.label
        }
    if item.status == ItemStatus.MAINTENANCE:
        return _("%(item)s is in repair or maintenance and cannot be lent now.") % {
            "item": item.label
        }
    if item.status == ItemStatus.GONE:
        return _("%(item)s is no longer there and cannot be lent.") % {"item": item.label}
    return None


# --- aids ----------------------------------------------------------------------------------


@transaction.atomic
def aid_item_create(
    *, village, aid_type: AidType, label: str, condition: str = "", notes: str = "", by=None
) -> AidItem:
    """Add an aid to the village's inventory (available)."""
    item = AidItem(
        village=village,
        aid_type=aid_type,
        label=label.strip(),
        notes=notes,
        status=ItemStatus.AVAILABLE,
    )
    if condition:
        item.condition = condition
    item.full_clean()
    item.save()
    write_log(
        LogEntry, village=village, by=by, kind=LogAction.ITEM_ADDED, item=item, text=item.label
    )
    return item


@transaction.atomic
def aid_item_update(*, item: AidItem, by=None, **changes) -> AidItem:
    """Change an aid's kind, label, condition or notes (not its status: see below)."""
    item, changed = model_update(
        instance=item, fields=ITEM_FIELDS, data=changes, prepare=_strip_label
    )
    if changed:
        text = field_labels(AidItem, changed)
        write_log(LogEntry, item=item, by=by, kind=LogAction.ITEM_CHANGED, text=text)
    return item


@transaction.atomic
def aid_item_set_status(*, item: AidItem, status: str, by=None) -> AidItem:
    """Put an aid into repair, mark it gone, or make it available again.

    "On loan" is not set by hand: it follows from `loan_start` and `loan_return`, and an aid
    that is out cannot change status until it has been taken back.
    """
    locked = AidItem.objects.select_for_update().get(pk=item.pk)
    if status not in ItemStatus.values or status == ItemStatus.ON_LOAN:
        raise ValidationError(_("Choose available, in repair or gone."))
    if locked.status == ItemStatus.ON_LOAN:
        raise LoanRefused(_("%(item)s is on loan. Take it back first.") % {"item": locked.label})
    if locked.status == status:
        return locked
    old = locked.get_status_display()
    locked.status = status
    locked.full_clean()
    locked.save(update_fields=["status"])
    write_log(
        LogEntry,
        village=locked.village,
        by=by,
        kind=LogAction.STATUS_CHANGED,
        item=locked,
        text=f"{old} → {locked.get_status_display()}",
    )
    item.status = locked.status
    return locked


# --- loans ---------------------------------------------------------------------------------


@transaction.atomic
def loan_start(
    *,
    item: AidItem,
    resident,
    lent_on: date,
    due_on: date | None = None,
    notes: str = "",
    by=None,
) -> Loan:
    """Lend an aid to a resident of the same village.

    Refused with `LoanRefused` when the aid is on loan, in repair or gone, also when another
    coordinator lent it a moment ago (the item row is locked while we decide).
    """
    locked = AidItem.objects.select_for_update().get(pk=item.pk)
    refusal = _refusal_for(locked)
    if refusal is None and Loan.objects.filter(item=locked, returned_on__isnull=True).exists():
        # The status was out of step with the loans (e.g. an import): the loan still counts.
        refusal = _refusal_for(AidItem(label=locked.label, status=ItemStatus.ON_LOAN))
    if refusal:
        raise LoanRefused(refusal, code="not_available")
    if resident.village_id != locked.village_id:
        raise LoanRefused(_("This resident lives in another village."), code="other_village")
    loan = Loan(
        village_id=locked.village_id,
        item=locked,
        resident=resident,
        lent_on=lent_on,
        due_on=due_on,
        notes=notes,
        lent_by=by,
    )
    loan.full_clean()
    try:
        with transaction.atomic():
            loan.save()
    except IntegrityError as exc:
        # Not reachable while every write goes through here; the constraint is the backstop.
        raise LoanRefused(
            _("%(item)s is already on loan. Take it back first before lending it again.")
            % {"item": locked.label},
            code="not_available",
        ) from exc
    locked.status = ItemStatus.ON_LOAN
    locked.save(update_fields=["status"])
    item.status = locked.status
    summary = (
        _("until %(date)s") % {"date": _date(due_on)} if due_on else _("no return date agreed")
    )
    write_log(
        LogEntry,
        village=locked.village,
        by=by,
        kind=LogAction.LENT,
        item=locked,
        loan=loan,
        text=summary,
    )
    return loan


@transaction.atomic
def loan_return(*, loan: Loan, returned_on: date, by=None) -> Loan:
    """Take an aid back: the loan is closed and the aid is available again."""
    locked = Loan.objects.select_for_update().select_related("item").get(pk=loan.pk)
    if locked.returned_on is not None:
        raise LoanRefused(
            _("This aid was already taken back on %(date)s.") % {"date": _date(locked.returned_on)},
            code="already_returned",
        )
    locked.returned_on = returned_on
    locked.returned_by = by
    locked.full_clean()
    locked.save(update_fields=["returned_on", "returned_by"])
    item = AidItem.objects.select_for_update().get(pk=locked.item_id)
    if item.status == ItemStatus.ON_LOAN:
        item.status = ItemStatus.AVAILABLE
        item.save(update_fields=["status"])
    write_log(
        LogEntry,
        village=item.village,
        by=by,
        kind=LogAction.RETURNED,
        item=item,
        loan=locked,
        text=_date(returned_on),
    )
    loan.returned_on, loan.returned_by = locked.returned_on, locked.returned_by
    return locked


@transaction.atomic
def loan_update(*, loan: Loan, due_on: date | None, notes: str, by=None) -> Loan:
    """Agree another return date (extend a loan) or change its notes."""
    changed = []
    if loan.due_on != due_on:
        loan.due_on = due_on
        changed.append(
            _("due back %(date)s") % {"date": _date(due_on)} if due_on else _("no return date")
        )
    if loan.notes != notes:
        loan.notes = notes
        changed.append(_("notes"))
    if not changed:
        return loan
    loan.full_clean()
    loan.save(update_fields=["due_on", "notes"])
    write_log(
        LogEntry,
        village=loan.village,
        by=by,
        kind=LogAction.LOAN_CHANGED,
        item=loan.item,
        loan=loan,
        text=", ".join(str(part) for part in changed),
    )
    return loan


# --- handouts ------------------------------------------------------------------------------


@transaction.atomic
def handout_create(
    *,
    village,
    name: str,
    always_available: bool = True,
    note: str = "",
    is_active: bool = True,
    order: int = 0,
    by=None,
) -> Handout:
    """Add a standard item the desk hands out."""
    handout = Handout(
        village=village,
        name=name.strip(),
        always_available=always_available,
        note=note,
        is_active=is_active,
        order=order,
    )
    handout.full_clean()
    handout.save()
    write_log(
        LogEntry,
        village=village,
        by=by,
        kind=LogAction.HANDOUT_ADDED,
        handout=handout,
        text=handout.name,
    )
    return handout


@transaction.atomic
def handout_update(*, handout: Handout, by=None, **changes) -> Handout:
    """Change a handout's name, "always available", note, order or whether it is active."""
    handout, changed = model_update(
        instance=handout, fields=HANDOUT_FIELDS, data=changes, prepare=_strip_name
    )
    if changed:
        text = field_labels(Handout, changed)
        write_log(LogEntry, handout=handout, by=by, kind=LogAction.HANDOUT_CHANGED, text=text)
    return handout


@transaction.atomic
def handout_count_record(
    *, handout: Handout, quantity: int, handed_out_on: date, note: str = "", by=None
) -> HandoutCount:
    """Record that a number of a handout went out (optional bookkeeping)."""
    count = HandoutCount(
        village=handout.village,
        handout=handout,
        quantity=quantity,
        handed_out_on=handed_out_on,
        note=note,
        recorded_by=by,
    )
    count.full_clean()
    count.save()
    write_log(
        LogEntry,
        village=handout.village,
        by=by,
        kind=LogAction.HANDOUT_COUNTED,
        handout=handout,
        text=f"{quantity} ({_date(handed_out_on)})",
    )
    return count
