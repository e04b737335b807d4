"""Reads for matching, each in a fixed number of queries whatever the registry's size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Max,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from accounts import prepared
from accounts.access import Access, get_for_village_or_404, scope_to_village
from accounts.dutch import format_phone
from accounts.id_lists import in_ids
from accounts.names import full_name, short_name
from hulpvragen.models import HelpCategory, HelpRequest
from meldingen.models import Todo
from vrijwilligers import sharing
from vrijwilligers.availability import (
    WEEKDAY_SHORT,
    Daypart,
    VolunteerFacts,
    VolunteerStatus,
    is_absent_on,
    is_available,
    is_paused_on,
)
from vrijwilligers.models import Absence, AvailabilitySlot, Volunteer, VolunteerVillage
from vrijwilligers.selectors import (
    askable_in_village_q,
    own_volunteer,
    running_shares,
)

from . import rules
from .models import (
    TAKEN_STATUSES,
    Assignment,
    Invitation,
    LogEntry,
    Occurrence,
    Signal,
    TaskReport,
)
from .ranking import CandidateFacts, Need, rank_candidates
from .waiting import ASKABLE_STATUSES as WAITING_ASKABLE
from .waiting import still_waiting


def _unavailable_reason(volunteer, on: date | None, daypart: str | None, today: date) -> str:
    from django.utils.translation import gettext as _

    from accounts.templatetags.nl_format import format_nl_date

    if is_paused_on(volunteer.status, volunteer.paused_until, on or today):
        return _unavailable_texts(get_language())[0]
    for first, last in volunteer.absence_periods:
        if first <= (on or today) <= last:
            return _("Away until %(date)s") % {"date": format_nl_date(last, today=today)}
    return _unavailable_texts(get_language())[1]


@lru_cache(maxsize=8)
def _unavailable_texts(language) -> tuple[str, str]:
    """ "Paused" and "not available then", translated once per language (most of a
    village's volunteers are one of them for any one request)."""
    from django.utils.translation import gettext as _

    return _("Paused"), _("Not available on that day or daypart")


def _available(volunteer, on: date | None, daypart: str | None, today: date) -> bool:
    """Availability for a request whose date or time may not be fixed yet."""
    if on is None:
        # "Some time this week": only the pause and today's absence count.
        return volunteer.status in (
            VolunteerStatus.ACTIVE,
            VolunteerStatus.PAUSED,
        ) and not (
            is_paused_on(volunteer.status, volunteer.paused_until, today)
            or is_absent_on(volunteer.absence_periods, today)
        )
    dayparts = [daypart] if daypart else list(Daypart.values)
    return any(is_available(volunteer, on, part, today=today) for part in dayparts)


def need_for(help_request: HelpRequest, *, today: date | None = None) -> Need:
    on, daypart = rules.request_moment(
        needed_on=help_request.needed_on,
        time_from=help_request.time_from,
        appointment_time=help_request.appointment_time,
    )
    return Need(
        category_id=help_request.category_id,
        resident_id=help_request.resident_id,
        distance_km=help_request.distance_km,
        needs_wheelchair_space=help_request.mobility_aid == HelpRequest.MobilityAid.WHEELCHAIR,
        is_transport=help_request.category.is_transport,
        category_name=help_request.category.name,
        on=on,
        daypart=daypart,
        today=today,
    )


# What the facts read of a volunteer (the notes, texts and tokens are left in the database).
FACT_FIELDS = (
    "village_id",
    "first_name",
    "last_name",
    "status",
    "paused_until",
    "max_km",
    "has_car",
    "car_fits_wheelchair",
    "monthly_cap",
    "postcode",
    "house_number",
    "phone",
    "last_asked_on",
)
# What the candidates page reads besides: how the volunteer is asked and told apart.
CONTACT_FIELDS = ("email", "contact_channel", "street", "place")


@dataclass(frozen=True)
class CandidateContact:
    """How a candidate is reached and told apart from a namesake: the volunteer's fields
    that `vrijwilligers.channels.reach_volunteer` and the candidates page's tell-apart text
    read."""

    email: str
    phone: str
    contact_channel: str
    street: str
    place: str

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)


# The queries of candidate_facts_and_contacts, each built from its values alone (see
# accounts.prepared). Slots, offers, "won't do" and absences as plain values: at 150
# volunteers a model instance per slot and per category link cost more than the SQL.


def _running_shares(village_id: int) -> list[VolunteerVillage]:
    """vrijwilligers.selectors.running_shares_with_terms (the agreements with the home
    village and their kinds of help), its first query put together once per thread
    (accounts.prepared)."""
    shares = prepared.objects(
        "candidates.shares",
        lambda village_id: running_shares(village_id).select_related("village"),
        village_id=village_id,
    )
    # no query when there are no agreements
    prefetch_related_objects(
        shares, Prefetch("categories", queryset=HelpCategory.objects.order_by())
    )
    return shares


def _volunteers(village_id, shared_ids):
    """The askable volunteers (of the village, and those who help it now), in the order of
    `FACT_FIELDS` and `CONTACT_FIELDS` after the id."""
    return Volunteer.objects.filter(
        askable_in_village_q(village_id, shared_ids),
        status__in=[VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED],
    ).values("pk", *FACT_FIELDS, *CONTACT_FIELDS)


def _slots(ids):
    return AvailabilitySlot.objects.filter(in_ids("volunteer_id", ids)).values_list(
        "volunteer_id", "weekday", "daypart"
    )


def _offers(ids):
    return Volunteer.categories.through.objects.filter(in_ids("volunteer_id", ids)).values_list(
        "volunteer_id", "helpcategory_id"
    )


def _any_volunteer_of(model, ids):
    """`volunteer_id IN ids`, on PostgreSQL as `volunteer_id = ANY(array)`: for the "won't
    do" rows (one for a few volunteers) PostgreSQL planned `IN (SELECT unnest(…))` as a scan
    of the whole table (30,000 rows at national size, 3 ms), `= ANY` as an index scan."""
    if connection.vendor != "postgresql":
        return Q(volunteer_id__in=ids)
    quote = connection.ops.quote_name
    column = f"{quote(model._meta.db_table)}.{quote('volunteer_id')}"
    return RawSQL(f"{column} = ANY(%s::bigint[])", (ids,), output_field=BooleanField())


def _wont_do(ids):
    through = Volunteer.refused_categories.through
    return through.objects.filter(_any_volunteer_of(through, ids)).values_list(
        "volunteer_id", "helpcategory_id"
    )


def _absences(ids, today):
    return (
        Absence.objects.filter(in_ids("volunteer_id", ids), ends_on__gte=today)
        .order_by("starts_on")
        .values_list("volunteer_id", "starts_on", "ends_on")
    )


def _asked(ids, resident_id, since_30, since_90):
    """Per volunteer: asked in the last 30 days and 31–90 days ago (for anything), and
    the "no"s to this resident (whenever) with the last one's moment.

    The resident's requests are a subquery (a handful of ids, hashed once) rather than a
    join: joined, every invitation the volunteers ever had was looked up in the requests
    (1,800 at national size: 5 ms against 1 ms)."""
    for_resident = Q(
        help_request__in=HelpRequest.objects.filter(resident_id=resident_id).values("pk")
    )
    declined_here = for_resident & Q(status=Invitation.Status.DECLINED)
    return (
        Invitation.objects.filter(in_ids("volunteer_id", ids))
        .filter(Q(asked_at__gte=since_90) | for_resident)
        .values("volunteer_id")
        .annotate(
            asked_30=Count("pk", filter=Q(asked_at__gte=since_30)),
            asked_90=Count("pk", filter=Q(asked_at__gte=since_90, asked_at__lt=since_30)),
            declines=Count("pk", filter=declined_here),
            last_declined_at=Max("answered_at", filter=declined_here),
        )
    )


def _matched(ids, resident_id, d30, d90, month_start, since):
    """Per volunteer: tasks taken in the last 30 days, 31–90 days ago and this month
    (`since` is the earliest of those days), and the matches with this resident (whenever):
    good ones, mismatches, "don't pair again"."""
    return (
        Assignment.objects.filter(in_ids("volunteer_id", ids))
        .filter(Q(task_date__gte=since) | Q(resident=resident_id))
        .values("volunteer_id")
        .annotate(
            deployed_30=Count("pk", filter=Q(task_date__gte=d30, status__in=TAKEN_STATUSES)),
            deployed_90=Count(
                "pk", filter=Q(task_date__gte=d90, task_date__lt=d30, status__in=TAKEN_STATUSES)
            ),
            this_month=Count("pk", filter=Q(task_date__gte=month_start, status__in=TAKEN_STATUSES)),
            good=Count(
                "pk",
                filter=Q(
                    resident=resident_id,
                    is_mismatch=False,
                    report__how_it_went=TaskReport.HowItWent.GOOD,
                ),
            ),
            mismatches=Count("pk", filter=Q(resident=resident_id, is_mismatch=True)),
            do_not_pair=Count("pk", filter=Q(resident=resident_id, do_not_pair_again=True)),
        )
    )


def candidate_facts(help_request: HelpRequest, *, today: date) -> list[CandidateFacts]:
    """Everything the ranking needs about every askable volunteer of the village, and about
    the volunteers from elsewhere who help it now (`candidate_facts_and_contacts`)."""
    return candidate_facts_and_contacts(help_request, today=today)[0]


def candidate_facts_and_contacts(
    help_request: HelpRequest, *, today: date
) -> tuple[list[CandidateFacts], dict[int, CandidateContact]]:
    """Everything the ranking needs about every askable volunteer of the village, and about
    the volunteers from elsewhere who help it now (within that agreement's boundaries:
    `vrijwilligers.sharing`); and each one's contact details by volunteer id.

    Asks and tasks count across villages: a volunteer's load and monthly cap are theirs,
    wherever they help.

    Queries: the agreements for this village (1, and 1 for their kinds of help when there
    are any), the volunteers as values (1), their slots, offers, "won't do" and coming
    absences as values (4), one aggregate over invitations and one over matches — 8 or 9 in
    all, for any number of volunteers.
    """
    resident = help_request.resident
    on, daypart = rules.request_moment(
        needed_on=help_request.needed_on,
        time_from=help_request.time_from,
        appointment_time=help_request.appointment_time,
    )
    share_of = {share.volunteer_id: share for share in _running_shares(help_request.village_id)}
    # Plain values: at 150 volunteers a model instance each cost more than their query.
    # Each query is put together once per shape and thread (accounts.prepared).
    volunteers = [
        tuple(row.values())
        for row in prepared.rows(
            "candidates.volunteers",
            _volunteers,
            village_id=help_request.village_id,
            shared_ids=tuple(share_of),
        )
    ]
    # A plain list: the counts below then use the (volunteer, …) indexes instead of
    # re-running the village filter inside each aggregate.
    askable_ids = [row[0] for row in volunteers]
    d30, d90 = today - timedelta(days=30), today - timedelta(days=90)
    month_start = today.replace(day=1)
    # The first moments of those days: "asked on or after day X" as a range on asked_at
    # itself, which an index on asked_at can serve (asked_at__date cannot).
    since_30, since_90 = (timezone.make_aware(datetime.combine(d, time.min)) for d in (d30, d90))
    slots, offered, refused, absences = (defaultdict(list) for _ in range(4))
    asked, matched = {}, {}
    if askable_ids:
        # Tuples, not dicts: about a thousand rows for a village of 150 volunteers.
        for volunteer_id, weekday, part in prepared.rows(
            "candidates.slots", _slots, ids=askable_ids
        ):
            slots[volunteer_id].append((weekday, part))  # not `daypart`: the request's
        for volunteer_id, category_id in prepared.rows(
            "candidates.offers", _offers, ids=askable_ids
        ):
            offered[volunteer_id].append(category_id)
        for volunteer_id, category_id in prepared.rows(
            "candidates.wont_do", _wont_do, ids=askable_ids
        ):
            refused[volunteer_id].append(category_id)
        for volunteer_id, starts_on, ends_on in prepared.rows(
            "candidates.absences", _absences, ids=askable_ids, today=today
        ):
            absences[volunteer_id].append((starts_on, ends_on))
        asked = {
            row["volunteer_id"]: row
            for row in prepared.rows(
                "candidates.asked",
                _asked,
                ids=askable_ids,
                resident_id=resident.pk,
                since_30=since_30,
                since_90=since_90,
            )
        }
        matched = {
            row["volunteer_id"]: row
            for row in prepared.rows(
                "candidates.matched",
                _matched,
                ids=askable_ids,
                resident_id=resident.pk,
                d30=d30,
                d90=d90,
                month_start=month_start,
                since=min(d90, month_start),
            )
        }

    resident_postcode = resident.postcode.replace(" ", "")
    resident_house_number = str(resident.house_number)
    facts, contacts = [], {}
    for (
        pk,
        village_id,
        first_name,
        last_name,
        status,
        paused_until,
        volunteer_max_km,
        has_car,
        car_fits_wheelchair,
        monthly_cap,
        postcode,
        house_number,
        phone,
        last_asked_on,
        email,
        contact_channel,
        street,
        place,
    ) in volunteers:
        availability = VolunteerFacts(
            status=status,
            paused_until=paused_until,
            weekly_slots=frozenset(slots[pk]),
            absence_periods=tuple(absences[pk]),
        )
        available = _available(availability, on, daypart, today)
        unavailable_reason = (
            "" if available else _unavailable_reason(availability, on, daypart, today)
        )
        a = asked.get(pk, {})
        m = matched.get(pk, {})
        offers = frozenset(offered[pk])
        max_km = Decimal(volunteer_max_km) if volunteer_max_km is not None else None
        share = share_of.get(pk) if village_id != help_request.village_id else None
        elsewhere = {}
        if share is not None:
            elsewhere = {"home_village": share.village.name, "offers_at_home": offers}
            offers = sharing.offers_there(offers, (c.pk for c in share.categories.all()))
            max_km = sharing.max_km_there(volunteer_max_km, share.max_km)
            if available and not sharing.helps_there_on(share.weekdays, on):
                available = False
                unavailable_reason = _not_on_agreed_day(share)
        facts.append(
            CandidateFacts(
                volunteer_id=pk,
                # as Volunteer.full_name
                name=f"{first_name} {last_name}".strip(),
                offers=offers,
                wont_do=frozenset(refused[pk]),
                available=available,
                unavailable_reason=unavailable_reason,
                max_km=max_km,
                has_car=has_car,
                wheelchair_space=car_fits_wheelchair,
                monthly_cap=monthly_cap,
                tasks_this_month=m.get("this_month", 0),
                is_the_resident=rules.is_same_person(
                    volunteer_last_name=last_name,
                    volunteer_postcode=postcode,
                    volunteer_house_number=house_number,
                    volunteer_phone=phone,
                    resident_last_name=resident.last_name,
                    resident_postcode=resident.postcode,
                    resident_house_number=resident_house_number,
                    resident_phone=resident.phone,
                ),
                do_not_pair=bool(m.get("do_not_pair")),
                good_matches_with_resident=m.get("good", 0),
                mismatches_with_resident=m.get("mismatches", 0),
                declines_with_resident=a.get("declines", 0),
                last_declined_on=timezone.localdate(a["last_declined_at"])
                if a.get("last_declined_at")
                else None,
                asked_last_30=a.get("asked_30", 0),
                asked_31_90=a.get("asked_90", 0),
                deployed_last_30=m.get("deployed_30", 0),
                deployed_31_90=m.get("deployed_90", 0),
                last_asked_on=last_asked_on,
                same_postcode_area=bool(postcode)
                and postcode.replace(" ", "") == resident_postcode,
                **elsewhere,
            )
        )
        contacts[pk] = CandidateContact(
            email=email, phone=phone, contact_channel=contact_channel, street=street, place=place
        )
    return facts, contacts


def _not_on_agreed_day(share) -> str:
    from django.utils.translation import gettext as _

    days = ", ".join(str(WEEKDAY_SHORT[day]) for day in sorted(share.weekdays))
    return _("Helps in this village only on %(days)s") % {"days": days}


def ranked_candidates(help_request: HelpRequest, *, today: date):
    """(eligible best first, excluded with reasons) and the volunteers by id."""
    return rank_candidates(
        need_for(help_request, today=today), candidate_facts(help_request, today=today)
    )


# --- getters ---------------------------------------------------------------------------


def get_invitation_for_coordinator(access: Access, pk: int) -> Invitation:
    if not access.can_coordinate:
        raise Http404
    return get_for_village_or_404(
        Invitation.objects.select_related("help_request", "volunteer"), access, pk=pk
    )


def get_assignment_for_coordinator(access: Access, pk: int) -> Assignment:
    if not access.can_coordinate:
        raise Http404
    return get_for_village_or_404(
        Assignment.objects.select_related("help_request", "volunteer", "resident"), access, pk=pk
    )


def get_signal_for_coordinator(access: Access, pk: int) -> Signal:
    if not access.can_coordinate:
        raise Http404
    return get_for_village_or_404(
        Signal.objects.select_related(
            "resident", "help_request", "reported_by_volunteer", "passed_to"
        ),
        access,
        pk=pk,
    )


def invitation_for_task_page(pk: int, *, user) -> Invitation | None:
    """The invitation behind a task page, with what the page shows, or None when there is
    no such invitation or a logged-in user who is not its volunteer asks (a 404 for the
    caller)."""
    invitation = (
        Invitation.objects.select_related(
            "volunteer__user",
            "help_request__resident",
            "help_request__category",
            "help_request__village",
            "village",
            "assignment",
        )
        .filter(pk=pk)
        .first()
    )
    if invitation is None:
        return None
    if user.is_authenticated and invitation.volunteer.user_id != user.pk:
        return None
    return invitation


def invitation_for_link(payload, *, user, today: date) -> tuple[Invitation | None, bool]:
    """The invitation a signed link opens, and whether the link has expired.

    A logged-in user who is not this volunteer gets nothing (a 404 for the caller).
    """
    invitation = invitation_for_task_page(payload.invitation_id, user=user)
    if invitation is None:
        return None, False
    return invitation, today > payload.expires_on


# --- the volunteer's tasks -----------------------------------------------------------------


# How far ahead a volunteer sees the turns of their recurring tasks.
OCCURRENCE_DAYS_SHOWN = 8


@dataclass
class VolunteerTasks:
    invitations: list[Invitation]
    upcoming: list[Assignment]
    past: list[Assignment]
    to_report: list[Assignment] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)


def tasks_for_volunteer(volunteer: Volunteer, *, today: date, past_limit: int = 10):
    """Invitations still waiting for an answer (`waiting.still_waiting`), tasks to come, and
    the last few done (3 queries)."""
    invitations = list(
        still_waiting(Invitation.objects.filter(volunteer=volunteer))
        .select_related("help_request__resident", "help_request__category", "village")
        .order_by("asked_at")
    )
    assignments = (
        Assignment.objects.filter(volunteer=volunteer)
        .select_related("help_request__resident", "help_request__category", "invitation", "village")
        .prefetch_related("report")
    )
    active = list(
        assignments.filter(status=Assignment.Status.ACTIVE).order_by("task_date", "accepted_at")
    )
    past = list(
        assignments.exclude(status=Assignment.Status.ACTIVE).order_by("-task_date")[:past_limit]
    )
    start = timezone.make_aware(datetime.combine(today, time.min))
    occurrences = list(
        Occurrence.objects.filter(
            volunteer=volunteer,
            status=Occurrence.Status.PLANNED,
            starts_at__gte=start,
            starts_at__lt=start + timedelta(days=OCCURRENCE_DAYS_SHOWN),
        )
        .select_related("help_request__resident", "help_request__category")
        .order_by("starts_at")
    )
    return VolunteerTasks(
        occurrences=occurrences,
        invitations=invitations,
        upcoming=[a for a in active if a.task_date is None or a.task_date >= today],
        past=past,
        to_report=[a for a in active if a.task_date is not None and a.task_date < today],
    )


def task_history(volunteer: Volunteer, *, limit: int = 30) -> list[Assignment]:
    """A volunteer's matches in their home village, newest first, for the coordinator's
    volunteer page (1 query). Tasks in other villages they help are not listed (their
    residents are not the home desk's to see): `work_elsewhere` counts them."""
    return list(
        Assignment.objects.filter(volunteer=volunteer, village_id=volunteer.village_id)
        .select_related("help_request__category", "resident", "report")
        .order_by("-task_date", "-accepted_at")[:limit]
    )


@dataclass
class WorkElsewhere:
    village_name: str
    tasks_90_days: int
    this_month: int


def work_elsewhere(volunteer: Volunteer, *, today: date) -> list[WorkElsewhere]:
    """How much a volunteer did in the other villages they help, as counts per village: the
    last 90 days and this month (tasks taken, 1 query). No resident, no request."""
    month_start = today.replace(day=1)
    rows = (
        Assignment.objects.filter(
            volunteer=volunteer,
            status__in=TAKEN_STATUSES,
            task_date__gte=min(month_start, today - timedelta(days=90)),
        )
        .exclude(village_id=volunteer.village_id)
        .values("village__name")
        .annotate(
            recent=Count("pk", filter=Q(task_date__gte=today - timedelta(days=90))),
            month=Count("pk", filter=Q(task_date__gte=month_start)),
        )
        .order_by("village__name")
    )
    return [WorkElsewhere(r["village__name"], r["recent"], r["month"]) for r in rows]


def own_tasks(access: Access, *, today: date) -> VolunteerTasks | None:
    volunteer = own_volunteer(access)
    return tasks_for_volunteer(volunteer, today=today) if volunteer else None


# --- logbooks and signals --------------------------------------------------------------


def request_log(help_request: HelpRequest) -> QuerySet[LogEntry]:
    return help_request.matching_log.select_related("volunteer", "by").order_by("at", "pk")


def pair_log(village, volunteer_id: int, resident_id: int) -> QuerySet[LogEntry]:
    """Everything that happened between this volunteer and this resident."""
    return (
        LogEntry.objects.filter(village=village, volunteer_id=volunteer_id, resident_id=resident_id)
        .select_related("help_request__category", "by")
        .order_by("at", "pk")
    )


def signals_for(access: Access) -> QuerySet[Signal]:
    return scope_to_village(Signal.objects.all(), access).select_related(
        "resident", "reported_by_volunteer", "passed_to"
    )


def open_signal_count(village) -> int:
    """The village's open signals (the board's button), counted with a query compiled once
    per thread."""
    return prepared.count(
        "koppelingen.open_signals",
        lambda village_id: Signal.objects.filter(village_id=village_id, status=Signal.Status.OPEN),
        village_id=village.pk,
    )


@dataclass
class RequestMatching:
    """What the request page shows of matching: the matches, the next turns of a recurring
    request, and the matching logbook, as plain values (`request_matching`)."""

    assignments: list[MatchRow]
    pending: int
    log: list[MatchingLogRow]
    can_ask: bool
    occurrences: list[TurnRow] = field(default_factory=list)


class MatchRow(NamedTuple):
    """A volunteer matched to the request: their name, the match's status and, once they
    reported back, how it went (choice values)."""

    volunteer_name: str
    status: str
    how_it_went: str | None


class TurnRow(NamedTuple):
    """A next turn of a recurring request; `volunteer_id` None while nobody takes it."""

    starts_at: datetime
    volunteer_id: int | None
    volunteer_name: str


class MatchingLogRow(NamedTuple):
    """A line of the request's matching logbook; `by_name` is the short name of who wrote
    it (`User.get_short_name`), "" when nobody did."""

    at: datetime
    kind: str
    volunteer_id: int | None
    volunteer_name: str
    text: str
    by_name: str


def _still_waiting_for(help_request: HelpRequest, taken: int) -> bool:
    """`waiting.still_waiting` for the invitations of one request whose matches are known:
    it is askable and has fewer volunteers who said yes (`taken`) than it needs."""
    return help_request.status in WAITING_ASKABLE and taken < help_request.volunteers_needed


def _assignment_rows(request_id):
    return (
        Assignment.objects.filter(help_request_id=request_id)
        .order_by("accepted_at")
        .values_list(
            "volunteer__first_name", "volunteer__last_name", "status", "report__how_it_went"
        )
    )


def _pending_invitations(request_id):
    return Invitation.objects.filter(help_request_id=request_id, status=Invitation.Status.PENDING)


def _log_rows(request_id):
    return (
        LogEntry.objects.filter(help_request_id=request_id)
        .order_by("at", "pk")
        .values_list(
            "at",
            "kind",
            "volunteer_id",
            "volunteer__first_name",
            "volunteer__last_name",
            "text",
            "by_id",
            "by__full_name",
            "by__email",
        )
    )


def _turn_rows(request_id, now):
    return (
        Occurrence.objects.filter(help_request_id=request_id, starts_at__gte=now)
        .order_by("starts_at")
        .values_list("starts_at", "volunteer_id", "volunteer__first_name", "volunteer__last_name")[
            :8
        ]
    )


def request_matching(help_request: HelpRequest) -> RequestMatching:
    """Read as values, not model instances (four queries, each compiled once per thread): the
    page shows a few names and choices of each row."""
    from .services import ASKABLE_STATUSES

    request_id = help_request.pk
    assignments = [
        MatchRow(full_name(first, last), status, how_it_went)
        for first, last, status, how_it_went in prepared.rows(
            "koppelingen.request_assignments", _assignment_rows, request_id=request_id
        )
    ]
    taken = sum(a.status in TAKEN_STATUSES for a in assignments)
    is_filled = rules.has_enough_volunteers(taken=taken, needed=help_request.volunteers_needed)
    # The invitations out, counted always (one query, whatever the request's state), shown
    # only while they wait for an answer that can make a difference.
    pending = prepared.count(
        "koppelingen.request_pending", _pending_invitations, request_id=request_id
    )
    log = [
        MatchingLogRow(
            at,
            kind,
            volunteer_id,
            full_name(first, last),
            text,
            (short_name(by_full_name, email) if by_id else ""),
        )
        for at, kind, volunteer_id, first, last, text, by_id, by_full_name, email in prepared.rows(
            "koppelingen.request_log", _log_rows, request_id=request_id
        )
    ]
    return RequestMatching(
        assignments=assignments,
        pending=pending if _still_waiting_for(help_request, taken) else 0,
        log=log,
        can_ask=help_request.status in ASKABLE_STATUSES and not is_filled,
        occurrences=[
            TurnRow(starts_at, volunteer_id, full_name(first, last))
            for starts_at, volunteer_id, first, last in prepared.rows(
                "koppelingen.request_turns",
                _turn_rows,
                request_id=request_id,
                now=timezone.now(),
            )
        ],
    )


def signals_about(resident) -> list[Signal]:
    return list(
        Signal.objects.filter(resident=resident)
        .select_related("passed_to", "reported_by_volunteer")
        .order_by("-created_at")[:20]
    )


def get_follow_up_for_user(access: Access, pk: int) -> Todo:
    """A follow-up to-do of the user's village (any other to-do is 404 here)."""
    return get_for_village_or_404(Todo, access, pk=pk, kind=Todo.Kind.FOLLOW_UP)


def follow_up_assignment(todo: Todo):
    """The match a follow-up call is about, with what the page shows of it; None when it is
    gone (the request was deleted)."""
    return (
        Assignment.objects.filter(
            village_id=todo.village_id,
            help_request_id=todo.about.get("help_request"),
            volunteer_id=todo.about.get("volunteer"),
        )
        .select_related("volunteer", "resident", "help_request__category", "report")
        .first()
    )
