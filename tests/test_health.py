"""The health endpoint: each check fails for real (a stale heartbeat, beat silent, an old
outbox row, a cache or broker nobody answers), and the public answer tells nothing more
than healthy or not."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from dorpsloket import health
from dorpsloket.models import Heartbeat
from meldingen.models import Notification

pytestmark = pytest.mark.django_db

NOBODY_LISTENS = "redis://127.0.0.1:1/0"


@pytest.fixture
def healthy(db):
    """A worker that beat its heart a minute ago and a beat that just sent a task."""
    now = timezone.now()
    health.beat_heart(now - timedelta(minutes=1))
    every = IntervalSchedule.objects.create(every=60, period=IntervalSchedule.SECONDS)
    return PeriodicTask.objects.create(
        name="scan-outbox", task="meldingen.scan_outbox", interval=every, last_run_at=now
    )


def details(client, **headers):
    return client.get(reverse("health_details"), headers=headers)


def failing(client, beheerder):
    client.force_login(beheerder)
    response = details(client)
    client.logout()
    return {name for name, text in response.json().items() if text != "OK"}


def test_a_healthy_installation_says_ok(client, healthy):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_a_stale_heartbeat_is_unhealthy(client, healthy, beheerder):
    Heartbeat.objects.update(at=timezone.now() - timedelta(minutes=6))
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"status": "unhealthy"}
    assert failing(client, beheerder) == {"WorkerHeartbeat"}


def test_no_heartbeat_at_all_is_unhealthy(client, healthy, beheerder):
    Heartbeat.objects.all().delete()
    assert client.get(reverse("health")).status_code == 503
    assert failing(client, beheerder) == {"WorkerHeartbeat"}


def test_the_heartbeat_job_run_twice_keeps_one_row(healthy):
    now = timezone.now()
    health.beat_heart(now)
    health.beat_heart(now)
    assert Heartbeat.objects.get().at == now


def test_beat_that_stopped_sending_tasks_is_unhealthy(client, healthy, beheerder):
    healthy.last_run_at = timezone.now() - timedelta(minutes=11)
    healthy.save()
    assert client.get(reverse("health")).status_code == 503
    assert failing(client, beheerder) == {"BeatLastRun"}


def test_an_outbox_message_overdue_too_long_is_unhealthy_and_names_nobody(
    client, healthy, beheerder, village
):
    Notification.objects.create(
        village=village,
        channel=Notification.Channel.EMAIL,
        recipient="jan.devries@example.org",
        template="reminder",
        due_at=timezone.now() - timedelta(minutes=20),
        idempotency_key="health-test",
    )
    assert client.get(reverse("health")).status_code == 503
    client.force_login(beheerder)
    response = details(client)
    assert response.status_code == 503
    message = response.json()["OutboxLag"]
    assert "1 outbox message" in message and "20 min" in message
    assert "jan" not in response.content.decode()


def test_a_message_due_a_moment_ago_is_no_lag(client, healthy, village):
    Notification.objects.create(
        village=village,
        channel=Notification.Channel.SMS,
        recipient="0612345678",
        template="reminder",
        due_at=timezone.now() - timedelta(minutes=2),
        idempotency_key="health-test-2",
    )
    assert client.get(reverse("health")).status_code == 200


def test_a_cache_nobody_answers_is_unhealthy(client, healthy, beheerder, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": NOBODY_LISTENS,
        }
    }
    client.force_login(beheerder)
    response = details(client)
    assert response.status_code == 503
    assert response.json()["Cache"] != "OK"


def test_a_redis_broker_nobody_answers_is_unhealthy(client, healthy, beheerder, settings):
    settings.CELERY_BROKER_URL = NOBODY_LISTENS
    assert client.get(reverse("health")).status_code == 503
    assert failing(client, beheerder) == {"Broker"}


@pytest.mark.redis
def test_a_redis_broker_that_answers_is_healthy(client, healthy, settings):
    settings.CELERY_BROKER_URL = settings.REDIS_URL
    assert client.get(reverse("health")).status_code == 200


def test_the_file_broker_has_no_broker_check(settings):
    settings.CELERY_BROKER_URL = "filesystem://"
    assert "Broker" not in {type(check).__name__ for check in health.checks()}


def test_details_need_a_beheerder_or_the_token(client, healthy, coordinator, settings):
    settings.HEALTH_TOKEN = "s3cret-token-for-monitoring"
    assert details(client).status_code == 404
    assert details(client, Authorization="Bearer wrong").status_code == 404
    response = details(client, Authorization="Bearer s3cret-token-for-monitoring")
    assert response.status_code == 200
    assert set(response.json()) >= {
        "Database",
        "Cache",
        "WorkerHeartbeat",
        "BeatLastRun",
        "OutboxLag",
    }
    assert set(response.json()) == {type(check).__name__ for check in health.checks()}
    client.force_login(coordinator)
    assert details(client).status_code == 404


def test_without_a_token_configured_no_token_works(client, healthy, settings):
    settings.HEALTH_TOKEN = ""
    assert details(client, Authorization="Bearer ").status_code == 404


def test_details_as_text(client, healthy, beheerder):
    client.force_login(beheerder)
    response = client.get(reverse("health_details"), {"format": "text"})
    assert response["Content-Type"].startswith("text/plain")
    assert "WorkerHeartbeat: OK" in response.content.decode()
