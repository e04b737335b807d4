from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .access import ACTIVE_VILLAGE_SESSION_KEY, capability_required
from .forms import DeskContactForm, EmailAuthenticationForm


def home(request):
    """Send every role to its own start page."""
    return redirect(request.access.start_url)


def no_role(request):
    if request.access.villages:
        return redirect(request.access.start_url)
    return render(request, "accounts/no_role.html")


@require_POST
def switch_village(request):
    try:
        village_id = int(request.POST.get("village", ""))
    except ValueError:
        raise Http404 from None
    if village_id not in {v.pk for v in request.access.villages}:
        raise Http404
    request.session[ACTIVE_VILLAGE_SESSION_KEY] = village_id
    messages.success(request, _("You are now working in another village."))
    target = request.POST.get("next") or "home"
    if target != "home" and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return HttpResponseRedirect(target)
    return redirect("home")


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True


@capability_required("can_set_up_desk")
def desk_settings(request):
    """The desk's phone number and e-mail address, shown wherever the app says "call us"."""
    village = request.access.village
    form = DeskContactForm(request.POST or None, instance=village)
    if request.method == "POST" and form.is_valid():
        services.village_desk_contact_update(
            village=village,
            phone=form.cleaned_data["desk_phone"],
            email=form.cleaned_data["desk_email"],
        )
        messages.success(request, _("The desk's details are saved."))
        return redirect("desk_settings")
    return render(request, "accounts/desk_settings.html", {"form": form, "village": village})
