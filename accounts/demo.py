"""Demo village data: the villages, and one login per role.

`manage.py demo_data` runs the builders listed in DEMO_BUILDERS in order. Each builder takes
the shared `DemoContext`, is deterministic (seeded) and idempotent: it skips what is there.
Later features add their own builder (`<app>/demo.py`) to the list.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from .models import Membership, User, Village
from .roles import Role

DEMO_PASSWORD = "dorpsloket-demo"  # noqa: S105 - printed on purpose for the demo
# The authenticator secret of the demo logins that need two factors (printed on purpose;
# `manage.py demo_code` prints the current code). Only the demo has a fixed secret.
DEMO_TOTP_SECRET = "DORP SLOK ETWA RFFU MDEM OCOD E234 5672"  # noqa: S105
# These demo logins have the app set up already; the Usquert coordinator has not, so the
# set-up pages can be tried too.
DEMO_TWO_FACTOR_LOGINS = ["coordinator@warffum.example", "beheer@dorpsloket.example"]

DEMO_BUILDERS = [
    "accounts.demo.build",
    "sociale_kaart.demo.build",
    "vrijwilligers.demo.build",
    "hulpvragen.demo.build",
    "uitleen.demo.build",
    "activiteiten.demo.build",
    "koppelingen.demo.build",
    "meldingen.demo.build",
]

# (slug, name, postcode areas, about how many inhabitants, desk phone, desk e-mail)
DEMO_VILLAGES = [
    ("warffum", "Warffum", ["9989"], 2000, "0595442453", "dorpsloket@warffum.example"),
    ("usquert", "Usquert", ["9988"], 1400, "0595421234", "dorpsloket@usquert.example"),
]

# (e-mail, full name, role, village slugs)
DEMO_LOGINS = [
    ("coordinator@warffum.example", "Anneke Dijkstra", Role.COORDINATOR, ["warffum"]),
    ("vrijwilliger@warffum.example", "Jan Huizinga", Role.VOLUNTEER, ["warffum"]),
    ("klankbord@warffum.example", "Grietje Bakker", Role.READER, ["warffum"]),
    ("regio@hogeland.example", "Pieter Mulder", Role.READER, ["warffum", "usquert"]),
    ("coordinator@usquert.example", "Hilda Smit", Role.COORDINATOR, ["usquert"]),
]
DEMO_ADMIN = ("beheer@dorpsloket.example", "Beheerder Dorpsloket")


@dataclass
class DemoContext:
    today: date
    rng: random.Random
    villages: dict[str, Village] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.log.append(line)


def mobile_number(draw: int) -> str:
    """A made-up mobile number from a draw of eight digits (10000000-99999999), in 061-065,
    which are mobile ranges (066 numbers are pagers, 067 and 069 are not issued). The draw
    itself stays as it was, so the rest of the demo does not change."""
    return f"06{10000000 + (draw - 10000000) % 50000000}"


def new_context(seed: int = 2024) -> DemoContext:
    return DemoContext(today=timezone.localdate(), rng=random.Random(seed))


def _demo_user(email: str, full_name: str, **extra) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, full_name=full_name, **extra)
    return user


def build(ctx: DemoContext) -> None:
    for slug, name, postcodes, _inhabitants, phone, email in DEMO_VILLAGES:
        village, _ = Village.objects.get_or_create(
            slug=slug, defaults={"name": name, "postcodes": postcodes}
        )
        if not village.desk_phone and not village.desk_email:
            # Demo databases made before the desk had a phone number get one too.
            village.desk_phone, village.desk_email = phone, email
            village.save(update_fields=["desk_phone", "desk_email"])
        ctx.villages[slug] = village
    for email, full_name, role, slugs in DEMO_LOGINS:
        user = _demo_user(email, full_name)
        for slug in slugs:
            Membership.objects.get_or_create(user=user, village=ctx.villages[slug], role=role)
        ctx.users[email] = user
    email, full_name = DEMO_ADMIN
    admin = _demo_user(email, full_name, is_staff=True, is_superuser=True)
    for village in ctx.villages.values():
        Membership.objects.get_or_create(user=admin, village=village, role=Role.BEHEERDER)
    ctx.users[email] = admin
    for email in DEMO_TWO_FACTOR_LOGINS:
        _demo_second_factor(ctx.users[email])


def _demo_second_factor(user: User) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .two_factor import TOTP_NAME, hex_key_from_base32

    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(
            user=user, name=TOTP_NAME, confirmed=True, key=hex_key_from_base32(DEMO_TOTP_SECRET)
        )


def demo_code(now: float | None = None) -> tuple[str, int]:
    """The six-digit code the demo secret gives now, and for how many more seconds.

    A code works once per login; after a login with it this gives the next one (the check
    accepts one step ahead)."""
    import time

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .two_factor import hex_key_from_base32

    key = bytes.fromhex(hex_key_from_base32(DEMO_TOTP_SECRET))
    totp = TOTP(key)
    totp.time = time.time() if now is None else now
    step = totp.t()
    used = max(
        TOTPDevice.objects.filter(user__email__in=DEMO_TWO_FACTOR_LOGINS).values_list(
            "last_t", flat=True
        ),
        default=-1,
    )
    if used >= step:
        totp.time += totp.step
    seconds_left = int(totp.step - (totp.time - totp.t0) % totp.step)
    return f"{totp.token():06d}", seconds_left
