import contextlib
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import capability_required
from accounts.page_shell import render_page
from dorpsloket.pdf import html_to_pdf

from . import services
from .access import (
    get_contact_for_user,
    get_organisation_for_user,
    get_proposal_for_user,
    organisations_for_user,
)
from .checks import PUBLIC_FIELDS, check_pk_from_token, is_link_open
from .filters import active_theme_choices, wanted_pks, wants
from .forms import (
    ArchiveForm,
    ContactPersonForm,
    EntryCheckForm,
    OpeningPeriodFormSet,
    OrganisationForm,
    opening_period_initial,
)
from .freshness import stale_cutoff
from .list_html import OrganisationCards, page_html, read_filter_form, results_html
from .models import EntryCheck, EntryProposal, OpeningPeriod, Organisation, Theme
from .opening_hours import summarise
from .selectors import card_rows, organisation_usage, pending_proposal_count, stale_count

PAGE_SIZE = 50


def _back(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


@capability_required("can_coordinate")
def organisation_list(request):
    """The social map of the active village: search and filters, updated while typing."""
    access = request.access
    today = timezone.localdate()
    # The search and filters run once, scoped to the village: their answer is the ordered
    # ids (a village has tens of entries); the paginator counts those, and only the page's
    # rows are read in full.
    fields, cleaned = read_filter_form(request.GET, active_theme_choices())
    matching = wanted_pks(wants(cleaned, today=today), access.village)
    page = Paginator(matching, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = card_rows(page.object_list, access.village)
    cards = OrganisationCards(today=today)
    # Each card escapes every value it shows (sociale_kaart.list_html).
    results = results_html(
        page,
        mark_safe("\n".join(cards.html(row) for row in page.object_list)),
        _query_without_page(request),
    )
    if request.htmx and not request.htmx.boosted:
        return render(
            request, "sociale_kaart/_organisation_list.html", {"results": results, "page": page}
        )
    counts = {
        "stale_count": stale_count(access.village, today),
        "proposal_count": pending_proposal_count(access.village),
    }
    content = page_html(
        village_name=access.village.name,
        fields=fields,
        results=results,
        **counts,
    )
    return render_page(request, "sociale_kaart/organisation_list.html", content)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@capability_required("can_coordinate")
def organisation_detail(request, pk):
    access = request.access
    organisation = get_organisation_for_user(access, pk)
    today = timezone.localdate()
    context = {
        "organisation": organisation,
        "today": today,
        "is_stale": organisation.is_stale(today),
        "themes": organisation.themes.all(),
        "villages": organisation.villages.all(),
        "opening_days": _opening_days(organisation.opening_periods.all()),
        "contacts": organisation.contacts.all(),
        "distance_km": organisation.distance_km_for(access.village),
        "usage": organisation_usage(organisation, access.village, today.year),
        "year": today.year,
        "log_entries": organisation.log_entries.select_related("by", "village")[:10],
        "last_check": organisation.checks.order_by("-asked_at").first(),
        "pending_proposal": organisation.proposals.filter(status=EntryProposal.Status.PENDING)
        .order_by("proposed_at")
        .first(),
    }
    return render(request, "sociale_kaart/organisation_detail.html", context)


def _opening_days(periods):
    """[(days, times)], e.g. ("maandag t/m vrijdag", "09:00–12:00")."""
    return summarise(periods)


def _organisation_form_page(request, organisation=None):
    access = request.access
    if request.method == "POST":
        form = OrganisationForm(request.POST, instance=organisation, access=access)
        formset = OpeningPeriodFormSet(request.POST, prefix="hours")
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            values = {name: data[name] for name in services.ORGANISATION_FIELDS}
            if organisation is None:
                organisation = services.organisation_create(
                    village=access.village,
                    by=request.user,
                    today=timezone.localdate(),
                    values=values,
                    themes=data["themes"],
                    villages=data.get("shared_villages") or [],
                    opening_periods=formset.periods(),
                    distance_km=data["distance_km"],
                )
                messages.success(request, _("The organisation is on the social map."))
            else:
                # The form is bound to `organisation`; re-read it so the service sees the old
                # values (and the history line names the fields that changed).
                services.organisation_update(
                    organisation=get_organisation_for_user(access, organisation.pk),
                    village=access.village,
                    by=request.user,
                    values=values,
                    themes=data["themes"],
                    opening_periods=formset.periods(),
                    distance_km=data["distance_km"],
                    villages_chosen=data.get("shared_villages") or [],
                    villages_managed=form.villages_managed,
                )
                messages.success(request, _("The changes have been saved."))
            return redirect("sociale_kaart:detail", pk=organisation.pk)
    else:
        form = OrganisationForm(instance=organisation, access=access)
        initial = opening_period_initial(organisation) if organisation else []
        formset = OpeningPeriodFormSet(prefix="hours", initial=initial)
    return render(
        request,
        "sociale_kaart/organisation_form.html",
        {"form": form, "formset": formset, "organisation": organisation},
    )


@capability_required("can_coordinate")
def organisation_create(request):
    return _organisation_form_page(request)


@capability_required("can_coordinate")
def organisation_edit(request, pk):
    organisation = get_organisation_for_user(request.access, pk)
    return _organisation_form_page(request, organisation)


@capability_required("can_coordinate")
@require_POST
def organisation_verify(request, pk):
    """One click: "still correct"."""
    access = request.access
    organisation = get_organisation_for_user(access, pk)
    today = timezone.localdate()
    services.organisation_mark_verified(
        organisation=organisation, village=access.village, by=request.user, today=today
    )
    if request.htmx:
        return render(
            request,
            "sociale_kaart/_verification.html",
            {"organisation": organisation, "today": today, "is_stale": False},
        )
    messages.success(request, _("Marked as verified today."))
    return redirect(_back(request, organisation.get_absolute_url()))


@capability_required("can_coordinate")
def organisation_archive(request, pk):
    """Ask first: which villages lose the entry, and why it goes (no reason preselected)."""
    access = request.access
    organisation = get_organisation_for_user(access, pk)
    if organisation.is_archived:
        messages.info(request, _("%(name)s was already archived.") % {"name": organisation.name})
        return redirect("sociale_kaart:detail", pk=organisation.pk)
    form = ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.organisation_archive(
            organisation=organisation,
            village=access.village,
            by=request.user,
            reason=form.summary(),
        )
        messages.success(
            request,
            _("%(name)s is archived. It no longer shows on the social map.")
            % {"name": organisation.name},
        )
        return redirect("sociale_kaart:detail", pk=organisation.pk)
    return render(
        request,
        "sociale_kaart/archive_confirm.html",
        {
            "organisation": organisation,
            "form": form,
            "villages": organisation.villages.order_by("name"),
        },
    )


@capability_required("can_coordinate")
@require_POST
def organisation_restore(request, pk):
    access = request.access
    organisation = get_organisation_for_user(access, pk)
    services.organisation_restore(
        organisation=organisation, village=access.village, by=request.user
    )
    messages.success(
        request, _("%(name)s is back on the social map.") % {"name": organisation.name}
    )
    return redirect("sociale_kaart:detail", pk=organisation.pk)


@capability_required("can_coordinate")
def contact_create(request, pk):
    access = request.access
    organisation = get_organisation_for_user(access, pk)
    form = ContactPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_person_create(
            organisation=organisation,
            village=access.village,
            by=request.user,
            values=form.cleaned_data,
        )
        messages.success(request, _("The contact person has been added."))
        return redirect("sociale_kaart:detail", pk=organisation.pk)
    return render(
        request,
        "sociale_kaart/contact_form.html",
        {"form": form, "organisation": organisation, "contact": None},
    )


@capability_required("can_coordinate")
def contact_edit(request, pk, contact_pk):
    access = request.access
    contact = get_contact_for_user(access, pk, contact_pk)
    form = ContactPersonForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        # The form is bound to `contact`; re-read it so the service sees the old values.
        contact = get_contact_for_user(access, pk, contact_pk)
        services.contact_person_update(
            contact=contact, village=access.village, by=request.user, values=form.cleaned_data
        )
        messages.success(request, _("The contact person has been saved."))
        return redirect("sociale_kaart:detail", pk=contact.organisation_id)
    return render(
        request,
        "sociale_kaart/contact_form.html",
        {"form": form, "organisation": contact.organisation, "contact": contact},
    )


@capability_required("can_coordinate")
@require_POST
def contact_delete(request, pk, contact_pk):
    access = request.access
    contact = get_contact_for_user(access, pk, contact_pk)
    organisation_pk = contact.organisation_id
    services.contact_person_remove(contact=contact, village=access.village, by=request.user)
    messages.success(request, _("The contact person has been removed."))
    return redirect("sociale_kaart:detail", pk=organisation_pk)


def _overview_context(access) -> dict:
    """The resident-friendly overview by theme: public details only, no contact persons."""
    organisations = list(
        organisations_for_user(access)
        .only(
            "pk",
            "name",
            "services",
            "street_address",
            "postcode",
            "town",
            "phone",
            "email",
            "website",
            "opening_hours_note",
        )
        .prefetch_related(
            "themes", Prefetch("opening_periods", queryset=OpeningPeriod.objects.all())
        )
        .order_by("name")
    )
    sections = []
    for theme in Theme.objects.filter(is_active=True):
        members = [o for o in organisations if theme in o.themes.all()]
        if members:
            sections.append((theme, [(o, _opening_days(o.opening_periods.all())) for o in members]))
    without_theme = [o for o in organisations if not o.themes.all()]
    return {
        "sections": sections,
        "without_theme": [(o, _opening_days(o.opening_periods.all())) for o in without_theme],
        "today": timezone.localdate(),
        "village": access.village,
    }


@capability_required("can_coordinate")
def print_overview(request):
    """A resident-friendly overview by theme to print and hand out at the walk-in hour."""
    return render(request, "sociale_kaart/print_overview.html", _overview_context(request.access))


@capability_required("can_coordinate")
def print_overview_pdf(request):
    """The same overview as a PDF (WeasyPrint)."""
    html = render_to_string(
        "sociale_kaart/print_overview_pdf.html", _overview_context(request.access), request
    )
    try:
        pdf = html_to_pdf(html)
    except OSError:
        messages.error(
            request,
            _("The PDF cannot be made on this installation. Use the print button instead."),
        )
        return redirect("sociale_kaart:print_overview")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="sociale-kaart-{request.access.village.slug}.pdf"'
    )
    return response


# --- "Klopt dit nog?" --------------------------------------------------------------------------


@capability_required("can_coordinate")
def freshness(request):
    """The stale list: entries to re-check, whom the desk asked when, who answered; and the
    corrections organisations proposed, waiting for a coordinator."""
    access = request.access
    today = timezone.localdate()
    # Stale entries, and those asked in the last year: once an organisation answers "still
    # right" its entry is no longer stale, but the list still shows who answered when.
    asked_lately = EntryCheck.objects.filter(
        asked_at__gte=timezone.now() - timedelta(days=365)
    ).values("organisation_id")
    entries = (
        organisations_for_user(access)
        .filter(
            Q(last_verified_on__isnull=True)
            | Q(last_verified_on__lt=stale_cutoff(today))
            | Q(pk__in=asked_lately)
        )
        .prefetch_related(
            Prefetch(
                "checks",
                queryset=EntryCheck.objects.select_related("contact", "asked_by").order_by(
                    "-asked_at"
                ),
                to_attr="check_history",
            )
        )
        .order_by("last_verified_on", "name")
    )
    for organisation in entries:
        organisation.needs_check = organisation.is_stale(today)
    proposals = (
        EntryProposal.objects.filter(
            status=EntryProposal.Status.PENDING,
            organisation__in=organisations_for_user(access, include_archived=True),
        )
        .select_related("organisation")
        .order_by("proposed_at")
    )
    return render(
        request,
        "sociale_kaart/freshness.html",
        {"entries": entries, "proposals": proposals, "today": today},
    )


@capability_required("can_coordinate")
@require_POST
def check_send(request, pk):
    """Ask this organisation now (instead of waiting for the yearly job)."""
    access = request.access
    organisation = get_organisation_for_user(access, pk, include_archived=False)
    check = services.entry_check_send(
        organisation=organisation, village=access.village, by=request.user
    )
    if check is None:
        messages.error(
            request,
            _("Nobody at %(name)s has an e-mail address. Add one to a contact person first.")
            % {"name": organisation.name},
        )
    else:
        messages.success(
            request,
            _("%(name)s is asked by e-mail (%(email)s) whether the entry is still right.")
            % {"name": organisation.name, "email": check.email},
        )
    return redirect(_back(request, reverse("sociale_kaart:freshness")))


def _public_entry(check) -> dict:
    organisation = check.organisation
    return {
        "organisation": organisation,
        "themes": organisation.themes.all(),
        "opening_days": _opening_days(organisation.opening_periods.all()),
        "desk_village": check.village,
    }


@login_not_required
def check_token(request, token):
    """The page behind the link in "Klopt dit nog?" (see checks.py): no login, one entry's
    public fields, one answer per round. A forged, altered or expired link gets a friendly
    page that says how to reach the desk."""
    pk = check_pk_from_token(token)
    check = (
        EntryCheck.objects.select_related("organisation", "village").filter(pk=pk).first()
        if pk
        else None
    )
    if check is None or check.organisation.is_archived:
        village = check.village if check else None
        return render(
            request, "sociale_kaart/check_invalid.html", {"desk_village": village}, status=404
        )
    now = timezone.now()
    context = {"check": check, **_public_entry(check)}
    if not is_link_open(asked_at=check.asked_at, answered_at=check.answered_at, now=now):
        return render(request, "sociale_kaart/check_done.html", context)
    # A copy to bind the form to: validating it must not touch the entry itself.
    copy = Organisation.objects.get(pk=check.organisation_id)
    form = EntryCheckForm(request.POST or None, instance=copy)
    if request.method == "POST":
        still_right = request.POST.get("answer") == "still_right"
        name_ok = bool(request.POST.get("answered_by", "").strip())
        if still_right and name_ok:
            with contextlib.suppress(services.RoundClosed):
                services.entry_check_confirm(check=check, name=request.POST["answered_by"], now=now)
            return redirect("sociale_kaart:check_token", token=token)
        if not still_right and form.is_valid():
            with contextlib.suppress(services.RoundClosed):
                services.entry_check_propose(
                    check=check,
                    name=form.cleaned_data["answered_by"],
                    values=form.values(),
                    remark=form.cleaned_data["remark"],
                    now=now,
                )
            return redirect("sociale_kaart:check_token", token=token)
        if still_right:
            form.is_valid()  # show the one error: the name is missing
    return render(request, "sociale_kaart/check_token.html", context | {"form": form})


@capability_required("can_coordinate")
def proposal_review(request, pk):
    """A coordinator compares the proposed correction with the entry, then accepts it (the
    change is applied through the service) or rejects it (the entry stays)."""
    access = request.access
    proposal = get_proposal_for_user(access, pk)
    organisation = proposal.organisation
    if request.method == "POST" and proposal.status == EntryProposal.Status.PENDING:
        decision = request.POST.get("decision")
        try:
            if decision == "accept":
                services.proposal_accept(
                    proposal=proposal,
                    village=access.village,
                    by=request.user,
                    today=timezone.localdate(),
                )
                messages.success(
                    request,
                    _("The correction is accepted: %(name)s is up to date.")
                    % {"name": organisation.name},
                )
                return redirect("sociale_kaart:detail", pk=organisation.pk)
            if decision == "reject":
                services.proposal_reject(proposal=proposal, village=access.village, by=request.user)
                messages.success(
                    request, _("The correction is rejected; the entry stays as it was.")
                )
                return redirect("sociale_kaart:freshness")
        except ValidationError as error:
            messages.error(
                request,
                _("The correction cannot be applied as it stands: %(errors)s")
                % {"errors": " ".join(error.messages)},
            )
        except services.RoundClosed:
            messages.info(request, _("Someone else has already reviewed this correction."))
    rows = [
        (
            capfirst(Organisation._meta.get_field(name).verbose_name),
            getattr(organisation, name),
            new,
            old,
        )
        for name, (old, new) in proposal.changes.items()
        if name in PUBLIC_FIELDS
    ]
    return render(
        request,
        "sociale_kaart/proposal_review.html",
        {"proposal": proposal, "organisation": organisation, "rows": rows},
    )
