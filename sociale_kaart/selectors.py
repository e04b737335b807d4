"""Reads of the social map: search and the "this year" usage of an organisation."""

from __future__ import annotations

from django.db.models import CharField, QuerySet, Value

from .access import get_organisation_for_user, organisations_for_user  # noqa: F401 (re-export)
from .models import ContactPerson, Organisation
from .search import document, matches, search_terms  # noqa: F401 (search_terms re-export)


def search_organisations(queryset: QuerySet, text: str) -> QuerySet:
    """Organisations in `queryset` matching `text` on name, services, town, themes and contacts.

    One behaviour on every database (see sociale_kaart.search): every word of the search
    must occur, as typed or as its Dutch stem, somewhere inside the entry's text, also in
    the middle of a compound ("schulden" and "hulp" find "Schuldhulpverlening", "eenzaam"
    finds the theme "Eenzaamheid"). The words are matched in Python over the entries of
    `queryset`, which callers scope to one village (tens to a few hundred entries):
    one query, whatever the size of the whole installation.
    """
    terms = search_terms(text)
    if not terms:
        return queryset
    candidates = queryset.order_by().values_list("pk", flat=True).distinct()
    blank = Value("", output_field=CharField())
    own = (
        Organisation.objects.filter(pk__in=candidates)
        .order_by()
        .values_list("pk", "name", "services", "town")
    )
    themes = Organisation.themes.through.objects.filter(organisation_id__in=candidates)
    contacts = ContactPerson.objects.filter(organisation_id__in=candidates).order_by()
    rows = own.union(
        themes.values_list("organisation_id", "theme__name", "theme__code", blank),
        contacts.values_list("organisation_id", "name", "role", blank),
        all=True,
    )
    texts: dict[int, list[str]] = {}
    for pk, *parts in rows:
        texts.setdefault(pk, []).extend(parts)
    found = [pk for pk, parts in texts.items() if matches(terms, document(*parts))]
    return queryset.filter(pk__in=found)


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
