import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from hulpvragen.lifecycle import Status
from hulpvragen.models import HelpRequest, Resident, StatusChange

from .factories import HelpRequestFactory, ResidentFactory, category

pytestmark = pytest.mark.django_db

FROZEN = "2026-11-23 10:00 +01:00"


@pytest.fixture
def coord_client(client, coordinator):
    client.force_login(coordinator)
    return client


def intake_data(**overrides):
    data = {
        "new-first_name": "Trijntje",
        "new-last_name": "de Vries",
        "new-phone": "06 12 34 56 78",
        "new-postcode": "9989ab",
        "new-house": "12a",
        "new-street": "Hoofdstraat",
        "new-place": "Warffum",
        "category": category("vervoer").pk,
        "description": "Naar de tandarts",
        "timing": "on",
        "needed_on": "25-11-2026",
        "time_from": "9:30",
        "channel": "telefoon",
        "urgency": "this_week",
        "volunteers_needed": "1",
        "destination_text": "Tandarts Uithuizen",
        "distance_km": "9",
        "return_trip": "on",
    }
    data.update(overrides)
    return data


@time_machine.travel(FROZEN)
def test_intake_with_a_new_resident_creates_both_and_shows_the_request(coord_client, village):
    response = coord_client.post(reverse("hulpvragen:intake"), intake_data())
    request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("hulpvragen:request_detail", args=[request.pk])
    resident = request.resident
    assert (resident.postcode, resident.house_number, resident.house_number_addition) == (
        "9989 AB",
        12,
        "a",
    )
    assert resident.phone == "0612345678"
    assert request.pickup_address == "Hoofdstraat 12a, 9989 AB Warffum"
    assert request.village == village


@time_machine.travel(FROZEN)
def test_intake_for_an_existing_resident(coord_client, village):
    resident = ResidentFactory(village=village)
    data = intake_data(resident=resident.pk, **{"new-first_name": "", "new-last_name": ""})
    coord_client.post(reverse("hulpvragen:intake"), data)
    assert HelpRequest.objects.get().resident == resident
    assert Resident.objects.count() == 1


@time_machine.travel(FROZEN)
def test_ride_in_the_past_is_refused_and_nothing_typed_is_lost(coord_client):
    response = coord_client.post(reverse("hulpvragen:intake"), intake_data(needed_on="20-11-2026"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Deze rit ligt in het verleden" in content
    assert 'value="Trijntje"' in content
    assert "Naar de tandarts" in content
    assert 'value="20-11-2026"' in content
    assert not HelpRequest.objects.exists()
    assert not Resident.objects.exists()  # no half-saved resident either


@time_machine.travel(FROZEN)
def test_missing_fields_give_dutch_errors(coord_client):
    response = coord_client.post(
        reverse("hulpvragen:intake"), intake_data(description="", **{"new-street": ""})
    )
    content = response.content.decode()
    assert "Vul de straat in." in content
    assert "Dit veld is verplicht." in content


@time_machine.travel(FROZEN)
def test_bad_phone_and_postcode_are_explained(coord_client):
    response = coord_client.post(
        reverse("hulpvragen:intake"), intake_data(**{"new-phone": "06 12", "new-postcode": "99 AB"})
    )
    content = response.content.decode()
    assert "10 cijfers" in content
    assert "vier cijfers en twee letters" in content


@time_machine.travel(FROZEN)
def test_no_resident_at_all_is_explained(coord_client):
    response = coord_client.post(
        reverse("hulpvragen:intake"), intake_data(**{"new-first_name": "", "new-last_name": ""})
    )
    assert "Kies een hulpvrager" in response.content.decode()


@time_machine.travel(FROZEN)
def test_duplicate_resident_is_warned_and_offered_to_pick(coord_client, village):
    known = ResidentFactory(village=village, phone="0612345678", first_name="Trijn")
    response = coord_client.post(reverse("hulpvragen:intake"), intake_data())
    content = response.content.decode()
    assert "lijkt op iemand die we al kennen" in content
    assert f'value="{known.pk}"' in content
    assert not HelpRequest.objects.exists()
    coord_client.post(reverse("hulpvragen:intake"), intake_data(confirm_new="on"))
    assert Resident.objects.count() == 2


@time_machine.travel(FROZEN)
def test_a_chosen_resident_wins_over_a_half_typed_new_one(coord_client, village):
    known = ResidentFactory(village=village, last_name="Huisman")
    data = intake_data(resident=known.pk, **{"new-first_name": "", "new-last_name": ""})
    data |= {"new-phone": "06 12", "new-postcode": "99"}  # started typing, then found them
    response = coord_client.post(reverse("hulpvragen:intake"), data)
    assert response.status_code == 302
    assert HelpRequest.objects.get().resident == known
    assert Resident.objects.count() == 1


@time_machine.travel(FROZEN)
def test_a_bad_house_number_of_a_new_resident_is_explained_and_kept(coord_client):
    response = coord_client.post(reverse("hulpvragen:intake"), intake_data(**{"new-house": "nul"}))
    content = response.content.decode()
    assert "Vul een huisnummer in, bijvoorbeeld 12 of 12a." in content
    assert 'name="new-house" value="nul"' in content
    assert 'value="Trijntje"' in content
    assert not Resident.objects.exists()


def test_search_button_without_javascript_keeps_a_typed_new_resident(coord_client, village):
    response = coord_client.post(
        reverse("hulpvragen:intake"),
        {"find": "1", "resident_query": "de vries", **intake_data(), "new-house": "nul"},
    )
    content = response.content.decode()
    assert 'value="Trijntje"' in content
    assert 'value="nul"' in content
    assert "is-invalid" not in content
    assert not Resident.objects.exists()


def test_search_button_without_javascript_keeps_the_form(coord_client, village):
    ResidentFactory(village=village, last_name="Huisman")
    response = coord_client.post(
        reverse("hulpvragen:intake"),
        {"find": "1", "resident_query": "huis", "description": "Boodschappen"},
    )
    content = response.content.decode()
    assert "Huisman" in content
    assert "Boodschappen" in content
    assert "is-invalid" not in content


def test_type_ahead_is_scoped_to_the_village(coord_client, village, other_village):
    ResidentFactory(village=village, last_name="Huisman")
    ResidentFactory(village=other_village, last_name="Huizinga")
    response = coord_client.get(
        reverse("hulpvragen:resident_search"), {"resident_query": "hui"}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert "Huisman" in content
    assert "Huizinga" not in content


def board_total(response) -> int:
    """The number of requests the board says it shows ("3 hulpvragen")."""
    found = re.search(
        r'<p class="lead mb-0" role="status">(\d+) hulpvra', response.content.decode()
    )
    return int(found.group(1))


def test_board_groups_open_requests_by_status_with_counts(coord_client, village):
    resident = ResidentFactory(village=village)
    HelpRequestFactory(resident=resident, status=Status.NEW)
    HelpRequestFactory(resident=resident, status=Status.SEARCHING)
    HelpRequestFactory(resident=resident, status=Status.SEARCHING)
    HelpRequestFactory(resident=resident, status=Status.CLOSED)
    response = coord_client.get(reverse("hulpvragen:board"))
    html = response.content.decode()
    assert '<span class="badge text-bg-secondary" id="count-new">1</span>' in html
    assert '<span class="badge text-bg-secondary" id="count-searching">2</span>' in html
    assert 'id="count-closed"' not in html
    assert board_total(response) == 3


def test_board_only_shows_this_village(coord_client, village, other_village):
    HelpRequestFactory(resident=ResidentFactory(village=other_village, last_name="Elders"))
    response = coord_client.get(reverse("hulpvragen:board"))
    assert "Elders" not in response.content.decode()


def test_board_search_by_street_and_filter_by_category(coord_client, village):
    HelpRequestFactory(resident=ResidentFactory(village=village, street="Torumweg"))
    HelpRequestFactory(
        resident=ResidentFactory(village=village, street="Molenstraat"),
        category=category("tuin"),
    )
    response = coord_client.get(reverse("hulpvragen:board"), {"q": "torum"})
    assert board_total(response) == 1 and "Torumweg" in response.content.decode()
    response = coord_client.get(reverse("hulpvragen:board"), {"category": category("tuin").pk})
    assert board_total(response) == 1 and "Molenstraat" in response.content.decode()


def test_overdue_request_stands_out(coord_client, village):
    old = HelpRequestFactory(
        resident=ResidentFactory(village=village),
        urgency="today",
        created_at=timezone.now() - timedelta(hours=6),
    )
    response = coord_client.get(reverse("hulpvragen:board"), {"overdue": "true"})
    assert board_total(response) == 1
    assert f'id="card-{old.pk}" class="card h-100 request-card is-overdue"' in (
        response.content.decode()
    )


@pytest.mark.parametrize("n", [5, 40])
def test_board_query_count_does_not_grow(coord_client, village, n, django_assert_max_num_queries):
    residents = [ResidentFactory(village=village) for _ in range(5)]
    for i in range(n):
        HelpRequestFactory(resident=residents[i % 5], status=Status.values[i % 6])
    with django_assert_max_num_queries(12):
        response = coord_client.get(reverse("hulpvragen:board"))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [5, 40])
def test_meeting_query_count_does_not_grow(coord_client, village, n, django_assert_max_num_queries):
    resident = ResidentFactory(village=village)
    for i in range(n):
        HelpRequestFactory(resident=resident, status=Status.values[i % 13])
    with django_assert_max_num_queries(8):
        response = coord_client.get(reverse("hulpvragen:meeting"))
    assert response.status_code == 200


def test_quick_status_change_with_htmx_returns_the_card(coord_client, village):
    request = HelpRequestFactory(resident=ResidentFactory(village=village))
    response = coord_client.post(
        reverse("hulpvragen:request_transition", args=[request.pk]),
        {"to": "triage"},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert content.startswith('<article id="card-')
    assert "Nu: in vraagverheldering" in content
    # The group counts on the board follow, out of band.
    assert 'id="count-triage" hx-swap-oob="true">1<' in content
    assert 'id="count-new" hx-swap-oob="true">0<' in content
    request.refresh_from_db()
    assert request.status == Status.TRIAGE


def test_quick_change_refused_shows_the_dutch_reason_on_the_card(coord_client, village):
    request = HelpRequestFactory(resident=ResidentFactory(village=village), status=Status.TRIAGE)
    response = coord_client.post(
        reverse("hulpvragen:request_transition", args=[request.pk]),
        {"to": "rejected"},
        HTTP_HX_REQUEST="true",
    )
    assert "Kies een reden." in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.TRIAGE


def test_other_village_coordinator_cannot_change_a_request(client, other_coordinator, village):
    request = HelpRequestFactory(resident=ResidentFactory(village=village))
    client.force_login(other_coordinator)
    response = client.post(
        reverse("hulpvragen:request_transition", args=[request.pk]), {"to": "triage"}
    )
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == Status.NEW


def test_meeting_shows_open_and_recently_finished_only(coord_client, village):
    resident = ResidentFactory(village=village)
    HelpRequestFactory(resident=resident, status=Status.SEARCHING, description="Nog open")
    HelpRequestFactory(
        resident=resident,
        status=Status.CLOSED,
        description="Net klaar",
        status_changed_at=timezone.now() - timedelta(days=2),
    )
    HelpRequestFactory(
        resident=resident,
        status=Status.CLOSED,
        description="Lang geleden",
        status_changed_at=timezone.now() - timedelta(days=20),
    )
    response = coord_client.get(reverse("hulpvragen:meeting"))
    content = response.content.decode()
    assert "Nog open" in content
    assert "Net klaar" in content
    assert "Lang geleden" not in content


def test_triage_page_proposes_and_saves_a_rejection(coord_client, village):
    request = HelpRequestFactory(resident=ResidentFactory(village=village))
    url = reverse("hulpvragen:request_triage", args=[request.pk])
    preview = coord_client.post(url, {"q_too_big": "yes", "preview": "1"}, HTTP_HX_REQUEST="true")
    assert "Voorstel: afgewezen" in preview.content.decode()
    from hulpvragen.models import ReasonCode

    reason = ReasonCode.objects.get(code="te_groot")
    decision = {"q_too_big": "yes", "outcome": "rejected", "reason": reason.pk, "note": "Te groot"}
    asked = coord_client.post(url, decision)
    assert "Deze hulpvraag afwijzen?" in asked.content.decode()  # a confirmation step first
    request.refresh_from_db()
    assert request.status == Status.NEW
    response = coord_client.post(url, decision | {"confirmed": "1"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.REJECTED
    assert StatusChange.objects.filter(help_request=request, kind="rejected").exists()


def test_logbook_page_lists_every_change(coord_client, village, coordinator):
    request = HelpRequestFactory(resident=ResidentFactory(village=village))
    coord_client.post(reverse("hulpvragen:request_transition", args=[request.pk]), {"to": "triage"})
    response = coord_client.get(reverse("hulpvragen:request_logbook", args=[request.pk]))
    content = response.content.decode()
    assert "in vraagverheldering" in content
    assert coordinator.full_name in content


def test_resident_page_shows_requests_and_consent(coord_client, village):
    resident = ResidentFactory(village=village, first_name="Aaltje")
    HelpRequestFactory(resident=resident, description="Gordijnen ophangen")
    coord_client.post(
        reverse("hulpvragen:resident_consent", args=[resident.pk]),
        {"purpose": "health_notes", "given_on": "1-11-2026", "note": "Mondeling"},
    )
    response = coord_client.get(reverse("hulpvragen:resident_detail", args=[resident.pk]))
    content = response.content.decode()
    assert "Gordijnen ophangen" in content
    assert "Notities over gezondheid vastleggen" in content


def test_resident_edit_refuses_sensitive_note_without_consent(coord_client, village):
    resident = ResidentFactory(village=village)
    data = {
        "first_name": resident.first_name,
        "last_name": resident.last_name,
        "street": resident.street,
        "house_number": resident.house_number,
        "postcode": "9989ab",
        "place": "Warffum",
        "phone": "+31 6 1111 2222",
        "health_notes": "Suikerziekte",
    }
    response = coord_client.post(reverse("hulpvragen:resident_edit", args=[resident.pk]), data)
    assert "Leg eerst de toestemming" in response.content.decode()
    resident.refresh_from_db()
    assert resident.health_notes == ""
    data["health_notes"] = ""
    coord_client.post(reverse("hulpvragen:resident_edit", args=[resident.pk]), data)
    resident.refresh_from_db()
    assert (resident.phone, resident.postcode) == ("0611112222", "9989 AB")


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["hulpvragen:board", "hulpvragen:meeting"])
def test_query_count_is_the_same_for_5_and_40_requests(coord_client, village, name):
    residents = [ResidentFactory(village=village) for _ in range(5)]
    url = reverse(name)

    def add(n):
        for i in range(n):
            HelpRequestFactory(
                resident=residents[i % 5],
                status=Status.values[i % 13],
                assigned_to=None,
                status_changed_at=timezone.now(),
            )

    add(5)
    few = _count_queries(coord_client, url)
    add(35)
    assert _count_queries(coord_client, url) == few


@time_machine.travel(FROZEN)
def test_edit_keeps_the_resident_and_changes_the_details(coord_client, village, coordinator):
    request = HelpRequestFactory(
        resident=ResidentFactory(village=village), times_of_day=[], needed_on=None
    )
    url = reverse("hulpvragen:request_edit", args=[request.pk])
    form = coord_client.get(url)
    assert "Lamp in de gang vervangen" in form.content.decode()
    data = intake_data(
        category=category("klus").pk,
        description="Twee lampen vervangen",
        assigned_to=coordinator.pk,
        needed_on="1-12-2026",
    )
    response = coord_client.post(url, data)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.description == "Twee lampen vervangen"
    assert request.assigned_to == coordinator
    assert request.destination_text == ""  # not a ride: ride fields are cleared
    assert Resident.objects.count() == 1


def test_accepting_in_triage_ignores_a_reason_left_in_the_form(coord_client, village):
    from hulpvragen.models import ReasonCode

    request = HelpRequestFactory(resident=ResidentFactory(village=village))
    reason = ReasonCode.objects.get(code="te_groot")
    response = coord_client.post(
        reverse("hulpvragen:request_triage", args=[request.pk]),
        {"q_too_big": "no", "outcome": "accepted", "reason": reason.pk},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.reason) == (Status.SEARCHING, None)


def test_triage_page_warns_when_the_same_job_comes_every_week(coord_client, village):
    resident = ResidentFactory(village=village)
    garden = category("tuin")
    today = timezone.localdate()
    for weeks in (1, 2):
        HelpRequestFactory(
            resident=resident, category=garden, needed_on=today - timedelta(weeks=weeks)
        )
    request = HelpRequestFactory(resident=resident, category=garden, needed_on=today)
    response = coord_client.get(reverse("hulpvragen:request_triage", args=[request.pk]))
    assert "eigenlijk een vaste hulpvraag" in response.content.decode()


@time_machine.travel(FROZEN)
def test_intake_of_two_calls_a_day_as_a_recurring_request(coord_client, village):
    resident = ResidentFactory(village=village)
    data = intake_data(
        resident=resident.pk,
        **{"new-first_name": "", "new-last_name": ""},
        category=category("gezelschap").pk,
        description="Twee keer per dag even bellen",
        is_recurring="on",
        frequency="daily",
        times_of_day="9:00, 17.00",
        recurrence_start="24-11-2026",
        review_on="24-2-2027",
    )
    response = coord_client.post(reverse("hulpvragen:intake"), data)
    assert response.status_code == 302
    request = HelpRequest.objects.get()
    assert request.times_of_day == ["09:00", "17:00"]
    assert request.recurrence_pattern.times[1].hour == 17
    detail = coord_client.get(response.url).content.decode()
    assert "elke dag om 09:00 / 17:00" in detail


@pytest.mark.parametrize(
    "query", [{"status": "bogus"}, {"assigned_to": "999"}, {"category": "x"}, {"period": "ooit"}]
)
def test_board_survives_nonsense_filters(coord_client, village, query):
    HelpRequestFactory(resident=ResidentFactory(village=village))
    assert coord_client.get(reverse("hulpvragen:board"), query).status_code == 200


@pytest.mark.parametrize("name", ["hulpvragen:resident_list"])
def test_resident_list_query_count_is_the_same_for_5_and_40(coord_client, village, name):
    url = reverse(name)
    for _ in range(5):
        ResidentFactory(village=village)
    few = _count_queries(coord_client, url)
    for _ in range(35):
        ResidentFactory(village=village)
    assert _count_queries(coord_client, url) == few


def test_live_duplicate_hint_offers_the_known_resident(coord_client, village, other_village):
    known = ResidentFactory(village=village, phone="0612345678", last_name="Kooi")
    ResidentFactory(village=other_village, phone="0612345678", last_name="Elders")
    response = coord_client.get(
        reverse("hulpvragen:resident_duplicates"),
        {"new-phone": "+31 6 1234 5678", "new-postcode": "", "new-house": ""},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert f'value="{known.pk}"' in content
    assert "Elders" not in content


def test_live_duplicate_hint_is_empty_for_half_typed_input(coord_client, village):
    ResidentFactory(village=village, phone="0612345678")
    response = coord_client.get(
        reverse("hulpvragen:resident_duplicates"), {"new-phone": "06 12", "new-postcode": "99"}
    )
    assert "alert" not in response.content.decode()


def test_the_residents_list_pages_with_the_search_kept(coord_client, village):
    for number in range(55):
        ResidentFactory(village=village, first_name="Jan", last_name=f"van 't Hof {number:02d}")
    whole = coord_client.get(reverse("hulpvragen:resident_list")).content.decode()
    assert "Pagina 1 van 2" in whole and 'href="?page=2">Volgende</a>' in whole
    second = coord_client.get(reverse("hulpvragen:resident_list"), {"page": 2}).content.decode()
    assert 'href="?page=1">Vorige</a>' in second and "Volgende" not in second
    found = coord_client.get(reverse("hulpvragen:resident_list"), {"q": "Jan"}).content.decode()
    assert 'href="?q=Jan&amp;page=2">Volgende</a>' in found
