"""Factories for help requests and residents (Dutch fake data)."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from hulpvragen.lifecycle import Status
from hulpvragen.models import HelpCategory, HelpRequest, Resident, StatusChange
from tests.factories import VillageFactory


def ensure_defaults() -> None:
    """The data migrations' rows (categories, reason codes). Browser tests flush the
    database after each test, data migrations included, so put them back when needed."""
    from importlib import import_module

    from django.apps import apps

    for name in ("0002_default_categories", "0004_default_reason_codes"):
        import_module(f"hulpvragen.migrations.{name}").add_defaults(apps, None)


def category(code: str = "klus") -> HelpCategory:
    """One of the default categories (migration 0002)."""
    found = HelpCategory.objects.filter(code=code).first()
    if found is None:
        ensure_defaults()
        found = HelpCategory.objects.get(code=code)
    return found


class ResidentFactory(DjangoModelFactory):
    class Meta:
        model = Resident

    village = factory.SubFactory(VillageFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    street = factory.Iterator(["Hoofdstraat", "Schoolstraat", "Molenstraat", "Torumweg"])
    house_number = factory.Sequence(lambda n: n + 1)
    postcode = factory.LazyAttribute(lambda o: f"{(o.village.postcodes or ['9989'])[0]} AB")
    place = factory.LazyAttribute(lambda o: o.village.name)
    phone = factory.Sequence(lambda n: f"06{10000000 + n % 50000000}")  # 061…065: mobile


class HelpRequestFactory(DjangoModelFactory):
    class Meta:
        model = HelpRequest
        skip_postgeneration_save = True

    village = factory.SelfAttribute("resident.village")
    resident = factory.SubFactory(ResidentFactory)
    category = factory.LazyFunction(lambda: category("klus"))
    description = "Lamp in de gang vervangen"
    needed_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=2))
    status = Status.NEW

    @factory.post_generation
    def logbook(obj, create, extracted, **kwargs):
        if create:
            StatusChange.objects.create(
                village=obj.village, help_request=obj, from_status="", kind=obj.status
            )


def transport_request(**kwargs) -> HelpRequest:
    kwargs.setdefault("category", category("vervoer"))
    kwargs.setdefault("description", "Naar het ziekenhuis")
    kwargs.setdefault("destination_text", "Martini Ziekenhuis Groningen")
    kwargs.setdefault("distance_km", 25)
    return HelpRequestFactory(**kwargs)


def an_organisation(village, **kwargs):
    """An organisation on the village's social map (sociale_kaart's factory)."""
    from tests.sociale_kaart.factories import OrganisationFactory

    return OrganisationFactory(villages=[village], **kwargs)
