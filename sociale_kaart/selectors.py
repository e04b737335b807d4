"""Reads of the social map: search, the list's cards and counts, and the "this year" usage of
an organisation."""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import Q, QuerySet

from accounts import prepared

from .access import get_organisation_for_user, organisations_for_user  # noqa: F401 (re-export)
from .freshness import stale_cutoff
from .models import ContactPerson, EntryProposal, Organisation, Theme
from .search import dutch_stem, search_terms


def search_organisations(queryset: QuerySet, text: str) -> QuerySet:
    """Organisations in `queryset` matching `text` on name, services, town, themes and contacts.

    One behaviour on every database (see sociale_kaart.search): every word of the search
    must occur, as typed or as its Dutch stem, somewhere inside the entry's text, also in
    the middle of a compound ("schulden" and "hulp" find "Schuldhulpverlening", "eenzaam"
    finds the theme "Eenzaamheid"). The entry's text is stored folded and stemmed beside it
    (SearchDocument, kept by sociale_kaart.search_index), so this is a filter on
    `queryset` in SQL: a substring test per word (LIKE; on PostgreSQL backed by a trigram
    index), inside the same query as the caller's scope to one village.
    """
    variants = search_variants(text)
    return queryset.filter(search_condition(variants)) if variants else queryset


def search_variants(text: str) -> list[list[str]]:
    """Per word of the search box (at most MAX_TERMS), the texts one of which must occur in
    an entry's search text: the word as typed and its Dutch stem (once when they are the
    same), sorted."""
    return [sorted({term, dutch_stem(term)}) for term in search_terms(text)]


def search_condition(variants: list[list[str]]) -> Q:
    """The condition of `search_organisations` for `search_variants(text)`."""
    condition = Q()
    for either_of in variants:
        either = Q()
        for variant in either_of:
            either |= Q(search_document__text__contains=variant)
        condition &= either
    return condition


# --- the list's cards ------------------------------------------------------------------


class CardRow(NamedTuple):
    """What a card of the list shows of one organisation, as plain values."""

    pk: int
    name: str
    kind: str
    town: str
    phone: str
    is_archived: bool
    last_verified_on: object  # date or None
    distance_km: object  # Decimal or None, from the active village
    themes: list[str]  # names, in the themes' order
    fixed_contacts: list[str]  # names, in the contacts' order


def _organisations(pks, village_id):
    return (
        Organisation.objects.filter(pk__in=pks)
        .with_distance_for(village_id)
        .values_list(
            "pk",
            "name",
            "kind",
            "town",
            "phone",
            "is_archived",
            "last_verified_on",
            "distance_km",
        )
    )


# Theme's own ordering, through the table of organisations' themes.
_THEME_ORDER = [
    f"-theme__{field[1:]}" if field.startswith("-") else f"theme__{field}"
    for field in Theme._meta.ordering
]


def _themes(pks):
    return (
        Organisation.themes.through.objects.filter(organisation_id__in=pks)
        .order_by(*_THEME_ORDER)
        .values_list("organisation_id", "theme__name")
    )


def _fixed_contacts(pks):
    return ContactPerson.objects.filter(organisation_id__in=pks, is_fixed_contact=True).values_list(
        "organisation_id", "name"
    )


def card_rows(pks: list[int], village) -> list[CardRow]:
    """The organisations `pks`, in that order, with their distance from `village`, the names
    of their themes and of their fixed contact persons.

    Three queries of plain values (the organisations, the themes, the fixed contacts), the
    same three and in the same orders as the organisations with their themes and contacts
    prefetched, without building a model instance per row; each compiled once per number
    of organisations (accounts.prepared).
    """
    if not pks:
        return []
    pks = tuple(pks)
    rows = {
        row[0]: row
        for row in prepared.rows(
            "social map: list organisations", _organisations, pks=pks, village_id=village.pk
        )
    }
    themes: dict[int, list[str]] = {pk: [] for pk in pks}
    for organisation_id, name in prepared.rows("social map: list themes", _themes, pks=pks):
        themes[organisation_id].append(name)
    contacts: dict[int, list[str]] = {pk: [] for pk in pks}
    for organisation_id, name in prepared.rows(
        "social map: list fixed contacts", _fixed_contacts, pks=pks
    ):
        contacts[organisation_id].append(name)
    return [CardRow(*rows[pk], themes[pk], contacts[pk]) for pk in pks]


def stale_count(village, today) -> int:
    """How many of `village`'s current entries need checking (`OrganisationQuerySet.stale`)."""
    return prepared.count(
        "social map: stale entries", _stale, village_id=village.pk, cutoff=stale_cutoff(today)
    )


def _stale(village_id, cutoff):
    return Organisation.objects.for_village(village_id).not_verified_since(cutoff)


def pending_proposal_count(village) -> int:
    """How many corrections sent by `village`'s current entries wait for review."""
    return prepared.count(
        "social map: pending proposals", _pending_proposals, village_id=village.pk
    )


def _pending_proposals(village_id):
    return EntryProposal.objects.filter(
        status=EntryProposal.Status.PENDING,
        organisation__in=Organisation.objects.for_village(village_id),
    )


# --- usage ("this year") --------------------------------------------------------------


def organisation_usage(organisation: Organisation, village, year: int) -> dict[str, int]:
    """How often `village` used this organisation in `year` (the Dutch calendar year), as
    {key: count}:

    - "referrals": requests the desk referred to it (HelpRequest.referred_to, by referred_at);
    - "referrals_received": requests it referred to the desk (HelpRequest.referred_by, by
      the day the request was taken in);
    - "signals": worries the desk passed on to it (koppelingen's Signal.passed_to, by
      passed_on_at).

    Only `village`'s own records count: a shared organisation shows each village its own
    numbers. Read through the reverse relations, so that the social map imports neither
    hulpvragen nor koppelingen. Three COUNT queries.
    """
    return {
        "referrals": organisation.referred_requests.filter(
            village=village, referred_at__year=year
        ).count(),
        "referrals_received": organisation.referrals_made.filter(
            village=village, created_at__year=year
        ).count(),
        "signals": organisation.signals.filter(village=village, passed_on_at__year=year).count(),
    }
