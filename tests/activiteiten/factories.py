"""Factories for activities (and a minimal volunteer, owned by vrijwilligers)."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from activiteiten.models import Activity, ActivityKind
from tests.factories import VillageFactory
from vrijwilligers.models import Volunteer


def kind(code: str) -> ActivityKind:
    """One of the default kinds of activity (made by the data migration; made again here after
    a transactional test has flushed the database)."""
    return ActivityKind.objects.get_or_create(code=code, defaults={"name": code.capitalize()})[0]


class VolunteerFactory(DjangoModelFactory):
    class Meta:
        model = Volunteer

    village = factory.SubFactory(VillageFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    status = "active"


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    village = factory.SubFactory(VillageFactory)
    kind = factory.LazyFunction(lambda: kind("voedselbankcollecte"))
    starts_on = date(2025, 3, 15)

    @factory.post_generation
    def volunteers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.volunteers.set(extracted)
