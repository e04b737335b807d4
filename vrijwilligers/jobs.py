"""The periodic job of the volunteer registry, registered with meldingen (see
vrijwilligers.apps): the yearly confirmation round. Idempotent: a second run adds nothing."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Village
from meldingen.models import Todo
from meldingen.services import todo_add

from .models import ConfirmationRequest, ConfirmationRound
from .services import confirmation_round_run

# The yearly confirmation round opens in this month; after that the job keeps it going.
CONFIRMATION_MONTH = 1


def confirmation_round(now: datetime) -> int:
    """Each January the yearly round asks every volunteer to confirm their details; every
    later run adds newcomers and flags who has not answered, with one to-do per village."""
    today = timezone.localdate(now)
    added = 0
    for village in Village.objects.all():
        running = ConfirmationRound.objects.filter(village=village, year=today.year).exists()
        if not running and today.month != CONFIRMATION_MONTH:
            continue
        asked = ConfirmationRequest.objects.filter(round__village=village, round__year=today.year)
        before = asked.count()
        result = confirmation_round_run(village=village, today=today)
        added += asked.count() - before
        if result.flagged:
            with translation.override("nl"):
                title = _("Volunteers who did not confirm their details: %(count)d") % {
                    "count": len(result.flagged)
                }
            _todo, created = todo_add(
                village=village,
                kind=Todo.Kind.CONFIRMATION,
                # at most one a week while people keep not answering
                key=f"confirmation:{village.pk}:{today.year}:w{today.isocalendar().week}",
                title=title,
                detail=", ".join(v.full_name for v in result.flagged[:20]),
                link=reverse("vrijwilligers:confirmation_round"),
                due_on=today,
            )
            added += created
    return added


JOBS = {"confirmation_round": confirmation_round}
