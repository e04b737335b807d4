"""Views for coordinators: thin (permission, form, service call, redirect or partial)."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import prepared
from accounts.access import capability_required
from accounts.access_log import Action, log_read, log_residents
from accounts.form_errors import add_service_errors
from accounts.page_shell import csrf_input, render_page
from accounts.pagination import pagination_html
from koppelingen.selectors import open_signal_count, request_matching, signals_about
from meldingen.board_todos import board_todos_html
from meldingen.selectors import open_todos
from uitleen.selectors import loans_for_resident

from . import board_page, consent_texts, resident_locks, resident_rows, selectors, services
from .cards import CardKit, card_html, decorate
from .filters import BoardFilter, unbound_html
from .forms import (
    ConsentForm,
    IntakeForm,
    NewResidentForm,
    RequestEditForm,
    ResidentForm,
    TransitionForm,
    TriageForm,
)
from .lifecycle import (
    NEEDS_CONFIRMATION,
    OPEN_STATUSES,
    Status,
    can_triage,
)
from .meeting_rows import MeetingRows
from .models import SENSITIVE_FIELDS, ConsentRecord, ReasonCode, Resident
from .recurrence import describe
from .request_page import logbook_html, matching_html, matching_log_html, status_form_html
from .triage import QUESTIONS, Outcome, boundary_warnings, propose_outcome
from .urgency import is_overdue

CARD_LIMIT = 300


def _log_request(request, help_request, action=Action.VIEW):
    log_read(
        request,
        village=help_request.village_id,
        resident_ids=[help_request.resident_id],
        action=action,
        object_ref=f"helprequest:{help_request.pk}",
    )


def _log_resident(request, resident, action=Action.VIEW):
    log_read(
        request,
        village=resident.village_id,
        resident_ids=[resident.pk],
        action=action,
        object_ref=f"resident:{resident.pk}",
    )


class _Reason(NamedTuple):
    pk: int
    applies_to: str
    label: str


def _reasons() -> list[_Reason]:
    """The active reasons (in their order) as values, for the cards' reason lists."""
    return [
        _Reason(*row)
        for row in prepared.rows(
            "hulpvragen.active_reasons",
            lambda: ReasonCode.objects.filter(is_active=True).values_list(
                "pk", "applies_to", "label"
            ),
        )
    ]


# The reasons a card's quick status change offers (the ones a quick move can need).
QUICK_REASON_KINDS = (Status.REJECTED, Status.CANCELLED)


def _reason_options(reasons, selected: str = ""):
    """The <option>s of a card's reason list, built once for the whole board (every card
    offers the same ones; a card rendered again after a failed move builds its own, with
    the reason chosen before still chosen). Made from nothing but the reasons' values, the
    choice and the language, so kept for the process for the last few of these."""
    return _reason_options_in(get_language(), tuple(reasons), selected)


@lru_cache(maxsize=32)
def _reason_options_in(language, reasons: tuple, selected: str):
    kinds = {kind: capfirst(label) for kind, label in ReasonCode.AppliesTo.choices}
    return format_html_join(
        "",
        '<option value="{}" data-applies-to="{}"{}>{}: {}</option>',
        (
            (
                reason.pk,
                reason.applies_to,
                mark_safe(" selected") if str(reason.pk) == selected else "",
                kinds.get(reason.applies_to, reason.applies_to),
                reason.label,
            )
            for reason in reasons
            if reason.applies_to in QUICK_REASON_KINDS
        ),
    )


def _with_card_html(request, cards, reasons, **card_kwargs):
    """Each card's HTML (`hulpvragen.cards`), with what every card shares made once."""
    chosen = card_kwargs.get("chosen") or {}
    kit = CardKit.build(
        csrf_input=csrf_input(request),
        reason_options=_reason_options(reasons, selected=chosen.get("reason", "")),
    )
    for card in cards:
        card.html = card_html(card, kit, **card_kwargs)
    return cards


@capability_required("can_coordinate")
def board(request):
    """The coordinator's board: open requests grouped by status, with filters."""
    now = timezone.now()
    village = request.access.village
    if request.GET:
        scoped = selectors.help_requests_for(request.access)
        board_filter = BoardFilter(request.GET, queryset=scoped, village=village)
        filtered = board_filter.qs
        chosen_status = board_filter.form.cleaned_data.get("status")
        filter_fields = None  # the form through _board_filters.html, with what was chosen
        if not chosen_status:
            filtered = selectors.open_requests(filtered)
        counts = selectors.status_counts(filtered)
        shown = selectors.card_rows(filtered.order_by("created_at")[:CARD_LIMIT])
    else:
        # The board as it opens: the form's fields as HTML built in Python (no form
        # instance), the village's open requests read with queries compiled once per thread.
        board_filter = None
        chosen_status = ""
        filter_fields = unbound_html(village)
        counts = selectors.open_status_counts(village.pk)
        shown = selectors.open_card_rows(village.pk, CARD_LIMIT)
    cards = _with_card_html(request, decorate(shown, now), _reasons())
    statuses = [chosen_status] if chosen_status else list(OPEN_STATUSES)
    # Each group's cards, each in its column (joined here, not looped in the template).
    columns: dict[str, list[str]] = {}
    for card in cards:
        columns.setdefault(card.status, []).append(f'<div class="col">{card.html}</div>')
    groups = [
        {
            "status": status,
            "label": Status(status).label,
            "count": counts.get(status, 0),
            # Each card's HTML is card_html's, escaped there.
            "cards_html": mark_safe("".join(columns.get(status, ()))),  # noqa: S308
        }
        for status in statuses
    ]
    total = sum(counts.values())
    overdue_count = sum(1 for card in cards if card.overdue)
    todos_html = board_todos_html(request, open_todos(request.access), open_signal_count(village))
    content = board_page.content_html(
        village_name=village.name,
        todos_html=todos_html,
        total=total,
        overdue_count=overdue_count,
        filter_fields=filter_fields,
        board_filter=board_filter,
        truncated=total > CARD_LIMIT,
        groups=groups,
    )
    log_residents(request, cards)
    return render_page(request, "hulpvragen/board.html", content)


@capability_required("can_coordinate")
def meeting(request):
    """The weekly meeting: everything open plus what was finished in the last 7 days."""
    now = timezone.now()
    since = now - timedelta(days=7)
    open_items = selectors.meeting_open(request.access)
    finished = selectors.meeting_finished(request.access, since)
    content = MeetingRows(now=now, today=timezone.localdate()).page_html(
        village_name=request.access.village.name,
        since=since,
        open_rows=open_items,
        finished_rows=finished,
    )
    log_read(
        request,
        village=request.access.village,
        resident_ids=[item["resident_id"] for item in [*open_items, *finished]],
        action=Action.PRINT,
    )
    return render_page(request, "hulpvragen/meeting.html", content)


@capability_required("can_coordinate")
def resident_search(request):
    """Type-ahead for the intake form: a short list of residents to pick from."""
    query = request.GET.get("resident_query", "")
    results = selectors.search_residents(request.access, query)
    log_residents(request, results)
    return render(
        request,
        "hulpvragen/_resident_results.html",
        {"results": results, "query": query, "searched": len(query.strip()) >= 2},
    )


@capability_required("can_coordinate")
def resident_duplicates(request):
    """While a new resident is typed in: do we know someone with this phone or address?"""
    form = NewResidentForm(request.GET, village=request.access.village)
    matches = form.possible_duplicates()
    log_residents(request, matches)
    return render(request, "hulpvragen/_duplicate_hint.html", {"matches": matches})


@capability_required("can_coordinate")
@require_http_methods(["GET", "POST"])
def intake(request):
    """Take in a help request on one page, at phone-call speed."""
    village = request.access.village
    results = []
    if request.method == "POST" and "find" in request.POST:
        # Without JavaScript the search button posts the whole form: search, keep the rest.
        form = IntakeForm(request.POST, village=village, check=False)
        results = selectors.search_residents(request.access, request.POST.get("resident_query", ""))
    elif request.method == "POST":
        form = IntakeForm(request.POST, village=village)
        if form.is_valid():
            try:
                help_request = services.help_request_take_in(
                    village=village, by=request.user, **form.take_in_arguments()
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                _log_request(request, help_request, Action.EDIT)
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
    pk = form.chosen_pk
    chosen = selectors.residents_for(request.access).filter(pk=pk).first() if pk.isdigit() else None
    if chosen and chosen not in results:
        results = [chosen, *results]
    log_residents(request, results)
    return render(
        request,
        "hulpvragen/intake.html",
        {"intake": form, "form": form.request, "results": results, "chosen": chosen},
    )


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
        # Shown only when the request can move on or back (no queries otherwise, as before).
        "status_form": status_form_html(help_request),
        "logbook_html": logbook_html(selectors.status_change_rows(help_request)),
        "recurrence": describe(pattern) if pattern else "",
        "can_triage": can_triage(help_request.status),
        "overdue": is_overdue(
            urgency=help_request.urgency,
            status=help_request.status,
            created_at=help_request.created_at,
            now=timezone.now(),
        ),
    }
    matching = request_matching(help_request)
    context["matching_html"] = matching_html(matching, help_request.pk)
    context["matching_log_html"] = matching_log_html(matching.log)
    _log_request(request, help_request)
    return render_page(request, "hulpvragen/request_detail.html", context=context)


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
            _log_request(request, help_request, Action.EDIT)
            messages.success(request, _("Request saved."))
            return redirect("hulpvragen:request_detail", pk=pk)
    _log_request(request, help_request)
    return render(
        request, "hulpvragen/intake.html", {"form": form, "hr": help_request, "editing": True}
    )


@capability_required("can_coordinate")
def request_logbook(request, pk):
    help_request = selectors.get_help_request_for_user(request.access, pk)
    changes = help_request.status_changes.select_related("by", "reason")
    _log_request(request, help_request)
    return render(
        request, "hulpvragen/request_logbook.html", {"hr": help_request, "changes": changes}
    )


@capability_required("can_coordinate")
@require_http_methods(["GET", "POST"])
def request_transition(request, pk):
    """Change a request's status: the board's quick change (htmx) or a full form.

    Rejecting, cancelling and ending ask first: the form comes back with a confirmation
    and goes ahead only with `confirmed`. On the board, everything chosen stays chosen
    after an error or a "no"."""
    help_request = selectors.get_help_request_for_user(request.access, pk)
    _log_request(request, help_request, Action.EDIT if request.method == "POST" else Action.VIEW)
    form = TransitionForm(request.POST or None, help_request=help_request)
    chosen = _chosen_move(request.POST) if request.method == "POST" else {}
    if request.method == "POST" and "not_confirmed" in request.POST and request.htmx:
        return _card_response(request, pk, chosen=chosen)
    error = ""
    confirm = False
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            confirm = data["to"] in NEEDS_CONFIRMATION and "confirmed" not in request.POST
            if not confirm:
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
                    message = _transition_message(help_request)
                    if request.htmx:
                        if help_request.status not in NEEDS_CONFIRMATION:
                            message = _("Now: %(status)s") % {
                                "status": help_request.get_status_display()
                            }
                        return _card_response(request, pk, moved=message)
                    messages.success(request, message)
                    return redirect("hulpvragen:request_detail", pk=pk)
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
        if request.htmx:
            return _card_response(request, pk, error=error, chosen=chosen, confirm=confirm)
    elif request.htmx:
        return _card_response(request, pk)
    context = {"hr": help_request, "form": form, "confirm": confirm}
    if confirm:
        context["confirm_text"] = _confirm_text(help_request.resident.full_name, form.cleaned_data)
    return render(request, "hulpvragen/request_transition.html", context)


def _chosen_move(data) -> dict:
    return {
        "to": data.get("back_to") or data.get("to", ""),
        "reason": data.get("reason", ""),
        "note": data.get("note", ""),
    }


def _confirm_text(name: str, data) -> str:
    """The question before the request of `name` is rejected, cancelled or ended."""
    reason = data.get("reason")
    if data["to"] == Status.REJECTED:
        return _("Reject the request of %(name)s with the reason '%(reason)s'?") % {
            "name": name,
            "reason": reason.label,
        }
    if data["to"] == Status.CANCELLED:
        return _(
            "Record that the request of %(name)s does not go ahead, with the reason '%(reason)s'?"
        ) % {"name": name, "reason": reason.label}
    return _("End the recurring request of %(name)s? The volunteer's visits stop.") % {"name": name}


def _transition_message(help_request) -> str:
    """What the coordinator reads after a status change."""
    name = help_request.resident.full_name
    if help_request.status == Status.REJECTED:
        return _("The request of %(name)s is rejected (%(reason)s).") % {
            "name": name,
            "reason": help_request.reason.label,
        }
    if help_request.status == Status.CANCELLED:
        return _("The request of %(name)s does not go ahead (%(reason)s).") % {
            "name": name,
            "reason": help_request.reason.label,
        }
    if help_request.status == Status.ENDED:
        return _("The recurring request of %(name)s has ended.") % {"name": name}
    return _("Status changed to '%(status)s'.") % {"status": help_request.get_status_display()}


def _card_response(request, pk, *, moved="", error="", chosen=None, confirm=False):
    """The card again, plus the board's group counts (out of band) after a move."""
    scoped = selectors.help_requests_for(request.access)
    card = selectors.card_rows(scoped.filter(pk=pk))[0]
    decorate([card], timezone.now())
    counts = []
    if moved:
        found = selectors.status_counts(selectors.open_requests(scoped))
        counts = [(status, found.get(status, 0)) for status in OPEN_STATUSES]
    chosen = chosen or {}
    reasons = _reasons()
    extra = {}
    if confirm:
        reason = next((r for r in reasons if str(r.pk) == chosen.get("reason")), None)
        extra["confirm_text"] = _confirm_text(
            card.resident_name, {"to": chosen["to"], "reason": reason}
        )
        extra["confirm_label"] = Status(chosen["to"]).label
    _with_card_html(
        request, [card], reasons, moved=moved, error=error, chosen=chosen, confirm=confirm, **extra
    )
    return render(request, "hulpvragen/_card.html", {"card": card, "counts": counts})


@capability_required("can_coordinate")
@require_http_methods(["GET", "POST"])
def request_triage(request, pk):
    """The boundary checklist, the proposed outcome, and the decision (which starts on the
    proposal). Rejecting asks for a confirmation first."""
    help_request = selectors.get_help_request_for_user(request.access, pk)
    saving = request.method == "POST" and "preview" not in request.POST
    _log_request(request, help_request, Action.EDIT if saving else Action.VIEW)
    if not can_triage(help_request.status):
        messages.info(request, _("This request has been triaged already."))
        return redirect("hulpvragen:request_detail", pk=pk)
    village = request.access.village
    answers = dict(help_request.triage_answers)
    if "outside_work_area" not in answers:
        answers["outside_work_area"] = help_request.resident.outside_work_area
    confirm = False
    if request.method == "POST" and "preview" in request.POST:
        # A new proposal for the answers so far; nothing is saved and nothing is refused yet.
        # The decision follows the proposal unless the coordinator had chosen otherwise.
        preview = TriageForm(request.POST, village=village)
        preview.is_valid()
        answers = preview.answers()
        proposal = propose_outcome(answers)
        initial = request.POST.dict()
        if initial.get("outcome", "") == initial.get("proposed", ""):
            initial |= _proposed_decision(proposal)
        form = TriageForm(initial=initial, village=village)
    elif request.method == "POST":
        form = TriageForm(request.POST, village=village)
        valid = form.is_valid()
        answers = form.answers()
        data = form.cleaned_data
        confirm = valid and data["outcome"] == Outcome.REJECTED and "confirmed" not in request.POST
        if valid and not confirm:
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
                add_service_errors(form, exc)
            else:
                messages.success(request, _triage_message(help_request))
                return redirect("hulpvragen:request_detail", pk=pk)
    else:
        proposal = propose_outcome(answers)
        initial = TriageForm.initial_for(answers) | _proposed_decision(proposal)
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
        "proposal_reason": _reason_for(proposal),
        "confirm": confirm,
        "questions": QUESTIONS,
        "warnings": boundary_warnings(history, category_id=help_request.category_id, today=today),
    }
    if request.htmx and "preview" in request.POST:
        return render(request, "hulpvragen/_triage_proposal.html", context)
    return render(request, "hulpvragen/request_triage.html", context)


def _reason_for(proposal):
    return ReasonCode.objects.filter(code=proposal.reason_code, is_active=True).first()


def _proposed_decision(proposal) -> dict:
    reason = _reason_for(proposal)
    return {"outcome": proposal.outcome, "reason": reason.pk if reason else ""}


def _triage_message(help_request) -> str:
    """What the coordinator reads after saving the triage, in words."""
    name = help_request.resident.full_name
    if help_request.status == Status.TRIAGE:
        return _("Triage saved. The request of %(name)s stays with 'being clarified'.") % {
            "name": name
        }
    if help_request.status == Status.SEARCHING:
        return _("Triage saved: accepted. Now look for a volunteer for %(name)s.") % {"name": name}
    if help_request.status == Status.REFERRED:
        return _("Triage saved: %(name)s is referred to %(organisation)s.") % {
            "name": name,
            "organisation": help_request.referred_to,
        }
    if help_request.status == Status.REJECTED:
        return _("The request of %(name)s is rejected (%(reason)s).") % {
            "name": name,
            "reason": help_request.reason.label,
        }
    return _("Triage saved: %(name)s was given information.") % {"name": name}


# --- Residents -----------------------------------------------------------------------------


@capability_required("can_coordinate")
def resident_list(request):
    query = request.GET.get("q", "").strip()
    found = selectors.search_resident_ids(request.access, query, limit=200) if query else None
    residents = selectors.ResidentList(request.access, found)
    page = Paginator(residents, 50).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    log_read(
        request,
        village=request.access.village,
        resident_ids=[row["pk"] for row in shown],
        action=Action.SEARCH,
    )
    content = resident_rows.page_html(
        query,
        resident_rows.rows_html(shown),
        pagination_html(page, urlencode({"q": query}) if query else ""),
    )
    return render_page(request, "hulpvragen/resident_list.html", content)


@capability_required("can_coordinate")
def resident_detail(request, pk):
    resident = selectors.get_resident_for_user(request.access, pk)
    requests = list(
        resident.help_requests.select_related("category", "reason").order_by("-created_at")
    )
    changes = selectors.resident_logbook(resident)
    consents = list(resident.consents.select_related("recorded_by", "withdrawn_by"))
    context = {
        "resident": resident,
        "requests": requests,
        "changes": changes,
        "consents": consents,
        # Notes without a consent in force are not shown (older data; withdrawal clears them).
        "active_purposes": {c.purpose for c in consents if not c.is_withdrawn},
        "consent_form": ConsentForm(initial={"given_on": timezone.localdate()}),
        "consent_texts": _current_texts(),
        "resident_loans": loans_for_resident(resident),
        "resident_signals": signals_about(resident),
    }
    _log_resident(request, resident)
    return render(request, "hulpvragen/resident_detail.html", context)


@capability_required("can_coordinate")
@require_http_methods(["GET", "POST"])
def resident_edit(request, pk):
    resident = selectors.get_resident_for_user(request.access, pk)
    refused = resident_locks.edit_refused(resident)
    if refused:
        messages.error(request, refused)
        return redirect("hulpvragen:resident_detail", pk=pk)
    _log_resident(request, resident, Action.EDIT if request.method == "POST" else Action.VIEW)
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
    _log_resident(request, resident, Action.EDIT if request.method == "POST" else Action.VIEW)
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
    return render(
        request,
        "hulpvragen/resident_consent.html",
        {"resident": resident, "form": form, "consent_texts": _current_texts()},
    )


def _current_texts():
    """The wording a resident agrees to today, per purpose, to read out or hand over."""
    return [
        (label, consent_texts.current_text(purpose))
        for purpose, label in ConsentRecord.Purpose.choices
    ]


@capability_required("can_coordinate")
@require_http_methods(["GET", "POST"])
def consent_withdraw(request, pk, consent_pk):
    """Withdraw a consent: a page that says what happens (the notes it covered are deleted),
    then one button."""
    resident = selectors.get_resident_for_user(request.access, pk)
    consent = get_object_or_404(resident.consents.select_related("withdrawn_by"), pk=consent_pk)
    _log_resident(request, resident, Action.EDIT if request.method == "POST" else Action.VIEW)
    if consent.is_withdrawn:
        messages.info(request, _("This consent has been withdrawn already."))
        return redirect("hulpvragen:resident_detail", pk=pk)
    if request.method == "POST":
        cleared = services.consent_withdraw(consent=consent, by=request.user)
        text = _("Consent withdrawn: %(purpose)s.") % {"purpose": consent.get_purpose_display()}
        if cleared:
            text += " " + _("The notes it covered have been deleted.")
        messages.success(request, text)
        return redirect("hulpvragen:resident_detail", pk=pk)
    covered = [
        (Resident._meta.get_field(name).verbose_name, bool(getattr(resident, name)))
        for name, purpose in SENSITIVE_FIELDS.items()
        if purpose == consent.purpose
    ]
    return render(
        request,
        "hulpvragen/consent_withdraw.html",
        {"resident": resident, "consent": consent, "covered": covered},
    )
