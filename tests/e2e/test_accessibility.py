"""Accessibility checked by a tool: axe-core (shipped by axe-playwright-python) on every page
each demo role can reach — the volunteer at 390×844, coordinators and readers at laptop
size — and on every HTML e-mail; any WCAG 2.1 A or AA violation fails. On the volunteer's
pages every tappable thing is also at least 44×44 CSS px (tests/e2e/targets.py).

axe is put into the page with Playwright's evaluate, which the Content-Security-Policy
(script-src 'self') does not govern; nothing is loaded from elsewhere."""

import re
from collections import deque

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

from accounts.demo import DEMO_LOGINS
from accounts.models import User

from .conftest import LAPTOP, PHONE, _open_page
from .targets import small_targets

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
SKIP = ("/static/", "/uitloggen/", "/media/", "/beheer/")
DOWNLOADS = re.compile(r"\.(ics|csv|xlsx|pdf|zip)$|/export|/download|/pdf/|/excel/", re.IGNORECASE)
MAX_PAGES = 60
PASSWORD = "dorpsloket-demo"

axe = Axe()


def _kind(url: str) -> str:
    """One page of each kind is enough: /hulpvragen/12/ and /hulpvragen/13/ are one kind."""
    path = url.split("?", 1)[0]
    return re.sub(r"/\d+(?=/|$)", "/N", path) + ("?" if "?" in url else "")


def _violations(page) -> list[str]:
    results = axe.run(page, options=OPTIONS)
    found = []
    for violation in results.response["violations"]:
        where = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {where}")
    return found


def _login(page, base, email):
    from tests.two_factor import current_code

    page.goto(f"{base}/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    if "/inloggen/code/" in page.url:
        page.get_by_role("textbox", name="Code").fill(current_code(User.objects.get(email=email)))
        page.get_by_role("button", name="Code controleren").click()
        page.wait_for_load_state()


def crawl(page, base, *, check_targets: bool) -> tuple[set[str], dict[str, list[str]]]:
    seen_kinds, visited, problems = set(), set(), {}
    queue = deque(["/"])
    while queue and len(visited) < MAX_PAGES:
        url = queue.popleft()
        if url.startswith(SKIP) or DOWNLOADS.search(url) or _kind(url) in seen_kinds:
            continue
        seen_kinds.add(_kind(url))
        try:
            response = page.goto(base + url)
        except PlaywrightError as exc:  # a download the pattern did not know
            if "Download is starting" in str(exc):
                continue
            raise
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        visited.add(url)
        found = _violations(page)
        if check_targets:
            found += [f"target smaller than 44×44: {t}" for t in small_targets(page)]
        if found:
            problems[url] = found
        for href in page.eval_on_selector_all(
            "a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
        ):
            href = href.split("#", 1)[0]
            if href and href.count("&") < 3 and _kind(href) not in seen_kinds:
                queue.append(href)
    return visited, problems


ROLES = [(email, role) for email, _name, role, _villages in DEMO_LOGINS]


@pytest.mark.parametrize("email", [email for email, _role in ROLES])
def test_every_page_a_role_reaches_passes_axe(browser, live_server, demo_coordinator, email):
    is_volunteer = email.startswith("vrijwilliger@")
    viewport = PHONE if is_volunteer else LAPTOP
    extra = {"is_mobile": True, "has_touch": True} if is_volunteer else {}
    with _open_page(browser, viewport, timeout=15_000, **extra) as page:
        _login(page, live_server.url, email)
        visited, problems = crawl(page, live_server.url, check_targets=is_volunteer)
    assert len(visited) >= 3, visited
    assert problems == {}


def test_the_public_pages_pass_axe_at_phone_size(browser, live_server, demo_coordinator):
    with _open_page(browser, PHONE, is_mobile=True, has_touch=True) as page:
        problems = {}
        for url in ["/inloggen/", "/wachtwoord-vergeten/", "/vrijwilligers/warffum/aanmelden/"]:
            response = page.goto(live_server.url + url)
            if response.status == 404:
                continue
            found = _violations(page) + [f"small: {t}" for t in small_targets(page)]
            if found:
                problems[url] = found
    assert problems == {}


def test_every_html_email_passes_axe(browser, village):
    from tests.meldingen.test_every_message_kind import every_message

    village.desk_phone = "0595442453"
    village.save()
    with _open_page(browser, PHONE, is_mobile=True, has_touch=True) as page:
        problems = {}
        for kind, message in every_message(village):
            page.set_content(message.html)
            found = _violations(page)
            if found:
                problems[kind] = found
    assert problems == {}
