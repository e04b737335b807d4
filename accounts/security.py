"""Account security (issue 14): who needs two factors, how long a session lives, lockout.

The rules are plain functions (`second_factor_required`, `session_end_reason`,
`reset_email_allowed`); `SessionSecurityMiddleware` applies them to every request, and the
django-axes hooks (`axes_username`, `lockout_response`) give the lockout its Dutch face.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.db import transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY

from .roles import Role
from .security_models import SecurityEvent

# Roles that see every resident of a village: they must log in with two factors.
SECOND_FACTOR_ROLES = frozenset({Role.COORDINATOR, Role.BEHEERDER})

# Session keys (the values are Unix times in seconds).
LOGIN_AT_KEY = "security_login_at"
LAST_SEEN_KEY = "security_last_seen"
IDLE_LIMITED_KEY = "security_idle_limited"
# Set once this session found that its user (whose role needs no second factor) has no
# device: later requests skip that look-up. A device added in another browser then counts
# from the next login on.
NO_DEVICE_KEY = "security_no_device"
# How often a request moves "last seen" on (fewer session writes; the idle clock is then
# at most this much early).
LAST_SEEN_RESOLUTION = 60

# URL names an unverified user may still reach.
VERIFY_URL_NAMES = frozenset({"two_factor_verify", "logout"})
SET_UP_URL_NAMES = frozenset({"two_factor_setup", "logout"})


# --- rules ------------------------------------------------------------------------------
def second_factor_required(*, is_staff: bool, roles) -> bool:
    """True for whoever sees everything: a coordinator or beheerder role anywhere, or
    access to the admin (is_staff). Volunteers and readers may add a second factor."""
    return bool(is_staff) or any(role in SECOND_FACTOR_ROLES for role in roles)


def user_requires_second_factor(user) -> bool:
    roles = user.memberships.values_list("role", flat=True) if user.pk else []
    return second_factor_required(is_staff=user.is_staff, roles=list(roles))


def session_end_reason(
    *,
    now: float,
    login_at: float,
    last_seen: float,
    idle_limited: bool,
    max_age: int,
    idle_timeout: int,
) -> str | None:
    """Why a session must end now: "max_age" (logged in longer than `max_age` seconds ago),
    "idle" (an idle-limited session with no request for `idle_timeout` seconds) or None."""
    if now - login_at >= max_age:
        return "max_age"
    if idle_limited and now - last_seen >= idle_timeout:
        return "idle"
    return None


def reset_email_allowed(*, sent_this_hour: int, limit: int) -> bool:
    """Another password reset e-mail to one address, with `sent_this_hour` sent already."""
    return sent_this_hour < limit


def is_verified(request) -> bool:
    """Has this session passed the second factor (the device id django-otp stores)?

    The mark lives in the session only: resetting someone's second factor or logging them
    out everywhere deletes their sessions, so the mark cannot outlive the device."""
    return DEVICE_ID_SESSION_KEY in request.session


# --- sessions ---------------------------------------------------------------------------
def stamp_session(session, *, user, idle_limited: bool, now: float | None = None) -> None:
    """Write when this login began and was last seen, and whether the idle limit applies."""
    now = time.time() if now is None else now
    session[LOGIN_AT_KEY] = now
    session[LAST_SEEN_KEY] = now
    session[IDLE_LIMITED_KEY] = idle_limited


def end_sessions(user, *, keep: str | None = None) -> int:
    """Log this user out everywhere: delete their sessions from the session store, except
    the session key `keep` (the one asking, for "log out everywhere else").

    Works for the database and the cached-database engines (their table can be searched;
    deleting through the store also clears the cache). Engines without a table (pure cache,
    signed cookies) cannot be searched; there the deactivated account or the removed role
    still shuts the door on the next request.
    """
    engine = import_module(settings.SESSION_ENGINE)
    store_class = engine.SessionStore
    get_model = getattr(store_class, "get_model_class", None)
    if get_model is None:
        return 0
    ended = 0
    model = get_model()
    for key, data in model.objects.filter(expire_date__gt=timezone.now()).values_list(
        "session_key", "session_data"
    ):
        if key == keep:
            continue
        session = store_class(session_key=key)
        if str(session.decode(data).get(SESSION_KEY)) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def client_ip(request) -> str | None:
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or None


@transaction.atomic
def log_out_everywhere(*, request) -> int:
    """End every session of the user who asks, this one included. Returns how many others."""
    user = request.user
    ended = end_sessions(user, keep=request.session.session_key)
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.LOGGED_OUT_EVERYWHERE,
        user=user,
        by=user,
        ip_address=client_ip(request),
        note=_("%(count)s other sessions ended") % {"count": ended},
    )
    logout(request)
    return ended


@transaction.atomic
def user_deactivated(*, user, by) -> int:
    """A beheerder switched this account off: end its sessions at once, and log it."""
    ended = end_sessions(user)
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.DEACTIVATED,
        user=user,
        by=by,
        note=_("%(count)s sessions ended") % {"count": ended},
    )
    return ended


def _login_url(request, message: str):
    messages.info(request, message)
    return HttpResponseRedirect(reverse("login"))


class SessionSecurityMiddleware:
    """For a logged-in user on every request: end a session that is too old or idle too
    long, and send someone who still owes the second factor to the code page (or, without a
    device while their role needs one, to the set-up page). Comes after AccessMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            response = self._check(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request, user):
        session = request.session
        now = time.time()
        if LOGIN_AT_KEY not in session:
            # A login made elsewhere (the admin's form): stamp it now.
            stamp_session(
                session,
                user=user,
                idle_limited=second_factor_required(
                    is_staff=user.is_staff, roles=[m.role for m in request.access.memberships]
                ),
                now=now,
            )
        reason = session_end_reason(
            now=now,
            login_at=session[LOGIN_AT_KEY],
            last_seen=session.get(LAST_SEEN_KEY, now),
            idle_limited=session.get(IDLE_LIMITED_KEY, False),
            max_age=settings.SESSION_MAX_AGE,
            idle_timeout=settings.SESSION_IDLE_TIMEOUT,
        )
        if reason is not None:
            logout(request)
            if reason == "idle":
                message = _(
                    "You were logged out after %(minutes)s minutes without activity. "
                    "Log in again to continue."
                ) % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60}
            else:
                message = _("You were logged in for %(hours)s hours. Log in again to continue.") % {
                    "hours": settings.SESSION_MAX_AGE // 3600
                }
            if request.headers.get("HX-Request"):
                response = HttpResponseRedirect(reverse("login"))
                response["HX-Redirect"] = reverse("login")
                messages.info(request, message)
                return response
            return _login_url(request, message)
        if now - session.get(LAST_SEEN_KEY, 0) >= LAST_SEEN_RESOLUTION:
            session[LAST_SEEN_KEY] = now
        if is_verified(request):
            return None
        return self._second_factor_gate(request, user)

    def _second_factor_gate(self, request, user):
        from django_otp import user_has_device

        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None  # the "not found" page tells nothing and needs no second factor
        url_name = None if match.namespace else match.url_name
        required = second_factor_required(
            is_staff=user.is_staff, roles=[m.role for m in request.access.memberships]
        )
        if not required and request.session.get(NO_DEVICE_KEY):
            return None
        if user_has_device(user):
            allowed, target = VERIFY_URL_NAMES, "two_factor_verify"
        elif required:
            allowed, target = SET_UP_URL_NAMES, "two_factor_setup"
        else:
            request.session[NO_DEVICE_KEY] = True
            return None
        if url_name in allowed:
            return None
        url = reverse(target)
        if request.method == "GET" and not request.headers.get("HX-Request"):
            url += "?" + urlencode({"next": request.get_full_path()})
        response = HttpResponseRedirect(url)
        if request.headers.get("HX-Request"):
            response["HX-Redirect"] = url
        return response


def keep_alive_payload(request) -> JsonResponse:
    """What session.js needs: seconds left before the idle logout (None: no idle limit)."""
    session = request.session
    session[LAST_SEEN_KEY] = time.time()
    seconds = settings.SESSION_IDLE_TIMEOUT if session.get(IDLE_LIMITED_KEY) else None
    return JsonResponse({"idle_seconds_left": seconds})


# --- django-axes hooks ------------------------------------------------------------------
def axes_username(request, credentials) -> str:
    """The e-mail address as the lockout counts it: without spaces, in lower case."""
    raw = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if raw is None:
        raw = request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "")
    return str(raw).strip().lower()


def lockout_until(now: datetime | None = None) -> datetime:
    """When a lockout that starts (or is extended) now ends: every refused try starts the
    cool-off again (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT, django-axes' default)."""
    return (now or timezone.now()) + settings.AXES_COOLOFF_TIME


def lockout_message(until: datetime) -> str:
    local = timezone.localtime(until)
    return _(
        "Too many failed attempts to log in. For your safety this login is paused: "
        "try again at %(time)s (in %(minutes)s minutes). Forgot your password? Ask for a "
        "new one below."
    ) % {
        "time": time_format(local, "H:i"),
        "minutes": int(settings.AXES_COOLOFF_TIME / timedelta(minutes=1)),
    }


def lockout_response(request, original_response=None, credentials=None):
    """The login page again (the e-mail address kept) with a Dutch message saying when to
    try again; status 429. The admin's login form gets the same page."""
    from .forms import EmailAuthenticationForm

    message = lockout_message(lockout_until())
    form = EmailAuthenticationForm(
        request, initial={"username": axes_username(request, credentials)}
    )
    return render(
        request,
        "registration/login.html",
        {"form": form, "lockout_message": message, "next": request.POST.get("next", "")},
        status=429,
    )


# --- password reset ---------------------------------------------------------------------
def reset_request_allowed_for_ip(ip_address: str | None, *, now: datetime) -> bool:
    hour_ago = now - timedelta(hours=1)
    done = SecurityEvent.objects.filter(
        kind__in=[
            SecurityEvent.Kind.PASSWORD_RESET_REQUESTED,
            SecurityEvent.Kind.PASSWORD_RESET_HELD_BACK,
        ],
        ip_address=ip_address,
        at__gte=hour_ago,
    ).count()
    return done < settings.PASSWORD_RESET_MAX_PER_IP


def reset_ip_retry_at(ip_address: str | None, *, now: datetime) -> datetime:
    """When the oldest request of the last hour from this address drops out of the count."""
    oldest = (
        SecurityEvent.objects.filter(
            kind__in=[
                SecurityEvent.Kind.PASSWORD_RESET_REQUESTED,
                SecurityEvent.Kind.PASSWORD_RESET_HELD_BACK,
            ],
            ip_address=ip_address,
            at__gte=now - timedelta(hours=1),
        )
        .order_by("at")
        .values_list("at", flat=True)
        .first()
    )
    return (oldest or now) + timedelta(hours=1)


def reset_request_record(*, email: str, ip_address: str | None, now: datetime) -> bool:
    """Log one password reset request; True when its e-mail may go out (at most
    PASSWORD_RESET_MAX_PER_EMAIL per address per hour)."""
    email = email.strip().lower()
    sent = SecurityEvent.objects.filter(
        kind=SecurityEvent.Kind.PASSWORD_RESET_REQUESTED,
        email=email,
        at__gte=now - timedelta(hours=1),
    ).count()
    allowed = reset_email_allowed(sent_this_hour=sent, limit=settings.PASSWORD_RESET_MAX_PER_EMAIL)
    SecurityEvent.objects.create(
        kind=(
            SecurityEvent.Kind.PASSWORD_RESET_REQUESTED
            if allowed
            else SecurityEvent.Kind.PASSWORD_RESET_HELD_BACK
        ),
        email=email[:254],
        ip_address=ip_address,
        at=now,
    )
    return allowed
