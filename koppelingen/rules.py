"""Small pure rules of matching: when contact details show, when links expire, which moment
a request asks for, and whether a volunteer is the resident themselves."""

from __future__ import annotations

from datetime import date, time, timedelta

from vrijwilligers.availability import daypart_for

# Resident contact details stay visible to the volunteer this long after the task.
CONTACT_DAYS_AFTER_TASK = 7
# An e-mailed link works at least this long, and until a week after the task.
LINK_MIN_DAYS = 14


def contact_details_visible(*, accepted: bool, task_date: date | None, today: date) -> bool:
    """A volunteer sees the full address and phone only after accepting, and only until
    CONTACT_DAYS_AFTER_TASK days after the task (no date yet: while the match stands)."""
    if not accepted:
        return False
    if task_date is None:
        return True
    return today <= task_date + timedelta(days=CONTACT_DAYS_AFTER_TASK)


def link_expires_on(*, sent_on: date, task_date: date | None) -> date:
    """The last day an invitation link works: two weeks, or a week after the task if later
    (the same link is used to report back)."""
    expires = sent_on + timedelta(days=LINK_MIN_DAYS)
    if task_date is not None:
        expires = max(expires, task_date + timedelta(days=CONTACT_DAYS_AFTER_TASK))
    return expires


def request_moment(
    *, needed_on: date | None, time_from: time | None, appointment_time: time | None
) -> tuple[date | None, str | None]:
    """The date and daypart a request asks a volunteer for (None when not yet known).

    For a ride the volunteer leaves before the appointment, so the appointment time decides
    only when no departure time was given.
    """
    moment = time_from or appointment_time
    return needed_on, (daypart_for(moment) if moment else None)


def _digits(value: str) -> str:
    return "".join(ch for ch in value or "" if ch.isdigit())


def is_same_person(
    *,
    volunteer_last_name: str,
    volunteer_postcode: str,
    volunteer_house_number: str,
    volunteer_phone: str,
    resident_last_name: str,
    resident_postcode: str,
    resident_house_number: str,
    resident_phone: str,
) -> bool:
    """Volunteers and residents are separate records; a volunteer who became a requester
    is recognised by the same phone number, or the same surname at the same address."""
    if _digits(volunteer_phone) and _digits(volunteer_phone) == _digits(resident_phone):
        return True
    same_address = (
        volunteer_postcode.replace(" ", "").upper() == resident_postcode.replace(" ", "").upper()
        and volunteer_postcode
        and str(volunteer_house_number).strip() == str(resident_house_number).strip()
    )
    return bool(
        same_address
        and volunteer_last_name.strip().casefold() == resident_last_name.strip().casefold()
    )
