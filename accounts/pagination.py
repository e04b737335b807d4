"""The page links under a long list, as HTML built in Python (one markup for every list).

The registry, the social map and the residents' list each wrote their own; the markup is
Bootstrap's pagination: "Vorige", "Pagina 2 van 3", "Volgende", each link keeping the
list's query (its search and filters) before `page=`.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def pagination_html(page, query_string: str = "") -> SafeString:
    """The links for `page` (a Django `Page`), or "" when the list fits on one page.
    `query_string` is the list's query without its page, urlencoded (it is escaped here)."""
    if not page.has_other_pages():
        return mark_safe("")
    link = f"?{escape(query_string)}{'&amp;' if query_string else ''}page="
    # The labels out of the f-strings below: xgettext does not read inside f-strings.
    pages, previous, next_ = _("Pages"), _("Previous"), _("Next")
    parts = [f'<nav aria-label="{pages}">\n  <ul class="pagination">\n    ']
    if page.has_previous():
        parts.append(
            f'<li class="page-item"><a class="page-link" href="{link}'
            f'{int(page.previous_page_number())}">{previous}</a></li>'
        )
    of = _("Page %(number)s of %(total)s") % {
        "number": int(page.number),
        "total": int(page.paginator.num_pages),
    }
    parts.append(
        f'\n    <li class="page-item disabled"><span class="page-link">{of}</span></li>\n    '
    )
    if page.has_next():
        parts.append(
            f'<li class="page-item"><a class="page-link" href="{link}'
            f'{int(page.next_page_number())}">{next_}</a></li>'
        )
    parts.append("\n  </ul>\n</nav>\n")
    # The query escaped; the rest numbers and translations (put in as `{% translate %}` puts
    # them, unescaped).
    return mark_safe("".join(parts))  # noqa: S308
