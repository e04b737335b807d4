"""The overview page keeps its drawn tables and charts per process, under a hash of what
they show: the same figures are drawn once, other figures (another village, another year,
data that changed) are drawn anew, and what is kept is what a fresh drawing gives."""

import re

import pytest
from django.urls import reverse

from accounts.roles import Role
from rapportage import report
from tests.factories import user_with_role

from . import factories as f
from .factories import at

pytestmark = pytest.mark.django_db


def by_month_row(html: str, month: str) -> list[str]:
    """The cells of a month's row in the table "taken in per month"."""
    table = html[html.index('id="table-by_month"') :]
    row = re.search(rf"<th[^>]*>{month}</th>(.*?)</tr>", table, re.S).group(1)
    return re.findall(r'<td class="text-end">([^<]*)</td>', row)


def section(client, **query) -> str:
    return str(client.get(reverse("rapportage:overview"), query).context["tables_html"])


def test_a_kept_section_is_what_a_fresh_drawing_gives(client, reader, crafted_year):
    client.force_login(reader)
    report._sections.clear()
    kept = section(client, year=2024)
    assert section(client, year=2024) == kept
    assert len(report._sections) == 1  # drawn once, then taken from the ones kept
    report._sections.clear()
    assert section(client, year=2024) == kept


def test_another_village_or_year_gets_its_own_figures(client, crafted_year, other_village):
    f.resident(other_village)
    for day in (1, 2, 3):
        f.help_request(other_village, "klus", intake=at(2024, 5, day), status="new")
    regional = user_with_role(Role.READER, crafted_year.village, other_village)
    client.force_login(regional)
    warffum = section(client, year=2024, village=crafted_year.village.slug)
    usquert = section(client, year=2024, village=other_village.slug)
    assert by_month_row(warffum, "mei") == ["2", "0"]
    assert by_month_row(usquert, "mei") == ["3"]  # 2023 has nothing: no column for it
    assert by_month_row(section(client, year=2025, village=other_village.slug), "mei") == [
        "0",
        "3",
    ]


def test_data_that_changed_is_drawn_anew(client, reader, crafted_year):
    client.force_login(reader)
    before = section(client, year=2024)
    assert by_month_row(before, "mei") == ["2", "0"]
    f.help_request(crafted_year.village, "klus", intake=at(2024, 5, 30), status="new")
    assert by_month_row(section(client, year=2024), "mei") == ["3", "0"]
