"""Health checks for the operator's monitoring (django-health-check's checks and our own).

Two addresses:

- `/gezondheid/`: public, for an uptime monitor. `{"status": "ok"}` with 200, or
  `{"status": "unhealthy"}` with 503. Nothing else: no check names, no numbers.
- `/gezondheid/details/`: which check failed and why, for a logged-in beheerder or with
  `Authorization: Bearer <HEALTH_TOKEN>` (the token from the environment; unset: no token
  works). Anyone else gets a 404. The messages hold counts and times, never a name, an
  address or a message's text.

The checks: the database answers; the cache stores and returns a value; the broker (Redis,
when one is configured) answers a ping; the worker's heartbeat is recent (the heartbeat job
writes it each minute, so a stale one means no worker takes jobs); beat ran a periodic task
recently (django-celery-beat's `last_run_at`); no outbox message is overdue by more than
HEALTH_OUTBOX_LAG_MINUTES.

The checks run one after the other in the request's own thread (not django-health-check's
async view, which runs them in other threads with other database connections).
"""

from __future__ import annotations

import dataclasses
import datetime
import hmac
import inspect
import logging
from datetime import timedelta

from asgiref.sync import async_to_sync
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Max, Min
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from health_check.base import HealthCheck
from health_check.checks import Cache, Database
from health_check.exceptions import HealthCheckException, ServiceUnavailable

logger = logging.getLogger(__name__)

WORKER = "worker"


def beat_heart(now: datetime.datetime) -> int:
    """The heartbeat job: the worker notes that it is alive. It adds nothing (0), and running
    it twice only moves the time on."""
    from .models import Heartbeat

    Heartbeat.objects.update_or_create(name=WORKER, defaults={"at": now})
    return 0


def _minutes(delta: timedelta) -> str:
    return f"{delta.total_seconds() / 60:.0f} min"


@dataclasses.dataclass
class WorkerHeartbeat(HealthCheck):
    """The worker ran the heartbeat job less than HEALTH_HEARTBEAT_MINUTES ago."""

    def run(self):
        from .models import Heartbeat

        limit = timedelta(minutes=settings.HEALTH_HEARTBEAT_MINUTES)
        beat = Heartbeat.objects.filter(name=WORKER).values_list("at", flat=True).first()
        if beat is None:
            raise ServiceUnavailable("no worker heartbeat yet")
        age = timezone.now() - beat
        if age > limit:
            raise ServiceUnavailable(f"last worker heartbeat {_minutes(age)} ago")


@dataclasses.dataclass
class BeatLastRun(HealthCheck):
    """Beat sent a periodic task less than HEALTH_BEAT_MINUTES ago (the database scheduler
    saves `last_run_at` every few minutes, hence the margin)."""

    def run(self):
        from django_celery_beat.models import PeriodicTask

        limit = timedelta(minutes=settings.HEALTH_BEAT_MINUTES)
        last = PeriodicTask.objects.filter(enabled=True).aggregate(last=Max("last_run_at"))["last"]
        if last is None:
            raise ServiceUnavailable("beat has not run any periodic task yet")
        age = timezone.now() - last
        if age > limit:
            raise ServiceUnavailable(f"beat last ran a task {_minutes(age)} ago")


@dataclasses.dataclass
class OutboxLag(HealthCheck):
    """No outbox message (e-mail or SMS) waits more than HEALTH_OUTBOX_LAG_MINUTES past its
    due time. Counts only: nothing about who or what."""

    def run(self):
        from meldingen.models import Notification

        limit = timedelta(minutes=settings.HEALTH_OUTBOX_LAG_MINUTES)
        overdue = Notification.objects.filter(
            status__in=[Notification.Status.PENDING, Notification.Status.SENDING],
            due_at__lt=timezone.now() - limit,
        ).aggregate(oldest=Min("due_at"), count=Count("pk"))
        if overdue["count"]:
            age = timezone.now() - overdue["oldest"]
            raise ServiceUnavailable(
                f"{overdue['count']} outbox message(s) overdue, the oldest by {_minutes(age)}"
            )


@dataclasses.dataclass
class Broker(HealthCheck):
    """The Redis broker answers a ping (only when the broker is Redis)."""

    url: str = dataclasses.field(default="", repr=False)

    def run(self):
        import redis

        try:
            redis.Redis.from_url(self.url, socket_connect_timeout=2, socket_timeout=2).ping()
        except redis.RedisError as exc:
            raise ServiceUnavailable("broker does not answer") from exc


def checks() -> list[HealthCheck]:
    found: list[HealthCheck] = [Database(), Cache()]
    broker = settings.CELERY_BROKER_URL
    if broker.startswith(("redis://", "rediss://")):
        found.append(Broker(url=broker))
    found += [WorkerHeartbeat(), BeatLastRun(), OutboxLag()]
    return found


@dataclasses.dataclass
class Result:
    name: str
    error: str | None


def run_checks() -> list[Result]:
    """Run every check; a check that raises something unexpected counts as failed (with a
    generic message: its text might say more than it should)."""
    results = []
    for check in checks():
        try:
            if inspect.iscoroutinefunction(check.run):
                async_to_sync(check.run)()
            else:
                check.run()
        except HealthCheckException as exc:
            results.append(Result(type(check).__name__, str(exc)))
        except Exception:
            logger.exception("Health check %s failed unexpectedly", type(check).__name__)
            results.append(Result(type(check).__name__, "unknown error"))
        else:
            results.append(Result(type(check).__name__, None))
    return results


def _may_see_details(request) -> bool:
    if getattr(request.user, "is_staff", False):
        return True
    token = settings.HEALTH_TOKEN
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


@login_not_required
@never_cache
def health(request):
    """Public: healthy or not, nothing more."""
    healthy = all(result.error is None for result in run_checks())
    return JsonResponse(
        {"status": "ok" if healthy else "unhealthy"}, status=200 if healthy else 503
    )


@login_not_required
@never_cache
def health_details(request):
    """Each check and its message, for beheerders and monitoring with the token. JSON, or
    plain text with ?format=text."""
    if not _may_see_details(request):
        raise Http404
    results = run_checks()
    status = 200 if all(result.error is None for result in results) else 503
    if request.GET.get("format") == "text":
        lines = [f"{result.name}: {result.error or 'OK'}" for result in results]
        return HttpResponse(
            "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8", status=status
        )
    return JsonResponse({result.name: result.error or "OK" for result in results}, status=status)
