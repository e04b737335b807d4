from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import capability_required

from . import services
from .forms import VillageSettingsForm
from .selectors import get_todo_for_user, open_todos, recently_done


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
def village_settings(request):
    """When reminders and follow-ups go out in this village."""
    instance = services.settings_for(request.access.village)
    form = VillageSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Settings saved."))
        return redirect("meldingen:settings")
    return render(request, "meldingen/settings.html", {"form": form})
