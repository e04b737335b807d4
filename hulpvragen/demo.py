"""Demo help requests: two full past calendar years of a village desk and this year so far.

Warffum gets about 115 requests per year (DOMAIN.md's yearly overview: mostly
transport, then odd jobs, a few jobs with several volunteers, one admin question, recurring
companionship; some informed, referred, rejected or cancelled), from 1 January of the year
before last until today, so that the yearly overview of last year has a real year to compare
with. The years follow today's date. Usquert gets a smaller set. A ride leaves in time for
its appointment (`departure_for`). Everything goes through the services, so every request
has a real logbook.
Destinations and referral partners come from the social map when it has entries; without
them the builder uses free-text destinations and "information given" instead of referrals.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from sociale_kaart.models import Organisation, OrganisationDistance

from .lifecycle import Status
from .models import HelpCategory, HelpRequest, ReasonCode, Resident
from .services import help_request_create, help_request_transition, resident_create

FIRST_NAMES = [
    "Aaltje", "Geert", "Trijntje", "Jan", "Hillie", "Harm", "Grietje", "Klaas", "Roelfien",
    "Sietze", "Jantje", "Albert", "Fenna", "Hendrik", "Wubbina", "Eppo", "Dina", "Jacob",
    "Anje", "Berend", "Geesje", "Luppo", "Tetje", "Derk", "Annie", "Willem", "Marchien",
    "Pieter", "Hilda", "Egbert",
]  # fmt: skip
LAST_NAMES = [
    "Dijkstra", "de Vries", "Bakker", "Huizinga", "Mulder", "Smit", "Kuipers", "Bos",
    "Veenstra", "Hofstede", "Wiersma", "Boersma", "Tuinman", "Oosterhuis", "Zuidema",
    "Schuiling", "Nienhuis", "Hekman", "Lubbers", "Bronsema", "Dijkhuis", "Pot", "Kooi",
    "Meijering", "Westerhof",
]  # fmt: skip
STREETS = {
    "warffum": (
        "9989",
        "Warffum",
        ["Hoofdstraat", "Schoolstraat", "Stationsstraat", "Molenstraat", "Noorderstraat",
         "Oosterstraat", "Torumweg", "Buitenwierde", "Kerkpad", "Onderdendamsterweg",
         "Breede", "Pastorielaan"],
    ),
    "usquert": (
        "9988",
        "Usquert",
        ["Kerkstraat", "Wadweg", "Stationsweg", "Molenweg", "Oude Dijk", "Rottumerweg"],
    ),
}  # fmt: skip
# Free-text destinations (name, km from the village) for when the social map is empty.
DESTINATIONS = [
    ("Martini Ziekenhuis, Groningen", Decimal("26.0")),
    ("UMCG, Groningen", Decimal("24.5")),
    ("Ommelander Ziekenhuis, Scheemda", Decimal("43.0")),
    ("Huisartsenpraktijk Uithuizen", Decimal("9.5")),
    ("Fysiotherapie Warffum", Decimal("1.0")),
    ("Tandartspraktijk Winsum", Decimal("14.0")),
    ("Voedselbank Uithuizermeeden", Decimal("14.5")),
    ("Opticien Baflo", Decimal("10.0")),
]
TRANSPORT_WHAT = [
    "Naar de polikliniek, controle",
    "Naar de fysiotherapeut",
    "Naar de tandarts",
    "Naar de huisarts voor bloedprikken",
    "Naar de oogarts",
    "Bezoek aan partner in het verpleeghuis",
    "Naar het ziekenhuis voor een scan",
]
JOBS = [
    ("klus", "Lamp in de gang vervangen"),
    ("klus", "Gordijnrails ophangen"),
    ("klus", "Rookmelder vervangen"),
    ("klus", "Kastje in elkaar zetten"),
    ("tuin", "Heg knippen aan de voorkant"),
    ("tuin", "Bladeren ruimen"),
    ("boodschappen", "Boodschappen doen, zit tijdelijk in een rolstoel"),
    ("digitaal", "Hulp met de telefoon, DigiD instellen"),
    ("klus", "Schilderijen ophangen na verhuizing"),
]
# What gets rejected: too big, or work a business is paid to do.
TOO_BIG = [
    ("tuin", "Hele tuin opknappen, het gras staat een meter hoog"),
    ("klus", "Dakgoten vervangen en dak schoonmaken"),
    ("tuin", "Bomen kappen achter in de tuin"),
]
BIG_JOBS = [
    "Verhuizing binnen het dorp, meubels dragen",
    "Zolder leeghalen voor verhuizing naar aanleunwoning",
    "Schuur opruimen na overlijden partner",
    "Bedden verplaatsen naar beneden",
]


LIVE = 9  # requests of the last few days, still open on the board
# Where each of those stands and what it is, oldest first (they came in 5, 5, 4, 4, 3, 3, 2, 2
# and 1 days ago): whatever the day the demo is built, the board has new requests to triage,
# one in triage, requests looking for a volunteer (nearby rides and odd jobs on days to come,
# so that the candidates page has people to propose) and matched ones.
LIVE_PATHS = [
    ([Status.SEARCHING, Status.MATCHED], "transport"),
    ([Status.SEARCHING, Status.MATCHED, Status.DONE], "job"),
    ([Status.SEARCHING], "transport"),
    ([Status.SEARCHING, Status.MATCHED], "job"),
    ([Status.TRIAGE], "job"),
    ([Status.SEARCHING], "job"),
    ([], "transport"),
    ([Status.SEARCHING], "transport"),
    ([], "job"),
]
# A ride on the board is one that volunteers around here drive (most drive up to 25 km).
LIVE_MAX_KM = Decimal("15")
PAST_YEARS = 2  # full calendar years before this one


def demo_start(today: date) -> date:
    """The first day of the demo: 1 January, PAST_YEARS years before today's year."""
    return date(today.year - PAST_YEARS, 1, 1)


def departure_for(appointment: time, km: Decimal | None) -> time:
    """When a volunteer leaves for an appointment `km` away: the drive (country roads, about
    50 km/h, plus ten minutes to park and walk in) and a quarter of an hour to spare, rounded
    down to five minutes. A ride never leaves after its appointment."""
    drive = 10 + float(km or 10) * 1.2
    leave = datetime.combine(date(2000, 1, 1), appointment) - timedelta(minutes=drive + 15)
    return leave.replace(minute=leave.minute - leave.minute % 5, second=0, microsecond=0).time()


def _office_hours(moment):
    """The desk works by day: a step that lands at night moves to 9:00 the next morning."""
    local = timezone.localtime(moment)
    if local.hour < 8:
        return local.replace(hour=9, minute=0)
    if local.hour >= 18:
        return (local + timedelta(days=1)).replace(hour=9, minute=0)
    return moment


def _aware(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class _Builder:
    def __init__(self, ctx, village, coordinator):
        self.ctx, self.village, self.by, self.rng = ctx, village, coordinator, ctx.rng
        self.categories = {c.code: c for c in HelpCategory.objects.all()}
        self.reasons = {r.code: r for r in ReasonCode.objects.all()}
        organisations = Organisation.objects.for_village(village)
        self.destinations = list(organisations.transport_destinations().order_by("name"))
        self.km = dict(
            OrganisationDistance.objects.filter(village=village).values_list(
                "organisation_id", "km"
            )
        )
        self.partners = list(organisations.filter(is_transport_destination=False).order_by("pk"))
        self.residents: list[Resident] = []

    def make_residents(self, count):
        area, place, streets = STREETS[self.village.slug]
        used = set()
        for i in range(count):
            first = FIRST_NAMES[(i * 7 + len(self.village.slug)) % len(FIRST_NAMES)]
            last = LAST_NAMES[(i * 7 + 3) % len(LAST_NAMES)]
            street = streets[i % len(streets)]
            number = self.rng.randint(1, 80)
            while (street, number) in used:
                number += 1
            used.add((street, number))
            letters = "ABCDEGHJKLMNPR"
            postcode = f"{area} {self.rng.choice(letters)}{self.rng.choice(letters)}"
            phone = (
                f"0595{self.rng.randint(400000, 499999)}"
                if i % 3
                else f"06{self.rng.randint(10000000, 99999999)}"
            )
            self.residents.append(
                resident_create(
                    village=self.village,
                    by=self.by,
                    first_name=first,
                    last_name=last,
                    street=street,
                    house_number=number,
                    postcode=postcode,
                    place=place,
                    phone=phone,
                    birth_year=self.rng.randint(1930, 1958),
                    is_cooperative_member=self.rng.random() < 0.4,
                    network_notes=self.rng.choice(
                        ["", "Dochter woont in Groningen, werkt fulltime.", "Buurman helpt soms."]
                    ),
                )
            )

    def move(self, request, path, start, reason=None, note=""):
        """Walk the request along `path`, a day or two apart, through the real service."""
        moment = start
        for status in path:
            moment = min(
                _office_hours(moment + timedelta(hours=self.rng.randint(2, 40))), timezone.now()
            )
            extra = {}
            if status in (Status.REJECTED, Status.CANCELLED, Status.INFORMED):
                extra["reason"] = reason
            if status == Status.REFERRED:
                extra = {
                    "reason": reason,
                    "referred_to": self.rng.choice(self.partners),
                    "referral_note": "Vraag en telefoonnummer doorgegeven, met toestemming.",
                }
            help_request_transition(
                help_request=request, to=status, by=self.by, now=moment, note=note, **extra
            )

    def new_request(self, created, category, **fields):
        resident = fields.pop("resident", None) or self.rng.choice(self.residents)
        days = timedelta(days=self.rng.randint(1, 9))
        fields.setdefault("needed_on", timezone.localdate(created) + days)
        fields.setdefault("time_from", time(self.rng.choice([9, 10, 11, 13, 14, 15]), 0))
        fields.setdefault(
            "urgency", self.rng.choices(["today", "this_week", "no_hurry"], [1, 6, 3])[0]
        )
        fields.setdefault(
            "channel", self.rng.choices(["telefoon", "email", "inloop"], [8, 1, 1])[0]
        )
        if self.partners and self.rng.random() < 0.08:
            fields.update(channel="doorverwijzing", referred_by=self.rng.choice(self.partners))
        return help_request_create(
            village=self.village,
            resident=resident,
            category=self.categories[category],
            by=self.by,
            now=created,
            assigned_to=self.by,
            **fields,
        )

    def transport(self, created, max_km=None, **fields):
        destinations = [
            d for d in self.destinations if max_km is None or self.km.get(d.pk, max_km) <= max_km
        ]
        if destinations and self.rng.random() < 0.8:
            destination = self.rng.choice(destinations)
            where = {"destination": destination, "destination_text": ""}
            km = self.km.get(destination.pk)
        else:
            name, km = self.rng.choice(
                [(n, km) for n, km in DESTINATIONS if max_km is None or km <= max_km]
            )
            where = {"destination_text": name, "distance_km": km}
        appointment = time(self.rng.choice([9, 10, 11, 14, 15]), 30)
        return self.new_request(
            created,
            "vervoer",
            description=self.rng.choice(TRANSPORT_WHAT),
            appointment_time=appointment,
            time_from=departure_for(appointment, km),
            return_trip=self.rng.random() < 0.9,
            wait_at_destination=self.rng.random() < 0.6,
            mobility_aid=self.rng.choices(["", "rollator", "wheelchair"], [6, 3, 1])[0],
            **where,
            **fields,
        )

    def live_request(self, created, live):
        """One of the last LIVE requests, as LIVE_PATHS has it: still to be done on a day to
        come (the one already done, on the day after it came in)."""
        path, kind = LIVE_PATHS[live]
        if Status.DONE in path:
            needed_on = timezone.localdate(created) + timedelta(days=1)
        else:
            needed_on = self.ctx.today + timedelta(days=2 + live % 5)
            while needed_on.weekday() >= 5:  # on a working day, when most volunteers are free
                needed_on += timedelta(days=1)
        if kind == "transport":
            return self.transport(created, max_km=LIVE_MAX_KM, needed_on=needed_on)
        code, what = self.rng.choice(JOBS)
        return self.new_request(created, code, description=what, needed_on=needed_on)

    def finish(self, request, created, outcome, live=None):
        """Give a request the life it had: done and closed, or one of the exits. `live` is
        the place of one of the last LIVE requests, which stay open on the board."""
        if live is not None:
            self.move(request, LIVE_PATHS[live][0], created)
        elif outcome == "informed":
            self.move(request, [Status.INFORMED], created, self.reasons["informatie_volstaat"])
        elif outcome == "referred":
            if self.partners:
                self.move(request, [Status.REFERRED], created, self.reasons["andere_organisatie"])
            else:
                self.move(request, [Status.INFORMED], created, self.reasons["eigen_netwerk"])
        elif outcome == "rejected":
            code = "concurrentie" if "Dak" in request.description else "te_groot"
            self.move(request, [Status.TRIAGE, Status.REJECTED], created, self.reasons[code])
        elif outcome == "cancelled":
            code = self.rng.choice(["afgezegd", "geen_vrijwilliger", "ziek_of_opgenomen"])
            path = [Status.SEARCHING, Status.CANCELLED]
            self.move(request, path, created, self.reasons[code])
        else:
            path = [Status.SEARCHING, Status.MATCHED, Status.DONE, Status.CLOSED]
            self.move(request, path, created)

    def year(self, *, transport, jobs, big_jobs, admin, companionship, exits):
        """The plan's figures are per year; the demo covers the PAST_YEARS full calendar years
        before this one and this year so far, so that the yearly overview of last year is
        complete and compares with a full year before it."""
        today = self.ctx.today
        span = (today - demo_start(today)).days
        factor = span / 365

        def scaled(n):
            return round(n * factor)

        transport, jobs, big_jobs, admin = map(scaled, (transport, jobs, big_jobs, admin))
        exits = tuple(map(scaled, exits))
        kinds = ["transport"] * transport + ["job"] * jobs + ["big"] * big_jobs + ["admin"] * admin
        self.rng.shuffle(kinds)
        outcomes = (
            ["informed"] * exits[0]
            + ["referred"] * exits[1]
            + ["rejected"] * exits[2]
            + ["cancelled"] * exits[3]
        )
        outcomes += ["normal"] * (len(kinds) - len(outcomes))
        self.rng.shuffle(outcomes)
        # The requests of the last few days are still open on the board: move any exit
        # that landed there to an earlier request.
        live_from = len(kinds) - LIVE
        tail_exits = [j for j in range(live_from, len(outcomes)) if outcomes[j] != "normal"]
        head_normal = [j for j in range(live_from) if outcomes[j] == "normal"]
        for j, k in zip(tail_exits, head_normal, strict=False):
            outcomes[j], outcomes[k] = outcomes[k], outcomes[j]
        for i, (kind, outcome) in enumerate(zip(kinds, outcomes, strict=True)):
            # Spread evenly over the year, newest last, with the last few in this week so
            # the board has something on it; working hours.
            if i < live_from:
                days_ago = span - int(i * (span - 8) / live_from)
            else:
                days_ago = 5 - (i - live_from) * 5 // LIVE
            created = _aware(today - timedelta(days=days_ago), self.rng.randint(9, 15))
            live = i - live_from if i >= live_from and outcome == "normal" else None
            if live is not None:
                request = self.live_request(created, live)
            elif outcome == "rejected":
                code, what = self.rng.choice(TOO_BIG)
                request = self.new_request(created, code, description=what)
            elif kind == "transport":
                request = self.transport(created)
            elif kind == "big":
                request = self.new_request(
                    created,
                    "klus",
                    description=self.rng.choice(BIG_JOBS),
                    volunteers_needed=self.rng.randint(2, 4),
                )
            elif kind == "admin":
                request = self.new_request(
                    created, "administratie", description="Hulp bij het invullen van de huurtoeslag"
                )
            else:
                code, what = self.rng.choice(JOBS)
                request = self.new_request(created, code, description=what)
            self.finish(request, created, outcome, live)
        for i in range(companionship):
            self.recurring(i)

    def recurring(self, i):
        today = self.ctx.today
        start = today - timedelta(days=30 + 45 * i)  # some began last year
        created = _aware(start - timedelta(days=7), 10)
        kind = ["gezelschap"] * 9 + ["tuin", "vervoer"]
        code = kind[i % len(kind)]
        fields = {
            "description": {
                "gezelschap": "Wekelijks een kop koffie en een praatje",
                "tuin": "Om de twee weken het gras maaien",
                "vervoer": "Elke week naar de voedselbank",
            }[code],
            "is_recurring": True,
            "frequency": "every_n_weeks" if code == "tuin" else "weekly",
            "interval_weeks": 2 if code == "tuin" else 1,
            "weekday": i % 5,
            "times_of_day": ["10:00"],
            "recurrence_start": start,
            "review_on": start + timedelta(days=91),
            "needed_on": start,
            "urgency": "no_hurry",
        }
        if code == "vervoer":
            fields.update(destination_text="Voedselbank Uithuizermeeden", distance_km=14)
        request = self.new_request(created, code, **fields)
        path = [Status.SEARCHING, Status.MATCHED, Status.ACTIVE]
        if code == "vervoer":
            path += [Status.ENDED]
        elif i == 3:
            path += [Status.PAUSED]
        self.move(request, path, created)


def build(ctx) -> None:
    plans = {
        # Warffum: DOMAIN.md's year, about 115 requests including 11 recurring ones.
        "warffum": {
            "coordinator": "coordinator@warffum.example",
            "residents": 45,
            "year": {
                "transport": 74,
                "jobs": 26,
                "big_jobs": 3,
                "admin": 1,
                "companionship": 11,
                "exits": (8, 7, 8, 7),
            },
        },
        "usquert": {
            "coordinator": "coordinator@usquert.example",
            "residents": 15,
            "year": {
                "transport": 14,
                "jobs": 7,
                "big_jobs": 1,
                "admin": 0,
                "companionship": 2,
                "exits": (2, 1, 1, 1),
            },
        },
    }
    for slug, plan in plans.items():
        village = ctx.villages.get(slug)
        coordinator = ctx.users.get(plan["coordinator"])
        if village is None or coordinator is None:
            continue
        if HelpRequest.objects.filter(village=village).exists():
            continue
        builder = _Builder(ctx, village, coordinator)
        builder.make_residents(plan["residents"])
        builder.year(**plan["year"])
        count = HelpRequest.objects.filter(village=village).count()
        ctx.say(f"Hulpvragen: {count} hulpvragen in {village.name}")
