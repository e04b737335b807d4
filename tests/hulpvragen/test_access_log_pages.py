"""Wie heeft dit dossier bekeken: the page, the letter for the resident and its PDF."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from accounts.access_log_models import AccessLogEntry
from hulpvragen.access_log_selectors import PAGES, describe_page

from .factories import HelpRequestFactory, ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coord_client(client, coordinator):
    client.force_login(coordinator)
    return client


def test_who_looked_says_who_when_what_through_what_and_why(coord_client, village, coordinator):
    village.desk_phone = "0595442453"
    village.save()
    resident = ResidentFactory(village=village, first_name="Jan", last_name="van 't Hof")
    request = HelpRequestFactory(resident=resident, village=village)
    coord_client.get(reverse("hulpvragen:request_detail", args=[request.pk]))
    AccessLogEntry.objects.create(
        at=datetime(2025, 7, 1, 21, 30, tzinfo=UTC),  # 23:30 in Amsterdam, summer time
        village=village,
        resident_id=resident.pk,
        role="volunteer",
        action="view",
        via="task_link",
        view_name="koppelingen:task",
        object_ref=f"helprequest:{request.pk}",
    )
    response = coord_client.get(reverse("hulpvragen:resident_access_log", args=[resident.pk]))
    text = response.content.decode()
    assert "Anneke Dijkstra" in text and "(coördinator)" in text
    assert f"hulpvraag {request.pk} geopend" in text
    assert "ingelogd" in text
    assert "1 jul 2025 23:30" in text
    assert "via de link van hun taak" in text
    # Opening this page is itself in the log (and shows on the next visit).
    assert AccessLogEntry.objects.filter(
        view_name="hulpvragen:resident_access_log", resident_id=resident.pk
    ).exists()


def test_the_letter_is_addressed_to_the_resident_with_the_desk(coord_client, village):
    village.desk_phone = "0595442453"
    village.save()
    resident = ResidentFactory(
        village=village, first_name="Jan", last_name="van 't Hof", postcode="9989 AB"
    )
    response = coord_client.get(reverse("hulpvragen:resident_access_letter", args=[resident.pk]))
    text = response.content.decode()
    assert "Beste Jan van &#x27;t Hof," in text
    assert "0595 44 24 53" in text
    assert "9989 AB" in text
    entry = AccessLogEntry.objects.get(resident_id=resident.pk)
    assert (entry.action, entry.view_name) == ("print", "hulpvragen:resident_access_letter")


def test_the_letter_as_pdf(coord_client, village):
    resident = ResidentFactory(village=village)
    response = coord_client.get(
        reverse("hulpvragen:resident_access_letter_pdf", args=[resident.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.get(resident_id=resident.pk).action == "export"


def test_the_page_makes_a_bounded_number_of_queries(
    coord_client, village, django_assert_max_num_queries
):
    resident = ResidentFactory(village=village)
    url = reverse("hulpvragen:resident_access_log", args=[resident.pk])
    for _ in range(30):
        coord_client.get(url)
    with django_assert_max_num_queries(12):
        coord_client.get(url)


def test_every_page_has_words_and_unknown_ones_do_not_fail():
    for name in PAGES:
        assert describe_page(name, "helprequest:12")
    assert describe_page("hulpvragen:request_detail", "helprequest:12") == "hulpvraag 12 geopend"
    assert describe_page("somewhere:new", "") == str(describe_page("other:page", ""))
    assert describe_page("admin:hulpvragen_resident_change", "resident:3")
