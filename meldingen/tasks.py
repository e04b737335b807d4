"""Celery tasks. They take ids (or nothing), and running any of them twice does no harm."""

from celery import shared_task
from django.db import OperationalError

from . import jobs, services


@shared_task(
    name="meldingen.deliver_notification",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def deliver_notification(notification_id: int) -> str:
    """Send one outbox row (at most once). A busy database is retried; anything that stays
    stuck is claimed again by a later scan."""
    return services.deliver(notification_id)


@shared_task(name="meldingen.scan_outbox")
def scan_outbox() -> int:
    """Claim what is due and hand each row to `deliver_notification`."""
    claimed = services.claim_due()
    for pk in claimed:
        deliver_notification.delay(pk)
    return len(claimed)


@shared_task(name="meldingen.run_job")
def run_job(name: str) -> int:
    """Run one periodic job (see meldingen.registry) once."""
    return jobs.run(name)
