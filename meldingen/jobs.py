"""The job runner. The periodic jobs belong to the apps whose rules they keep (reminders in
koppelingen, the confirmation round in vrijwilligers, ...) and are registered from their
`AppConfig.ready()` (see meldingen.registry); meldingen adds one of its own, sending what is
due.

Each job looks at the database as it is now and adds what is missing: outbox rows and
to-dos with idempotency keys, occurrences with a unique moment. Running a job twice (or two
at once) therefore changes nothing the second time. Every job is
`name(now) -> number of things added`, runs from beat through the `run_job` task, and once
from the command line with `manage.py run_job NAME`.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from . import registry
from .services import send_due


def outbox(now: datetime) -> int:
    """Send what is due, here and now, batch by batch (the command-line twin of the scan
    task). Returns the number of rows claimed."""
    return send_due(now=now)


def all_jobs() -> dict:
    """Every job by name: the apps' jobs in the order they were registered, then sending
    what is due, so that `run_job all` also sends what the jobs before it planned."""
    return {**registry.jobs(), "outbox": outbox}


def run(name: str, *, now: datetime | None = None) -> int:
    """Run one job by name once; an unknown name is a KeyError."""
    return all_jobs()[name](now or timezone.now())
