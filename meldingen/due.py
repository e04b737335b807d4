"""When a to-do is due, and the order of the coordinators' list (pure; no database).

The list is read top to bottom on a busy morning, so it runs:

1. late: due before today, the longest late first (a promise kept waiting longest is the
   most embarrassing one), each marked "te laat" with the number of days;
2. today;
3. later, by date.

Within one day, to-dos that cannot wait (a request waiting too long, a message that did not
go out, an unanswered invitation) come before the ones that can (a social-map check).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar


class When(enum.IntEnum):
    LATE = 0
    TODAY = 1
    LATER = 2


@dataclass(frozen=True)
class Due:
    when: When
    # 0 unless late; 1 means "due yesterday".
    days_late: int = 0

    @property
    def is_late(self) -> bool:
        return self.when is When.LATE

    @property
    def is_today(self) -> bool:
        return self.when is When.TODAY


# Kinds in the order they go within one day; a kind not named here goes last.
KIND_ORDER: tuple[str, ...] = (
    "escalation",
    "failed_notification",
    "unanswered",
    "follow_up",
    "overdue_loan",
    "confirmation",
    "review",
    "stale_social_map",
)


def due_state(due_on: date, today: date) -> Due:
    """Late (with how many days), today, or later."""
    if due_on < today:
        return Due(When.LATE, (today - due_on).days)
    if due_on == today:
        return Due(When.TODAY)
    return Due(When.LATER)


def sort_key(*, due_on: date, kind: str, pk: int, today: date) -> tuple:
    """The place of one to-do in the list (see the module docstring)."""
    rank = KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
    return (due_state(due_on, today).when, due_on, rank, pk)


T = TypeVar("T")


def in_order(todos: Iterable[T], *, today: date) -> list[T]:
    """The to-dos in list order, each with its `due` (a `Due`) set for the template."""
    ordered = sorted(
        todos, key=lambda t: sort_key(due_on=t.due_on, kind=t.kind, pk=t.pk, today=today)
    )
    for todo in ordered:
        todo.due = due_state(todo.due_on, today)
    return ordered
