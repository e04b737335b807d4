"""The site's header ({% site_header %}, kept per language, roles, villages and name): what
each user sees in it, with the page's own CSRF token."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from accounts.access import Access
from accounts.roles import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def header(client, path="/hulpvragen/"):
    html = client.get(path).content.decode()
    return re.search(r'<header class="site-header.*?</header>', html, re.S).group(0)


def tokens(html):
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', html)


def test_each_coordinator_sees_their_own_name_and_village_with_the_pages_token(
    client, village, coordinator
):
    coordinator.full_name = "Anneke van 't Hof"
    coordinator.save()
    client.force_login(coordinator)
    html = header(client)
    assert "Anneke van &#x27;t Hof" in html
    assert f'<span class="village-name">{village.name}</span>' in html
    assert 'href="/vrijwilligers/"' in html and 'href="/vrijwilligers/mijn-taken/"' not in html
    [token] = tokens(html)  # the logout form; one village: no switch
    assert len(token) == 64 and "\x01" not in html
    other = user_with_role(Role.COORDINATOR, village, full_name="Bert Jansen")
    client.force_login(other)
    second = header(client)
    assert "Bert Jansen" in second and "van &#x27;t Hof" not in second
    assert tokens(second) != [token]


def test_a_reader_of_two_villages_switches_between_them(client, regional_reader, other_village):
    client.force_login(regional_reader)
    html = header(client, "/jaaroverzicht/")
    assert 'action="/dorp-kiezen/"' in html or 'action="/accounts/dorp-kiezen/"' in html
    assert html.count('<option value="') == 2 and " selected>" in html
    assert len(tokens(html)) == 2 and len(set(tokens(html))) == 1
    assert 'href="/hulpvragen/"' not in html


def test_without_a_token_the_forms_have_no_csrf_field(coordinator):
    request = RequestFactory().get("/")
    request.user = coordinator
    request.access = Access(user=coordinator, memberships=list(coordinator.memberships.all()))
    html = Template("{% load layout %}{% site_header %}").render(Context({"request": request}))
    assert "Log out" in html or "Uitloggen" in html
    assert "csrfmiddlewaretoken" not in html and "\x01" not in html


def test_someone_not_logged_in_sees_no_menu(client):
    html = header(client, "/accounts/login/")
    assert "main-nav" not in html and "csrfmiddlewaretoken" not in html
