"""Opening hours in words people read at a glance: "maandag t/m vrijdag 09:00–12:00".

Pure functions over (weekday, opens_at, closes_at) values; weekday 0 is Monday.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time

from django.utils.translation import gettext as _

from accounts.calendar import Weekday


def _times(periods: list[tuple[time, time]]) -> str:
    return ", ".join(f"{opens:%H:%M}–{closes:%H:%M}" for opens, closes in periods)


def summarise(periods: Iterable) -> list[tuple[str, str]]:
    """[(days, times)]: consecutive weekdays with the same hours are joined.

    Accepts OpeningPeriod objects or (weekday, opens_at, closes_at) tuples, in any order.
    Two equal days that are not adjacent stay separate (“maandag”, “woensdag”), so that
    nobody reads a range that includes a closed day.
    """
    by_day: dict[int, list[tuple[time, time]]] = {}
    for period in periods:
        if isinstance(period, tuple):
            weekday, opens_at, closes_at = period
        else:
            weekday, opens_at, closes_at = period.weekday, period.opens_at, period.closes_at
        by_day.setdefault(weekday, []).append((opens_at, closes_at))
    runs: list[tuple[int, int, list]] = []
    for day in sorted(by_day):
        hours = sorted(by_day[day])
        if runs and runs[-1][1] == day - 1 and runs[-1][2] == hours:
            runs[-1] = (runs[-1][0], day, hours)
        else:
            runs.append((day, day, hours))
    result = []
    for first, last, hours in runs:
        if first == last:
            days = str(Weekday(first).label)
        elif last == first + 1:
            days = _("%(first)s and %(last)s") % {
                "first": Weekday(first).label,
                "last": Weekday(last).label,
            }
        else:
            days = _("%(first)s to %(last)s") % {
                "first": Weekday(first).label,
                "last": Weekday(last).label,
            }
        result.append((days, _times(hours)))
    return result
