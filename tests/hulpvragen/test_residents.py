from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hulpvragen.models import ConsentRecord
from hulpvragen.selectors import possible_duplicates
from hulpvragen.services import consent_record, resident_create, resident_update

from .factories import ResidentFactory

pytestmark = pytest.mark.django_db


def new_resident(village, coordinator, **overrides):
    fields = {
        "first_name": "Geert",
        "last_name": "Kuipers",
        "street": "Schoolstraat",
        "house_number": 4,
        "postcode": "9989ab",
        "phone": "+31 6 1234 5678",
    }
    fields.update(overrides)
    return resident_create(village=village, by=coordinator, **fields)


def test_phone_and_postcode_are_stored_in_one_form(village, coordinator):
    resident = new_resident(village, coordinator)
    assert resident.phone == "0612345678"
    assert resident.postcode == "9989 AB"
    assert resident.place == "Warffum"


def test_bad_phone_is_refused_with_a_dutch_message(village, coordinator):
    with pytest.raises(ValidationError) as exc:
        new_resident(village, coordinator, phone="06 123")
    assert "10 cijfers" in str(exc.value.message_dict["phone"])


def test_outside_work_area_is_derived_from_the_village_postcodes(village, coordinator):
    inside = new_resident(village, coordinator)
    outside = new_resident(village, coordinator, postcode="9991 AB", phone="")
    assert not inside.outside_work_area
    assert outside.outside_work_area


def test_sensitive_note_is_refused_without_consent(village, coordinator):
    resident = new_resident(village, coordinator)
    with pytest.raises(ValidationError) as exc:
        resident_update(resident=resident, by=coordinator, health_notes="Slecht ter been")
    assert "toestemming" in str(exc.value.message_dict["health_notes"])


def test_sensitive_note_is_saved_once_consent_is_recorded(village, coordinator):
    resident = new_resident(village, coordinator)
    consent_record(
        resident=resident,
        purpose=ConsentRecord.Purpose.HEALTH_NOTES,
        given_on=date(2026, 11, 1),
        by=coordinator,
    )
    resident_update(resident=resident, by=coordinator, health_notes="Slecht ter been")
    resident.refresh_from_db()
    assert resident.health_notes == "Slecht ter been"


def test_consent_for_health_does_not_cover_money(village, coordinator):
    resident = new_resident(village, coordinator)
    consent_record(
        resident=resident, purpose="health_notes", given_on=date(2026, 11, 1), by=coordinator
    )
    with pytest.raises(ValidationError):
        resident_update(resident=resident, by=coordinator, money_notes="Schulden")


def test_withdrawn_consent_no_longer_counts(village, coordinator):
    resident = new_resident(village, coordinator)
    consent = consent_record(
        resident=resident, purpose="health_notes", given_on=date(2026, 11, 1), by=coordinator
    )
    consent.withdrawn_on = date(2026, 11, 10)
    consent.save()
    with pytest.raises(ValidationError):
        resident_update(resident=resident, by=coordinator, health_notes="x")


def test_duplicate_by_phone_or_by_address(village, other_village):
    known = ResidentFactory(village=village, phone="0612345678", postcode="9989 AB", house_number=7)
    ResidentFactory(village=other_village, phone="0612345678")
    assert possible_duplicates(village=village, phone="0612345678") == [known]
    assert possible_duplicates(village=village, postcode="9989 AB", house_number=7) == [known]
    assert possible_duplicates(village=village, postcode="9989 AB", house_number=8) == []


def test_long_notation_of_a_phone_number_fits_after_normalising(village, coordinator):
    resident = new_resident(village, coordinator, phone="+31 (0)6 12 34 56 78")
    assert resident.phone == "0612345678"
