"""Factories for the whole project (factory_boy, Dutch fake data)."""

import factory
from factory.django import DjangoModelFactory

from accounts.models import Membership, User, Village
from accounts.roles import Role

factory.Faker._DEFAULT_LOCALE = "nl_NL"

TEST_PASSWORD = "een-lang-testwachtwoord"  # noqa: S105


class VillageFactory(DjangoModelFactory):
    class Meta:
        model = Village
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Dorp {n}")
    slug = factory.Sequence(lambda n: f"dorp-{n}")
    postcodes = factory.Sequence(lambda n: [str(9900 + n % 99)])


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    village = factory.SubFactory(VillageFactory)
    role = Role.COORDINATOR


def user_with_role(
    role: str, *villages: Village, second_factor: bool | None = None, **user_kwargs
) -> User:
    """A user with this role in these villages. Coordinators and beheerders have set up
    their second factor (as they must) unless `second_factor=False`."""
    user = UserFactory(**user_kwargs)
    for village in villages:
        MembershipFactory(user=user, village=village, role=role)
    if second_factor is None:
        second_factor = role in (Role.COORDINATOR, Role.BEHEERDER) or user.is_staff
    if second_factor:
        from .two_factor import give_second_factor

        give_second_factor(user)
    return user
