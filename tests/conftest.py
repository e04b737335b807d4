"""Shared fixtures: villages, one user per role, and the service markers.

Tests marked `postgres`, `redis` or `browser` skip with a reason when that service is not
available. CI sets DORPSLOKET_REQUIRE_SERVICES=1: then a missing service is an error, so a
green CI run has really exercised PostgreSQL, Redis and Chromium.
"""

import os
import shutil
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

from accounts.roles import Role

from .factories import VillageFactory, user_with_role

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _own_redis_cache_per_test_worker() -> None:
    """Under pytest-xdist the workers run side by side against one Redis server, and
    `cache.clear()` empties a whole Redis database: give each worker its own database for
    the cache (gw0 → 10, gw1 → 11, …), so that one worker's rate-limit test never sees
    another's counters. Runs before any test touches the cache (caches are made lazily)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    cache = settings.CACHES["default"]
    if not worker.startswith("gw") or not cache["BACKEND"].endswith("RedisCache"):
        return
    parts = urlsplit(cache["LOCATION"])
    cache["LOCATION"] = urlunsplit(parts._replace(path=f"/{10 + int(worker[2:])}"))


_own_redis_cache_per_test_worker()


def _redis_reachable() -> bool:
    url = settings.REDIS_URL
    if not url:
        return False
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:
        return False
    return True


def _service_problems() -> dict[str, str]:
    problems = {}
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        problems["postgres"] = "needs PostgreSQL: set DATABASE_URL=postgres://…"
    if not _redis_reachable():
        problems["redis"] = "needs Redis: set REDIS_URL=redis://… to a running server"
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        problems["browser"] = f"needs Chromium at {CHROMIUM} (apt-get install chromium)"
    return problems


@pytest.hookimpl(trylast=True)  # after tests/e2e/conftest.py has added its browser marks
def pytest_collection_modifyitems(config, items):
    problems = _service_problems()
    require = os.environ.get("DORPSLOKET_REQUIRE_SERVICES") == "1"
    for item in items:
        for marker, reason in problems.items():
            if marker in item.keywords:
                if require:
                    raise pytest.UsageError(
                        f"{item.nodeid}: {reason} (DORPSLOKET_REQUIRE_SERVICES=1)"
                    )
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def client():
    """Django's test client whose force_login/login include the second factor (see
    tests/client.py)."""
    from .client import Client

    return Client()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_files_in_a_temporary_folder(settings, tmp_path_factory):
    """Uploaded files (importeren) go to the test run's temporary folder, not var/."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.getbasetemp() / "private"


@pytest.fixture(autouse=True)
def _celery_runs_tasks_inline(request):
    """Queued tasks run at once in tests (assert on mail.outbox). Tests of the real worker
    and broker are marked `real_broker` and keep the broker."""
    from dorpsloket.celery import app

    if request.node.get_closest_marker("real_broker"):
        yield
        return
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def village(db):
    return VillageFactory(name="Warffum", slug="warffum", postcodes=["9989"])


@pytest.fixture
def other_village(db):
    return VillageFactory(name="Usquert", slug="usquert", postcodes=["9988"])


@pytest.fixture
def coordinator(village):
    return user_with_role(Role.COORDINATOR, village, full_name="Anneke Dijkstra")


@pytest.fixture
def volunteer_user(village):
    """A volunteer who logs in, with their own record in the volunteer registry."""
    from vrijwilligers.models import Volunteer

    user = user_with_role(Role.VOLUNTEER, village, full_name="Jan Huizinga")
    Volunteer.objects.create(
        village=village,
        user=user,
        first_name="Jan",
        last_name="Huizinga",
        email=user.email,
        status="active",
    )
    return user


@pytest.fixture
def paused_volunteer_user(village):
    """A volunteer on a pause until further notice (keeps the login and the role)."""
    from vrijwilligers.models import Volunteer

    user = user_with_role(Role.VOLUNTEER, village, full_name="Aaltje Pauw")
    Volunteer.objects.create(
        village=village,
        user=user,
        first_name="Aaltje",
        last_name="Pauw",
        email=user.email,
        status="paused",
        pause_note="Heup",
    )
    return user


@pytest.fixture
def stopped_volunteer_user(village):
    """A volunteer who stopped through the service: role gone, account switched off."""
    from django.utils import timezone

    from vrijwilligers.models import StopReason, Volunteer
    from vrijwilligers.services import volunteer_stop

    user = user_with_role(Role.VOLUNTEER, village, full_name="Geert Stoppel")
    volunteer = Volunteer.objects.create(
        village=village,
        user=user,
        first_name="Geert",
        last_name="Stoppel",
        email=user.email,
        status="active",
    )
    volunteer_stop(
        volunteer=volunteer,
        by=None,
        on=timezone.localdate(),
        reason=StopReason.BECAME_REQUESTER,
    )
    user.refresh_from_db()
    return user


@pytest.fixture
def reader(village):
    return user_with_role(Role.READER, village, full_name="Grietje Bakker")


@pytest.fixture
def regional_reader(village, other_village):
    """A reader of the yearly overview for the region: the reader role in two villages."""
    return user_with_role(Role.READER, village, other_village, full_name="Geert Hofstede")


@pytest.fixture
def other_coordinator(other_village):
    return user_with_role(Role.COORDINATOR, other_village, full_name="Hilda Smit")


@pytest.fixture
def beheerder(village):
    return user_with_role(
        Role.BEHEERDER, village, is_staff=True, is_superuser=True, full_name="Beheer"
    )


@dataclass
class World:
    """Everything a permission row may need: villages and one user per role."""

    village: object
    other_village: object
    users: dict = field(default_factory=dict)


ROLE_FIXTURES = {
    "coordinator": "coordinator",
    "volunteer": "volunteer_user",
    "reader": "reader",
    "regional_reader": "regional_reader",
    "other_coordinator": "other_coordinator",
    "beheerder": "beheerder",
    "paused_volunteer": "paused_volunteer_user",
    "stopped_volunteer": "stopped_volunteer_user",
}


@pytest.fixture
def world(request, village, other_village):
    users = {"anonymous": None}
    for role, fixture_name in ROLE_FIXTURES.items():
        users[role] = request.getfixturevalue(fixture_name)
    return World(village=village, other_village=other_village, users=users)
