"""Reading the access log for a resident ("Wie heeft dit dossier bekeken") and for the
monthly review, with each line said in words.

A log line names a page (the view's name) and what was open on it ("helprequest:12"); the
words a coordinator or the resident reads ("hulpvraag 12 geopend") come from `PAGES` here,
so the log itself never holds text. Pages not listed (a new page, a renamed view) read as
"a page of the desk" rather than failing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access_log_models import AccessLogEntry
from accounts.models import Membership, User
from accounts.roles import Role

from . import access_review
from .models import Resident

# view name -> what the person was doing there; %(number)s is the item's number.
PAGES = {
    "hulpvragen:board": gettext_lazy("in the list of open requests (the board)"),
    "hulpvragen:meeting": gettext_lazy("in the printed list for the weekly meeting"),
    "hulpvragen:intake": gettext_lazy("while taking in a request"),
    "hulpvragen:resident_search": gettext_lazy("in a search for a resident"),
    "hulpvragen:resident_duplicates": gettext_lazy("in the check for a resident known already"),
    "hulpvragen:resident_list": gettext_lazy("in the list of residents"),
    "hulpvragen:resident_detail": gettext_lazy("the resident's page opened"),
    "hulpvragen:resident_edit": gettext_lazy("the resident's details opened to change them"),
    "hulpvragen:resident_consent": gettext_lazy("the resident's consent"),
    "hulpvragen:consent_withdraw": gettext_lazy("a consent withdrawn"),
    "hulpvragen:resident_access_log": gettext_lazy("this list of who looked at the file"),
    "hulpvragen:resident_access_letter": gettext_lazy("the letter on who looked at the file"),
    "hulpvragen:resident_access_letter_pdf": gettext_lazy(
        "the letter on who looked at the file (PDF)"
    ),
    "hulpvragen:request_detail": gettext_lazy("request %(number)s opened"),
    "hulpvragen:request_edit": gettext_lazy("request %(number)s opened to change it"),
    "hulpvragen:request_logbook": gettext_lazy("the logbook of request %(number)s"),
    "hulpvragen:request_transition": gettext_lazy("the status of request %(number)s"),
    "hulpvragen:request_triage": gettext_lazy("the triage of request %(number)s"),
    "koppelingen:candidates": gettext_lazy("finding a volunteer for request %(number)s"),
    "koppelingen:phone_answer": gettext_lazy("a volunteer's answer for request %(number)s"),
    "koppelingen:mismatch": gettext_lazy("a mismatch recorded"),
    "koppelingen:signals": gettext_lazy("in the list of signals"),
    "koppelingen:signal": gettext_lazy("signal %(number)s opened"),
    "koppelingen:pair_log": gettext_lazy("the logbook of a volunteer and the resident"),
    "koppelingen:follow_up": gettext_lazy("the follow-up call after a task"),
    "koppelingen:task": gettext_lazy("the volunteer's task page of request %(number)s"),
    "koppelingen:invitation": gettext_lazy("the volunteer's task page of request %(number)s"),
    "koppelingen:task_report": gettext_lazy("the volunteer's report on request %(number)s"),
    "koppelingen:report": gettext_lazy("the volunteer's report on request %(number)s"),
    "koppelingen:task_ics": gettext_lazy("the calendar file of request %(number)s"),
    "koppelingen:ics": gettext_lazy("the calendar file of request %(number)s"),
    "uitleen:inventory": gettext_lazy("in the list of aids on loan"),
    "uitleen:overdue": gettext_lazy("in the list of loans overdue"),
    "uitleen:item_detail": gettext_lazy("in the loans of an aid"),
    "uitleen:lend": gettext_lazy("lending an aid"),
    "uitleen:loan_return": gettext_lazy("an aid taken back"),
    "uitleen:loan_edit": gettext_lazy("loan %(number)s"),
    "vrijwilligers:detail": gettext_lazy("in the tasks on a volunteer's page"),
    "vrijwilligers:pause": gettext_lazy("in the tasks of a volunteer who takes a pause"),
    "vrijwilligers:stop": gettext_lazy("in the tasks of a volunteer who stops"),
    "vrijwilligers:my_tasks": gettext_lazy("in the volunteer's own list of tasks"),
}
ADMIN_PAGE = gettext_lazy("in the administration site")
OTHER_PAGE = gettext_lazy("a page of the desk")


def describe_page(view_name: str, object_ref: str) -> str:
    """What a log line's page and item mean, in words ("request 12 opened")."""
    if view_name.startswith("admin:"):
        return str(ADMIN_PAGE)
    text = PAGES.get(view_name, OTHER_PAGE)
    number = object_ref.partition(":")[2]
    return str(text) % {"number": number} if "%(number)s" in str(text) else str(text)


@dataclass
class AccessLine:
    at: datetime
    who: str
    role: str
    what: str
    through: str
    why: str


def _who(entry, users: dict) -> str:
    user = users.get(entry.user_id)
    if user is not None:
        return str(user)
    if entry.via == AccessLogEntry.Via.TASK_LINK:
        return _("a volunteer, through the link of their task")
    return _("the system")


def resident_access_lines(resident: Resident, *, limit: int = 500) -> list[AccessLine]:
    """Who read this resident's data, newest first (bounded; 2 queries)."""
    entries = list(
        AccessLogEntry.objects.filter(resident_id=resident.pk, village_id=resident.village_id)
        .order_by("-at", "-id")
        .only("at", "user_id", "role", "action", "via", "view_name", "object_ref")[:limit]
    )
    users = User.objects.in_bulk({e.user_id for e in entries if e.user_id})
    return [
        AccessLine(
            at=entry.at,
            who=_who(entry, users),
            role=str(Role(entry.role).label) if entry.role in Role.values else "",
            what=str(entry.get_action_display()),
            through=str(entry.get_via_display()),
            why=describe_page(entry.view_name, entry.object_ref),
        )
        for entry in entries
    ]


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The first moment of the month and of the next, in the desk's time zone."""
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    tz = timezone.get_current_timezone()
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


def month_reads(village, start: datetime, end: datetime) -> list[access_review.Read]:
    """The village's log lines from `start` up to `end`, as plain values (1 query)."""
    return [
        access_review.Read(
            at=row["at"],
            user_id=row["user_id"],
            role=row["role"],
            action=row["action"],
            resident_id=row["resident_id"],
            village_id=row["village_id"],
        )
        for row in AccessLogEntry.objects.filter(village=village, at__gte=start, at__lt=end)
        .order_by("at", "id")
        .values("at", "user_id", "role", "action", "resident_id", "village_id")
    ]


def review_facts(reads: list[access_review.Read]) -> access_review.Facts:
    """Memberships of the users in `reads`, and for volunteers the residents of the tasks
    they were asked for and that were not withdrawn (2 queries)."""
    from koppelingen.models import Assignment, Invitation

    user_ids = {r.user_id for r in reads if r.user_id is not None}
    memberships: dict[int, set[int]] = {}
    for user_id, village_id in Membership.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "village_id"
    ):
        memberships.setdefault(user_id, set()).add(village_id)
    volunteer_users = {r.user_id for r in reads if r.role == Role.VOLUNTEER and r.user_id}
    residents: dict[int, set[int]] = {}
    for user_id, resident_id in (
        Invitation.objects.filter(volunteer__user_id__in=volunteer_users)
        .exclude(status=Invitation.Status.WITHDRAWN)
        .exclude(assignment__status=Assignment.Status.WITHDRAWN)
        .values_list("volunteer__user_id", "help_request__resident_id")
    ):
        residents.setdefault(user_id, set()).add(resident_id)
    return access_review.Facts(memberships=memberships, volunteer_residents=residents)
