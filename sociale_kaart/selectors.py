"""Reads of the social map: search and the "this year" usage of an organisation."""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q, QuerySet

from .access import get_organisation_for_user, organisations_for_user  # noqa: F401 (re-export)
from .models import ContactPerson, Organisation, Theme

SEARCH_CONFIG = "dutch"
_WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(text: str) -> list[str]:
    """The words of a search box, lower-cased, without punctuation (max 8)."""
    return [word.lower() for word in _WORD.findall(text or "")][:8]


def _prefix_tsquery(terms: list[str]) -> str:
    # Every word as a prefix ("voedsel:*") so results follow the coordinator while typing.
    # The words only contain \w characters, so nothing here can break the tsquery syntax.
    return " & ".join(f"{term}:*" for term in terms)


def search_organisations(queryset: QuerySet, text: str) -> QuerySet:
    """Organisations in `queryset` matching `text` on name, services, themes and contacts.

    PostgreSQL: Dutch full-text search with prefix matching ("voedsel" finds "Voedselbank"
    through the name and "zorg" finds "zorgverzekering"), plus a plain substring match on
    the name for the middle of compound words ("bank"). Elsewhere: substring matching.
    Every word must match somewhere.
    """
    terms = search_terms(text)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.filter(pk__in=_postgres_matches(terms))
    for term in terms:
        queryset = queryset.filter(
            pk__in=Organisation.objects.filter(
                Q(name__icontains=term)
                | Q(services__icontains=term)
                | Q(town__icontains=term)
                | Q(themes__name__icontains=term)
                | Q(contacts__name__icontains=term)
            ).values("pk")
        )
    return queryset


def _postgres_matches(terms: list[str]):
    from django.contrib.postgres.search import SearchQuery, SearchVector

    query = SearchQuery(_prefix_tsquery(terms), search_type="raw", config=SEARCH_CONFIG)
    own = (
        Organisation.objects.annotate(
            document=SearchVector("name", "services", "town", config=SEARCH_CONFIG)
        )
        .filter(document=query)
        .values("pk")
    )
    by_theme = Organisation.themes.through.objects.filter(
        theme__in=Theme.objects.annotate(
            document=SearchVector("name", "code", config=SEARCH_CONFIG)
        ).filter(document=query)
    ).values("organisation_id")
    by_contact = (
        ContactPerson.objects.annotate(document=SearchVector("name", "role", config=SEARCH_CONFIG))
        .filter(document=query)
        .values("organisation_id")
    )
    name_contains = Q()
    for term in terms:
        name_contains &= Q(name__icontains=term)
    return Organisation.objects.filter(
        Q(pk__in=own) | Q(pk__in=by_theme) | Q(pk__in=by_contact) | name_contains
    ).values("pk")


# --- usage ("this year") --------------------------------------------------------------

# What the organisation page counts: per key, the reverse relations other apps may add to
# Organisation (the first accessor that exists is used; none yet counts zero) and the date
# fields that put a record in a year (the first one present on the related model).
USAGE_RELATIONS = {
    # hulpvragen.HelpRequest.referred_to: the desk passed a request on to this organisation.
    "referrals": (("referred_requests",), ("referred_at", "created_at")),
    # hulpvragen.HelpRequest.referred_by: this organisation sent a resident to the desk.
    "referrals_received": (("referrals_made",), ("created_at",)),
    # A signal (a worry) passed on to this organisation; the model arrives later.
    "signals": (
        ("signals", "received_signals", "passed_signals"),
        ("passed_on_at", "signalled_at", "created_at"),
    ),
}


def _reverse_relation(accessor_names):
    by_accessor = {rel.get_accessor_name(): rel for rel in Organisation._meta.related_objects}
    for name in accessor_names:
        if name in by_accessor:
            return by_accessor[name]
    return None


def organisation_usage(organisation: Organisation, village, year: int) -> dict[str, int]:
    """How often `village` used this organisation in `year`, as {key: count}.

    Keys: "referrals" (organisation.referred_requests by referred_at), "referrals_received"
    (organisation.referrals_made by created_at) and "signals" (organisation.signals by
    passed_on_at / signalled_at / created_at). Only records whose `village` is `village`
    count (a shared organisation shows each village its own numbers). A relation that does
    not exist (yet) counts zero. One COUNT query per existing relation.
    """
    usage = {}
    for key, (accessor_names, date_fields) in USAGE_RELATIONS.items():
        relation = _reverse_relation(accessor_names)
        if relation is None:
            usage[key] = 0
            continue
        model = relation.related_model
        field_names = {f.name for f in model._meta.get_fields()}
        queryset = model._default_manager.filter(**{relation.field.name: organisation})
        if "village" in field_names:
            queryset = queryset.filter(village=village)
        date_field = next((name for name in date_fields if name in field_names), None)
        if date_field is not None:
            queryset = queryset.filter(**{f"{date_field}__year": year})
        usage[key] = queryset.count()
    return usage
