"""Reads for help requests and residents. Everything is scoped to the user's village first."""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts import prepared
from accounts.access import Access, get_for_village_or_404, scope_to_village
from accounts.id_lists import in_ids
from accounts.join_order import in_written_order
from accounts.models import User
from accounts.names import full_name, short_name
from accounts.roles import Role

from . import meeting_rows, resident_rows
from .lifecycle import FINISHED_STATUSES, OPEN_STATUSES, WAITING_STATUSES
from .models import HelpRequest, Resident, StatusChange
from .triage import PastRequest, history_since
from .urgency import MAX_WAIT, Urgency

# A request card shows these; one query for any number of cards.
CARD_RELATED = ("resident", "category", "assigned_to", "reason")


def get_resident_for_user(access: Access, pk) -> Resident:
    """The one way to reach a resident: coordinators of the resident's village, else 404."""
    if not access.can_coordinate:
        raise Http404
    return get_for_village_or_404(Resident.objects.select_related("village"), access, pk=pk)


# Also what the detail and candidates pages show of a ride or a referral, so the page takes
# as many queries for any kind of request.
REQUEST_PAGE_RELATED = (
    *CARD_RELATED,
    "created_by",
    "village",
    "destination",
    "referred_by",
    "referred_to",
)


def _request_of_village(pk, village_id):
    return HelpRequest.objects.select_related(*REQUEST_PAGE_RELATED).filter(
        village_id=village_id, pk=pk
    )


def get_help_request_for_user(access: Access, pk) -> HelpRequest:
    """The one way to reach a help request: coordinators of its village, else 404."""
    if not access.can_coordinate or access.village is None:
        raise Http404
    # Ten lookups by primary key: planning them cost 10–15 ms (in_written_order), building
    # the query about 1.5 ms (prepared: put together once per thread).
    with in_written_order():
        found = prepared.objects(
            "hulpvragen.request_page",
            _request_of_village,
            pk=int(pk),
            village_id=access.village.pk,
        )
    if not found:
        raise Http404
    [help_request] = found
    # The resident lives in the request's village: the village read above serves both (one
    # join less).
    if help_request.resident.village_id == help_request.village_id:
        help_request.resident.village = help_request.village
    return help_request


def help_requests_for(access: Access) -> QuerySet[HelpRequest]:
    return scope_to_village(HelpRequest.objects.all(), access)


def residents_for(access: Access) -> QuerySet[Resident]:
    return scope_to_village(Resident.objects.all(), access)


def _residents(village_id):
    return Resident.objects.filter(village_id=village_id)


def _found_residents(village_id, ids):
    return Resident.objects.filter(in_ids("pk", ids), village_id=village_id)


class ResidentList:
    """The residents of the user's village by name, only those of `ids` when it is given
    (none for an empty list), as `Paginator` reads them: `count()`, and a slice as dicts of
    `resident_rows.FIELDS`. Each is one query put together once per thread and slice
    (accounts.prepared), or none when there is nothing to find (no village, no ids, an empty
    slice)."""

    ordered = True  # by last name, then first name

    def __init__(self, access: Access, ids: list[int] | None = None):
        self._village_id = access.village.pk if access.village is not None else None
        self._ids = ids

    def _query(self):
        """The queryset's name, its build function and its values; None for no rows."""
        if self._village_id is None or self._ids == []:
            return None
        if self._ids is None:
            return "all", _residents, {"village_id": self._village_id}
        return "found", _found_residents, {"village_id": self._village_id, "ids": self._ids}

    def count(self) -> int:
        query = self._query()
        if query is None:
            return 0
        name, build, values = query
        return prepared.count(f"hulpvragen.residents.{name}", build, **values)

    def __getitem__(self, part: slice) -> list[dict]:
        query = self._query()
        start, stop = part.start or 0, part.stop
        if query is None or stop <= start:
            return []
        name, build, values = query

        def page(**values):
            return (
                build(**values)
                .order_by("last_name", "first_name")
                .values(*resident_rows.FIELDS)[start:stop]
            )

        # The slice is LIMIT and OFFSET in the SQL: part of the query's name.
        return prepared.rows(f"hulpvragen.residents.{name}[{start}:{stop}]", page, **values)


def search_residents(access: Access, query: str, *, limit: int = 8) -> list[Resident]:
    """Type-ahead: residents whose name, street, postcode or phone matches every word."""
    qs = _matching_residents(access, query)
    return [] if qs is None else list(qs[:limit])


def search_resident_ids(access: Access, query: str, *, limit: int) -> list[int]:
    """The ids of what `search_residents` finds for `query`, in its order."""
    qs = _matching_residents(access, query)
    return [] if qs is None else list(qs.values_list("pk", flat=True)[:limit])


def _matching_residents(access: Access, query: str) -> QuerySet[Resident] | None:
    """The residents matching every word of `query`, ordered by name; None for a query too
    short to search (one character, or none)."""
    words = query.split()
    if not words or len(query.strip()) < 2:
        return None
    qs = residents_for(access)
    for word in words[:4]:
        digits = "".join(ch for ch in word if ch.isdigit())
        condition = (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(street__icontains=word)
            | Q(postcode__icontains=word)
        )
        if len(digits) >= 4:
            condition |= Q(phone__contains=digits)
        qs = qs.filter(condition)
    return qs.order_by("last_name", "first_name")


def possible_duplicates(
    *,
    village,
    phone: str = "",
    postcode: str = "",
    house_number: int | None = None,
    exclude_pk=None,
) -> list[Resident]:
    """Residents of the village with the same phone, or the same postcode + house number.

    Expects normalised values (see accounts.dutch).
    """
    condition = Q()
    if phone:
        condition |= Q(phone=phone)
    if postcode and house_number:
        condition |= Q(postcode=postcode, house_number=house_number)
    if not condition:
        return []
    qs = Resident.objects.filter(condition, village=village)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(qs[:5])


def resident_history(resident: Resident, *, today: date, exclude_pk=None) -> list[PastRequest]:
    """The resident's earlier requests as far back as the boundary warnings look (bounded);
    the query compiled once per thread."""
    if exclude_pk:
        rows = prepared.rows(
            "hulpvragen.resident_history.excluding",
            lambda resident_id, since, exclude_pk: _history(resident_id, since).exclude(
                pk=exclude_pk
            )[:200],
            resident_id=resident.pk,
            since=history_since(today),
            exclude_pk=int(exclude_pk),
        )
    else:
        rows = prepared.rows(
            "hulpvragen.resident_history",
            lambda resident_id, since: _history(resident_id, since)[:200],
            resident_id=resident.pk,
            since=history_since(today),
        )
    # Values, not model instances: five columns of up to 200 requests.
    return [
        PastRequest(
            on=(needed_on or timezone.localdate(created_at)),
            category_id=category_id,
            category_name=category_name,
            is_recurring=is_recurring,
        )
        for needed_on, created_at, category_id, category_name, is_recurring in rows
    ]


def _history(resident_id, since):
    return (
        HelpRequest.objects.filter(resident_id=resident_id, created_at__date__gte=since)
        .order_by("-created_at")
        .values_list("needed_on", "created_at", "category_id", "category__name", "is_recurring")
    )


def overdue_condition(now: datetime) -> Q:
    """Q for requests still waiting longer than their urgency allows (see urgency.py)."""
    condition = Q()
    for urgency in Urgency.values:
        condition |= Q(urgency=urgency, created_at__lt=now - MAX_WAIT[urgency])
    return condition & Q(status__in=WAITING_STATUSES)


def status_counts(qs: QuerySet[HelpRequest]) -> dict[str, int]:
    """Number of requests per status, in one query."""
    return {row["status"]: row["n"] for row in _counted(qs)}


def _counted(qs: QuerySet[HelpRequest]) -> QuerySet:
    return qs.order_by().values("status").annotate(n=Count("pk"))


def open_requests(qs: QuerySet[HelpRequest]) -> QuerySet[HelpRequest]:
    return qs.filter(status__in=OPEN_STATUSES)


def finished_since(qs: QuerySet[HelpRequest], since: datetime) -> QuerySet[HelpRequest]:
    return qs.filter(status__in=FINISHED_STATUSES, status_changed_at__gte=since)


def with_card_data(qs: QuerySet[HelpRequest]) -> QuerySet[HelpRequest]:
    return qs.select_related(*CARD_RELATED)


def _meeting_open(village_id):
    return (
        open_requests(HelpRequest.objects.filter(village_id=village_id))
        .order_by("created_at")
        .values(*meeting_rows.OPEN_FIELDS)
    )


def _meeting_finished(village_id, since):
    return (
        finished_since(HelpRequest.objects.filter(village_id=village_id), since)
        .order_by("status", "-status_changed_at")
        .values(*meeting_rows.FINISHED_FIELDS)
    )


def meeting_open(access: Access) -> list[dict]:
    """The weekly meeting's open requests of the user's village, oldest first: the columns
    its rows show (none without a village). The query is put together once per thread
    (accounts.prepared)."""
    if access.village is None:
        return []
    return prepared.rows("hulpvragen.meeting_open", _meeting_open, village_id=access.village.pk)


def meeting_finished(access: Access, since: datetime) -> list[dict]:
    """The requests of the user's village finished since `since` (aware), by status and
    newest first: the columns the meeting's rows show (none without a village). The query is
    put together once per thread (accounts.prepared)."""
    if access.village is None:
        return []
    return prepared.rows(
        "hulpvragen.meeting_finished",
        _meeting_finished,
        village_id=access.village.pk,
        since=since,
    )


class CardRow:
    """A request as its card on the board shows it, as plain values (`card_rows`); the
    board adds what it works out per card (see `cards.decorate`) and the card's HTML."""

    __slots__ = (
        "pk",
        "status",
        "urgency",
        "created_at",
        "is_recurring",
        "review_on",
        "needed_on",
        "time_from",
        "description",
        "resident_id",
        "resident_name",
        "street",
        "house",
        "category_name",
        "assigned_to_id",
        "assigned_name",
        # Set by the board.
        "overdue",
        "waiting_days",
        "review_due",
        "quick_moves",
        "back_moves",
        "html",
    )


_CARD_VALUES = (
    "pk",
    "status",
    "urgency",
    "created_at",
    "is_recurring",
    "review_on",
    "needed_on",
    "time_from",
    "description",
    "resident_id",
    "resident__first_name",
    "resident__last_name",
    "resident__street",
    "resident__house_number",
    "resident__house_number_addition",
    "category__name",
    "assigned_to_id",
    "assigned_to__full_name",
    "assigned_to__email",
)


def card_rows(qs: QuerySet[HelpRequest]) -> list[CardRow]:
    """The requests of `qs` (ordered, and sliced if need be) as `CardRow`s, in one query:
    the columns a card shows, without a model instance per request and related row. The
    names are those of `Resident.full_name`, `Resident.house` and `User.get_short_name`."""
    return _card_rows(qs.values_list(*_CARD_VALUES))


def _open_of_village(village_id):
    return open_requests(HelpRequest.objects.filter(village_id=village_id))


def open_card_rows(village_id: int, limit: int) -> list[CardRow]:
    """`card_rows` of the village's open requests, oldest first, at most `limit`: what the
    board shows with nothing filtered, its query compiled once per thread."""
    return _card_rows(
        prepared.rows(
            f"hulpvragen.board_cards.{limit}",
            lambda village_id: (
                _open_of_village(village_id)
                .order_by("created_at")
                .values_list(*_CARD_VALUES)[:limit]
            ),
            village_id=village_id,
        )
    )


def open_status_counts(village_id: int) -> dict[str, int]:
    """`status_counts` of the village's open requests (the board with nothing filtered), its
    query compiled once per thread."""
    rows = prepared.rows(
        "hulpvragen.board_counts",
        lambda village_id: _counted(_open_of_village(village_id)),
        village_id=village_id,
    )
    return {row["status"]: row["n"] for row in rows}


def _card_rows(values) -> list[CardRow]:
    rows = []
    for (
        pk,
        status,
        urgency,
        created_at,
        is_recurring,
        review_on,
        needed_on,
        time_from,
        description,
        resident_id,
        first_name,
        last_name,
        street,
        house_number,
        house_number_addition,
        category_name,
        assigned_to_id,
        assigned_full_name,
        assigned_email,
    ) in values:
        row = CardRow()
        row.pk = pk
        row.status = status
        row.urgency = urgency
        row.created_at = created_at
        row.is_recurring = is_recurring
        row.review_on = review_on
        row.needed_on = needed_on
        row.time_from = time_from
        row.description = description
        row.resident_id = resident_id
        row.resident_name = full_name(first_name, last_name)
        row.street = street
        row.house = f"{house_number}{house_number_addition}"
        row.category_name = category_name
        row.assigned_to_id = assigned_to_id
        row.assigned_name = short_name(assigned_full_name, assigned_email) if assigned_to_id else ""
        rows.append(row)
    return rows


def village_coordinators(village) -> QuerySet[User]:
    """Users who coordinate in this village (for 'assigned coordinator')."""
    return (
        User.objects.filter(
            memberships__village=village, memberships__role=Role.COORDINATOR, is_active=True
        )
        .distinct()
        .order_by("full_name", "email")
    )


class ChangeRow(NamedTuple):
    """A line of a request's logbook as values: `by` is how a user reads (`User.__str__`),
    "" when nobody made the change; `reason` the reason's label, None without one."""

    at: datetime
    by: str
    from_status: str
    kind: str
    reason: str | None
    text: str


def status_change_rows(help_request: HelpRequest) -> list[ChangeRow]:
    """The request's logbook in its order, as values (one query, compiled once per thread;
    no model instances)."""
    return [
        ChangeRow(at, (full_name or email) if by_id else "", from_status, kind, reason, text)
        for at, by_id, full_name, email, from_status, kind, reason, text in prepared.rows(
            "hulpvragen.status_change_rows",
            lambda request_id: StatusChange.objects.filter(help_request_id=request_id).values_list(
                "at",
                "by_id",
                "by__full_name",
                "by__email",
                "from_status",
                "kind",
                "reason__label",
                "text",
            ),
            request_id=help_request.pk,
        )
    ]


def resident_logbook(resident: Resident, *, limit: int = 100) -> list[StatusChange]:
    """The latest status changes of all the resident's requests (bounded)."""
    return list(
        StatusChange.objects.filter(help_request__resident=resident)
        .select_related("by", "reason", "help_request__category")
        .order_by("-at", "-pk")[:limit]
    )
