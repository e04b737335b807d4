"""Lockout with a cool-off (issue 14, point 2): on the site's login and the admin's, per
e-mail address from one IP address and per IP address, never for good; and a password
reset that sends at most a few e-mails per address per hour and never tells whether an
address is known."""

import re
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import SecurityEvent
from accounts.security import reset_email_allowed
from tests.client import Client
from tests.factories import TEST_PASSWORD
from tests.outbox import send_outbox

pytestmark = pytest.mark.django_db

STRANGER = "203.0.113.7"
DESK = "198.51.100.20"


def without_csrf_token(response) -> str:
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", response.content.decode())


def try_login(client, email, password, ip=STRANGER, url=None):
    return client.post(
        url or reverse("login"),
        {"username": email, "password": password},
        REMOTE_ADDR=ip,
    )


def test_fifty_wrong_passwords_lock_the_account_until_the_cool_off_is_over(coordinator):
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        answers = [try_login(client, coordinator.email, f"fout-{n}").status_code for n in range(50)]
        assert answers[0] == 200  # the form again, with an error
        assert answers[-1] == 429
        assert answers.count(429) >= 40

        clock.shift(timedelta(minutes=5))
        refused = try_login(client, coordinator.email, TEST_PASSWORD)
        assert refused.status_code == 429
        html = refused.content.decode()
        until = timezone.localtime(timezone.now() + timedelta(minutes=15)).strftime("%H:%M")
        assert f"probeer het om {until} opnieuw" in html
        assert coordinator.email in html  # what was typed stays
        assert "_auth_user_id" not in client.session

        clock.shift(timedelta(minutes=16))
        accepted = try_login(client, coordinator.email, TEST_PASSWORD)
        assert accepted.status_code == 302
        assert client.session["_auth_user_id"] == str(coordinator.pk)

    # Every event is logged: the failures, the lockout, the login.
    assert AccessFailureLog.objects.filter(username=coordinator.email).count() >= 50
    assert AccessFailureLog.objects.filter(username=coordinator.email, locked_out=True).exists()
    assert AccessLog.objects.filter(username=coordinator.email).count() == 1


def test_a_stranger_cannot_lock_the_coordinator_out_at_her_desk(coordinator):
    stranger = Client()
    for n in range(20):
        try_login(stranger, coordinator.email, f"fout-{n}")
    assert try_login(stranger, coordinator.email, TEST_PASSWORD).status_code == 429
    at_the_desk = Client()
    assert try_login(at_the_desk, coordinator.email, TEST_PASSWORD, ip=DESK).status_code == 302


def test_one_address_guessing_many_accounts_is_stopped(coordinator, volunteer_user):
    client = Client()
    for n in range(10):
        try_login(client, f"iemand{n}@example.org", "welkom123")
    assert try_login(client, volunteer_user.email, TEST_PASSWORD).status_code == 429


def test_the_count_ignores_capitals_and_spaces(coordinator):
    client = Client()
    for n in range(10):
        try_login(client, f" {coordinator.email.upper()} ", f"fout-{n}")
    assert AccessAttempt.objects.get().username == coordinator.email
    assert try_login(client, coordinator.email, TEST_PASSWORD).status_code == 429


def test_the_admin_login_locks_too_with_the_dutch_message(beheerder):
    client = Client()
    url = reverse("admin:login")
    for n in range(10):
        try_login(client, beheerder.email, f"fout-{n}", url=url)
    response = try_login(client, beheerder.email, TEST_PASSWORD, url=url)
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()


def test_the_cool_off_is_never_permanent(settings):
    assert settings.AXES_COOLOFF_TIME is not None
    assert timedelta(0) < settings.AXES_COOLOFF_TIME <= timedelta(hours=1)
    assert settings.AXES_LOCK_OUT_AT_FAILURE is True


# --- password reset ---------------------------------------------------------------------
def test_at_most_three_reset_e_mails_per_address_per_hour(coordinator):
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(5):
            response = client.post(reverse("password_reset"), {"email": coordinator.email})
            assert response["Location"] == reverse("password_reset_done")
        send_outbox()
        assert len(mail.outbox) == 3
        clock.shift(timedelta(minutes=61))
        client.post(reverse("password_reset"), {"email": coordinator.email.upper()})
        send_outbox()
        assert len(mail.outbox) == 4
    assert (
        SecurityEvent.objects.filter(
            kind=SecurityEvent.Kind.PASSWORD_RESET_HELD_BACK, email=coordinator.email
        ).count()
        == 2
    )


def test_the_reset_answers_the_same_for_an_unknown_address(coordinator):
    known = Client().post(reverse("password_reset"), {"email": coordinator.email}, follow=True)
    unknown = Client().post(
        reverse("password_reset"), {"email": "niemand@example.org"}, follow=True
    )
    assert known.redirect_chain == unknown.redirect_chain
    assert without_csrf_token(known) == without_csrf_token(unknown)
    send_outbox()
    assert len(mail.outbox) == 1
    assert SecurityEvent.objects.filter(
        kind=SecurityEvent.Kind.PASSWORD_RESET_REQUESTED, email="niemand@example.org"
    ).exists()


def test_many_resets_from_one_address_are_told_when_to_try_again(coordinator):
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for n in range(10):
            client.post(reverse("password_reset"), {"email": f"iemand{n}@example.org"})
        response = client.post(reverse("password_reset"), {"email": coordinator.email})
        assert response.status_code == 429
        until = timezone.localtime(start + timedelta(hours=1)).strftime("%H:%M")
        html = response.content.decode()
        assert f"Probeer het om {until} opnieuw" in html
        assert coordinator.email in html
    send_outbox()
    assert len(mail.outbox) == 0
    other_connection = Client().post(
        reverse("password_reset"), {"email": coordinator.email}, REMOTE_ADDR=DESK
    )
    assert other_connection.status_code == 302
    send_outbox()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(("sent", "allowed"), [(0, True), (2, True), (3, False), (7, False)])
def test_reset_email_rule(sent, allowed):
    assert reset_email_allowed(sent_this_hour=sent, limit=3) is allowed
