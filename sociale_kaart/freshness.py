"""When is a social-map entry stale? A pure rule with an explicit `today`.

Phone numbers change, people leave, a walk-in hour moves: an entry nobody has checked for
12 months is no longer trusted. It stays usable but is marked and listed so that the
coordinator calls them and clicks "verified".
"""

from __future__ import annotations

from datetime import date

STALE_AFTER_MONTHS = 12


def stale_cutoff(today: date) -> date:
    """The earliest verification date that still counts as current on `today`.

    Twelve calendar months back; 29 February falls back to 28 February.
    """
    months = today.year * 12 + (today.month - 1) - STALE_AFTER_MONTHS
    year, month = divmod(months, 12)
    month += 1
    try:
        return today.replace(year=year, month=month)
    except ValueError:
        return date(year, month, 28)


def is_stale(last_verified_on: date | None, today: date) -> bool:
    """True when the entry was never verified or verified before the cutoff."""
    return last_verified_on is None or last_verified_on < stale_cutoff(today)
