"""Dates typed and shown the Dutch way (issue 12, point 9) in the volunteer registry."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from .factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coord_client(client, coordinator):
    client.force_login(coordinator)
    with time_machine.travel("2026-11-23 10:00 +01:00", tick=False):
        yield client


def test_a_pause_typed_as_a_weekday_is_shown_the_dutch_way(coord_client, village):
    volunteer = VolunteerFactory(village=village, registered_on=date(2025, 3, 22))
    coord_client.post(
        reverse("vrijwilligers:pause", args=[volunteer.pk]),
        {"until": "volgende week vrijdag", "note": "heup"},
    )
    volunteer.refresh_from_db()
    assert volunteer.paused_until == date(2026, 12, 4)
    page = coord_client.get(reverse("vrijwilligers:detail", args=[volunteer.pk])).content.decode()
    assert "tot en met 4 dec" in page
    assert "22 mrt 2025" in page  # registered last year: with the year
    assert "Mrt" not in page


def test_an_absence_typed_as_day_month_is_saved(coord_client, village):
    volunteer = VolunteerFactory(village=village)
    response = coord_client.post(
        reverse("vrijwilligers:absences", args=[volunteer.pk]),
        {"starts_on": "24-12", "ends_on": "2 januari 2027", "note": "Kerst"},
    )
    assert response.status_code == 302
    absence = volunteer.absences.get()
    assert (absence.starts_on, absence.ends_on) == (date(2026, 12, 24), date(2027, 1, 2))
    page = coord_client.get(reverse("vrijwilligers:detail", args=[volunteer.pk])).content.decode()
    assert "24 dec" in page and "2 jan 2027" in page


def test_the_edit_form_shows_dates_as_day_month_year(coord_client, village):
    volunteer = VolunteerFactory(village=village, registered_on=date(2024, 1, 1))
    page = coord_client.get(reverse("vrijwilligers:edit", args=[volunteer.pk])).content.decode()
    assert 'value="01-01-2024"' in page
    assert 'type="date"' not in page


def test_an_unreadable_stop_date_is_refused_in_dutch(coord_client, village):
    volunteer = VolunteerFactory(village=village)
    response = coord_client.post(
        reverse("vrijwilligers:stop", args=[volunteer.pk]),
        {"on": "31-11", "reason": "moved", "note": ""},
        follow=True,
    )
    volunteer.refresh_from_db()
    assert volunteer.status == "active"
    assert "Deze datum kunnen we niet lezen" in response.content.decode()
