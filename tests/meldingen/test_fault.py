"""A real worker process killed (SIGKILL) between sending and marking: nothing is lost, the
message it had sent goes again once, with the same Message-ID (the documented at-least-once
window of meldingen.services.deliver_claimed)."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from koppelingen import services as matching
from meldingen import services
from meldingen.models import Notification

BASE = Path(__file__).resolve().parents[2]


def database_url():
    db = django_settings.DATABASES["default"]
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def wait_for_lines(path: Path, count: int, seconds=60) -> list[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists():
            lines = path.read_text().split()
            if len(lines) >= count:
                return lines
        time.sleep(0.1)
    raise AssertionError(f"the worker did not send {count} message(s) in time")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_between_sending_and_marking_loses_nothing(
    ride, make_volunteer, settings, tmp_path
):
    volunteers = [make_volunteer() for _ in range(3)]
    matching.invitations_send(help_request=ride, volunteers=volunteers, by=None)
    # The test's inline tasks sent them at once; make them due again for the real worker.
    Notification.objects.update(status="pending", sent_at=None, attempts=0, claim_id="")
    log = tmp_path / "message-ids.txt"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "EMAIL_BACKEND": "tests.meldingen.pausing_backend.PausingBackend",
        "OUTBOX_TEST_LOG": str(log),
        "OUTBOX_TEST_PAUSE": "1",
        "PYTHONPATH": str(BASE),
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_job", "outbox"],
        cwd=BASE,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        (first_id,) = wait_for_lines(log, 1)  # one message sent, the worker sleeps …
        os.kill(worker.pid, signal.SIGKILL)  # … and dies before marking anything
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    rows = list(Notification.objects.order_by("pk"))
    assert [row.status for row in rows] == ["sending"] * 3  # claimed, none marked
    assert first_id in {row.message_id for row in rows}

    # After the claim timeout another worker sends the batch again.
    os.environ["OUTBOX_TEST_LOG"] = str(log)
    try:
        settings.EMAIL_BACKEND = "tests.meldingen.pausing_backend.PausingBackend"
        later = timezone.now() + services.CLAIM_TIMEOUT + timedelta(seconds=1)
        assert services.send_due(now=later) == 3
    finally:
        del os.environ["OUTBOX_TEST_LOG"]
    ids = log.read_text().split()
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
    assert sorted(set(ids)) == sorted(row.message_id for row in rows)  # nothing lost
    assert len(ids) == 4 and ids.count(first_id) == 2  # the one repeat, same Message-ID
