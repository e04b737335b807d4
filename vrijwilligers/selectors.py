"""Reads of the volunteer registry.

- `get_volunteer_for_user(access, pk)`: the one way to fetch a single volunteer.
- `own_volunteer(access)`: the logged-in volunteer's own record in the active village.
- `with_availability(qs, today=…)`: loads everything `availability.is_available` and the
  registry list read, in a fixed number of queries however many volunteers there are.
- `registry_counts(village, today=…)`: the numbers at the top of the registry, one query.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from accounts.access import Access, get_for_village_or_404, scope_to_village
from hulpvragen.models import HelpCategory

from .availability import VolunteerStatus
from .models import Absence, AvailabilitySlot, Volunteer, VolunteerVillage

# "Not confirmed for 12 months": the yearly round asks; this is when the registry flags it.
CONFIRMATION_OVERDUE_DAYS = 365


def get_volunteer_for_user(access: Access, pk: int) -> Volunteer:
    """A volunteer of the active village: any of them for its coordinators, only their own
    record for a volunteer. Everything else is a 404 (also other villages' volunteers)."""
    if access.can_coordinate:
        return get_for_village_or_404(Volunteer, access, pk=pk)
    if access.is_volunteer and access.user.is_authenticated:
        return get_for_village_or_404(Volunteer.objects.filter(user=access.user), access, pk=pk)
    raise Http404


def running_shares(village_id: int) -> QuerySet[VolunteerVillage]:
    """The agreements under which volunteers from elsewhere help this village now."""
    return VolunteerVillage.objects.filter(helps_in_id=village_id, ended_on__isnull=True)


def running_shares_with_terms(village_id: int) -> list[VolunteerVillage]:
    """The running agreements for this village with the home village and the kinds of help
    agreed on (1 query, and 1 more when there are any)."""
    return list(
        running_shares(village_id)
        .select_related("village")
        .prefetch_related(Prefetch("categories", queryset=HelpCategory.objects.order_by()))
    )


def askable_in_village_q(village_id: int, shared_volunteer_ids: list[int]) -> Q:
    """Volunteers of this village, and those from elsewhere who help it now (a filter on the
    volunteer's own rows, so that a volunteer is never listed twice).

    The agreements' volunteers come in as a list of ids (read with the agreements), so that
    PostgreSQL combines the village index with the primary key (BitmapOr). As a subquery
    (`IN (SELECT …)` or a correlated EXISTS) it scanned every volunteer of the country:
    80 ms and more at a thousand villages, against well under 1 ms."""
    return Q(village_id=village_id) | Q(pk__in=shared_volunteer_ids)


def get_shared_volunteer_for_user(access: Access, pk: int) -> Volunteer:
    """A volunteer from another village who helps (or helped) the active village, for its
    coordinators: through a running agreement or a task done here. The home village's own
    page stays a 404 for them; this one shows only what they need."""
    if not access.can_coordinate or access.village is None:
        raise Http404
    from koppelingen.models import Assignment

    village_id = access.village.pk
    worked_here = Assignment.objects.filter(village_id=village_id, volunteer=OuterRef("pk"))
    queryset = (
        Volunteer.objects.exclude(village_id=village_id)
        .filter(
            Q(Exists(running_shares(village_id).filter(volunteer=OuterRef("pk"))))
            | Q(Exists(worked_here))
        )
        .select_related("village")
    )
    volunteer = queryset.filter(pk=pk).first()
    if volunteer is None:
        raise Http404
    return volunteer


def get_volunteer_working_here(access: Access, pk: int) -> Volunteer:
    """A volunteer of the active village, or one from elsewhere who helps it (for pages
    about the work done here, such as the logbook of a pair)."""
    if access.can_coordinate and access.village is not None:
        volunteer = Volunteer.objects.filter(pk=pk, village=access.village).first()
        if volunteer is not None:
            return volunteer
    return get_shared_volunteer_for_user(access, pk)


def own_volunteer(access: Access) -> Volunteer | None:
    """The record linked to the logged-in user in the active village, if any."""
    if not access.is_volunteer:
        return None
    return scope_to_village(Volunteer.objects.filter(user=access.user), access).first()


def with_availability(queryset: QuerySet, *, today: date) -> QuerySet:
    """Prefetch slots, offered kinds of help and current/future absences.

    Past absences are left out on purpose (a long-serving volunteer collects many); so the
    prefetched volunteers answer `is_available` correctly for today and later only.
    """
    return queryset.select_related("user").prefetch_related(
        Prefetch("availability_slots", queryset=AvailabilitySlot.objects.order_by()),
        Prefetch("categories", queryset=HelpCategory.objects.order_by("order", "name")),
        Prefetch("absences", queryset=Absence.objects.filter(ends_on__gte=today)),
    )


def confirmation_overdue_q(today: date) -> Q:
    """Active or paused volunteers whose details were not confirmed for 12 months (counted
    from the registration date when they never confirmed)."""
    return not_confirmed_since_q(confirmation_overdue_limit(today))


def confirmation_overdue_limit(today: date) -> date:
    """The day before which a confirmation is overdue on `today`."""
    return today - timedelta(days=CONFIRMATION_OVERDUE_DAYS)


def not_confirmed_since_q(limit: date) -> Q:
    """Active or paused volunteers last confirmed before `limit` (registered before it, when
    they never confirmed); `limit` is only compared with."""
    return Q(status__in=[VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED]) & (
        Q(last_confirmed_on__lt=limit) | Q(last_confirmed_on__isnull=True, registered_on__lt=limit)
    )


def not_asked_this_year_q(today: date) -> Q:
    """Based on `last_asked_on`, which matching maintains."""
    return not_asked_since_q(date(today.year, 1, 1))


def not_asked_since_q(since: date) -> Q:
    """Never asked, or last asked before `since` (only compared with)."""
    return Q(last_asked_on__isnull=True) | Q(last_asked_on__lt=since)


def absent_on_q(on: date) -> Q:
    return Q(
        Exists(Absence.objects.filter(volunteer=OuterRef("pk"), starts_on__lte=on, ends_on__gte=on))
    )


@functools.cache
def _registry_counts_sql() -> str:
    q = connection.ops.quote_name

    def column(name):
        return q(Volunteer._meta.get_field(name).column)

    status, asked = column("status"), column("last_asked_on")
    confirmed, registered = column("last_confirmed_on"), column("registered_on")
    return (
        f"SELECT COUNT(CASE WHEN {status} = %s THEN 1 END), "
        f"COUNT(CASE WHEN {status} = %s THEN 1 END), "
        f"COUNT(CASE WHEN {status} = %s THEN 1 END), "
        f"COUNT(CASE WHEN {status} = %s AND ({asked} IS NULL OR {asked} < %s) THEN 1 END), "
        f"COUNT(CASE WHEN {status} IN (%s, %s) AND ({confirmed} < %s "
        f"OR ({confirmed} IS NULL AND {registered} < %s)) THEN 1 END) "
        f"FROM {q(Volunteer._meta.db_table)} WHERE {column('village')} = %s"
    )


def registry_counts(village, *, today: date) -> dict[str, int]:
    """Active, paused, active-and-never-asked-this-year, confirmation overdue, signed up:
    one query. Written out in SQL (made once), as the ORM took longer to compile five
    filtered counts than the database took to count them; the conditions are those of
    `not_asked_this_year_q` and `confirmation_overdue_q` (a test holds them to it)."""
    limit = confirmation_overdue_limit(today)
    active, paused = VolunteerStatus.ACTIVE.value, VolunteerStatus.PAUSED.value
    params = [
        active,
        paused,
        VolunteerStatus.SIGNED_UP.value,
        active,
        date(today.year, 1, 1),
        active,
        paused,
        limit,
        limit,
        getattr(village, "pk", village),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_registry_counts_sql(), params)
        row = cursor.fetchone()
    names = ("active", "paused", "signed_up", "not_asked_this_year", "confirmation_overdue")
    return dict(zip(names, row, strict=True))


@dataclass
class StopConsequences:
    """What stopping (or pausing) a volunteer touches, for the page that asks first."""

    pending_invitations: list = field(default_factory=list)
    planned_tasks: list = field(default_factory=list)
    has_login: bool = False
    # Invitations and planned tasks in other villages the volunteer also helps: only counted,
    # their residents are not this desk's to see.
    elsewhere: int = 0


def stop_consequences(volunteer: Volunteer, *, today: date | None = None) -> StopConsequences:
    """The invitations still waiting for an answer and the tasks still planned in the home
    village, and how many there are elsewhere (3 queries)."""
    from django.utils import timezone

    from koppelingen.models import Assignment, Invitation

    today = today or timezone.localdate()
    invitations = Invitation.objects.filter(volunteer=volunteer, status=Invitation.Status.PENDING)
    planned = Assignment.objects.filter(
        volunteer=volunteer, status=Assignment.Status.ACTIVE
    ).filter(Q(task_date__isnull=True) | Q(task_date__gte=today))
    home = volunteer.village_id
    return StopConsequences(
        pending_invitations=list(
            invitations.filter(village_id=home)
            .select_related("help_request__category", "help_request__resident")
            .order_by("asked_at", "pk")
        ),
        planned_tasks=list(
            planned.filter(village_id=home)
            .select_related("help_request__category", "resident")
            .order_by("task_date", "pk")
        ),
        has_login=volunteer.user_id is not None,
        elsewhere=invitations.exclude(village_id=home).count()
        + planned.exclude(village_id=home).count(),
    )
