"""Pages for the second factor, the security overview, "log out everywhere", the session
keep-alive and the rate-limited password reset (issue 14)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import security, two_factor
from .outgoing import OutboxPasswordResetForm

RECOVERY_CODES_SESSION_KEY = "security_new_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "class": "form-control form-control-lg code-input",
            }
        ),
        error_messages={"required": gettext_lazy("Type the code.")},
    )


def _next_url(request, default: str | None = "home"):
    """The page asked for before the login step (same site only), else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default) if default else None


def two_factor_verify(request):
    """The second step of the login: a code from the app, or one of the recovery codes."""
    if security.is_verified(request) or not two_factor.has_second_factor(request.user):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    wait = 0
    if request.method == "POST" and form.is_valid():
        wait = two_factor.throttled_seconds(request.user)
        if not wait:
            device = two_factor.second_factor_verify(
                request=request, code=form.cleaned_data["code"]
            )
            if device is not None:
                if device.name == two_factor.RECOVERY_NAME:
                    messages.warning(
                        request,
                        _(
                            "You logged in with a recovery code; %(count)s codes are left. "
                            "Is your phone lost? Make new codes or set up the app again "
                            "under Security."
                        )
                        % {"count": two_factor.recovery_codes_left(request.user)},
                    )
                return HttpResponseRedirect(_next_url(request))
            wait = two_factor.throttled_seconds(request.user)
            form.add_error(
                "code",
                _(
                    "This code is not right. Look at the app again: the code changes every "
                    "30 seconds."
                ),
            )
        if wait:
            form.add_error(
                None,
                _("Too many wrong codes. Wait %(seconds)s seconds and try again.")
                % {"seconds": wait},
            )
    return render(
        request,
        "accounts/security/verify.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
    )


def two_factor_setup(request):
    """Set up the app, step by step: install an app, scan the code, type the first code."""
    if two_factor.has_second_factor(request.user):
        if security.is_verified(request):
            return redirect("account_security")
        return redirect("two_factor_verify")
    device = two_factor.totp_device_begin(user=request.user)
    form = CodeForm(request.POST or None)
    wait = 0
    if request.method == "POST" and form.is_valid():
        wait = two_factor.device_wait_seconds(device)
        codes = None
        if not wait:
            codes = two_factor.totp_device_confirm(
                request=request, device=device, code=form.cleaned_data["code"]
            )
        if codes is not None:
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
            messages.success(request, _("Two-step login is set up."))
            target = reverse("two_factor_recovery_codes")
            next_url = _next_url(request, default=None)
            if next_url:
                target += "?" + _urlencode_next(next_url)
            return HttpResponseRedirect(target)
        if wait:
            form.add_error(
                None,
                _("Too many wrong codes. Wait %(seconds)s seconds and try again.")
                % {"seconds": wait},
            )
        else:
            form.add_error(
                "code",
                _(
                    "This code is not right. Type the six digits the app shows now (they "
                    "change every 30 seconds); is the phone's clock right?"
                ),
            )
    return render(
        request,
        "accounts/security/setup.html",
        {
            "form": form,
            "qr_svg": two_factor.qr_svg(device.config_url),
            "secret": two_factor.secret_for_display(device),
            "required": security.user_requires_second_factor(request.user),
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
    )


def _urlencode_next(url):
    from django.utils.http import urlencode

    return urlencode({"next": url})


def two_factor_recovery_codes(request):
    """The new recovery codes, shown once (GET after the set-up or after making new ones);
    POST makes a new set."""
    if not two_factor.has_second_factor(request.user):
        raise Http404
    if request.method == "POST":
        request.session[RECOVERY_CODES_SESSION_KEY] = two_factor.recovery_codes_renew(
            request=request
        )
        messages.success(request, _("New recovery codes are made; the old ones no longer work."))
        return redirect("two_factor_recovery_codes")
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("account_security")
    return render(
        request,
        "accounts/security/recovery_codes.html",
        {"codes": codes, "next": _next_url(request)},
    )


@require_POST
def two_factor_turn_off(request):
    """Only for someone whose role does not require a second factor."""
    if security.user_requires_second_factor(request.user) or not two_factor.has_second_factor(
        request.user
    ):
        raise Http404
    two_factor.second_factor_turn_off(request=request)
    messages.success(request, _("Two-step login is turned off."))
    return redirect("account_security")


def account_security(request):
    user = request.user
    return render(
        request,
        "accounts/security/overview.html",
        {
            "has_second_factor": two_factor.has_second_factor(user),
            "required": security.user_requires_second_factor(user),
            "recovery_codes_left": two_factor.recovery_codes_left(user),
            "idle_minutes": (
                request.session.get(security.IDLE_LIMITED_KEY)
                and security.settings.SESSION_IDLE_TIMEOUT // 60
            ),
        },
    )


@require_POST
def logout_everywhere(request):
    ended = security.log_out_everywhere(request=request)
    messages.success(
        request,
        _("You are logged out everywhere (also on %(count)s other devices or browsers).")
        % {"count": ended},
    )
    return redirect("login")


@require_POST
def session_keep_alive(request):
    """session.js calls this while someone types: the idle clock starts again."""
    return security.keep_alive_payload(request)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, with limits: at most PASSWORD_RESET_MAX_PER_EMAIL e-mails per address
    per hour (beyond that the same answer, no e-mail) and PASSWORD_RESET_MAX_PER_IP requests
    per IP address per hour (beyond that a message saying when to try again). Every request
    is a security event. The answer never tells whether an address is known."""

    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    form_class = OutboxPasswordResetForm

    def form_valid(self, form):
        now = timezone.now()
        ip = security.client_ip(self.request)
        if not security.reset_request_allowed_for_ip(ip, now=now):
            retry = timezone.localtime(security.reset_ip_retry_at(ip, now=now))
            form.add_error(
                None,
                _(
                    "Many new passwords were asked from this connection in the last hour. "
                    "Try again at %(time)s, or call the desk."
                )
                % {"time": time_format(retry, "H:i")},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if security.reset_request_record(email=form.cleaned_data["email"], ip_address=ip, now=now):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())
