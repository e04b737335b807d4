"""Benchmark of the social map search at national size, as the list page runs it.

    createdb -h 127.0.0.1 -U postgres dl_bench_search
    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/dl_bench_search \
        .venv/bin/python bench/social_map_search.py

Fills a throwaway database (bulk inserts) with `--villages` villages, each with its own
organisations and contact persons, plus regional organisations (a municipality's Wmo desk,
welfare, debt counselling, home care) shared by the villages of one municipality, then times
the search of the social map list for a coordinator of one village: the filter set, the
paginator and the page's rows, exactly as `sociale_kaart.views.organisation_list` builds
them, and beside it the whole page through Django's test client. Prints p50 and p95 in ms
and the number of queries. Refuses a database holding villages that are not its own. Not a
test (no test_ prefix): run it by hand, see bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/dorpsloket-bench-search.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dorpsloket.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

PREFIX = "bench-sk-"
SEARCHES = ["schulden", "voedsel", "hulp", "eenzaam", "marieke", "wmo hogeland", "v", "tandarts"]

OWN = [
    ("Voedselbank {town}", "food_bank", "Wekelijks voedselpakket\nKledingbank", "geld"),
    ("Dorpshuis {town}", "church_association", "Koffieochtend\nBiljartclub", "welzijn"),
    ("Huisartsenpraktijk {town}", "gp", "Spreekuur\nPraktijkondersteuner ouderen", "zorg"),
    ("Bibliotheek {town}", "library", "Hulp bij DigiD en de computer\nBoeken lenen", "digitaal"),
    ("Kerk {town}", "church_association", "Bezoekwerk\nKoffie na de dienst", "eenzaamheid"),
    ("Buurtbus {town}", "transport", "Vervoer naar het ziekenhuis\nRolstoelvervoer", "vervoer"),
    ("Ouderenvereniging {town}", "church_association", "Belastinghulp\nUitjes", "eenzaamheid"),
    ("Fysiotherapie {town}", "other", "Valpreventie\nFit test", "zorg"),
    ("Apotheek {town}", "other", "Medicijnen bezorgen", "zorg"),
    ("IJsclub {town}", "church_association", "Schaatsen\nKoffie", "welzijn"),
    ("Kapper {town}", "commercial", "Aan huis knippen", "welzijn"),
    ("Tuinclub {town}", "church_association", "Tuinonderhoud op afspraak", "wonen"),
    ("Repair café {town}", "other", "Kleine reparaties", "digitaal"),
    ("Zonnebloem afdeling {town}", "welfare", "Huisbezoek\nUitstapjes", "eenzaamheid"),
    ("Sportschool {town}", "commercial", "Bewegen voor ouderen", "zorg"),
    ("Taalhuis {town}", "library", "Lezen en schrijven\nFormulieren invullen", "digitaal"),
    ("Tafeltje-dek-je {town}", "welfare", "Maaltijden aan huis", "zorg"),
    ("Klussendienst {town}", "other", "Kleine klussen in en om het huis", "wonen"),
]
REGIONAL = [
    ("Wmo-loket gemeente {m}", "municipality", "Trapliften en woningaanpassingen\nHulp", "wonen"),
    ("Schuldhulpverlening gemeente {m}", "municipality", "Schuldhulpverlening\nBudget", "geld"),
    ("Welzijn {m}", "welfare", "Mantelzorgondersteuning\nMaatschappelijk werk", "welzijn"),
    ("Thuiszorg {m}", "home_care", "Wijkverpleging\nHuishoudelijke hulp", "zorg"),
]
FIRST = ["Marieke", "Jan", "Anneke", "Henk", "Sietske", "Klaas", "Geert", "Wilma", "Roelof"]
LAST = ["Hofstra", "de Vries", "van 't Hof", "Bakker", "Dijkstra", "Mulder", "Smit", "Bos"]
ROLES = ["Wmo-consulent", "Coördinator", "Praktijkondersteuner", "Vrijwilliger", "Secretaris"]


def parse():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--per-municipality", type=int, default=10, help="villages sharing one")
    parser.add_argument("--repeat", type=int, default=30, help="timings per search")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


def setup(args):
    from accounts.models import Membership, User, Village
    from accounts.roles import Role
    from sociale_kaart.models import ContactPerson, Organisation, Theme
    from tests.two_factor import give_second_factor

    rng = random.Random(args.seed)
    themes = {t.code: t for t in Theme.objects.all()}
    villages = Village.objects.bulk_create(
        Village(name=f"Benchdorp {n}", slug=f"{PREFIX}{n:04d}", postcodes=[str(9000 + n % 999)])
        for n in range(args.villages)
    )
    organisations, served, themed = [], [], []

    def add(template, kind, services, theme, served_by, **names):
        organisation = Organisation(
            name=template.format(**names)[:150],
            kind=kind,
            services=services,
            town=names.get("town", ""),
            postcode="9989 AB",
            phone="0595 44 24 53",
        )
        organisations.append(organisation)
        served.append(served_by)
        themed.append(themes.get(theme))

    for start in range(0, len(villages), args.per_municipality):
        group = villages[start : start + args.per_municipality]
        municipality = "Het Hogeland" if start == 0 else f"Gemeente {start // 10}"
        for template, kind, services, theme in REGIONAL:
            add(template, kind, services, theme, group, m=municipality)
    for village in villages:
        for template, kind, services, theme in OWN:
            add(template, kind, services, theme, [village], town=village.name)
    Organisation.objects.bulk_create(organisations, batch_size=2000)
    Through = Organisation.villages.through
    Through.objects.bulk_create(
        (
            Through(organisation_id=o.pk, village_id=v.pk)
            for o, vs in zip(organisations, served, strict=True)
            for v in vs
        ),
        batch_size=5000,
    )
    ThemeThrough = Organisation.themes.through
    ThemeThrough.objects.bulk_create(
        (
            ThemeThrough(organisation_id=o.pk, theme_id=t.pk)
            for o, t in zip(organisations, themed, strict=True)
            if t
        ),
        batch_size=5000,
    )
    contacts = [
        ContactPerson(
            organisation=organisation,
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            role=rng.choice(ROLES),
            is_fixed_contact=rng.random() < 0.5,
        )
        for organisation in organisations
        if rng.random() < 0.65
    ]
    ContactPerson.objects.bulk_create(contacts, batch_size=2000)
    # Bulk inserts send no signals: build the search documents as an import would.
    try:
        from sociale_kaart.search_index import refresh_all
    except ImportError:  # the search before it had documents of its own
        pass
    else:
        refresh_all()
    user = User.objects.create_user(email="bench-sk@example.org", full_name="Bench Coördinator")
    Membership.objects.create(user=user, village=villages[0], role=Role.COORDINATOR)
    give_second_factor(user)
    return len(organisations), len(contacts)


def percentiles(runs: list[float]) -> tuple[float, float]:
    ordered = sorted(runs)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def counting(queries: list):
    def wrapper(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    return wrapper


def main():
    args = parse()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import RequestFactory
    from django.urls import reverse

    from accounts.access import build_access
    from accounts.models import Village
    from sociale_kaart import views
    from sociale_kaart.models import ContactPerson, Organisation
    from tests.client import Client

    db = settings.DATABASES["default"]
    if Path(str(db["NAME"])).resolve() == (ROOT / "db.sqlite3").resolve():
        sys.exit("Refusing the project's db.sqlite3: set DATABASE_URL to a throwaway database.")
    call_command("migrate", verbosity=0)
    if Village.objects.exclude(slug__startswith=PREFIX).exists():
        sys.exit(f"Refusing: {db['NAME']} holds villages that are not this benchmark's.")
    if not Village.objects.filter(slug__startswith=PREFIX).exists():
        print(f"Filling {db['NAME']} with {args.villages} villages …")
        setup(args)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    village = Village.objects.get(slug=f"{PREFIX}0000")
    user = village.memberships.get().user
    print(
        f"{connection.vendor}: {Village.objects.count()} villages, "
        f"{Organisation.objects.count()} organisations, {ContactPerson.objects.count()} "
        f"contact persons; {Organisation.objects.for_village(village).count()} serve "
        f"{village.name}"
    )

    from accounts.access import ACTIVE_VILLAGE_SESSION_KEY
    from sociale_kaart.access import organisations_for_user
    from sociale_kaart.filters import OrganisationFilter

    def request_for(text):
        request = RequestFactory().get(reverse("sociale_kaart:list"), {"q": text})
        request.user = user
        request.session = {ACTIVE_VILLAGE_SESSION_KEY: village.pk}
        request.access = build_access(request)
        request.htmx = False
        _ = request.access.village  # as in a page: loaded by the middleware
        return request

    def search(request):
        """The search alone, as the list's filter set runs it: the matching organisations."""
        base = organisations_for_user(request.access, include_archived=True)
        filterset = OrganisationFilter(request.GET, queryset=base)
        return list(filterset.qs.values_list("pk", flat=True))

    def as_the_view(request):
        """The whole list view (search, paginator, the rows of page 1, the template)."""
        response = views.organisation_list.__wrapped__(request)
        assert response.status_code == 200, response.status_code

    client = Client()
    client.force_login(user)
    print(
        f"{'search':<16} {'found':>5} {'search p50':>10} {'p95':>6} {'view p50':>9} {'p95':>6}"
        f" {'page p50':>9} {'p95':>6}  queries"
    )
    for text in SEARCHES:
        request = request_for(text)
        found = search(request)
        as_the_view(request)  # warm up
        searches, views_ms, pages = [], [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            search(request)
            searches.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            as_the_view(request)
            views_ms.append((time.perf_counter() - start) * 1000)
        queries = []
        with connection.execute_wrapper(counting(queries)):
            as_the_view(request)
        for _ in range(max(5, args.repeat // 3)):
            start = time.perf_counter()
            response = client.get(reverse("sociale_kaart:list"), {"q": text})
            pages.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                sys.exit(f"The list answered {response.status_code}: the timings mean nothing.")
        figures = (*percentiles(searches), *percentiles(views_ms), *percentiles(pages))
        print(
            f"{text!r:<16} {len(found):5} {figures[0]:10.1f} {figures[1]:6.1f} {figures[2]:9.1f}"
            f" {figures[3]:6.1f} {figures[4]:9.1f} {figures[5]:6.1f}  {len(queries)}"
        )


if __name__ == "__main__":
    main()
