from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.http import Http404

from accounts.access import Access
from sociale_kaart.access import get_organisation_for_user
from sociale_kaart.models import Organisation
from tests.factories import VillageFactory

from .factories import OrganisationDistanceFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def access_for(village):
    membership = SimpleNamespace(village=village, village_id=village.pk, role="coordinator")
    return Access(user=None, memberships=[membership])


def test_default_themes_exist():
    from sociale_kaart.models import Theme

    codes = set(Theme.objects.values_list("code", flat=True))
    assert codes >= {"wonen", "welzijn", "zorg", "vervoer", "geld", "eenzaamheid", "digitaal"}


def test_shared_organisation_is_visible_to_both_villages_but_not_a_third(village, other_village):
    third = VillageFactory(name="Uithuizen", slug="uithuizen")
    wmo = OrganisationFactory(name="Wmo-loket", villages=[village, other_village])
    assert list(Organisation.objects.for_village(village)) == [wmo]
    assert list(Organisation.objects.for_village(other_village)) == [wmo]
    assert list(Organisation.objects.for_village(third)) == []


def test_for_village_leaves_out_archived_organisations(village):
    OrganisationFactory(villages=[village], is_archived=True)
    assert not Organisation.objects.for_village(village).exists()


def test_getter_finds_shared_organisation_from_each_village(village, other_village):
    wmo = OrganisationFactory(villages=[village, other_village])
    assert get_organisation_for_user(access_for(village), wmo.pk) == wmo
    assert get_organisation_for_user(access_for(other_village), wmo.pk) == wmo


def test_getter_404s_for_an_organisation_of_another_village(village, other_village):
    elsewhere = OrganisationFactory(villages=[other_village])
    with pytest.raises(Http404):
        get_organisation_for_user(access_for(village), elsewhere.pk)


def test_distance_is_per_village(village, other_village):
    hospital = OrganisationFactory(villages=[village, other_village])
    OrganisationDistanceFactory(organisation=hospital, village=village, km=Decimal("25.0"))
    OrganisationDistanceFactory(organisation=hospital, village=other_village, km=Decimal("22.5"))
    assert hospital.distance_km_for(village) == Decimal("25.0")
    assert hospital.distance_km_for(other_village) == Decimal("22.5")


def test_distance_is_none_when_not_recorded(village):
    assert OrganisationFactory(villages=[village]).distance_km_for(village) is None


def test_with_distance_for_annotates_in_one_query(
    village, other_village, django_assert_num_queries
):
    for km in ("25.0", "8.0", "14.5"):
        org = OrganisationFactory(villages=[village], is_transport_destination=True)
        OrganisationDistanceFactory(organisation=org, village=village, km=Decimal(km))
        OrganisationDistanceFactory(organisation=org, village=other_village, km=Decimal("99"))
    with django_assert_num_queries(1):
        organisations = list(Organisation.objects.for_village(village).with_distance_for(village))
        distances = sorted(org.distance_km_for(village) for org in organisations)
    assert distances == [Decimal("8.0"), Decimal("14.5"), Decimal("25.0")]


def test_annotation_for_one_village_is_not_used_for_another(village, other_village):
    org = OrganisationFactory(villages=[village, other_village])
    OrganisationDistanceFactory(organisation=org, village=other_village, km=Decimal("7.0"))
    annotated = Organisation.objects.with_distance_for(village).get(pk=org.pk)
    assert annotated.distance_km_for(village) is None
    assert annotated.distance_km_for(other_village) == Decimal("7.0")
