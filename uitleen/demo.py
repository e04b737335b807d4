"""Demo aids, loans and handouts.

Warffum lent 14 wheelchairs, 9 rollators and 4 pairs of crutches over the last year (the
shape of DOMAIN.md's yearly overview); Usquert has a small cupboard. Loans go to the demo
residents made by hulpvragen.demo; without residents only the inventory and handouts are made.
Idempotent: a village that already has aids is skipped.
"""

from __future__ import annotations

from datetime import timedelta

from accounts.demo import DemoContext
from hulpvragen.models import Resident

from . import services
from .models import AidItem, AidType, Condition

# village -> [(aid type code, labels, loans over the last year)]
PLANS = {
    "warffum": [
        ("rolstoel", ["Rolstoel 1", "Rolstoel 2", "Rolstoel 3", "Rolstoel 4"], 14),
        ("rollator", ["Rollator 1", "Rollator 2", "Rollator 3"], 9),
        ("krukken", ["Krukken 1", "Krukken 2"], 4),
        ("douchestoel", ["Douchestoel 1"], 1),
    ],
    "usquert": [
        ("rolstoel", ["Rolstoel U1"], 3),
        ("rollator", ["Rollator U1"], 2),
    ],
}
HANDOUTS = [
    ("Ja/nee-sticker", "Voor op de brievenbus."),
    ("Nee/nee-sticker", "Voor op de brievenbus."),
    ("Poepzakjes", "Gratis van de gemeente."),
    ("Folder Wmo-loket gemeente Het Hogeland", ""),
    ("Folder Vervoer op maat", ""),
]
# Loans last two to ten weeks; a wheelchair after a fall, a rollator while recovering.
LOAN_NOTES = [
    "",
    "",
    "Na een val, tot de fysio klaar is.",
    "Voor een bruiloft in de familie.",
    "Tijdelijk, in afwachting van hulpmiddel via de Wmo.",
    "Na heupoperatie.",
    "",
]


def build(ctx: DemoContext) -> None:
    coordinators = {
        "warffum": ctx.users.get("coordinator@warffum.example"),
        "usquert": ctx.users.get("coordinator@usquert.example"),
    }
    for slug, plan in PLANS.items():
        village = ctx.villages.get(slug)
        if village is None or AidItem.objects.filter(village=village).exists():
            continue
        by = coordinators.get(slug)
        residents = list(Resident.objects.filter(village=village).order_by("pk"))
        loans = 0
        for code, labels, n_loans in plan:
            aid_type = AidType.objects.filter(code=code).first()
            if aid_type is None:
                continue
            items = [
                services.aid_item_create(
                    village=village,
                    aid_type=aid_type,
                    label=label,
                    condition=ctx.rng.choice([Condition.GOOD, Condition.GOOD, Condition.FAIR]),
                    by=by,
                )
                for label in labels
            ]
            if residents:
                loans += _lend_over_the_year(ctx, items, residents, n_loans, aid_type, by)
        if residents and slug == "warffum":
            loans += _one_overdue(ctx, village, residents, by)
        for order, (name, note) in enumerate(HANDOUTS, start=1):
            handout = services.handout_create(
                village=village, name=name, note=note, order=order, by=by
            )
            if slug == "warffum" and order <= 3:
                for months_ago in (9, 5, 2):
                    services.handout_count_record(
                        handout=handout,
                        quantity=ctx.rng.randint(5, 30),
                        handed_out_on=ctx.today - timedelta(days=30 * months_ago),
                        by=by,
                    )
        if residents:
            ctx.say(f"{village.name}: {loans} uitleningen van hulpmiddelen")
        else:
            ctx.say(f"{village.name}: hulpmiddelen zonder uitleningen (geen inwoners)")


def _one_overdue(ctx, village, residents, by) -> int:
    """A shower chair that should have come back two weeks ago (for the overdue list)."""
    item = AidItem.objects.filter(village=village, label="Douchestoel 1").first()
    if item is None or not item.is_available:
        return 0
    services.loan_start(
        item=item,
        resident=ctx.rng.choice(residents),
        lent_on=ctx.today - timedelta(weeks=10),
        due_on=ctx.today - timedelta(weeks=2),
        notes="Gebeld op maandag, nog niet teruggebracht.",
        by=by,
    )
    return 1


def _lend_over_the_year(ctx, items, residents, n_loans, aid_type, by) -> int:
    """Spread `n_loans` over the last year on the given items, never two at once per item.

    Loans that would end after today stay open; the last one of a kind may be overdue.
    """
    today = ctx.today
    free_from = {item.pk: today - timedelta(days=365) for item in items}
    step = 350 // max(n_loans, 1)
    made = 0
    for number in range(n_loans):
        start = today - timedelta(days=355 - number * step - ctx.rng.randint(0, max(step // 2, 1)))
        item = min(items, key=lambda i: (free_from[i.pk], i.pk))
        start = max(start, free_from[item.pk])
        if start > today - timedelta(days=3):
            break
        due_on = start + timedelta(weeks=aid_type.default_loan_weeks)
        ends = start + timedelta(weeks=ctx.rng.randint(2, 10))
        loan = services.loan_start(
            item=item,
            resident=ctx.rng.choice(residents),
            lent_on=start,
            due_on=due_on,
            notes=ctx.rng.choice(LOAN_NOTES),
            by=by,
        )
        made += 1
        if ends < today:
            services.loan_return(loan=loan, returned_on=ends, by=by)
            free_from[item.pk] = ends + timedelta(days=1)
        else:
            free_from[item.pk] = today + timedelta(days=3650)  # stays out
    return made
