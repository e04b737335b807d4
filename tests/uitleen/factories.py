"""Factories for lending and handouts (and a minimal resident, owned by hulpvragen)."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from hulpvragen.models import Resident
from tests.factories import VillageFactory
from uitleen.models import AidItem, AidType, Handout, Loan


def aid_type(code: str) -> AidType:
    """One of the default kinds of aid (made by the data migration; made again here after a
    transactional test has flushed the database)."""
    return AidType.objects.get_or_create(code=code, defaults={"name": code.capitalize()})[0]


class ResidentFactory(DjangoModelFactory):
    class Meta:
        model = Resident

    village = factory.SubFactory(VillageFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    street = "Hoofdstraat"
    house_number = factory.Sequence(lambda n: n + 1)
    postcode = "9989 AB"
    place = "Warffum"


class AidItemFactory(DjangoModelFactory):
    class Meta:
        model = AidItem

    village = factory.SubFactory(VillageFactory)
    aid_type = factory.LazyFunction(lambda: aid_type("rollator"))
    label = factory.Sequence(lambda n: f"Hulpmiddel {n}")


class LoanFactory(DjangoModelFactory):
    """A loan row as-is; tests of the rules go through services.loan_start instead."""

    class Meta:
        model = Loan

    item = factory.SubFactory(AidItemFactory)
    village = factory.SelfAttribute("item.village")
    resident = factory.SubFactory(ResidentFactory, village=factory.SelfAttribute("..village"))
    lent_on = date(2025, 3, 1)


class HandoutFactory(DjangoModelFactory):
    class Meta:
        model = Handout

    village = factory.SubFactory(VillageFactory)
    name = factory.Sequence(lambda n: f"Folder {n}")
