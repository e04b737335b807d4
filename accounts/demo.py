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
