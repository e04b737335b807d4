"""Demo social map: about 30 organisations around Warffum and Usquert (Het Hogeland).

Names, addresses and phone numbers are made up but typical for the region; the distances
are realistic road distances. A few entries are stale on purpose (not checked for over a
year) and several are shared by both villages (the municipality, the hospitals).
"""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from .models import EntryCheck, Organisation, OrganisationKind, Theme
from .services import (
    contact_person_create,
    entry_check_propose,
    entry_check_send,
    organisation_create,
)

K = OrganisationKind
MON, TUE, WED, THU, FRI, SAT = range(6)


def _weekdays(start: str, end: str, days=(MON, TUE, WED, THU, FRI)):
    opens = time.fromisoformat(start)
    closes = time.fromisoformat(end)
    return [(day, opens, closes) for day in days]


# Each entry: name, kind, themes, villages ("w", "u" or "wu"), details, contacts,
# distances {"warffum": km, "usquert": km} for transport destinations, and how many days
# ago it was last checked (None: never).
ORGANISATIONS = [
    {
        "name": "Wmo-loket gemeente Het Hogeland",
        "kind": K.MUNICIPALITY,
        "themes": ["wonen", "zorg", "vervoer", "geld"],
        "villages": "wu",
        "street_address": "Hoofdstraat W 80",
        "postcode": "9951 AC",
        "town": "Winsum",
        "phone": "0595 447 700",
        "email": "wmo@hethogeland.example",
        "website": "https://www.hethogeland.example/wmo",
        "services": "Aanvraag huishoudelijke hulp\nTrapliften en woningaanpassing\n"
        "Regiotaxi-pas en scootmobiel\nKeukentafelgesprek thuis",
        "how_to_refer": "Met toestemming van de inwoner bellen met de vaste contactpersoon. "
        "Of de inwoner zelf laten bellen; wij kunnen bij het keukentafelgesprek zijn.",
        "opening_hours_note": "Telefonisch bereikbaar op werkdagen van 9 tot 12 uur.",
        "hours": _weekdays("09:00", "12:00"),
        "transport": True,
        "distances": {"warffum": "17.0", "usquert": "21.5"},
        "contacts": [
            ("Marieke Hofstra", "Wmo-consulent Noord", "0595 447 712", True),
            ("Gerard Boersma", "gebiedsregisseur", "06 4812 3390", False),
        ],
        "verified_days_ago": 40,
    },
    {
        "name": "Welzijn Hogeland Noord",
        "kind": K.WELFARE,
        "themes": ["welzijn", "eenzaamheid", "geld"],
        "villages": "wu",
        "street_address": "Schoolstraat 5",
        "postcode": "9981 BH",
        "town": "Uithuizen",
        "phone": "0595 433 210",
        "email": "info@welzijnhogeland.example",
        "website": "https://www.welzijnhogeland.example",
        "services": "Ouderenadviseur aan huis\nMaatjesproject tegen eenzaamheid\n"
        "Hulp bij formulieren\nMantelzorgondersteuning",
        "how_to_refer": "Aanmeldformulier op de website of bellen met de ouderenadviseur. "
        "Toestemming van de inwoner vragen.",
        "hours": _weekdays("08:30", "17:00", (MON, TUE, WED, THU)),
        "contacts": [("Sjoukje Postma", "ouderenadviseur", "06 2391 4470", True)],
        "verified_days_ago": 120,
    },
    {
        "name": "Huisartsenpraktijk Warffum",
        "kind": K.GP,
        "themes": ["zorg"],
        "villages": "w",
        "street_address": "Schoolstraat 12",
        "postcode": "9989 AE",
        "town": "Warffum",
        "phone": "0595 422 100",
        "services": "Huisartsenzorg\nPraktijkondersteuner ouderenzorg (huisbezoek)\n"
        "Praktijkondersteuner GGZ",
        "how_to_refer": "Zorgen over een inwoner: bellen met de praktijkondersteuner "
        "ouderenzorg, alleen met toestemming.",
        "opening_hours_note": "Spoed buiten openingstijden: huisartsenpost 0900 92 29.",
        "hours": [*_weekdays("08:00", "12:30"), *_weekdays("13:30", "17:00")],
        "transport": True,
        "distances": {"warffum": "0.8"},
        "contacts": [("Ineke Veenstra", "praktijkondersteuner ouderenzorg", "", True)],
        "verified_days_ago": 75,
    },
    {
        "name": "Huisartsenpraktijk Usquert",
        "kind": K.GP,
        "themes": ["zorg"],
        "villages": "u",
        "street_address": "Stationsstraat 3",
        "postcode": "9988 RA",
        "town": "Usquert",
        "phone": "0595 423 450",
        "services": "Huisartsenzorg\nPraktijkondersteuner ouderenzorg",
        "hours": _weekdays("08:00", "17:00"),
        "transport": True,
        "distances": {"usquert": "0.6"},
        "contacts": [("Wim de Haan", "praktijkondersteuner", "", True)],
        "verified_days_ago": 30,
    },
    {
        "name": "Thuiszorg Noord-Groningen",
        "kind": K.HOME_CARE,
        "themes": ["zorg"],
        "villages": "wu",
        "town": "Uithuizen",
        "phone": "0595 430 800",
        "email": "wijkteam.noord@thuiszorgng.example",
        "services": "Wijkverpleging\nPersoonlijke verzorging\nAlarmering",
        "how_to_refer": "Wijkverpleging via de huisarts of direct via de wijkverpleegkundige.",
        "opening_hours_note": "24 uur per dag bereikbaar.",
        "contacts": [("Anja Kuipers", "wijkverpleegkundige", "06 1833 2760", True)],
        "verified_days_ago": 200,
    },
    {
        "name": "Buurtzorg Hogeland",
        "kind": K.HOME_CARE,
        "themes": ["zorg"],
        "villages": "wu",
        "town": "Warffum",
        "phone": "06 5310 2288",
        "services": "Wijkverpleging in een klein team\nHulp na ziekenhuisopname",
        "verified_days_ago": 420,  # stale
    },
    {
        "name": "Woonstichting Wierdenland",
        "kind": K.HOUSING,
        "themes": ["wonen"],
        "villages": "wu",
        "street_address": "Marsweg 2",
        "postcode": "9951 KA",
        "town": "Winsum",
        "phone": "0595 449 900",
        "email": "huurders@wierdenland.example",
        "website": "https://www.wierdenland.example",
        "services": "Reparatieverzoeken huurwoningen\nWoningaanpassing voor ouderen\n"
        "Huurachterstand: bespreken voor het te laat is",
        "how_to_refer": "Bij zorgen over een huurder: bellen met de wijkconsulent.",
        "hours": _weekdays("09:00", "16:00"),
        "contacts": [("Harm Dijkhuis", "wijkconsulent", "06 1122 9034", True)],
        "verified_days_ago": 90,
    },
    {
        "name": "Voedselbank Het Hogeland, uitgiftepunt Uithuizen",
        "kind": K.FOOD_BANK,
        "themes": ["geld"],
        "villages": "wu",
        "street_address": "Hoofdstraat Oost 42",
        "postcode": "9981 AH",
        "town": "Uithuizen",
        "phone": "06 3022 7711",
        "email": "uithuizen@voedselbankhogeland.example",
        "services": "Wekelijks voedselpakket\nIntake via hulpverlener",
        "how_to_refer": "Aanmelden via Sociaal Raadslieden of Welzijn; zij doen de intake.",
        "opening_hours_note": "Uitgifte alleen op vrijdagmiddag.",
        "hours": [(FRI, time(14, 0), time(16, 0))],
        "transport": True,
        "distances": {"warffum": "11.0", "usquert": "6.5"},
        "contacts": [("Bert Mulder", "coördinator uitgifte", "06 3022 7711", True)],
        "verified_days_ago": 60,
    },
    {
        "name": "UMCG Groningen",
        "kind": K.HOSPITAL,
        "themes": ["zorg", "vervoer"],
        "villages": "wu",
        "street_address": "Hanzeplein 1",
        "postcode": "9713 GZ",
        "town": "Groningen",
        "phone": "050 361 6161",
        "website": "https://www.umcg.nl",
        "services": "Ziekenhuis\nPoliklinieken",
        "opening_hours_note": "Afzetten bij de hoofdingang; parkeergarage P3.",
        "transport": True,
        "distances": {"warffum": "25.0", "usquert": "27.5"},
        "verified_days_ago": 150,
    },
    {
        "name": "Martini Ziekenhuis",
        "kind": K.HOSPITAL,
        "themes": ["zorg", "vervoer"],
        "villages": "wu",
        "street_address": "Van Swietenplein 1",
        "postcode": "9728 NT",
        "town": "Groningen",
        "phone": "050 524 5245",
        "website": "https://www.martiniziekenhuis.nl",
        "services": "Ziekenhuis\nPoliklinieken",
        "transport": True,
        "distances": {"warffum": "28.0", "usquert": "30.5"},
        "verified_days_ago": 150,
    },
    {
        "name": "Ommelander Ziekenhuis Groningen",
        "kind": K.HOSPITAL,
        "themes": ["zorg", "vervoer"],
        "villages": "wu",
        "street_address": "Ziekenhuisweg 3",
        "town": "Scheemda",
        "phone": "0597 720 720",
        "services": "Ziekenhuis\nPoliklinieken",
        "transport": True,
        "distances": {"warffum": "52.0", "usquert": "49.0"},
        "verified_days_ago": 500,  # stale
    },
    {
        "name": "Regiotaxi Groningen",
        "kind": K.TRANSPORT,
        "themes": ["vervoer"],
        "villages": "wu",
        "phone": "0900 123 4567",
        "services": "Vervoer op afroep met Wmo-pas\nRolstoelvervoer",
        "how_to_refer": "Inwoner belt zelf een uur vooraf; de pas via het Wmo-loket.",
        "hours": _weekdays("06:00", "23:00", (MON, TUE, WED, THU, FRI, SAT)),
        "verified_days_ago": 100,
    },
    {
        "name": "Stichting Vervoer Noordelijk Hogeland",
        "kind": K.TRANSPORT,
        "themes": ["vervoer", "eenzaamheid"],
        "villages": "wu",
        "town": "Uithuizen",
        "phone": "06 4455 1020",
        "services": "Vrijwillige chauffeurs voor ziekenhuisbezoek\nBoodschappenbus op dinsdag",
        "how_to_refer": "Twee werkdagen vooraf bellen; kleine vergoeding per kilometer.",
        "hours": _weekdays("09:00", "11:00"),
        "contacts": [("Klaas Wieringa", "planner", "06 4455 1020", True)],
        "verified_days_ago": 410,  # stale
    },
    {
        "name": "Protestantse Gemeente Warffum",
        "kind": K.CHURCH_ASSOCIATION,
        "themes": ["eenzaamheid", "welzijn"],
        "villages": "w",
        "street_address": "Kerkpad 1",
        "postcode": "9989 AX",
        "town": "Warffum",
        "services": "Bezoekwerk bij ouderen\nKoffieochtend op woensdag",
        "hours": [(WED, time(10, 0), time(11, 30))],
        "contacts": [("Ds. Jolanda Brouwer", "predikant", "0595 421 388", True)],
        "verified_days_ago": 220,
    },
    {
        "name": "Protestantse Gemeente Usquert",
        "kind": K.CHURCH_ASSOCIATION,
        "themes": ["eenzaamheid", "welzijn"],
        "villages": "u",
        "street_address": "Kerkstraat 2",
        "postcode": "9988 RL",
        "town": "Usquert",
        "services": "Bezoekwerk\nMaaltijd voor alleenstaanden (maandelijks)",
        "verified_days_ago": None,  # never checked
    },
    {
        "name": "Bibliotheek Warffum",
        "kind": K.LIBRARY,
        "themes": ["digitaal", "welzijn"],
        "villages": "w",
        "street_address": "Noorderstraat 28",
        "postcode": "9989 AJ",
        "town": "Warffum",
        "phone": "0595 422 470",
        "services": "Boeken lenen en thuisbezorgd\nLeesclub",
        "hours": [(TUE, time(14, 0), time(17, 0)), (THU, time(14, 0), time(20, 0))],
        "verified_days_ago": 80,
    },
    {
        "name": "Digitaal Hulpplein, Bibliotheek Uithuizen",
        "kind": K.LIBRARY,
        "themes": ["digitaal"],
        "villages": "wu",
        "street_address": "Hoofdstraat West 10",
        "postcode": "9981 AA",
        "town": "Uithuizen",
        "phone": "0595 431 600",
        "services": "Hulp bij DigiD en de computer\nCursus Klik & Tik\nSpreekuur belastingaangifte",
        "how_to_refer": "Inloop zonder afspraak op woensdagochtend.",
        "hours": [(WED, time(10, 0), time(12, 0))],
        "verified_days_ago": 45,
    },
    {
        "name": "Humanitas Noord-Groningen",
        "kind": K.WELFARE,
        "themes": ["geld", "eenzaamheid"],
        "villages": "wu",
        "town": "Winsum",
        "phone": "06 2050 4411",
        "email": "noordgroningen@humanitas.example",
        "services": "Thuisadministratie\nMaatje bij rouw\nVriendschappelijk huisbezoek",
        "how_to_refer": "Aanmelden via het formulier op de website, met toestemming.",
        "contacts": [("Rinske Zijlstra", "coördinator thuisadministratie", "06 2050 4411", True)],
        "verified_days_ago": 190,
    },
    {
        "name": "Sociaal Raadslieden Het Hogeland",
        "kind": K.WELFARE,
        "themes": ["geld"],
        "villages": "wu",
        "street_address": "Hoofdstraat W 80",
        "postcode": "9951 AC",
        "town": "Winsum",
        "phone": "0595 447 750",
        "services": "Gratis advies over toeslagen en brieven\nHulp bij schulden (eerste stap)",
        "how_to_refer": "Inwoner maakt zelf een afspraak; wij mogen meebellen.",
        "hours": [(MON, time(9, 0), time(12, 0)), (THU, time(13, 0), time(16, 0))],
        "contacts": [("Femke Bos", "sociaal raadsvrouw", "0595 447 751", True)],
        "verified_days_ago": 20,
    },
    {
        "name": "Schuldhulpverlening gemeente Het Hogeland",
        "kind": K.MUNICIPALITY,
        "themes": ["geld"],
        "villages": "wu",
        "town": "Winsum",
        "phone": "0595 447 760",
        "services": "Schuldhulpverlening\nBudgetbeheer",
        "verified_days_ago": 250,
    },
    {
        "name": "Energieloket Het Hogeland",
        "kind": K.MUNICIPALITY,
        "themes": ["wonen", "geld"],
        "villages": "wu",
        "town": "Winsum",
        "phone": "0595 447 790",
        "services": "Energiecoach aan huis\nSubsidie isolatie en tochtstrips",
        "verified_days_ago": 390,  # stale
    },
    {
        "name": "Mantelzorgpunt Het Hogeland",
        "kind": K.WELFARE,
        "themes": ["zorg", "welzijn"],
        "villages": "wu",
        "town": "Uithuizen",
        "phone": "0595 433 220",
        "services": "Steun voor mantelzorgers\nRespijtzorg regelen\nMantelzorgwaardering",
        "verified_days_ago": 130,
    },
    {
        "name": "Hoveniersbedrijf De Wierde",
        "kind": K.COMMERCIAL,
        "themes": ["wonen"],
        "villages": "w",
        "street_address": "Molenweg 7",
        "postcode": "9989 TC",
        "town": "Warffum",
        "phone": "06 1987 2345",
        "services": "Tuinonderhoud en snoeiwerk\nGrote tuinklussen (te groot voor vrijwilligers)",
        "how_to_refer": "Inwoner zelf laten bellen voor een offerte.",
        "verified_days_ago": 300,
    },
    {
        "name": "Klussenbedrijf Van der Veen",
        "kind": K.COMMERCIAL,
        "themes": ["wonen"],
        "villages": "wu",
        "town": "Usquert",
        "phone": "06 2233 8899",
        "services": "Klussen in en om het huis\nKleine verbouwingen en reparaties",
        "how_to_refer": "Inwoner belt zelf; betaalde klussen.",
        "verified_days_ago": 160,
    },
    {
        "name": "Fysiotherapie Warffum",
        "kind": K.OTHER,
        "themes": ["zorg"],
        "villages": "w",
        "street_address": "Schoolstraat 14",
        "postcode": "9989 AE",
        "town": "Warffum",
        "phone": "0595 422 330",
        "services": "Fysiotherapie\nValpreventie voor ouderen",
        "hours": _weekdays("08:00", "18:00"),
        "transport": True,
        "distances": {"warffum": "0.9"},
        "verified_days_ago": 70,
    },
    {
        "name": "Apotheek Warffum",
        "kind": K.OTHER,
        "themes": ["zorg"],
        "villages": "wu",
        "street_address": "Schoolstraat 16",
        "postcode": "9989 AE",
        "town": "Warffum",
        "phone": "0595 422 600",
        "services": "Medicijnen ophalen\nMedicijnen thuisbezorgd op dinsdag en vrijdag",
        "hours": _weekdays("08:30", "17:30"),
        "transport": True,
        "distances": {"warffum": "0.9", "usquert": "5.5"},
        "verified_days_ago": 35,
    },
    {
        "name": "Dorpshuis Warffum",
        "kind": K.CHURCH_ASSOCIATION,
        "themes": ["welzijn", "eenzaamheid"],
        "villages": "w",
        "street_address": "Hoofdstraat 40",
        "postcode": "9989 AA",
        "town": "Warffum",
        "phone": "0595 421 900",
        "services": "Inloopspreekuur Dorpsloket (dinsdag)\nSamen eten op donderdag\nBiljartclub",
        "hours": [(TUE, time(10, 0), time(12, 0)), (THU, time(17, 30), time(20, 0))],
        "verified_days_ago": 15,
    },
    {
        "name": "Vereniging Dorpsbelangen Usquert",
        "kind": K.CHURCH_ASSOCIATION,
        "themes": ["welzijn"],
        "villages": "u",
        "town": "Usquert",
        "email": "bestuur@dorpsbelangenusquert.example",
        "services": "Activiteiten in het dorp\nSignalen over de openbare ruimte",
        "verified_days_ago": 240,
    },
    {
        "name": "Ouderenvereniging KBO-PCOB Warffum",
        "kind": K.CHURCH_ASSOCIATION,
        "themes": ["eenzaamheid", "welzijn", "geld"],
        "villages": "w",
        "town": "Warffum",
        "phone": "0595 421 777",
        "services": "Ouderenadviseur (vrijwillig)\nHulp bij belastingaangifte\nSoosmiddag",
        "contacts": [("Tjitske Schuiling", "ouderenadviseur", "0595 421 777", True)],
        "verified_days_ago": 380,  # stale
    },
    {
        "name": "De Zonnebloem, afdeling Warffum-Usquert",
        "kind": K.CHURCH_ASSOCIATION,
        "themes": ["eenzaamheid"],
        "villages": "wu",
        "phone": "06 4100 7788",
        "services": "Huisbezoek voor mensen met een beperking\nUitjes met aangepast vervoer",
        "verified_days_ago": 110,
    },
]

VILLAGE_CODES = {"w": "warffum", "u": "usquert"}
DETAIL_FIELDS = [
    "street_address",
    "postcode",
    "town",
    "phone",
    "email",
    "website",
    "services",
    "how_to_refer",
    "opening_hours_note",
]


def build(ctx) -> None:
    coordinators = {
        "warffum": ctx.users.get("coordinator@warffum.example"),
        "usquert": ctx.users.get("coordinator@usquert.example"),
    }
    themes = {theme.code: theme for theme in Theme.objects.all()}
    added = 0
    for spec in ORGANISATIONS:
        if Organisation.objects.filter(name=spec["name"]).exists():
            continue
        slugs = [VILLAGE_CODES[code] for code in spec["villages"]]
        villages = [ctx.villages[slug] for slug in slugs]
        home = villages[0]
        by = coordinators[home.slug]
        organisation = organisation_create(
            village=home,
            by=by,
            today=ctx.today,
            values={
                "name": spec["name"],
                "kind": spec["kind"],
                "is_transport_destination": spec.get("transport", False),
                **{name: spec.get(name, "") for name in DETAIL_FIELDS},
            },
            themes=[themes[code] for code in spec["themes"] if code in themes],
            villages=villages,
            opening_periods=spec.get("hours", []),
            distance_km=None,
        )
        for slug, km in spec.get("distances", {}).items():
            organisation.distances.create(village=ctx.villages[slug], km=Decimal(km))
        for name, role, phone, fixed in spec.get("contacts", []):
            contact_person_create(
                organisation=organisation,
                village=home,
                by=by,
                values={"name": name, "role": role, "phone": phone, "is_fixed_contact": fixed},
            )
        days_ago = spec.get("verified_days_ago")
        Organisation.objects.filter(pk=organisation.pk).update(
            last_verified_on=None if days_ago is None else ctx.today - timedelta(days=days_ago),
            last_verified_by=None if days_ago is None else by,
        )
        added += 1
    if added:
        ctx.say(f"Social map: {added} organisations added.")
    _demo_checks(ctx)


def _demo_checks(ctx) -> None:
    """ "Klopt dit nog?" in Warffum: one stale organisation asked twelve days ago that sent a
    correction (waiting for the coordinator), one asked three days ago without an answer."""
    if EntryCheck.objects.exists():
        return
    warffum = ctx.villages["warffum"]
    stale = list(
        Organisation.objects.for_village(warffum)
        .stale(ctx.today)
        .exclude(email="")
        .order_by("last_verified_on", "name")[:2]
    )
    now = timezone.now()
    if stale:
        check = entry_check_send(
            organisation=stale[0], village=warffum, now=now - timedelta(days=12)
        )
        entry_check_propose(
            check=check,
            name="M. de Vries",
            values={"opening_hours_note": "Inloop op dinsdag- en donderdagochtend."},
            remark="Wij zijn verhuisd naar de andere kant van het dorpshuis.",
            now=now - timedelta(days=10),
        )
    if len(stale) > 1:
        entry_check_send(organisation=stale[1], village=warffum, now=now - timedelta(days=3))
