"""The yearly overview on the demo village compares two full years (issue 12, point 13)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_the_demo_overview_of_last_year_compares_with_a_full_year_before(client):
    call_command("demo_data", "--quiet-logins", stdout=StringIO())
    assert client.login(username="klankbord@warffum.example", password="dorpsloket-demo")
    last_year = timezone.localdate().year - 1
    response = client.get(reverse("rapportage:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Jaaroverzicht {last_year}" in html
    tables = {table.key: table for table in response.context["tables"]}
    assert tables["one_off"].columns == [str(last_year), str(last_year - 1)]
    # Both columns hold a real year of the desk: requests, loans, activities, volunteers.
    total = next(row for row in tables["one_off"].rows if row.key == "total")
    # (The demo desk takes in about a hundred requests a year; a tail of a year would give a
    # handful.)
    assert all(value >= 50 for value in total.values), total.values
    for key in ("loans", "activities", "volunteers", "by_month"):
        columns = list(zip(*(row.values for row in tables[key].rows), strict=True))
        assert len(columns) == 2, key
        assert all(any(value for value in column) for column in columns), key
    # Every month of the year before last had requests (a full year, not a tail).
    assert all(row.values[1] for row in tables["by_month"].rows)
