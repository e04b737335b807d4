"""Smoke test over the demo village: every role follows every link it can see, and no page
answers with a server error or "not found". (A page never shows a 500, and a link the app
shows to someone leads somewhere for them.)"""

import re
from collections import deque
from io import StringIO

from django.core.management import call_command

from accounts.demo import DEMO_ADMIN, DEMO_LOGINS

LINK = re.compile(r'href="(/[^"#]*)"')
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
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in LINK.findall(response.content.decode()):
            # one page of each kind is enough: skip long query strings (filters, paging)
            if link not in seen and link.count("&") < 3:
                queue.append((link, url))
    return seen, problems


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
