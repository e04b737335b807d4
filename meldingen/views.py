from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import capability_required
from koppelingen import services as matching

from . import services
from .forms import FollowUpForm, VillageSettingsForm
from .jobs import settings_for
from .selectors import (
    follow_up_assignment,
    get_follow_up_for_user,
    get_todo_for_user,
    open_todos,
    recently_done,
)


@capability_required("can_coordinate")
def todos(request):
    """The coordinator's to-do list: late first, then today, then later."""
    return render(
        request,
        "meldingen/todos.html",
        {"todos": open_todos(request.access), "done": recently_done(request.access)},
    )


@capability_required("can_coordinate")
@require_POST
def todo_done(request, pk):
    """Tick off with one click and an optional short note (htmx swaps the row; without JS
    it redirects back)."""
    todo = get_todo_for_user(request.access, pk)
    services.todo_done(todo=todo, by=request.user, note=request.POST.get("note", ""))
    if request.htmx:
        return render(request, "meldingen/_todo_done.html", {"todo": todo})
    messages.success(request, _("Done: %(title)s") % {"title": todo.title})
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("meldingen:todos")


@capability_required("can_coordinate")
def follow_up(request, pk):
    """The follow-up call of a new pair ("hoe ging het?"): how it went, a note and whether it
    was a mismatch go into the pair's logbook; the to-do is ticked off and the request
    closed when this was its last step."""
    todo = get_follow_up_for_user(request.access, pk)
    assignment = follow_up_assignment(todo)
    form = FollowUpForm(request.POST or None)
    can_record = todo.done_at is None and assignment is not None
    if request.method == "POST" and can_record and form.is_valid():
        try:
            result = matching.follow_up_record(todo=todo, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            text = _("Recorded in the logbook of %(volunteer)s and %(resident)s.") % {
                "volunteer": result.assignment.volunteer.full_name,
                "resident": result.assignment.resident.first_name,
            }
            if result.request_closed:
                text += " " + _("The request is closed.")
            messages.success(request, text)
            return redirect("meldingen:todos")
    return render(
        request,
        "meldingen/follow_up.html",
        {"todo": todo, "assignment": assignment, "form": form, "can_record": can_record},
    )


@capability_required("can_coordinate")
def village_settings(request):
    """When reminders and follow-ups go out in this village."""
    instance = settings_for(request.access.village)
    form = VillageSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Settings saved."))
        return redirect("meldingen:settings")
    return render(request, "meldingen/settings.html", {"form": form})
