"""Writes for villages and people."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import Membership, User, Village, validate_postcode_area
from .roles import Role


def parse_postcode_areas(raw: str) -> list[str]:
    """ "9991, 9992 AB,9993" -> ["9991", "9992", "9993"] (unique, in the order given)."""
    areas: list[str] = []
    for part in raw.replace(";", ",").split(","):
        digits = "".join(ch for ch in part if ch.isdigit())[:4]
        if digits and digits not in areas:
            validate_postcode_area(digits)
            areas.append(digits)
    return areas


@transaction.atomic
def village_setup(
    *,
    name: str,
    slug: str,
    postcodes: list[str],
    coordinator_email: str,
    desk_phone: str | None = None,
    desk_email: str | None = None,
) -> tuple[Village, User, bool]:
    """Create or update a village and make sure it has this coordinator.

    The desk's phone number and e-mail address are only changed when given (None keeps
    what the coordinators may have set on the settings page since).
    Returns the village, the coordinator and whether the user account was new.
    """
    village, _created = Village.objects.get_or_create(slug=slug, defaults={"name": name})
    village.name = name
    village.postcodes = postcodes
    if desk_phone is not None:
        village.desk_phone = desk_phone
    if desk_email is not None:
        village.desk_email = desk_email
    village.full_clean()
    village.save()

    email = User.objects.normalize_email(coordinator_email).lower()
    user = User.objects.filter(email__iexact=email).first()
    user_created = user is None
    if user_created:
        user = User(email=email)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    Membership.objects.get_or_create(user=user, village=village, role=Role.COORDINATOR)
    return village, user, user_created


@transaction.atomic
def village_desk_contact_update(*, village: Village, phone: str, email: str) -> Village:
    """Set how residents and volunteers reach the desk (shown on error pages and in e-mails).

    The phone number is stored as ten digits (see accounts.dutch.normalise_phone).
    """
    village.desk_phone = phone
    village.desk_email = email
    village.full_clean()
    village.save(update_fields=["desk_phone", "desk_email"])
    return village


def password_setting_link(user: User) -> str:
    """A one-time link (it expires after PASSWORD_RESET_TIMEOUT) to choose a password."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"
