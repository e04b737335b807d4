"""Urgency and how long a request may wait before the board makes it stand out (pure)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from .lifecycle import WAITING_STATUSES


class Urgency(models.TextChoices):
    TODAY = "today", _("today")
    THIS_WEEK = "this_week", _("this week")
    NO_HURRY = "no_hurry", _("no hurry")


# How long a request may wait for someone to pick it up. "Today" means it is dealt with
# within a working morning; "this week" within two days so a volunteer can still plan.
MAX_WAIT: dict[str, timedelta] = {
    Urgency.TODAY: timedelta(hours=4),
    Urgency.THIS_WEEK: timedelta(days=2),
    Urgency.NO_HURRY: timedelta(days=7),
}


def waiting_since_limit(urgency: str, *, now: datetime) -> datetime:
    """Requests of this urgency created before this moment are overdue (if still waiting)."""
    return now - MAX_WAIT[urgency]


def is_overdue(*, urgency: str, status: str, created_at: datetime, now: datetime) -> bool:
    """True when a request still waits for someone and has waited longer than allowed."""
    return status in WAITING_STATUSES and created_at < waiting_since_limit(urgency, now=now)
