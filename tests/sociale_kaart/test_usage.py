"""What the organisation page counts "this year": requests the desk referred to it, requests
it referred to the desk, and worries passed on to it, each for the village that looks and in
the Dutch calendar year. Built with the services that record them."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from hulpvragen.lifecycle import Status
from hulpvragen.models import HelpRequest
from hulpvragen.services import help_request_create, help_request_transition
from koppelingen.models import Signal
from koppelingen.services import signal_create, signal_pass_on
from sociale_kaart.selectors import organisation_usage
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory, category

from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(year, month, day, hour=10, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def wmo(village, other_village):
    """The municipality's Wmo desk, on the social map of both villages."""
    return OrganisationFactory(name="Wmo-loket Het Hogeland", villages=[village, other_village])


@pytest.fixture
def elsewhere(village, other_village):
    return OrganisationFactory(name="Welzijn Het Hogeland", villages=[village, other_village])


def refer(village, organisation, by, when):
    request = HelpRequestFactory(resident=ResidentFactory(village=village))
    return help_request_transition(
        help_request=request,
        to=Status.REFERRED,
        by=by,
        now=when,
        referred_to=organisation,
        referral_note="De vraag en het telefoonnummer, met toestemming",
    )


def referred_by(village, organisation, by, when):
    return help_request_create(
        village=village,
        resident=ResidentFactory(village=village),
        category=category("klus"),
        by=by,
        now=when,
        description="Hulp bij de administratie",
        needed_on=when.date(),
        channel=HelpRequest.Channel.REFERRAL,
        referred_by=organisation,
    )


def pass_on(village, organisation, by, when):
    signal = signal_create(
        resident=ResidentFactory(village=village),
        description="Mevrouw komt de deur niet meer uit",
        by=by,
        now=when,
    )
    return signal_pass_on(
        signal=signal,
        organisation=organisation,
        consent=Signal.Consent.YES,
        note="Gebeld met de ouderenadviseur",
        by=by,
        now=when,
    )


def test_referrals_to_the_organisation_count_by_village_and_year_of_referring(
    village, other_village, coordinator, wmo, elsewhere
):
    refer(village, wmo, coordinator, at(2026, 3, 2))
    refer(village, wmo, coordinator, at(2026, 1, 1, 0, 30))  # this year in Dutch time
    refer(village, wmo, coordinator, at(2025, 11, 20))
    refer(other_village, wmo, coordinator, at(2026, 5, 4))
    refer(village, elsewhere, coordinator, at(2026, 5, 4))
    assert organisation_usage(wmo, village, 2026)["referrals"] == 2
    assert organisation_usage(wmo, village, 2025)["referrals"] == 1
    assert organisation_usage(wmo, other_village, 2026)["referrals"] == 1


def test_requests_the_organisation_referred_count_by_the_day_they_came_in(
    village, other_village, coordinator, wmo, elsewhere
):
    referred_by(village, wmo, coordinator, at(2026, 2, 9))
    referred_by(village, wmo, coordinator, at(2025, 6, 16))
    referred_by(other_village, wmo, coordinator, at(2026, 2, 9))
    referred_by(village, elsewhere, coordinator, at(2026, 2, 9))
    usage = organisation_usage(wmo, village, 2026)
    assert usage["referrals_received"] == 1
    assert usage["referrals"] == 0  # referring to the desk is not being referred to
    assert organisation_usage(wmo, village, 2025)["referrals_received"] == 1


def test_signals_count_when_passed_on_to_the_organisation(
    village, other_village, coordinator, wmo, elsewhere
):
    pass_on(village, wmo, coordinator, at(2026, 4, 1))
    pass_on(village, wmo, coordinator, at(2026, 1, 1, 0, 15))  # this year in Dutch time
    pass_on(village, wmo, coordinator, at(2025, 12, 31, 23, 45))
    pass_on(other_village, wmo, coordinator, at(2026, 4, 1))
    pass_on(village, elsewhere, coordinator, at(2026, 4, 1))
    signal_create(  # still open: not passed on to anyone yet
        resident=ResidentFactory(village=village), description="Tuin verwaarloosd", by=coordinator
    )
    assert organisation_usage(wmo, village, 2026)["signals"] == 2
    assert organisation_usage(wmo, village, 2025)["signals"] == 1
    assert organisation_usage(elsewhere, village, 2026)["signals"] == 1


def test_an_organisation_nobody_used_shows_zeros_in_three_queries(
    village, wmo, django_assert_num_queries
):
    with django_assert_num_queries(3):
        usage = organisation_usage(wmo, village, 2026)
    assert usage == {"referrals": 0, "referrals_received": 0, "signals": 0}
