"""Benchmark of the week planner against asking one by one (koppelingen/planning.py).

    .venv/bin/python bench/planner.py                      # both scenarios, 8 weeks each
    .venv/bin/python bench/planner.py --weeks 4 --seed 3

Builds the planner's pure input (`planning.WeekFacts`) directly, no database: generated weeks
of 150 volunteers and 40 requests in one village, and a region of ten villages (15 volunteers
and 4 requests each) where drivers also take requests in one or two neighbouring villages.
Each scenario runs several weeks in a row: after each week, whoever was planned counts as
asked and deployed (everyone says yes, so both ways are compared on the allocation alone),
and the next week's facts carry that load, as the ranking would read it.

Printed side by side, for the planner (CP-SAT) and for greedy matching with the existing
ranking (request by request, the top candidate still free, the ask counted before the next):

- time to plan one week (the slowest week; the target is 2 seconds);
- coverage: places filled, of the places that someone could fill;
- fairness over all the weeks: the Gini coefficient of tasks per volunteer (0 = everyone the
  same), the most tasks for one volunteer, and the share of volunteers never asked.

Not a test: run it by hand (see bench/README.md).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/dorpsloket-bench-planner.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dorpsloket.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

RIDE, JOB, VISIT = 1, 2, 3
DAYPARTS = ("morning", "afternoon", "evening")


@dataclass
class Person:
    pk: int
    village: int
    offers: frozenset
    has_car: bool
    max_km: Decimal | None
    wheelchair: bool
    cap: int | None
    slots: frozenset
    willing: bool  # signed up eagerly: many categories, many slots
    paused_weeks: set = field(default_factory=set)
    asked_on: list = field(default_factory=list)  # dates asked
    tasks_on: list = field(default_factory=list)  # dates of tasks
    postcode_area: int = 0


def people(rng: random.Random, n: int, villages: int) -> list[Person]:
    out = []
    for pk in range(1, n + 1):
        willing = rng.random() < 0.25
        offers = {c for c, p in ((RIDE, 0.5), (JOB, 0.4), (VISIT, 0.35)) if rng.random() < p}
        if willing:
            offers |= {RIDE, JOB}
        slot_p = 0.45 if willing else 0.15
        slots = frozenset((d, part) for d in range(7) for part in DAYPARTS if rng.random() < slot_p)
        has_car = RIDE in offers and rng.random() < 0.9
        out.append(
            Person(
                pk=pk,
                village=(pk - 1) % villages,
                offers=frozenset(offers),
                has_car=has_car,
                max_km=rng.choice([Decimal(10), Decimal(25), Decimal(50), None]),
                wheelchair=has_car and rng.random() < 0.2,
                cap=rng.choice([None, 2, 3, 4, 6]),
                slots=slots,
                willing=willing,
                paused_weeks={w for w in range(20) if rng.random() < 0.05},
                postcode_area=rng.randrange(12),
            )
        )
    return out


@dataclass(frozen=True)
class Request:
    pk: int
    village: int
    category: int
    day: int  # 0..6 from the week's Monday
    hour: int
    distance: Decimal | None
    wheelchair: bool
    seats: int
    resident: int
    postcode_area: int


def requests(rng, n: int, villages: int, week: int) -> list[Request]:
    out = []
    for i in range(n):
        category = rng.choices([RIDE, JOB, VISIT], weights=[6, 3, 1])[0]
        out.append(
            Request(
                pk=week * 1000 + i + 1,
                village=i % villages,
                category=category,
                day=rng.choices(range(7), weights=[5, 5, 5, 5, 5, 1, 1])[0],
                hour=rng.choice([8, 9, 9, 10, 10, 11, 13, 14, 14, 15, 16, 19]),
                distance=Decimal(rng.choice([2, 4, 8, 15, 25, 35, 45]))
                if category == RIDE
                else None,
                wheelchair=category == RIDE and rng.random() < 0.1,
                seats=2 if rng.random() < 0.05 else 1,
                resident=rng.randrange(1, 90),
                postcode_area=rng.randrange(12),
            )
        )
    return out


def reachable(person: Person, request: Request, villages: int) -> tuple[bool, Decimal | None]:
    """Whether a volunteer takes requests in that village, and how far they live from the
    resident: the home village, and in a region drivers also the next one or two."""
    if villages == 1:
        return True, None
    gap = min(
        (person.village - request.village) % villages, (request.village - person.village) % villages
    )
    if gap == 0:
        return True, None
    if person.has_car and gap <= (2 if person.willing else 1):
        return True, Decimal(4 * gap)
    return False, None


def week_facts(rng, persons, reqs, monday: date, week: int, villages: int, pair_history):
    from koppelingen.calendar import local, task_end
    from koppelingen.planning import Task, WeekFacts
    from koppelingen.ranking import CandidateFacts, Need

    today = monday - timedelta(days=2)
    tasks = []
    for r in reqs:
        day = monday + timedelta(days=r.day)
        start = local(day, datetime.min.time().replace(hour=r.hour))
        end = task_end(
            start=start,
            is_ride=r.category == RIDE,
            distance_km=r.distance,
            waits=r.category == RIDE and rng.random() < 0.5,
            duration=timedelta(minutes=90),
        )
        daypart = "morning" if r.hour < 12 else "afternoon" if r.hour < 18 else "evening"
        need = Need(
            category_id=r.category,
            resident_id=r.resident,
            distance_km=r.distance,
            needs_wheelchair_space=r.wheelchair,
            is_transport=r.category == RIDE,
            on=day,
            daypart=daypart,
            today=today,
        )
        candidates = []
        for p in persons:
            ok, km = reachable(p, r, villages)
            if not ok:
                continue
            history = pair_history.get((p.pk, r.resident), {})
            month = [d for d in p.tasks_on if (d.year, d.month) == (day.year, day.month)]
            candidates.append(
                CandidateFacts(
                    volunteer_id=p.pk,
                    name=f"V{p.pk}",
                    offers=p.offers,
                    available=week not in p.paused_weeks and (r.day, daypart) in p.slots,
                    max_km=p.max_km,
                    has_car=p.has_car,
                    wheelchair_space=p.wheelchair,
                    monthly_cap=p.cap,
                    tasks_this_month=len(month),
                    do_not_pair=history.get("do_not_pair", False),
                    good_matches_with_resident=history.get("good", 0),
                    declines_with_resident=history.get("declines", 0),
                    asked_last_30=sum(1 for d in p.asked_on if 0 <= (today - d).days <= 30),
                    asked_31_90=sum(1 for d in p.asked_on if 30 < (today - d).days <= 90),
                    deployed_last_30=sum(1 for d in p.tasks_on if 0 <= (today - d).days <= 30),
                    deployed_31_90=sum(1 for d in p.tasks_on if 30 < (today - d).days <= 90),
                    last_asked_on=max(p.asked_on) if p.asked_on else None,
                    same_postcode_area=p.postcode_area == r.postcode_area,
                    distance_to_resident_km=km,
                )
            )
        tasks.append(
            Task(
                request_id=r.pk,
                need=need,
                seats=r.seats,
                candidates=tuple(candidates),
                windows=((start, end),),
                month=(day.year, day.month),
                label=f"#{r.pk}",
            )
        )
    return WeekFacts(tasks=tuple(tasks), busy={}, today=today)


def history(rng, persons) -> tuple[dict, list]:
    """A past the desk remembers: the willing ones asked often lately, some pairs that went
    well, a few "no"s and one or two pairs never to match again."""
    pairs = {}
    start = date(2026, 1, 5)
    for p in persons:
        times = rng.randint(2, 6) if p.willing else (1 if rng.random() < 0.3 else 0)
        for _ in range(times):
            asked = start - timedelta(days=rng.randint(1, 80))
            p.asked_on.append(asked)
            p.tasks_on.append(asked + timedelta(days=2))
    for _ in range(60):
        p = rng.choice(persons)
        pairs[(p.pk, rng.randrange(1, 90))] = rng.choice(
            [{"good": 1}, {"good": 2}, {"declines": 1}, {"do_not_pair": True}]
        )
    return pairs, start


def gini(values: list[int]) -> float:
    values = sorted(values)
    n, total = len(values), sum(values)
    if not total:
        return 0.0
    weighted = sum((i + 1) * v for i, v in enumerate(values))
    return (2 * weighted) / (n * total) - (n + 1) / n


def run(name: str, *, volunteers: int, per_week: int, villages: int, weeks: int, seed: int):
    import django

    django.setup()
    from koppelingen.planning import plan_one_by_one, plan_week, ranked_for, violations

    results = {}
    for method in ("planner", "one by one"):
        rng = random.Random(seed)
        persons = people(rng, volunteers, villages)
        pairs, monday = history(rng, persons)
        by_pk = {p.pk: p for p in persons}
        slowest, filled, fillable, broken = 0.0, 0, 0, 0
        plan_rng = random.Random(seed + 1)
        for week in range(weeks):
            reqs = requests(plan_rng, per_week, villages, week)
            facts = week_facts(plan_rng, persons, reqs, monday, week, villages, pairs)
            began = time.perf_counter()
            if method == "planner":
                assignment = plan_week(facts).assignment
            else:
                assignment = plan_one_by_one(facts)
            slowest = max(slowest, time.perf_counter() - began)
            broken += len(violations(facts, assignment))
            for task in facts.tasks:
                eligible, _excluded = ranked_for(task, facts.busy)
                fillable += min(task.seats, len(eligible))
            for request_id, volunteer_ids in assignment.items():
                day = next(t.need.on for t in facts.tasks if t.request_id == request_id)
                for pk in volunteer_ids:
                    filled += 1
                    by_pk[pk].asked_on.append(facts.today)
                    by_pk[pk].tasks_on.append(day)
            monday += timedelta(days=7)
        history_start = date(2026, 1, 5)
        counts = [sum(1 for d in p.tasks_on if d >= history_start) for p in persons]
        results[method] = {
            "slowest week (s)": f"{slowest:.2f}",
            "coverage": f"{filled}/{fillable} ({100 * filled / max(fillable, 1):.1f}%)",
            "Gini of tasks": f"{gini(counts):.3f}",
            "most tasks, one volunteer": str(max(counts)),
            "never asked": f"{100 * sum(1 for c in counts if c == 0) / len(counts):.1f}%",
            "broken constraints": str(broken),
        }
    print(f"\n{name}: {volunteers} volunteers, {per_week} requests a week, {weeks} weeks")
    width = max(len(k) for k in results["planner"])
    print(f"  {'':{width}}  {'planner':>18}  {'one by one':>18}")
    for key in results["planner"]:
        print(f"  {key:{width}}  {results['planner'][key]:>18}  {results['one by one'][key]:>18}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    run(
        "One village",
        volunteers=150,
        per_week=40,
        villages=1,
        weeks=args.weeks,
        seed=args.seed,
    )
    run(
        "A region of ten villages sharing drivers",
        volunteers=150,
        per_week=40,
        villages=10,
        weeks=args.weeks,
        seed=args.seed,
    )


if __name__ == "__main__":
    main()
