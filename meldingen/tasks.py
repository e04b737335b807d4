"""Celery tasks. They take ids (or nothing), and running any of them twice does no harm."""

from celery import shared_task

from . import jobs, services


@shared_task(name="meldingen.deliver_notification")
def deliver_notification(notification_id: int) -> str:
    """Send one outbox row (at most once)."""
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
    """Run one periodic job (see meldingen.jobs.JOBS) once."""
    return jobs.run(name)
