"""What the page, the PDF and the presentation show besides the tables: the first page
(key figures, the year in words, the desk's own words) and the trends.

`first_page(overview)` reads the overview dict and, for the desk's words, one query on
`YearText`; the rest is pure (`story`, `tables.trend_tables`).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

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


# The page's tables and charts, kept per process for the figures they show.
SECTIONS_KEPT = 16
_sections: OrderedDict[str, SafeString] = OrderedDict()
_sections_lock = threading.Lock()


def tables_section(overview: dict, tables: list, context: dict) -> SafeString:
    """The overview page's tables, charts and trends as HTML.

    The markup depends on nothing but the overview dict (figures, names, villages, year),
    whether last year's column is shown, the query of the download links and the
    language; it holds nothing of the user who asks. Each process keeps the last
    `SECTIONS_KEPT` of them under a hash of exactly those, so the same figures are drawn
    once, and other figures (another village or year, or data that changed since) have
    another key. A restart forgets them all.
    """
    parts = [overview, context["show_previous"], context["query"], get_language()]
    try:
        key = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    except TypeError:  # keys that do not sort: draw it every time
        key = None
    if key is not None:
        with _sections_lock:
            if key in _sections:
                _sections.move_to_end(key)
                return _sections[key]
    html = render_to_string(
        "rapportage/_overview_tables.html",
        {
            "tables": tables,
            "trend_tables": context["trend_tables"],
            "show_previous": context["show_previous"],
            "query": context["query"],
        },
    )
    if key is not None:
        with _sections_lock:
            _sections[key] = html
            while len(_sections) > SECTIONS_KEPT:
                _sections.popitem(last=False)
    return html
