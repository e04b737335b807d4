"""The board's page around its cards, as HTML built in Python (what `board.html` held).

The board is the page a coordinator reloads all day; its template's tags (translations with
counts, addresses, a loop over the groups) cost as much as a third of its cards. The markup
is the template's, whitespace aside; the village's name is escaped, the counts are numbers,
the cards' and the to-dos' HTML come escaped from `cards` and `meldingen.board_todos`, and
the translated texts are put in as `{% translate %}` put them (not escaped).
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _


# About 1 kB each: two per village in use (filtered or not), for a thousand villages.
@lru_cache(maxsize=2048)
def _head(language, script_prefix, village_name: str, filtered: bool) -> str:
    """The page's head up to the filter form's fields, with `{todos}`, `{total}`,
    `{overdue}` and `{fields}` left to fill: its texts and addresses made once per language,
    address prefix, village and whether the board is filtered (the village's name escaped;
    every text's braces doubled for `format`)."""
    # The texts out of the f-string below: xgettext does not read inside f-strings.
    texts = {
        "title": _("Open requests in %(village)s") % {"village": escape(village_name)},
        "intake": reverse("hulpvragen:intake"),
        "new": _("New request"),
        "meeting": reverse("hulpvragen:meeting"),
        "meeting_label": _("Weekly meeting"),
        "week_plan": reverse("koppelingen:week_plan"),
        "week_plan_label": _("Plan the week"),
        "open": " open" if filtered else "",
        "summary": _("Filters (on)") if filtered else _("Search and filter"),
        "aria": _("Filter the board"),
    }
    t = {name: _braces(str(text)) for name, text in texts.items()}
    return (
        '<div class="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2">'
        f'<h1 class="h3 mb-0">{t["title"]}</h1><div class="d-flex gap-2 d-print-none">'
        f'<a class="btn btn-primary" href="{t["intake"]}">{t["new"]}</a>'
        f'<a class="btn btn-outline-secondary" href="{t["meeting"]}">{t["meeting_label"]}</a>'
        f'<a class="btn btn-outline-secondary" href="{t["week_plan"]}">{t["week_plan_label"]}</a>'
        "</div></div>{todos}"
        '<div class="d-flex flex-wrap align-items-baseline column-gap-3 mb-2">'
        '<p class="lead mb-0" role="status">{total}{overdue}</p>'
        f'<details class="board-filters d-print-none"{t["open"]}>'
        f'<summary class="btn btn-link btn-sm">{t["summary"]}</summary>'
        f'<form method="get" class="card card-body mt-2" role="search" aria-label="{t["aria"]}">'
        "{fields}</form></details></div>"
    )


def _braces(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def content_html(
    *,
    village_name: str,
    todos_html: SafeString,
    total: int,
    overdue_count: int,
    filter_fields: SafeString | None,
    board_filter,
    truncated: bool,
    groups: list[dict],
) -> SafeString:
    """The board's content: `filter_fields` is the unbound filter form's HTML, or None with a
    `board_filter` whose form `_board_filters.html` renders (with what was chosen)."""
    filtered = board_filter is not None
    if filter_fields is None:
        filter_fields = render_to_string("hulpvragen/_board_filters.html", {"filter": board_filter})
    overdue = ""
    if overdue_count:
        overdue = ' · <strong class="text-danger">{}</strong>'.format(
            ngettext("%(n)s waiting too long", "%(n)s waiting too long", overdue_count)
            % {"n": overdue_count}
        )
    parts = [
        _head(get_language(), get_script_prefix(), village_name, filtered).format(
            todos=todos_html,
            total=ngettext("%(total)s request", "%(total)s requests", total) % {"total": total},
            overdue=overdue,
            fields=filter_fields,
        )
    ]
    if truncated:
        parts.append(
            '<div class="alert alert-warning">{}</div>'.format(
                _("Not all requests are shown. Use the filters to narrow the list.")
            )
        )
    if not total:
        parts.append(
            '<div class="empty-state mt-4"><p class="mb-0">{}</p></div>'.format(
                _("There are no open help requests.")
            )
        )
    for group in groups:
        if group["count"]:
            parts.append(
                '<section class="board-group mb-4" aria-labelledby="group-{status}">'
                '<h2 class="h5" id="group-{status}">{label} '
                '<span class="badge text-bg-secondary" id="count-{status}">{count}</span></h2>'
                '<div class="row row-cols-1 row-cols-md-2 row-cols-xl-3 g-3">{cards}</div>'
                "</section>".format(
                    status=escape(group["status"]),
                    label=escape(capfirst(str(group["label"]))),
                    count=int(group["count"]),
                    cards=group["cards_html"],
                )
            )
    # Escaped or made above, or markup that comes escaped (see the module docstring).
    return mark_safe("".join(parts))  # noqa: S308
