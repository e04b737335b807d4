"""The home desk agrees that a volunteer also helps a neighbouring village; the other desk's
limited page about them."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from hulpvragen.lifecycle import Status
from koppelingen import services as matching
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory, category
from tests.koppelingen.factories import MatchableVolunteerFactory
from vrijwilligers import services
from vrijwilligers.models import VolunteerChange, VolunteerVillage

pytestmark = pytest.mark.django_db


@pytest.fixture
def driver(village):
    return MatchableVolunteerFactory(
        village=village,
        first_name="Hendrik",
        last_name="Ubbens",
        phone="0612121212",
        max_km=40,
        offers=[category("vervoer"), category("klus")],
    )


def test_the_home_desk_records_the_agreement_with_its_boundaries(
    client, coordinator, driver, other_village
):
    client.force_login(coordinator)
    response = client.post(
        reverse("vrijwilligers:share_add", args=[driver.pk]),
        {
            "helps_in": other_village.pk,
            "categories": [category("vervoer").pk],
            "max_km": "25",
            "weekdays": ["1", "3"],
            "note": "Alleen ritten",
        },
    )
    assert response.status_code == 302
    share = VolunteerVillage.objects.get(volunteer=driver)
    assert (share.helps_in, share.max_km, share.weekdays, share.agreed_by) == (
        other_village,
        25,
        [1, 3],
        coordinator,
    )
    assert list(share.categories.all()) == [category("vervoer")]
    assert driver.changes.filter(kind=VolunteerChange.Kind.SHARED).count() == 1
    html = client.get(reverse("vrijwilligers:detail", args=[driver.pk])).content.decode()
    assert "Usquert</strong>: Vervoer · hooguit 25 km · dinsdag, donderdag" in html


def test_not_further_for_the_neighbours_than_at_home(client, coordinator, driver, other_village):
    client.force_login(coordinator)
    response = client.post(
        reverse("vrijwilligers:share_add", args=[driver.pk]),
        {"helps_in": other_village.pk, "categories": [category("vervoer").pk], "max_km": "60"},
    )
    assert response.status_code == 200
    assert "Thuis rijdt deze vrijwilliger hooguit 40 km" in response.content.decode()
    assert not VolunteerVillage.objects.exists()


def test_a_second_running_agreement_with_the_same_village_is_refused(
    client, coordinator, driver, other_village
):
    services.volunteer_share_start(
        volunteer=driver, helps_in=other_village, categories=[category("vervoer")], by=None
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("vrijwilligers:share_add", args=[driver.pk]),
        {"helps_in": other_village.pk, "categories": [category("vervoer").pk]},
    )
    assert "Hendrik Ubbens helpt Usquert al." in response.content.decode()
    assert VolunteerVillage.objects.count() == 1


def test_the_other_village_sees_the_phone_only_after_a_yes(
    client, other_coordinator, driver, other_village
):
    services.volunteer_share_start(
        volunteer=driver, helps_in=other_village, categories=[category("vervoer")], by=None
    )
    client.force_login(other_coordinator)
    url = reverse("vrijwilligers:shared_detail", args=[driver.pk])
    html = client.get(url).content.decode()
    assert "Vervoer" in html and "Klus" not in html
    assert "06 12 12 12 12" not in html and driver.email not in html
    ride = HelpRequestFactory(
        village=other_village,
        resident=ResidentFactory(village=other_village),
        category=category("vervoer"),
        status=Status.SEARCHING,
        needed_on=timezone.localdate() + timedelta(days=2),
    )
    (invitation,) = matching.invitations_send(help_request=ride, volunteers=[driver], by=None)
    assert "06 12 12 12 12" not in client.get(url).content.decode()
    matching.invitation_accept(invitation=invitation)
    assert "06 12 12 12 12" in client.get(url).content.decode()


def test_ending_the_agreement_keeps_it_in_the_history(client, coordinator, driver, other_village):
    share = services.volunteer_share_start(
        volunteer=driver, helps_in=other_village, categories=[category("vervoer")], by=None
    )
    client.force_login(coordinator)
    client.post(reverse("vrijwilligers:share_end", args=[driver.pk, share.pk]))
    share.refresh_from_db()
    assert share.ended_on == timezone.localdate()
    assert driver.changes.filter(kind=VolunteerChange.Kind.SHARE_ENDED).count() == 1


def test_the_demo_shares_one_warffum_driver_with_usquert_once():
    call_command("demo_data", "--quiet-logins", stdout=StringIO())
    call_command("demo_data", "--quiet-logins", stdout=StringIO())
    (share,) = VolunteerVillage.objects.all()
    assert (share.village.slug, share.helps_in.slug) == ("warffum", "usquert")
    assert share.weekdays and set(share.weekdays) <= {
        s.weekday for s in share.volunteer.availability_slots.all()
    }
