"""Object getters for the social map: everything outside the active village is a 404."""

from __future__ import annotations

from accounts.access import Access, get_for_village_or_404, scope_to_village

from .models import ContactPerson, EntryProposal, Organisation


def organisations_for_user(access: Access, *, include_archived: bool = False):
    """Organisations serving the active village (archived ones only when asked)."""
    queryset = scope_to_village(Organisation.objects.all(), access, "villages")
    if not include_archived:
        queryset = queryset.filter(is_archived=False)
    return queryset


def get_organisation_for_user(access: Access, pk, *, include_archived: bool = True):
    """One organisation serving the active village, or 404.

    Archived organisations are found by default: a referral's page must still show where
    it went, and a coordinator can restore an entry.
    """
    queryset = Organisation.objects.all()
    if not include_archived:
        queryset = queryset.filter(is_archived=False)
    return get_for_village_or_404(queryset, access, "villages", pk=pk)


def get_contact_for_user(access: Access, organisation_pk, pk) -> ContactPerson:
    """A contact person of an organisation serving the active village, or 404."""
    return get_for_village_or_404(
        ContactPerson.objects.select_related("organisation"),
        access,
        "organisation__villages",
        organisation_id=organisation_pk,
        pk=pk,
    )


def get_proposal_for_user(access: Access, pk) -> EntryProposal:
    """A proposed correction of an organisation serving the active village, or 404."""
    return get_for_village_or_404(
        EntryProposal.objects.select_related("organisation", "check_round", "reviewed_by"),
        access,
        "organisation__villages",
        pk=pk,
    )
