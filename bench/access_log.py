"""Benchmark of the access log: what logging costs on the resident page and on the board.

    .venv/bin/python bench/access_log.py         # SQLite, /tmp/dorpsloket-bench-log.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dl_bench_log \
        .venv/bin/python bench/access_log.py

Fills a throwaway database with one village, a coordinator, 50 residents with an open request
each and a log that already holds `--rows` lines (a busy desk's few years), then prints in ms:
the `log_read` call alone for one resident (the resident page) and for the 50 residents of the
board (one bulk insert), beside the time of the whole page through Django's test client, so
the share of logging is visible. Refuses a database with villages that are not its own. Not a
test (no test_ prefix): run it by hand, see bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/dorpsloket-bench-log.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dorpsloket.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")


def parse():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=50, help="open requests on the board")
    parser.add_argument("--rows", type=int, default=200_000, help="log lines already there")
    parser.add_argument("--repeat", type=int, default=50, help="timings per measurement")
    return parser.parse_args()


def setup(args):
    from django.utils import timezone

    from accounts.access_log_models import AccessLogEntry
    from accounts.models import Membership, User, Village
    from accounts.roles import Role
    from hulpvragen.lifecycle import Status
    from hulpvragen.models import HelpCategory, HelpRequest, Resident

    village = Village.objects.create(name="Logdorp", slug="bench-log", postcodes=["9989"])
    user = User.objects.create_user(email="bench-log@example.org", full_name="Bench Coördinator")
    Membership.objects.create(user=user, village=village, role=Role.COORDINATOR)
    from tests.two_factor import give_second_factor

    give_second_factor(user)  # coordinators must have one, or every page sends them to set it up
    category = HelpCategory.objects.first()
    residents = Resident.objects.bulk_create(
        [
            Resident(
                village=village,
                first_name="Jan",
                last_name=f"van 't Hof {n}",
                street="Hoofdstraat",
                house_number=n + 1,
                postcode="9989 AB",
                place="Warffum",
            )
            for n in range(args.residents)
        ]
    )
    HelpRequest.objects.bulk_create(
        [
            HelpRequest(
                village=village,
                resident=r,
                category=category,
                description="Boodschappen",
                status=Status.SEARCHING,
            )
            for r in residents
        ]
    )
    now = timezone.now()
    batch = []
    for n in range(args.rows):
        batch.append(
            AccessLogEntry(
                at=now,
                user=user,
                role=Role.COORDINATOR,
                village=village,
                resident_id=residents[n % len(residents)].pk,
                action="view",
                via="session",
                view_name="hulpvragen:resident_detail",
            )
        )
        if len(batch) == 5000:
            AccessLogEntry.objects.bulk_create(batch)
            batch = []
    AccessLogEntry.objects.bulk_create(batch)
    return village, user, residents


def timed(function, repeat: int) -> float:
    """The median of `repeat` runs, in ms."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def _in_transaction(function):
    """Run `function` in a transaction that is rolled back: its cost without the commit
    (the commit is the disk write that a page with a log line pays once)."""
    from django.db import transaction

    with transaction.atomic():
        function()
        transaction.set_rollback(True)


def main():
    args = parse()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import RequestFactory
    from django.urls import resolve, reverse

    from accounts.access import build_access
    from accounts.access_log import Action, log_read, log_residents
    from accounts.models import Village
    from hulpvragen.models import HelpRequest
    from tests.client import Client

    db = settings.DATABASES["default"]
    if Path(str(db["NAME"])).resolve() == (ROOT / "db.sqlite3").resolve():
        sys.exit("Refusing the project's db.sqlite3: set DATABASE_URL to a throwaway database.")
    call_command("migrate", verbosity=0)
    if Village.objects.exclude(slug="bench-log").exists():
        sys.exit(f"Refusing: {db['NAME']} holds villages that are not this benchmark's.")
    if not Village.objects.filter(slug="bench-log").exists():
        print(f"Filling {db['NAME']} with {args.rows} log lines …")
        setup(args)
    village = Village.objects.get(slug="bench-log")
    user = village.memberships.get().user
    residents = list(village.residents.order_by("pk"))
    cards = list(HelpRequest.objects.filter(village=village).only("pk", "resident_id"))

    def request_for(url):
        request = RequestFactory().get(url)
        request.user = user
        request.session = {}
        request.access = build_access(request)
        request.resolver_match = resolve(request.path)
        return request

    one = request_for(reverse("hulpvragen:resident_detail", args=[residents[0].pk]))
    board = request_for(reverse("hulpvragen:board"))
    _ = one.access.village, board.access.village  # as in a page: loaded by the middleware

    client = Client()
    client.force_login(user)
    for url in (
        reverse("hulpvragen:resident_detail", args=[residents[0].pk]),
        reverse("hulpvragen:board"),
    ):
        status = client.get(url).status_code
        if status != 200:
            sys.exit(f"{url} answered {status}, not 200: the page timings would mean nothing.")
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    from accounts.access_log_models import AccessLogEntry

    print(
        f"{engine}: log of {AccessLogEntry.objects.count()} lines, board of {len(cards)} residents"
    )
    figures = [
        (
            "log_read, resident page (1 row)",
            timed(
                lambda: log_read(
                    one, village=village, resident_ids=[residents[0].pk], action=Action.VIEW
                ),
                args.repeat,
            ),
        ),
        (
            f"log_residents, board ({len(cards)} rows, 1 insert)",
            timed(lambda: log_residents(board, cards), args.repeat),
        ),
        (
            "  the same inside a transaction (no commit)",
            timed(lambda: _in_transaction(lambda: log_residents(board, cards)), args.repeat),
        ),
        (
            "whole resident page (client)",
            timed(
                lambda: client.get(reverse("hulpvragen:resident_detail", args=[residents[0].pk])),
                max(5, args.repeat // 5),
            ),
        ),
        (
            "whole board (client)",
            timed(lambda: client.get(reverse("hulpvragen:board")), max(5, args.repeat // 5)),
        ),
    ]
    for label, ms in figures:
        print(f"  {label:<45} {ms:8.2f} ms")


if __name__ == "__main__":
    main()
