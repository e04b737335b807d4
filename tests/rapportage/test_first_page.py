"""The first page, the desk's own words, the trends, the tagged PDF and the presentation."""

import re
import shutil
import subprocess
import zlib
from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from rapportage.charts import LABEL_CHARS, bar_chart, line_chart, wrap
from rapportage.models import YearText
from rapportage.overview import build_overview
from rapportage.tables import Row, Table, overview_tables, trend_tables
from tests.factories import user_with_role

from . import factories as f
from .factories import at

pytestmark = pytest.mark.django_db


# --- charts ---------------------------------------------------------------------------------


def test_long_labels_are_wrapped_not_cut():
    label = "Klussen met meerdere vrijwilligers en een aanhanger"
    lines = wrap(label)
    assert " ".join(lines) == label
    assert all(len(line) <= LABEL_CHARS for line in lines)
    table = Table("t", "T", ["2024", "2023"], [Row("a", label, [3, 1])])
    chart = bar_chart(table)
    assert [text for _y, text in chart["labels"][0].lines] == lines
    assert "…" not in "".join(text for _y, text in chart["labels"][0].lines)


def test_without_last_year_a_chart_has_one_bar_per_row():
    table = Table("t", "T", ["2024", "2023"], [Row("a", "A", [3, 0]), Row("b", "B", [1, 0])])
    assert len(bar_chart(table)["bars"]) == 4
    chart = bar_chart(table, with_previous=False)
    assert len(chart["bars"]) == 2 and all(bar.current for bar in chart["bars"])
    assert chart["legend"] == ["2024"]


def test_line_chart_has_a_point_per_value_and_whole_ticks():
    chart = line_chart(["2023", "2024", "2025"], [("Hulpvragen", [4, 9, 7])])
    points = chart["lines"][0]["points"]
    assert [p.value for p in points] == [4, 9, 7]
    assert points[1].y < points[2].y < points[0].y  # higher values are drawn higher
    assert all("," not in tick["text"] for tick in chart["grid"])
    assert chart["font"] >= 14


# --- the page -------------------------------------------------------------------------------


def test_page_starts_with_the_year_in_words_and_key_figures(client, reader, crafted_year):
    client.force_login(reader)
    html = client.get(reverse("rapportage:overview"), {"year": 2024}).content.decode()
    first_page = html.index("Het jaar 2024 in het kort")
    assert first_page < html.index('id="table-one_off"')
    assert "In 2024 vroegen inwoners" in html
    for key in ("requests", "share_with_volunteer", "median_days", "deployed", "never_asked"):
        assert f'id="key-{key}"' in html
    assert "4 van 5" in html  # deployed of registered in the crafted year
    assert 'font-size="14"' in html
    assert html.count('class="line-chart"') == 2


def test_no_column_of_zeros_when_last_year_is_empty(client, reader, village):
    f.resident(village)
    f.help_request(
        village, "vervoer", intake=at(2024, 3, 1), status="done", needed_on=date(2024, 3, 5)
    )
    client.force_login(reader)
    html = client.get(reverse("rapportage:overview"), {"year": 2024}).content.decode()
    table = html[
        html.index('id="table-one_off"') : html.index("</table>", html.index('id="table-one_off"'))
    ]
    assert "2024" in table and "2023" not in table
    assert html.count("Er zijn geen cijfers van 2023") == 1


def test_last_year_stays_beside_this_year_when_it_has_data(client, reader, crafted_year):
    client.force_login(reader)
    html = client.get(reverse("rapportage:overview"), {"year": 2024}).content.decode()
    start = html.index('id="table-one_off"')
    assert "2023" in html[start : html.index("</table>", start)]


def test_trends_reach_back_five_years(village):
    f.resident(village)
    for year in (2018, 2020, 2021, 2024):
        f.help_request(village, "klus", intake=at(year, 5, 1), status="new")
    data = build_overview([village], 2024)
    assert list(data["trends"]["requests_per_month"]) == ["2020", "2021", "2024"]
    monthly, yearly = trend_tables(data)
    assert monthly.columns == ["2020", "2021", "2024"]
    assert [row.values for row in yearly.rows] == [[1], [1], [1]]
    assert monthly.rows[4].values == [1, 1, 1]


def test_the_downloads_keep_their_tables(crafted_year):
    data = build_overview([crafted_year.village], 2024)
    assert len(overview_tables(data)) == 15


def test_the_first_page_adds_few_queries(
    client, reader, crafted_year, django_assert_max_num_queries
):
    client.force_login(reader)
    for name in ("rapportage:overview", "rapportage:presentation"):
        client.get(reverse(name), {"year": 2024})  # session and access warmed up
        with django_assert_max_num_queries(45):
            client.get(reverse(name), {"year": 2024})


# --- the desk's own words -------------------------------------------------------------------


def test_coordinator_writes_the_foreword_and_it_is_shown_escaped(client, coordinator, crafted_year):
    client.force_login(coordinator)
    url = reverse("rapportage:year_text", args=["warffum", 2024])
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(
        url,
        {
            "foreword": "Dank aan de familie van 't Hof.\n\n<script>alert(1)</script>",
            "thanks": "Aan alle 53 vrijwilligers.",
        },
    )
    assert response.status_code == 302
    text = YearText.objects.get(village=crafted_year.village, year=2024)
    assert text.updated_by == coordinator
    html = client.get(response.url).content.decode()
    assert "van &#x27;t Hof" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "Aan alle 53 vrijwilligers." in html


def test_a_too_long_foreword_keeps_what_was_typed(client, coordinator, village):
    client.force_login(coordinator)
    typed = "Een lang jaar. " * 300
    response = client.post(
        reverse("rapportage:year_text", args=["warffum", 2024]),
        {"foreword": typed, "thanks": "Dank"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "3000 tekens" in html
    assert typed.strip()[:200] in html
    assert not YearText.objects.exists()


def test_foreword_of_another_village_is_404(client, other_village, village):
    client.force_login(user_with_role(Role.COORDINATOR, other_village))
    url = reverse("rapportage:year_text", args=["warffum", 2024])
    assert client.get(url).status_code == 404
    assert client.post(url, {"foreword": "x"}).status_code == 404
    assert not YearText.objects.exists()


def test_a_year_in_the_future_is_404(client, coordinator, village):
    client.force_login(coordinator)
    assert client.get(reverse("rapportage:year_text", args=["warffum", 2999])).status_code == 404


# --- the tagged PDF ---------------------------------------------------------------------------


def _need(tool: str):
    if not shutil.which(tool):
        pytest.skip(f"needs {tool} (apt-get install poppler-utils)")


def _inflated_objects(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated (object streams hold the structure)."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_pdf_is_tagged_with_language_title_and_table_headers(client, reader, crafted_year):
    _need("pdfinfo")
    YearText.objects.create(village=crafted_year.village, year=2024, foreword="Een goed jaar.")
    client.force_login(reader)
    pdf = client.get(reverse("rapportage:pdf"), {"year": 2024}).content
    info = subprocess.run(
        ["pdfinfo", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    assert re.search(r"^Title:\s+Jaaroverzicht 2024", info, re.M)
    body = _inflated_objects(pdf)
    assert b"/StructTreeRoot" in body
    assert b"/Lang (nl)" in body or b"/Lang(nl)" in body
    assert b"/TH" in body and b"/Table" in body
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    # reading order: the cover, then the year in words and the desk's words, then the tables
    assert text.index("Jaaroverzicht 2024") < text.index("Het jaar 2024 in het kort")
    assert text.index("Het jaar 2024 in het kort") < text.index("Een goed jaar.")
    assert text.index("Een goed jaar.") < text.index("Eenmalige hulpvragen uitgevoerd")
    assert "Hulpvragen binnengekomen per jaar" in text


def test_pdf_type_is_large_enough():
    from django.template.loader import render_to_string

    css = render_to_string("rapportage/_pdf.css")
    sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)pt", css)]
    assert min(sizes) >= 10
    body = re.search(r"body \{[^}]*font-size:\s*([\d.]+)pt", css)
    assert float(body.group(1)) >= 11
    # the charts: 14 units per letter, drawn so that a unit is at least 10/14 pt
    from rapportage import charts

    for selector, units in (("bar-chart", charts.WIDTH), ("line-chart", charts.LINE_WIDTH)):
        width_mm = float(re.search(rf"svg\.{selector} \{{ width: ([\d.]+)mm", css).group(1))
        points_per_unit = width_mm / 25.4 * 72 / units
        assert charts.FONT * points_per_unit >= 10, selector


# --- the presentation -----------------------------------------------------------------------


def test_presentation_has_one_slide_per_table_and_chart(client, reader, crafted_year):
    client.force_login(reader)
    response = client.get(reverse("rapportage:presentation"), {"year": 2024})
    html = response.content.decode()
    non_empty = [
        t for t in overview_tables(build_overview([crafted_year.village], 2024)) if not t.is_empty
    ]
    assert html.count("data-slide ") + html.count("data-slide>") == 2 + len(non_empty) + 2
    assert "rapportage/js/presentation.js" in html
    assert "<script>" not in html and " style=" not in html
    assert "Sentinelia" not in html


def test_never_asked_counts_registered_volunteers_without_a_match_or_invitation(crafted_year):
    from rapportage.definitions import volunteers_never_asked

    v = crafted_year.village
    # Registered in 2024: A B C F G. A, B, C and G had matches before the year ended; F only
    # took part in an activity (that is not being asked for a job).
    assert volunteers_never_asked([v.pk], 2024) == {v.pk: 1}
    # Registered in 2023: A B D F G; only D and G had a match before 2024.
    assert volunteers_never_asked([v.pk], 2023) == {v.pk: 3}
    f.match(crafted_year.requests[5], crafted_year.volunteers["F"], accepted=at(2025, 2, 1))
    assert volunteers_never_asked([v.pk], 2024) == {v.pk: 1}  # asked only after the year
    # Registered in 2025: A C E F G; all but E (new in 2025) have had a match by then.
    assert volunteers_never_asked([v.pk], 2025) == {v.pk: 1}
