"""Rides to nearby places (issue 12, point 1), on the demo's own social map: the GP of
Warffum is 0,8 km away, the pharmacy and the physio 0,9 km."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import demo as accounts_demo
from accounts.models import User
from accounts.templatetags.nl_format import format_nl_date
from hulpvragen.models import HelpRequest, Resident
from sociale_kaart import demo as social_map_demo
from sociale_kaart.models import Organisation

from .factories import category

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_desk(client):
    ctx = accounts_demo.new_context()
    accounts_demo.build(ctx)
    social_map_demo.build(ctx)
    client.force_login(User.objects.get(email="coordinator@warffum.example"))
    return ctx


def ride_to(destination, **overrides):
    data = {
        "new-first_name": "Geert",
        "new-last_name": "van 't Hof",
        "new-phone": "0595 42 12 34",
        "new-postcode": "9989 AB",
        "new-house": "3",
        "new-street": "Hoofdstraat",
        "new-place": "Warffum",
        "category": category("vervoer").pk,
        "description": "Naar de huisarts",
        "timing": "on",
        "needed_on": "morgen",
        "time_from": "9:30",
        "channel": "telefoon",
        "urgency": "this_week",
        "volunteers_needed": "1",
        "destination": destination.pk,
        "distance_km": "",
        "return_trip": "on",
    }
    data.update(overrides)
    return data


def test_a_ride_to_the_demo_gp_at_0_8_km_is_saved_and_shown_the_dutch_way(client, demo_desk):
    gp = Organisation.objects.get(name="Huisartsenpraktijk Warffum")

    page = client.get(reverse("hulpvragen:intake")).content.decode()
    assert "Huisartsenpraktijk Warffum (0,8 km)" in page
    assert "Apotheek Warffum (0,9 km)" in page
    assert "0.800000000000000" not in page and "0.8 km" not in page

    response = client.post(reverse("hulpvragen:intake"), ride_to(gp))
    assert response.status_code == 302, response.context["form"].errors
    ride = HelpRequest.objects.get(destination=gp)
    assert ride.distance_km == Decimal("0.8")
    assert ride.needed_on == timezone.localdate() + timedelta(days=1)

    detail = client.get(response.url).content.decode()
    assert "(0,8 km)" in detail
    assert "Zorg dat er niet meer dan 5 cijfers zijn" not in detail
    assert format_nl_date(ride.needed_on, "heading") in detail


@pytest.mark.parametrize("typed", ["0,9", "0.9", "0,9 km"])
def test_a_distance_is_typed_with_a_comma_or_a_point(client, demo_desk, typed):
    pharmacy = Organisation.objects.get(name="Apotheek Warffum")
    response = client.post(reverse("hulpvragen:intake"), ride_to(pharmacy, distance_km=typed))
    assert response.status_code == 302, response.context["form"].errors
    assert HelpRequest.objects.get().distance_km == Decimal("0.9")


def test_changing_the_ride_shows_the_distance_with_a_comma(client, demo_desk):
    gp = Organisation.objects.get(name="Huisartsenpraktijk Warffum")
    client.post(reverse("hulpvragen:intake"), ride_to(gp))
    ride = HelpRequest.objects.get()
    page = client.get(reverse("hulpvragen:request_edit", args=[ride.pk])).content.decode()
    assert 'value="0,8"' in page
    assert f'value="{ride.needed_on:%d-%m-%Y}"' in page


def test_a_wrong_date_keeps_everything_typed_and_says_so_in_dutch(client, demo_desk):
    gp = Organisation.objects.get(name="Huisartsenpraktijk Warffum")
    data = ride_to(gp, needed_on="31 februari", distance_km="0,8")
    response = client.post(reverse("hulpvragen:intake"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Deze datum kunnen we niet lezen" in page
    assert 'value="31 februari"' in page
    assert 'value="0,8"' in page
    assert "van &#x27;t Hof" in page
    assert not Resident.objects.filter(last_name="van 't Hof").exists()
