"""Which invitations still wait for an answer that can make a difference.

An invitation stays "pending" until the volunteer answers, also after the request was
filled by someone else or stopped being askable (closed, withdrawn, on hold). It is not
withdrawn then, because a volunteer who drops out sends the request back to searching, and
the invitations still out become worth an answer again (`services.invitation_accept` decides
at the moment of the answer). But while the request needs nobody, nobody should be reminded,
called or written to about it: everything that chases an answer uses `still_waiting`.
"""

from __future__ import annotations

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from hulpvragen.lifecycle import Status

from .models import TAKEN_STATUSES, Assignment, Invitation

# A request in these statuses may be asked for (as long as it needs more volunteers).
ASKABLE_STATUSES = (Status.SEARCHING, Status.MATCHED, Status.ACTIVE)


def still_waiting(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    """The pending ones among `invitations` whose request is askable and has fewer volunteers
    who said yes than it needs (one subquery, no extra query)."""
    taken = (
        Assignment.objects.filter(help_request=OuterRef("help_request"), status__in=TAKEN_STATUSES)
        .values("help_request")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        invitations.filter(
            status=Invitation.Status.PENDING, help_request__status__in=ASKABLE_STATUSES
        )
        .annotate(taken=Coalesce(Subquery(taken, output_field=IntegerField()), Value(0)))
        .filter(taken__lt=F("help_request__volunteers_needed"))
    )
