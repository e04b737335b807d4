"""Dates typed and shown the Dutch way (issue 12, point 9) on the activity pages."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from activiteiten.models import Activity

from .factories import ActivityFactory, kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_c(client, coordinator):
    client.force_login(coordinator)
    with time_machine.travel("2026-11-23 10:00 +01:00", tick=False):
        yield client


def test_an_activity_date_typed_as_3_aug_is_saved_and_shown_the_dutch_way(client_c, village):
    response = client_c.post(
        reverse("activiteiten:create"),
        {"kind": kind("flyerronde").pk, "title": "Flyers", "starts_on": "3 aug"},
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.starts_on == date(2026, 8, 3)
    assert "maandag 3 augustus" in client_c.get(response.url).content.decode()
    assert "3 aug" in client_c.get(reverse("activiteiten:list")).content.decode()
    edit = client_c.get(reverse("activiteiten:edit", args=[activity.pk])).content.decode()
    assert 'value="03-08-2026"' in edit


def test_an_activity_of_last_year_shows_the_year(client_c, village):
    ActivityFactory(village=village, starts_on=date(2025, 12, 7), title="Fittest")
    page = client_c.get(reverse("activiteiten:list"), {"year": "2025"}).content.decode()
    assert "7 dec 2025" in page
    assert "December" not in page


def test_an_unreadable_date_keeps_what_was_typed(client_c, village):
    response = client_c.post(
        reverse("activiteiten:create"),
        {"kind": kind("flyerronde").pk, "title": "Flyers langs de deuren", "starts_on": "32 aug"},
    )
    page = response.content.decode()
    assert "Deze datum kunnen we niet lezen" in page
    assert 'value="32 aug"' in page and "Flyers langs de deuren" in page
    assert not Activity.objects.exists()
