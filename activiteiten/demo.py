"""Demo activities: what Warffum's volunteers did besides help requests, year after year.

The shape of DOMAIN.md's yearly overview, every calendar year since the demo starts (two
full years before this one, and this year as far as it has come): food-bank collection 12
volunteers, fit tests 6, loneliness pact 3, flyers 3. Each year a few other people join in.
Uses the demo volunteers made by vrijwilligers.demo; without
volunteers nothing is made. Idempotent: a village that already has activities is skipped.
"""

from __future__ import annotations

from datetime import date

from accounts.demo import DemoContext
from hulpvragen.demo import demo_start
from vrijwilligers.models import Volunteer

from . import services
from .models import Activity, ActivityKind

# (kind code, title, (month, day), how many days, volunteers (index range into the pool),
# signal)
WARFFUM = [
    ("voedselbankcollecte", "Collecte voedselbank bij de Spar", (3, 8), 2, (0, 8), ""),
    ("fittest", "Fittest voor 65-plussers in De Wierde", (4, 16), 1, (8, 14), ""),
    (
        "eenzaamheidspact",
        "Eenzaamheidspact: koffie aan huis",
        (6, 4),
        1,
        (14, 17),
        "Vrijwilligers zagen dat oudere alleenstaanden weinig bezoek krijgen.",
    ),
    ("flyerronde", "Flyers dorpsloket langs de deuren", (8, 26), 3, (17, 20), ""),
    ("voedselbankcollecte", "Collecte voedselbank najaar", (10, 31), 2, (4, 12), ""),
]
USQUERT = [
    ("koffieochtend", "Koffieochtend in het dorpshuis", (9, 5), 1, (0, 3), ""),
]
SHIFT_PER_YEAR = 3  # how many places in the pool the volunteers move up each year


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
        kinds = {kind.code: kind for kind in ActivityKind.objects.all()}
        for year in range(demo_start(ctx.today).year, ctx.today.year + 1):
            shift = (year - ctx.today.year) * SHIFT_PER_YEAR
            for code, title, (month, day), days, (first, last), signal in plan:
                starts_on = date(year, month, day)
                if code not in kinds or starts_on >= ctx.today:
                    continue
                ends_on = date.fromordinal(starts_on.toordinal() + days - 1)
                services.activity_create(
                    village=village,
                    kind=kinds[code],
                    title=title,
                    starts_on=starts_on,
                    ends_on=ends_on if days > 1 and ends_on < ctx.today else None,
                    from_signal=bool(signal),
                    signal_note=signal,
                    # With a small registry the ranges wrap around: people join more than
                    # once.
                    volunteers={pool[(i + shift) % len(pool)] for i in range(first, last)},
                    by=by,
                )
                made += 1
        ctx.say(f"{village.name}: {made} activiteiten buiten hulpvragen")
