"""The main pages through gunicorn: p50/p95, queries, Python against SQL, requests per second.

    .venv/bin/python bench/pages.py \\
        --db demo=postgres://postgres:postgres@127.0.0.1:5432/dorpsloket_perf \\
        --db national=postgres://postgres:postgres@127.0.0.1:5432/dorpsloket_national

For each database (run `manage.py demo_data` into the first, `bench/national.py` into the
second) a child process sets up three benchmark logins in one village (the first by slug, or
`--village`): a coordinator with a second factor, that village's volunteer with the most
tasks, and a reader of up to 50 villages (the region). It starts gunicorn (2 workers, the
production settings apart from HTTPS, plus one bare view in bench/urls.py) and then, per page:

- in the process itself, through Django's test client with the same settings: the number of
  queries, the time spent in SQL (every execute timed, wall clock, round trip included) and
  the time in Python and templates (the process's CPU time outside those executes, so that
  waiting for a core on a shared machine does not count as Python), medians over `--repeat`,
  and the median of each request's Python / SQL: a slow moment of a shared machine slows
  both in the same request, so the ratio per request moves less than the two medians;
- over HTTP against gunicorn, one request at a time on a kept-alive connection: p50 and p95
  of `--requests` requests after a warm-up (a page slower than 30 s for them stops at 20);
- for board, candidates and my tasks, and the bare view: requests per second with
  `--clients` connections in parallel for `--seconds`.

The parent prints one table with both databases side by side and the targets: p95 ≤ 100 ms at
the largest size, the same number of queries at every size, Python ≤ SQL (the median ratio
per request ≤ 1), the 50-village
overview ≤ 1 s, one village's overview ≤ 1.5 × its own SQL. Benchmark accounts are
`bench-…@bench.example`; nothing else is written apart from what the pages write themselves
(access log lines). Not a test: run it by hand, see bench/README.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Production-like: DEBUG off (cached templates, no debug toolbar of queries), plain HTTP.
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DEBUG": "False",
    "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "False",
    "SESSION_COOKIE_SECURE": "False",
    "CSRF_COOKIE_SECURE": "False",
    "SECURE_HSTS_SECONDS": "0",
    "STATIC_COLLECTED": "False",
    "LOG_LEVEL": "WARNING",
}

PAGES = [
    # (name, who, path template) — filled in by the child from its own data.
    ("board", "coordinator", "/hulpvragen/"),
    ("request detail", "coordinator", "/hulpvragen/{request}/"),
    ("candidates", "coordinator", "/koppelen/hulpvraag/{request}/kandidaten/"),
    ("registry", "coordinator", "/vrijwilligers/"),
    ("residents", "coordinator", "/hulpvragen/hulpvragers/"),
    ("my tasks", "volunteer", "/vrijwilligers/mijn-taken/"),
    ("social map search", "coordinator", "/sociale-kaart/?q=zorg"),
    ("weekly meeting", "coordinator", "/hulpvragen/weekoverleg/"),
    ("overview, 1 village", "coordinator", "/jaaroverzicht/?village={village}"),
    ("overview, region", "region", "/jaaroverzicht/"),
]
THROUGHPUT = ["board", "candidates", "my tasks"]
TARGET_P95_MS = 100
BUDGET_SECONDS = 30  # per page over HTTP; a slow page stops at MIN_SAMPLES after that
MIN_SAMPLES = 20
TARGET_REGION_MS = 1000
TARGET_OWN_SQL = 1.5


def parse():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="append", default=[], help="label=DATABASE_URL")
    parser.add_argument("--village", default="", help="slug (default: warffum or the first)")
    parser.add_argument("--port", type=int, default=8151)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=40, help="per page, over HTTP")
    parser.add_argument("--repeat", type=int, default=21, help="per page, in process")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated page names; a comma inside a name is followed by a space "
        '("overview, 1 village,overview, region")',
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", default="", help="also write the results here")
    return parser.parse_args()


def only_names(only: str) -> list[str]:
    """The page names in `--only`: split at the commas that no space follows, since some
    names hold ", " themselves."""
    return [name.strip() for name in re.split(r",(?! )", only) if name.strip()]


# --- the child: one database ------------------------------------------------------------


def prepare(village_slug):
    """The village, the benchmark logins and the request the detail pages show."""
    from django.db.models import Count, Q
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import Membership, User, Village
    from hulpvragen.models import HelpRequest
    from vrijwilligers.models import Volunteer

    villages = Village.objects.order_by("slug")
    village = (
        villages.get(slug=village_slug)
        if village_slug
        else villages.filter(slug="warffum").first() or villages.first()
    )

    def login(email, name, roles):
        user, _ = User.objects.get_or_create(email=email, defaults={"full_name": name})
        for chosen, role in roles:
            Membership.objects.get_or_create(user=user, village=chosen, role=role)
        return user

    coordinator = login(
        "bench-coordinator@bench.example", "Bench Coördinator", [(village, "coordinator")]
    )
    if not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists():
        TOTPDevice.objects.create(user=coordinator, name="authenticator", confirmed=True)
    region = [village, *villages.exclude(pk=village.pk)[:49]]
    reader = login("bench-region@bench.example", "Bench Regio", [(v, "reader") for v in region])
    volunteer = (
        Volunteer.objects.filter(village=village, user__isnull=False, status="active")
        .annotate(n=Count("assignments", filter=Q(assignments__status="active")))
        .order_by("-n", "pk")
        .select_related("user")
        .first()
    )
    searching = (
        HelpRequest.objects.filter(village=village, status="searching")
        .order_by("-created_at")
        .first()
    ) or HelpRequest.objects.filter(village=village).order_by("-created_at").first()
    return {
        "village": village,
        "users": {"coordinator": coordinator, "volunteer": volunteer.user, "region": reader},
        "request": searching.pk,
        "regions": len(region),
    }


def session_cookie(user) -> str:
    from tests.client import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


class SqlTimer:
    """An execute wrapper: counts the queries and adds up their time."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0
        self.cpu = 0.0

    def __call__(self, execute, sql, params, many, context):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.cpu += time.process_time() - cpu
            self.count += 1


def in_process(path, cookie, repeat):
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = cookie
    client.get(path)  # warm: templates, caches
    totals, sqls, pythons, counts, ratios = [], [], [], [], []
    for _ in range(repeat):
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            start, cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            totals.append(time.perf_counter() - start)
            # Python and templates: this process's CPU time outside the query calls (on a
            # shared machine the wall time also holds the waits for a core).
            pythons.append(time.process_time() - cpu - timer.cpu)
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code}")
        sqls.append(timer.seconds)
        counts.append(timer.count)
        ratios.append(pythons[-1] / max(timer.seconds, 1e-6))
    return {
        "queries": max(counts),
        "total_ms": statistics.median(totals) * 1000,
        "sql_ms": statistics.median(sqls) * 1000,
        "python_ms": statistics.median(pythons) * 1000,
        "python_per_sql": statistics.median(ratios),
    }


def get(conn, path, cookie):
    conn.request("GET", path, headers={"Cookie": f"sessionid={cookie}", "Host": "127.0.0.1"})
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit(f"{path}: HTTP {response.status}")


def latencies(port, path, cookie, n):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _ in range(3):
        get(conn, path, cookie)
    times = []
    budget = time.perf_counter() + BUDGET_SECONDS
    for _ in range(n):
        start = time.perf_counter()
        get(conn, path, cookie)
        times.append((time.perf_counter() - start) * 1000)
        if len(times) >= MIN_SAMPLES and time.perf_counter() > budget:
            break  # a slow page: enough samples for its p95
    conn.close()
    times.sort()
    return {
        "p50_ms": statistics.median(times),
        "p95_ms": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "samples": len(times),
    }


def throughput(port, path, cookie, clients, seconds):
    done = []
    stop = time.perf_counter() + seconds

    def run():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        count = 0
        while time.perf_counter() < stop:
            get(conn, path, cookie)
            count += 1
        done.append(count)
        conn.close()

    threads = [threading.Thread(target=run) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - start)


def start_server(port, workers):
    env = {**os.environ, **SERVER_ENV}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "dorpsloket.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--chdir",
            str(ROOT),
            "--log-level",
            "warning",
        ],
        env=env,
    )
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/bench/bare/")  # a redirect to the login page: up
            if conn.getresponse().status < 500:
                conn.close()
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def child(args):
    os.environ.update(SERVER_ENV)
    import django

    django.setup()
    from django.db import connection

    from hulpvragen.models import HelpRequest
    from koppelingen.models import Invitation
    from vrijwilligers.models import Volunteer

    data = prepare(args.village)
    cookies = {who: session_cookie(user) for who, user in data["users"].items()}
    fill = {"request": data["request"], "village": data["village"].slug}
    chosen = [p for p in PAGES if not args.only or p[0] in only_names(args.only)]
    size = {
        "villages": data["village"].__class__.objects.count(),
        "requests": HelpRequest.objects.count(),
        "volunteers": Volunteer.objects.count(),
        "invitations": Invitation.objects.count(),
        "region": data["regions"],
        "vendor": connection.vendor,
    }
    results = {}
    for name, who, template in chosen:
        path = template.format(**fill)
        results[name] = {"path": path, **in_process(path, cookies[who], args.repeat)}
        print(f"  in process: {name} {results[name]}", file=sys.stderr, flush=True)
    connection.close()
    server = start_server(args.port, args.workers)
    try:
        for name, who, template in chosen:
            path = template.format(**fill)
            results[name].update(latencies(args.port, path, cookies[who], args.requests))
            print(f"  http: {name} {results[name]}", file=sys.stderr, flush=True)
        rates = {
            "bare": throughput(
                args.port, "/bench/bare/", cookies["coordinator"], args.clients, args.seconds
            )
        }
        for name, who, template in chosen:
            if name in THROUGHPUT:
                path = template.format(**fill)
                rates[name] = throughput(args.port, path, cookies[who], args.clients, args.seconds)
    finally:
        server.terminate()
        server.wait()
    print(json.dumps({"size": size, "pages": results, "rates": rates}))


# --- the parent: the table ----------------------------------------------------------------


def run_child(label, url, args):
    argv = [sys.executable, __file__, "--child", *_passed(args)]
    env = {**os.environ, "DATABASE_URL": url}
    print(f"{label}: {url.rsplit('/', 1)[-1]} …", file=sys.stderr, flush=True)
    out = subprocess.run(argv, env=env, check=False, stdout=subprocess.PIPE, text=True)
    if out.returncode:
        sys.exit(f"{label}: the measurement failed (exit {out.returncode})")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _passed(args):
    flags = []
    for name in ("village", "port", "workers", "requests", "repeat", "clients", "seconds", "only"):
        value = getattr(args, name)
        if value not in ("", None):
            flags += [f"--{name}", str(value)]
    return flags


def table(runs: dict) -> str:  # noqa: C901
    labels = list(runs)
    largest = labels[-1]
    lines = []
    for label in labels:
        s = runs[label]["size"]
        lines.append(
            f"{label}: {s['villages']:,} villages, {s['volunteers']:,} volunteers, "
            f"{s['requests']:,} requests, {s['invitations']:,} invitations; "
            f"region = {s['region']} villages"
        )
    lines.append("")
    head = ["page", "queries " + " / ".join(labels)]
    for label in labels:
        head += [f"{label} p50", f"{label} p95", f"{label} Python / SQL"]
    head.append("targets")
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    failures = 0
    for name, _who, _path in PAGES:
        if name not in runs[largest]["pages"]:
            continue
        counts = [runs[label]["pages"][name]["queries"] for label in labels]
        cells = [name, " / ".join(str(c) for c in counts)]
        for label in labels:
            r = runs[label]["pages"][name]
            cells += [
                f"{r['p50_ms']:.0f} ms",
                f"{r['p95_ms']:.0f} ms",
                f"{r['python_ms']:.0f} / {r['sql_ms']:.0f} ms ({r['python_per_sql']:.2f} ×)",
            ]
        r = runs[largest]["pages"][name]
        missed = []
        if name == "overview, region":
            if r["p95_ms"] > TARGET_REGION_MS:
                missed.append(f"p95 > {TARGET_REGION_MS} ms")
        elif r["p95_ms"] > TARGET_P95_MS:
            missed.append(f"p95 > {TARGET_P95_MS} ms")
        if len(set(counts)) > 1:
            missed.append("queries differ")
        if name == "overview, 1 village":
            whole = r["python_ms"] + r["sql_ms"]
            if whole > TARGET_OWN_SQL * r["sql_ms"]:
                missed.append(f"{whole / max(r['sql_ms'], 0.01):.1f} × its SQL")
        elif r["python_per_sql"] > 1:
            missed.append("Python > SQL")
        failures += bool(missed)
        cells.append("ok" if not missed else "**" + "; ".join(missed) + "**")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("| requests/s (" + ", ".join(labels) + ") | " + " | ".join(labels) + " |")
    lines.append("|---|" + "---|" * len(labels))
    for name in ["bare", *THROUGHPUT]:
        if name not in runs[largest]["rates"]:
            continue
        cells = [name if name != "bare" else "bare view"]
        for label in labels:
            rates = runs[label]["rates"]
            ratio = "" if name == "bare" else f" ({100 * rates[name] / rates['bare']:.0f} %)"
            cells.append(f"{rates[name]:.0f}{ratio}")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "All pages within the targets."
        if not failures
        else f"{failures} page(s) outside the targets."
    )
    return "\n".join(lines)


def main():
    args = parse()
    if args.child:
        child(args)
        return
    dbs = args.db or [f"db={os.environ.get('DATABASE_URL', '')}"]
    runs = {}
    for item in dbs:
        label, _, url = item.partition("=")
        if not url.startswith("postgres"):
            sys.exit(f"{label}: give a PostgreSQL DATABASE_URL (label=url)")
        runs[label] = run_child(label, url, args)
    if args.json:
        Path(args.json).write_text(json.dumps(runs, indent=1))
    print(table(runs))


if __name__ == "__main__":
    main()
