"""Sessions (issue 14, point 3): 30 minutes idle for coordinators and beheerders with a
warning and a keep-alive, 12 hours at most for everyone, a new key at login, sessions that
end when an account is switched off, and "log out everywhere"."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from accounts.models import SecurityEvent
from accounts.security import session_end_reason
from tests.client import Client
from tests.factories import TEST_PASSWORD
from tests.two_factor import current_code

pytestmark = pytest.mark.django_db

MINUTE = 60
HOUR = 60 * MINUTE


@pytest.mark.parametrize(
    ("login_ago", "seen_ago", "idle_limited", "reason"),
    [
        (10 * MINUTE, 29 * MINUTE, True, None),
        (40 * MINUTE, 30 * MINUTE, True, "idle"),
        (3 * HOUR, 2 * HOUR, False, None),
        (12 * HOUR, 0, False, "max_age"),
        (12 * HOUR - 1, 0, True, None),
        (13 * HOUR, 31 * MINUTE, True, "max_age"),
    ],
)
def test_when_a_session_ends(login_ago, seen_ago, idle_limited, reason):
    now = 1_800_000_000.0
    assert (
        session_end_reason(
            now=now,
            login_at=now - login_ago,
            last_seen=now - seen_ago,
            idle_limited=idle_limited,
            max_age=12 * HOUR,
            idle_timeout=30 * MINUTE,
        )
        == reason
    )


def test_a_coordinator_idle_for_30_minutes_is_logged_out_with_a_dutch_message(coordinator):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = Client()
        client.force_login(coordinator)
        clock.shift(timedelta(minutes=29))
        assert client.get(reverse("hulpvragen:board")).status_code == 200
        clock.shift(timedelta(minutes=29))  # 58 minutes after login, 29 after the last page
        assert client.get(reverse("hulpvragen:board")).status_code == 200
        clock.shift(timedelta(minutes=31))
        response = client.get(reverse("hulpvragen:board"), follow=True)
        assert response.redirect_chain[0][0] == reverse("login")
        assert "na 30 minuten zonder activiteit" in response.content.decode()
        assert "_auth_user_id" not in client.session


def test_typing_keeps_the_session_alive(coordinator):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = Client()
        client.force_login(coordinator)
        page = client.get(reverse("hulpvragen:intake")).content.decode()
        assert 'data-idle-seconds="1800"' in page
        for _ in range(4):  # two hours of typing an intake, a keep-alive every 25 minutes
            clock.shift(timedelta(minutes=25))
            alive = client.post(reverse("session_keep_alive"))
            assert alive.json() == {"idle_seconds_left": 1800}
        clock.shift(timedelta(minutes=25))
        assert client.get(reverse("hulpvragen:intake")).status_code == 200


def test_a_volunteer_has_no_idle_limit_but_twelve_hours_at_most(volunteer_user):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = Client()
        client.force_login(volunteer_user)
        page = client.get(reverse("vrijwilligers:my_tasks")).content.decode()
        assert "data-idle-seconds" not in page and "session.js" not in page
        clock.shift(timedelta(hours=3))
        assert client.get(reverse("vrijwilligers:my_tasks")).status_code == 200
        clock.shift(timedelta(hours=9))
        response = client.get(reverse("vrijwilligers:my_tasks"), follow=True)
        assert response.redirect_chain[0][0] == reverse("login")
        assert "12 uur ingelogd" in response.content.decode()


def test_the_session_cookie_lives_twelve_hours(settings):
    assert settings.SESSION_COOKIE_AGE == 12 * HOUR
    assert settings.SESSION_IDLE_TIMEOUT == 30 * MINUTE


def test_the_idle_warning_comes_from_a_static_file_without_inline_script(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("hulpvragen:board")).content.decode()
    assert '<script src="/static/js/session.js" defer></script>' in html
    assert 'id="idle-warning"' in html and "hidden" in html
    assert 'data-keep-alive-url="/sessie/verlengen/"' in html
    inline = [tag for tag in re.findall(r"<script[^>]*>", html) if "src=" not in tag]
    assert inline == []
    assert client.get("/static/js/session.js").status_code == 200


def test_a_login_gets_a_new_session_key(coordinator):
    client = Client()
    client.get(reverse("login"))
    client.cookies["sessionid"] = "a-key-an-attacker-planted-1234567"
    client.post(reverse("login"), {"username": coordinator.email, "password": TEST_PASSWORD})
    after_password = client.cookies["sessionid"].value
    assert after_password != "a-key-an-attacker-planted-1234567"
    client.post(reverse("two_factor_verify"), {"code": current_code(coordinator)})
    assert client.cookies["sessionid"].value != after_password
    assert client.get(reverse("hulpvragen:board")).status_code == 200


def test_log_out_everywhere_ends_every_session_of_that_user_only(coordinator, volunteer_user):
    laptop, phone, someone_else = Client(), Client(), Client()
    laptop.force_login(coordinator)
    phone.force_login(coordinator)
    someone_else.force_login(volunteer_user)
    overview = laptop.get(reverse("account_security")).content.decode()
    assert "Overal uitloggen" in overview

    response = laptop.post(reverse("logout_everywhere"), follow=True)
    assert "U bent overal uitgelogd (ook op 1 andere apparaten" in response.content.decode()
    for client in (laptop, phone):
        assert client.get(reverse("hulpvragen:board"))["Location"].startswith(reverse("login"))
    assert someone_else.get(reverse("vrijwilligers:my_tasks")).status_code == 200
    logged_in = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert [user for user in logged_in if user] == [str(volunteer_user.pk)]
    assert SecurityEvent.objects.filter(
        user=coordinator, kind=SecurityEvent.Kind.LOGGED_OUT_EVERYWHERE
    ).exists()


def test_switching_an_account_off_in_the_admin_ends_its_sessions(client, beheerder, reader):
    phone = Client()
    phone.force_login(reader)
    assert phone.get(reverse("rapportage:overview")).status_code == 200
    phone_key = phone.session.session_key
    client.force_login(beheerder)
    url = reverse("admin:accounts_user_change", args=[reader.pk])
    form = client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if key in ("email", "full_name", "is_staff", "is_superuser", "last_login", "date_joined")
        and value is not None
    }
    data.update(
        {
            "email": reader.email,
            "is_active": "",
            "date_joined_0": timezone.localtime(reader.date_joined).strftime("%d-%m-%Y"),
            "date_joined_1": "10:00:00",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        }
    )
    data.pop("date_joined", None)
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    reader.refresh_from_db()
    assert not reader.is_active
    assert not Session.objects.filter(session_key=phone_key).exists()
    assert phone.get(reverse("rapportage:overview"))["Location"].startswith(reverse("login"))
    assert SecurityEvent.objects.filter(user=reader, kind=SecurityEvent.Kind.DEACTIVATED).exists()
