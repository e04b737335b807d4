"""Playwright in Debian's Chromium against pytest-django's live server.

Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
thread with a running loop unless told it is safe, and here it is (the test thread only
prepares data and the server runs in its own thread).
"""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM
from tests.factories import TEST_PASSWORD
from tests.two_factor import current_code

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
LAPTOP_1366 = {"width": 1366, "height": 768}  # the coordinator's laptop of issue 12

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    # This hook sees every collected item, not only this folder's.
    for item in items:
        if E2E_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def _open_page(browser, viewport, timeout=10_000, **options):
    """A fresh browser context and page. Chromium reports every Content-Security-Policy
    violation on the console ("Refused to … because it violates the following Content
    Security Policy directive"); the test fails on any of them."""
    context = browser.new_context(viewport=viewport, locale="nl-NL", **options)
    context.set_default_timeout(timeout)
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    try:
        yield page
    finally:
        context.close()
    assert not violations, "CSP violations:\n" + "\n".join(violations)


def restore_migration_data() -> None:
    """Run the project's data migrations again (they are idempotent get_or_creates).

    Browser tests need a transactional database (the live server is another thread), and
    such tests flush every table afterwards, also the rows data migrations made (help
    categories, reason codes, themes, aid types …). Django's serialized rollback would put
    them back, but it keeps its copy on the connection object, and Playwright's greenlets
    give the test another one.
    """
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    project = {
        config.label for config in apps.get_app_configs() if "site-packages" not in config.path
    }
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    for (app_label, _name), migration in sorted(loader.disk_migrations.items()):
        if app_label not in project:
            continue
        for operation in migration.operations:
            if isinstance(operation, RunPython):
                operation.code(apps, None)


@pytest.fixture(autouse=True)
def _migration_data(transactional_db):
    restore_migration_data()


@pytest.fixture
def page(browser, transactional_db):
    """A laptop-sized page (coordinators)."""
    with _open_page(browser, LAPTOP) as page:
        yield page


@pytest.fixture
def phone_page(browser, transactional_db):
    """A phone-sized page, 390×844 with touch (volunteers)."""
    with _open_page(browser, PHONE, is_mobile=True, has_touch=True) as page:
        yield page


@pytest.fixture
def login(live_server):
    """Log a user in through the real login form; returns the page after login."""

    def do_login(page, user, password=TEST_PASSWORD):
        page.goto(f"{live_server.url}/inloggen/")
        page.get_by_label("E-mailadres").fill(user.email)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
        if "/inloggen/code/" in page.url:
            # The second step: the code the user's authenticator app shows now.
            page.get_by_role("textbox", name="Code").fill(current_code(user))
            page.get_by_role("button", name="Code controleren").click()
            page.wait_for_load_state()
        return page

    return do_login


@pytest.fixture
def laptop(browser, transactional_db):
    """A 1366×768 page: what fits above the fold on a coordinator's laptop."""
    with _open_page(browser, LAPTOP_1366, timeout=15_000) as page:
        yield page


@pytest.fixture
def demo_coordinator(transactional_db):
    """The demo village (built by `demo_data`) and its coordinator."""
    from io import StringIO

    from django.core.management import call_command

    from accounts.models import User

    call_command("demo_data", "--quiet-logins", stdout=StringIO())
    return User.objects.get(email="coordinator@warffum.example")


def tab_to(page, selector, limit=30):
    """Press Tab until the element matching `selector` has the focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")
