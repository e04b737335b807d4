"""The Celery wiring: configuration, the health task, and a real worker on each broker."""

import time
import uuid

import pytest
from celery import Celery
from django.core.cache import cache

from dorpsloket.celery import app
from dorpsloket.tasks import HEALTH_CACHE_KEY, health_check


def test_celery_is_configured_for_json_time_limits_and_the_database_scheduler():
    conf = app.conf
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_time_limit > conf.task_soft_time_limit > 0
    assert conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"
    assert conf.timezone == "Europe/Amsterdam"


def test_a_worker_registers_the_project_tasks():
    # The test module imports the task itself, so check what a bare worker would load.
    assert "dorpsloket.tasks" in app.conf.imports
    app.loader.import_default_modules()
    assert "dorpsloket.health_check" in app.tasks


def test_health_task_runs_twice_with_the_same_outcome():
    assert health_check.apply(args=["a"]).get() == "ok"
    assert health_check.apply(args=["a"]).get() == "ok"
    assert cache.get(HEALTH_CACHE_KEY)["token"] == "a"


def wait_for_token(token, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (cache.get(HEALTH_CACHE_KEY) or {}).get("token") == token:
            return True
        time.sleep(0.2)
    return False


def _round_trip(celery_app):
    from celery.contrib.testing.worker import start_worker

    token = uuid.uuid4().hex
    task = celery_app.tasks[health_check.name]
    with start_worker(celery_app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        task.delay(token)
        assert wait_for_token(token), "the worker did not run the health task"


@pytest.mark.redis
@pytest.mark.real_broker
def test_a_real_worker_on_redis_runs_the_health_task():
    assert app.conf.broker_url.startswith("redis://")
    _round_trip(app)


@pytest.mark.real_broker
def test_a_real_worker_on_the_embedded_broker_runs_the_health_task(tmp_path):
    """The broker `make run` uses when no Redis is configured: files in a folder."""
    folder = tmp_path / "queue"
    folder.mkdir()
    embedded = Celery("dorpsloket-embedded", set_as_current=False)
    embedded.config_from_object("django.conf:settings", namespace="CELERY")
    embedded.conf.broker_url = "filesystem://"
    embedded.conf.broker_transport_options = {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "control_folder": str(tmp_path / "control"),
        "store_processed": False,
    }
    embedded.finalize()
    with embedded.connection_for_write() as conn:
        assert conn.transport.driver_type == "filesystem"
    _round_trip(embedded)
