"""The definitions of the yearly overview (jaaroverzicht): one function per table.

Each function takes the ids of one or more villages and a calendar year and returns plain
dicts, keyed by *scope*: the village id when `by_village` is true, else `TOTAL` for the
villages taken together (a regional reader's total column). Every function is one or a few
aggregate queries (values().annotate() with conditional counts); none loops over requests in
Python. The exact rules, in Dutch, are in docs/jaaroverzicht.md; keep the two in step.

Moments (intake, status changes, matches, signals) are read in Europe/Amsterdam: a request
taken in on 1 January at 00:30 is still 31 December in UTC but belongs to the new year, one
taken in on 31 December at 23:30 to the old one. Date fields (needed_on, task_date,
registered_on …) are calendar dates already.

Only codes, counts and configuration names leave this module: never a name, address or note
of a resident or volunteer (the reader role sees aggregates only).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db import connections, router
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RowRange
from django.db.models.functions import (
    Coalesce,
    ExtractMonth,
    ExtractYear,
    RowNumber,
)

from accounts.calendar import AMSTERDAM
from activiteiten.models import Activity
from hulpvragen.lifecycle import Status
from hulpvragen.models import HelpRequest, StatusChange
from koppelingen.models import Assignment, Invitation, Signal
from uitleen.models import Handout, Loan
from vrijwilligers.models import Volunteer

TOTAL = 0  # the scope key of "all the villages asked for, together"
UNKNOWN = "unknown"  # key for a missing organisation kind or reason code

# Statuses in which a one-off request counts as carried out.
CARRIED_OUT = (Status.DONE, Status.CLOSED)
# A recurring request in one of these has certainly been running at some point.
RAN = (Status.ACTIVE, Status.PAUSED, Status.ENDED)
# Ended without a volunteer: status -> key in the overview.
WITHOUT_VOLUNTEER = {
    Status.INFORMED: "informed",
    Status.REFERRED: "referred",
    Status.REJECTED: "rejected",
    Status.CANCELLED: "not_gone_ahead",
}


# --- pure helpers ---------------------------------------------------------------------------


def year_dates(year: int) -> tuple[date, date]:
    """First and last calendar day of `year` (both inclusive)."""
    return date(year, 1, 1), date(year, 12, 31)


def year_moments(year: int) -> tuple[datetime, datetime]:
    """[start, end) of `year` as aware moments in Europe/Amsterdam, for timestamp fields."""
    return (
        datetime(year, 1, 1, tzinfo=AMSTERDAM),
        datetime(year + 1, 1, 1, tzinfo=AMSTERDAM),
    )


def median_of_middle(values: list[float]) -> float | None:
    """The median given the one or two middle values of a sorted series (None when empty)."""
    if not values:
        return None
    return sum(values) / len(values)


def days_one_decimal(delta: timedelta | None) -> float | None:
    """A duration in days, rounded to one decimal (half away from zero)."""
    if delta is None:
        return None
    days = delta.total_seconds() / 86400
    return float(f"{days + (0.000001 if days >= 0 else -0.000001):.1f}")


def _scope(by_village: bool, field: str = "village_id"):
    return F(field) if by_village else Value(TOTAL, output_field=IntegerField())


def _intake_in(year: int, prefix: str = "") -> Q:
    start, end = year_moments(year)
    return Q(**{f"{prefix}created_at__gte": start, f"{prefix}created_at__lt": end})


def _span(years: Iterable[int]) -> list[int]:
    return sorted(set(years))


def _moments_span(years: list[int]) -> tuple[datetime, datetime]:
    """[start of the first year, end of the last) as Amsterdam moments."""
    return year_moments(years[0])[0], year_moments(years[-1])[1]


def _dates_span(years: list[int]) -> tuple[date, date]:
    return year_dates(years[0])[0], year_dates(years[-1])[1]


def _single(of_years, village_ids, year: int, by_village: bool) -> dict:
    """One year of a definition that counts several years in one query."""
    return of_years(village_ids, [year], by_village=by_village).get(year, {})


# --- queries compiled once ------------------------------------------------------------------

# Stand-ins the queries below are compiled with: village ids far from any real one, years
# ten apart (a year's moments reach into the next year, never ten years on).
_STAND_IN_ID = -(10**12)
_STAND_IN_YEAR = 2900
_YEAR_GAP = 10
_compiled = threading.local()


def _real(value, ids: dict, years: list[int]):
    """A parameter of a query compiled with stand-ins, for the real ids and years."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return ids.get(value, value)
    if isinstance(value, date) and value.year >= _STAND_IN_YEAR - 1:
        index = round((value.year - _STAND_IN_YEAR) / _YEAR_GAP)
        return value.replace(year=years[index] + value.year - _STAND_IN_YEAR - index * _YEAR_GAP)
    if isinstance(value, list | tuple):
        return type(value)(_real(item, ids, years) for item in value)
    return value


def _rows(key: tuple, build, village_ids: Iterable[int] | None, years: list[int]) -> list[dict]:
    """The rows (dicts) of the values() queryset `build(ids, years)` for these villages and
    years.

    Putting a query with a dozen subqueries together costs Django more time than
    PostgreSQL needs to run it. So on PostgreSQL each query is compiled once per process
    and thread for its shape (`key`, the number of villages and of years) with stand-in
    ids and years, and then run with the real ones in their place; the rows go through
    the query's own converters. `build` must use the ids and years only as values (every
    date it derives within a year of the year it got; `village_ids` None: a query about no
    village). Other databases run the queryset.
    """
    ids, years = (None if village_ids is None else list(village_ids)), list(years)
    using = router.db_for_read(Volunteer)
    connection = connections[using]
    if connection.vendor != "postgresql":
        return list(build(ids, years))
    if ids is not None and not ids:
        return []  # what the queryset gives: `village_id IN ()` matches nothing
    cache = _compiled.__dict__.setdefault("queries", {})
    shape = (*key, len(ids or ()), len(years))
    if shape not in cache:
        stand_in_ids = [_STAND_IN_ID - i for i in range(len(ids or ()))]
        stand_in_years = [_STAND_IN_YEAR + _YEAR_GAP * i for i in range(len(years))]
        query = build(None if ids is None else stand_in_ids, stand_in_years).query
        compiler = query.get_compiler(using)
        sql, params = compiler.as_sql()
        if not set(stand_in_ids) <= set(params):
            raise ValueError(f"{key}: the query must filter by the ids it is given")
        names = list(query.selected or ()) or [
            *query.extra_select,
            *query.values_select,
            *query.annotation_select,
        ]
        cache[shape] = (compiler, sql, params, names, stand_in_ids)
    compiler, sql, params, names, stand_in_ids = cache[shape]
    real_ids = dict(zip(stand_in_ids, ids or (), strict=True))
    with connection.cursor() as cursor:
        cursor.execute(sql, [_real(value, real_ids, years) for value in params])
        fetched = cursor.fetchall()
    compiler.connection = connection
    return [dict(zip(names, row, strict=True)) for row in compiler.results_iter([fetched])]


def configuration_rows(key: str, build) -> list[dict]:
    """The rows of the values() queryset `build()`, which asks about no village or year
    (names of codes), compiled once like the figures' queries."""
    return _rows(("configuration", key), lambda _ids, _years: build(), None, [])


# --- 1. one-off requests carried out --------------------------------------------------------


def one_off_carried_out(village_ids: Iterable[int], year: int, *, by_village=True) -> dict:
    """One-off requests carried out in `year`, per category code.

    Counted: not recurring; status done or closed; dated by `needed_on`, or the intake date
    when it has none. A job for more than one volunteer (`volunteers_needed > 1`) counts
    once under `with_several_volunteers` and not under its category. `total` is the sum.
    """
    return _single(one_off_of_years, village_ids, year, by_village)


def one_off_of_years(village_ids: Iterable[int], years: Iterable[int], *, by_village=True):
    """{year: {scope: figures}} of `one_off_carried_out` for every year, one query grouped
    by the year of the date (`needed_on`, else the intake date in Amsterdam)."""
    years = _span(years)
    if not years:
        return {}

    def query(ids, years):
        first, last = _dates_span(years)
        start, end = _moments_span(years)
        return (
            HelpRequest.objects.filter(
                village_id__in=ids, is_recurring=False, status__in=CARRIED_OUT
            )
            .filter(
                Q(needed_on__range=(first, last))
                | Q(needed_on__isnull=True, created_at__gte=start, created_at__lt=end)
            )
            .annotate(
                scope=_scope(by_village),
                year=Coalesce(
                    ExtractYear("needed_on"), ExtractYear("created_at", tzinfo=AMSTERDAM)
                ),
            )
            .values("year", "scope", "category__code")
            .annotate(
                single=Count("pk", filter=Q(volunteers_needed__lte=1)),
                several=Count("pk", filter=Q(volunteers_needed__gt=1)),
            )
            .order_by()
        )

    rows = _rows(("one_off", by_village), query, village_ids, years)
    out: dict = {year: {} for year in years}
    for row in rows:
        if row["year"] not in out:
            continue
        figures = out[row["year"]].setdefault(
            row["scope"], {"by_category": {}, "with_several_volunteers": 0, "total": 0}
        )
        if row["single"]:
            figures["by_category"][row["category__code"]] = row["single"]
        figures["with_several_volunteers"] += row["several"]
        figures["total"] += row["single"] + row["several"]
    return out


# --- 2. recurring requests active in the year ----------------------------------------------


def _ended_at():
    """When a recurring request ended: its status change into "ended", else (an import
    without a logbook row) the moment its status last changed when it is ended now."""
    first_end = (
        StatusChange.objects.filter(help_request=OuterRef("pk"), kind=Status.ENDED)
        .order_by("at")
        .values("at")[:1]
    )
    return Coalesce(
        Subquery(first_end, output_field=DateTimeField()),
        Case(When(status=Status.ENDED, then=F("status_changed_at")), output_field=DateTimeField()),
    )


def recurring_active_requests(village_ids: Iterable[int], year: int):
    """Queryset of the recurring requests active at any time in `year` (with `ended_at`).

    Recurring; reached "active" (a status change into active, or now active, paused or
    ended); started — `recurrence_start`, else the intake date — on or before 31 December;
    and not ended before 1 January.
    """
    start, end = year_moments(year)
    _, last = year_dates(year)
    reached_active = Exists(
        StatusChange.objects.filter(help_request=OuterRef("pk"), kind=Status.ACTIVE)
    )
    return (
        HelpRequest.objects.filter(village_id__in=list(village_ids), is_recurring=True)
        .filter(Q(status__in=RAN) | reached_active)
        .filter(
            Q(recurrence_start__lte=last) | Q(recurrence_start__isnull=True, created_at__lt=end)
        )
        .annotate(ended_at=_ended_at())
        # Not ended before 1 January: one look at the logbook per request (an OR of "no
        # end" and "end on or after" would look twice).
        .alias(ended_or_start=Coalesce("ended_at", Value(start, output_field=DateTimeField())))
        .filter(ended_or_start__gte=start)
    )


def recurring_active(village_ids: Iterable[int], year: int, *, by_village=True) -> dict:
    """Recurring requests active in `year` per category code, the total, and how many of
    them ended within the year (`stopped_in_year`)."""

    def query(ids, years):
        _, end = year_moments(years[0])
        return (
            recurring_active_requests(ids, years[0])
            .annotate(scope=_scope(by_village))
            .values("scope", "category__code")
            .annotate(n=Count("pk"), stopped=Count("pk", filter=Q(ended_at__lt=end)))
            .order_by()
        )

    rows = _rows(("recurring", by_village), query, village_ids, [year])
    out: dict = {}
    for row in rows:
        figures = out.setdefault(
            row["scope"], {"by_category": {}, "total": 0, "stopped_in_year": 0}
        )
        figures["by_category"][row["category__code"]] = row["n"]
        figures["total"] += row["n"]
        figures["stopped_in_year"] += row["stopped"]
    return out


# --- 3. ended without a volunteer -----------------------------------------------------------


def without_volunteer(village_ids: Iterable[int], year: int, *, by_village=True) -> dict:
    """Requests that ended without a volunteer, dated by the status change into that status.

    informed, referred (and per kind of the organisation referred to), rejected (per reason
    code) and not gone ahead (cancelled, per reason code). The reason is the one on the
    status change, else the one on the request. These statuses are final, so a request
    counts once; one query grouped by status, reason and kind.
    """
    return _single(without_volunteer_of_years, village_ids, year, by_village)


def without_volunteer_of_years(
    village_ids: Iterable[int], years: Iterable[int], *, by_village=True
) -> dict:
    """{year: {scope: figures}} of `without_volunteer`: one query over the logbook rows of
    all the years, grouped by the year of the status change (Amsterdam) as well."""
    years = _span(years)
    if not years:
        return {}

    def query(ids, years):
        start, end = _moments_span(years)
        return (
            StatusChange.objects.filter(
                village_id__in=ids,
                kind__in=list(WITHOUT_VOLUNTEER),
                at__gte=start,
                at__lt=end,
            )
            .annotate(
                year=ExtractYear("at", tzinfo=AMSTERDAM),
                scope=_scope(by_village),
                reason_code=Coalesce("reason__code", "help_request__reason__code"),
                organisation_kind=F("help_request__referred_to__kind"),
            )
            .values("year", "scope", "kind", "reason_code", "organisation_kind")
            .annotate(n=Count("help_request", distinct=True))
            .order_by()
        )

    rows = _rows(("without_volunteer", by_village), query, village_ids, years)
    out: dict = {year: {} for year in years}
    for row in rows:
        if row["year"] not in out:
            continue
        figures = out[row["year"]].setdefault(row["scope"], empty_without_volunteer())
        key = WITHOUT_VOLUNTEER[row["kind"]]
        figures[key] += row["n"]
        if key == "referred":
            kind = row["organisation_kind"] or UNKNOWN
            figures["referred_by_kind"][kind] = figures["referred_by_kind"].get(kind, 0) + row["n"]
        elif key in ("rejected", "not_gone_ahead"):
            reasons = figures[f"{key}_by_reason"]
            code = row["reason_code"] or UNKNOWN
            reasons[code] = reasons.get(code, 0) + row["n"]
    return out


def empty_without_volunteer() -> dict:
    return {
        "informed": 0,
        "referred": 0,
        "rejected": 0,
        "not_gone_ahead": 0,
        "referred_by_kind": {},
        "rejected_by_reason": {},
        "not_gone_ahead_by_reason": {},
    }


# --- 4. activities --------------------------------------------------------------------------


def activity_volunteers(village_ids: Iterable[int], year: int, *, by_village=True) -> dict:
    """Per kind of activity (code): the number of different volunteers who took part in an
    activity starting in `year` (as activiteiten.selectors.participants_per_kind)."""
    return _single(activities_of_years, village_ids, year, by_village)


def activities_of_years(
    village_ids: Iterable[int], years: Iterable[int], *, by_village=True
) -> dict:
    """{year: {scope: {kind code: n}}} of `activity_volunteers`, one query grouped by the
    year the activity starts."""
    years = _span(years)
    if not years:
        return {}

    def query(ids, years):
        first, last = _dates_span(years)
        through = Activity.volunteers.through
        return (
            through.objects.filter(
                activity__village_id__in=ids,
                activity__starts_on__range=(first, last),
            )
            .annotate(
                year=ExtractYear("activity__starts_on"),
                scope=_scope(by_village, "activity__village_id"),
            )
            .values("year", "scope", "activity__kind__code")
            .annotate(n=Count("volunteer_id", distinct=True))
            .order_by()
        )

    rows = _rows(("activities", by_village), query, village_ids, years)
    out: dict = {year: defaultdict(dict) for year in years}
    for row in rows:
        if row["year"] in out:
            out[row["year"]][row["scope"]][row["activity__kind__code"]] = row["n"]
    return {year: dict(scopes) for year, scopes in out.items()}


# --- 5. lending -----------------------------------------------------------------------------


def loans_started(village_ids: Iterable[int], year: int, *, by_village=True) -> dict:
    """Loans whose `lent_on` falls in `year`, per aid type code (as
    uitleen.selectors.loans_started_per_type)."""
    return _single(loans_of_years, village_ids, year, by_village)


def loans_of_years(village_ids: Iterable[int], years: Iterable[int], *, by_village=True):
    """{year: {scope: {aid type code: n}}} of `loans_started`, one query grouped by year."""
    years = _span(years)
    if not years:
        return {}

    def query(ids, years):
        return (
            Loan.objects.filter(village_id__in=ids, lent_on__range=_dates_span(years))
            .annotate(year=ExtractYear("lent_on"), scope=_scope(by_village))
            .values("year", "scope", "item__aid_type__code")
            .annotate(n=Count("pk"))
            .order_by()
        )

    rows = _rows(("loans", by_village), query, village_ids, years)
    out: dict = {year: defaultdict(dict) for year in years}
    for row in rows:
        if row["year"] in out:
            out[row["year"]][row["scope"]][row["item__aid_type__code"]] = row["n"]
    return {year: dict(scopes) for year, scopes in out.items()}


def handouts(village_ids: Iterable[int], year: int, *, by_village=True) -> dict:
    """Active handouts by name: whether they are always available and how many were counted
    out in `year` (0 when nobody counted), as recorded."""
    return _single(handouts_of_years, village_ids, year, by_village)


def handouts_of_years(village_ids: Iterable[int], years: Iterable[int], *, by_village=True):
    """{year: {scope: {name: …}}} of `handouts`: one query, a sum per year."""
    years = _span(years)
    if not years:
        return {}

    def query(ids, years):
        sums = {}
        for i, year in enumerate(years):
            first, last = year_dates(year)
            sums[f"counted_{i}"] = Sum(
                "counts__quantity", filter=Q(counts__handed_out_on__range=(first, last)), default=0
            )
        return (
            Handout.objects.filter(village_id__in=ids, is_active=True)
            .annotate(scope=_scope(by_village))
            .values("scope", "name")
            .annotate(**sums, always=Count("pk", filter=Q(always_available=True), distinct=True))
            .order_by()
        )

    rows = _rows(("handouts", by_village), query, village_ids, years)
    out: dict = {year: defaultdict(dict) for year in years}
    for row in rows:
        for i, year in enumerate(years):
            out[year][row["scope"]][row["name"]] = {
                "always_available": bool(row["always"]),
                "counted": row[f"counted_{i}"],
            }
    return {year: dict(scopes) for year, scopes in out.items()}


# --- 6. volunteers --------------------------------------------------------------------------


def deployed_condition(village_ids: Iterable[int], year: int) -> Q:
    """A volunteer was deployed in `year`: a done match dated in the year (task date, else
    the request's date, else the day it was accepted), a match on a recurring request that
    was active in the year, or taking part in an activity.

    The done match is an EXISTS per volunteer (the index on the volunteer's matches finds
    it; a set of every match of the villages' volunteers costs more to build), the other
    two uncorrelated `pk IN (…)` subqueries: the database works each set out once.
    """
    first, last = year_dates(year)
    start, end = year_moments(year)
    ids = list(village_ids)
    done_match = Assignment.objects.filter(volunteer=OuterRef("pk"), status="done").filter(
        Q(task_date__range=(first, last))
        | Q(task_date__isnull=True, help_request__needed_on__range=(first, last))
        | Q(
            task_date__isnull=True,
            help_request__needed_on__isnull=True,
            accepted_at__gte=start,
            accepted_at__lt=end,
        )
    )
    recurring_match = Assignment.objects.filter(
        status__in=("active", "done"),
        accepted_at__lt=end,
        help_request__in=recurring_active_requests(ids, year).values("pk"),
    )
    activity = Activity.volunteers.through.objects.filter(
        volunteer__village_id__in=ids, activity__starts_on__range=(first, last)
    )
    return (
        Exists(done_match)
        | Q(pk__in=recurring_match.values("volunteer_id"))
        | Q(pk__in=activity.values("volunteer_id"))
    )


def registered_in(year: int) -> Q:
    """Registered on or before 31 December of `year` and not stopped before 1 January."""
    first, last = year_dates(year)
    return Q(registered_on__lte=last) & (Q(stopped_on__isnull=True) | Q(stopped_on__gte=first))


def never_asked_condition(year: int) -> Q:
    """No invitation for a request taken in before `year` ended and no match accepted before
    then (an import records matches without invitations); correlated on the volunteer."""
    _start, end = year_moments(year)
    asked = Invitation.objects.filter(
        volunteer=OuterRef("pk"), help_request__created_at__lt=end
    ).order_by()
    matched = Assignment.objects.filter(volunteer=OuterRef("pk"), accepted_at__lt=end).order_by()
    return ~Exists(asked) & ~Exists(matched)


VOLUNTEER_KEYS = ("registered", "deployed", "new", "stopped")


def volunteers(village_ids: Iterable[int], year: int, *, by_village=True) -> dict:
    """Volunteers of the registry: registered (registered on or before 31 December and not
    stopped before 1 January), deployed at least once, new (registered in the year) and
    stopped (stopped in the year). One query."""
    figures = _single(volunteers_of_years, village_ids, year, by_village)
    return {scope: {key: value[key] for key in VOLUNTEER_KEYS} for scope, value in figures.items()}


def volunteers_never_asked(village_ids: Iterable[int], year: int, *, by_village=True) -> dict:
    """Of the registered volunteers (as in `volunteers`), those never asked: no invitation
    for a request taken in before the year ended, and no match accepted before then (an
    import records matches without invitations). One query."""
    figures = _single(volunteers_of_years, village_ids, year, by_village)
    return {scope: value["never_asked"] for scope, value in figures.items() if value["never_asked"]}


def volunteers_of_years(
    village_ids: Iterable[int], years: Iterable[int], *, by_village=True
) -> dict:
    """{year: {scope: {registered, deployed, new, stopped, never_asked}}}: the figures of
    `volunteers` and `volunteers_never_asked` for every year, one pass over the registry
    (conditional counts per year)."""
    years = _span(years)
    if not years:
        return {}

    def query(ids, years):
        counts = {}
        for i, year in enumerate(years):
            first, last = year_dates(year)
            registered = registered_in(year)
            counts[f"registered_{i}"] = Count("pk", filter=registered)
            counts[f"deployed_{i}"] = Count("pk", filter=deployed_condition(ids, year))
            counts[f"new_{i}"] = Count("pk", filter=Q(registered_on__range=(first, last)))
            counts[f"stopped_{i}"] = Count("pk", filter=Q(stopped_on__range=(first, last)))
            counts[f"never_asked_{i}"] = Count(
                "pk", filter=registered & never_asked_condition(year)
            )
        return (
            Volunteer.objects.filter(village_id__in=ids)
            .annotate(scope=_scope(by_village))
            .values("scope")
            .annotate(**counts)
            .order_by()
        )

    rows = _rows(("volunteers", by_village), query, village_ids, years)
    keys = (*VOLUNTEER_KEYS, "never_asked")
    return {
        year: {row["scope"]: {key: row[f"{key}_{i}"] for key in keys} for row in rows}
        for i, year in enumerate(years)
    }


def requests_per_month(village_ids: Iterable[int], first_year: int, last_year: int) -> dict:
    """{year: 12 numbers}: requests taken in per month (intake moment in Europe/Amsterdam)
    for every year from `first_year` to `last_year`, the villages together; a year without
    requests is left out. One query grouped by year and month."""
    if first_year > last_year:
        return {}

    def query(ids, years):
        start, _end = year_moments(years[0])
        _start, end = year_moments(years[-1])
        return (
            HelpRequest.objects.filter(
                village_id__in=ids, created_at__gte=start, created_at__lt=end
            )
            .annotate(
                year=ExtractYear("created_at", tzinfo=AMSTERDAM),
                month=ExtractMonth("created_at", tzinfo=AMSTERDAM),
            )
            .values("year", "month")
            .annotate(n=Count("pk"))
            .order_by()
        )

    rows = _rows(("per_month",), query, village_ids, [first_year, last_year])
    out: dict[int, list[int]] = {}
    for row in rows:
        out.setdefault(row["year"], [0] * 12)[row["month"] - 1] += row["n"]
    return dict(sorted(out.items()))


# --- 7. intake: month, channel, who referred ------------------------------------------------


def intake(village_ids: Iterable[int], year: int, *, by_village=True) -> dict:
    """Requests taken in during `year` (intake moment in Europe/Amsterdam): per month
    (12 numbers), per channel, and for channel "doorverwijzing" per kind of the referring
    organisation. One query grouped by month, channel and kind."""
    return _single(intake_of_years, village_ids, year, by_village)


def intake_of_years(village_ids: Iterable[int], years: Iterable[int], *, by_village=True):
    """{year: {scope: figures}} of `intake`, one query grouped by year as well."""
    years = _span(years)
    if not years:
        return {}

    def query(ids, years):
        start, end = _moments_span(years)
        return (
            HelpRequest.objects.filter(
                village_id__in=ids, created_at__gte=start, created_at__lt=end
            )
            .annotate(
                year=ExtractYear("created_at", tzinfo=AMSTERDAM),
                scope=_scope(by_village),
                month=ExtractMonth("created_at", tzinfo=AMSTERDAM),
                kind=F("referred_by__kind"),
            )
            .values("year", "scope", "month", "channel", "kind")
            .annotate(n=Count("pk"))
            .order_by()
        )

    rows = _rows(("intake", by_village), query, village_ids, years)
    out: dict = {year: {} for year in years}
    for row in rows:
        if row["year"] not in out:
            continue
        figures = out[row["year"]].setdefault(row["scope"], empty_intake())
        figures["by_month"][row["month"] - 1] += row["n"]
        figures["by_channel"][row["channel"]] = (
            figures["by_channel"].get(row["channel"], 0) + row["n"]
        )
        if row["channel"] == HelpRequest.Channel.REFERRAL:
            kind = row["kind"] or UNKNOWN
            referrers = figures["referred_to_us_by_kind"]
            referrers[kind] = referrers.get(kind, 0) + row["n"]
    return out


def empty_intake() -> dict:
    return {"by_month": [0] * 12, "by_channel": {}, "referred_to_us_by_kind": {}}


# --- 8. signals -----------------------------------------------------------------------------


def signals_passed_on(village_ids: Iterable[int], year: int, *, by_village=True) -> dict:
    """Signals passed on in `year` (by `passed_on_at`), per kind of the organisation they
    went to."""
    return _single(signals_of_years, village_ids, year, by_village)


def signals_of_years(village_ids: Iterable[int], years: Iterable[int], *, by_village=True):
    """{year: {scope: {kind: n}}} of `signals_passed_on`, one query grouped by year."""
    years = _span(years)
    if not years:
        return {}

    def query(ids, years):
        start, end = _moments_span(years)
        return (
            Signal.objects.filter(village_id__in=ids, passed_on_at__gte=start, passed_on_at__lt=end)
            .annotate(
                year=ExtractYear("passed_on_at", tzinfo=AMSTERDAM),
                scope=_scope(by_village),
                kind=F("passed_to__kind"),
            )
            .values("year", "scope", "kind")
            .annotate(n=Count("pk"))
            .order_by()
        )

    rows = _rows(("signals", by_village), query, village_ids, years)
    out: dict = {year: defaultdict(dict) for year in years}
    for row in rows:
        if row["year"] in out:
            out[row["year"]][row["scope"]][row["kind"] or UNKNOWN] = row["n"]
    return {year: dict(scopes) for year, scopes in out.items()}


# --- 9. how fast ----------------------------------------------------------------------------


def median_days_to_volunteer(village_ids: Iterable[int], year: int, *, by_village=True) -> dict:
    """Median time from intake to the first accepted match, in days with one decimal, over
    the requests whose first match was accepted in `year` (see `medians_days_to_volunteer`).
    """
    scope = None if by_village else TOTAL
    medians = medians_days_to_volunteer(village_ids, [year]).get(year, {})
    if scope is None:
        return {key: value for key, value in medians.items() if key != TOTAL}
    return {TOTAL: medians[TOTAL]} if TOTAL in medians else {}


def medians_days_to_volunteer(village_ids: Iterable[int], years: Iterable[int]) -> dict:
    """{year: {village id: median, TOTAL: median}}: the median time from intake to the first
    accepted match, in days with one decimal, over the villages' requests whose first match
    (the earliest `Assignment.accepted_at`, whatever became of it) lies in the year. A year
    or village without such requests is left out.

    One query for all the years, each village and the villages together. It reads the
    matches accepted in the years (a match carries its request's village,
    `koppelingen.services`), keeps the requests without a match accepted before the first
    year, and takes per request the earliest: its first match. The database numbers the
    waits per year and village and per year and returns only the one or two middle rows
    of either numbering, so no series of waits travels to Python.
    """
    years = sorted(set(years))
    if not years:
        return {}

    def query(ids, years):
        start, _end = year_moments(years[0])
        _start, end = year_moments(years[-1])
        earlier = Assignment.objects.filter(
            help_request_id=OuterRef("help_request_id"), accepted_at__lt=start
        )
        year_of = ExtractYear("first_match", tzinfo=AMSTERDAM)
        order = [F("wait").asc(), F("help_request_id").asc()]
        # Per partition (year and village; year): a row's place, the rows before it and half
        # the number of rows. It is one of the one or two middle rows when place >= half and
        # rows before it <= half (the order, wait then request, is unique).
        windows = {}
        partitions = [("village", [year_of, F("help_request__village_id")]), ("all", [year_of])]
        for name, partition in partitions:
            windows[f"{name}_place"] = Window(RowNumber(), partition_by=partition, order_by=order)
            windows[f"{name}_before"] = Window(
                Count("help_request_id"),
                partition_by=partition,
                order_by=order,
                frame=RowRange(None, -1),
            )
            windows[f"{name}_half"] = Window(
                Sum(Value(0.5, output_field=FloatField())), partition_by=partition
            )
        return (
            Assignment.objects.filter(
                village_id__in=ids,
                accepted_at__gte=start,
                accepted_at__lt=end,
                help_request__village_id__in=ids,
            )
            .filter(~Exists(earlier))
            .order_by()
            .values("help_request_id", "help_request__village_id", "help_request__created_at")
            .annotate(first_match=Min("accepted_at"))
            .annotate(
                year=year_of,
                wait=ExpressionWrapper(
                    F("first_match") - F("help_request__created_at"), output_field=DurationField()
                ),
            )
            .annotate(**windows)
            .filter(
                Q(village_place__gte=F("village_half"), village_before__lte=F("village_half"))
                | Q(all_place__gte=F("all_half"), all_before__lte=F("all_half"))
            )
            .values("year", "help_request__village_id", "wait", *windows)
        )

    numbers = [
        f"{name}_{what}" for name in ("village", "all") for what in ("place", "before", "half")
    ]
    rows = [
        (row["year"], row["help_request__village_id"], row["wait"], *(row[n] for n in numbers))
        for row in _rows(("medians",), query, village_ids, years)
    ]
    middles: dict = defaultdict(list)
    for year, village_id, wait, *numbers in rows:
        v_place, v_before, v_half, a_place, a_before, a_half = numbers
        if v_place >= v_half and v_before <= v_half:
            middles[(year, village_id)].append(wait.total_seconds())
        if a_place >= a_half and a_before <= a_half:
            middles[(year, TOTAL)].append(wait.total_seconds())
    out: dict = defaultdict(dict)
    for (year, scope), values in middles.items():
        out[year][scope] = days_one_decimal(timedelta(seconds=median_of_middle(values)))
    return dict(out)


# --- all of it ------------------------------------------------------------------------------

TABLES = {
    "one_off": one_off_carried_out,
    "recurring": recurring_active,
    "without_volunteer": without_volunteer,
    "activities": activity_volunteers,
    "loans": loans_started,
    "handouts": handouts,
    "volunteers": volunteers,
    "volunteers_never_asked": volunteers_never_asked,
    "intake": intake,
    "signals_passed_on_by_kind": signals_passed_on,
    "median_days_to_volunteer": median_days_to_volunteer,
}


def empty_figures() -> dict:
    """The figures of a scope without any data (every key present)."""
    return {
        "one_off": {"by_category": {}, "with_several_volunteers": 0, "total": 0},
        "recurring": {"by_category": {}, "total": 0, "stopped_in_year": 0},
        "without_volunteer": empty_without_volunteer(),
        "activities": {},
        "loans": {},
        "handouts": {},
        "volunteers": {"registered": 0, "deployed": 0, "new": 0, "stopped": 0},
        "volunteers_never_asked": 0,
        **empty_intake(),
        "signals_passed_on_by_kind": {},
        "median_days_to_volunteer": None,
    }


# Figures that cannot be added up over villages (different volunteers, a median): the
# total of several villages runs these again over the villages together.
NOT_ADDITIVE = ("activities", "median_days_to_volunteer")


def add_up(a, b):
    """Add two figure structures (ints, lists of ints, dicts of those) key by key."""
    if isinstance(a, dict):
        return {
            key: add_up(a.get(key, 0), b.get(key, 0))
            if key in a and key in b
            else (a[key] if key in a else b[key])
            for key in {**a, **b}
        }
    if isinstance(a, list):
        return [x + y for x, y in zip(a, b, strict=True)]
    if isinstance(a, bool):
        return a or b
    return a + b


def total_of(village_ids: list[int], year: int, per_village: dict) -> dict:
    """The figures of the villages together: additive ones summed, the rest queried."""
    together = empty_figures()
    for figures in per_village.values():
        for key, value in figures.items():
            if key not in NOT_ADDITIVE:
                together[key] = add_up(together[key], value)
    for key in NOT_ADDITIVE:
        together[key] = TABLES[key](village_ids, year, by_village=False).get(
            TOTAL, empty_figures()[key]
        )
    return together


def figures_per_scope(village_ids: list[int], year: int, *, by_village: bool) -> dict:
    """{scope: figures} for every village (by_village) or for TOTAL, every key present."""
    scopes = list(village_ids) if by_village else [TOTAL]
    out = {scope: empty_figures() for scope in scopes}
    for key, definition in TABLES.items():
        for scope, value in definition(village_ids, year, by_village=by_village).items():
            if key == "intake":
                out[scope].update(value)
            else:
                out[scope][key] = value
    return out


def _recurring_of_years(village_ids: list[int], years: list[int], *, by_village=True) -> dict:
    # One query per year: the request's end is a subquery, which a count per year would
    # repeat for every year.
    return {year: recurring_active(village_ids, year, by_village=by_village) for year in years}


# Each table for several years at once: {year: {scope: value}}.
TABLES_OF_YEARS = {
    "one_off": one_off_of_years,
    "recurring": _recurring_of_years,
    "without_volunteer": without_volunteer_of_years,
    "activities": activities_of_years,
    "loans": loans_of_years,
    "handouts": handouts_of_years,
    "volunteers": volunteers_of_years,  # volunteers_never_asked comes with it
    "intake": intake_of_years,
    "signals_passed_on_by_kind": signals_of_years,
}


def figures_of_years(village_ids: list[int], years: list[int]) -> dict:
    """{year: (figures of the villages together, {village id: figures})} for every year,
    every key present: the same figures as `figures_per_scope` and `total_of`, with each
    table asked once for all the years (and the median once for the villages and their
    total). A constant number of queries, whatever the number of villages or years."""
    ids = list(village_ids)
    years = _span(years)
    per_village = {year: {pk: empty_figures() for pk in ids} for year in years}
    for key, definition in TABLES_OF_YEARS.items():
        for year, scopes in definition(ids, years, by_village=True).items():
            for scope, value in scopes.items():
                figures = per_village[year][scope]
                if key == "intake":
                    figures.update(value)
                elif key == "volunteers":
                    figures["volunteers"] = {k: value[k] for k in VOLUNTEER_KEYS}
                    figures["volunteers_never_asked"] = value["never_asked"]
                else:
                    figures[key] = value
    medians = medians_days_to_volunteer(ids, years)
    for year, scopes in medians.items():
        for scope, value in scopes.items():
            if scope != TOTAL:
                per_village[year][scope]["median_days_to_volunteer"] = value
    if len(ids) == 1:
        return {year: (per_village[year][ids[0]], per_village[year]) for year in years}
    activities = activities_of_years(ids, years, by_village=False)
    out = {}
    for year in years:
        together = empty_figures()
        for figures in per_village[year].values():
            for key, value in figures.items():
                if key not in NOT_ADDITIVE:
                    together[key] = add_up(together[key], value)
        together["activities"] = activities[year].get(TOTAL, {})
        together["median_days_to_volunteer"] = medians.get(year, {}).get(TOTAL)
        out[year] = (together, per_village[year])
    return out
