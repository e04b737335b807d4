"""Headers on what the application serves: no copies of residents' data in caches, and the
Content-Security-Policy on every response (the crawl checks every page of the demo)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _no_store(response):
    cache = response["Cache-Control"]
    return "no-store" in cache and "private" in cache


@pytest.mark.parametrize("name", ["rapportage:xlsx", "rapportage:json", "rapportage:pdf"])
def test_exports_are_never_stored(client, coordinator, name):
    client.force_login(coordinator)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert _no_store(response)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_public_page_and_a_refusal_carry_the_same_headers(client):
    login = client.get(reverse("login"))
    missing = client.get("/bestaat-niet/")
    assert missing.status_code == 404
    for response in (login, missing):
        assert _no_store(response)
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_static_files_keep_their_cache_lifetime(client):
    # Served by WhiteNoise before the header middleware: public, no personal data.
    response = client.get("/static/css/dorpsloket.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
