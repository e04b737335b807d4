"""The coordinator's registry: filters, counts, query count, create/edit/pause/stop."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from hulpvragen.models import HelpCategory
from vrijwilligers.models import Volunteer, VolunteerChange

from .factories import AbsenceFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(date(2026, 6, 15), tick=False):
        yield


def row_pks(response) -> list[int]:
    """The volunteers in the registry's table, by the link of each row."""
    html = response.content.decode()
    return [int(pk) for pk in re.findall(r'<tr><td><a href="/vrijwilligers/(\d+)/"', html)]


def names(response):
    return {Volunteer.objects.get(pk=pk).first_name for pk in row_pks(response)}


def registry(client, **params):
    return client.get(reverse("vrijwilligers:registry"), params)


@pytest.fixture
def coord_client(client, coordinator):
    client.force_login(coordinator)
    return client


def test_registry_filters_on_weekday_and_daypart_together(coord_client, village):
    VolunteerFactory(village=village, first_name="Tue", slots=[(1, "morning")])
    VolunteerFactory(village=village, first_name="Split", slots=[(1, "evening"), (2, "morning")])
    VolunteerFactory(village=village, first_name="Wed", slots=[(2, "morning")])
    assert names(registry(coord_client, weekday=1, daypart="morning")) == {"Tue"}
    assert names(registry(coord_client, weekday=1)) == {"Tue", "Split"}
    assert names(registry(coord_client, daypart="morning")) == {"Tue", "Split", "Wed"}


def test_registry_filters_on_kind_of_help(coord_client, village):
    transport = HelpCategory.objects.get(code="vervoer")
    garden = HelpCategory.objects.get(code="tuin")
    VolunteerFactory(village=village, first_name="Driver", categories=[transport, garden])
    VolunteerFactory(village=village, first_name="Gardener", categories=[garden])
    assert names(registry(coord_client, category=transport.pk)) == {"Driver"}


def test_never_asked_and_not_asked_this_year(coord_client, village):
    VolunteerFactory(village=village, first_name="Never", last_asked_on=None)
    VolunteerFactory(village=village, first_name="LastYear", last_asked_on=date(2025, 11, 1))
    VolunteerFactory(village=village, first_name="Recent", last_asked_on=date(2026, 5, 1))
    assert names(registry(coord_client, asked="never")) == {"Never"}
    assert names(registry(coord_client, asked="not_this_year")) == {"Never", "LastYear"}


def test_not_confirmed_for_twelve_months(coord_client, village):
    VolunteerFactory(village=village, first_name="Stale", last_confirmed_on=date(2025, 6, 1))
    VolunteerFactory(village=village, first_name="Fresh", last_confirmed_on=date(2025, 12, 1))
    VolunteerFactory(
        village=village,
        first_name="OldNever",
        registered_on=date(2019, 1, 1),
        last_confirmed_on=None,
    )
    VolunteerFactory(
        village=village,
        first_name="NewNever",
        registered_on=date(2026, 1, 1),
        last_confirmed_on=None,
    )
    assert names(registry(coord_client, overdue="on")) == {"Stale", "OldNever"}


def test_absent_now(coord_client, village):
    away = VolunteerFactory(village=village, first_name="Away")
    AbsenceFactory(volunteer=away, starts_on=TODAY - timedelta(days=2), ends_on=TODAY)
    later = VolunteerFactory(village=village, first_name="Later")
    AbsenceFactory(volunteer=later, starts_on=TODAY + timedelta(days=1), ends_on=TODAY)
    response = registry(coord_client, absent_now="on")
    assert names(response) == {"Away"}
    assert "nu afwezig" in response.content.decode()


def test_stopped_volunteers_only_show_when_asked_for(coord_client, village):
    VolunteerFactory(village=village, first_name="Active")
    VolunteerFactory(
        village=village,
        first_name="Stopped",
        status="stopped",
        stopped_on=TODAY,
        stop_reason="became_requester",
    )
    assert names(registry(coord_client)) == {"Active"}
    assert names(registry(coord_client, status="stopped")) == {"Stopped"}


def test_search_finds_name_and_street(coord_client, village):
    VolunteerFactory(village=village, first_name="Harm", last_name="Wierenga", street="Molenweg")
    VolunteerFactory(village=village, first_name="Anne", last_name="Kuipers")
    assert names(registry(coord_client, q="wieren")) == {"Harm"}
    assert names(registry(coord_client, q="molenweg")) == {"Harm"}


def test_registry_never_shows_another_villages_volunteers(coord_client, village, other_village):
    VolunteerFactory(village=village, first_name="Ours")
    VolunteerFactory(village=other_village, first_name="Theirs")
    assert names(registry(coord_client)) == {"Ours"}


def test_counts_at_the_top(coord_client, village):
    VolunteerFactory(village=village, last_asked_on=None, last_confirmed_on=TODAY)
    VolunteerFactory(village=village, last_asked_on=TODAY, last_confirmed_on=date(2024, 1, 1))
    VolunteerFactory(village=village, status="paused", last_confirmed_on=TODAY)
    VolunteerFactory(village=village, status="signed_up")
    html = registry(coord_client).content.decode()
    counts = dict(re.findall(r'<span class="fs-3 fw-bold" data-count="(\w+)">(\d+)</span>', html))
    assert counts == {
        "active": "2",
        "paused": "1",
        "signed_up": "1",
        "not_asked": "1",
        "overdue": "1",
    }


def test_htmx_request_gets_only_the_table(coord_client, village):
    VolunteerFactory(village=village)
    response = coord_client.get(reverse("vrijwilligers:registry"), HTTP_HX_REQUEST="true")
    assert [t.name for t in response.templates][0] == "vrijwilligers/_registry_table.html"


def make_volunteers(village, count):
    categories = list(HelpCategory.objects.all()[:3])
    for n in range(count):
        volunteer = VolunteerFactory(
            village=village, categories=categories, slots=[(n % 7, "morning"), (1, "evening")]
        )
        AbsenceFactory(volunteer=volunteer, starts_on=TODAY, ends_on=TODAY + timedelta(days=3))


def test_registry_query_count_does_not_grow_with_the_number_of_volunteers(
    coord_client, village, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_volunteers(village, 5)
    with CaptureQueriesContext(connection) as few:
        assert registry(coord_client, weekday=1).status_code == 200
    make_volunteers(village, 25)
    with django_assert_max_num_queries(len(few)):
        response = registry(coord_client, weekday=1)
    assert len(row_pks(response)) == 30


def test_coordinator_creates_a_volunteer_with_availability(coord_client, village):
    transport = HelpCategory.objects.get(code="vervoer")
    response = coord_client.post(
        reverse("vrijwilligers:create"),
        {
            "first_name": "Klaas",
            "last_name": "Bos",
            "phone": "0595 123456",
            "categories": [transport.pk],
            "slots": ["0-morning", "4-evening"],
            "registered_on": "2026-06-15",
            "max_km": "30",
            "has_car": "on",
        },
    )
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(last_name="Bos")
    assert volunteer.status == "active"
    assert volunteer.phone == "0595123456"
    assert volunteer.weekly_slots == {(0, "morning"), (4, "evening")}
    assert volunteer.changes.get().kind == VolunteerChange.Kind.CREATED


def test_offered_and_refused_at_once_is_a_clear_error(coord_client, village):
    garden = HelpCategory.objects.get(code="tuin")
    response = coord_client.post(
        reverse("vrijwilligers:create"),
        {
            "first_name": "Klaas",
            "last_name": "Bos",
            "categories": [garden.pk],
            "refused_categories": [garden.pk],
            "registered_on": "2026-06-15",
        },
    )
    assert response.status_code == 200
    assert "zowel aangeboden als geweigerd" in response.content.decode()
    assert not Volunteer.objects.filter(last_name="Bos").exists()


def test_edit_records_who_changed_what(coord_client, village, coordinator):
    volunteer = VolunteerFactory(village=village, max_km=10, registered_on=date(2024, 1, 1))
    data = {
        "first_name": volunteer.first_name,
        "last_name": volunteer.last_name,
        "email": volunteer.email,
        "phone": volunteer.phone,
        "street": volunteer.street,
        "house_number": volunteer.house_number,
        "postcode": volunteer.postcode,
        "place": volunteer.place,
        "registered_on": "2024-01-01",
        "max_km": "25",
        "coordinator_notes": "Liever niet naar Groningen.",
    }
    coord_client.post(reverse("vrijwilligers:edit", args=[volunteer.pk]), data)
    change = volunteer.changes.get()
    assert change.by == coordinator
    assert change.changes["max_km"] == ["10", "25"]
    assert "coordinator_notes" in change.changes
    assert not change.by_volunteer


def test_pause_until_a_date_and_stop_with_reason(coord_client, village):
    volunteer = VolunteerFactory(village=village)
    coord_client.post(
        reverse("vrijwilligers:pause", args=[volunteer.pk]),
        {"until": "2026-07-31", "note": "heup"},
    )
    volunteer.refresh_from_db()
    assert (volunteer.status, volunteer.paused_until) == ("paused", date(2026, 7, 31))
    coord_client.post(
        reverse("vrijwilligers:stop", args=[volunteer.pk]),
        {"on": "2026-06-15", "reason": "became_requester", "note": ""},
    )
    volunteer.refresh_from_db()
    assert volunteer.status == "stopped"
    assert volunteer.get_stop_reason_display() == "zelf hulpvrager geworden"
    actions = list(volunteer.changes.values_list("kind", flat=True))
    assert actions == ["stopped", "paused"]


def test_detail_shows_coordinator_notes_and_history(coord_client, village):
    volunteer = VolunteerFactory(village=village, coordinator_notes="Belt liever 's ochtends.")
    response = coord_client.get(reverse("vrijwilligers:detail", args=[volunteer.pk]))
    assert "Belt liever" in response.content.decode()


def row_html(response, first_name):
    (volunteer,) = Volunteer.objects.filter(first_name=first_name)
    html = response.content.decode()
    return re.search(rf'<tr><td><a href="/vrijwilligers/{volunteer.pk}/".*?</tr>', html).group(0)


def test_a_row_shows_kinds_slots_status_absence_and_dates(coord_client, village):
    transport = HelpCategory.objects.get(code="vervoer")
    garden = HelpCategory.objects.get(code="tuin")
    first, second = sorted([transport, garden], key=lambda c: (c.order, c.name))
    volunteer = VolunteerFactory(
        village=village,
        first_name="Harm",
        last_name="Wierenga",
        phone="0612345678",
        email="",
        status="paused",
        categories=[second, first],
        slots=[(2, "evening"), (1, "evening"), (1, "morning")],
        last_asked_on=None,
        last_confirmed_on=date(2025, 3, 4),
    )
    AbsenceFactory(volunteer=volunteer, starts_on=TODAY, ends_on=TODAY + timedelta(days=3))
    AbsenceFactory(volunteer=volunteer, starts_on=TODAY - timedelta(days=9), ends_on=TODAY)
    later = VolunteerFactory(village=village, first_name="Later", last_asked_on=TODAY)
    AbsenceFactory(volunteer=later, starts_on=TODAY + timedelta(days=1), ends_on=TODAY)
    VolunteerFactory(village=village, first_name="Nothing", last_asked_on=date(2026, 2, 1))
    response = registry(coord_client)
    url = reverse("vrijwilligers:detail", args=[volunteer.pk])
    assert row_html(response, "Harm") == (
        f'<tr><td><a href="{url}" class="fw-semibold">Harm Wierenga</a>'
        '<div class="small text-muted">Warffum · 06 12 34 56 78 · geen e-mail</div></td>'
        f'<td class="small">{first.name}, {second.name}</td>'
        '<td class="small"><span class="text-nowrap">di ochtend/avond</span>, '
        '<span class="text-nowrap">wo avond</span></td>'
        '<td><span class="badge text-bg-warning">gepauzeerd</span>'
        ' <span class="badge text-bg-warning">nu afwezig</span></td>'
        '<td class="small"><span class="text-danger">nooit</span></td>'
        '<td class="small">4 mrt 2025</td></tr>'
    )
    assert "nu afwezig" not in row_html(response, "Later")
    assert "15 jun" in row_html(response, "Later")
    nothing = row_html(response, "Nothing")
    assert '<td class="small">–</td><td class="small">–</td>' in nothing
    assert "1 feb</td>" in nothing


def test_the_registry_escapes_what_people_typed(coord_client, village):
    category = HelpCategory.objects.get(code="tuin")
    category.name = "Tuin & <b>erf</b>"
    category.save()
    VolunteerFactory(
        village=village,
        first_name="van 't Hof",
        last_name="<script>alert(1)</script>",
        place="Warffum & Usquert",
        categories=[category],
    )
    page = registry(coord_client).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "van &#x27;t Hof &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Warffum &amp; Usquert" in page
    assert "Tuin &amp; &lt;b&gt;erf&lt;/b&gt;" in page


def test_the_counts_hold_to_the_filters_conditions(village, other_village):
    """The counts are SQL of their own; they count what the registry's filters select."""
    import itertools

    from vrijwilligers.selectors import (
        confirmation_overdue_q,
        not_asked_this_year_q,
        registry_counts,
    )

    dates = [None, date(2025, 6, 15), date(2025, 6, 14), date(2025, 12, 31), date(2026, 1, 1)]
    statuses = ["active", "paused", "signed_up", "stopped"]
    for n, (status, asked, confirmed) in enumerate(itertools.product(statuses, dates, dates)):
        VolunteerFactory(
            village=village,
            status=status,
            stopped_on=TODAY if status == "stopped" else None,
            stop_reason="other" if status == "stopped" else "",
            last_asked_on=asked,
            last_confirmed_on=confirmed,
            registered_on=[date(2020, 1, 1), date(2025, 6, 14), date(2025, 6, 16)][n % 3],
        )
    VolunteerFactory(village=other_village, last_asked_on=None)
    ours = Volunteer.objects.filter(village=village)
    expected = {
        "active": ours.filter(status="active").count(),
        "paused": ours.filter(status="paused").count(),
        "signed_up": ours.filter(status="signed_up").count(),
        "not_asked_this_year": ours.filter(status="active")
        .filter(not_asked_this_year_q(TODAY))
        .count(),
        "confirmation_overdue": ours.filter(confirmation_overdue_q(TODAY)).count(),
    }
    assert registry_counts(village, today=TODAY) == expected
    assert min(expected.values()) > 0
