"""Factories for the volunteer registry."""

import factory
from factory.django import DjangoModelFactory

from tests.factories import VillageFactory
from vrijwilligers.availability import VolunteerStatus
from vrijwilligers.channels import default_channel
from vrijwilligers.models import Absence, AvailabilitySlot, Volunteer


class VolunteerFactory(DjangoModelFactory):
    class Meta:
        model = Volunteer
        skip_postgeneration_save = True

    village = factory.SubFactory(VillageFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"vrijwilliger{n}@example.org")
    phone = factory.Sequence(lambda n: f"06{10000000 + n % 50000000}")  # 061…065: mobile
    # Today's behaviour, as the data migration sets it: e-mail, else SMS to a mobile, else a call.
    contact_channel = factory.LazyAttribute(lambda o: default_channel(email=o.email, phone=o.phone))
    street = "Hoofdstraat"
    house_number = factory.Sequence(lambda n: str(n % 200 + 1))
    postcode = "9989 AB"
    place = "Warffum"
    status = VolunteerStatus.ACTIVE

    @factory.post_generation
    def slots(obj, create, extracted, **kwargs):
        """VolunteerFactory(slots=[(0, "morning"), …])."""
        if create and extracted:
            AvailabilitySlot.objects.bulk_create(
                [AvailabilitySlot(volunteer=obj, weekday=d, daypart=p) for d, p in extracted]
            )

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.categories.set(extracted)


class AbsenceFactory(DjangoModelFactory):
    class Meta:
        model = Absence

    volunteer = factory.SubFactory(VolunteerFactory)
    village = factory.SelfAttribute("volunteer.village")
    starts_on = factory.Faker("date_this_year")
    ends_on = factory.SelfAttribute("starts_on")
