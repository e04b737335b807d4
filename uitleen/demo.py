"""Demo aids, loans and handouts.

Warffum lends 14 wheelchairs, 9 rollators and 4 pairs of crutches a year (the shape of
DOMAIN.md's yearly overview), in each of the two full calendar years before this one and
pro rata this year so far, like the demo's help requests; Usquert has a small cupboard.
Loans go to the demo
residents made by hulpvragen.demo; without residents only the inventory and handouts are made.
Idempotent: a village that already has aids is skipped.
"""

from __future__ import annotations

from datetime import date, timedelta

from accounts.demo import DemoContext
from hulpvragen.demo import demo_start
from hulpvragen.models import Resident

from . import services
from .models import AidItem, AidType, Condition

# village -> [(aid type code, labels, loans per year)]
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
                loans += _lend_over_the_years(ctx, items, residents, n_loans, aid_type, by)
        if residents and slug == "warffum":
            loans += _one_overdue(ctx, village, residents, by)
        for order, (name, note) in enumerate(HANDOUTS, start=1):
            handout = services.handout_create(
                village=village, name=name, note=note, order=order, by=by
            )
            if slug == "warffum" and order <= 3:
                for day in _handout_days(ctx.today):
                    services.handout_count_record(
                        handout=handout,
                        quantity=ctx.rng.randint(5, 30),
                        handed_out_on=day,
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
    last_back = item.loans.order_by("-returned_on").values_list("returned_on", flat=True).first()
    lent_on = ctx.today - timedelta(weeks=10)
    if last_back and last_back >= lent_on:
        lent_on = last_back + timedelta(days=1)
    services.loan_start(
        item=item,
        resident=ctx.rng.choice(residents),
        lent_on=lent_on,
        due_on=ctx.today - timedelta(weeks=2),
        notes="Gebeld op maandag, nog niet teruggebracht.",
        by=by,
    )
    return 1


def _handout_days(today: date) -> list[date]:
    """Three counts a year (spring, summer, autumn) since the demo starts, none in the future."""
    days = []
    for year in range(demo_start(today).year, today.year + 1):
        days += [date(year, 3, 15), date(year, 7, 1), date(year, 10, 20)]
    return [day for day in days if day <= today]


def _lend_over_the_years(ctx, items, residents, n_loans, aid_type, by) -> int:
    """`n_loans` a year on the given items, never two at once per item: in each full year
    since the demo starts, and pro rata this year so far.

    Loans that would end after today stay open.
    """
    today = ctx.today
    first = demo_start(today)
    free_from = {item.pk: first for item in items}
    made = 0
    for year in range(first.year, today.year + 1):
        year_start = date(year, 1, 1)
        year_end = min(date(year, 12, 31), today - timedelta(days=3))
        days = (year_end - year_start).days
        count = n_loans if year < today.year else round(n_loans * days / 365)
        step = days // max(count, 1)
        for number in range(count):
            start = year_start + timedelta(
                days=number * step + ctx.rng.randint(0, max(step // 2, 1))
            )
            item = min(items, key=lambda i: (free_from[i.pk], i.pk))
            start = max(start, free_from[item.pk])
            if start > year_end:
                break
            ends = start + timedelta(weeks=ctx.rng.randint(2, 10))
            loan = services.loan_start(
                item=item,
                resident=ctx.rng.choice(residents),
                lent_on=start,
                due_on=start + timedelta(weeks=aid_type.default_loan_weeks),
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
