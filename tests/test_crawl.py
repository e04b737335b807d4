"""Smoke test over the demo village: every role follows every link it can see, and no page
answers with a server error or "not found". (A page never shows a 500, and a link the app
shows to someone leads somewhere for them.) Every page also carries the strict
Content-Security-Policy and `Cache-Control: no-store, private`, and holds nothing the policy
would refuse: no inline script, no event-handler attribute, no style attribute or block."""

import re
from collections import deque
from io import StringIO

from django.core.management import call_command

from accounts.demo import DEMO_ADMIN, DEMO_LOGINS

LINK = re.compile(r'href="(/[^"#]*)"')
INLINE = re.compile(
    r"<script(?![^>]*\s(?:src=|type=\"application/json\"))[^>]*>|\son[a-z]+=[\"']|\sstyle=[\"']|<style",
    re.IGNORECASE,
)
SKIP = ("/static/", "/uitloggen/", "/media/", "/beheer/logout/")
SKIP_PARTS = ("/delete/", "/history/", "/password/")
MAX_PAGES = 150


def crawl(client, start="/"):
    seen, queue, problems = set(), deque([(start, None)]), []
    while queue and len(seen) < MAX_PAGES:
        url, found_on = queue.popleft()
        url = url.replace("&amp;", "&")
        if url in seen or url.startswith(SKIP) or any(part in url for part in SKIP_PARTS):
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        if response.status_code >= 500 or response.status_code == 404:
            problems.append((url, response.status_code, f"linked from {found_on}"))
            continue
        problems.extend((url, header, "missing") for header in _missing_headers(response))
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        problems.extend((url, "inline", found) for found in set(INLINE.findall(html)))
        for link in LINK.findall(html):
            # one page of each kind is enough: skip long query strings (filters, paging)
            if link not in seen and link.count("&") < 3:
                queue.append((link, url))
    return seen, problems


def _missing_headers(response):
    policy = response.get("Content-Security-Policy", "")
    cache = response.get("Cache-Control", "")
    if "script-src 'self'" not in policy or "unsafe-inline" in policy:
        yield "Content-Security-Policy"
    if "frame-ancestors 'none'" not in policy:
        yield "frame-ancestors"
    if "no-store" not in cache or "private" not in cache:
        yield "Cache-Control"


LOGINS = [email for email, *_ in DEMO_LOGINS] + [DEMO_ADMIN[0]]


def test_no_page_reachable_from_the_menu_fails(client, db):
    # One demo village for all roles: building it is the slow part.
    call_command("demo_data", "--quiet-logins", stdout=StringIO())
    problems = {}
    for email in LOGINS:
        client.logout()
        assert client.login(username=email, password="dorpsloket-demo")
        seen, failing = crawl(client)
        assert len(seen) >= 2, email
        if failing:
            problems[email] = failing
    assert problems == {}
