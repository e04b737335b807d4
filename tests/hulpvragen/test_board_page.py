"""The board's page around its cards (hulpvragen.board_page): what it says and escapes."""

from django.utils.safestring import mark_safe

from hulpvragen.board_page import content_html


def _content(**overrides):
    values = {
        "village_name": "Sint-Annen & 't Zandt <b>",
        "todos_html": mark_safe('<section id="todos"></section>'),
        "total": 0,
        "overdue_count": 0,
        "filter_fields": mark_safe('<input name="q">'),
        "board_filter": None,
        "truncated": False,
        "groups": [],
        **overrides,
    }
    return str(content_html(**values))


def test_the_village_is_escaped_and_an_empty_board_says_so():
    html = _content()
    assert "Open hulpvragen in Sint-Annen &amp; &#x27;t Zandt &lt;b&gt;" in html
    assert "0 hulpvragen" in html and "Er zijn geen open hulpvragen." in html
    assert '<section id="todos"></section>' in html and '<input name="q">' in html
    assert "Niet alle hulpvragen" not in html and " open>" not in html


def test_counts_groups_and_a_truncated_board():
    group = {
        "status": "searching",
        "label": "zoeken",
        "count": 301,
        "cards_html": mark_safe('<div class="col">kaart</div>'),
    }
    empty = {**group, "status": "new", "count": 0, "cards_html": mark_safe("")}
    html = _content(total=301, overdue_count=1, truncated=True, groups=[empty, group])
    assert "301 hulpvragen" in html and "1 wacht te lang" in html
    assert "Niet alle hulpvragen staan erop." in html
    assert 'id="group-searching">Zoeken <span class="badge text-bg-secondary" ' in html
    assert 'id="count-searching">301</span>' in html and 'id="group-new"' not in html
    assert '<div class="col">kaart</div>' in html and "Er zijn geen" not in html


def test_a_village_with_braces_and_the_filtered_board_keep_their_own_head():
    plain = _content(village_name="Dorp {total} {0}")
    assert "Open hulpvragen in Dorp {total} {0}</h1>" in plain
    assert "Zoeken en filteren</summary>" in plain and " open>" not in plain
    filtered = _content(village_name="Dorp {total} {0}", board_filter=object(), filter_fields="")
    assert "Filters (aan)</summary>" in filtered and " open>" in filtered
    assert "Open hulpvragen in Dorp {total} {0}</h1>" in filtered
    assert '<a class="btn btn-primary" href="/hulpvragen/nieuw/">Nieuwe hulpvraag</a>' in plain
