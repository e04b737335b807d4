from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from hulpvragen.lifecycle import Status
from hulpvragen.models import HelpRequest, ReasonCode, Resident
from hulpvragen.selectors import resident_history
from hulpvragen.services import (
    ResidentRefused,
    help_request_create,
    help_request_take_in,
    help_request_triage,
)
from hulpvragen.triage import boundary_warnings

from .factories import HelpRequestFactory, ResidentFactory, an_organisation, category

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))  # a Monday


def ride(village, coordinator, **fields):
    resident = fields.pop("resident", None) or ResidentFactory(
        village=village, street="Hoofdstraat", house_number=12, postcode="9989 AB"
    )
    defaults = {
        "description": "Naar de huisarts",
        "needed_on": date(2026, 11, 25),
        "time_from": time(9, 30),
        "destination_text": "Huisartsenpraktijk Uithuizen",
        "distance_km": 9,
    }
    defaults.update(fields)
    return help_request_create(
        village=village,
        resident=resident,
        category=category("vervoer"),
        by=coordinator,
        now=NOW,
        **defaults,
    )


def test_new_request_starts_new_with_a_first_logbook_row(village, coordinator):
    request = ride(village, coordinator)
    assert request.status == Status.NEW
    change = request.status_changes.get()
    assert (change.from_status, change.kind, change.by) == ("", "new", coordinator)


def test_pickup_defaults_to_the_residents_address(village, coordinator):
    request = ride(village, coordinator)
    assert request.pickup_address == "Hoofdstraat 12, 9989 AB Warffum"


def test_a_new_ride_dated_in_the_past_is_refused_in_dutch(village, coordinator):
    with pytest.raises(ValidationError) as exc:
        ride(village, coordinator, needed_on=date(2026, 11, 20))
    assert "verleden" in exc.value.message_dict["needed_on"][0]
    assert not HelpRequest.objects.exists()


def test_a_ride_today_at_a_passed_time_is_refused(village, coordinator):
    with pytest.raises(ValidationError):
        ride(village, coordinator, needed_on=date(2026, 11, 23), time_from=time(8, 0))


def test_a_ride_needs_a_destination(village, coordinator):
    with pytest.raises(ValidationError) as exc:
        ride(village, coordinator, destination_text="")
    assert "destination_text" in exc.value.message_dict


def test_this_week_runs_until_sunday(village, coordinator):
    request = help_request_create(
        village=village,
        resident=ResidentFactory(village=village),
        category=category("klus"),
        by=coordinator,
        now=NOW,
        description="Schilderij ophangen",
        timing=HelpRequest.Timing.THIS_WEEK,
    )
    assert (request.needed_on, request.needed_until) == (date(2026, 11, 23), date(2026, 11, 29))


def test_transport_fields_are_cleared_for_other_kinds_of_help(village, coordinator):
    request = help_request_create(
        village=village,
        resident=ResidentFactory(village=village),
        category=category("klus"),
        by=coordinator,
        now=NOW,
        description="Lamp",
        needed_on=date(2026, 11, 24),
        destination_text="Ergens",
        return_trip=True,
    )
    assert (request.destination_text, request.return_trip) == ("", False)


def test_recurring_request_needs_a_review_date(village, coordinator):
    with pytest.raises(ValidationError) as exc:
        help_request_create(
            village=village,
            resident=ResidentFactory(village=village),
            category=category("gezelschap"),
            by=coordinator,
            now=NOW,
            description="Wekelijks koffie drinken",
            needed_on=date(2026, 11, 24),
            is_recurring=True,
            frequency="weekly",
            weekday=1,
            recurrence_start=date(2026, 11, 24),
        )
    assert "review_on" in exc.value.message_dict


def test_resident_of_another_village_is_refused(village, other_village, coordinator):
    with pytest.raises(ValidationError):
        ride(village, coordinator, resident=ResidentFactory(village=other_village))


def test_triage_accepted_goes_to_searching_with_answers(village, coordinator):
    request = ride(village, coordinator)
    help_request_triage(
        help_request=request, answers={"too_big": False}, by=coordinator, outcome="accepted"
    )
    request.refresh_from_db()
    assert request.status == Status.SEARCHING
    assert request.triage_answers["too_big"] is False
    assert request.outcome == "accepted"


def test_triage_without_decision_keeps_it_in_triage(village, coordinator):
    request = ride(village, coordinator)
    help_request_triage(help_request=request, answers={"too_big": True}, by=coordinator)
    request.refresh_from_db()
    assert request.status == Status.TRIAGE


def test_triage_rejection_without_reason_saves_nothing(village, coordinator):
    request = ride(village, coordinator)
    with pytest.raises(ValidationError):
        help_request_triage(
            help_request=request, answers={"too_big": True}, by=coordinator, outcome="rejected"
        )
    request.refresh_from_db()
    assert request.status == Status.NEW
    assert request.triage_answers == {}


def test_triage_rejection_with_reason(village, coordinator):
    request = ride(village, coordinator)
    help_request_triage(
        help_request=request,
        answers={"too_big": True},
        by=coordinator,
        outcome="rejected",
        reason=ReasonCode.objects.get(code="te_groot"),
    )
    request.refresh_from_db()
    assert (request.status, request.reason.code) == (Status.REJECTED, "te_groot")


def test_history_feeds_the_same_job_warning(village, coordinator, django_assert_max_num_queries):
    resident = ResidentFactory(village=village)
    garden = category("tuin")
    for day in (date(2026, 11, 9), date(2026, 11, 16)):
        HelpRequestFactory(resident=resident, category=garden, needed_on=day)
    with django_assert_max_num_queries(1):
        history = resident_history(resident, today=date(2026, 11, 23))
    warnings = boundary_warnings(history, category_id=garden.pk, today=date(2026, 11, 23))
    assert len(warnings) == 1


def test_destination_from_the_social_map_fills_in_the_distance(village, coordinator):
    from tests.sociale_kaart.factories import OrganisationDistanceFactory

    hospital = an_organisation(village, name="Martini Ziekenhuis", is_transport_destination=True)
    OrganisationDistanceFactory(organisation=hospital, village=village, km=31)
    request = ride(
        village, coordinator, destination=hospital, destination_text="", distance_km=None
    )
    assert request.distance_km == 31
    assert request.destination_text == "Martini Ziekenhuis"
    assert list(hospital.destination_requests.all()) == [request]


def test_referral_channel_needs_the_referring_organisation(village, coordinator):
    with pytest.raises(ValidationError) as exc:
        ride(village, coordinator, channel="doorverwijzing")
    assert "referred_by" in exc.value.message_dict
    wmo = an_organisation(village)
    request = ride(village, coordinator, channel="doorverwijzing", referred_by=wmo)
    assert list(wmo.referrals_made.all()) == [request]


def test_destination_of_another_village_is_refused(village, other_village, coordinator):
    elsewhere = an_organisation(other_village)
    with pytest.raises(ValidationError):
        ride(village, coordinator, destination=elsewhere)


# --- The intake: a request with a known or a new resident ---------------------------------

AALTJE = {
    "first_name": "Aaltje",
    "last_name": "van 't Hof",
    "phone": "0595442453",
    "postcode": "9989 AB",
    "house_number": 7,
    "house_number_addition": "a",
    "street": "Hoofdstraat",
    "place": "Warffum",
}


def take_in(village, coordinator, **fields):
    defaults = {
        "description": "Naar de huisarts",
        "needed_on": date(2026, 11, 25),
        "time_from": time(9, 30),
        "destination_text": "Huisartsenpraktijk Warffum",
        "distance_km": Decimal("0.8"),
    }
    defaults.update(fields)
    return help_request_take_in(
        village=village, by=coordinator, category=category("vervoer"), now=NOW, **defaults
    )


def test_the_intake_adds_the_new_resident_and_the_request_together(village, coordinator):
    request = take_in(village, coordinator, new_resident=AALTJE)
    resident = Resident.objects.get()
    assert request.resident == resident
    assert (resident.last_name, resident.house, resident.created_by) == (
        "van 't Hof",
        "7a",
        coordinator,
    )
    assert request.pickup_address == "Hoofdstraat 7a, 9989 AB Warffum"
    assert request.distance_km == Decimal("0.8")


def test_the_intake_for_a_known_resident_adds_no_resident(village, coordinator):
    known = ResidentFactory(village=village)
    request = take_in(village, coordinator, resident=known)
    assert request.resident == known
    assert Resident.objects.count() == 1


def test_a_refused_request_leaves_no_new_resident_behind(village, coordinator):
    with pytest.raises(ValidationError) as exc:
        take_in(village, coordinator, new_resident=AALTJE, needed_on=date(2026, 11, 20))
    assert not isinstance(exc.value, ResidentRefused)
    assert "needed_on" in exc.value.message_dict
    assert not Resident.objects.exists()
    assert not HelpRequest.objects.exists()


def test_a_refused_new_resident_is_told_apart_from_the_request(village, coordinator):
    with pytest.raises(ResidentRefused) as exc:
        take_in(village, coordinator, new_resident=AALTJE | {"postcode": "0989 AB"})
    assert list(exc.value.message_dict) == ["postcode"]
    assert not HelpRequest.objects.exists()


def test_the_intake_needs_exactly_one_resident(village, coordinator):
    with pytest.raises(TypeError):
        take_in(village, coordinator)
    with pytest.raises(TypeError):
        take_in(
            village, coordinator, resident=ResidentFactory(village=village), new_resident=AALTJE
        )
