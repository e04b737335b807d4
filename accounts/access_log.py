"""Writing the access log: one call per view that shows residents' personal data.

`log_read(request, village=..., resident_ids=..., action=...)` works out who (the user and
their role in the village), through what (a session, a volunteer's task link, the admin) and
which page (the view name from `request.resolver_match`), and writes one row per distinct
resident in one insert. It never stores a query string, a token or text a person typed:
only the view's name and an object reference chosen by the view ("helprequest:12").

Views log a GET as a view (or a search, print, export) and a POST to a change page as an
edit: the person saw the data and set out to change it, also when the form was refused.
Reading the log (who looked at a resident) lives with the pages that show it; the rows are
append-only (see access_log_models).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.utils import timezone

from .access import ROLE_PRIORITY
from .access_log_models import AccessLogEntry
from .roles import Role

Action = AccessLogEntry.Action
Via = AccessLogEntry.Via


def _role(request, village_id: int) -> str:
    """The role the user holds in `village` (the first in the start-page order); the
    beheerder for staff in the admin; a volunteer for a visitor on a task link."""
    access = getattr(request, "access", None)
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return Role.VOLUNTEER
    held = {m.role for m in (access.memberships if access else []) if m.village_id == village_id}
    for role in ROLE_PRIORITY:
        if role in held:
            return role
    if getattr(user, "is_staff", False):
        return Role.BEHEERDER
    return ""


def _via(request, via: str | None) -> str:
    if via:
        return via
    match = getattr(request, "resolver_match", None)
    if match is not None and "admin" in (match.namespaces or []):
        return Via.ADMIN
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return Via.TASK_LINK
    return Via.SESSION


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return (match.view_name if match is not None else "")[:100]


def log_read(
    request,
    *,
    village,  # a Village or its id
    resident_ids: Iterable[int | None],
    action: str = Action.VIEW,
    object_ref: str = "",
    via: str | None = None,
) -> int:
    """Record that this request showed (or changed, exported, printed, listed) the data of
    these residents of `village`: one row per distinct resident, in one query, none when
    there are none. `via` is worked out when not given (the admin from its URL namespace, a
    visitor who is not logged in from a task link). Returns the number of rows written."""
    ids = sorted({int(pk) for pk in resident_ids if pk is not None})
    village_id = getattr(village, "pk", village)
    if not ids or village_id is None:
        return 0
    user = getattr(request, "user", None)
    now = timezone.now()
    common = {
        "at": now,
        "user": user if user is not None and user.is_authenticated else None,
        "role": _role(request, village_id),
        "village_id": village_id,
        "action": action,
        "via": _via(request, via),
        "view_name": _view_name(request),
        "object_ref": object_ref[:60],
    }
    if connection.vendor == "postgresql":
        _insert_rows(common, ids)
    else:
        AccessLogEntry.objects.bulk_create([AccessLogEntry(resident_id=pk, **common) for pk in ids])
    return len(ids)


_COLUMNS = ("at", "user_id", "role", "village_id", "action", "via", "view_name", "object_ref")


def _insert_rows(common: dict, ids: list[int]) -> None:
    """The rows in one INSERT … SELECT over the array of resident ids (PostgreSQL): a list
    page logs 50 residents or more, and building a model instance per row for bulk_create
    cost more than the insert itself."""
    table = connection.ops.quote_name(AccessLogEntry._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in (*_COLUMNS, "resident_id"))
    user = common["user"]
    values = [
        common["at"],
        user.pk if user is not None else None,
        common["role"],
        common["village_id"],
        common["action"],
        common["via"],
        common["view_name"],
        common["object_ref"],
        ids,
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({names}) "  # noqa: S608 - names from the model, values bound
            "SELECT %s, %s, %s, %s, %s, %s, %s, %s, unnest(%s::bigint[])",
            values,
        )


def resident_ids_of(items: Iterable) -> list[int]:
    """The residents' ids of a list of residents, or of rows that name one (`resident_id`)."""
    ids = []
    for item in items:
        resident_id = getattr(item, "resident_id", None)
        # A resident itself (hulpvragen sits above accounts: compared by label, not imported).
        if resident_id is None and item._meta.label == "hulpvragen.Resident":
            resident_id = item.pk
        if resident_id is not None:
            ids.append(resident_id)
    return ids


def log_residents(
    request, items: Iterable, *, action: str = Action.SEARCH, object_ref: str = "", village=None
) -> int:
    """`log_read` for what a list shows: residents, or rows that name one (requests, loans,
    signals), in the active village unless another is given."""
    village = village or getattr(getattr(request, "access", None), "village", None)
    return log_read(
        request,
        village=village,
        resident_ids=resident_ids_of(items),
        action=action,
        object_ref=object_ref,
    )


class LogsResidentReads:
    """For a ModelAdmin whose records name residents (a resident, a request): the change page
    logs a view (an edit when it saves), the list the residents on the page shown.
    `resident_field` is the record's link to the resident, "" for the resident itself."""

    resident_field = "resident"

    def _resident_id(self, obj):
        return obj.pk if not self.resident_field else getattr(obj, f"{self.resident_field}_id")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id) if object_id else None
        if obj is not None and response.status_code in (200, 302):
            saved = request.method == "POST" and response.status_code == 302
            log_read(
                request,
                village=obj.village_id,
                resident_ids=[self._resident_id(obj)],
                action=Action.EDIT if saved else Action.VIEW,
                object_ref=f"{obj._meta.model_name}:{obj.pk}",
                via=Via.ADMIN,
            )
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            by_village: dict[int, list[int]] = {}
            for obj in changelist.result_list:
                by_village.setdefault(obj.village_id, []).append(self._resident_id(obj))
            for village_id, ids in by_village.items():
                log_read(
                    request,
                    village=village_id,
                    resident_ids=ids,
                    action=Action.SEARCH,
                    via=Via.ADMIN,
                )
        return response
