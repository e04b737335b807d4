"""Volunteers ready to be matched, and helpers to build matching history."""

import factory
from factory.django import DjangoModelFactory

from vrijwilligers.availability import Daypart, VolunteerStatus
from vrijwilligers.channels import default_channel
from vrijwilligers.models import AvailabilitySlot, Volunteer


class MatchableVolunteerFactory(DjangoModelFactory):
    """An active volunteer with a car who offers the given categories every day, all day."""

    class Meta:
        model = Volunteer
        skip_postgeneration_save = True

    village = None
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"vrijwilliger{n}@example.org")
    phone = factory.Sequence(lambda n: f"06{50000000 + n}")
    # Today's behaviour, as the data migration sets it: e-mail, else SMS to a mobile, else a call.
    contact_channel = factory.LazyAttribute(lambda o: default_channel(email=o.email, phone=o.phone))
    street = "Noorderstraat"
    house_number = factory.Sequence(lambda n: str(n + 1))
    postcode = "9989 CD"
    place = "Warffum"
    status = VolunteerStatus.ACTIVE
    has_car = True
    max_km = 60

    @factory.post_generation
    def offers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.categories.set(extracted)

    @factory.post_generation
    def every_day(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            AvailabilitySlot.objects.bulk_create(
                AvailabilitySlot(volunteer=obj, weekday=day, daypart=part)
                for day in range(7)
                for part in Daypart.values
            )
