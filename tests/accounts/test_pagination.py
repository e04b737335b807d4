import re

from django.core.paginator import Paginator
from django.utils import translation

from accounts.pagination import pagination_html


def _page(found: int, number: int, per_page: int = 3):
    return Paginator(list(range(found)), per_page).get_page(number)


def _squeezed(html) -> str:
    return re.sub(r">\s+<", "><", str(html))


def test_a_middle_page_links_both_ways_and_keeps_the_query_escaped():
    with translation.override("nl"):
        html = _squeezed(pagination_html(_page(7, 2), "q=a%26b&kind=<gp>"))
    assert html.startswith('<nav aria-label="Pagina\'s"><ul class="pagination">')
    assert '<a class="page-link" href="?q=a%26b&amp;kind=&lt;gp&gt;&amp;page=1">Vorige</a>' in html
    assert '<span class="page-link">Pagina 2 van 3</span>' in html
    assert (
        '<a class="page-link" href="?q=a%26b&amp;kind=&lt;gp&gt;&amp;page=3">Volgende</a>' in html
    )


def test_the_first_and_last_pages_link_one_way_without_a_query():
    with translation.override("nl"):
        first = _squeezed(pagination_html(_page(7, 1)))
        last = _squeezed(pagination_html(_page(7, 3)))
    assert "Vorige" not in first and 'href="?page=2">Volgende</a>' in first
    assert "Volgende" not in last and 'href="?page=2">Vorige</a>' in last
    assert "Pagina 3 van 3" in last


def test_one_page_has_no_links_at_all():
    assert pagination_html(_page(3, 1)) == ""
    assert pagination_html(_page(0, 1), "q=x") == ""
