"""Stopping and pausing a volunteer, at view level on the demo's own data: the demo volunteer
(vrijwilliger@warffum.example) has an invitation waiting and a ride coming up."""

from io import StringIO

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, User
from accounts.roles import Role
from koppelingen.models import Assignment, Invitation
from koppelingen.services import invitation_link
from tests.client import Client
from vrijwilligers.models import Volunteer
from vrijwilligers.services import end_sessions

pytestmark = pytest.mark.django_db

PASSWORD = "dorpsloket-demo"
VOLUNTEER = "vrijwilliger@warffum.example"
COORDINATOR = "coordinator@warffum.example"


@pytest.fixture
def demo(db):
    call_command("demo_data", "--quiet-logins", stdout=StringIO())
    volunteer = Volunteer.objects.get(user__email=VOLUNTEER)
    pending = Invitation.objects.filter(
        volunteer=volunteer, status=Invitation.Status.PENDING
    ).first()
    accepted = Assignment.objects.filter(
        volunteer=volunteer,
        status=Assignment.Status.ACTIVE,
        task_date__gte=timezone.localdate(),
    ).first()
    assert pending is not None and accepted is not None
    coordinator = Client()
    assert coordinator.login(username=COORDINATOR, password=PASSWORD)
    return volunteer, pending, accepted, coordinator


def _text(response) -> str:
    return response.content.decode()


def test_stopping_the_demo_volunteer_asks_first_and_ends_their_access_at_once(demo):
    volunteer, pending, accepted, coordinator = demo
    resident = accepted.help_request.resident
    phone_client = Client()
    assert phone_client.login(username=VOLUNTEER, password=PASSWORD)
    assert phone_client.get(reverse("vrijwilligers:my_tasks")).status_code == 200
    stop_url = reverse("vrijwilligers:stop", args=[volunteer.pk])

    # The detail page links to a page that asks first; nothing stops with one click.
    detail = coordinator.get(reverse("vrijwilligers:detail", args=[volunteer.pk]))
    assert f'href="{stop_url}"' in _text(detail)
    page = coordinator.get(stop_url)
    assert "Stopt Jan Huizinga als vrijwilliger?" in _text(page)
    assert '<option value="" selected>– kies een reden –</option>' in _text(page)
    assert "1 openstaande uitnodiging wordt ingetrokken" in _text(page)
    assert "Nog gepland: 1 taak. Zoek daarvoor iemand anders" in _text(page)

    # Without a reason: a Dutch error, what was typed stays, the volunteer is not stopped.
    today = timezone.localdate().isoformat()
    page = coordinator.post(stop_url, {"on": today, "reason": "", "note": "Gaat verhuizen"})
    assert page.status_code == 200
    assert "Kies de reden van stoppen." in _text(page)
    assert 'value="Gaat verhuizen"' in _text(page)
    volunteer.refresh_from_db()
    assert volunteer.status == "active"

    page = coordinator.post(stop_url, {"on": today, "reason": "health"}, follow=True)
    assert (
        "Jan Huizinga is gestopt als vrijwilliger. 1 openstaande uitnodiging is ingetrokken. "
        "Inloggen als vrijwilliger kan niet meer."
    ) in _text(page)
    assert "uitnodigingen ingetrokken: " in _text(page)  # the history line

    volunteer.refresh_from_db()
    user = User.objects.get(email=VOLUNTEER)
    assert volunteer.status == "stopped" and volunteer.stop_reason == "health"
    assert not Membership.objects.filter(user=user, role=Role.VOLUNTEER).exists()
    assert not user.is_active
    # Logged out everywhere: the phone's session is gone, logging in again fails.
    assert phone_client.get(reverse("vrijwilligers:my_tasks")).status_code == 302
    assert not Client().login(username=VOLUNTEER, password=PASSWORD)
    pending.refresh_from_db()
    assert pending.status == Invitation.Status.WITHDRAWN

    # The links, without logging in: no longer theirs, no address, no phone, no accepting.
    anonymous = Client()
    link = invitation_link(pending)
    page = anonymous.get(link)
    assert page.status_code == 410  # the link is dead at once
    assert "Deze taak is niet meer voor u" in _text(page)
    assert "Ja, ik doe het" not in _text(page)
    page = anonymous.post(link, {"action": "accept"}, follow=True)
    assert "Deze taak is niet meer voor u" in _text(page)
    assert (
        not Assignment.objects.filter(help_request=pending.help_request_id)
        .filter(volunteer=volunteer)
        .exists()
    )
    page = anonymous.get(invitation_link(accepted.invitation))
    assert "Deze taak is niet meer voor u" in _text(page)
    assert resident.street not in _text(page)
    assert resident.phone not in _text(page)
    ics = anonymous.get(reverse("koppelingen:ics", args=[link_token(accepted.invitation)]))
    assert ics.status_code == 410
    assert resident.street not in ics.content.decode()
    report = anonymous.get(reverse("koppelingen:report", args=[link_token(accepted.invitation)]))
    assert report.status_code == 410
    # A browser that opened the task before the stop loses it too.
    task = anonymous.get(reverse("koppelingen:task", args=[accepted.invitation_id]))
    assert task.status_code in (404, 410)
    assert resident.street not in _text(task)

    # Made active again: the role and the login come back; the withdrawn invitation stays so.
    coordinator.post(reverse("vrijwilligers:resume", args=[volunteer.pk]))
    assert Client().login(username=VOLUNTEER, password=PASSWORD)
    pending.refresh_from_db()
    assert pending.status == Invitation.Status.WITHDRAWN


def link_token(invitation) -> str:
    return invitation_link(invitation).rstrip("/").rsplit("/", 1)[1]


def test_a_paused_demo_volunteer_is_told_kindly_and_cannot_accept(demo):
    volunteer, pending, accepted, coordinator = demo
    resident = accepted.help_request.resident
    pause_url = reverse("vrijwilligers:pause", args=[volunteer.pk])
    page = coordinator.get(pause_url)
    assert "Pauze voor Jan Huizinga" in _text(page)
    assert "1 openstaande uitnodiging kan tijdens de pauze niet worden aangenomen" in _text(page)
    page = coordinator.post(pause_url, {"until": "", "note": "Nieuwe heup"}, follow=True)
    assert "Jan Huizinga heeft pauze tot nader bericht en wordt niet gevraagd." in _text(page)

    phone_client = Client()
    assert phone_client.login(username=VOLUNTEER, password=PASSWORD)
    page = phone_client.get(reverse("vrijwilligers:my_tasks"))
    assert "U heeft pauze." in _text(page)

    link = invitation_link(pending)
    page = phone_client.get(link, follow=True)
    assert "U heeft op dit moment pauze" in _text(page)
    assert "laat het dorpsloket weten wanneer u terug bent" in _text(page)
    assert "Ja, ik doe het" not in _text(page)
    page = phone_client.post(link, {"action": "accept"}, follow=True)
    assert "U heeft op dit moment pauze, dus u krijgt deze taak niet." in _text(page)
    pending.refresh_from_db()
    assert pending.status == Invitation.Status.PENDING
    assert not Assignment.objects.filter(invitation=pending).exists()

    # The coordinator recording a phone "yes" is refused too.
    page = coordinator.post(
        reverse("koppelingen:phone_answer", args=[pending.pk]), {"answer": "accept"}, follow=True
    )
    assert "Jan Huizinga heeft pauze en kan nu geen taken aannemen." in _text(page)
    assert not Assignment.objects.filter(invitation=pending).exists()

    # An accepted task no longer shows the address or phone while paused.
    page = Client().get(invitation_link(accepted.invitation), follow=True)
    assert "U heeft op dit moment pauze" in _text(page)
    assert resident.phone not in _text(page)
    assert resident.postcode not in _text(page)


def test_ending_sessions_works_for_cached_database_sessions(settings, volunteer_user):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    phone = Client()
    phone.force_login(volunteer_user)
    other = Client()
    other.force_login(User.objects.create_user("ander@example.org", "x"))
    assert end_sessions(volunteer_user) == 1
    assert phone.get(reverse("vrijwilligers:my_tasks")).status_code == 302
    assert Session.objects.count() == 1
