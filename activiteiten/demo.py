"""Demo activities: what Warffum's volunteers did besides help requests last year.

The shape of DOMAIN.md's yearly overview: food-bank collection 12 volunteers, fit tests 6,
loneliness pact 3, flyers 3. Uses the demo volunteers made by vrijwilligers.demo; without
volunteers nothing is made. Idempotent: a village that already has activities is skipped.
"""

from __future__ import annotations

from datetime import timedelta

from accounts.demo import DemoContext
from vrijwilligers.models import Volunteer

from . import services
from .models import Activity, ActivityKind

# (kind code, title, days ago, how many days, volunteers (index range into the pool), signal)
WARFFUM = [
    ("voedselbankcollecte", "Collecte voedselbank bij de Spar", 300, 2, (0, 8), ""),
    ("fittest", "Fittest voor 65-plussers in De Wierde", 250, 1, (8, 14), ""),
    (
        "eenzaamheidspact",
        "Eenzaamheidspact: koffie aan huis",
        200,
        1,
        (14, 17),
        "Vrijwilligers zagen dat oudere alleenstaanden weinig bezoek krijgen.",
    ),
    ("flyerronde", "Flyers dorpsloket langs de deuren", 120, 3, (17, 20), ""),
    ("voedselbankcollecte", "Collecte voedselbank najaar", 60, 2, (4, 12), ""),
]
USQUERT = [
    ("koffieochtend", "Koffieochtend in het dorpshuis", 90, 1, (0, 3), ""),
]


def build(ctx: DemoContext) -> None:
    for slug, plan in (("warffum", WARFFUM), ("usquert", USQUERT)):
        village = ctx.villages.get(slug)
        if village is None or Activity.objects.filter(village=village).exists():
            continue
        pool = list(
            Volunteer.objects.filter(village=village).exclude(status="stopped").order_by("pk")
        )
        if not pool:
            ctx.say(f"{village.name}: geen activiteiten (geen vrijwilligers)")
            continue
        ctx.rng.shuffle(pool)
        by = ctx.users.get(f"coordinator@{slug}.example")
        made = 0
        for code, title, days_ago, days, (first, last), signal in plan:
            kind = ActivityKind.objects.filter(code=code).first()
            if kind is None:
                continue
            starts_on = ctx.today - timedelta(days=days_ago)
            services.activity_create(
                village=village,
                kind=kind,
                title=title,
                starts_on=starts_on,
                ends_on=starts_on + timedelta(days=days - 1) if days > 1 else None,
                from_signal=bool(signal),
                signal_note=signal,
                # With a small registry the ranges wrap around: people join more than once.
                volunteers={pool[i % len(pool)] for i in range(first, last)},
                by=by,
            )
            made += 1
        ctx.say(f"{village.name}: {made} activiteiten buiten hulpvragen")
