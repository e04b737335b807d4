"""The view across villages: counts for every village the user may read, names only for the
villages they coordinate."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from hulpvragen.lifecycle import Status
from koppelingen import services
from koppelingen.models import Signal
from regio.selectors import region_view
from tests.factories import MembershipFactory
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory, category
from tests.koppelingen.factories import MatchableVolunteerFactory
from vrijwilligers import services as volunteer_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(village, other_village, coordinator):
    """Warffum: a ride nobody was asked for, a job nobody offers, a never-asked volunteer.
    Usquert: a ride waiting for an answer, one open signal, a volunteer never asked."""
    warffum_resident = ResidentFactory(village=village, first_name="Aaltje", last_name="Wierenga")
    usquert_resident = ResidentFactory(
        village=other_village, first_name="Trijntje", last_name="Bolhuis"
    )
    MatchableVolunteerFactory(
        village=village, first_name="Geesje", last_name="Smit", offers=[category("vervoer")]
    )
    usquert_driver = MatchableVolunteerFactory(
        village=other_village, first_name="Roelf", last_name="Dijk", offers=[category("vervoer")]
    )
    needed = timezone.localdate() + timedelta(days=4)
    HelpRequestFactory(
        village=village,
        resident=warffum_resident,
        category=category("vervoer"),
        status=Status.SEARCHING,
        needed_on=needed,
    )
    HelpRequestFactory(
        village=village,
        resident=warffum_resident,
        category=category("klus"),
        status=Status.SEARCHING,
        needed_on=needed,
    )
    usquert_ride = HelpRequestFactory(
        village=other_village,
        resident=usquert_resident,
        category=category("vervoer"),
        status=Status.SEARCHING,
        needed_on=needed,
    )
    services.invitations_send(help_request=usquert_ride, volunteers=[usquert_driver], by=None)
    Signal.objects.create(
        village=other_village,
        resident=usquert_resident,
        description="Ziet er slecht uit",
    )
    return village, other_village


def page(client, user):
    client.force_login(user)
    response = client.get(reverse("regio:region"))
    assert response.status_code == 200
    return response.content.decode()


def test_each_village_gets_its_counts_and_why_requests_have_no_volunteer(region):
    warffum, usquert = region
    a, b = region_view([warffum, usquert], coordinated_ids=set(), today=timezone.localdate())
    assert (a.open_requests, a.unmatched, a.open_signals) == (2, 2, 0)
    assert a.why == {"not_asked": 1, "nobody_offers": 1}
    assert a.short_of == [(category("klus").name, 1)]
    assert (b.unmatched, b.why, b.open_signals) == (1, {"waiting": 1}, 1)
    # Roelf was asked: no longer "never asked".
    assert (a.never_asked, b.never_asked) == (1, 0)


def test_a_regional_reader_sees_counts_never_names(client, region, regional_reader):
    html = page(client, regional_reader)
    assert "Warffum" in html and "Usquert" in html
    assert 'class="text-end unmatched">2<' in html
    for name in ("Geesje", "Smit", "Roelf", "Aaltje", "Wierenga", "Trijntje", "Bolhuis"):
        assert name not in html
    assert "unmatched-requests" not in html
    assert "never-asked-names" not in html


def test_a_coordinator_sees_names_of_their_own_village_and_counts_of_the_other(
    client, region, coordinator, other_village
):
    MembershipFactory(user=coordinator, village=other_village, role=Role.READER)
    html = page(client, coordinator)
    assert "Geesje Smit" in html  # never asked, in Warffum which she coordinates
    assert 'id="village-usquert"' in html
    usquert = html.split('id="village-usquert"', 1)[1]
    assert "Roelf" not in usquert and "Trijntje" not in html and "Aaltje" not in html
    assert "wacht op antwoord: 1" in usquert.lower()


def test_no_resident_is_named_even_for_the_coordinated_village(client, region, coordinator):
    html = page(client, coordinator)
    assert "Aaltje" not in html and "Wierenga" not in html
    assert "Niemand biedt aan:" in html


def test_a_shared_volunteer_counts_for_both_villages_and_fills_the_gap(
    region, coordinator, village, other_village
):
    warffum, usquert = region
    handy = MatchableVolunteerFactory(village=other_village, offers=[category("klus")])
    volunteer_services.volunteer_share_start(
        volunteer=handy, helps_in=warffum, categories=[category("klus")], by=None
    )
    a, b = region_view([warffum, usquert], coordinated_ids=set(), today=timezone.localdate())
    assert "nobody_offers" not in a.why
    assert (a.from_elsewhere, b.helping_elsewhere) == (1, 1)


def test_the_view_takes_a_fixed_number_of_queries(
    client, region, regional_reader, village, other_village, django_assert_max_num_queries
):
    client.force_login(regional_reader)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("regio:region"))
    resident = ResidentFactory(village=village)
    for _ in range(10):
        MatchableVolunteerFactory(village=other_village, offers=[category("vervoer")])
        HelpRequestFactory(
            village=village,
            resident=resident,
            category=category("vervoer"),
            status=Status.SEARCHING,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(reverse("regio:region")).content.decode()
    assert 'class="text-end unmatched">12<' in html
