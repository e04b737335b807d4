"""Demo volunteers: about 150 in Warffum and 40 in Usquert, with an ageing registry's spread.

Many are 60+, some never asked, some paused, a few stopped (one because she became a
help requester herself), some without e-mail, some away for a while. The demo login
vrijwilliger@warffum.example is linked to Jan Huizinga's record. Idempotent: a village
that already has volunteers is left alone.
"""

from __future__ import annotations

from datetime import timedelta

from accounts.demo import DemoContext, mobile_number
from accounts.logbook import log_entry
from hulpvragen.models import HelpCategory

from .availability import ALL_SLOTS, VolunteerStatus
from .models import Absence, AvailabilitySlot, StopReason, Volunteer, VolunteerChange

VILLAGE_SIZES = {"warffum": 150, "usquert": 40}

STREETS = {
    "warffum": [
        "Hoofdstraat",
        "Schoolstraat",
        "Noorderstraat",
        "Molenstraat",
        "Stationsstraat",
        "Oosterstraat",
        "Westerstraat",
        "Onnemaweg",
        "Kloosterlaan",
        "Kerkpad",
        "Asingastraat",
        "Lageweg",
        "Buitenweg",
        "Pastorielaan",
        "Dingeweg",
    ],
    "usquert": [
        "Kerkstraat",
        "Wierdaweg",
        "Rottumerweg",
        "Warffumerweg",
        "Molenweg",
        "Torenstraat",
        "Eppenhuizerweg",
        "Kloosterlaan",
    ],
}
PLACES = {"warffum": ("Warffum", "9989"), "usquert": ("Usquert", "9988")}

FIRST_NAMES = [
    "Aaltje",
    "Albert",
    "Anje",
    "Bauke",
    "Bertus",
    "Dieuwke",
    "Egbert",
    "Fenna",
    "Frits",
    "Geert",
    "Geesje",
    "Grietje",
    "Harm",
    "Hendrik",
    "Hillie",
    "Jacob",
    "Janna",
    "Jantje",
    "Klaas",
    "Koos",
    "Lammert",
    "Lies",
    "Marchien",
    "Martha",
    "Meindert",
    "Roelf",
    "Sietske",
    "Sjoukje",
    "Swaantje",
    "Tjakko",
    "Trijntje",
    "Wiebe",
    "Willem",
    "Wim",
    "Annie",
    "Henk",
    "Ria",
    "Gerrit",
    "Ineke",
    "Derk",
    "Tineke",
    "Jelle",
    "Marieke",
    "Sander",
    "Lotte",
]
LAST_NAMES = [
    "Bakker",
    "Boersma",
    "Bos",
    "Dijkhuis",
    "Dijkstra",
    "Doornbos",
    "Eilders",
    "Hazenberg",
    "Heres",
    "Hoekstra",
    "Huizing",
    "Jansema",
    "Kamminga",
    "Kuipers",
    "Lubbers",
    "Medema",
    "Meijer",
    "Mulder",
    "Nienhuis",
    "Oosterhuis",
    "Pot",
    "Reitsema",
    "Schuiling",
    "Smit",
    "Stol",
    "Tammenga",
    "Ubbens",
    "Veenstra",
    "de Vries",
    "Wierenga",
    "Zijlstra",
    "van der Molen",
]

BOUNDARIES = [
    "Geen tuinwerk, mijn rug wil niet meer.",
    "Niet naar het volgende dorp.",
    "Liever niet 's avonds rijden.",
    "Geen trappen op.",
    "Alleen ritten naar het ziekenhuis in Groningen als ik het op tijd weet.",
    "Ik heb een hond, dus niet langer dan twee uur weg.",
    "",
    "",
    "",
]


def _pick_slots(ctx: DemoContext) -> list[tuple[int, str]]:
    # Retired volunteers often have whole weekdays; working people evenings and Saturdays.
    if ctx.rng.random() < 0.65:
        days = ctx.rng.sample(range(5), ctx.rng.randint(1, 4))
        parts = ctx.rng.sample(["morning", "afternoon"], ctx.rng.randint(1, 2))
        return [(d, p) for d in days for p in parts]
    slots = [(d, "evening") for d in ctx.rng.sample(range(5), ctx.rng.randint(1, 3))]
    if ctx.rng.random() < 0.6:
        slots.append((5, ctx.rng.choice(["morning", "afternoon"])))
    return slots


def _build_village(ctx: DemoContext, slug: str, count: int, categories: list) -> None:
    village = ctx.villages[slug]
    if Volunteer.objects.filter(village=village).exists():
        return
    rng, today = ctx.rng, ctx.today
    place, area = PLACES[slug]
    by_code = {c.code: c for c in categories}
    volunteers: list[Volunteer] = []
    for n in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        # Many are 60+: ages 25–85, weighted towards retirement.
        age = int(rng.triangular(25, 86, 70))
        registered_years_ago = rng.choice([0, 1, 1, 2, 3, 4, 6, 6, 8])
        registered_on = today - timedelta(days=365 * registered_years_ago + rng.randint(0, 300))
        has_email = rng.random() > (0.35 if age >= 75 else 0.1)
        confirmed = None
        if rng.random() < 0.7:
            confirmed = max(registered_on, today - timedelta(days=rng.randint(0, 700)))
        asked = None
        if rng.random() > 0.3:  # about 3 in 10 never asked
            asked = today - timedelta(days=rng.randint(3, 600))
            asked = max(asked, registered_on)
        has_car = rng.random() < 0.6
        local = first.lower().replace(" ", "") + "." + last.lower().replace(" ", "")
        volunteers.append(
            Volunteer(
                village=village,
                first_name=first,
                last_name=last,
                email=f"{local}{n}@{slug}.example" if has_email else "",
                phone=(
                    mobile_number(rng.randint(10000000, 99999999))
                    if rng.random() < 0.7
                    else f"0595{rng.randint(400000, 499999)}"
                ),
                street=rng.choice(STREETS[slug]),
                house_number=str(rng.randint(1, 120)),
                postcode=f"{area} {rng.choice('ABCDEGHJKL')}{rng.choice('ABCEGHJKLNPRTVX')}",
                place=place,
                birth_year=today.year - age,
                max_km=rng.choice([5, 10, 15, 25, 40, 60]) if has_car else None,
                has_car=has_car,
                car_fits_rollator=has_car and rng.random() < 0.5,
                car_fits_wheelchair=has_car and rng.random() < 0.15,
                boundaries=rng.choice(BOUNDARIES),
                monthly_cap=rng.choice([None, None, None, 2, 4, 6]),
                status=VolunteerStatus.ACTIVE,
                registered_on=registered_on,
                last_confirmed_on=confirmed,
                last_asked_on=asked,
                vog_date=registered_on if rng.random() < 0.3 else None,
            )
        )
    # The registry ages: a handful paused, a few stopped, two still waiting for an intake.
    for volunteer in volunteers[5 : 5 + count // 12]:
        volunteer.status = VolunteerStatus.PAUSED
        if rng.random() < 0.5:
            volunteer.paused_until = today + timedelta(days=rng.randint(10, 90))
        volunteer.pause_note = rng.choice(["nieuwe heup", "mantelzorg voor partner", "drukke tijd"])
    stop_reasons = [StopReason.BECAME_REQUESTER, StopReason.HEALTH, StopReason.MOVED]
    for volunteer, reason in zip(volunteers[-3:], stop_reasons, strict=True):
        volunteer.status = VolunteerStatus.STOPPED
        volunteer.stopped_on = today - timedelta(days=rng.randint(20, 300))
        volunteer.stop_reason = reason
    for volunteer in volunteers[-5:-3]:
        volunteer.status = VolunteerStatus.SIGNED_UP
        volunteer.registered_on = today - timedelta(days=rng.randint(1, 10))
        volunteer.last_confirmed_on = volunteer.last_asked_on = None
        volunteer.signup_message = "Ik ben net met pensioen en wil graag iets doen voor het dorp."
    if slug == "warffum":
        jan = volunteers[0]
        jan.first_name, jan.last_name = "Jan", "Huizinga"
        jan.email = "vrijwilliger@warffum.example"
        jan.user = ctx.users.get("vrijwilliger@warffum.example")
        jan.status = VolunteerStatus.ACTIVE
        jan.has_car, jan.max_km, jan.car_fits_rollator = True, 30, True
        stopped = volunteers[-3]
        stopped.first_name, stopped.last_name = "Aaltje", "Oosterhuis"
        stopped.stop_note = "Krijgt nu zelf hulp bij boodschappen."
    for volunteer in volunteers:
        volunteer.full_clean(exclude=["village", "user"])
    Volunteer.objects.bulk_create(volunteers)
    volunteers = list(Volunteer.objects.filter(village=village).order_by("pk"))

    through = Volunteer.categories.through
    refused = Volunteer.refused_categories.through
    offered_rows, refused_rows, slot_rows, absences, history = [], [], [], [], []
    weights = {"vervoer": 5, "boodschappen": 4, "klus": 3, "gezelschap": 3, "tuin": 2}
    pool = [code for code, w in weights.items() for _ in range(w)] + [
        "administratie",
        "digitaal",
        "overig",
    ]
    for number, volunteer in enumerate(volunteers, start=1):
        codes = set(rng.sample(pool, rng.randint(1, 4)))
        if not volunteer.has_car:
            codes.discard("vervoer")
        codes = codes or {"gezelschap"}
        offered_rows += [
            through(volunteer_id=volunteer.pk, helpcategory_id=by_code[c].pk)
            for c in codes
            if c in by_code
        ]
        if rng.random() < 0.25:
            no = rng.choice(
                [c for c in ("tuin", "klus", "administratie") if c not in codes] or [None]
            )
            if no and no in by_code:
                refused_rows.append(
                    refused(volunteer_id=volunteer.pk, helpcategory_id=by_code[no].pk)
                )
        # every 17th in the list (not by pk: the demo must not depend on a database's sequences)
        slots = set(_pick_slots(ctx)) if number % 17 else set(ALL_SLOTS[:6])
        slot_rows += [AvailabilitySlot(volunteer=volunteer, weekday=d, daypart=p) for d, p in slots]
        if volunteer.status == VolunteerStatus.ACTIVE and rng.random() < 0.1:
            start = today + timedelta(days=rng.randint(-5, 40))
            absences.append(
                Absence(
                    village=village,
                    volunteer=volunteer,
                    starts_on=start,
                    ends_on=start + timedelta(days=rng.randint(3, 21)),
                    note=rng.choice(["vakantie", "naar de kinderen", "ziekenhuis", ""]),
                )
            )
        history.append(
            log_entry(
                VolunteerChange,
                village=village,
                volunteer=volunteer,
                kind=VolunteerChange.Kind.CREATED,
                text="demo",
            )
        )
    through.objects.bulk_create(offered_rows)
    refused.objects.bulk_create(refused_rows)
    AvailabilitySlot.objects.bulk_create(slot_rows)
    Absence.objects.bulk_create(absences)
    VolunteerChange.objects.bulk_create(history)
    ctx.say(f"{village.name}: {len(volunteers)} volunteers")


def build(ctx: DemoContext) -> None:
    categories = list(HelpCategory.objects.all())
    for slug, count in VILLAGE_SIZES.items():
        if slug in ctx.villages:
            _build_village(ctx, slug, count, categories)
