"""`make run` for real: scripts/run.sh on a free port with a temporary SQLite database.

It must serve the product's own Dutch pages (DEBUG off, static files still there), put
that port in the links it e-mails, and stop the web server and the worker, with the
worker's pool and beat, within 10 seconds of Ctrl-C.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .test_settings import CONFIG_VARS

BASE_DIR = Path(__file__).resolve().parent.parent
RUN_SH = BASE_DIR / "scripts" / "run.sh"

# Only what the pages and the worker in these tests touch: a full migrate is slow.
MIGRATE = """
import django
django.setup()
from django.core.management import call_command
for app in ("contenttypes", "auth", "accounts", "sessions", "django_celery_beat"):
    call_command("migrate", app, verbosity=0)
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, follow=True):
    """(status, headers, body) without raising on 4xx/5xx."""
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def descendants(root: int) -> set[int]:
    """All living processes below `root` (children of children too), from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def environment_of(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


@pytest.fixture(scope="module")
def migrated_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("make-run") / "template.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    env.update(DJANGO_SETTINGS_MODULE="dorpsloket.settings", DATABASE_URL=f"sqlite:///{path}")
    subprocess.run([sys.executable, "-c", MIGRATE], cwd=BASE_DIR, env=env, check=True)
    return path


class RunningDesk:
    """scripts/run.sh in its own process group, as under a terminal."""

    def __init__(self, tmp_path, migrated_db):
        db = tmp_path / "db.sqlite3"
        db.write_bytes(migrated_db.read_bytes())
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tmp_path / "run.log"
        self.env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS + ["PORT"]}
        self.env.update(
            HOST="127.0.0.1",
            PORT=str(self.port),
            DATABASE_URL=f"sqlite:///{db}",
            DORPSLOKET_VAR_DIR=str(tmp_path / "var"),
        )
        self.process = subprocess.Popen(
            ["bash", str(RUN_SH)],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, as under a terminal
        )

    def output(self):
        return self.log.read_text()

    def wait_until_ready(self, seconds=90):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            try:
                web_up = fetch(self.base + "/inloggen/")[0] == 200
            except OSError:
                web_up = False
            if web_up and re.search(r"celery@\S+ ready", self.output()):
                return
            time.sleep(0.5)
        pytest.fail("make run did not come up:\n" + self.output())

    def web_pid(self):
        for pid in descendants(self.process.pid):
            if b"runserver" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return pid
        raise AssertionError("no runserver process")

    def kill(self):
        if self.process.poll() is None:
            for pid in descendants(self.process.pid) | {self.process.pid}:
                with contextlib.suppress(OSError):
                    os.killpg(pid, signal.SIGKILL)
            self.process.wait(5)


@pytest.fixture(scope="module")
def desk(tmp_path_factory, migrated_db):
    """One running instance for the tests that only look (starting one takes seconds)."""
    running = RunningDesk(tmp_path_factory.mktemp("desk"), migrated_db)
    running.wait_until_ready()
    yield running
    running.kill()


@pytest.fixture
def desk_to_stop(tmp_path, migrated_db):
    running = RunningDesk(tmp_path, migrated_db)
    running.wait_until_ready()
    yield running
    running.kill()


def test_make_run_serves_the_dutch_pages_with_static_files_and_no_debug_page(desk):
    status, _headers, body = fetch(desk.base + "/inloggen/")
    assert status == 200
    assert "Inloggen" in body

    status, _headers, body = fetch(desk.base + "/bestaat-niet/")
    assert status == 404
    assert "Deze pagina bestaat niet" in body
    assert "Naar de startpagina" in body
    assert "URLconf" not in body
    assert "DEBUG = True" not in body

    css = re.search(r'href="(/static/css/dorpsloket[^"]*\.css)"', body).group(1)
    status, headers, _body = fetch(desk.base + css)
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")

    status, headers, _body = fetch(desk.base + "/favicon.ico", follow=False)
    assert status == 302
    status, headers, _body = fetch(desk.base + headers["Location"])
    assert status == 200
    assert headers["Content-Type"].startswith("image/svg+xml")


def test_links_in_e_mails_follow_the_port_of_make_run(desk):
    env = environment_of(desk.web_pid())
    assert env["SITE_URL"] == desk.base
    # A link made by a management command with make run's settings works on that server
    # (same SECRET_KEY, same base URL).
    result = subprocess.run(
        [sys.executable, "manage.py", "setup_village", "--name", "Warffum", "--slug",
         "warffum", "--coordinator-email", "anneke@example.org"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    link = re.search(r"http://\S+/wachtwoord-instellen/\S+/", result.stdout).group(0)
    assert link.startswith(desk.base + "/")
    status, _headers, body = fetch(link)
    assert status == 200
    assert "Kies een wachtwoord" in body


def test_ctrl_c_stops_the_web_server_and_the_worker_within_10_seconds(desk_to_stop):
    desk = desk_to_stop
    processes = descendants(desk.process.pid)
    assert len(processes) >= 3, "expected the web server, the worker and its pool"

    started = time.monotonic()
    os.killpg(desk.process.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
    while time.monotonic() - started < 10:
        left = {pid for pid in processes | {desk.process.pid} if alive(pid)}
        if not left:
            break
        time.sleep(0.2)
    assert not left, f"still running after 10 s: {left}\n{desk.output()}"
    assert desk.process.wait(1) == 130
    assert "Stopped." in desk.output()


def test_the_banner_says_how_to_get_the_demo_code(desk):
    from accounts.demo import DEMO_TOTP_SECRET

    output = desk.output()
    assert "password: dorpsloket-demo" in output
    assert ".venv/bin/python manage.py demo_code" in output
    assert DEMO_TOTP_SECRET in output
