"""Reads for lending and handouts. Everything is scoped to one village first.

For other apps:
- `loans_for_resident(resident)`: a resident's loans (open first) for the resident page,
  rendered with the include `uitleen/_resident_loans.html`.
- `loans_started_per_type(village, year)`: loans started in a year per kind of aid, for the
  yearly overview (one aggregate query).
- `handouts_per_item(village, year)`: handouts with their counted totals for a year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from accounts.access import Access, get_for_village_or_404, scope_to_village

from .models import AidItem, AidType, Handout, Loan
from .rules import overdue_condition, year_bounds

LOAN_RELATED = ("item", "item__aid_type", "resident")


# --- object getters: the one way to reach each kind of record ---------------------------


def _require_coordinator(access: Access) -> None:
    if not access.can_coordinate:
        raise Http404


def get_item_for_user(access: Access, pk) -> AidItem:
    """An aid of the active village, for its coordinators; anything else is a 404."""
    _require_coordinator(access)
    return get_for_village_or_404(
        AidItem.objects.select_related("aid_type", "village"), access, pk=pk
    )


def get_loan_for_user(access: Access, pk) -> Loan:
    """A loan of the active village, for its coordinators; anything else is a 404."""
    _require_coordinator(access)
    return get_for_village_or_404(
        Loan.objects.select_related(*LOAN_RELATED, "village"), access, pk=pk
    )


def get_handout_for_user(access: Access, pk) -> Handout:
    """A handout of the active village, for its coordinators; anything else is a 404."""
    _require_coordinator(access)
    return get_for_village_or_404(Handout.objects.select_related("village"), access, pk=pk)


# --- lists ---------------------------------------------------------------------------------


def open_loans_prefetch() -> Prefetch:
    """Attach `item.open_loans` (a list of at most one loan, with its resident)."""
    return Prefetch(
        "loans",
        queryset=Loan.objects.filter(returned_on__isnull=True).select_related("resident"),
        to_attr="open_loans",
    )


def inventory(access: Access) -> QuerySet[AidItem]:
    """The village's aids with their kind and their open loan: three queries for any number."""
    return (
        scope_to_village(AidItem.objects.all(), access)
        .select_related("aid_type")
        .prefetch_related(open_loans_prefetch())
        .order_by("aid_type__order", "aid_type__name", "label")
    )


def available_items(village) -> QuerySet[AidItem]:
    """Aids of the village that can be lent right now."""
    return (
        AidItem.objects.filter(village=village, status="available")
        .select_related("aid_type")
        .order_by("aid_type__order", "aid_type__name", "label")
    )


def open_loans(village) -> QuerySet[Loan]:
    return Loan.objects.filter(village=village, returned_on__isnull=True).select_related(
        *LOAN_RELATED
    )


def overdue_loans(village, *, today: date) -> QuerySet[Loan]:
    """Open loans past their return date, longest overdue first (see rules.is_overdue)."""
    return (
        Loan.objects.filter(overdue_condition(today), village=village)
        .select_related(*LOAN_RELATED)
        .order_by("due_on", "pk")
    )


def loans_for_resident(resident, *, limit: int = 20) -> list[Loan]:
    """A resident's loans for the resident page: open ones first, then the latest returned.

    One query. Render with `{% include "uitleen/_resident_loans.html" %}`.
    """
    return list(
        Loan.objects.filter(resident=resident, village_id=resident.village_id)
        .select_related("item", "item__aid_type")
        # Open loans (returned_on NULL) first, then the latest returned.
        .order_by(F("returned_on").desc(nulls_first=True), "-lent_on", "-pk")[:limit]
    )


def item_loans(item: AidItem) -> QuerySet[Loan]:
    return item.loans.select_related("resident").order_by("-lent_on", "-pk")


def active_aid_types() -> QuerySet[AidType]:
    return AidType.objects.filter(is_active=True)


def handouts(access: Access) -> QuerySet[Handout]:
    return scope_to_village(Handout.objects.all(), access)


# --- the yearly overview -------------------------------------------------------------------


@dataclass(frozen=True)
class TypeCount:
    code: str
    name: str
    count: int


def loans_started_per_type(village, year: int) -> list[TypeCount]:
    """Loans that started in `year` in this village, per kind of aid; one aggregate query.

    A loan counts in the year its `lent_on` falls in (a loan running over new year counts
    once, in the year it started). Kinds with no loans are left out; ordered like the kinds.
    """
    start, end = year_bounds(year)
    rows = (
        Loan.objects.filter(village=village, lent_on__range=(start, end))
        .values("item__aid_type__code", "item__aid_type__name", "item__aid_type__order")
        .annotate(n=Count("pk"))
        .order_by("item__aid_type__order", "item__aid_type__name")
    )
    return [
        TypeCount(
            code=row["item__aid_type__code"], name=row["item__aid_type__name"], count=row["n"]
        )
        for row in rows
    ]


@dataclass(frozen=True)
class HandoutTotal:
    pk: int
    name: str
    always_available: bool
    counted: int


def handouts_per_item(village, year: int) -> list[HandoutTotal]:
    """Active handouts of the village with the number counted out in `year` (0 when nobody
    counted); one aggregate query. "Always available" is reported as such, not as a number."""
    start, end = year_bounds(year)
    rows = (
        Handout.objects.filter(village=village, is_active=True)
        .annotate(
            counted=Sum(
                "counts__quantity",
                filter=Q(counts__handed_out_on__range=(start, end)),
                default=0,
            )
        )
        .order_by("order", "name")
    )
    return [
        HandoutTotal(
            pk=row.pk, name=row.name, always_available=row.always_available, counted=row.counted
        )
        for row in rows
    ]
