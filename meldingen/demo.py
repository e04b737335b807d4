"""Demo to-dos: run the jobs that fill the coordinators' list, as beat would have done.

Only jobs that add to-dos and plan ahead; nothing is sent here (the worker of `make run`
sends what is due). Idempotent, like every job.
"""

from django.utils import timezone

from . import jobs

DEMO_JOBS = [
    "unanswered_invitations",
    "escalations",
    "after_the_task",
    "recurring",
    "recurring_reviews",
    "stale_social_map",
    "overdue_loans",
]


def build(ctx) -> None:
    now = timezone.now()
    added = sum(jobs.run(name, now=now) for name in DEMO_JOBS)
    if added:
        ctx.say(f"To-dos and planning: {added} added")
