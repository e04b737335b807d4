"""Activities outside help requests: the coordinator's pages. Everything 404s for others."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import capability_required
from accounts.form_errors import add_service_errors
from accounts.form_fields import DutchDateField

from . import selectors, services
from .forms import ActivityFilterForm, ActivityForm, VolunteerPickerForm
from .models import Activity

LIST_LIMIT = 200


@capability_required("can_coordinate")
def activity_list(request):
    """Activities of the village by year, with the year's volunteers per kind."""
    today = timezone.localdate()
    years = selectors.activity_years(request.access)
    if today.year not in years:
        years = sorted([*years, today.year], reverse=True)
    filter_form = ActivityFilterForm(request.GET or None, years=years, initial={"year": today.year})
    year, kind = today.year, None
    if filter_form.is_valid():
        year = filter_form.cleaned_data["year"] or None
        kind = filter_form.cleaned_data["kind"]
    activities = selectors.activities_for(request.access)
    if year:
        activities = activities.filter(starts_on__year=year)
    if kind:
        activities = activities.filter(kind=kind)
    activities = list(activities[: LIST_LIMIT + 1])
    summary_year = year or today.year
    village = request.access.village
    return render(
        request,
        "activiteiten/list.html",
        {
            "filter_form": filter_form,
            "activities": activities[:LIST_LIMIT],
            "truncated": len(activities) > LIST_LIMIT,
            "year": year,
            "summary_year": summary_year,
            "per_kind": selectors.participants_per_kind(village, summary_year),
            "deployed_count": len(
                selectors.deployed_volunteer_ids(
                    village, date(summary_year, 1, 1), date(summary_year, 12, 31)
                )
            ),
        },
    )


def _picker_context(village, data, chosen_ids) -> dict:
    """The volunteer search of the activity form, from the submitted or htmx values."""
    picker_form = VolunteerPickerForm(data or None)
    q, category, available_on = "", None, None
    if picker_form.is_valid():
        q = picker_form.cleaned_data["picker_q"]
        category = picker_form.cleaned_data["picker_offers"]
        if picker_form.cleaned_data["picker_available"]:
            try:
                available_on = DutchDateField(required=False).clean((data or {}).get("starts_on"))
            except ValidationError:
                available_on = None
            available_on = available_on or timezone.localdate()
    return {
        "picker_form": picker_form,
        "pick": selectors.volunteer_picker(
            village, chosen_ids=chosen_ids, q=q, category=category, available_on=available_on
        ),
    }


def _typed_values(data) -> dict:
    """What was typed in the activity form, as initial values (a search keeps it all)."""
    values = {name: data.get(name) for name in data if name != "volunteers"}
    values["volunteers"] = data.getlist("volunteers")
    values["from_signal"] = bool(data.get("from_signal"))
    return values


def _searching(request) -> bool:
    """The picker's "Search" button (without JavaScript) re-renders instead of saving."""
    return request.method == "POST" and request.POST.get("pick") == "search"


@capability_required("can_coordinate")
def volunteer_picker(request):
    """htmx: the chosen and found volunteers for the activity form's picker."""
    return render(
        request,
        "activiteiten/_volunteer_picker_lists.html",
        _picker_context(request.access.village, request.GET, request.GET.getlist("volunteers")),
    )


@capability_required("can_coordinate")
def activity_create(request):
    village = request.access.village
    if _searching(request):
        form = ActivityForm(village=village, initial=_typed_values(request.POST))
    else:
        form = ActivityForm(
            request.POST or None, village=village, initial={"starts_on": timezone.localdate()}
        )
    if request.method == "POST" and not _searching(request) and form.is_valid():
        try:
            activity = services.activity_create(
                village=village, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The activity has been recorded."))
            return redirect("activiteiten:detail", pk=activity.pk)
    chosen = request.POST.getlist("volunteers") if request.method == "POST" else []
    return render(
        request,
        "activiteiten/form.html",
        {"form": form, **_picker_context(village, request.POST, chosen)},
    )


@capability_required("can_coordinate")
def activity_detail(request, pk):
    activity = selectors.get_activity_for_user(request.access, pk)
    return render(
        request,
        "activiteiten/detail.html",
        {
            "activity": activity,
            "volunteers": activity.volunteers.order_by("last_name", "first_name"),
            "log_entries": activity.log_entries.select_related("by")[:30],
        },
    )


@capability_required("can_coordinate")
def activity_edit(request, pk):
    activity = selectors.get_activity_for_user(request.access, pk)
    village = request.access.village
    instance = Activity.objects.get(pk=activity.pk)
    if _searching(request):
        form = ActivityForm(village=village, instance=instance, initial=_typed_values(request.POST))
    else:
        form = ActivityForm(request.POST or None, village=village, instance=instance)
    if request.method == "POST" and not _searching(request) and form.is_valid():
        data = dict(form.cleaned_data)
        volunteers = data.pop("volunteers")
        try:
            services.activity_update(
                activity=activity, by=request.user, volunteers=volunteers, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("activiteiten:detail", pk=activity.pk)
    chosen = (
        request.POST.getlist("volunteers")
        if request.method == "POST"
        else list(instance.volunteers.values_list("pk", flat=True))
    )
    return render(
        request,
        "activiteiten/form.html",
        {"form": form, "activity": activity, **_picker_context(village, request.POST, chosen)},
    )
