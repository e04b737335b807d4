"""Consent withdrawn as easily as given: versioned texts, the confirm step, notes cleared,
who and when recorded, and no sensitive note saved on a withdrawn consent."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.access_log_models import AccessLogEntry
from hulpvragen import consent_texts
from hulpvragen.models import ConsentRecord
from hulpvragen.services import consent_record, consent_withdraw, resident_update

from .factories import ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coord_client(client, coordinator):
    client.force_login(coordinator)
    return client


def _with_notes(village, coordinator):
    resident = ResidentFactory(village=village, last_name="van 't Hof")
    health = consent_record(
        resident=resident, purpose="health_notes", given_on=date(2025, 6, 3), by=coordinator
    )
    consent_record(
        resident=resident, purpose="money_notes", given_on=date(2025, 6, 3), by=coordinator
    )
    resident_update(
        resident=resident, by=coordinator, health_notes="Suikerziekte", money_notes="Schulden"
    )
    return resident, health


def test_every_purpose_has_a_current_text_and_versions_are_unique():
    assert set(consent_texts.CURRENT_VERSION) == set(ConsentRecord.Purpose.values)
    for purpose, version in consent_texts.CURRENT_VERSION.items():
        assert consent_texts.CONSENT_TEXTS[version].purpose == purpose


def test_a_consent_keeps_the_version_of_the_text_agreed_to(village, coordinator):
    resident = ResidentFactory(village=village)
    consent = consent_record(
        resident=resident, purpose="share", given_on=date(2026, 11, 1), by=coordinator
    )
    assert consent.text_version == consent_texts.CURRENT_VERSION["share"]
    assert "organisatie" in str(consent.text)


def test_withdrawing_clears_only_the_notes_it_covered_and_records_who_and_when(
    village, coordinator
):
    resident, health = _with_notes(village, coordinator)
    assert consent_withdraw(consent=health, by=coordinator) == ["health_notes"]
    resident.refresh_from_db()
    health.refresh_from_db()
    assert (resident.health_notes, resident.money_notes) == ("", "Schulden")
    assert health.withdrawn_by == coordinator
    assert health.withdrawn_on is not None and health.withdrawn_at is not None
    assert not resident.has_consent("health_notes")


def test_withdrawing_twice_changes_nothing(village, coordinator):
    _resident, health = _with_notes(village, coordinator)
    consent_withdraw(consent=health, by=coordinator)
    first = ConsentRecord.objects.get(pk=health.pk).withdrawn_at
    assert consent_withdraw(consent=health, by=coordinator) == []
    assert ConsentRecord.objects.get(pk=health.pk).withdrawn_at == first


def test_a_second_consent_for_the_same_purpose_keeps_the_notes(village, coordinator):
    resident, health = _with_notes(village, coordinator)
    consent_record(
        resident=resident, purpose="health_notes", given_on=date(2026, 1, 5), by=coordinator
    )
    assert consent_withdraw(consent=health, by=coordinator) == []
    resident.refresh_from_db()
    assert resident.health_notes == "Suikerziekte"


def test_withdrawing_asks_first_then_withdraws(coord_client, village, coordinator):
    resident, health = _with_notes(village, coordinator)
    url = reverse("hulpvragen:consent_withdraw", args=[resident.pk, health.pk])
    page = coord_client.get(url).content.decode()
    assert "Ja, toestemming intrekken" in page
    resident.refresh_from_db()
    assert resident.health_notes == "Suikerziekte"  # asking changes nothing
    response = coord_client.post(url, {"confirmed": "1"})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.health_notes == ""
    detail = coord_client.get(reverse("hulpvragen:resident_detail", args=[resident.pk]))
    text = detail.content.decode()
    assert "ingetrokken" in text
    assert "Suikerziekte" not in text
    assert coordinator.full_name in text
    assert AccessLogEntry.objects.filter(
        view_name="hulpvragen:consent_withdraw", action="edit", resident_id=resident.pk
    ).exists()


def test_a_withdrawn_consent_cannot_save_a_sensitive_note_and_nothing_typed_is_lost(
    coord_client, village, coordinator
):
    resident, health = _with_notes(village, coordinator)
    consent_withdraw(consent=health, by=coordinator)
    data = {
        "first_name": resident.first_name,
        "last_name": "van 't Hof-de Vries",
        "street": resident.street,
        "house_number": resident.house_number,
        "postcode": "9989ab",
        "place": "Warffum",
        "phone": "0595 44 24 53",
        "health_notes": "Weer slecht ter been",
        "money_notes": "Schulden",
    }
    response = coord_client.post(reverse("hulpvragen:resident_edit", args=[resident.pk]), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "trok deze toestemming in op" in text
    assert "van &#x27;t Hof-de Vries" in text  # what was typed stays in the form
    assert "Weer slecht ter been" in text
    resident.refresh_from_db()
    assert resident.health_notes == "" and resident.last_name == "van 't Hof"


def test_notes_without_a_consent_in_force_are_not_shown(coord_client, village, coordinator):
    resident = ResidentFactory(village=village)
    # Older data: a note saved before consent was required.
    type(resident).objects.filter(pk=resident.pk).update(health_notes="Oude notitie")
    text = coord_client.get(reverse("hulpvragen:resident_detail", args=[resident.pk])).content
    assert b"Oude notitie" not in text


def test_another_villages_consent_is_not_found(coord_client, village, other_village, coordinator):
    resident, _health = _with_notes(village, coordinator)
    elsewhere = ResidentFactory(village=other_village)
    other = ConsentRecord.objects.create(
        village=other_village,
        resident=elsewhere,
        purpose="share",
        given_on=date(2026, 1, 1),
        recorded_by=coordinator,
    )
    url = reverse("hulpvragen:consent_withdraw", args=[resident.pk, other.pk])
    assert coord_client.post(url, {"confirmed": "1"}).status_code == 404
