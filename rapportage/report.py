"""What the page, the PDF and the presentation show besides the tables: the first page
(key figures, the year in words, the desk's own words) and the trends.

`first_page(overview)` reads the overview dict and, for the desk's words, one query on
`YearText`; the rest is pure (`story`, `tables.trend_tables`).
"""

from __future__ import annotations

from .models import YearText
from .story import has_data, key_figures, year_in_words
from .tables import trend_tables


def year_texts(overview: dict) -> list[YearText]:
    """The desk's foreword and thanks for the overview's villages and year, by village name
    (those with nothing written left out). One query."""
    slugs = [v["slug"] for v in overview["villages"]]
    texts = (
        YearText.objects.filter(village__slug__in=slugs, year=overview["year"])
        .select_related("village")
        .order_by("village__name")
    )
    return [t for t in texts if t.foreword.strip() or t.thanks.strip()]


def first_page(overview: dict) -> dict:
    """Context for the first page and the trends, shared by the page, PDF and slides."""
    # Last year's column and bars only when last year has figures; a year that is empty
    # itself keeps both columns (nothing to set apart, the sentences say there is no data).
    previous_has_data = has_data(overview["previous_year"]) or not has_data(overview)
    return {
        "key_figures": key_figures(overview),
        "year_in_words": year_in_words(overview),
        "year_texts": year_texts(overview),
        "show_previous": previous_has_data,
        "previous_has_data": has_data(overview["previous_year"]),
        "trend_tables": trend_tables(overview),
    }
