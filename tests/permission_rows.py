"""Rows for the one permission table (tests/test_permissions.py).

Each app keeps its rows in tests/<app>/permission_rows.py as `ROWS`; this module holds the
row type and the project-wide rows. A row names a URL, how to build its arguments (given the
`World` of villages and users, it may create the objects it needs) and the status each role
gets. Roles: anonymous, coordinator, volunteer, reader, other_coordinator (a coordinator of
another village), regional_reader (a reader in this village and another), beheerder,
paused_volunteer (on a pause: keeps the login and the role) and
stopped_volunteer (stopped through the service: role gone and account switched off, so every
page treats them as a visitor who is not logged in).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = [
    "anonymous",
    "coordinator",
    "volunteer",
    "reader",
    "regional_reader",
    "other_coordinator",
    "beheerder",
    "paused_volunteer",
    "stopped_volunteer",
]

LOGIN = 302  # anonymous users are sent to the login page
OK = 200
REDIRECT = 302
NOT_FOUND = 404
NOT_ALLOWED = 405

LOGGED_IN = [
    "coordinator",
    "volunteer",
    "reader",
    "other_coordinator",
    "beheerder",
    "paused_volunteer",
]
WITH_DEVICE = ["coordinator", "other_coordinator", "beheerder"]


def only(allowed: dict[str, int], default: int = NOT_FOUND, anonymous: int = LOGIN):
    """Expected statuses: `allowed` for the roles named, `default` for the others.

    A stopped volunteer gets what a visitor without login gets, and a regional reader (a
    reader in two villages) what a reader gets, unless named."""
    expected = dict.fromkeys(ROLES, default)
    expected["anonymous"] = anonymous
    expected.update(allowed)
    expected.setdefault("stopped_volunteer", default)
    if "stopped_volunteer" not in allowed:
        expected["stopped_volunteer"] = expected["anonymous"]
    if "regional_reader" not in allowed:
        expected["regional_reader"] = expected["reader"]
    return expected


@dataclass
class Row:
    name: str
    expected: dict[str, int]
    kwargs: Callable | None = None
    method: str = "get"
    data: Callable | dict | None = None
    id: str = ""
    extra: dict = field(default_factory=dict)

    def label(self) -> str:
        return self.id or self.name


def healthy_installation(w) -> dict:
    """A worker heartbeat and a beat run just now, so that the health page says 200."""
    from django.utils import timezone
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    from dorpsloket.health import beat_heart

    beat_heart(timezone.now())
    every = IntervalSchedule.objects.create(every=60, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name="scan-outbox", task="x", interval=every, last_run_at=timezone.now()
    )
    return {}


ROWS = [
    Row("home", dict.fromkeys(ROLES, REDIRECT)),
    # Health: healthy or not for anyone (monitoring does not log in); the details for the
    # beheerder (or with the token from the environment), 404 for everyone else.
    Row("health", dict.fromkeys(ROLES, OK), data=healthy_installation),
    Row(
        "health_details",
        only({"beheerder": OK}, anonymous=NOT_FOUND),
        data=healthy_installation,
    ),
    Row(
        "login",
        dict.fromkeys(ROLES, REDIRECT) | {"anonymous": OK, "stopped_volunteer": OK},
    ),
    Row("logout", dict.fromkeys(ROLES, REDIRECT), method="post"),
    Row("no_role", dict.fromkeys(ROLES, REDIRECT)),
    Row(
        "switch_village",
        # Only a member of the village may switch to it.
        only({"other_coordinator": REDIRECT, "regional_reader": REDIRECT}, default=NOT_FOUND),
        method="post",
        data=lambda w: {"village": w.other_village.pk},
    ),
    Row("favicon", dict.fromkeys(ROLES, REDIRECT)),
    Row(
        "desk_settings",
        only({"coordinator": OK, "other_coordinator": OK, "beheerder": OK}),
    ),
    Row(
        "desk_settings",
        only({"coordinator": REDIRECT, "other_coordinator": REDIRECT, "beheerder": REDIRECT}),
        method="post",
        data={"desk_phone": "0595 44 24 53", "desk_email": "loket@example.org"},
        id="desk_settings-post",
    ),
    Row("password_reset", dict.fromkeys(ROLES, OK)),
    Row("password_reset_done", dict.fromkeys(ROLES, OK)),
    Row(
        "password_reset_confirm",
        dict.fromkeys(ROLES, OK),
        kwargs=lambda w: {"uidb64": "MQ", "token": "bad-token"},
    ),
    Row("password_reset_complete", dict.fromkeys(ROLES, OK)),
    # Two factors and sessions (issue 14). The coordinators and the beheerder have set up
    # and passed their second factor; the others have none (they may add one).
    Row("two_factor_verify", dict.fromkeys(ROLES, REDIRECT)),
    Row("account_security", only(dict.fromkeys(LOGGED_IN, OK))),
    Row(
        "two_factor_setup",
        only(dict.fromkeys(LOGGED_IN, OK) | dict.fromkeys(WITH_DEVICE, REDIRECT)),
    ),
    Row("two_factor_recovery_codes", only(dict.fromkeys(WITH_DEVICE, REDIRECT))),
    Row(
        "two_factor_recovery_codes",
        only(dict.fromkeys(WITH_DEVICE, REDIRECT)),
        method="post",
        id="two_factor_recovery_codes-post",
    ),
    # Turning it off is only for someone who chose it (none of these has).
    Row("two_factor_turn_off", only({}), method="post"),
    Row("logout_everywhere", only(dict.fromkeys(LOGGED_IN, REDIRECT)), method="post"),
    Row("session_keep_alive", only(dict.fromkeys(LOGGED_IN, OK)), method="post"),
    Row(
        "session_keep_alive",
        only(dict.fromkeys(LOGGED_IN, NOT_ALLOWED)),
        id="session_keep_alive-get",
    ),
    Row("hulpvragen:board", only({"coordinator": OK, "other_coordinator": OK})),
    Row("vrijwilligers:my_tasks", only({"volunteer": OK, "paused_volunteer": OK})),
    Row(
        "rapportage:overview",
        only({"coordinator": OK, "other_coordinator": OK, "reader": OK}),
    ),
]
