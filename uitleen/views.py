"""Lending aids and handouts: the coordinator's pages. Everything 404s for other roles."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import capability_required, scope_to_village
from accounts.access_log import Action, log_read, log_residents
from accounts.form_errors import add_service_errors
from accounts.templatetags.nl_format import format_nl_date
from hulpvragen.models import Resident
from hulpvragen.selectors import get_resident_for_user, search_residents

from . import selectors, services
from .filters import InventoryFilter
from .forms import (
    AidItemForm,
    HandoutCountForm,
    HandoutForm,
    ItemStatusForm,
    LendForm,
    LoanForm,
)
from .models import AidItem, Handout, Loan
from .rules import days_overdue, suggested_due_on


def _next_or(request, fallback: str):
    """Go back where the button was pressed (inventory, resident page), if it is ours."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect(fallback)


# --- inventory -----------------------------------------------------------------------------


@capability_required("can_coordinate")
def inventory(request):
    """All aids of the village with what they are doing now; lend or take back in a click."""
    today = timezone.localdate()
    village_items = selectors.inventory(request.access)
    item_filter = InventoryFilter(request.GET or None, queryset=village_items)
    items = list(item_filter.qs)
    for item in items:
        item.open_loan = item.open_loans[0] if item.open_loans else None
        if item.open_loan:
            item.open_loan.days_overdue = days_overdue(
                due_on=item.open_loan.due_on, returned_on=None, today=today
            )
    log_residents(request, [item.open_loan for item in items if item.open_loan])
    return render(
        request,
        "uitleen/inventory.html",
        {
            "filter": item_filter,
            "items": items,
            "overdue_count": selectors.overdue_loans(request.access.village, today=today).count(),
            "today": today,
        },
    )


@capability_required("can_coordinate")
def overdue(request):
    """Loans that should have come back by now, longest overdue first."""
    today = timezone.localdate()
    loans = list(selectors.overdue_loans(request.access.village, today=today))
    for loan in loans:
        loan.days_overdue = days_overdue(due_on=loan.due_on, returned_on=None, today=today)
    log_residents(request, loans)
    return render(request, "uitleen/overdue.html", {"loans": loans, "today": today})


@capability_required("can_coordinate")
def item_create(request):
    form = AidItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.aid_item_create(
                village=request.access.village, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(item)s has been added.") % {"item": item.label})
            return redirect("uitleen:inventory")
    return render(request, "uitleen/item_form.html", {"form": form})


@capability_required("can_coordinate")
def item_detail(request, pk):
    item = selectors.get_item_for_user(request.access, pk)
    loans = list(selectors.item_loans(item)[:50])
    log_residents(request, loans)
    return render(
        request,
        "uitleen/item_detail.html",
        {
            "item": item,
            "open_loan": next((loan for loan in loans if loan.is_open), None),
            "loans": loans,
            "log_entries": item.log_entries.select_related("by")[:30],
            "status_form": ItemStatusForm(initial={"status": item.status}),
        },
    )


@capability_required("can_coordinate")
def item_edit(request, pk):
    item = selectors.get_item_for_user(request.access, pk)
    form = AidItemForm(request.POST or None, instance=AidItem.objects.get(pk=item.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.aid_item_update(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("uitleen:item_detail", pk=item.pk)
    return render(request, "uitleen/item_form.html", {"form": form, "item": item})


@require_POST
@capability_required("can_coordinate")
def item_status(request, pk):
    item = selectors.get_item_for_user(request.access, pk)
    form = ItemStatusForm(request.POST)
    if form.is_valid():
        try:
            services.aid_item_set_status(
                item=item, status=form.cleaned_data["status"], by=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The status has been changed."))
    else:
        messages.error(request, _("Choose available, in repair or gone."))
    return redirect("uitleen:item_detail", pk=item.pk)


# --- lending -------------------------------------------------------------------------------


@capability_required("can_coordinate")
def lend(request):
    """Lend an aid to a resident.

    Start from the inventory (`?item=`) and pick the resident from the type-ahead, or from
    the resident's page (`?resident=`) and pick one of the available aids: each choice is a
    submit button, so it takes two clicks. For htmx requests with `q`, only the type-ahead
    results are returned.
    """
    village = request.access.village
    items = selectors.available_items(village)
    residents = scope_to_village(Resident.objects.all(), request.access)
    source = request.POST if request.method == "POST" else request.GET
    today = timezone.localdate()

    item = resident = None
    if source.get("item"):
        item = items.filter(pk=_int_or_none(source["item"])).first()
        if item is None and request.method == "GET":
            messages.error(
                request, _("This aid cannot be lent now: it is on loan, in repair or gone.")
            )
    if source.get("resident"):
        resident_pk = _int_or_none(source["resident"])
        if resident_pk is not None:
            resident = get_resident_for_user(request.access, resident_pk)

    query = request.GET.get("q", "").strip()
    results = search_residents(request.access, query) if query else []
    log_residents(request, [*results, *([resident] if resident else [])])
    if request.htmx and request.method == "GET" and "q" in request.GET:
        return render(
            request, "uitleen/_resident_results.html", {"results": results, "query": query}
        )

    if request.method == "POST":
        form = LendForm(request.POST, items=items, residents=residents)
        if form.is_valid():
            data = form.cleaned_data
            chosen = data["item"]
            due_on = data["due_on"] or suggested_due_on(
                data["lent_on"], chosen.aid_type.default_loan_weeks
            )
            try:
                loan = services.loan_start(
                    item=chosen,
                    resident=data["resident"],
                    lent_on=data["lent_on"],
                    due_on=due_on,
                    notes=data["notes"],
                    by=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                _log_loan(request, loan, Action.EDIT)
                messages.success(
                    request,
                    _("%(item)s has been lent to %(resident)s until %(date)s.")
                    % {
                        "item": loan.item.label,
                        "resident": loan.resident.full_name,
                        "date": _date(loan.due_on),
                    },
                )
                return _next_or(request, "uitleen:inventory")
    else:
        form = LendForm(
            initial={
                "item": item.pk if item else None,
                "resident": resident.pk if resident else None,
                "lent_on": today,
            },
            items=items,
            residents=residents,
        )
    return render(
        request,
        "uitleen/lend.html",
        {
            "form": form,
            "item": item,
            "resident": resident,
            "available_items": items if item is None else [],
            "query": query,
            "results": results,
            "next": source.get("next", ""),
        },
    )


def _log_loan(request, loan, action):
    log_read(
        request,
        village=request.access.village,
        resident_ids=[loan.resident_id],
        action=action,
        object_ref=f"loan:{loan.pk}",
    )


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _date(value):
    return format_nl_date(value) if value else _("no return date")


@require_POST
@capability_required("can_coordinate")
def loan_return(request, pk):
    """Take an aid back today: one click from the inventory, the overdue list or a resident."""
    loan = selectors.get_loan_for_user(request.access, pk)
    _log_loan(request, loan, Action.EDIT)
    try:
        services.loan_return(loan=loan, returned_on=timezone.localdate(), by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(item)s has been taken back from %(resident)s.")
            % {"item": loan.item.label, "resident": loan.resident.full_name},
        )
    return _next_or(request, "uitleen:inventory")


@capability_required("can_coordinate")
def loan_edit(request, pk):
    """Agree another return date (extend the loan) or change the notes."""
    loan = selectors.get_loan_for_user(request.access, pk)
    _log_loan(request, loan, Action.EDIT if request.method == "POST" else Action.VIEW)
    form = LoanForm(request.POST or None, instance=Loan.objects.get(pk=loan.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.loan_update(
                loan=loan,
                due_on=form.cleaned_data["due_on"],
                notes=form.cleaned_data["notes"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return _next_or(request, reverse("uitleen:item_detail", args=[loan.item_id]))
    return render(
        request,
        "uitleen/loan_form.html",
        {"form": form, "loan": loan, "next": request.GET.get("next", "")},
    )


# --- handouts ------------------------------------------------------------------------------


def _count_auto_id(handout_pk) -> str:
    # One form per handout on the page: unique ids, the same field names.
    return f"id_count_{handout_pk}_%s"


def _handouts_page(request, *, count_form=None, count_for=None):
    today = timezone.localdate()
    rows = []
    for total in selectors.handouts_per_item(request.access.village, today.year):
        if total.pk == count_for:
            form = count_form
        else:
            form = HandoutCountForm(
                auto_id=_count_auto_id(total.pk), initial={"handed_out_on": today}
            )
        rows.append((total, form))
    return render(
        request,
        "uitleen/handouts.html",
        {
            "rows": rows,
            "inactive": selectors.handouts(request.access).filter(is_active=False),
            "year": today.year,
        },
        status=400 if count_form is not None else 200,
    )


@capability_required("can_coordinate")
def handouts(request):
    """The standard items the desk hands out, with what was counted this year."""
    return _handouts_page(request)


@capability_required("can_coordinate")
def handout_create(request):
    form = HandoutForm(request.POST or None, initial={"always_available": True})
    if request.method == "POST" and form.is_valid():
        try:
            handout = services.handout_create(
                village=request.access.village, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s has been added.") % {"name": handout.name})
            return redirect("uitleen:handouts")
    return render(request, "uitleen/handout_form.html", {"form": form})


@capability_required("can_coordinate")
def handout_edit(request, pk):
    handout = selectors.get_handout_for_user(request.access, pk)
    form = HandoutForm(request.POST or None, instance=Handout.objects.get(pk=handout.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.handout_update(handout=handout, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("uitleen:handouts")
    return render(request, "uitleen/handout_form.html", {"form": form, "handout": handout})


@require_POST
@capability_required("can_coordinate")
def handout_count(request, pk):
    """Record how many of a handout went out (optional)."""
    handout = selectors.get_handout_for_user(request.access, pk)
    form = HandoutCountForm(request.POST, auto_id=_count_auto_id(handout.pk))
    if form.is_valid():
        try:
            services.handout_count_record(handout=handout, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Counted: %(quantity)s × %(name)s.")
                % {"quantity": form.cleaned_data["quantity"], "name": handout.name},
            )
            return redirect("uitleen:handouts")
    # Show the page again with what was typed and the error next to this handout.
    return _handouts_page(request, count_form=form, count_for=handout.pk)
