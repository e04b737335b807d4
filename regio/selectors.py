"""The view across villages: per village, where help is short.

The region of a user is the set of villages whose aggregates they may read
(`Access.report_villages`: a reader or coordinator role there). There is no separate Region
model: memberships already say who may read which village, and a second list of villages
could only disagree with them.

Aggregates for every village; names (of volunteers never asked, and the unmatched requests
without any resident named) only for the villages the user coordinates — `coordinated_ids`
decides what is loaded, so a name of another village never leaves the database.

A fixed number of queries, whatever the number of villages, requests or volunteers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from hulpvragen.lifecycle import OPEN_STATUSES, WAITING_STATUSES, Status
from hulpvragen.models import HelpRequest
from koppelingen.models import TAKEN_STATUSES, Assignment, Invitation, Signal
from vrijwilligers.availability import VolunteerStatus
from vrijwilligers.models import Volunteer, VolunteerVillage

from .shortage import Why, why_unmatched

LOAD_DAYS = 30


@dataclass
class UnmatchedRequest:
    """A request of a coordinated village that looks for a volunteer (no resident named)."""

    pk: int
    category: str
    needed_on: date | None
    why: Why


@dataclass
class VillageView:
    village: object
    coordinates: bool
    open_requests: int = 0
    waiting: int = 0  # new, being clarified or looking for a volunteer
    unmatched: int = 0
    why: dict[str, int] = field(default_factory=dict)  # Why value -> count
    short_of: list[tuple[str, int]] = field(default_factory=list)  # kinds nobody offers
    open_signals: int = 0
    active_volunteers: int = 0
    paused_volunteers: int = 0
    never_asked: int = 0
    tasks_last_30: int = 0
    at_monthly_cap: int = 0
    from_elsewhere: int = 0  # volunteers from other villages who help here now
    helping_elsewhere: int = 0  # own volunteers who also help another village now
    # Only for a village the user coordinates:
    unmatched_requests: list[UnmatchedRequest] = field(default_factory=list)
    never_asked_names: list[tuple[int, str]] = field(default_factory=list)

    @property
    def why_rows(self) -> list[tuple[str, str, int]]:
        return [(why.value, why.label, self.why.get(why.value, 0)) for why in Why]

    @property
    def tasks_per_volunteer(self) -> float | None:
        if not self.active_volunteers:
            return None
        return round(self.tasks_last_30 / self.active_volunteers, 1)


def _by_village(rows, key="village_id", value="n") -> dict[int, int]:
    return {row[key]: row[value] for row in rows}


def _offered(village_ids) -> set[tuple[int, int]]:
    """(village id, category id) pairs that some active volunteer offers there: the
    village's own, and those from elsewhere under a running agreement (2 queries)."""
    through = Volunteer.categories.through
    own = through.objects.filter(
        volunteer__village_id__in=village_ids, volunteer__status=VolunteerStatus.ACTIVE
    ).values_list("volunteer__village_id", "helpcategory_id")
    agreed = VolunteerVillage.categories.through
    still_offered = through.objects.filter(
        volunteer_id=OuterRef("volunteervillage__volunteer_id"),
        helpcategory_id=OuterRef("helpcategory_id"),
    )
    shared = (
        agreed.objects.filter(
            volunteervillage__helps_in_id__in=village_ids,
            volunteervillage__ended_on__isnull=True,
            volunteervillage__volunteer__status=VolunteerStatus.ACTIVE,
        )
        .filter(Exists(still_offered))
        .values_list("volunteervillage__helps_in_id", "helpcategory_id")
    )
    return set(own) | set(shared)


def region_view(villages, *, coordinated_ids: set[int], today: date) -> list[VillageView]:
    """One `VillageView` per village, in the order given (11 queries, plus 2 when the user
    coordinates one of them)."""
    ids = [v.pk for v in villages]
    views = {v.pk: VillageView(village=v, coordinates=v.pk in coordinated_ids) for v in villages}
    requests = HelpRequest.objects.filter(village_id__in=ids)

    counts = requests.values("village_id").annotate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        waiting=Count("pk", filter=Q(status__in=WAITING_STATUSES)),
    )
    for row in counts:
        views[row["village_id"]].open_requests = row["open"]
        views[row["village_id"]].waiting = row["waiting"]

    offered = _offered(ids)
    searching = (
        requests.filter(status=Status.SEARCHING)
        .annotate(
            asked=Count(
                "invitations",
                filter=~Q(invitations__status=Invitation.Status.WITHDRAWN),
                distinct=True,
            ),
            pending=Count(
                "invitations",
                filter=Q(invitations__status=Invitation.Status.PENDING),
                distinct=True,
            ),
        )
        .values(
            "pk", "village_id", "category_id", "category__name", "needed_on", "asked", "pending"
        )
        .order_by("needed_on", "pk")
    )
    short: dict[int, Counter] = defaultdict(Counter)
    for row in searching:
        view = views[row["village_id"]]
        why = why_unmatched(
            offered=(row["village_id"], row["category_id"]) in offered,
            asked=row["asked"],
            pending=row["pending"],
        )
        view.unmatched += 1
        view.why[why.value] = view.why.get(why.value, 0) + 1
        if why == Why.NOBODY_OFFERS:
            short[row["village_id"]][row["category__name"]] += 1
        if view.coordinates:
            view.unmatched_requests.append(
                UnmatchedRequest(row["pk"], row["category__name"], row["needed_on"], why)
            )
    for village_id, counter in short.items():
        views[village_id].short_of = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))

    signals = (
        Signal.objects.filter(village_id__in=ids, status=Signal.Status.OPEN)
        .values("village_id")
        .annotate(n=Count("pk"))
    )
    for village_id, n in _by_village(signals).items():
        views[village_id].open_signals = n

    volunteers = Volunteer.objects.filter(village_id__in=ids)
    active = Q(status=VolunteerStatus.ACTIVE)
    for row in volunteers.values("village_id").annotate(
        active=Count("pk", filter=active),
        paused=Count("pk", filter=Q(status=VolunteerStatus.PAUSED)),
        never=Count("pk", filter=active & Q(last_asked_on__isnull=True)),
    ):
        view = views[row["village_id"]]
        view.active_volunteers = row["active"]
        view.paused_volunteers = row["paused"]
        view.never_asked = row["never"]

    # A volunteer's monthly limit counts their tasks in every village they help.
    month_start = today.replace(day=1)
    month_tasks = (
        Assignment.objects.filter(
            volunteer=OuterRef("pk"), task_date__gte=month_start, status__in=TAKEN_STATUSES
        )
        .order_by()
        .values("volunteer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    at_cap = (
        volunteers.filter(active, monthly_cap__isnull=False)
        .annotate(this_month=Coalesce(Subquery(month_tasks), 0))
        .filter(this_month__gte=F("monthly_cap"))
        .values("village_id")
        .annotate(n=Count("pk"))
    )
    for village_id, n in _by_village(at_cap).items():
        views[village_id].at_monthly_cap = n

    tasks = (
        Assignment.objects.filter(
            village_id__in=ids,
            status__in=TAKEN_STATUSES,
            task_date__gte=today - timedelta(days=LOAD_DAYS),
            task_date__lte=today,
        )
        .values("village_id")
        .annotate(n=Count("pk"))
    )
    for village_id, n in _by_village(tasks).items():
        views[village_id].tasks_last_30 = n

    running = VolunteerVillage.objects.filter(
        ended_on__isnull=True, volunteer__status=VolunteerStatus.ACTIVE
    )
    for village_id, n in _by_village(
        running.filter(helps_in_id__in=ids).values("helps_in_id").annotate(n=Count("pk")),
        key="helps_in_id",
    ).items():
        views[village_id].from_elsewhere = n
    for village_id, n in _by_village(
        running.filter(village_id__in=ids)
        .values("village_id")
        .annotate(n=Count("volunteer_id", distinct=True))
    ).items():
        views[village_id].helping_elsewhere = n

    if coordinated_ids & set(ids):
        never_asked = (
            volunteers.filter(active, last_asked_on__isnull=True, village_id__in=coordinated_ids)
            .order_by("last_name", "first_name", "pk")
            .values_list("village_id", "pk", "first_name", "last_name")
        )
        for village_id, pk, first, last in never_asked:
            views[village_id].never_asked_names.append((pk, f"{first} {last}".strip()))
    return [views[pk] for pk in ids]
