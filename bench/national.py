"""A national dataset: every app's tables filled for many villages, loaded with COPY.

    createdb -h 127.0.0.1 -U postgres dorpsloket_national
    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/dorpsloket_national \\
        .venv/bin/python bench/national.py --villages 1000

Per village (the defaults; `--villages 1000` gives the national figures): 150 volunteers
with their kinds of help, weekly availability, absences and history; 500 residents; ten
years of help requests (150 a year) in every status, each with its logbook (new → triage →
searching → matched → done → closed, or out at triage with a reason); invitations (declined
ones before the accepted one), matches, reports back, the matching logbook, signals, loans,
activities, e-mail notifications, to-dos, the village's own part of the social map, and the
recurring requests' planned occurrences. The last weeks' requests are still open (the
board), older ones are finished. One coordinator account per village, and logins for a
third of the volunteers.

Rows are generated village by village and streamed into PostgreSQL with COPY (a chunk of
villages at a time, so memory stays bounded), with ids assigned here so that no row needs a
round trip; the sequences are moved past them and every table is ANALYZEd at the end.
PostgreSQL only. Refuses a database that holds any village that is not a `bench-…` one, and
one that already holds benchmark villages (drop and re-create it to start afresh).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dorpsloket.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

CHUNK = 10  # villages per round of COPY statements

FIRST = [
    "Anna",
    "Jan",
    "Klaas",
    "Geesje",
    "Hendrik",
    "Aaltje",
    "Jantje",
    "Roelf",
    "Trijntje",
    "Harm",
    "Grietje",
    "Sietse",
    "Wiebe",
    "Fenna",
    "Albert",
    "Hilda",
    "Jacob",
    "Tjitske",
    "Gerrit",
    "Lammert",
    "Marijke",
    "Pieter",
    "Sjoukje",
    "Ede",
    "Jelle",
]
LAST = [
    "de Vries",
    "Dijkstra",
    "Bakker",
    "van der Veen",
    "Huizinga",
    "Smit",
    "Mulder",
    "de Boer",
    "Hofstede",
    "Kuipers",
    "Wierenga",
    "Bos",
    "Pauw",
    "Nienhuis",
    "van 't Hof",
    "Zijlstra",
    "Oosterhuis",
    "Veenstra",
    "Bouma",
    "Post",
]
STREETS = [
    "Dorpsstraat",
    "Kerkpad",
    "Molenweg",
    "Hoofdstraat",
    "Schoolstraat",
    "Stationsweg",
    "Torenlaan",
]


def parse():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--volunteers", type=int, default=150, help="per village")
    parser.add_argument("--residents", type=int, default=500, help="per village")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--requests", type=int, default=150, help="per village per year")
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


class Table:
    """The rows of one model for one chunk, with the columns it gives; the model's other
    columns get their Django default (computed once)."""

    def __init__(self, model, given: list[str]):
        self.model = model
        fields = {f.attname: f for f in model._meta.concrete_fields}
        self.given = given
        # Left out: the id when not given (the database numbers it), and columns with a default.
        missing = [f for name, f in fields.items() if name not in given and not f.primary_key]
        self.columns = [fields[name].column for name in given] + [f.column for f in missing]
        self.json = [
            i for i, name in enumerate(given) if fields[name].get_internal_type() == "JSONField"
        ]
        self.tail = tuple(_prep(f, f.get_default()) for f in missing)
        self.rows: list[tuple] = []
        self.written = 0

    def add(self, *values):
        self.rows.append(values)

    def flush(self, cursor):
        if not self.rows:
            return
        table = self.model._meta.db_table
        columns = ", ".join(f'"{column}"' for column in self.columns)
        sql = f'COPY "{table}" ({columns}) FROM STDIN'
        with cursor.copy(sql) as copy:
            for row in self.rows:
                if self.json:
                    row = list(row)
                    for i in self.json:
                        row[i] = json.dumps(row[i])
                copy.write_row((*row, *self.tail))
        self.written += len(self.rows)
        self.rows = []


def _prep(field, value):
    if field.get_internal_type() == "JSONField":
        return json.dumps(value)
    return value


class Ids:
    def __init__(self):
        self.last = defaultdict(int)

    def __call__(self, name: str) -> int:
        self.last[name] += 1
        return self.last[name]


def at(day: date, rng, hour_from=8, hour_to=21) -> datetime:
    return datetime(
        day.year,
        day.month,
        day.day,
        rng.randint(hour_from, hour_to),
        rng.randint(0, 59),
        tzinfo=UTC,
    )


def tables():  # noqa: PLR0915 - one list of what is loaded
    from accounts.models import Membership, User, Village
    from activiteiten.models import Activity
    from hulpvragen.models import ConsentRecord, HelpRequest, Resident, StatusChange
    from koppelingen.models import (
        Assignment,
        Invitation,
        LogEntry,
        Occurrence,
        Signal,
        TaskReport,
    )
    from meldingen.models import Notification, Todo
    from sociale_kaart.models import ContactPerson, Organisation, OrganisationDistance
    from uitleen.models import AidItem, Loan
    from vrijwilligers.models import Absence, AvailabilitySlot, Volunteer, VolunteerChange

    t = {
        "village": Table(Village, ["id", "name", "slug", "postcodes", "desk_phone", "created_at"]),
        "user": Table(User, ["id", "email", "password", "full_name", "date_joined"]),
        "membership": Table(Membership, ["id", "user_id", "village_id", "role", "created_at"]),
        "org": Table(
            Organisation,
            [
                "id",
                "name",
                "kind",
                "services",
                "town",
                "phone",
                "is_transport_destination",
                "last_verified_on",
                "created_at",
                "updated_at",
            ],
        ),
        "org_villages": Table(Organisation.villages.through, ["organisation_id", "village_id"]),
        "org_themes": Table(Organisation.themes.through, ["organisation_id", "theme_id"]),
        "distance": Table(OrganisationDistance, ["organisation_id", "village_id", "km"]),
        "contact": Table(
            ContactPerson,
            ["organisation_id", "name", "role", "phone", "is_fixed_contact", "created_at"],
        ),
        "resident": Table(
            Resident,
            [
                "id",
                "village_id",
                "first_name",
                "last_name",
                "street",
                "house_number",
                "postcode",
                "place",
                "phone",
                "birth_year",
                "created_at",
                "updated_at",
            ],
        ),
        "consent": Table(
            ConsentRecord,
            ["village_id", "resident_id", "purpose", "given_on", "recorded_by_id", "recorded_at"],
        ),
        "volunteer": Table(
            Volunteer,
            [
                "id",
                "village_id",
                "user_id",
                "first_name",
                "last_name",
                "email",
                "phone",
                "street",
                "house_number",
                "postcode",
                "place",
                "birth_year",
                "max_km",
                "has_car",
                "monthly_cap",
                "status",
                "paused_until",
                "stopped_on",
                "stop_reason",
                "registered_on",
                "last_confirmed_on",
                "last_asked_on",
                "boundaries",
                "created_at",
                "updated_at",
            ],
        ),
        "vol_categories": Table(Volunteer.categories.through, ["volunteer_id", "helpcategory_id"]),
        "vol_refused": Table(
            Volunteer.refused_categories.through, ["volunteer_id", "helpcategory_id"]
        ),
        "slot": Table(AvailabilitySlot, ["volunteer_id", "weekday", "daypart"]),
        "absence": Table(
            Absence, ["village_id", "volunteer_id", "starts_on", "ends_on", "note", "created_at"]
        ),
        "vol_change": Table(
            VolunteerChange, ["village_id", "volunteer_id", "kind", "at", "changes"]
        ),
        "request": Table(
            HelpRequest,
            [
                "id",
                "village_id",
                "resident_id",
                "category_id",
                "description",
                "channel",
                "referred_by_id",
                "timing",
                "needed_on",
                "time_from",
                "urgency",
                "volunteers_needed",
                "is_recurring",
                "frequency",
                "weekday",
                "recurrence_start",
                "review_on",
                "pickup_address",
                "destination_id",
                "distance_km",
                "return_trip",
                "assigned_to_id",
                "status",
                "status_changed_at",
                "outcome",
                "reason_id",
                "referred_to_id",
                "created_at",
                "created_by_id",
            ],
        ),
        "change": Table(
            StatusChange,
            ["village_id", "help_request_id", "from_status", "kind", "at", "by_id", "reason_id"],
        ),
        "invitation": Table(
            Invitation,
            [
                "id",
                "village_id",
                "help_request_id",
                "volunteer_id",
                "status",
                "channel",
                "asked_by_id",
                "asked_at",
                "answered_at",
            ],
        ),
        "assignment": Table(
            Assignment,
            [
                "id",
                "village_id",
                "help_request_id",
                "volunteer_id",
                "resident_id",
                "task_date",
                "invitation_id",
                "status",
                "accepted_at",
            ],
        ),
        "report": Table(
            TaskReport,
            [
                "assignment_id",
                "outcome",
                "minutes_spent",
                "km_driven",
                "how_it_went",
                "reported_at",
            ],
        ),
        "log": Table(
            LogEntry, ["village_id", "help_request_id", "resident_id", "volunteer_id", "kind", "at"]
        ),
        "occurrence": Table(
            Occurrence, ["village_id", "help_request_id", "starts_at", "volunteer_id", "status"]
        ),
        "signal": Table(
            Signal,
            [
                "village_id",
                "resident_id",
                "help_request_id",
                "reported_by_volunteer_id",
                "description",
                "created_at",
                "status",
                "passed_to_id",
                "resident_consent",
                "passed_on_at",
                "passed_on_by_id",
            ],
        ),
        "item": Table(
            AidItem, ["id", "village_id", "aid_type_id", "label", "status", "created_at"]
        ),
        "loan": Table(
            Loan,
            [
                "village_id",
                "item_id",
                "resident_id",
                "lent_on",
                "due_on",
                "returned_on",
                "created_at",
            ],
        ),
        "activity": Table(
            Activity, ["id", "village_id", "kind_id", "title", "starts_on", "created_at"]
        ),
        "activity_vols": Table(Activity.volunteers.through, ["activity_id", "volunteer_id"]),
        "notification": Table(
            Notification,
            [
                "village_id",
                "channel",
                "recipient",
                "recipient_name",
                "template",
                "context",
                "due_at",
                "status",
                "attempts",
                "idempotency_key",
                "sent_at",
                "created_at",
            ],
        ),
        "todo": Table(
            Todo,
            [
                "village_id",
                "kind",
                "title",
                "link",
                "about",
                "due_on",
                "idempotency_key",
                "created_at",
                "done_at",
            ],
        ),
    }
    return t


def village_rows(t, n, ref, ids, rng, args, today):  # noqa: C901, PLR0912, PLR0915
    """Every row of village number n into the tables `t`."""
    now = datetime.now(UTC)
    vid = ids("village")
    postcode = f"{9000 + n % 999}"
    name = f"Benchdorp {n:04d}"
    t["village"].add(vid, name, f"bench-{n:04d}", [postcode], "0595 44 24 53", now)
    coordinator = ids("user")
    t["user"].add(coordinator, f"coordinator-{n:04d}@bench.example", "!", f"Coördinator {n}", now)
    t["membership"].add(ids("membership"), coordinator, vid, "coordinator", now)

    # The village's own part of the social map: ten organisations, one a transport destination.
    orgs = []
    for k in range(10):
        oid = ids("org")
        orgs.append(oid)
        kind = ref["org_kinds"][k % len(ref["org_kinds"])]
        t["org"].add(
            oid,
            f"{kind.title()} {name} {k}",
            kind,
            "Hulp bij wonen, zorg en vervoer.",
            f"Plaats {n}",
            "0595 12 34 56",
            k == 9,
            today - timedelta(days=rng.randint(0, 900)),
            now,
            now,
        )
        t["org_villages"].add(oid, vid)
        for theme in rng.sample(ref["themes"], 2):
            t["org_themes"].add(oid, theme)
        t["distance"].add(oid, vid, rng.randint(1, 300) / 10)
        t["contact"].add(
            oid,
            f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "contactpersoon",
            "06 12 34 56 78",
            True,
            now,
        )

    residents = []
    for r in range(args.residents):
        rid = ids("resident")
        residents.append(rid)
        t["resident"].add(
            rid,
            vid,
            rng.choice(FIRST),
            rng.choice(LAST),
            rng.choice(STREETS),
            r + 1,
            f"{postcode} A{chr(65 + r % 26)}",
            name,
            f"0595{rng.randint(100000, 999999)}",
            rng.randint(1930, 1965),
            now,
            now,
        )
        if rng.random() < 0.08:
            t["consent"].add(
                vid, rid, "share", today - timedelta(days=rng.randint(0, 3000)), coordinator, now
            )

    volunteers, active = [], []
    for v in range(args.volunteers):
        vol = ids("volunteer")
        registered = today - timedelta(days=rng.randint(30, 365 * (args.years + 3)))
        roll = rng.random()
        status = (
            "active"
            if roll < 0.75
            else "paused"
            if roll < 0.83
            else "stopped"
            if roll < 0.95
            else "signed_up"
        )
        user = None
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if status != "stopped" and (v == 0 or rng.random() < 0.33):
            user = ids("user")
            t["user"].add(
                user, f"vrijwilliger-{n:04d}-{v}@bench.example", "!", f"{first} {last}", now
            )
            t["membership"].add(ids("membership"), user, vid, "volunteer", now)
        stopped_on = (
            min(today, registered + timedelta(days=rng.randint(60, 2500)))
            if status == "stopped"
            else None
        )
        t["volunteer"].add(
            vol,
            vid,
            user,
            first,
            last,
            f"vrijwilliger-{n:04d}-{v}@bench.example",
            f"06{rng.randint(10000000, 99999999)}",
            rng.choice(STREETS),
            str(rng.randint(1, 200)),
            f"{postcode} B{chr(65 + v % 26)}",
            name,
            rng.randint(1940, 2000),
            rng.choice([None, 10, 25, 50, 100]),
            rng.random() < 0.6,
            rng.choice([None, None, 4, 8]),
            status,
            today + timedelta(days=rng.randint(5, 60))
            if status == "paused" and rng.random() < 0.6
            else None,
            stopped_on,
            "other" if stopped_on else "",
            registered,
            today - timedelta(days=rng.randint(0, 800)) if rng.random() < 0.7 else None,
            None,
            "geen tuinwerk" if rng.random() < 0.1 else "",
            now,
            now,
        )
        volunteers.append(vol)
        if status == "active":
            active.append(vol)
        for cat in rng.sample(ref["categories"], rng.randint(1, 4)):
            t["vol_categories"].add(vol, cat)
        if rng.random() < 0.2:
            t["vol_refused"].add(vol, rng.choice(ref["categories"]))
        for weekday, daypart in rng.sample(ref["slots"], rng.randint(2, 9)):
            t["slot"].add(vol, weekday, daypart)
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            start = today + timedelta(days=rng.randint(-400, 90))
            t["absence"].add(
                vid, vol, start, start + timedelta(days=rng.randint(1, 21)), "vakantie", now
            )
        t["vol_change"].add(vid, vol, "created", at(registered, rng), {})
        if rng.random() < 0.5:
            t["vol_change"].add(
                vid,
                vol,
                "updated",
                at(today - timedelta(days=rng.randint(0, 700)), rng),
                {"phone": ["", "x"]},
            )
    if not active:
        active = volunteers
    last_asked: dict[int, date] = {}
    task_user_volunteer = volunteers[0]  # has a login (v == 0): the bench's "my tasks"

    start_day = today - timedelta(days=365 * args.years)
    days = (today - start_day).days
    total = args.requests * args.years
    cards = 0
    for _ in range(total):
        created_day = start_day + timedelta(days=int(days * rng.random() ** 0.9))
        created = at(created_day, rng)
        age = (today - created_day).days
        category, is_transport = rng.choice(ref["category_rows"])
        recurring = rng.random() < 0.05
        roll = rng.random()
        if recurring:
            status = "active" if age < 400 and roll < 0.7 else "paused" if age < 400 else "ended"
        elif age <= 45:
            status = rng.choice(
                [
                    "new",
                    "triage",
                    "searching",
                    "searching",
                    "matched",
                    "matched",
                    "done",
                    "closed",
                    "informed",
                ]
            )
        elif roll < 0.72:
            status = "closed"
        else:
            status = rng.choice(["informed", "referred", "rejected", "cancelled"])
        rid = ids("request")
        resident = rng.choice(residents)
        channel = rng.choices(
            ["telefoon", "email", "inloop", "signaal", "doorverwijzing"], [70, 10, 8, 4, 8]
        )[0]
        needed = None if recurring else created_day + timedelta(days=rng.randint(0, 14))
        reason = None
        if status in ref["reasons"]:
            reason = rng.choice(ref["reasons"][status])
        t["request"].add(
            rid,
            vid,
            resident,
            category,
            "Boodschappen doen en even een kopje koffie.",
            channel,
            orgs[0] if channel == "doorverwijzing" else None,
            "on",
            needed,
            None if recurring else datetime.min.time().replace(hour=rng.randint(8, 17)),
            rng.choice(["today", "this_week", "this_week", "no_hurry"]),
            3 if rng.random() < 0.03 else 1,
            recurring,
            "weekly" if recurring else "",
            created_day.weekday() if recurring else None,
            created_day + timedelta(days=7) if recurring else None,
            created_day + timedelta(days=180) if recurring else None,
            "Dorpsstraat 1" if is_transport else "",
            orgs[9] if is_transport else None,
            rng.randint(5, 400) / 10 if is_transport else None,
            is_transport,
            coordinator,
            status,
            created + timedelta(hours=rng.randint(1, 300)) if status != "new" else created,
            "",
            reason,
            orgs[rng.randint(0, 8)] if status == "referred" else None,
            created,
            coordinator,
        )
        if status in ("new", "triage", "searching", "matched", "done", "active", "paused"):
            cards += 1
        # The logbook: the path to the current status.
        if status in ("informed", "referred", "rejected", "cancelled"):
            path = ["new", "triage", status]
        elif recurring:
            path = ["new", "triage", "searching", "active"] + (
                ["paused"] if status == "paused" else ["ended"] if status == "ended" else []
            )
        else:
            full = ["new", "triage", "searching", "matched", "done", "closed"]
            path = full[: full.index(status) + 1]
        moment, previous = created, ""
        for kind in path:
            t["change"].add(
                vid, rid, previous, kind, moment, coordinator, reason if kind == status else None
            )
            previous = kind
            moment += timedelta(hours=rng.randint(1, 72))
        if "searching" not in path:
            continue
        # Invitations: some declined first, then the accepted one(s) once matched.
        matched = "matched" in path or recurring
        asked = created + timedelta(hours=rng.randint(2, 30))
        chosen = rng.sample(active, min(len(active), rng.choice([1, 1, 1, 2, 2, 3])))
        for k, vol in enumerate(chosen):
            accepted = matched and k == len(chosen) - 1
            pending = not matched and k == len(chosen) - 1 and age < 10
            inv_status = "accepted" if accepted else "pending" if pending else "declined"
            inv = ids("invitation")
            channel = "email" if rng.random() < 0.7 else "phone"
            answered = None if pending else asked + timedelta(hours=rng.randint(1, 48))
            t["invitation"].add(
                inv, vid, rid, vol, inv_status, channel, coordinator, asked, answered
            )
            last_asked[vol] = max(last_asked.get(vol, date.min), asked.date())
            if channel == "email":
                t["notification"].add(
                    vid,
                    "email",
                    f"vol{vol}@bench.example",
                    "",
                    "koppelingen/invitation",
                    {"invitation": inv},
                    asked,
                    "sent",
                    1,
                    f"invitation:{inv}",
                    asked,
                    asked,
                )
            if answered:
                t["log"].add(vid, rid, resident, vol, inv_status, answered)
            if accepted:
                task_day = needed or created_day + timedelta(days=7)
                a_status = (
                    "active"
                    if status in ("matched",) or recurring and status != "ended"
                    else "done"
                )
                aid = ids("assignment")
                t["assignment"].add(aid, vid, rid, vol, resident, task_day, inv, a_status, answered)
                if a_status == "done":
                    t["report"].add(
                        aid,
                        "done",
                        rng.randint(30, 180),
                        rng.randint(5, 600) / 10 if is_transport else None,
                        rng.choice(["good", "good", "good", "so_so", "not_good"]),
                        answered + timedelta(days=rng.randint(1, 10)),
                    )
                    t["log"].add(vid, rid, resident, vol, "reported", answered + timedelta(days=2))
                if recurring and status == "active":
                    for week in range(4):
                        t["occurrence"].add(
                            vid,
                            rid,
                            datetime.combine(
                                today + timedelta(days=7 * week + rng.randint(0, 6)),
                                datetime.min.time(),
                                UTC,
                            ).replace(hour=10),
                            vol,
                            "planned",
                        )
            asked += timedelta(hours=rng.randint(4, 48))
        if rng.random() < 0.06:
            passed = age > 20
            t["signal"].add(
                vid,
                resident,
                rid,
                chosen[-1],
                "Mevrouw lijkt eenzaam.",
                created + timedelta(days=3),
                "passed_on" if passed else "open",
                rng.choice(orgs) if passed else None,
                "yes" if passed else "",
                created + timedelta(days=5) if passed else None,
                coordinator if passed else None,
            )
    # The volunteer with a login gets a few tasks of their own (my tasks).
    for k in range(6):
        rid = ids("request")
        day = today + timedelta(days=k * 3 - 6)
        status = "matched" if day >= today else "done"
        t["request"].add(
            rid,
            vid,
            residents[k],
            ref["category_rows"][0][0],
            "Rit naar het ziekenhuis.",
            "telefoon",
            None,
            "on",
            day,
            datetime.min.time().replace(hour=10),
            "this_week",
            1,
            False,
            "",
            None,
            None,
            None,
            "Dorpsstraat 1",
            orgs[9],
            12.5,
            True,
            coordinator,
            status,
            now,
            "",
            None,
            None,
            now - timedelta(days=10),
            coordinator,
        )
        t["change"].add(vid, rid, "", "new", now - timedelta(days=10), coordinator, None)
        inv = ids("invitation")
        t["invitation"].add(
            inv,
            vid,
            rid,
            task_user_volunteer,
            "accepted",
            "email",
            coordinator,
            now - timedelta(days=9),
            now - timedelta(days=9),
        )
        t["assignment"].add(
            ids("assignment"),
            vid,
            rid,
            task_user_volunteer,
            residents[k],
            day,
            inv,
            "active" if status == "matched" else "done",
            now - timedelta(days=9),
        )
    for vol, day in last_asked.items():
        ref["last_asked"].append((vol, day))
    # Loans, activities, to-dos.
    items = []
    for k, aid_type in enumerate(ref["aid_types"] * 2):
        item = ids("item")
        items.append(item)
        t["item"].add(item, vid, aid_type, f"nr. {k + 1}", "available", now)
    for year in range(args.years):
        for item in items:
            for _ in range(rng.choice([1, 2, 2, 3])):
                lent = start_day + timedelta(days=365 * year + rng.randint(0, 330))
                back = lent + timedelta(days=rng.randint(7, 60))
                t["loan"].add(
                    vid,
                    item,
                    rng.choice(residents),
                    lent,
                    lent + timedelta(weeks=6),
                    back if back < today else None if rng.random() < 0.5 else back,
                    now,
                )
        for _ in range(6):
            act = ids("activity")
            t["activity"].add(
                act,
                vid,
                rng.choice(ref["activity_kinds"]),
                "",
                start_day + timedelta(days=365 * year + rng.randint(0, 360)),
                now,
            )
            for vol in rng.sample(volunteers, 5):
                t["activity_vols"].add(act, vol)
    for k in range(20):
        done = k >= 6
        t["todo"].add(
            vid,
            "follow_up",
            "Nabellen",
            "",
            {},
            today - timedelta(days=rng.randint(0, 60)),
            f"bench:{vid}:{k}",
            now,
            now if done else None,
        )
    return cards


def main():
    args = parse()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from accounts.models import Village
    from activiteiten.models import ActivityKind
    from hulpvragen.models import HelpCategory, ReasonCode
    from sociale_kaart.models import OrganisationKind, Theme
    from uitleen.models import AidType

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("The national dataset needs PostgreSQL: set DATABASE_URL.")
    call_command("migrate", verbosity=0)
    if Village.objects.exclude(slug__startswith="bench-").exists():
        sys.exit("Refusing: this database holds villages that are not benchmark villages.")
    if Village.objects.exists():
        sys.exit("Benchmark data exists: drop and re-create the database to start afresh.")
    rng = random.Random(args.seed)
    today = date.today()
    ref = {
        "categories": list(HelpCategory.objects.values_list("pk", flat=True)),
        "category_rows": list(HelpCategory.objects.values_list("pk", "is_transport")),
        "reasons": defaultdict(list),
        "themes": list(Theme.objects.values_list("pk", flat=True)),
        "org_kinds": list(OrganisationKind.values),
        "aid_types": list(AidType.objects.values_list("pk", flat=True)),
        "activity_kinds": list(ActivityKind.objects.values_list("pk", flat=True)),
        "slots": [(d, p) for d in range(7) for p in ("morning", "afternoon", "evening")],
        "last_asked": [],
    }
    for pk, applies in ReasonCode.objects.values_list("pk", "applies_to"):
        ref["reasons"][applies].append(pk)
    ids = Ids()
    with connection.cursor() as c:
        # Continue after whatever the migrations left (users of none; ids from 1 otherwise).
        for name, table in (("user", "accounts_user"),):
            c.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
            ids.last[name] = c.fetchone()[0]
    t = tables()
    print(
        f"Generating {args.villages} villages into {settings.DATABASES['default']['NAME']} …",
        flush=True,
    )
    start = time.perf_counter()
    cursor = connection.connection.cursor()  # psycopg's own cursor, for COPY
    order = list(t)
    for n in range(args.villages):
        village_rows(t, n, ref, ids, rng, args, today)
        if (n + 1) % CHUNK == 0 or n + 1 == args.villages:
            for name in order:
                t[name].flush(cursor)
            connection.connection.commit()
            elapsed = time.perf_counter() - start
            print(
                f"  {n + 1} villages, {sum(x.written for x in t.values()):,} rows, {elapsed:.0f} s",
                flush=True,
            )
    # Who was asked last, and when (the registry's "never asked").
    with connection.cursor() as c:
        c.execute("CREATE TEMP TABLE bench_asked (id bigint, day date)")
        with cursor.copy("COPY bench_asked (id, day) FROM STDIN") as copy:
            for row in ref["last_asked"]:
                copy.write_row(row)
        c.execute(
            "UPDATE vrijwilligers_volunteer v SET last_asked_on = a.day FROM bench_asked a"
            " WHERE v.id = a.id"
        )
        for table in t.values():
            db_table = table.model._meta.db_table
            if "id" in table.given:
                c.execute(
                    f"SELECT setval(pg_get_serial_sequence('{db_table}', 'id'),"
                    f" (SELECT coalesce(max(id), 1) FROM {db_table}))"
                )
        loaded = time.perf_counter() - start
    connection.connection.commit()
    connection.connection.autocommit = True
    # The social map's search text, which saving an organisation keeps and COPY bypasses
    # (without it the search finds nothing and its page is measured empty).
    from sociale_kaart.search_index import refresh_all

    print(f"  search text of {refresh_all():,} organisations", flush=True)
    with connection.connection.cursor() as c:
        c.execute("ANALYZE")
    total = time.perf_counter() - start
    print(f"Loaded in {loaded:.0f} s, with ANALYZE {total:.0f} s")
    for table in t.values():
        print(f"  {table.model._meta.label:32} {table.written:>12,}")


if __name__ == "__main__":
    main()
