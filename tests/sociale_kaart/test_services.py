from datetime import date, time
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from sociale_kaart import services
from sociale_kaart.models import LogAction, Organisation, OrganisationKind
from tests.factories import VillageFactory

from .factories import ContactPersonFactory, OrganisationFactory, theme

pytestmark = pytest.mark.django_db


def create(village, coordinator, **values):
    return services.organisation_create(
        village=village,
        by=coordinator,
        today=date(2026, 3, 1),
        values={"name": "Voedselbank Uithuizen", "kind": OrganisationKind.FOOD_BANK, **values},
        themes=[theme("geld")],
        opening_periods=[(4, time(14), time(16))],
        distance_km=Decimal("11.0"),
    )


def test_create_serves_the_village_and_starts_verified(village, coordinator):
    org = create(village, coordinator)
    assert list(org.villages.all()) == [village]
    assert org.last_verified_on == date(2026, 3, 1)
    assert org.last_verified_by == coordinator
    assert org.distance_km_for(village) == Decimal("11.0")
    assert list(org.opening_periods.values_list("weekday", "opens_at", "closes_at")) == [
        (4, time(14), time(16))
    ]
    assert org.log_entries.get().kind == LogAction.CREATED


def test_create_refuses_an_invalid_email(village, coordinator):
    with pytest.raises(ValidationError):
        create(village, coordinator, email="not-an-address")
    assert not Organisation.objects.exists()


def test_update_logs_what_changed(village, coordinator):
    org = create(village, coordinator)
    services.organisation_update(
        organisation=org,
        village=village,
        by=coordinator,
        values={"name": org.name, "phone": "06 1234 5678"},
        themes=[theme("geld")],
        opening_periods=[(4, time(14), time(16))],
        distance_km=Decimal("11.0"),
    )
    entry = org.log_entries.filter(kind=LogAction.UPDATED).get()
    assert entry.text == str(Organisation._meta.get_field("phone").verbose_name)


def test_update_without_changes_writes_no_history(village, coordinator):
    org = create(village, coordinator)
    services.organisation_update(
        organisation=org,
        village=village,
        by=coordinator,
        values={"name": org.name},
        themes=[theme("geld")],
        opening_periods=[(4, time(14), time(16))],
        distance_km=Decimal("11.0"),
    )
    assert org.log_entries.count() == 1


def test_update_keeps_villages_the_editor_does_not_manage(village, other_village, coordinator):
    third = VillageFactory(name="Uithuizen", slug="uithuizen")
    org = OrganisationFactory(villages=[village, other_village])
    services.organisation_update(
        organisation=org,
        village=village,
        by=coordinator,
        values={},
        themes=[],
        opening_periods=[],
        distance_km=None,
        villages_chosen=[third],
        villages_managed=[third],
    )
    assert set(org.villages.all()) == {village, other_village, third}


def test_update_sets_only_the_distance_of_the_editing_village(village, other_village, coordinator):
    org = OrganisationFactory(villages=[village, other_village])
    org.distances.create(village=other_village, km=Decimal("7.0"))
    services.organisation_update(
        organisation=org,
        village=village,
        by=coordinator,
        values={},
        themes=[],
        opening_periods=[],
        distance_km=Decimal("25.0"),
    )
    assert org.distance_km_for(village) == Decimal("25.0")
    assert org.distance_km_for(other_village) == Decimal("7.0")


def test_entry_becomes_stale_after_a_year_and_fresh_after_verifying(village, coordinator):
    with time_machine.travel(date(2025, 1, 10)):
        org = create(village, coordinator)
        org.last_verified_on = date(2025, 1, 10)
        org.save()
    with time_machine.travel(date(2026, 1, 11)):
        today = date.today()
        assert list(Organisation.objects.for_village(village).stale(today)) == [org]
        services.organisation_mark_verified(
            organisation=org, village=village, by=coordinator, today=today
        )
        assert not Organisation.objects.for_village(village).stale(today).exists()
        assert org.log_entries.filter(kind=LogAction.VERIFIED).count() == 1


def test_archive_and_restore_keep_the_row_and_log(village, coordinator):
    org = OrganisationFactory(villages=[village])
    services.organisation_archive(organisation=org, village=village, by=coordinator)
    org.refresh_from_db()
    assert org.is_archived and org.archived_at is not None
    services.organisation_restore(organisation=org, village=village, by=coordinator)
    org.refresh_from_db()
    assert not org.is_archived
    assert [e.kind for e in org.log_entries.order_by("pk")] == [
        LogAction.ARCHIVED,
        LogAction.RESTORED,
    ]


def test_contact_changes_are_logged(village, coordinator):
    org = OrganisationFactory(villages=[village])
    contact = services.contact_person_create(
        organisation=org, village=village, by=coordinator, values={"name": "Marieke Hofstra"}
    )
    services.contact_person_update(
        contact=contact, village=village, by=coordinator, values={"role": "Wmo-consulent"}
    )
    services.contact_person_remove(contact=contact, village=village, by=coordinator)
    assert [e.kind for e in org.log_entries.order_by("pk")] == [
        LogAction.CONTACT_ADDED,
        LogAction.CONTACT_CHANGED,
        LogAction.CONTACT_REMOVED,
    ]
    assert not ContactPersonFactory._meta.model.objects.exists()
