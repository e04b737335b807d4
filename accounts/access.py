"""Who may do what, in one place.

Middleware attaches an `Access` to every request (`request.access`). Views ask it for a
capability through `capability_required` / `CapabilityRequiredMixin`, scope their querysets
with `scope_to_village`, and fetch single objects with `get_for_village_or_404`. Anything
outside the user's reach is a 404, never a 403: a volunteer must not even learn that a
request or a resident exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, wraps

from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from . import prepared
from .models import Membership, Village
from .roles import Role

ACTIVE_VILLAGE_SESSION_KEY = "active_village_id"

# When a user holds several roles, the start page follows the first one in this order.
ROLE_PRIORITY = [Role.COORDINATOR, Role.READER, Role.VOLUNTEER, Role.BEHEERDER]


@dataclass
class Access:
    """A user's reach for one request: the active village and the roles held there."""

    user: object
    memberships: list[Membership] = field(default_factory=list)
    active_village_id: int | None = None

    @cached_property
    def villages(self) -> list[Village]:
        seen: dict[int, Village] = {}
        for membership in self.memberships:
            seen.setdefault(membership.village_id, membership.village)
        return sorted(seen.values(), key=lambda v: v.name)

    @cached_property
    def village(self) -> Village | None:
        """The village the user works in now (chosen in the session, else the first one)."""
        by_id = {v.pk: v for v in self.villages}
        if self.active_village_id in by_id:
            return by_id[self.active_village_id]
        for role in ROLE_PRIORITY:
            for membership in self.memberships:
                if membership.role == role:
                    return membership.village
        return None

    @cached_property
    def roles(self) -> frozenset[str]:
        """Roles held in the active village."""
        village = self.village
        if village is None:
            return frozenset()
        return frozenset(m.role for m in self.memberships if m.village_id == village.pk)

    def villages_with_role(self, *roles: str) -> list[Village]:
        ids = {m.village_id for m in self.memberships if m.role in roles}
        return [v for v in self.villages if v.pk in ids]

    # --- capabilities -----------------------------------------------------------------
    @property
    def can_coordinate(self) -> bool:
        """Take and triage requests, keep the registry and the social map of the village."""
        return Role.COORDINATOR in self.roles

    @property
    def is_volunteer(self) -> bool:
        """Has a volunteer role here: sees only their own tasks and details."""
        return Role.VOLUNTEER in self.roles

    @property
    def can_read_reports(self) -> bool:
        """Read aggregate reports (the yearly overview): readers and coordinators."""
        return bool(self.report_villages)

    @cached_property
    def report_villages(self) -> list[Village]:
        """Villages whose aggregates this user may read (a regional reader has several)."""
        return self.villages_with_role(Role.READER, Role.COORDINATOR)

    @property
    def can_administer(self) -> bool:
        return bool(getattr(self.user, "is_staff", False))

    @property
    def can_set_up_desk(self) -> bool:
        """Keep the desk's own details (phone, e-mail): its coordinators and the beheerder."""
        return self.village is not None and (self.can_coordinate or self.can_administer)

    @property
    def start_url(self) -> str:
        if self.can_coordinate:
            return reverse("hulpvragen:board")
        if Role.READER in self.roles:
            return reverse("rapportage:overview")
        if self.is_volunteer:
            return reverse("vrijwilligers:my_tasks")
        if self.can_administer:
            return reverse("admin:index")
        return reverse("no_role")


def _memberships(user_id):
    return Membership.objects.filter(user_id=user_id).select_related("village")


def build_access(request) -> Access:
    user = request.user
    if not user.is_authenticated:
        return Access(user=user)
    memberships = prepared.objects("access.memberships", _memberships, user_id=user.pk)
    return Access(
        user=user,
        memberships=memberships,
        active_village_id=request.session.get(ACTIVE_VILLAGE_SESSION_KEY),
    )


def capability_required(capability: str):
    """View decorator: 404 unless `request.access.<capability>` is true."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not getattr(request.access, capability):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class CapabilityRequiredMixin:
    """Class-based twin of `capability_required`."""

    required_capability: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not getattr(request.access, self.required_capability):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def scope_to_village(queryset: QuerySet, access: Access, field_name: str = "village") -> QuerySet:
    """Limit a queryset to the active village. Always applied before any user filter."""
    if access.village is None:
        return queryset.none()
    return queryset.filter(**{field_name: access.village})


def get_for_village_or_404(
    queryset: QuerySet | type[Model], access: Access, field_name: str = "village", **lookup
):
    """Fetch one object of the active village, or 404 (also for other villages' objects)."""
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    return get_object_or_404(scope_to_village(queryset, access, field_name), **lookup)
