"""Two real web processes (gunicorn) on one PostgreSQL database and one Redis, as behind a
load balancer: a browser's requests land on either, and nothing may depend on which.

One cookie jar plays the browser (cookies do not depend on the port, so both processes get
the same session cookie, as behind one address). The processes run with DEBUG off, the
cached-database session engine (so that a session cached in one process and ended in the
other shows whether the cache is really shared), a lockout after three failed logins and one
volunteer sign-up per hour per address. The test's own data is committed (transactional
tests), so that the processes see it.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils.html import escape

from accounts.roles import Role
from hulpvragen.models import HelpCategory

from .factories import VillageFactory, user_with_role
from .test_make_run import free_port
from .test_settings import CONFIG_VARS

BASE_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "lang-genoeg-wachtwoord-42"  # noqa: S105 - a test account's password

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


class WebProcess:
    """gunicorn serving the app on a free port, in its own process group."""

    def __init__(self, env: dict[str, str], log: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.process = subprocess.Popen(
            # As in docker-compose.yml, where the proxy's address may send the PROXY line.
            [sys.executable, "-m", "gunicorn", "dorpsloket.wsgi", "--bind",
             f"127.0.0.1:{self.port}", "--workers", "1", "--access-logfile", "-",
             "--proxy-protocol", "auto", "--proxy-allow-from", "127.0.0.1"],
            cwd=BASE_DIR, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def wait_until_ready(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(self.base + "/inloggen/", timeout=5) as response,
            ):
                if response.status == 200:
                    return
            time.sleep(0.3)
        pytest.fail(f"gunicorn on {self.port} did not come up:\n{self.log.read_text()}")

    def stop(self):
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)


@pytest.fixture(scope="module")
def webs(django_db_setup, django_db_blocker, tmp_path_factory):
    """Web processes A and B on the test database and the test run's Redis database."""
    with django_db_blocker.unblock():
        db = connection.settings_dict
    from django.conf import settings

    database_url = (
        f"postgres://{urllib.parse.quote(db['USER'])}:{urllib.parse.quote(db['PASSWORD'])}"
        f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    folder = tmp_path_factory.mktemp("scale-out")
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    env.update(
        DJANGO_SETTINGS_MODULE="dorpsloket.settings",
        DATABASE_URL=database_url,
        # The very Redis database this test process's cache uses (see conftest for xdist).
        REDIS_URL=settings.CACHES["default"]["LOCATION"],
        CELERY_BROKER_URL="memory://",  # no worker here: queued tasks go nowhere
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
        DEBUG="False",
        SECRET_KEY="scale-out-test-" + "k" * 50,  # one key for both, as in a deployment
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="False",
        SESSION_COOKIE_SECURE="False",
        CSRF_COOKIE_SECURE="False",
        SECURE_HSTS_SECONDS="0",
        STATIC_COLLECTED="False",
        DORPSLOKET_ALLOW_FAKE_DELIVERY="1",
        DORPSLOKET_VAR_DIR=str(folder / "var"),
        AXES_FAILURE_LIMIT="3",
        VOLUNTEER_SIGNUPS_PER_HOUR="1",
        PASSWORD_RESET_MAX_PER_IP="2",
        CONN_MAX_AGE="0",  # no connection left open when the test database is dropped
        LOG_LEVEL="WARNING",
    )
    processes = [WebProcess(env, folder / f"web-{name}.log") for name in ("a", "b")]
    try:
        for process in processes:
            process.wait_until_ready()
        yield processes
    finally:
        for process in processes:
            process.stop()


@pytest.fixture(autouse=True)
def _empty_shared_cache():
    cache.clear()  # rate-limit counts of an earlier run live in Redis for an hour
    yield
    cache.clear()


class ProxiedConnection(http.client.HTTPConnection):
    """A connection as the proxy (deploy/nginx-scale.conf) makes it: the PROXY protocol line
    first, naming the browser's address."""

    def __init__(self, *args, client_address: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.client_address = client_address

    def connect(self):
        super().connect()
        line = f"PROXY TCP4 {self.client_address} 127.0.0.1 40000 {self.port}\r\n"
        self.sock.sendall(line.encode())


class ProxiedHandler(urllib.request.HTTPHandler):
    def __init__(self, client_address: str):
        super().__init__()
        self.client_address = client_address

    def http_open(self, req):
        return self.do_open(
            functools.partial(ProxiedConnection, client_address=self.client_address), req
        )


class Browser:
    """One cookie jar across both processes; answers (status, final path, body). With
    `address`, every connection comes through the proxy from that browser address."""

    def __init__(self, address: str | None = None):
        self.jar = http.cookiejar.CookieJar()
        handlers = [urllib.request.HTTPCookieProcessor(self.jar)]
        if address:
            handlers.append(ProxiedHandler(address))
        self.opener = urllib.request.build_opener(*handlers)

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=20) as response:
                path = urllib.parse.urlsplit(response.url).path
                return response.status, path, response.read().decode()
        except urllib.error.HTTPError as error:
            path = urllib.parse.urlsplit(error.url).path
            return error.code, path, error.read().decode()

    def get(self, url):
        return self._open(urllib.request.Request(url))

    def post(self, url, data, *, form_url=None):
        """Submit a form: read its page first (the CSRF token), then post to `url`."""
        _status, _path, page = self.get(form_url or url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True)
        return self._open(urllib.request.Request(url, data=body.encode(), method="POST"))

    def log_in(self, web, email, password=PASSWORD):
        return self.post(web.base + reverse("login"), {"username": email, "password": password})


@pytest.fixture
def reader():
    """A klankbordgroep member (no second factor), with a password both processes can
    check (the test settings' fast hasher is not in theirs)."""
    user = user_with_role(Role.READER, VillageFactory(slug="warffum", name="Warffum"))
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "scaleoutsalt", iterations=1000)
    user.save(update_fields=["password"])
    return user


def test_logged_in_on_one_process_the_browser_carries_on_at_the_other(webs, reader):
    a, b = webs
    browser = Browser()
    status, path, _body = browser.log_in(a, reader.email)
    assert status == 200
    assert path != reverse("login"), "the login on A did not go through"

    status, path, body = browser.get(b.base + reverse("account_security"))
    assert (status, path) == (200, reverse("account_security"))
    assert escape(reader.full_name) in body  # the header names who is logged in


def test_logging_out_everywhere_on_one_process_ends_a_session_cached_by_the_other(webs, reader):
    a, b = webs
    laptop, phone = Browser(), Browser()
    laptop.log_in(a, reader.email)
    phone.log_in(b, reader.email)
    # B has the phone's session in the cache (the cached-database engine keeps it there).
    assert phone.get(b.base + reverse("account_security"))[1] == reverse("account_security")

    status, path, _body = laptop.post(
        a.base + reverse("logout_everywhere"), {}, form_url=a.base + reverse("account_security")
    )
    assert (status, path) == (200, reverse("login"))

    # The phone still sends its old cookie; B must not answer from a copy of that session.
    status, path, _body = phone.get(b.base + reverse("account_security"))
    assert path == reverse("login")


def test_failed_logins_on_both_processes_add_up_to_one_lockout(webs, reader):
    a, b = webs
    browser = Browser()
    # The limit is three: two failures on A and one on B lock only when counted together.
    for web in (a, a):
        status, _path, body = browser.log_in(web, reader.email, "fout-wachtwoord")
        assert status == 200
        assert "Inloggen" in body
    status, _path, _body = browser.log_in(b, reader.email, "fout-wachtwoord")
    assert status == 429

    # Now even the right password is refused, on either process.
    for web in (a, b):
        status, path, body = browser.log_in(web, reader.email)
        assert status == 429, web.base
        assert path == reverse("login")
    assert browser.get(a.base + reverse("account_security"))[1] == reverse("login")


def test_behind_the_proxy_failed_logins_count_per_browser_address(webs, reader):
    a, b = webs
    stranger = Browser(address="203.0.113.7")
    for web in (a, a, b):
        status, _path, _body = stranger.log_in(web, reader.email, "fout-wachtwoord")
    assert status == 429
    assert stranger.log_in(a, reader.email)[0] == 429

    # The proxy's connections all come from one address; the browser's own address decides.
    status, path, _body = Browser(address="198.51.100.4").log_in(b, reader.email)
    assert status == 200
    assert path != reverse("login")


def test_the_sign_up_limit_is_counted_over_both_processes(webs):
    a, b = webs
    village = VillageFactory(slug="warffum", name="Warffum", desk_phone="0595442453")
    category, _ = HelpCategory.objects.get_or_create(code="vervoer", defaults={"name": "Vervoer"})
    url = reverse("vrijwilligers:signup", args=[village.slug])

    def sign_up(web, last_name):
        data = {
            "first_name": "Geesje",
            "last_name": last_name,
            "email": f"{last_name.lower()}@example.org",
            "phone": "06 12 34 56 78",
            "postcode": "9989 AB",
            "place": "Warffum",
            "categories": [category.pk],
            "slots": ["1-morning"],
            "message": "",
            "website": "",
        }
        return Browser().post(web.base + url, data)

    status, path, _body = sign_up(a, "Boersma")
    assert status == 200
    assert path == reverse("vrijwilligers:signup_thanks", args=[village.slug])

    # One per hour from this address: the second, on the other process, is held back.
    status, _path, body = sign_up(b, "Dijkstra")
    assert status == 429
    assert "Probeer het over een uur opnieuw" in body
    assert village.volunteers.count() == 1


def test_the_password_reset_limit_per_address_is_counted_over_both_processes(webs, reader):
    a, b = webs
    url = reverse("password_reset")
    for web in (a, b):
        status, path, _body = Browser().post(web.base + url, {"email": reader.email})
        assert (status, path) == (200, reverse("password_reset_done")), web.base
    # Two per hour from this address: the third, on A again, is refused with a time.
    status, _path, body = Browser().post(a.base + url, {"email": "iemand@example.org"})
    assert status == 429
    assert "veel nieuwe wachtwoorden" in body


# --- the compose profile's proxy itself (deploy/nginx-scale.conf), when nginx is here --------

NGINX = Path("/usr/sbin/nginx")
# Debian builds the stream module as a dynamic module; the nginx image has it built in.
STREAM_MODULE = Path("/usr/lib/nginx/modules/ngx_stream_module.so")


class Proxy:
    """nginx with deploy/nginx-scale.conf, the web containers' names replaced by A and B."""

    def __init__(self, webs, folder: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        config = (BASE_DIR / "deploy" / "nginx-scale.conf").read_text()
        for name, web in zip(("web", "web-2"), webs, strict=True):
            assert f"server {name}:8000 " in config
            config = config.replace(f"server {name}:8000 ", f"server 127.0.0.1:{web.port} ")
        assert "listen 80;" in config
        config = config.replace("listen 80;", f"listen 127.0.0.1:{self.port};")
        head = f"pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        if STREAM_MODULE.exists():
            head = f"load_module {STREAM_MODULE};\n" + head
        self.config = folder / "nginx.conf"
        self.config.write_text(head + config)
        self.folder = folder

    def command(self, *args):
        return subprocess.run(
            [str(NGINX), "-p", str(self.folder), "-c", str(self.config), *args],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip


@pytest.fixture(scope="module")
def proxy(webs, tmp_path_factory):
    if not NGINX.exists():
        pytest.skip("needs nginx (Debian: nginx-light libnginx-mod-stream)")
    proxy = Proxy(webs, tmp_path_factory.mktemp("proxy"))
    checked = proxy.command("-t")
    assert checked.returncode == 0, checked.stderr
    started = proxy.command()
    assert started.returncode == 0, started.stderr
    try:
        yield proxy
    finally:
        proxy.command("-s", "stop")


class FromAddress(urllib.request.HTTPHandler):
    """Connections from this local address (127.0.0.2 plays a browser elsewhere)."""

    def __init__(self, address: str):
        super().__init__()
        self.address = address

    def http_open(self, req):
        return self.do_open(
            functools.partial(http.client.HTTPConnection, source_address=(self.address, 0)), req
        )


def test_the_proxy_passes_connections_to_both_processes_with_the_browsers_address(
    webs, proxy, reader
):
    browser = Browser()
    browser.opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(browser.jar), FromAddress("127.0.0.2")
    )
    sizes = [web.log.stat().st_size for web in webs]
    for _ in range(4):  # a new connection each time: round robin over A and B
        assert browser.get(proxy.base + reverse("login"))[0] == 200
    status, path, _body = browser.log_in(proxy, reader.email)
    assert (status, path) != (200, reverse("login"))
    for _ in range(2):
        status, path, body = browser.get(proxy.base + reverse("rapportage:overview"))
        assert (status, path) == (200, reverse("rapportage:overview")), body[:300]
    for web, size in zip(webs, sizes, strict=True):
        with web.log.open() as log:
            log.seek(size)
            lines = [line for line in log if '"GET ' in line or '"POST ' in line]
        assert lines, f"nothing reached {web.base} through the proxy"
        # gunicorn's access log starts with the address the app sees: the browser's own
        assert all(line.startswith("127.0.0.2 ") for line in lines), lines
