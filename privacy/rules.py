"""Pure rules of erasure and retention (no database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# The to-do list shows an anonymisation this many days before it happens.
NOTICE_DAYS = 30


@dataclass(frozen=True)
class OpenThings:
    """What is still running for a resident: nothing may be erased half-way through it."""

    requests: int = 0
    loans_out: int = 0
    signals_open: int = 0

    def __bool__(self) -> bool:
        return bool(self.requests or self.loans_out or self.signals_open)


def erasure_blockers(open_things: OpenThings) -> list[str]:
    """What must happen before a resident can be erased, in Dutch; empty when nothing."""
    reasons = []
    if open_things.requests:
        reasons.append(
            ngettext(
                "There is %(count)d open request: close it or cancel it first.",
                "There are %(count)d open requests: close or cancel them first.",
                open_things.requests,
            )
            % {"count": open_things.requests}
        )
    if open_things.loans_out:
        reasons.append(
            ngettext(
                "%(count)d aid is still on loan: record its return first.",
                "%(count)d aids are still on loan: record their return first.",
                open_things.loans_out,
            )
            % {"count": open_things.loans_out}
        )
    if open_things.signals_open:
        reasons.append(
            ngettext(
                "%(count)d signal is still open: pass it on or close it first.",
                "%(count)d signals are still open: pass them on or close them first.",
                open_things.signals_open,
            )
            % {"count": open_things.signals_open}
        )
    return reasons


def add_months(day: date, months: int) -> date:
    """`day` plus `months` calendar months; the 31st becomes the last day of a short month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


# A volunteer's text message to the desk is kept this long after it came in. Its text is
# already in the matching logbook (kept as long as the volunteer's data), and the stored
# message only serves to handle the same delivery once, which matters for days, not months.
INBOUND_SMS_DAYS = 90


def inbound_sms_kept_since(now: datetime) -> datetime:
    """Text messages received before this moment are deleted by the retention job."""
    return now - timedelta(days=INBOUND_SMS_DAYS)


def retention_ends(last_contact: date, months: int) -> date:
    """The day on which data kept since `last_contact` is anonymised."""
    return add_months(last_contact, months)


def retention_state(last_contact: date, months: int, today: date) -> str:
    """ "due" when the period has passed, "notice" within NOTICE_DAYS of it, else "keep"."""
    ends = retention_ends(last_contact, months)
    if ends <= today:
        return "due"
    if (ends - today).days <= NOTICE_DAYS:
        return "notice"
    return "keep"


def period_text(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return ngettext("%(n)d year", "%(n)d years", years) % {"n": years}
    return ngettext("%(n)d month", "%(n)d months", months) % {"n": months}


def erased_name() -> str:
    return _("(erased)")
