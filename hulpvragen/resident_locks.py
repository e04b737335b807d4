"""Reasons a resident's details may no longer be edited, filled in by apps above this one.

Privacy registers "the data were erased" here (hulpvragen may not import privacy): editing an
erased resident would bring personal data back into a row that was cleared on purpose.
A check takes a resident and returns a Dutch reason, or "" when it has no objection.
"""

from collections.abc import Callable

_checks: list[Callable[[object], str]] = []


def register(check: Callable[[object], str]) -> None:
    if check not in _checks:
        _checks.append(check)


def edit_refused(resident) -> str:
    """The first reason not to edit this resident's details, or "" when editing is fine."""
    for check in _checks:
        reason = check(resident)
        if reason:
            return reason
    return ""
