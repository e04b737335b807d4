"""Benchmark of the yearly overview: generate years of history, time build_overview.

    .venv/bin/python bench/jaaroverzicht.py                      # 50 villages, 10 years, SQLite
    .venv/bin/python bench/jaaroverzicht.py --villages 5 --years 2   # quick
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dl_bench .venv/bin/python bench/jaaroverzicht.py

Writes into a throwaway database (default sqlite:////tmp/dorpsloket-bench.sqlite3, or
DATABASE_URL), refusing one that holds anything but benchmark villages. Rows go in with
bulk_create, the way an import of old logbooks would leave them. Not a test (no test_ prefix):
run it by hand, see bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/dorpsloket-bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dorpsloket.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

BATCH = 2000


def parse():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--requests", type=int, default=150, help="per village per year")
    parser.add_argument("--volunteers", type=int, default=150, help="per village")
    parser.add_argument("--repeat", type=int, default=3, help="timings per measurement")
    parser.add_argument("--reuse", action="store_true", help="keep existing benchmark data")
    parser.add_argument("--seed", type=int, default=2024)
    return parser.parse_args()


def moment(day: date, rng) -> datetime:
    from accounts.calendar import AMSTERDAM

    return datetime(
        day.year, day.month, day.day, rng.randint(8, 22), rng.randint(0, 59), tzinfo=AMSTERDAM
    )


def generate(args, rng):  # noqa: C901 - one linear recipe
    from accounts.models import Village
    from activiteiten.models import Activity, ActivityKind
    from hulpvragen.models import HelpCategory, HelpRequest, ReasonCode, Resident, StatusChange
    from koppelingen.models import Assignment, Signal
    from sociale_kaart.models import Organisation, OrganisationKind
    from uitleen.models import AidItem, AidType, Loan
    from vrijwilligers.models import Volunteer

    today = date.today()
    first_year = today.year - args.years
    categories = list(HelpCategory.objects.all())
    reasons = {
        code: list(ReasonCode.objects.filter(applies_to=code))
        for code in ("informed", "referred", "rejected", "cancelled")
    }
    kinds = list(ActivityKind.objects.all())
    aid_types = list(AidType.objects.all())
    orgs = Organisation.objects.bulk_create(
        [Organisation(name=f"Bench organisatie {k}", kind=k) for k in OrganisationKind.values]
    )
    villages = Village.objects.bulk_create(
        [
            Village(name=f"Benchdorp {i:03d}", slug=f"bench-{i:03d}", postcodes=[str(9000 + i)])
            for i in range(args.villages)
        ]
    )
    for village in villages:
        residents = Resident.objects.bulk_create(
            [
                Resident(
                    village=village,
                    first_name="Inwoner",
                    last_name=str(n),
                    street="Dorpsstraat",
                    house_number=n + 1,
                    postcode=f"{village.postcodes[0]} AA",
                    place=village.name,
                )
                for n in range(max(50, args.requests // 2))
            ]
        )
        vols = Volunteer.objects.bulk_create(
            [
                Volunteer(
                    village=village,
                    first_name="Vrijwilliger",
                    last_name=str(n),
                    registered_on=date(first_year - 2, 1, 1)
                    + timedelta(days=rng.randint(0, 365 * (args.years + 2))),
                    status="active",
                )
                for n in range(args.volunteers)
            ]
        )
        for vol in rng.sample(vols, len(vols) // 8):
            vol.stopped_on = min(today, vol.registered_on + timedelta(days=rng.randint(100, 2000)))
            vol.status, vol.stop_reason = "stopped", "other"
        Volunteer.objects.bulk_update(vols, ["stopped_on", "status", "stop_reason"])
        requests, outcomes = [], []
        for year in range(first_year, today.year + 1):
            for _ in range(args.requests):
                day = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
                if day > today:
                    continue
                intake = moment(day, rng)
                roll = rng.random()
                recurring = roll < 0.08
                if recurring:
                    status = rng.choice(["active", "ended", "paused"])
                elif roll < 0.78:
                    status = rng.choice(["done", "closed", "closed"])
                else:
                    status = rng.choice(["informed", "referred", "rejected", "cancelled"])
                channel = rng.choices(
                    ["telefoon", "email", "inloop", "signaal", "doorverwijzing"], [70, 10, 8, 4, 8]
                )[0]
                requests.append(
                    HelpRequest(
                        village=village,
                        resident=rng.choice(residents),
                        category=rng.choice(categories),
                        description="Bench",
                        channel=channel,
                        referred_by=rng.choice(orgs) if channel == "doorverwijzing" else None,
                        needed_on=None if recurring else day + timedelta(days=rng.randint(0, 10)),
                        volunteers_needed=3 if rng.random() < 0.04 else 1,
                        is_recurring=recurring,
                        recurrence_start=day + timedelta(days=7) if recurring else None,
                        status=status,
                        status_changed_at=intake,
                        created_at=intake,
                        referred_to=rng.choice(orgs) if status == "referred" else None,
                    )
                )
                outcomes.append(intake)
        requests = HelpRequest.objects.bulk_create(requests, batch_size=BATCH)
        changes, matches = [], []
        for request in requests:
            intake = request.created_at
            changes.append(
                StatusChange(village=village, help_request=request, kind="new", at=intake)
            )
            later = intake + timedelta(hours=rng.randint(2, 200))
            if request.status in reasons:
                changes.append(
                    StatusChange(
                        village=village,
                        help_request=request,
                        kind=request.status,
                        at=later,
                        reason=rng.choice(reasons[request.status])
                        if reasons[request.status]
                        else None,
                    )
                )
                continue
            if request.is_recurring:
                changes.append(
                    StatusChange(village=village, help_request=request, kind="active", at=later)
                )
                if request.status == "ended":
                    changes.append(
                        StatusChange(
                            village=village,
                            help_request=request,
                            kind="ended",
                            at=later + timedelta(days=rng.randint(30, 900)),
                        )
                    )
            helpers = rng.sample(vols, request.volunteers_needed)
            for n, vol in enumerate(helpers):
                matches.append(
                    Assignment(
                        village=village,
                        help_request=request,
                        volunteer=vol,
                        resident_id=request.resident_id,
                        task_date=request.needed_on,
                        accepted_at=later + timedelta(hours=n),
                        status="active" if request.is_recurring else "done",
                    )
                )
        StatusChange.objects.bulk_create(changes, batch_size=BATCH)
        Assignment.objects.bulk_create(matches, batch_size=BATCH)
        # Activities, loans and signals: a few per year.
        items = AidItem.objects.bulk_create(
            [
                AidItem(village=village, aid_type=t, label=f"{t.name} {n}")
                for t in aid_types
                for n in range(3)
            ]
        )
        through = Activity.volunteers.through
        for year in range(first_year, today.year + 1):
            acts = Activity.objects.bulk_create(
                [
                    Activity(
                        village=village,
                        kind=rng.choice(kinds),
                        starts_on=date(year, rng.randint(1, 12), 1),
                    )
                    for _ in range(6)
                ]
            )
            through.objects.bulk_create(
                [
                    through(activity_id=a.pk, volunteer_id=v.pk)
                    for a in acts
                    for v in rng.sample(vols, 5)
                ],
                ignore_conflicts=True,
            )
            loans = []
            for n, item in enumerate(items):
                start = date(year, 1, 1) + timedelta(days=n * 3)
                loans.append(
                    Loan(
                        village=village,
                        item=item,
                        resident=rng.choice(residents),
                        lent_on=start,
                        returned_on=start + timedelta(days=30),
                    )
                )
            Loan.objects.bulk_create(loans)
            Signal.objects.bulk_create(
                [
                    Signal(
                        village=village,
                        resident=rng.choice(residents),
                        description="Bench",
                        status="passed_on",
                        passed_to=rng.choice(orgs),
                        passed_on_at=moment(date(year, rng.randint(1, 12), 10), rng),
                    )
                    for _ in range(5)
                ]
            )
        print(
            f"  {village.name}: {len(requests)} requests, {len(changes)} logbook rows", flush=True
        )
    return villages


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main():
    args = parse()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries

    from accounts.models import Village
    from rapportage.overview import build_overview

    db = settings.DATABASES["default"]
    if Path(str(db["NAME"])).resolve() == (ROOT / "db.sqlite3").resolve():
        sys.exit(
            "Refusing to fill the project's db.sqlite3: set DATABASE_URL to a throwaway database."
        )
    call_command("migrate", verbosity=0)
    others = Village.objects.exclude(slug__startswith="bench-")
    if others.exists():
        sys.exit(f"Refusing: {db['NAME']} holds villages that are not benchmark villages.")
    rng = random.Random(args.seed)
    if not (args.reuse and Village.objects.exists()):
        if Village.objects.exists():
            sys.exit("Benchmark data exists: pass --reuse, or remove the database first.")
        print(f"Generating {args.villages} villages × {args.years} years into {db['NAME']} …")
        start = time.perf_counter()
        generate(args, rng)
        print(f"Generated in {time.perf_counter() - start:.1f} s")
    villages = list(Village.objects.order_by("slug"))
    year = datetime.now().year - 1
    from hulpvragen.models import HelpRequest

    engine = db["ENGINE"].rsplit(".", 1)[-1]
    print(f"{HelpRequest.objects.count()} requests in {len(villages)} villages ({engine})")
    settings.DEBUG = True
    for label, chosen in (
        ("one village", villages[:1]),
        (f"whole region ({len(villages)} villages)", villages),
    ):
        reset_queries()
        build_overview(chosen, year)
        queries = len(connection.queries)
        best, median = timed(lambda chosen=chosen: build_overview(chosen, year), args.repeat)
        print(
            f"Overview {year} beside {year - 1}, {label}: best {best * 1000:.0f} ms, "
            f"median {median * 1000:.0f} ms, {queries} queries"
        )


if __name__ == "__main__":
    main()
