"""For tests of flows whose e-mail goes through the outbox: send what is due now, the way
the worker would after the request's commit."""

from django.utils import timezone


def send_outbox() -> int:
    from meldingen import jobs

    return jobs.outbox(timezone.now())
