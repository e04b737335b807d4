"""Reads for activities. Everything is scoped to one village first.

For other apps (the volunteer page and the yearly overview):
- `activities_for_volunteer(volunteer)`: the activities a volunteer took part in, for the
  include `activiteiten/_volunteer_activities.html`.
- `deployed_volunteer_ids(village, start, end)`: the volunteers who took part in an activity
  in a period; taking part counts as being deployed (combine with the volunteers deployed
  on help requests to get "53 of 140 volunteers deployed").
- `participants_per_kind(village, year)`: per kind of activity, how many volunteers took
  part and in how many activities.
All are single aggregate queries. `volunteer_picker(...)` is the activity form's search for
volunteers (a village has 140 or more; nobody scrolls through that many checkboxes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
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


# How many found volunteers the picker lists at once; the rest: narrow the search.
PICKER_LIMIT = 25


@dataclass
class VolunteerPick:
    """The activity form's volunteer picker: the chosen ones on top, then what was found."""

    chosen: list
    found: list
    total_found: int
    searched: bool

    @property
    def more(self) -> int:
        return max(self.total_found - len(self.found), 0)


def _picker_ids(values) -> list[int]:
    ids = []
    for value in values or ():
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            continue
    return ids


def volunteer_picker(
    village,
    *,
    chosen_ids=(),
    q: str = "",
    category=None,
    available_on: date | None = None,
    limit: int = PICKER_LIMIT,
) -> VolunteerPick:
    """Search the village's volunteers for an activity, server-side (3 queries at most).

    Every word of `q` must match the first name, surname, street, place or phone, so
    "hof hoofdstraat" finds Jan van 't Hof on the Hoofdstraat. `category`: offers this kind
    of help. `available_on`: active on that day (a pause that ended counts) and not away.
    Stopped volunteers are never found; those chosen already stay chosen.
    """
    from vrijwilligers.availability import VolunteerStatus
    from vrijwilligers.models import Volunteer
    from vrijwilligers.selectors import absent_on_q

    fields = (
        "pk",
        "first_name",
        "last_name",
        "street",
        "house_number",
        "place",
        "phone",
        "status",
        "village_id",
    )
    base = Volunteer.objects.filter(village=village).only(*fields)
    chosen_ids = _picker_ids(chosen_ids)
    chosen = list(base.filter(pk__in=chosen_ids).order_by("last_name", "first_name", "pk"))
    found = base.exclude(pk__in=chosen_ids).exclude(status=VolunteerStatus.STOPPED)
    q = (q or "").strip()
    for word in q.split():
        match = (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(street__icontains=word)
            | Q(place__icontains=word)
        )
        digits = "".join(ch for ch in word if ch.isdigit())
        if len(digits) >= 3:
            match |= Q(phone__contains=digits)
        found = found.filter(match)
    if category is not None:
        found = found.filter(categories=category)
    if available_on is not None:
        found = found.filter(
            Q(status=VolunteerStatus.ACTIVE)
            | Q(status=VolunteerStatus.PAUSED, paused_until__lt=available_on)
        ).exclude(absent_on_q(available_on))
    found = found.distinct().order_by("last_name", "first_name", "pk")
    total = found.count()
    return VolunteerPick(
        chosen=chosen,
        found=list(found[:limit]),
        total_found=total,
        searched=bool(q or category is not None or available_on is not None),
    )
