"""One periodic job at a time over all workers (meldingen.locks), on every database."""

import threading

import pytest
from django.db import connection

from dorpsloket.models import Heartbeat
from meldingen import locks
from meldingen.tasks import run_job

pytestmark = pytest.mark.django_db


class OtherWorker(threading.Thread):
    """Holds the lock of one job on its own database connection until told to let go."""

    def __init__(self, name):
        super().__init__(daemon=True)
        self.lock_name = name
        self.holding = threading.Event()
        self.release = threading.Event()
        self.taken = None

    def run(self):
        try:
            with locks.held(self.lock_name) as taken:
                self.taken = taken
                self.holding.set()
                self.release.wait(10)
        finally:
            connection.close()


def test_a_job_another_worker_runs_is_skipped_and_runs_once_that_one_is_done():
    other = OtherWorker("meldingen.job:heartbeat")
    other.start()
    assert other.holding.wait(10)
    assert other.taken is True
    try:
        assert run_job("heartbeat") == 0
        assert not Heartbeat.objects.exists()
    finally:
        other.release.set()
        other.join(10)
    run_job("heartbeat")
    assert Heartbeat.objects.count() == 1


def test_other_jobs_are_not_held_up_by_one_that_runs():
    other = OtherWorker("meldingen.job:retention")
    other.start()
    assert other.holding.wait(10)
    try:
        run_job("heartbeat")
        assert Heartbeat.objects.count() == 1
    finally:
        other.release.set()
        other.join(10)


def test_the_lock_is_free_again_after_an_error_in_the_job():
    with pytest.raises(RuntimeError), locks.held("meldingen.job:x") as taken:
        assert taken
        raise RuntimeError("the job failed")
    other = OtherWorker("meldingen.job:x")
    other.start()
    assert other.holding.wait(10)
    other.release.set()
    other.join(10)
    assert other.taken is True
