"""Dutch dates and distances on the matching pages (issue 12, points 1 and 9)."""

from datetime import date, time
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from hulpvragen.lifecycle import Status
from koppelingen import services
from tests.hulpvragen.factories import HelpRequestFactory, category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel("2026-11-23 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def ride_to_the_gp(resident):
    return HelpRequestFactory(
        village=resident.village,
        resident=resident,
        category=category("vervoer"),
        description="Naar de huisarts",
        destination_text="Huisartsenpraktijk Warffum",
        distance_km=Decimal("0.8"),
        needed_on=date(2026, 12, 1),
        time_from=time(9, 30),
        status=Status.SEARCHING,
    )


def test_the_invitation_shows_the_day_in_words_and_the_distance_with_a_comma(
    client, ride_to_the_gp, make_volunteer
):
    (invitation,) = services.invitations_send(
        help_request=ride_to_the_gp, volunteers=[make_volunteer()], by=None
    )
    page = client.get(services.invitation_link(invitation), follow=True).content.decode()
    assert "dinsdag 1 december, 09:30" in page
    assert "0,8 km" in page
    assert "Tuesday" not in page and "0.8 km" not in page


def test_the_candidates_page_shows_the_ride_and_the_km_reported_the_dutch_way(
    client, coordinator, ride_to_the_gp, make_volunteer
):
    (invitation,) = services.invitations_send(
        help_request=ride_to_the_gp, volunteers=[make_volunteer()], by=None
    )
    services.invitation_accept(invitation=invitation)
    token = services.invitation_link(invitation).rstrip("/").rsplit("/", 1)[1]
    client.post(
        reverse("koppelingen:report", args=[token]),
        {"outcome": "done", "how_it_went": "good", "km_driven": "1,6"},
    )
    client.force_login(coordinator)
    page = client.get(reverse("koppelingen:candidates", args=[ride_to_the_gp.pk])).content.decode()
    assert "dinsdag 1 december" in page
    assert "(0,8 km)" in page
    assert "1,6 km" in page
    assert "23 nov 10:00" in page  # the matching log: this year, so no year
