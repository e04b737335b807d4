"""Factories for the social map."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from sociale_kaart.models import (
    ContactPerson,
    OpeningPeriod,
    Organisation,
    OrganisationDistance,
    OrganisationKind,
    Theme,
)


def theme(code: str) -> Theme:
    """One of the default themes (the data migration creates them; --nomigrations does not)."""
    return Theme.objects.get_or_create(code=code, defaults={"name": code.capitalize()})[0]


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Stichting Voorbeeld {n}")
    kind = OrganisationKind.WELFARE
    services = "Koffieochtend\nHulp bij formulieren"
    street_address = factory.Faker("street_address")
    postcode = "9989 AB"
    town = "Warffum"
    phone = "0595 123 456"

    @factory.post_generation
    def villages(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.villages.set(extracted)

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)


class ContactPersonFactory(DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Faker("name")
    role = "Consulent"
    phone = "06 12345678"


class OrganisationDistanceFactory(DjangoModelFactory):
    class Meta:
        model = OrganisationDistance

    organisation = factory.SubFactory(OrganisationFactory)
    km = Decimal("12.5")


class OpeningPeriodFactory(DjangoModelFactory):
    class Meta:
        model = OpeningPeriod

    organisation = factory.SubFactory(OrganisationFactory)
    weekday = 1
    opens_at = "09:00"
    closes_at = "12:00"


def listed_names(response) -> list[str]:
    """The organisations the social map's list shows, in order, by their cards' headings."""
    import html
    import re

    found = re.findall(
        r'<h2 class="h4 card-title mb-1"><a href="[^"]*">([^<]*)</a></h2>',
        response.content.decode(),
    )
    return [html.unescape(name) for name in found]
