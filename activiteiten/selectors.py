"""Reads for activities. Everything is scoped to one village first.

For other apps (the volunteer page and the yearly overview):
- `activities_for_volunteer(volunteer)`: the activities a volunteer took part in, for the
  include `activiteiten/_volunteer_activities.html`.
- `deployed_volunteer_ids(village, start, end)`: the volunteers who took part in an activity
  in a period; taking part counts as being deployed (combine with the volunteers deployed
  on help requests to get "53 of 140 volunteers deployed").
- `participants_per_kind(village, year)`: per kind of activity, how many volunteers took
  part and in how many activities.
All are single aggregate queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet
from django.http import Http404

from accounts.access import Access, get_for_village_or_404, scope_to_village

from .models import Activity, ActivityKind


def get_activity_for_user(access: Access, pk) -> Activity:
    """An activity of the active village, for its coordinators; anything else is a 404."""
    if not access.can_coordinate:
        raise Http404
    return get_for_village_or_404(Activity.objects.select_related("kind", "village"), access, pk=pk)


def activities_for(access: Access) -> QuerySet[Activity]:
    """The village's activities with their kind and number of volunteers (one query)."""
    return (
        scope_to_village(Activity.objects.all(), access)
        .select_related("kind")
        .annotate(volunteer_count=Count("volunteers", distinct=True))
        .order_by("-starts_on", "-pk")
    )


def activity_years(access: Access) -> list[int]:
    """Years that have activities, newest first (for the year filter)."""
    qs = scope_to_village(Activity.objects.all(), access)
    return sorted({d.year for d in qs.dates("starts_on", "year")}, reverse=True)


def active_kinds() -> QuerySet[ActivityKind]:
    return ActivityKind.objects.filter(is_active=True)


def activities_for_volunteer(volunteer, *, limit: int = 20) -> list[Activity]:
    """The activities a volunteer took part in, newest first; one query.

    Render with `{% include "activiteiten/_volunteer_activities.html" %}`.
    """
    return list(
        Activity.objects.filter(volunteers=volunteer, village_id=volunteer.village_id)
        .select_related("kind")
        .order_by("-starts_on", "-pk")[:limit]
    )


def deployed_volunteer_ids(village, start: date, end: date) -> set[int]:
    """Volunteers of `village` who took part in an activity starting between `start` and
    `end` (both inclusive). One query over the participation table.

    An activity belongs to the period it starts in (a collection week over new year counts
    once, in the year it began).
    """
    through = Activity.volunteers.through
    return set(
        through.objects.filter(
            activity__village=village,
            activity__starts_on__gte=start,
            activity__starts_on__lte=end,
        )
        .values_list("volunteer_id", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class KindCount:
    code: str
    name: str
    volunteers: int  # different volunteers who took part
    activities: int  # number of activities


def participants_per_kind(village, year: int) -> list[KindCount]:
    """Per kind of activity in `year`: how many different volunteers took part and in how
    many activities; one aggregate query. Kinds without activities that year are left out.

    A volunteer who joined three collections counts once for "voedselbankcollecte" (the
    yearly overview says "food-bank collection: 12 volunteers").
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows = (
        # One filter() call, so the annotations count over the same filtered join.
        ActivityKind.objects.filter(
            activities__village=village,
            activities__starts_on__gte=start,
            activities__starts_on__lte=end,
        )
        .annotate(
            volunteer_count=Count("activities__volunteers", distinct=True),
            activity_count=Count("activities", distinct=True),
        )
        .order_by("order", "name")
    )
    return [
        KindCount(
            code=row.code,
            name=row.name,
            volunteers=row.volunteer_count,
            activities=row.activity_count,
        )
        for row in rows
    ]
