"""Distances shown and typed the Dutch way (issue 12, point 1), on the demo's social map."""

import pytest
from django.urls import reverse

from accounts import demo as accounts_demo
from accounts.models import User
from sociale_kaart import demo as social_map_demo
from sociale_kaart.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_client(client):
    ctx = accounts_demo.new_context()
    accounts_demo.build(ctx)
    social_map_demo.build(ctx)
    client.force_login(User.objects.get(email="coordinator@warffum.example"))
    return ctx


def test_the_demo_gp_is_0_8_km_away_on_the_list_the_page_and_the_form(client, demo_client):
    gp = Organisation.objects.get(name="Huisartsenpraktijk Warffum")
    listing = client.get(reverse("sociale_kaart:list"), {"q": "Huisarts"}).content.decode()
    assert "0,8 km" in listing
    assert "0.8" not in listing.split("<main", 1)[-1].split("</main>")[0]
    assert "0,8 km" in client.get(gp.get_absolute_url()).content.decode()
    form = client.get(reverse("sociale_kaart:edit", args=[gp.pk])).content.decode()
    assert 'value="0,8"' in form


def test_a_distance_read_through_the_annotation_keeps_one_decimal(demo_client):
    """SQLite gives a subquery's decimal back as a float (0.800000000000000)."""
    village = demo_client.villages["warffum"]
    distances = dict(
        Organisation.objects.for_village(village)
        .with_distance_for(village)
        .filter(name__endswith="Warffum")
        .values_list("name", "distance_km")
    )
    assert str(distances["Huisartsenpraktijk Warffum"]) == "0.8"
    assert str(distances["Apotheek Warffum"]) == "0.9"
