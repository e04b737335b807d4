"""Views of the volunteer registry: thin (permission, form, service call, redirect)."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.access import capability_required
from accounts.access_log import Action, log_read, log_residents
from accounts.form_errors import add_service_errors
from accounts.models import Village
from accounts.page_shell import render_page
from accounts.security import client_ip
from accounts.templatetags.nl_format import format_nl_date
from activiteiten.selectors import activities_for_volunteer
from koppelingen.rules import STANDING_PAUSED, task_access
from koppelingen.selectors import task_history, work_elsewhere

from . import my_tasks as my_tasks_page
from . import registry_form, registry_rows, services, sharing
from .availability import VolunteerStatus, is_absent_on, slots_summary
from .confirmation import is_answer_late, request_pk_from_token, round_state
from .filters import RegistryFilter, category_choices
from .forms import (
    AbsenceForm,
    AvailabilityForm,
    ConfirmationAnswerForm,
    MyBoundariesForm,
    MyDetailsForm,
    PauseForm,
    ShareForm,
    SignUpForm,
    StopForm,
    VolunteerForm,
    grid_rows,
    slot_keys,
)
from .models import Absence, ConfirmationRequest, ConfirmationRound, Volunteer, VolunteerVillage
from .selectors import (
    get_shared_volunteer_for_user,
    get_volunteer_for_user,
    own_volunteer,
    registry_counts,
    stop_consequences,
)

PAGE_SIZE = 50

logger = logging.getLogger(__name__)


# --- coordinators: the registry ------------------------------------------------------------
@capability_required("can_coordinate")
def registry(request):
    """The registry with filters, search and the counts at the top."""
    today = timezone.localdate()
    data = request.GET or None
    # The filterset validates the form and gives its conditions (none without filters: then
    # it is made only when the form's markup is not remembered). The volunteers are read by
    # VolunteerList as plain values, its queries put together once per shape.
    filterset = None

    def filterset_now(categories=None):
        nonlocal filterset
        if filterset is None:
            filterset = RegistryFilter(
                data, queryset=Volunteer.objects.none(), today=today, categories=categories
            )
        return filterset

    conditions = filterset_now().conditions() if data is not None else {}
    volunteer_list = registry_rows.VolunteerList(request.access.village.pk, conditions)
    page = Paginator(volunteer_list, PAGE_SIZE).get_page(request.GET.get("page"))
    volunteers = list(page.object_list)
    facts = registry_rows.page_facts([v.pk for v in volunteers], today=today)
    renderer = registry_rows.RegistryRows(today=today)
    rows = [
        {"volunteer": v, "html": html}
        for v, html in zip(volunteers, renderer.page(volunteers, facts), strict=True)
    ]
    query = request.GET.copy()
    query.pop("page", None)
    query = query.urlencode()
    # One string: the template's loop over 50 rows cost more than joining them.
    rows_html = mark_safe("".join(row["html"] for row in rows))  # noqa: S308 - safe parts
    counts = registry_counts(request.access.village, today=today)
    context = {
        "page": page,
        "rows": rows,
        "rows_html": rows_html,
        "query": query,
        "counts": counts,
        "today": today,
        # The table and the heading are made in Python (registry_rows).
        "table_html": registry_rows.table_html(page, rows_html, query),
    }
    if request.htmx:
        return render(request, "vrijwilligers/_registry_table.html", context)
    # The filter form's fields, built in Python (or by crispy for a field it does not know
    # how to build).
    categories = filterset.category_choices if filterset else category_choices()
    filter_fields = registry_form.registry_filter_html(
        data, categories, lambda: filterset_now(categories)
    )
    content = registry_rows.content_html(
        registry_rows.top_html(request.access.village.name, counts),
        filter_fields,
        context["table_html"],
    )
    return render_page(request, "vrijwilligers/registry.html", content)


@capability_required("can_coordinate")
def detail(request, pk):
    volunteer = get_volunteer_for_user(request.access, pk)
    today = timezone.localdate()
    volunteer = (
        Volunteer.objects.filter(pk=volunteer.pk)
        .prefetch_related(
            "categories",
            "refused_categories",
            "availability_slots",
            Prefetch("absences", queryset=Absence.objects.filter(ends_on__gte=today)),
        )
        .select_related("user")
        .get()
    )
    changes = volunteer.changes.select_related("by")[:50]
    open_request = (
        volunteer.confirmation_requests.filter(responded_on__isnull=True)
        .select_related("round")
        .first()
    )
    history = task_history(volunteer)
    log_residents(request, history)
    return render(
        request,
        "vrijwilligers/detail.html",
        {
            "volunteer": volunteer,
            "grid": _grid_for(volunteer.weekly_slots),
            "absences": volunteer.absences.all(),
            "absent_now": is_absent_on(volunteer.absence_periods, today),
            "changes": changes,
            "open_request": open_request,
            "field_labels": _field_labels(),
            "task_history": history,
            "volunteer_activities": activities_for_volunteer(volunteer),
            "shares": volunteer.helps_also_in.filter(ended_on__isnull=True)
            .select_related("helps_in", "agreed_by")
            .prefetch_related("categories"),
            "work_elsewhere": work_elsewhere(volunteer, today=today),
        },
    )


# --- helping a neighbouring village ------------------------------------------------------


@capability_required("can_coordinate")
def share_add(request, pk):
    """The home desk agrees that this volunteer also helps another village, with that
    village's own boundaries."""
    volunteer = get_volunteer_for_user(request.access, pk)
    form = ShareForm(
        request.POST or None,
        volunteer=volunteer,
        villages=Village.objects.exclude(pk=volunteer.village_id).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            share = services.volunteer_share_start(
                volunteer=volunteer,
                helps_in=data["helps_in"],
                categories=list(data["categories"]),
                max_km=data["max_km"],
                weekdays=data["weekdays"],
                note=data["note"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s now also helps %(village)s. That desk sees them among its candidates.")
                % {"name": volunteer, "village": share.helps_in.name},
            )
            return redirect("vrijwilligers:detail", volunteer.pk)
    return render(request, "vrijwilligers/share_form.html", {"volunteer": volunteer, "form": form})


@require_POST
@capability_required("can_coordinate")
def share_end(request, pk, share_pk):
    volunteer = get_volunteer_for_user(request.access, pk)
    share = get_object_or_404(VolunteerVillage, pk=share_pk, volunteer=volunteer)
    services.volunteer_share_end(share=share, by=request.user)
    messages.success(
        request,
        _("%(name)s no longer helps %(village)s.")
        % {"name": volunteer, "village": share.helps_in.name},
    )
    return redirect("vrijwilligers:detail", volunteer.pk)


def _offered_there(volunteer, share) -> list:
    if share is None:
        return []
    offered = sharing.offers_there(
        volunteer.categories.values_list("pk", flat=True), (c.pk for c in share.categories.all())
    )
    return [c for c in share.categories.all() if c.pk in offered]


@capability_required("can_coordinate")
def shared_detail(request, pk):
    """A volunteer from another village, as this village's desk sees them: name, home
    village, what they offer here and when; phone and e-mail only after they accepted a
    task here (`sharing.contact_visible_elsewhere`). Their registry page stays their home
    desk's."""
    from django.db.models import Max, Q

    from koppelingen.models import Assignment

    volunteer = get_shared_volunteer_for_user(request.access, pk)
    today = timezone.localdate()
    village = request.access.village
    volunteer = (
        Volunteer.objects.filter(pk=volunteer.pk)
        .select_related("village")
        .prefetch_related(
            "availability_slots",
            Prefetch("absences", queryset=Absence.objects.filter(ends_on__gte=today)),
        )
        .get()
    )
    share = (
        volunteer.helps_also_in.filter(helps_in=village, ended_on__isnull=True)
        .prefetch_related("categories")
        .first()
    )
    here = Assignment.objects.filter(volunteer=volunteer, village=village).aggregate(
        planned=Count("pk", filter=Q(status=Assignment.Status.ACTIVE)),
        done=Count("pk", filter=Q(status=Assignment.Status.DONE)),
        last_task_on=Max("task_date", filter=Q(status__in=["active", "done"])),
    )
    return render(
        request,
        "vrijwilligers/shared_detail.html",
        {
            "volunteer": volunteer,
            "share": share,
            "weekdays": share.weekday_names if share else [],
            "max_km": sharing.max_km_there(volunteer.max_km, share.max_km) if share else None,
            "categories": _offered_there(volunteer, share),
            "grid": _grid_for(volunteer.weekly_slots),
            "absent_now": is_absent_on(volunteer.absence_periods, today),
            "here": here,
            "shows_contact": sharing.contact_visible_elsewhere(
                has_planned_task=bool(here["planned"]),
                last_task_on=here["last_task_on"],
                today=today,
            ),
        },
    )


def _grid_for(slots):
    return grid_rows(AvailabilityForm(initial={"slots": slot_keys(slots)})["slots"])


def _field_labels() -> dict:
    labels = {
        f.name: f.verbose_name for f in Volunteer._meta.get_fields() if hasattr(f, "verbose_name")
    }
    labels["availability"] = _("availability")
    return labels


@capability_required("can_coordinate")
def create(request):
    form = VolunteerForm(request.POST or None, initial={"registered_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            volunteer = services.volunteer_create(
                village=request.access.village,
                by=request.user,
                fields=form.detail_fields(),
                categories=form.cleaned_data["categories"],
                refused_categories=form.cleaned_data["refused_categories"],
                slots=form.cleaned_data["slots"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is in the registry.") % {"name": volunteer})
            return redirect("vrijwilligers:detail", volunteer.pk)
    return render(
        request,
        "vrijwilligers/form.html",
        {"form": form, "grid": grid_rows(form["slots"]), "title": _("New volunteer")},
    )


@capability_required("can_coordinate")
def edit(request, pk):
    volunteer = get_volunteer_for_user(request.access, pk)
    form = VolunteerForm(request.POST or None, instance=volunteer)
    if request.method == "POST" and form.is_valid():
        volunteer = get_volunteer_for_user(request.access, pk)  # unmodified by the form
        try:
            services.volunteer_update(
                volunteer=volunteer,
                by=request.user,
                fields=form.detail_fields(),
                categories=form.cleaned_data["categories"],
                refused_categories=form.cleaned_data["refused_categories"],
                slots=form.cleaned_data["slots"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("vrijwilligers:detail", volunteer.pk)
    return render(
        request,
        "vrijwilligers/form.html",
        {
            "form": form,
            "grid": grid_rows(form["slots"]),
            "title": _("Edit %(name)s") % {"name": volunteer},
            "volunteer": volunteer,
        },
    )


def _status_action(request, pk, action):
    volunteer = get_volunteer_for_user(request.access, pk)
    try:
        action(volunteer)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("vrijwilligers:detail", volunteer.pk)


def _pause_text(volunteer) -> str:
    if volunteer.paused_until:
        return _("%(name)s is on a pause until %(until)s and will not be asked until then.") % {
            "name": volunteer,
            "until": format_nl_date(volunteer.paused_until),
        }
    return _("%(name)s is on a pause until further notice and will not be asked.") % {
        "name": volunteer
    }


def _confirmed_change(request, volunteer, form, template, change):
    """The page of a change that asks first (pause, stop): on a valid POST `change` runs the
    service with the cleaned data and returns the message to show; a refusal from the
    service goes onto the form, with everything typed kept."""
    if request.method == "POST" and form.is_valid():
        try:
            text = change(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, text)
            return redirect("vrijwilligers:detail", volunteer.pk)
    consequences = stop_consequences(volunteer)
    log_residents(
        request,
        [
            *consequences.planned_tasks,
            *(invitation.help_request for invitation in consequences.pending_invitations),
        ],
    )
    return render(
        request, template, {"volunteer": volunteer, "form": form, "consequences": consequences}
    )


@capability_required("can_coordinate")
def pause(request, pk):
    """Give a pause (holiday, illness): a page that says what it means, then one button."""
    volunteer = get_volunteer_for_user(request.access, pk)
    form = PauseForm(
        request.POST if request.method == "POST" else None,
        initial={"until": volunteer.paused_until, "note": volunteer.pause_note},
    )

    def give_pause(data):
        services.volunteer_pause(
            volunteer=volunteer, by=request.user, until=data["until"], note=data["note"]
        )
        return _pause_text(volunteer)

    return _confirmed_change(request, volunteer, form, "vrijwilligers/pause.html", give_pause)


@require_POST
@capability_required("can_coordinate")
def resume(request, pk):
    def resume_now(volunteer):
        services.volunteer_resume(volunteer=volunteer, by=request.user)
        messages.success(request, _("%(name)s is active again.") % {"name": volunteer})

    return _status_action(request, pk, resume_now)


@capability_required("can_coordinate")
def stop(request, pk):
    """Stopping asks first: the page says what will happen (login, invitations, planned
    tasks), the reason has no preselected choice, and only "Yes, stop" stops."""
    volunteer = get_volunteer_for_user(request.access, pk)
    if volunteer.status == VolunteerStatus.STOPPED:
        messages.info(request, _("%(name)s has stopped already.") % {"name": volunteer})
        return redirect("vrijwilligers:detail", volunteer.pk)
    form = StopForm(
        request.POST if request.method == "POST" else None,
        initial={"on": timezone.localdate()},
    )

    def stop_now(data):
        result = services.volunteer_stop(
            volunteer=volunteer,
            by=request.user,
            on=data["on"],
            reason=data["reason"],
            note=data["note"],
        )
        parts = [_("%(name)s has stopped as a volunteer.") % {"name": volunteer}]
        if result.withdrawn:
            parts.append(
                ngettext(
                    "%(n)d open invitation has been withdrawn.",
                    "%(n)d open invitations have been withdrawn.",
                    len(result.withdrawn),
                )
                % {"n": len(result.withdrawn)}
            )
        if result.login_ended:
            parts.append(_("Their volunteer login has ended."))
        return " ".join(parts)

    return _confirmed_change(request, volunteer, form, "vrijwilligers/stop.html", stop_now)


@require_POST
@capability_required("can_coordinate")
def activate(request, pk):
    def activate_now(volunteer):
        services.volunteer_activate(volunteer=volunteer, by=request.user)
        if volunteer.user_id:
            messages.success(
                request,
                _("%(name)s is active. An invitation to set a password went to %(email)s.")
                % {"name": volunteer, "email": volunteer.email},
            )
        else:
            messages.success(
                request, _("%(name)s is active (without a login).") % {"name": volunteer}
            )

    return _status_action(request, pk, activate_now)


@capability_required("can_coordinate")
def confirmation_round(request):
    """This year's round: who was asked, the call list and who did not answer."""
    today = timezone.localdate()
    village = request.access.village
    round_ = ConfirmationRound.objects.filter(village=village, year=today.year).first()
    requests = []
    if round_ is not None:
        requests = list(
            ConfirmationRequest.objects.filter(round=round_).select_related("volunteer")
        )
    asked = len(requests)
    answered = sum(1 for r in requests if r.responded_on)
    weeks = round_.respond_within_weeks if round_ else 0
    context = {
        "round": round_,
        "today": today,
        "state": round_state(started=round_ is not None, asked=asked, answered=answered),
        "to_call": [r for r in requests if r.method == r.Method.CALL and r.responded_on is None],
        "no_answer": [
            r
            for r in requests
            if is_answer_late(
                asked_on=r.created_on,
                answered_on=r.responded_on,
                flagged_on=r.flagged_on,
                weeks=weeks,
                today=today,
            )
        ],
        "answered_with_note": [r for r in requests if r.responded_on and r.response_note],
        "asked": asked,
        "answered": answered,
        "waiting": asked - answered,
    }
    return render(request, "vrijwilligers/confirmation_round.html", context)


@require_POST
@capability_required("can_coordinate")
def confirmation_round_start(request):
    result = services.confirmation_round_run(
        village=request.access.village, today=timezone.localdate()
    )
    messages.success(
        request,
        _("Round %(year)s: %(emailed)s e-mails sent, %(call)s to call.")
        % {"year": result.round.year, "emailed": len(result.emailed), "call": len(result.to_call)},
    )
    return redirect("vrijwilligers:confirmation_round")


@require_POST
@capability_required("can_coordinate")
def confirmed_by_phone(request, pk):
    """The coordinator called the volunteer, who said the details are still right."""
    volunteer = get_volunteer_for_user(request.access, pk)
    services.volunteer_confirm(
        volunteer=volunteer,
        by=request.user,
        today=timezone.localdate(),
        note=request.POST.get("note", "")[:2000],
    )
    messages.success(
        request, _("Noted: the details of %(name)s are still right.") % {"name": volunteer}
    )
    target = request.POST.get("next")
    if target == "round":
        return redirect("vrijwilligers:confirmation_round")
    if target == "phone_round":
        return redirect("koppelingen:phone_round")
    return redirect("vrijwilligers:detail", volunteer.pk)


# --- shared: coordinators and the volunteer themselves ---------------------------------------
def _is_self(request, volunteer) -> bool:
    return volunteer.user_id is not None and volunteer.user_id == request.user.pk


def _back_url(request, volunteer) -> str:
    if request.access.can_coordinate and not _is_self(request, volunteer):
        return reverse("vrijwilligers:detail", args=[volunteer.pk])
    return reverse("vrijwilligers:my_details")


def absences(request, pk):
    """List and add absences: the volunteer on their phone, or the coordinator."""
    volunteer = get_volunteer_for_user(request.access, pk)
    form = AbsenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.absence_add(
                volunteer=volunteer,
                by=request.user,
                by_volunteer=_is_self(request, volunteer),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Your absence has been saved.")
                if _is_self(request, volunteer)
                else _("The absence has been saved."),
            )
            return redirect("vrijwilligers:absences", volunteer.pk)
    today = timezone.localdate()
    return render(
        request,
        "vrijwilligers/absences.html",
        {
            "volunteer": volunteer,
            "form": form,
            "absences": volunteer.absences.filter(ends_on__gte=today),
            "is_self": _is_self(request, volunteer),
            "back_url": _back_url(request, volunteer),
        },
    )


@require_POST
def absence_delete(request, pk, absence_pk):
    volunteer = get_volunteer_for_user(request.access, pk)
    absence = get_object_or_404(volunteer.absences, pk=absence_pk)
    services.absence_remove(
        absence=absence, by=request.user, by_volunteer=_is_self(request, volunteer)
    )
    messages.success(request, _("The absence has been removed."))
    return redirect("vrijwilligers:absences", volunteer.pk)


def availability(request, pk):
    """The weekly grid: the volunteer on their phone, or the coordinator."""
    volunteer = get_volunteer_for_user(request.access, pk)
    form = AvailabilityForm(
        request.POST or None, initial={"slots": slot_keys(volunteer.weekly_slots)}
    )
    if request.method == "POST" and form.is_valid():
        services.volunteer_update(
            volunteer=volunteer,
            by=request.user,
            slots=form.cleaned_data["slots"],
            by_volunteer=_is_self(request, volunteer),
        )
        messages.success(
            request,
            _("Your availability has been saved.")
            if _is_self(request, volunteer)
            else _("The availability has been saved."),
        )
        return redirect(_back_url(request, volunteer))
    return render(
        request,
        "vrijwilligers/availability.html",
        {
            "volunteer": volunteer,
            "form": form,
            "grid": grid_rows(form["slots"]),
            "back_url": _back_url(request, volunteer),
        },
    )


# --- volunteers: self-service on the phone ---------------------------------------------------
def _own_or_404(request) -> Volunteer:
    volunteer = own_volunteer(request.access)
    if volunteer is None:
        raise Http404
    return volunteer


@capability_required("is_volunteer")
def my_tasks(request):
    """The volunteer's phone page: invitations, upcoming and past tasks. Each opens at the
    task's own address (the volunteer is logged in: no token needed)."""
    today = timezone.localdate()
    volunteer = my_tasks_page.own_volunteer(request.access)
    tasks_html = None
    paused = False
    if volunteer is not None:
        tasks = my_tasks_page.read(volunteer, today=today)
        paused = (
            task_access(
                volunteer_status=volunteer.status,
                paused_until=volunteer.paused_until,
                accepted=False,
                task_date=None,
                today=today,
            ).standing
            == STANDING_PAUSED
        )
        # A volunteer who also helps a neighbouring village sees its residents too: each
        # read goes into the log of the resident's own village, for that desk to review.
        for village_id, resident_ids in tasks.residents_by_village(volunteer.village_id).items():
            log_read(
                request,
                village=village_id,
                resident_ids=resident_ids,
                action=Action.SEARCH,
            )
        tasks_html = my_tasks_page.html(tasks, home_village_id=volunteer.village_id, today=today)
    return render(
        request,
        "vrijwilligers/my_tasks.html",
        {
            "tasks_html": tasks_html,
            "paused": paused,
            "paused_until": volunteer.paused_until if volunteer else None,
        },
    )


@capability_required("is_volunteer")
def my_details(request):
    """Overview of everything the volunteer keeps themselves, with "still right"."""
    volunteer = own_volunteer(request.access)
    if volunteer is None:
        return render(request, "vrijwilligers/my_details_missing.html")
    today = timezone.localdate()
    return render(
        request,
        "vrijwilligers/my_details.html",
        {
            "volunteer": volunteer,
            "categories": volunteer.categories.all(),
            "refused": volunteer.refused_categories.all(),
            "slots": slots_summary(volunteer.weekly_slots),
            "absences": volunteer.absences.filter(ends_on__gte=today),
            "feed_url": settings.SITE_URL
            + reverse("koppelingen:feed", args=[volunteer.calendar_token])
            if volunteer.calendar_token
            else "",
        },
    )


@capability_required("is_volunteer")
def my_details_edit(request):
    volunteer = _own_or_404(request)
    form = MyDetailsForm(request.POST or None, instance=volunteer)
    if request.method == "POST" and form.is_valid():
        volunteer = _own_or_404(request)
        try:
            services.volunteer_update(
                volunteer=volunteer, by=request.user, fields=form.cleaned_data, by_volunteer=True
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your details have been saved."))
            return redirect("vrijwilligers:my_details")
    return render(
        request,
        "vrijwilligers/my_form.html",
        {"form": form, "title": _("My details")},
    )


@capability_required("is_volunteer")
def my_boundaries(request):
    volunteer = _own_or_404(request)
    form = MyBoundariesForm(request.POST or None, instance=volunteer)
    if request.method == "POST" and form.is_valid():
        volunteer = _own_or_404(request)
        try:
            services.volunteer_update(
                volunteer=volunteer,
                by=request.user,
                fields=form.detail_fields(),
                categories=form.cleaned_data["categories"],
                refused_categories=form.cleaned_data["refused_categories"],
                by_volunteer=True,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your wishes and boundaries have been saved."))
            return redirect("vrijwilligers:my_details")
    return render(
        request,
        "vrijwilligers/my_form.html",
        {"form": form, "title": _("What I do and what I don't")},
    )


@require_POST
@capability_required("is_volunteer")
def my_calendar_renew(request):
    """Make (or renew) the volunteer's calendar-feed address; the old one stops working."""
    volunteer = _own_or_404(request)
    had_one = bool(volunteer.calendar_token)
    services.volunteer_calendar_renew(volunteer=volunteer)
    messages.success(
        request,
        _("Your calendar has a new address. The old address no longer works.")
        if had_one
        else _("Your calendar address is ready."),
    )
    return redirect(reverse("vrijwilligers:my_details") + "#calendar")


@require_POST
@capability_required("is_volunteer")
def my_confirm(request):
    volunteer = _own_or_404(request)
    services.volunteer_confirm(
        volunteer=volunteer, by=request.user, today=timezone.localdate(), by_volunteer=True
    )
    messages.success(request, _("Thank you! We have noted that your details are still right."))
    return redirect("vrijwilligers:my_details")


# --- public pages -------------------------------------------------------------------------------
def _client_ip(request) -> str:
    # The address the login lockout uses (accounts.security.client_ip): REMOTE_ADDR, which
    # behind the compose proxy is the browser's (PROXY protocol); X-Forwarded-For only when a
    # trusted proxy is declared (SECURE_PROXY_SSL_HEADER), never a header anyone can forge.
    return client_ip(request) or "unknown"


def _signup_key(request) -> str:
    return f"vrijwilligers:signup:{_client_ip(request)}"


def _over_rate_limit(request) -> bool:
    """Whether this IP address made as many sign-ups as allowed this hour. Only sign-ups
    that went through count (`_count_signup`): typing errors cost nothing. The count is in
    the cache (Redis in production, so it holds across processes); a cache that cannot be
    reached lets the sign-up through rather than failing."""
    limit, _seconds = getattr(settings, "VOLUNTEER_SIGNUP_RATE", (5, 60 * 60))
    try:
        return (cache.get(_signup_key(request)) or 0) >= limit
    except Exception:  # noqa: BLE001 - the cache is down: never a 500 for a stranger
        logger.warning("sign-up rate limit: the cache cannot be reached", exc_info=True)
        return False


def _count_signup(request) -> None:
    """Count a sign-up that went through for this IP address (see `_over_rate_limit`)."""
    _limit, seconds = getattr(settings, "VOLUNTEER_SIGNUP_RATE", (5, 60 * 60))
    key = _signup_key(request)
    try:
        if not cache.add(key, 1, timeout=seconds):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=seconds)
    except Exception:  # noqa: BLE001 - the sign-up is saved; the count is best effort
        logger.warning("sign-up rate limit: the cache cannot be reached", exc_info=True)


@login_not_required
def become_volunteer(request):
    """Public: "Word vrijwilliger" for a stranger, with every village's sign-up page."""
    return render(
        request,
        "vrijwilligers/become_volunteer.html",
        {"villages": Village.objects.order_by("name").only("name", "slug")},
    )


@login_not_required
def signup(request, village_slug):
    """Public "Word vrijwilliger" page of one village."""
    village = get_object_or_404(Village, slug=village_slug)
    form = SignUpForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _over_rate_limit(request):
            form.is_valid()  # keep what was typed, with field errors if any
            if village.desk_phone:
                limit_message = _(
                    "We received many sign-ups from this connection. Please try again in an "
                    "hour, or call the desk: %(phone)s."
                ) % {"phone": village.desk_phone_display}
            else:
                limit_message = _(
                    "We received many sign-ups from this connection. Please try again in an "
                    "hour, or call us."
                )
            form.add_error(None, limit_message)
            status = 429
        elif form.is_spam:
            # Act as if it worked: a robot learns nothing.
            return redirect("vrijwilligers:signup_thanks", village.slug)
        elif form.is_valid():
            try:
                services.volunteer_sign_up(
                    village=village,
                    fields=form.volunteer_fields(),
                    categories=form.cleaned_data["categories"],
                    slots=form.cleaned_data["slots"],
                    message=form.cleaned_data["message"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                _count_signup(request)
                return redirect("vrijwilligers:signup_thanks", village.slug)
    return render(
        request,
        "vrijwilligers/signup.html",
        {"form": form, "village": village, "grid": grid_rows(form["slots"])},
        status=status,
    )


@login_not_required
def signup_thanks(request, village_slug):
    village = get_object_or_404(Village, slug=village_slug)
    return render(request, "vrijwilligers/signup_thanks.html", {"village": village})


@login_not_required
def confirm_token(request, token):
    """The page behind the link in the yearly round's e-mail (see confirmation.py)."""
    pk = request_pk_from_token(token)
    confirmation = (
        ConfirmationRequest.objects.filter(pk=pk).select_related("volunteer", "village").first()
        if pk
        else None
    )
    if confirmation is None or confirmation.volunteer.status == VolunteerStatus.STOPPED:
        # A genuine link names its village: say how to reach that desk.
        village = confirmation.village if confirmation else None
        return render(
            request, "vrijwilligers/confirm_invalid.html", {"desk_village": village}, status=404
        )
    volunteer = confirmation.volunteer
    form = ConfirmationAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.volunteer_confirm(
            volunteer=volunteer,
            by=request.user,
            today=timezone.localdate(),
            note=form.cleaned_data["note"],
            by_volunteer=True,
        )
        confirmation.refresh_from_db()
    return render(
        request,
        "vrijwilligers/confirm_token.html",
        {
            "confirmation": confirmation,
            "volunteer": volunteer,
            "categories": volunteer.categories.all(),
            "slots": slots_summary(volunteer.weekly_slots),
            "form": form,
        },
    )
