from datetime import time, timedelta

import pytest
from django.utils import timezone

from hulpvragen.lifecycle import Status
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory, category

from .factories import MatchableVolunteerFactory


@pytest.fixture
def resident(village):
    return ResidentFactory(
        village=village,
        first_name="Aaltje",
        last_name="Wierenga",
        street="Hoofdstraat",
        house_number=7,
        postcode="9989 AB",
        phone="0595123456",
    )


@pytest.fixture
def ride(resident):
    return HelpRequestFactory(
        village=resident.village,
        resident=resident,
        category=category("vervoer"),
        description="Naar de polikliniek oogheelkunde",
        destination_text="Martini Ziekenhuis Groningen",
        distance_km=25,
        needed_on=timezone.localdate() + timedelta(days=3),
        time_from=time(9, 30),
        status=Status.SEARCHING,
    )


@pytest.fixture
def make_volunteer(village):
    def make(**kwargs):
        kwargs.setdefault("village", village)
        kwargs.setdefault("offers", [category("vervoer"), category("klus")])
        return MatchableVolunteerFactory(**kwargs)

    return make


from tests.meldingen.fake_cm import cm  # noqa: E402, F401 - the fake CM.com gateway
