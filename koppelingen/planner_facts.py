"""The facts the week planner plans with (`planning.WeekFacts`), loaded for one village and
one week in a fixed number of queries, whatever the number of requests and volunteers.

They are the ranking's facts (`selectors.candidate_facts`), for every request at once: the
same availability rules, the same counts of asks and tasks, the same pair history. Besides
those, the week needs to know what volunteers already have on their plate then (their planned
tasks and turns), and who did the turns of a recurring request before (continuity).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Max, Q
from django.utils import timezone

from accounts.calendar import AMSTERDAM
from hulpvragen.lifecycle import Status
from hulpvragen.models import HelpRequest
from vrijwilligers.availability import VolunteerStatus, daypart_for, is_available
from vrijwilligers.models import Volunteer
from vrijwilligers.selectors import with_availability

from . import rules
from .calendar import local, task_end
from .models import TAKEN_STATUSES, Assignment, Invitation, Occurrence, TaskReport
from .planning import Task, WeekFacts, Window
from .ranking import CandidateFacts, Need
from .selectors import _available, _unavailable_reason, need_for

# The planner looks this many days ahead, today included.
WEEK_DAYS = 7


@dataclass
class Week:
    """The week's facts, and what the page shows of each request."""

    facts: WeekFacts
    requests: dict[int, HelpRequest]
    turns: dict[int, list[datetime]] = field(default_factory=dict)
    declined: dict[int, int] = field(default_factory=dict)  # "no" answers per request
    first: date | None = None
    last: date | None = None

    @property
    def resident_ids(self) -> list[int]:
        return sorted({r.resident_id for r in self.requests.values()})


def request_window(help_request: HelpRequest, start: datetime | None = None) -> Window | None:
    """When the volunteer is busy with a request (or with one turn starting at `start`): from
    departure to the end of the task (`calendar.task_end`); None without a time of day."""
    is_turn = start is not None
    if not is_turn:
        moment = help_request.time_from or help_request.appointment_time
        if help_request.needed_on is None or moment is None:
            return None
        start = local(help_request.needed_on, moment)
    day = start.astimezone(AMSTERDAM).date()
    end = task_end(
        start=start,
        is_ride=help_request.category.is_transport,
        duration=timedelta(minutes=help_request.duration_minutes),
        time_until=None if is_turn else help_request.time_until,
        appointment=local(day, help_request.appointment_time)
        if help_request.appointment_time
        else None,
        distance_km=help_request.distance_km,
        waits=help_request.wait_at_destination,
    )
    return (start, end)


def _month(day: date) -> tuple[int, int]:
    return (day.year, day.month)


def _month_range(month: tuple[int, int]) -> tuple[date, date]:
    first = date(month[0], month[1], 1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following


def week_facts(village, *, today: date, now: datetime | None = None) -> Week:
    """Every request of the coming week still looking for volunteers, with the facts of every
    askable volunteer of the village (see the module docstring).

    Ready for matching: a one-off request "looking for a volunteer" whose date falls in the
    week (or "some time this week", or a window of dates that overlaps it) and whose time has
    not passed; and the open turns (no volunteer) of a running recurring request. A request
    needs as many volunteers as it asks for, less those who said yes and those still asked
    (who may yet say yes): a "no" brings its place back on the planner.

    Queries: the requests, the open turns, their invitations and their matches (4); the
    volunteers with availability, offers and "won't do" (6); one aggregate over invitations,
    one over matches, the tasks, pending invitations and turns they have that week, the
    turns done (6).
    """
    now = now or timezone.now()
    first, last = today, today + timedelta(days=WEEK_DAYS - 1)
    week_start = datetime.combine(first, time.min, tzinfo=AMSTERDAM)
    week_end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=AMSTERDAM)

    one_off = [
        r
        for r in HelpRequest.objects.filter(village=village, status=Status.SEARCHING)
        .filter(
            Q(needed_on__range=(first, last))
            | Q(needed_on__isnull=True, timing=HelpRequest.Timing.THIS_WEEK)
            | Q(
                timing=HelpRequest.Timing.WINDOW,
                needed_on__lte=last,
                needed_until__gte=first,
            )
        )
        .select_related("resident", "category", "destination")
        .order_by("needed_on", "time_from", "pk")
        if not rules.task_time_passed(
            needed_on=r.needed_on,
            time_from=r.time_from,
            appointment_time=r.appointment_time,
            now=now,
        )
    ]
    turns: dict[int, list[datetime]] = defaultdict(list)
    recurring: dict[int, HelpRequest] = {}
    for turn in (
        Occurrence.objects.filter(
            village=village,
            volunteer__isnull=True,
            status=Occurrence.Status.PLANNED,
            starts_at__gte=max(week_start, now),
            starts_at__lt=week_end,
            help_request__status__in=[Status.ACTIVE, Status.SEARCHING, Status.MATCHED],
        )
        .select_related("help_request__resident", "help_request__category")
        .order_by("starts_at", "pk")
    ):
        recurring[turn.help_request_id] = turn.help_request
        turns[turn.help_request_id].append(turn.starts_at)
    requests = {r.pk: r for r in one_off}
    for pk, request in recurring.items():
        requests.setdefault(pk, request)
    ids = list(requests)

    asked_for: dict[int, set[int]] = defaultdict(set)
    pending: dict[int, int] = defaultdict(int)
    declined: dict[int, int] = defaultdict(int)
    for request_id, volunteer_id, status in Invitation.objects.filter(
        help_request_id__in=ids
    ).values_list("help_request_id", "volunteer_id", "status"):
        asked_for[request_id].add(volunteer_id)
        pending[request_id] += status == Invitation.Status.PENDING
        declined[request_id] += status == Invitation.Status.DECLINED
    taken = dict(
        Assignment.objects.filter(help_request_id__in=ids, status__in=TAKEN_STATUSES)
        .values("help_request_id")
        .annotate(n=Count("pk"))
        .values_list("help_request_id", "n")
    )

    volunteers = list(
        with_availability(
            Volunteer.objects.filter(
                village=village, status__in=[VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED]
            ),
            today=today,
        ).prefetch_related("refused_categories")
    )
    residents = {r.resident_id: r.resident for r in requests.values()}
    d30, d90 = today - timedelta(days=30), today - timedelta(days=90)
    months = sorted({_month(first), _month(last)})

    pair_asked: dict[tuple[int, int], dict] = {}
    asked_total: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for row in (
        Invitation.objects.filter(village=village)
        .filter(Q(asked_at__date__gte=d90) | Q(help_request__resident_id__in=list(residents)))
        .values("volunteer_id", "help_request__resident_id")
        .annotate(
            asked_30=Count("pk", filter=Q(asked_at__date__gte=d30)),
            asked_90=Count("pk", filter=Q(asked_at__date__gte=d90, asked_at__date__lt=d30)),
            declines=Count("pk", filter=Q(status=Invitation.Status.DECLINED)),
            last_declined_at=Max("answered_at", filter=Q(status=Invitation.Status.DECLINED)),
        )
    ):
        pair_asked[row["volunteer_id"], row["help_request__resident_id"]] = row
        asked_total[row["volunteer_id"]][0] += row["asked_30"]
        asked_total[row["volunteer_id"]][1] += row["asked_90"]

    month_counts = {
        f"m{i}": Count(
            "pk",
            filter=Q(
                task_date__gte=_month_range(m)[0],
                task_date__lt=_month_range(m)[1],
                status__in=TAKEN_STATUSES,
            ),
        )
        for i, m in enumerate(months)
    }
    pair_matched: dict[tuple[int, int], dict] = {}
    deployed: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    in_month: dict[tuple[int, tuple], int] = defaultdict(int)
    for row in (
        Assignment.objects.filter(village=village)
        .filter(
            Q(task_date__gte=min(d90, _month_range(months[0])[0]))
            | Q(resident_id__in=list(residents))
        )
        .values("volunteer_id", "resident_id")
        .annotate(
            deployed_30=Count("pk", filter=Q(task_date__gte=d30, status__in=TAKEN_STATUSES)),
            deployed_90=Count(
                "pk", filter=Q(task_date__gte=d90, task_date__lt=d30, status__in=TAKEN_STATUSES)
            ),
            good=Count(
                "pk",
                filter=Q(is_mismatch=False, report__how_it_went=TaskReport.HowItWent.GOOD),
            ),
            mismatches=Count("pk", filter=Q(is_mismatch=True)),
            do_not_pair=Count("pk", filter=Q(do_not_pair_again=True)),
            **month_counts,
        )
    ):
        pair_matched[row["volunteer_id"], row["resident_id"]] = row
        deployed[row["volunteer_id"]][0] += row["deployed_30"]
        deployed[row["volunteer_id"]][1] += row["deployed_90"]
        for i, m in enumerate(months):
            in_month[row["volunteer_id"], m] += row[f"m{i}"]

    busy: dict[int, list[Window]] = defaultdict(list)
    for assignment in Assignment.objects.filter(
        village=village, status=Assignment.Status.ACTIVE, task_date__range=(first, last)
    ).select_related("help_request__category"):
        window = request_window(assignment.help_request)
        if window is not None:
            busy[assignment.volunteer_id].append(window)
    # Asked and not answered yet: they may still say yes, so that time is not free either.
    for invitation in Invitation.objects.filter(
        village=village,
        status=Invitation.Status.PENDING,
        help_request__needed_on__range=(first, last),
    ).select_related("help_request__category"):
        window = request_window(invitation.help_request)
        if window is not None:
            busy[invitation.volunteer_id].append(window)
    for turn in Occurrence.objects.filter(
        village=village,
        volunteer__isnull=False,
        status=Occurrence.Status.PLANNED,
        starts_at__gte=week_start,
        starts_at__lt=week_end,
    ).select_related("help_request__category"):
        busy[turn.volunteer_id].append(request_window(turn.help_request, turn.starts_at))
    turns_done = {
        (row["volunteer_id"], row["help_request_id"]): row["n"]
        for row in Occurrence.objects.filter(
            help_request_id__in=list(recurring), status=Occurrence.Status.DONE
        )
        .exclude(volunteer__isnull=True)
        .values("volunteer_id", "help_request_id")
        .annotate(n=Count("pk"))
    }

    tasks = []
    for request in requests.values():
        seats = request.volunteers_needed - taken.get(request.pk, 0) - pending.get(request.pk, 0)
        if seats <= 0:
            continue
        request_turns = turns.get(request.pk, [])
        if request_turns:
            windows = tuple(request_window(request, start) for start in request_turns)
            first_turn = request_turns[0].astimezone(AMSTERDAM)
            need = Need(
                category_id=request.category_id,
                resident_id=request.resident_id,
                distance_km=request.distance_km,
                needs_wheelchair_space=request.mobility_aid == HelpRequest.MobilityAid.WHEELCHAIR,
                is_transport=request.category.is_transport,
                category_name=request.category.name,
                on=first_turn.date(),
                daypart=daypart_for(first_turn.time()),
                today=today,
            )
            month = _month(first_turn.date())
        else:
            window = request_window(request)
            windows = (window,) if window else ()
            need = need_for(request, today=today)
            month = _month(need.on or today)
        candidates = []
        for volunteer in volunteers:
            if volunteer.pk in asked_for.get(request.pk, ()):
                continue
            candidates.append(
                _facts(
                    volunteer,
                    request,
                    residents[request.resident_id],
                    need,
                    request_turns,
                    today=today,
                    asked=pair_asked.get((volunteer.pk, request.resident_id), {}),
                    matched=pair_matched.get((volunteer.pk, request.resident_id), {}),
                    asked_total=asked_total.get(volunteer.pk, (0, 0)),
                    deployed=deployed.get(volunteer.pk, (0, 0)),
                    this_month=in_month.get((volunteer.pk, month), 0),
                    turns_done=turns_done.get((volunteer.pk, request.pk), 0),
                )
            )
        tasks.append(
            Task(
                request_id=request.pk,
                need=need,
                seats=seats,
                candidates=tuple(candidates),
                windows=windows,
                month=month,
                label=f"{request.category.name} · {request.resident.first_name}",
                is_recurring=bool(request_turns),
            )
        )
    return Week(
        facts=WeekFacts(
            tasks=tuple(tasks), busy={k: tuple(v) for k, v in busy.items()}, today=today
        ),
        requests=requests,
        turns=dict(turns),
        declined={k: v for k, v in declined.items() if v},
        first=first,
        last=last,
    )


def _facts(
    volunteer,
    request,
    resident,
    need: Need,
    turns: list[datetime],
    *,
    today,
    asked,
    matched,
    asked_total,
    deployed,
    this_month,
    turns_done,
) -> CandidateFacts:
    if turns:
        moments = [t.astimezone(AMSTERDAM) for t in turns]
        available = all(
            is_available(volunteer, m.date(), daypart_for(m.time()), today=today) for m in moments
        )
        reason = "" if available else _unavailable_reason(volunteer, need.on, need.daypart, today)
    else:
        available = _available(volunteer, need.on, need.daypart, today)
        reason = "" if available else _unavailable_reason(volunteer, need.on, need.daypart, today)
    return CandidateFacts(
        volunteer_id=volunteer.pk,
        name=volunteer.full_name,
        offers=frozenset(c.pk for c in volunteer.categories.all()),
        wont_do=frozenset(c.pk for c in volunteer.refused_categories.all()),
        available=available,
        unavailable_reason=reason,
        max_km=Decimal(volunteer.max_km) if volunteer.max_km is not None else None,
        has_car=volunteer.has_car,
        wheelchair_space=volunteer.car_fits_wheelchair,
        monthly_cap=volunteer.monthly_cap,
        tasks_this_month=this_month,
        is_the_resident=rules.is_same_person(
            volunteer_last_name=volunteer.last_name,
            volunteer_postcode=volunteer.postcode,
            volunteer_house_number=volunteer.house_number,
            volunteer_phone=volunteer.phone,
            resident_last_name=resident.last_name,
            resident_postcode=resident.postcode,
            resident_house_number=str(resident.house_number),
            resident_phone=resident.phone,
        ),
        do_not_pair=bool(matched.get("do_not_pair")),
        good_matches_with_resident=matched.get("good", 0),
        mismatches_with_resident=matched.get("mismatches", 0),
        declines_with_resident=asked.get("declines", 0),
        last_declined_on=timezone.localdate(asked["last_declined_at"])
        if asked.get("last_declined_at")
        else None,
        asked_last_30=asked_total[0],
        asked_31_90=asked_total[1],
        deployed_last_30=deployed[0],
        deployed_31_90=deployed[1],
        last_asked_on=volunteer.last_asked_on,
        same_postcode_area=bool(volunteer.postcode)
        and volunteer.postcode.replace(" ", "") == resident.postcode.replace(" ", ""),
        turns_for_request=turns_done,
    )
