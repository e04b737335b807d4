"""The outbox under trouble: a broker that is down, a worker that dies, a real worker."""

import shutil
import socket
import subprocess
import time
from datetime import timedelta

import pytest
from celery import Celery
from django.core import mail
from django.utils import timezone

from koppelingen import jobs as matching_jobs
from koppelingen import services as matching
from meldingen import jobs, services
from meldingen.models import Notification


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A private redis-server on its own port, so that the test can stop and start it."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(5)
            self.process = None


@pytest.fixture
def private_redis():
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server")
    server = RedisServer()
    yield server
    server.stop()


def wait_until(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def celery_on(url):
    app = Celery("dorpsloket-test", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.broker_url = url
    app.conf.broker_transport_options = {"max_retries": 1}
    app.conf.broker_connection_timeout = 1
    app.conf.task_publish_retry_policy = {"max_retries": 1, "interval_start": 0}
    app.finalize()
    return app


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.real_broker
@pytest.mark.django_db(transaction=True)
def test_redis_down_while_asking_loses_nothing_and_sends_once_it_is_back(
    private_redis, ride, make_volunteer
):
    from celery.contrib.testing.worker import start_worker

    private_redis.start()
    app = celery_on(private_redis.url)
    app.set_current()
    try:
        private_redis.stop()  # Redis goes away …
        matching.invitations_send(help_request=ride, volunteers=[make_volunteer()], by=None)
        row = Notification.objects.get(template="invitation")
        assert row.status == Notification.Status.PENDING  # … the request is saved all the same
        assert mail.outbox == []

        private_redis.start()  # … and comes back
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            app.tasks["meldingen.scan_outbox"].delay()
            assert wait_until(lambda: len(mail.outbox) == 1)
            time.sleep(1)
        row.refresh_from_db()
        assert row.status == Notification.Status.SENT
        assert len(mail.outbox) == 1
    finally:
        from dorpsloket.celery import app as default_app

        default_app.set_current()


@pytest.mark.redis
@pytest.mark.real_broker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_a_reminder_end_to_end(ride, make_volunteer, settings):
    from celery.contrib.testing.worker import start_worker

    from dorpsloket.celery import app

    (invitation,) = matching.invitations_send(
        help_request=ride, volunteers=[make_volunteer(first_name="Jan")], by=None
    )
    matching.invitation_accept(invitation=invitation)
    Notification.objects.update(status=Notification.Status.SENT)  # the invitation went earlier
    mail.outbox.clear()
    matching_jobs.reminders(timezone.now())
    Notification.objects.filter(template="reminder").update(due_at=timezone.now())
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        app.tasks["meldingen.scan_outbox"].delay()
        assert wait_until(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].subject.startswith("Herinnering")
    assert Notification.objects.get(template="reminder").status == Notification.Status.SENT


@pytest.mark.django_db
def test_a_worker_killed_after_claiming_loses_nothing_and_doubles_nothing(ride, make_volunteer):
    volunteers = [make_volunteer() for _ in range(3)]
    matching.invitations_send(help_request=ride, volunteers=volunteers, by=None)
    now = timezone.now() + timedelta(seconds=1)
    claim, claimed = services.claim_batch(now=now)
    assert len(claimed) == 3  # the worker claims the batch … and is killed before sending
    assert jobs.outbox(now) == 0  # a claimed row is nobody else's until the claim is stale
    later = now + services.CLAIM_TIMEOUT + timedelta(seconds=1)
    assert jobs.outbox(later) == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(v.email for v in volunteers)
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
    assert services.deliver_claimed(claim, now=later) == {}  # the dead claim marks nothing


@pytest.mark.django_db
def test_a_stale_claim_that_was_taken_over_does_not_mark_the_new_one(ride, make_volunteer):
    matching.invitations_send(help_request=ride, volunteers=[make_volunteer()], by=None)
    now = timezone.now() + timedelta(seconds=1)
    old_claim, _ = services.claim_batch(now=now)
    later = now + services.CLAIM_TIMEOUT + timedelta(seconds=1)
    new_claim, picked = services.claim_batch(now=later)
    assert len(picked) == 1
    assert services.deliver_claimed(old_claim, now=later) == {}
    row = Notification.objects.get()
    assert (row.status, row.claim_id) == ("sending", new_claim)
