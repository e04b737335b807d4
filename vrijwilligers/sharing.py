"""Volunteers who also help a neighbouring village: pure rules over plain values.

A volunteer belongs to one home village (`Volunteer.village`). With the home village's
agreement (a `VolunteerVillage` row) they also help another village, within that village's
own boundaries: a subset of the kinds of help they offer, at most as far as they drive at
home, and only on the weekdays agreed (none given: every day they are available anyway).
Their load counts across villages: whoever asks them sees every ask and task, wherever.

What the other village's desk sees: the volunteer's name, the home village, what they offer
there and when they can; their phone, e-mail and address only once they have accepted a task
there (`contact_visible_elsewhere`). The home desk sees how much they do elsewhere, never the
other village's residents.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

# After a shared volunteer's last task in a village, that desk keeps their phone and e-mail
# this long: enough for the follow-up call ("how did it go?") and a question about the report.
CONTACT_DAYS_AFTER_LAST_TASK = 14


def offers_there(own_offers: Iterable[int], agreed: Iterable[int]) -> frozenset[int]:
    """The kinds of help a volunteer offers in the other village: those agreed for it that
    they still offer at home (dropping a kind at home drops it everywhere)."""
    return frozenset(own_offers) & frozenset(agreed)


def max_km_there(own: int | Decimal | None, agreed: int | Decimal | None) -> Decimal | None:
    """How far they drive for the other village: the smaller of the two limits (None is no
    limit given)."""
    limits = [Decimal(value) for value in (own, agreed) if value is not None]
    return min(limits) if limits else None


def helps_there_on(weekdays: Iterable[int], on: date | None) -> bool:
    """Whether the agreement covers this day: no weekdays agreed means every day (their own
    availability still decides), and a request without a date is not ruled out."""
    days = frozenset(weekdays)
    return on is None or not days or on.weekday() in days


def contact_visible_elsewhere(
    *, has_planned_task: bool, last_task_on: date | None, today: date
) -> bool:
    """Whether the other village's desk may see a shared volunteer's phone, e-mail and
    address: only after the volunteer accepted a task there, while it is planned, and up to
    CONTACT_DAYS_AFTER_LAST_TASK days after the last task there."""
    if has_planned_task:
        return True
    return last_task_on is not None and today <= last_task_on + timedelta(
        days=CONTACT_DAYS_AFTER_LAST_TASK
    )
