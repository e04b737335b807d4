"""Activation after the intake chat: account, membership, invitation."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Membership, User
from accounts.roles import Role
from meldingen.models import Notification

from .factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def test_activation_creates_the_login_and_sends_a_dutch_invitation(
    client, village, coordinator, django_capture_on_commit_callbacks
):
    volunteer = VolunteerFactory(village=village, status="signed_up", email="Sietske@Example.org")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("vrijwilligers:activate", args=[volunteer.pk]))
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == "active"
    user = User.objects.get(email="sietske@example.org")
    assert volunteer.user == user
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, village=village, role=Role.VOLUNTEER).exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sietske@example.org"]
    assert "Welkom" in message.subject
    assert "/wachtwoord-instellen/" in message.body
    row = Notification.objects.get(template="volunteer_invitation")  # through the outbox
    assert (row.recipient, row.status) == ("sietske@example.org", "sent")
    assert message.extra_headers["Message-ID"] == row.message_id


def test_activation_without_email_makes_an_active_volunteer_without_login(
    client, village, coordinator
):
    volunteer = VolunteerFactory(village=village, status="signed_up", email="")
    client.force_login(coordinator)
    client.post(reverse("vrijwilligers:activate", args=[volunteer.pk]))
    volunteer.refresh_from_db()
    assert volunteer.status == "active"
    assert volunteer.user is None
    assert mail.outbox == []


def test_the_invitation_link_lets_the_volunteer_choose_a_password(
    client, village, coordinator, django_capture_on_commit_callbacks
):
    volunteer = VolunteerFactory(village=village, status="signed_up")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("vrijwilligers:activate", args=[volunteer.pk]))
    client.logout()
    link = next(line for line in mail.outbox[0].body.splitlines() if "wachtwoord-instellen" in line)
    response = client.get(link.strip().replace("http://127.0.0.1:8000", ""), follow=True)
    assert response.status_code == 200
    assert "new_password1" in response.content.decode()


def test_an_active_volunteer_cannot_be_activated_again(client, village, coordinator):
    volunteer = VolunteerFactory(village=village, status="active")
    client.force_login(coordinator)
    response = client.post(reverse("vrijwilligers:activate", args=[volunteer.pk]), follow=True)
    assert "niet mogelijk" in response.content.decode()
    assert volunteer.changes.count() == 0
