from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from koppelingen import services
from koppelingen.models import Assignment, Invitation, Signal
from tests.sociale_kaart.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def link_of(invitation):
    return services.invitation_link(invitation)


def test_candidates_page_shows_the_ranking_with_reasons(client, coordinator, ride, make_volunteer):
    make_volunteer(first_name="Geert", last_name="Nooitgevraagd")
    make_volunteer(first_name="Klaas", last_name="Zonderauto", has_car=False)
    client.force_login(coordinator)
    response = client.get(reverse("koppelingen:candidates", args=[ride.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Geert Nooitgevraagd" in html and "Nog nooit gevraagd" in html
    assert "Heeft geen auto" in html  # excluded, but still visible with the reason


def test_candidates_page_query_count_does_not_grow(
    client, coordinator, ride, make_volunteer, django_assert_max_num_queries
):
    client.force_login(coordinator)
    for _ in range(3):
        make_volunteer()
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("koppelingen:candidates", args=[ride.pk]))
    for _ in range(20):
        make_volunteer()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("koppelingen:candidates", args=[ride.pk]))


def test_coordinator_asks_the_top_candidate(client, coordinator, ride, make_volunteer):
    volunteer = make_volunteer()
    client.force_login(coordinator)
    response = client.post(
        reverse("koppelingen:candidates", args=[ride.pk]), {"volunteer": [volunteer.pk]}
    )
    assert response.status_code == 302
    assert Invitation.objects.get().volunteer == volunteer


def test_a_volunteer_who_is_not_a_candidate_is_not_asked(client, coordinator, ride, make_volunteer):
    """The form's choices are the listed candidates: another village's volunteer (no
    agreement) cannot be posted in."""
    from tests.factories import VillageFactory

    listed = make_volunteer()
    stranger = make_volunteer(village=VillageFactory(name="Elders"))
    client.force_login(coordinator)
    response = client.post(
        reverse("koppelingen:candidates", args=[ride.pk]), {"volunteer": [stranger.pk]}
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()
    client.post(
        reverse("koppelingen:candidates", args=[ride.pk]),
        {"volunteer": [listed.pk, stranger.pk]},
    )
    assert not Invitation.objects.exists()


def test_asking_nobody_gives_a_dutch_error(client, coordinator, ride, make_volunteer):
    make_volunteer()
    client.force_login(coordinator)
    response = client.post(reverse("koppelingen:candidates", args=[ride.pk]), {"note": "Hoi"})
    assert "Kies minstens één vrijwilliger" in response.content.decode()
    assert "Hoi</textarea>" in response.content.decode()


def test_phone_answer_records_yes(client, coordinator, ride, make_volunteer):
    (invitation,) = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer(email="")], by=coordinator
    )
    client.force_login(coordinator)
    client.post(reverse("koppelingen:phone_answer", args=[invitation.pk]), {"answer": "accept"})
    assert Assignment.objects.filter(invitation=invitation).exists()


def test_before_accepting_the_volunteer_sees_no_house_number_or_phone(client, ride, make_volunteer):
    (invitation,) = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer()], by=None
    )
    html = client.get(link_of(invitation), follow=True).content.decode()
    assert "Aaltje" in html and "Hoofdstraat" in html
    assert "Hoofdstraat 7" not in html and "0595123456" not in html
    assert "Wierenga" not in html


def test_accepting_from_the_link_shows_the_address_and_calendar(client, ride, make_volunteer):
    (invitation,) = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer()], by=None
    )
    response = client.post(link_of(invitation), {"action": "accept"}, follow=True)
    html = response.content.decode()
    assert "Hoofdstraat 7" in html and "0595123456" in html  # the tel: link
    assert "0595 12 34 56" in html  # shown the Dutch way
    assert response.redirect_chain[-1][0] == reverse("koppelingen:task", args=[invitation.pk])
    ics = client.get(reverse("koppelingen:task_ics", args=[invitation.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"Hoofdstraat 7" in ics.content


def test_the_second_tap_is_told_kindly_that_it_is_taken(client, ride, make_volunteer):
    first, second = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer(), make_volunteer()], by=None
    )
    client.post(link_of(first), {"action": "accept"})
    response = client.post(link_of(second), {"action": "accept"}, follow=True)
    assert "Al vergeven" in response.content.decode()


def test_an_expired_link_says_so(client, ride, make_volunteer):
    (invitation,) = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer()], by=None
    )
    link = link_of(invitation)
    with time_machine.travel(timezone.now() + timedelta(days=60)):
        response = client.get(link)
    assert response.status_code == 410
    assert "werkt niet meer" in response.content.decode()


def test_someone_elses_link_is_404_for_a_logged_in_volunteer(
    client, ride, make_volunteer, volunteer_user
):
    (invitation,) = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer()], by=None
    )
    client.force_login(volunteer_user)
    assert client.get(link_of(invitation)).status_code == 404


def test_the_address_disappears_a_week_after_the_task(client, ride, make_volunteer):
    (invitation,) = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer()], by=None
    )
    services.invitation_accept(invitation=invitation)
    link = link_of(invitation)
    with time_machine.travel(timezone.now() + timedelta(days=ride_days(ride) + 8)):
        html = client.get(link).content.decode()
    assert "Hoofdstraat 7" not in html


def ride_days(ride):
    return (ride.needed_on - timezone.localdate()).days


def test_report_with_km_and_a_worry(client, ride, make_volunteer):
    (invitation,) = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer()], by=None
    )
    services.invitation_accept(invitation=invitation)
    token = link_of(invitation).rstrip("/").rsplit("/", 1)[1]
    url = reverse("koppelingen:report", args=[token])
    response = client.post(url, {"outcome": "done"})
    assert "Kies hoe het ging" in response.content.decode()
    client.post(
        url,
        {"outcome": "done", "how_it_went": "good", "km_driven": "51,5", "worry": "Koelkast leeg"},
    )
    assignment = Assignment.objects.get()
    assert str(assignment.report.km_driven) == "51.5"
    assert Signal.objects.get().description == "Koelkast leeg"


def test_coordinator_passes_a_signal_on(client, coordinator, ride, village):
    signal = services.signal_create(resident=ride.resident, description="Eenzaam")
    organisation = OrganisationFactory(name="Welzijn Het Hogeland", villages=[village])
    client.force_login(coordinator)
    response = client.post(
        reverse("koppelingen:signal", args=[signal.pk]),
        {"organisation": organisation.pk, "consent": "yes", "note": "Doorgebeld"},
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.passed_to == organisation


def test_my_tasks_lists_invitations_and_upcoming_tasks_with_their_links(
    client, ride, make_volunteer, volunteer_user, django_assert_max_num_queries
):
    from tests.hulpvragen.factories import HelpRequestFactory
    from vrijwilligers.models import Volunteer

    volunteer = Volunteer.objects.filter(user=volunteer_user).first() or make_volunteer(
        user=volunteer_user
    )
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[volunteer], by=None)
    for _ in range(3):
        other = HelpRequestFactory(village=ride.village, resident=ride.resident, status=ride.status)
        (accepted,) = services.invitations_send(help_request=other, volunteers=[volunteer], by=None)
        services.invitation_accept(invitation=accepted)
    client.force_login(volunteer_user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("vrijwilligers:my_tasks"))
    html = response.content.decode()
    assert "Kunt u helpen?" in html and "Binnenkort" in html
    # Logged in, the volunteer opens their tasks at their own addresses: no tokens.
    assert reverse("koppelingen:task", args=[invitation.pk]) in html
    assert html.count("/koppelen/mijn-taak/") == 4
    assert "/koppelen/taak/" not in html


def test_board_shows_open_todos_and_open_signals(client, coordinator, ride):
    from meldingen.services import todo_add

    todo_add(
        village=ride.village,
        kind="follow_up",
        key="t1",
        title="Bel mevrouw Wierenga",
        due_on=timezone.localdate(),
    )
    services.signal_create(resident=ride.resident, description="Eenzaam")
    client.force_login(coordinator)
    html = client.get(reverse("hulpvragen:board")).content.decode()
    assert "Bel mevrouw Wierenga" in html
    assert "1 open signaal" in html


def test_request_page_leads_to_the_candidates_and_shows_the_matching_log(
    client, coordinator, ride, make_volunteer
):
    services.invitations_send(help_request=ride, volunteers=[make_volunteer()], by=coordinator)
    client.force_login(coordinator)
    html = client.get(reverse("hulpvragen:request_detail", args=[ride.pk])).content.decode()
    assert reverse("koppelingen:candidates", args=[ride.pk]) in html
    assert "1 uitnodiging wacht op antwoord" in html
    assert "Logboek koppelen" in html


def test_resident_page_shows_signals_and_loans(client, coordinator, ride):
    services.signal_create(resident=ride.resident, description="De post stapelt zich op")
    client.force_login(coordinator)
    html = client.get(
        reverse("hulpvragen:resident_detail", args=[ride.resident.pk])
    ).content.decode()
    assert "De post stapelt zich op" in html
    assert "/uitleen/uitlenen/?resident=" in html


def test_signals_list_query_count_does_not_grow(
    client, coordinator, ride, make_volunteer, django_assert_max_num_queries
):
    from tests.hulpvragen.factories import ResidentFactory

    client.force_login(coordinator)
    services.signal_create(resident=ride.resident, description="Eén", volunteer=make_volunteer())
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("koppelingen:signals"))
    for n in range(15):
        services.signal_create(
            resident=ResidentFactory(village=ride.village),
            description=f"Zorg {n}",
            volunteer=make_volunteer(),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("koppelingen:signals"))
    assert "Zorg 14" in response.content.decode()


def test_eligible_candidates_show_their_score_and_excluded_ones_none(
    client, coordinator, ride, make_volunteer
):
    make_volunteer(first_name="Geert", last_asked_on=None)
    make_volunteer(first_name="Klaas", has_car=False)
    client.force_login(coordinator)
    html = client.get(reverse("koppelingen:candidates", args=[ride.pk])).content.decode()
    assert html.count('class="badge text-bg-light border"') == 1  # Geert's score only


def test_a_withdrawn_invitation_of_an_active_volunteer_says_the_desk_withdrew_it(
    client, ride, make_volunteer
):
    from koppelingen.models import Invitation

    volunteer = make_volunteer(first_name="Geesje")
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[volunteer], by=None)
    Invitation.objects.filter(pk=invitation.pk).update(status=Invitation.Status.WITHDRAWN)
    response = client.get(services.invitation_link(invitation))
    assert response.status_code == 410
    page = response.content.decode()
    assert "het dorpsloket heeft de vraag ingetrokken" in page
    assert "geen actieve vrijwilliger meer" not in page
    assert services.invitation_accept(invitation=invitation) is (
        services.AcceptResult.NO_LONGER_THEIRS
    )
