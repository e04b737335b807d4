"""Invitation links that can be taken back (issue: tokens out of addresses and logs).

The e-mailed link is traded for a short task session and redirects to the task's own address;
withdrawing the invitation, giving the task to someone else or stopping the volunteer kills
the link at once, also in a browser that has the task open."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from hulpvragen.lifecycle import Status
from hulpvragen.services import help_request_transition
from koppelingen import rules, services
from koppelingen.models import Assignment, Invitation, LogEntry
from tests.client import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(ride, make_volunteer):
    (invitation,) = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer()], by=None
    )
    return invitation


def _token(invitation):
    return services.invitation_link(invitation).rstrip("/").rsplit("/", 1)[1]


def test_the_link_trades_its_token_for_the_tasks_own_address(client, invitation):
    token = _token(invitation)
    response = client.get(services.invitation_link(invitation))
    task_url = reverse("koppelingen:task", args=[invitation.pk])
    assert response.status_code == 302
    assert response["Location"] == task_url
    page = client.get(task_url)
    assert page.status_code == 200
    assert "Kunt u helpen?" in page.content.decode()
    assert token not in page.content.decode()
    # accepting and everything after it stays on addresses without the token
    accepted = client.post(task_url, {"action": "accept"})
    assert accepted["Location"] == task_url
    html = client.get(task_url).content.decode()
    assert "Hoofdstraat 7" in html
    assert token not in html
    assert reverse("koppelingen:task_ics", args=[invitation.pk]) in html
    assert reverse("koppelingen:task_report", args=[invitation.pk]) in html
    ics = client.get(reverse("koppelingen:task_ics", args=[invitation.pk]))
    assert ics["Content-Type"].startswith("text/calendar")


def test_the_tasks_address_without_the_link_asks_to_open_the_link_again(invitation):
    stranger = Client()
    response = stranger.get(reverse("koppelingen:task", args=[invitation.pk]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Open de link opnieuw" in html
    assert "Hoofdstraat" not in html and "Aaltje" not in html


def test_the_task_session_runs_out_and_the_link_opens_it_again(client, invitation):
    client.get(services.invitation_link(invitation))
    task_url = reverse("koppelingen:task", args=[invitation.pk])
    with time_machine.travel(timezone.now() + rules.TASK_SESSION + timedelta(minutes=1)):
        assert client.get(task_url).status_code == 404
        assert client.get(services.invitation_link(invitation)).status_code == 302
        assert client.get(task_url).status_code == 200


def test_withdrawing_the_invitation_kills_the_link_and_the_open_task_at_once(client, invitation):
    client.get(services.invitation_link(invitation))
    task_url = reverse("koppelingen:task", args=[invitation.pk])
    assert client.get(task_url).status_code == 200
    Invitation.objects.filter(pk=invitation.pk).update(status=Invitation.Status.WITHDRAWN)
    for url in (task_url, services.invitation_link(invitation)):
        response = client.get(url)
        assert response.status_code == 410
        assert "Aaltje" not in response.content.decode()
    refused = client.post(task_url, {"action": "accept"})
    assert refused.status_code == 410
    assert not Assignment.objects.filter(invitation=invitation).exists()


def test_giving_the_task_to_someone_else_takes_it_back_and_kills_the_link(
    client, invitation, coordinator
):
    client.post(services.invitation_link(invitation), {"action": "accept"})
    task_url = reverse("koppelingen:task", args=[invitation.pk])
    assert "Hoofdstraat 7" in client.get(task_url).content.decode()
    ride = invitation.help_request
    ride.refresh_from_db()
    assert ride.status == Status.MATCHED

    help_request_transition(
        help_request=ride, to=Status.SEARCHING, by=coordinator, note="Valt uit: ziek"
    )

    assignment = Assignment.objects.get(invitation=invitation)
    assert assignment.status == Assignment.Status.WITHDRAWN
    assert LogEntry.objects.filter(
        kind=LogEntry.Kind.TASK_WITHDRAWN, help_request=ride, volunteer=assignment.volunteer
    ).exists()
    for url in (
        task_url,
        reverse("koppelingen:task_ics", args=[invitation.pk]),
        reverse("koppelingen:task_report", args=[invitation.pk]),
        services.invitation_link(invitation),
    ):
        response = client.get(url)
        assert response.status_code == 410, url
        assert "Hoofdstraat" not in response.content.decode()
    # the request can be given to someone else now
    candidates = Client()
    candidates.force_login(coordinator)
    page = candidates.get(reverse("koppelingen:candidates", args=[ride.pk])).content.decode()
    assert "Beste kandidaten" in page


def test_cancelling_the_request_takes_planned_tasks_back(client, invitation, coordinator):
    from hulpvragen.models import ReasonCode

    services.invitation_accept(invitation=invitation)
    ride = invitation.help_request
    ride.refresh_from_db()
    help_request_transition(
        help_request=ride,
        to=Status.CANCELLED,
        by=coordinator,
        reason=ReasonCode.objects.filter(applies_to=Status.CANCELLED).first(),
    )
    assert Assignment.objects.get(invitation=invitation).status == Assignment.Status.WITHDRAWN
    assert client.get(services.invitation_link(invitation)).status_code == 410


def test_a_page_open_from_before_still_posts_to_the_link(client, invitation):
    """Pages opened before task pages had their own address post to the token link."""
    response = client.post(services.invitation_link(invitation), {"action": "accept"})
    assert response.status_code == 302
    assert Invitation.objects.get(pk=invitation.pk).status == Invitation.Status.ACCEPTED


def test_a_logged_in_volunteer_opens_only_their_own_task_address(
    client, invitation, volunteer_user
):
    client.force_login(volunteer_user)
    assert client.get(reverse("koppelingen:task", args=[invitation.pk])).status_code == 404
    # not even after opening the link: someone else's link is 404 for a logged-in user
    assert client.get(services.invitation_link(invitation)).status_code == 404
