"""Celery tasks. They take ids (or nothing), and running any of them twice does no harm."""

import logging

from celery import shared_task
from django.db import OperationalError

from . import jobs, locks, services

logger = logging.getLogger(__name__)


@shared_task(
    name="meldingen.deliver_notification",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def deliver_notification(notification_id: int) -> str:
    """Send one outbox row if it is still due and pending (see services.deliver: at least
    once, with a stable Message-ID). A busy database is retried; anything that stays stuck
    is claimed again by a later scan."""
    return services.deliver(notification_id)


@shared_task(
    name="meldingen.deliver_batch",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def deliver_batch(claim_id: str) -> int:
    """Send the rows of one claim (see services.deliver_claimed). Running it again for the
    same claim sends nothing: its rows are no longer "being sent" under that claim."""
    return len(services.deliver_claimed(claim_id))


@shared_task(name="meldingen.scan_outbox")
def scan_outbox(rounds: int = 20) -> int:
    """Claim what is due in batches and hand each claim to `deliver_batch`."""
    total = 0
    for _ in range(rounds):
        claim, picked = services.claim_batch()
        if not picked:
            break
        deliver_batch.delay(claim)
        total += len(picked)
    return total


@shared_task(name="meldingen.run_job")
def run_job(name: str) -> int:
    """Run one periodic job (see meldingen.registry) once. While another worker runs the
    same job, this run is skipped (0): that run does the work (see meldingen.locks)."""
    with locks.held(f"meldingen.job:{name}") as taken:
        if not taken:
            logger.info("job %s is already running on another worker: skipped", name)
            return 0
        return jobs.run(name)
