"""The yearly overview as one plain dict with a documented, stable shape.

`build_overview(villages, year)` is what the page, the PDF, the CSV/XLSX downloads, the JSON
and the `jaaroverzicht` command all read. The shape is documented in docs/jaaroverzicht.md;
add keys, never rename or remove them.

For one village the figures sit at the top level. For several villages (a regional reader)
the top level holds the villages taken together, `per_village` the figures of each village
side by side, and `village` is null. `previous_year` holds the same figures for `year - 1`
(and per village under `previous_year.per_village`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils import timezone

from activiteiten.models import ActivityKind
from hulpvragen.models import HelpCategory, HelpRequest, ReasonCode
from sociale_kaart.models import OrganisationKind
from uitleen.models import AidType

from . import definitions

SHAPE_VERSION = 1
TREND_YEARS = 5  # the trend charts reach back this many years, the year itself included


def build_overview(villages: Sequence, year: int, *, today: date | None = None) -> dict:
    """The overview of `year` for `villages` (Village objects), beside `year - 1`."""
    villages = sorted(villages, key=lambda v: v.name)
    if not villages:
        raise ValueError("build_overview needs at least one village")
    ids = [v.pk for v in villages]
    figures = definitions.figures_of_years(ids, [year - 1, year])
    together, per_village = figures[year]
    previous_together, previous_per_village = figures[year - 1]
    several = len(villages) > 1
    overview = {
        "shape_version": SHAPE_VERSION,
        "village": None if several else villages[0].slug,
        "villages": [{"slug": v.slug, "name": v.name} for v in villages],
        "year": year,
        "generated_on": (today or timezone.localdate()).isoformat(),
        **together,
        "previous_year": {"year": year - 1, **previous_together},
    }
    if several:
        overview["per_village"] = {v.slug: per_village[v.pk] for v in villages}
        overview["previous_year"]["per_village"] = {
            v.slug: previous_per_village[v.pk] for v in villages
        }
    # The two years already counted are not asked again: only the older ones are queried.
    per_month = definitions.requests_per_month(ids, year - TREND_YEARS + 1, year - 2)
    for y, figures in ((year - 1, previous_together), (year, together)):
        if any(figures["by_month"]):
            per_month[y] = list(figures["by_month"])
    overview["trends"] = {
        "requests_per_month": {str(y): months for y, months in per_month.items()},
    }
    overview["labels"] = labels()
    return overview


def labels() -> dict:
    """Names for the codes used as keys (configuration, never people): four small queries."""

    def names(key, model, label="name", ordered=True):
        def build():
            queryset = model.objects.order_by("order", "name") if ordered else model.objects
            return queryset.values("code", label)

        return {row["code"]: row[label] for row in definitions.configuration_rows(key, build)}

    return {
        "categories": names("categories", HelpCategory),
        "reasons": names("reasons", ReasonCode, "label", ordered=False),
        "activity_kinds": names("activity_kinds", ActivityKind),
        "aid_types": names("aid_types", AidType),
        "organisation_kinds": {value: str(label) for value, label in OrganisationKind.choices},
        "channels": {value: str(label) for value, label in HelpRequest.Channel.choices},
    }
