"""Small pure rules of matching: what a volunteer may do with a task (accept it, see the
resident's contact details), when links expire, which moment a request asks for, whether a
volunteer is the resident themselves, whether a request has all the volunteers it needs, and
when a signal may be passed on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext as _

from accounts.calendar import AMSTERDAM
from hulpvragen.lifecycle import Status
from vrijwilligers.availability import VolunteerStatus, daypart_for, is_paused_on

# The consent values of koppelingen.models.Signal.Consent (kept as plain strings here so that
# the rule needs no models).
CONSENT_YES = "yes"
CONSENT_NO = "no"
CONSENT_EXCEPTION = "not_asked"  # acute danger, or the resident cannot be asked

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


# How a volunteer stands today, as far as their tasks are concerned.
STANDING_ACTIVE = "active"
STANDING_PAUSED = "paused"
# Stopped (or, oddly, not yet through the intake chat): the task is no longer theirs.
STANDING_GONE = "gone"


@dataclass(frozen=True)
class TaskAccess:
    standing: str
    may_accept: bool
    may_see_contact: bool


def task_access(
    *,
    volunteer_status: str,
    paused_until: date | None,
    accepted: bool,
    task_date: date | None,
    today: date,
) -> TaskAccess:
    """What a volunteer may do with a task today: the one rule behind the task page, the
    accept service and "my tasks".

    - Only an active volunteer may accept a task and see the resident's address and phone.
      A pause that has run out (`paused_until` before today) counts as active again.
    - A paused volunteer keeps their tasks in view but without contact details, and cannot
      accept until they are back (they are told so kindly).
    - A stopped volunteer loses everything at once, also for tasks accepted earlier.
    - An active volunteer sees contact details only after accepting, and until
      CONTACT_DAYS_AFTER_TASK days after the task (`contact_details_visible`).
    """
    if volunteer_status == VolunteerStatus.ACTIVE or (
        volunteer_status == VolunteerStatus.PAUSED
        and not is_paused_on(volunteer_status, paused_until, today)
    ):
        standing = STANDING_ACTIVE
    elif volunteer_status == VolunteerStatus.PAUSED:
        standing = STANDING_PAUSED
    else:
        standing = STANDING_GONE
    active = standing == STANDING_ACTIVE
    return TaskAccess(
        standing=standing,
        may_accept=active,
        may_see_contact=active
        and contact_details_visible(accepted=accepted, task_date=task_date, today=today),
    )


def link_expires_on(*, sent_on: date, task_date: date | None) -> date:
    """The last day an invitation link works: two weeks, or a week after the task if later
    (the same link is used to report back)."""
    expires = sent_on + timedelta(days=LINK_MIN_DAYS)
    if task_date is not None:
        expires = max(expires, task_date + timedelta(days=CONTACT_DAYS_AFTER_TASK))
    return expires


# Once its e-mailed link has been opened, a task's pages work without the token this long
# (in that browser only): after that first request the token is in no address the task's
# pages use, so it is not in the server's log of every later click.
TASK_SESSION = timedelta(hours=2)


def task_session_open(*, opened_at: datetime, now: datetime) -> bool:
    """Whether a task session that began at `opened_at` (the link was opened) still runs."""
    return opened_at <= now < opened_at + TASK_SESSION


def link_is_dead(*, standing: str, invitation_withdrawn: bool, assignment_withdrawn: bool) -> bool:
    """A task link dies at once, before it expires, when the task is no longer the
    volunteer's: the desk withdrew the invitation, gave the task to someone else (the
    volunteer's assignment withdrawn), or the volunteer stopped (`STANDING_GONE`). A dead link
    shows nothing of the task, only a word of thanks and how to reach the desk."""
    return invitation_withdrawn or assignment_withdrawn or standing == STANDING_GONE


def takes_task_back(*, from_status: str, to_status: str) -> bool:
    """Whether a request's change of status takes its planned tasks back from the volunteers:
    it goes back to looking for a volunteer (the task goes to someone else) or is cancelled.
    Their links die at once (`link_is_dead`)."""
    return to_status in (Status.SEARCHING, Status.CANCELLED) and from_status in (
        Status.MATCHED,
        Status.ACTIVE,
        Status.PAUSED,
    )


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
    return "".join(filter(str.isdigit, value or ""))


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
    volunteer_digits = _digits(volunteer_phone)
    if volunteer_digits and volunteer_digits == _digits(resident_phone):
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


def has_enough_volunteers(*, taken: int, needed: int) -> bool:
    """A request is filled once as many volunteers said yes (and still do it, or did it) as it
    needs: from then on nobody else is asked."""
    return taken >= max(needed, 1)


def signal_pass_on_errors(*, consent: str, exception_note: str) -> dict[str, str]:
    """Whether the desk may record a signal as passed on to an organisation; the errors by
    form field, empty when it may.

    Trust comes first (DOMAIN.md, "passing a signal to an agency, with consent"): a worry is
    passed on only with the resident's consent. The one exception is acute danger, or a
    resident who cannot be asked (confused, unreachable while something is wrong); that is
    allowed only with a note saying why, so that the logbook can account for it. When the
    resident said no, the signal stays open: the desk talks with the resident first.
    """
    if consent == CONSENT_YES:
        return {}
    if consent == CONSENT_EXCEPTION:
        if exception_note.strip():
            return {}
        return {
            "exception_note": _(
                "Write down why the resident could not be asked: without consent a signal is"
                " only passed on in acute danger, and the logbook must say why."
            )
        }
    if consent == CONSENT_NO:
        return {
            "consent": _(
                "The resident did not agree, so the signal is not passed on and stays open."
                " Talk with the resident first: explain what the organisation can do and ask"
                " again. Only in acute danger may you pass it on without consent, as an"
                " exception with a note."
            )
        }
    return {"consent": _("Say whether the resident agreed.")}


# --- changing one's mind ---------------------------------------------------------------------


def task_start(*, needed_on: date | None, time_from: time | None, appointment_time: time | None):
    """When a task begins, in Amsterdam: the departure time, else the appointment, else the
    end of its day (a task without a time can be done all day). None without a date."""
    if needed_on is None:
        return None
    moment = time_from or appointment_time
    if moment is None:
        return datetime.combine(needed_on + timedelta(days=1), time(0), tzinfo=AMSTERDAM)
    return datetime.combine(needed_on, moment, tzinfo=AMSTERDAM)


def task_time_passed(
    *, needed_on: date | None, time_from: time | None, appointment_time: time | None, now: datetime
) -> bool:
    """Whether a task's moment has passed (`task_start`): it can then no longer be accepted,
    nor given back; the volunteer reports it instead. A task without a date never passes."""
    start = task_start(needed_on=needed_on, time_from=time_from, appointment_time=appointment_time)
    return start is not None and now >= start


def may_say_yes_after_all(*, declined: bool, task_passed: bool, request_open: bool) -> bool:
    """After "no, not this time" the volunteer may still say yes, while the task's time has
    not passed and the request still looks for volunteers (`request_open`). Whether the place
    is still free is decided when they tap, race-safe, as for any yes."""
    return declined and not task_passed and request_open


def may_give_back(*, planned: bool, reported: bool, task_passed: bool) -> bool:
    """A volunteer who said yes may give the task back ("I cannot after all") while it is
    planned, not reported and its time has not come; afterwards they report it instead (as
    "did not happen")."""
    return planned and not reported and not task_passed


def status_after_giving_back(*, status: str, taken_after: int) -> str | None:
    """The status a request moves to when a volunteer gives its task back: back to looking
    for a volunteer once nobody is left on it (a request with other volunteers still on it
    stays as it is, so their tasks stand, and the desk can ask someone else from there).
    None: the status stays."""
    if taken_after == 0 and status in (Status.MATCHED, Status.ACTIVE):
        return Status.SEARCHING
    return None
