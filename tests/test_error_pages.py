"""The product's own error pages: Dutch, in the house layout, with a way back and the
desk's phone number when the village is known. DEBUG is off, as for real users."""

import pytest
from django.test import Client, RequestFactory
from django.utils.functional import SimpleLazyObject

from accounts.access import build_access
from accounts.demo import build, new_context
from accounts.models import User, Village
from dorpsloket.views import server_error

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.error_urls")]

DEBUG_PAGE_MARKS = ["Traceback", "URLconf", "DEBUG = True", "technical", "Django"]
GENERAL = "Bel dan het dorpsloket van uw dorp."


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


@pytest.fixture
def demo():
    """The demo's villages and logins (Warffum's desk: 0595 44 24 53)."""
    build(new_context())
    return Village.objects.get(slug="warffum")


def login(client, email):
    client.force_login(User.objects.get(email=email))
    return client


def page(response):
    html = response.content.decode()
    for mark in DEBUG_PAGE_MARKS:
        assert mark not in html, mark
    assert 'class="site-header' in html  # the house layout
    return html


@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/_fout/400/", 400, "Dit verzoek konden we niet lezen"),
        ("/_fout/403/", 403, "Deze pagina kunt u niet openen"),
        ("/bestaat-niet/", 404, "Deze pagina bestaat niet"),
        ("/_fout/500/", 500, "Er ging bij ons iets mis"),
    ],
)
def test_a_coordinator_sees_the_dutch_page_with_a_way_back_and_the_desk_phone(
    client, demo, url, status, heading
):
    login(client, "coordinator@warffum.example")
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == status
    html = page(response)
    assert heading in html
    assert "Naar de startpagina" in html
    assert "Vragen? Bel het dorpsloket Warffum:" in html
    assert 'href="tel:0595442453">0595 44 24 53</a>' in html
    assert "dorpsloket@warffum.example" in html


@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/_fout/400/", 400, "Dit verzoek konden we niet lezen"),
        ("/_fout/403/", 403, "Deze pagina kunt u niet openen"),
        ("/bestaat-niet/", 404, "Deze pagina bestaat niet"),
        ("/_fout/500/", 500, "Er ging bij ons iets mis"),
    ],
)
def test_without_a_login_the_page_says_how_to_reach_the_desk_in_general(
    client, demo, url, status, heading
):
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == status
    html = page(response)
    assert heading in html
    assert 'href="/">Naar de startpagina</a>' in html
    assert GENERAL in html
    assert "0595 44 24 53" not in html


def test_the_desk_phone_follows_the_users_own_village(client, demo):
    login(client, "coordinator@usquert.example")
    html = page(client.get("/bestaat-niet/"))
    assert "Vragen? Bel het dorpsloket Usquert:" in html
    assert "0595 42 12 34" in html
    assert "0595 44 24 53" not in html


def test_a_village_without_a_desk_phone_gets_the_general_sentence(client, demo):
    Village.objects.filter(slug="warffum").update(desk_phone="", desk_email="")
    login(client, "vrijwilliger@warffum.example")
    html = page(client.get("/bestaat-niet/"))
    assert GENERAL in html


def test_an_expired_form_gives_the_dutch_page_instead_of_djangos(demo):
    client = Client(enforce_csrf_checks=True)
    login(client, "vrijwilliger@warffum.example")
    response = client.post("/dorp-kiezen/", {"village": demo.pk})
    assert response.status_code == 403
    html = page(response)
    assert "Het formulier is verlopen" in html
    assert "0595 44 24 53" in html


def test_an_unknown_host_gets_the_dutch_400_page(client, demo):
    response = client.get("/inloggen/", HTTP_HOST="aanval.example")
    assert response.status_code == 400
    assert "Dit verzoek konden we niet lezen" in page(response)


def request_as(email):
    request = RequestFactory().get("/")
    request.user = User.objects.get(email=email)
    request.session = {}
    request.access = SimpleLazyObject(lambda: build_access(request))  # as the middleware
    return request


def test_the_500_page_does_not_touch_the_database(demo, django_assert_num_queries):
    request = request_as("coordinator@warffum.example")
    assert request.access.can_coordinate  # the village was loaded before the failure
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "0595 44 24 53" in response.content.decode()


def test_the_500_page_does_not_load_the_village_itself(demo, django_assert_num_queries):
    request = request_as("coordinator@warffum.example")  # failed before access was built
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert GENERAL in response.content.decode()
