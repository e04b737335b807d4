"""The life of a help request as one transition table (pure; no database).

    new → triage → searching → matched → done → closed        (one-off requests)
                             matched → active ⇄ paused → ended  (recurring requests)

Exits: informed (information given), referred (to an organisation), rejected (with a
reason) — decided at intake or triage — and cancelled (did not go ahead, with a reason),
possible until the work is done. A volunteer who drops out sends a request back to
searching; a request that needs more clarification goes back to triage.

`services.help_request_transition` is the only writer of a status; it asks this module.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NEW = "new", _("new")
    TRIAGE = "triage", _("being clarified")
    SEARCHING = "searching", _("looking for a volunteer")
    MATCHED = "matched", _("volunteer found")
    DONE = "done", _("done, follow-up call")
    CLOSED = "closed", _("closed")
    INFORMED = "informed", _("information given")
    REFERRED = "referred", _("referred")
    REJECTED = "rejected", _("rejected")
    CANCELLED = "cancelled", _("did not go ahead")
    ACTIVE = "active", _("running (recurring)")
    PAUSED = "paused", _("paused (recurring)")
    ENDED = "ended", _("ended (recurring)")


S = Status

# Moves that any request may make.
COMMON: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.TRIAGE, S.SEARCHING, S.INFORMED, S.REFERRED, S.REJECTED, S.CANCELLED}),
    S.TRIAGE: frozenset({S.SEARCHING, S.INFORMED, S.REFERRED, S.REJECTED, S.CANCELLED}),
    S.SEARCHING: frozenset({S.MATCHED, S.TRIAGE, S.REFERRED, S.CANCELLED}),
    S.MATCHED: frozenset({S.SEARCHING, S.CANCELLED}),
}
# Only one-off requests are done and then closed after the follow-up call.
ONE_OFF: dict[str, frozenset[str]] = {
    S.MATCHED: frozenset({S.DONE}),
    S.DONE: frozenset({S.CLOSED}),
}
# Recurring requests run until they end; the review date makes someone look at them.
RECURRING: dict[str, frozenset[str]] = {
    S.MATCHED: frozenset({S.ACTIVE}),
    S.ACTIVE: frozenset({S.PAUSED, S.ENDED, S.SEARCHING}),
    S.PAUSED: frozenset({S.ACTIVE, S.ENDED}),
}

# Still on the coordinator's plate (the board shows these, in this order).
OPEN_STATUSES: tuple[str, ...] = (
    S.NEW,
    S.TRIAGE,
    S.SEARCHING,
    S.MATCHED,
    S.DONE,
    S.ACTIVE,
    S.PAUSED,
)
FINISHED_STATUSES: tuple[str, ...] = (
    S.CLOSED,
    S.INFORMED,
    S.REFERRED,
    S.REJECTED,
    S.CANCELLED,
    S.ENDED,
)
# Still waiting for someone to pick it up: the urgency clock runs in these.
WAITING_STATUSES: tuple[str, ...] = (S.NEW, S.TRIAGE, S.SEARCHING)
# Triage (the boundary checklist and its decision) is for requests not yet decided on.
TRIAGE_STATUSES: frozenset[str] = frozenset({S.NEW, S.TRIAGE})
# Leaving for one of these needs a reason code.
NEEDS_REASON: frozenset[str] = frozenset({S.REJECTED, S.CANCELLED})
# Referring needs what was passed on (and to whom).
NEEDS_REFERRAL: frozenset[str] = frozenset({S.REFERRED})
# Moves that end the help (or turn it down) are asked about first: a confirmation step.
NEEDS_CONFIRMATION: frozenset[str] = frozenset({S.REJECTED, S.CANCELLED, S.ENDED})

# How far along its way a request is. A move to a lower stage is a step back (the request
# needs clarifying again, or a new volunteer); everything else moves it forward, the next
# stage first, the exits after it.
STAGE: dict[str, int] = {
    S.NEW: 0,
    S.TRIAGE: 1,
    S.SEARCHING: 2,
    S.MATCHED: 3,
    S.DONE: 4,
    S.ACTIVE: 4,
    S.PAUSED: 4,
    **dict.fromkeys(FINISHED_STATUSES, 5),
}


def allowed_transitions(status: str, *, recurring: bool = False) -> frozenset[str]:
    """Every status a request in `status` may move to."""
    extra = RECURRING if recurring else ONE_OFF
    return COMMON.get(status, frozenset()) | extra.get(status, frozenset())


def can_transition(from_status: str, to_status: str, *, recurring: bool = False) -> bool:
    return to_status in allowed_transitions(from_status, recurring=recurring)


def ordered_transitions(status: str, *, recurring: bool = False) -> list[str]:
    """Allowed moves in the order of `Status` (for menus)."""
    allowed = allowed_transitions(status, recurring=recurring)
    return [value for value in Status.values if value in allowed]


def is_backward(from_status: str, to_status: str) -> bool:
    """A step back to an earlier stage (searching → triage, matched → searching)."""
    return STAGE[to_status] < STAGE[from_status]


def forward_transitions(status: str, *, recurring: bool = False) -> list[str]:
    """The moves onward from `status`, the next stage first, then the exits (for menus)."""
    moves = ordered_transitions(status, recurring=recurring)
    forward = [to for to in moves if not is_backward(status, to)]
    return sorted(forward, key=lambda to: STAGE[to])  # stable: Status order within a stage


def backward_transitions(status: str, *, recurring: bool = False) -> list[str]:
    """The steps back from `status` (menus put them behind "meer…")."""
    return [
        to for to in ordered_transitions(status, recurring=recurring) if is_backward(status, to)
    ]


def is_open(status: str) -> bool:
    return status in OPEN_STATUSES


def can_triage(status: str) -> bool:
    """Triage is only for a new request: one that is new or being clarified.

    Once it is accepted for matching, or has left as informed, referred or rejected, the
    decision is taken; a request that needs clarifying again goes back to triage first.
    """
    return status in TRIAGE_STATUSES


def needs_reason(to_status: str) -> bool:
    """Rejecting and cancelling need a reason code: the yearly overview counts them per
    reason, and the next coordinator reads why. Other moves need none."""
    return to_status in NEEDS_REASON


def reason_error(to_status: str, reason_for: str | None) -> str | None:
    """What is wrong with the reason code for a move to `to_status` (in Dutch), or None.

    `reason_for` is the status the chosen reason code applies to, None when none was
    chosen (see `needs_reason`). A reason must be one for the status it is given with.
    """
    if reason_for is None:
        return gettext("Choose a reason.") if needs_reason(to_status) else None
    if reason_for != to_status:
        return gettext("This reason does not fit the new status.")
    return None
