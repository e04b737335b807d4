"""Views for coordinators: thin (permission, form, service call, redirect or partial)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.access import capability_required
from koppelingen.selectors import open_signal_count, request_matching, signals_about
from meldingen.selectors import open_todos
from uitleen.selectors import loans_for_resident

from . import selectors, services
from .dutch import normalise_phone, normalise_postcode
from .filters import BoardFilter
from .forms import (
    ConsentForm,
    IntakeForm,
    RequestEditForm,
    ResidentForm,
    TransitionForm,
    TriageForm,
    parse_house_number,
)
from .lifecycle import NEEDS_REFERRAL, OPEN_STATUSES, Status, ordered_transitions
from .models import ReasonCode
from .recurrence import describe
from .triage import QUESTIONS, boundary_warnings, propose_outcome
from .urgency import is_overdue

CARD_LIMIT = 300


def _decorate(requests, now):
    """Per-card data computed in Python (no queries): overdue, quick moves."""
    for item in requests:
        item.overdue = is_overdue(
            urgency=item.urgency, status=item.status, created_at=item.created_at, now=now
        )
        item.waiting_days = (now - item.created_at).days
        # Recurring help stretches boundaries when nobody looks: a passed review date shows.
        item.review_due = bool(
            item.is_recurring and item.review_on and item.review_on <= timezone.localdate(now)
        )
        item.quick_moves = [
            (status, Status(status).label)
            for status in ordered_transitions(item.status, recurring=item.is_recurring)
            if status not in NEEDS_REFERRAL
        ]
    return requests


def _reasons():
    return list(ReasonCode.objects.filter(is_active=True))


@capability_required("can_coordinate")
def board(request):
    """The coordinator's board: open requests grouped by status, with filters."""
    now = timezone.now()
    scoped = selectors.help_requests_for(request.access)
    board_filter = BoardFilter(request.GET or None, queryset=scoped, village=request.access.village)
    filtered = board_filter.qs if board_filter.is_bound else scoped
    chosen_status = board_filter.form.cleaned_data.get("status") if board_filter.is_bound else ""
    if not chosen_status:
        filtered = selectors.open_requests(filtered)
    counts = selectors.status_counts(filtered)
    cards = _decorate(
        list(selectors.with_card_data(filtered).order_by("created_at")[:CARD_LIMIT]), now
    )
    statuses = [chosen_status] if chosen_status else list(OPEN_STATUSES)
    groups = [
        {
            "status": status,
            "label": Status(status).label,
            "count": counts.get(status, 0),
            "cards": [card for card in cards if card.status == status],
        }
        for status in statuses
    ]
    context = {
        "filter": board_filter,
        "groups": groups,
        "total": sum(counts.values()),
        "overdue_count": sum(1 for card in cards if card.overdue),
        "truncated": sum(counts.values()) > CARD_LIMIT,
        "reasons": _reasons(),
        "todos": open_todos(request.access),
        "open_signals": open_signal_count(request.access.village),
    }
    return render(request, "hulpvragen/board.html", context)


@capability_required("can_coordinate")
def meeting(request):
    """The weekly meeting: everything open plus what was finished in the last 7 days."""
    now = timezone.now()
    since = now - timedelta(days=7)
    scoped = selectors.help_requests_for(request.access)
    open_items = _decorate(
        list(selectors.with_card_data(selectors.open_requests(scoped)).order_by("created_at")),
        now,
    )
    finished = list(
        selectors.with_card_data(selectors.finished_since(scoped, since)).order_by(
            "status", "-status_changed_at"
        )
    )
    groups = [
        {
            "label": Status(status).label,
            "items": [item for item in open_items if item.status == status],
        }
        for status in OPEN_STATUSES
    ]
    context = {
        "groups": [group for group in groups if group["items"]],
        "open_count": len(open_items),
        "finished": finished,
        "since": since,
        "now": now,
    }
    return render(request, "hulpvragen/meeting.html", context)


@capability_required("can_coordinate")
def resident_search(request):
    """Type-ahead for the intake form: a short list of residents to pick from."""
    query = request.GET.get("resident_query", "")
    results = selectors.search_residents(request.access, query)
    return render(
        request,
        "hulpvragen/_resident_results.html",
        {"results": results, "query": query, "searched": len(query.strip()) >= 2},
    )


@capability_required("can_coordinate")
def resident_duplicates(request):
    """While a new resident is typed in: do we know someone with this phone or address?"""

    def lenient(parse, value):
        try:
            return parse(value)
        except ValidationError:
            return None

    house = lenient(parse_house_number, request.GET.get("new_house_number", ""))
    matches = selectors.possible_duplicates(
        village=request.access.village,
        phone=lenient(normalise_phone, request.GET.get("new_phone", "")) or "",
        postcode=lenient(normalise_postcode, request.GET.get("new_postcode", "")) or "",
        house_number=house[0] if house else None,
    )
    return render(request, "hulpvragen/_duplicate_hint.html", {"matches": matches})


@capability_required("can_coordinate")
@require_http_methods(["GET", "POST"])
def intake(request):
    """Take in a help request on one page, at phone-call speed."""
    village = request.access.village
    results = []
    if request.method == "POST" and "find" in request.POST:
        # Without JavaScript the search button posts the whole form: search, keep the rest.
        form = IntakeForm(initial=request.POST.dict(), village=village)
        results = selectors.search_residents(request.access, request.POST.get("resident_query", ""))
    elif request.method == "POST":
        form = IntakeForm(request.POST, village=village)
        if form.is_valid():
            help_request = _save_intake(request, form)
            if help_request is not None:
                messages.success(
                    request,
                    _("Request taken in for %(name)s.") % {"name": help_request.resident},
                )
                return redirect("hulpvragen:request_detail", pk=help_request.pk)
        results = form.duplicates
    else:
        form = IntakeForm(
            village=village,
            initial={"assigned_to": request.user.pk, "resident": request.GET.get("resident")},
        )
    chosen = _chosen_resident(request, form)
    if chosen and chosen not in results:
        results = [chosen, *results]
    return render(
        request,
        "hulpvragen/intake.html",
        {"form": form, "results": results, "chosen": chosen},
    )


def _chosen_resident(request, form):
    pk = (form.data.get("resident") if form.is_bound else form.initial.get("resident")) or ""
    if not str(pk).isdigit():
        return None
    return selectors.residents_for(request.access).filter(pk=pk).first()


def _save_intake(request, form):
    """Create (resident and) request in one transaction; service errors go on the form."""
    data = form.cleaned_data
    try:
        with transaction.atomic():
            resident = data.get("resident")
            if resident is None:
                try:
                    resident = services.resident_create(
                        village=request.access.village,
                        by=request.user,
                        **form.new_resident_fields(),
                    )
                except ValidationError as exc:
                    form.add_service_errors(exc, prefix="new_")
                    raise
            return services.help_request_create(
                village=request.access.village,
                resident=resident,
                category=data["category"],
                by=request.user,
                **form.request_fields(),
            )
    except ValidationError as exc:
        if not form.errors:
            form.add_service_errors(exc)
        return None


@capability_required("can_coordinate")
def request_detail(request, pk):
    help_request = selectors.get_help_request_for_user(request.access, pk)
    today = timezone.localdate()
    history = selectors.resident_history(
        help_request.resident, today=today, exclude_pk=help_request.pk
    )
    pattern = help_request.recurrence_pattern
    context = {
        "hr": help_request,
        "warnings": boundary_warnings(history, category_id=help_request.category_id, today=today),
        "transition_form": TransitionForm(help_request=help_request),
        "changes": list(help_request.status_changes.select_related("changed_by", "reason")),
        "recurrence": describe(pattern) if pattern else "",
        "can_triage": help_request.status in (Status.NEW, Status.TRIAGE),
        "overdue": is_overdue(
            urgency=help_request.urgency,
            status=help_request.status,
            created_at=help_request.created_at,
            now=timezone.now(),
        ),
    }
    context["matching"] = request_matching(help_request)
    return render(request, "hulpvragen/request_detail.html", context)


@capability_required("can_coordinate")
@require_http_methods(["GET", "POST"])
def request_edit(request, pk):
    """Change what, when, the ride or the coordinator of a request (not its status)."""
    help_request = selectors.get_help_request_for_user(request.access, pk)
    form = RequestEditForm(request.POST or None, help_request=help_request)
    if request.method == "POST" and form.is_valid():
        fields = form.request_fields()
        try:
            services.help_request_update(
                help_request=help_request,
                by=request.user,
                category=form.cleaned_data["category"],
                **fields,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Request saved."))
            return redirect("hulpvragen:request_detail", pk=pk)
    return render(
        request, "hulpvragen/intake.html", {"form": form, "hr": help_request, "editing": True}
    )


@capability_required("can_coordinate")
def request_logbook(request, pk):
    help_request = selectors.get_help_request_for_user(request.access, pk)
    changes = help_request.status_changes.select_related("changed_by", "reason")
    return render(
        request, "hulpvragen/request_logbook.html", {"hr": help_request, "changes": changes}
    )


@capability_required("can_coordinate")
@require_http_methods(["GET", "POST"])
def request_transition(request, pk):
    """Change a request's status: the board's quick change (htmx) or a full form."""
    help_request = selectors.get_help_request_for_user(request.access, pk)
    form = TransitionForm(request.POST or None, help_request=help_request)
    error = ""
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.help_request_transition(
                    help_request=help_request,
                    to=data["to"],
                    by=request.user,
                    note=data["note"],
                    reason=data["reason"],
                    referral_note=data["referral_note"],
                    referred_to=data["referred_to"],
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                if request.htmx:
                    return _card_response(request, pk, moved=True)
                messages.success(
                    request,
                    _("Status changed to '%(status)s'.")
                    % {"status": help_request.get_status_display()},
                )
                return redirect("hulpvragen:request_detail", pk=pk)
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
        if request.htmx:
            return _card_response(request, pk, error=error)
    return render(request, "hulpvragen/request_transition.html", {"hr": help_request, "form": form})


def _card_response(request, pk, *, moved=False, error=""):
    """The card again, plus the board's group counts (out of band) after a move."""
    scoped = selectors.help_requests_for(request.access)
    card = selectors.with_card_data(scoped).get(pk=pk)
    _decorate([card], timezone.now())
    counts = []
    if moved:
        found = selectors.status_counts(selectors.open_requests(scoped))
        counts = [(status, found.get(status, 0)) for status in OPEN_STATUSES]
    context = {"card": card, "moved": moved, "error": error, "reasons": _reasons()}
    return render(request, "hulpvragen/_card.html", context | {"counts": counts})


@capability_required("can_coordinate")
@require_http_methods(["GET", "POST"])
def request_triage(request, pk):
    """The boundary checklist, the proposed outcome, and the decision."""
    help_request = selectors.get_help_request_for_user(request.access, pk)
    if help_request.status not in (Status.NEW, Status.TRIAGE):
        messages.info(request, _("This request has been triaged already."))
        return redirect("hulpvragen:request_detail", pk=pk)
    village = request.access.village
    answers = dict(help_request.triage_answers)
    if "outside_work_area" not in answers:
        answers["outside_work_area"] = help_request.resident.outside_work_area
    if request.method == "POST":
        form = TriageForm(request.POST, village=village)
        valid = form.is_valid()
        answers = form.answers()
        if valid and "preview" not in request.POST:
            data = form.cleaned_data
            try:
                services.help_request_triage(
                    help_request=help_request,
                    answers=answers,
                    by=request.user,
                    outcome=data["outcome"] or None,
                    reason=data["reason"],
                    note=data["note"],
                    referral_note=data["referral_note"],
                    referred_to=data["referred_to"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for name, errors in exc.error_dict.items():
                        form.add_error(name if name in form.fields else None, errors)
                else:
                    form.add_error(None, exc.messages)
            else:
                messages.success(request, _("Triage saved."))
                return redirect("hulpvragen:request_detail", pk=pk)
    else:
        proposal = propose_outcome(answers)
        initial = TriageForm.initial_for(answers) | {
            "outcome": proposal.outcome,
            "reason": ReasonCode.objects.filter(code=proposal.reason_code).first(),
        }
        form = TriageForm(initial=initial, village=village)
    proposal = propose_outcome(answers)
    today = timezone.localdate()
    history = selectors.resident_history(
        help_request.resident, today=today, exclude_pk=help_request.pk
    )
    context = {
        "hr": help_request,
        "form": form,
        "proposal": proposal,
        "questions": QUESTIONS,
        "warnings": boundary_warnings(history, category_id=help_request.category_id, today=today),
    }
    if request.htmx and "preview" in request.POST:
        return render(request, "hulpvragen/_triage_proposal.html", context)
    return render(request, "hulpvragen/request_triage.html", context)


# --- Residents -----------------------------------------------------------------------------


@capability_required("can_coordinate")
def resident_list(request):
    query = request.GET.get("q", "").strip()
    residents = selectors.residents_for(request.access).order_by("last_name", "first_name")
    if query:
        residents = residents.filter(pk__in=[r.pk for r in selectors.search_residents(
            request.access, query, limit=200
        )])  # fmt: skip
    page = Paginator(residents, 50).get_page(request.GET.get("page"))
    return render(request, "hulpvragen/resident_list.html", {"page": page, "query": query})


@capability_required("can_coordinate")
def resident_detail(request, pk):
    resident = selectors.get_resident_for_user(request.access, pk)
    requests = list(
        resident.help_requests.select_related("category", "reason").order_by("-created_at")
    )
    changes = selectors.resident_logbook(resident)
    context = {
        "resident": resident,
        "requests": requests,
        "changes": changes,
        "consents": list(resident.consents.select_related("recorded_by")),
        "consent_form": ConsentForm(initial={"given_on": timezone.localdate()}),
        "resident_loans": loans_for_resident(resident),
        "resident_signals": signals_about(resident),
    }
    return render(request, "hulpvragen/resident_detail.html", context)


@capability_required("can_coordinate")
@require_http_methods(["GET", "POST"])
def resident_edit(request, pk):
    resident = selectors.get_resident_for_user(request.access, pk)
    form = ResidentForm(request.POST or None, instance=resident)
    if request.method == "POST" and form.is_valid():
        try:
            services.resident_update(resident=resident, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Resident saved."))
            return redirect("hulpvragen:resident_detail", pk=pk)
    return render(request, "hulpvragen/resident_edit.html", {"resident": resident, "form": form})


@capability_required("can_coordinate")
@require_http_methods(["GET", "POST"])
def resident_consent(request, pk):
    resident = selectors.get_resident_for_user(request.access, pk)
    form = ConsentForm(request.POST or None, initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.consent_record(
            resident=resident,
            purpose=form.cleaned_data["purpose"],
            given_on=form.cleaned_data["given_on"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
        messages.success(request, _("Consent recorded."))
        return redirect("hulpvragen:resident_detail", pk=pk)
    return render(request, "hulpvragen/resident_consent.html", {"resident": resident, "form": form})
