"""Dutch dates on the request and resident pages (issue 12, point 9)."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from hulpvragen.models import ConsentRecord

from .factories import HelpRequestFactory, ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coord_client(client, coordinator):
    client.force_login(coordinator)
    with time_machine.travel("2026-11-23 10:00 +01:00", tick=False):
        yield client


def test_consent_given_yesterday_is_typed_as_gisteren_and_shown_the_dutch_way(
    coord_client, village
):
    resident = ResidentFactory(village=village, last_name="van 't Hof")
    page = coord_client.get(reverse("hulpvragen:resident_consent", args=[resident.pk]))
    assert 'value="23-11-2026"' in page.content.decode()
    response = coord_client.post(
        reverse("hulpvragen:resident_consent", args=[resident.pk]),
        {"purpose": "share", "given_on": "gisteren", "note": ""},
    )
    assert response.status_code == 302
    assert ConsentRecord.objects.get().given_on == date(2026, 11, 22)
    page = coord_client.get(response.url).content.decode()
    assert "22 nov" in page and "22 november 2026" not in page


def test_a_request_of_last_year_shows_the_year_and_the_weekday(coord_client, village):
    request = HelpRequestFactory(village=village, needed_on=date(2025, 12, 7))
    page = coord_client.get(reverse("hulpvragen:request_detail", args=[request.pk]))
    assert "zondag 7 december 2025" in page.content.decode()


def test_the_weekly_meeting_is_headed_with_the_day_in_words(coord_client, village):
    page = coord_client.get(reverse("hulpvragen:meeting")).content.decode()
    assert "maandag 23 november" in page
    assert "Maandag" not in page
