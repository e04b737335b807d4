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
