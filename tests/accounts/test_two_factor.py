"""Two-step login (issue 14, point 1): mandatory for coordinators and beheerders, set up at
the first login on a Dutch page with a QR code made here; others may opt in; a beheerder
resets it (logged)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecurityEvent
from accounts.roles import Role
from accounts.security import second_factor_required
from accounts.two_factor import hex_key_from_base32, normalise_code, secret_for_display
from tests.client import Client
from tests.factories import TEST_PASSWORD, user_with_role
from tests.two_factor import code_for, current_code

pytestmark = pytest.mark.django_db


def form_login(client, user, password=TEST_PASSWORD, **extra):
    return client.post(reverse("login"), {"username": user.email, "password": password}, **extra)


def code_from_setup_page(html: str) -> str:
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', html).group(1)
    totp = TOTP(bytes.fromhex(hex_key_from_base32(secret)))
    return f"{totp.token():06d}"


# --- the rule ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("is_staff", "roles", "required"),
    [
        (False, [Role.COORDINATOR], True),
        (False, [Role.BEHEERDER], True),
        (True, [], True),
        (False, [Role.VOLUNTEER], False),
        (False, [Role.READER, Role.READER], False),
        (False, [Role.VOLUNTEER, Role.COORDINATOR], True),
        (False, [], False),
    ],
)
def test_who_must_log_in_with_two_factors(is_staff, roles, required):
    assert second_factor_required(is_staff=is_staff, roles=roles) is required


def test_codes_are_typed_with_spaces_and_dashes():
    assert normalise_code(" 123 456 ") == "123456"
    assert normalise_code("ABCD-EFGH") == "abcdefgh"


def test_the_secret_is_shown_in_groups_of_four_and_read_back():
    device = TOTPDevice(key=hex_key_from_base32("DORP SLOK ETWA RFFU MDEM OCOD E234 5672"))
    assert secret_for_display(device) == "DORP SLOK ETWA RFFU MDEM OCOD E234 5672"


# --- set-up at the first login ------------------------------------------------------------
def test_a_coordinator_without_a_device_reaches_only_the_set_up_and_logout(village):
    coordinator = user_with_role(Role.COORDINATOR, village, second_factor=False)
    client = Client()
    response = form_login(client, coordinator)
    assert response.status_code == 302
    board = client.get(reverse("hulpvragen:board"))
    assert board.status_code == 302
    assert board["Location"].startswith(reverse("two_factor_setup"))
    for url in [reverse("account_security"), reverse("admin:index"), reverse("desk_settings")]:
        assert client.get(url)["Location"].startswith(reverse("two_factor_setup")), url
    htmx = client.get(reverse("hulpvragen:board"), headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"] == reverse("two_factor_setup")
    # A page that does not exist stays a plain "not found".
    assert client.get("/bestaat-niet/").status_code == 404
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("hulpvragen:board"))["Location"].startswith(reverse("login"))


def test_the_set_up_page_is_dutch_with_a_qr_code_made_here(village):
    coordinator = user_with_role(Role.COORDINATOR, village, second_factor=False)
    client = Client()
    form_login(client, coordinator)
    response = client.get(reverse("two_factor_setup"), {"next": "/hulpvragen/"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tweestapsverificatie instellen" in html
    assert "<svg" in html and "<path" in html  # the QR code, inline
    assert "<img" not in html.split('class="qr-code"')[1].split("</div>")[0]
    assert "chart.googleapis" not in html and "api.qrserver" not in html
    # Reloading keeps the same secret: a code scanned a minute ago still fits.
    again = client.get(reverse("two_factor_setup")).content.decode()
    assert code_from_setup_page(again) == code_from_setup_page(html)


def test_setting_up_with_a_wrong_then_the_right_code(village):
    coordinator = user_with_role(Role.COORDINATOR, village, second_factor=False)
    client = Client()
    form_login(client, coordinator)
    html = client.get(reverse("two_factor_setup")).content.decode()
    key_before = client.session.session_key

    wrong = client.post(reverse("two_factor_setup"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "Deze code klopt niet" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()

    # A wrong code makes the next try wait a second.
    with time_machine.travel(timezone.now() + timedelta(seconds=2), tick=False):
        right = client.post(
            reverse("two_factor_setup"),
            {"code": code_from_setup_page(html), "next": "/hulpvragen/"},
        )
    assert right.status_code == 302
    assert right["Location"].startswith(reverse("two_factor_recovery_codes"))
    assert client.session.session_key != key_before  # a new key once verified
    codes_page = client.get(right["Location"]).content.decode()
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", codes_page)
    assert len(codes) == 10
    assert 'href="/hulpvragen/"' in codes_page
    # Shown once: the next visit goes to the overview.
    assert client.get(reverse("two_factor_recovery_codes"))["Location"] == reverse(
        "account_security"
    )
    assert client.get(reverse("hulpvragen:board")).status_code == 200
    assert SecurityEvent.objects.filter(
        user=coordinator, kind=SecurityEvent.Kind.SECOND_FACTOR_SET_UP
    ).exists()


# --- the code at login ------------------------------------------------------------------
def test_login_asks_for_the_code_and_then_lets_in(coordinator):
    client = Client()
    response = form_login(client, coordinator)
    key_after_password = client.session.session_key
    board = client.get(reverse("hulpvragen:board"))
    assert board["Location"] == reverse("two_factor_verify") + "?next=%2Fhulpvragen%2F"
    page = client.get(board["Location"])
    assert "Typ de code uit uw app" in page.content.decode()

    wrong = client.post(reverse("two_factor_verify"), {"code": "123 456", "next": "/hulpvragen/"})
    assert "Deze code klopt niet" in wrong.content.decode()
    logged = SecurityEvent.objects.get(kind=SecurityEvent.Kind.WRONG_CODE)
    assert logged.user == coordinator and logged.ip_address == "127.0.0.1"

    # A wrong code makes the next try wait a second.
    with time_machine.travel(timezone.now() + timedelta(seconds=2), tick=False):
        right = client.post(
            reverse("two_factor_verify"),
            {"code": current_code(coordinator), "next": "/hulpvragen/"},
        )
    assert right.status_code == 302
    assert right["Location"] == "/hulpvragen/"
    assert client.session.session_key != key_after_password
    assert client.get(reverse("hulpvragen:board")).status_code == 200
    assert response.status_code == 302


def test_a_code_works_once(coordinator):
    device = TOTPDevice.objects.get(user=coordinator)
    first = Client()
    form_login(first, coordinator)
    code = code_for(device)
    assert first.post(reverse("two_factor_verify"), {"code": code}).status_code == 302
    second = Client()
    form_login(second, coordinator)
    replay = second.post(reverse("two_factor_verify"), {"code": code})
    assert replay.status_code == 200
    assert second.get(reverse("hulpvragen:board")).status_code == 302


def test_wrong_codes_slow_down_the_next_try(coordinator):
    client = Client()
    form_login(client, coordinator)
    client.post(reverse("two_factor_verify"), {"code": "000000"})
    response = client.post(reverse("two_factor_verify"), {"code": current_code(coordinator)})
    assert response.status_code == 200
    assert "Te veel verkeerde codes" in response.content.decode()


def test_a_recovery_code_works_once_and_says_how_many_are_left(village):
    coordinator = user_with_role(Role.COORDINATOR, village, second_factor=False)
    client = Client()
    form_login(client, coordinator)
    html = client.get(reverse("two_factor_setup")).content.decode()
    client.post(reverse("two_factor_setup"), {"code": code_from_setup_page(html)})
    codes = re.findall(
        r"<li>([a-z2-7]{8})</li>",
        client.get(reverse("two_factor_recovery_codes")).content.decode(),
    )
    client.post(reverse("logout"))

    client = Client()
    form_login(client, coordinator)
    response = client.post(reverse("two_factor_verify"), {"code": codes[0].upper()}, follow=True)
    assert response.redirect_chain
    assert "nog 9 codes" in response.content.decode()
    assert StaticToken.objects.filter(device__user=coordinator).count() == 9
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.RECOVERY_CODE_USED).exists()

    other = Client()
    form_login(other, coordinator)
    assert other.post(reverse("two_factor_verify"), {"code": codes[0]}).status_code == 200


def test_new_recovery_codes_replace_the_old_ones(client, coordinator):
    client.force_login(coordinator)
    client.post(reverse("two_factor_recovery_codes"))
    first = set(
        re.findall(
            r"<li>([a-z2-7]{8})</li>",
            client.get(reverse("two_factor_recovery_codes")).content.decode(),
        )
    )
    client.post(reverse("two_factor_recovery_codes"))
    assert len(first) == 10
    assert not StaticToken.objects.filter(token__in=first).exists()
    assert StaticToken.objects.filter(device__user=coordinator).count() == 10


def test_a_beheerder_without_a_device_cannot_use_the_admin(village):
    beheerder = user_with_role(
        Role.BEHEERDER, village, is_staff=True, is_superuser=True, second_factor=False
    )
    client = Client()
    response = client.post(
        reverse("admin:login"),
        {"username": beheerder.email, "password": TEST_PASSWORD, "next": "/beheer/"},
    )
    assert response.status_code == 302
    index = client.get(reverse("admin:index"))
    assert index["Location"].startswith(reverse("two_factor_setup"))
    users = client.get(reverse("admin:accounts_user_changelist"))
    assert users["Location"].startswith(reverse("two_factor_setup"))


def test_the_admin_login_asks_for_the_code_too(beheerder):
    client = Client()
    client.post(
        reverse("admin:login"),
        {"username": beheerder.email, "password": TEST_PASSWORD, "next": "/beheer/"},
    )
    index = client.get(reverse("admin:index"))
    assert index["Location"] == reverse("two_factor_verify") + "?next=%2Fbeheer%2F"
    client.post(reverse("two_factor_verify"), {"code": current_code(beheerder)})
    assert client.get(reverse("admin:index")).status_code == 200


# --- opting in ------------------------------------------------------------------------------
def test_a_volunteer_logs_in_without_a_code_and_may_choose_one(volunteer_user):
    client = Client()
    form_login(client, volunteer_user)
    assert client.get(reverse("vrijwilligers:my_tasks")).status_code == 200
    html = client.get(reverse("two_factor_setup")).content.decode()
    client.post(reverse("two_factor_setup"), {"code": code_from_setup_page(html)})
    client.post(reverse("logout"))

    client = Client()
    form_login(client, volunteer_user)
    assert client.get(reverse("vrijwilligers:my_tasks"))["Location"].startswith(
        reverse("two_factor_verify")
    )
    client.post(reverse("two_factor_verify"), {"code": current_code(volunteer_user)})
    assert client.get(reverse("vrijwilligers:my_tasks")).status_code == 200
    overview = client.get(reverse("account_security")).content.decode()
    assert "Tweestapsverificatie uitzetten" in overview
    client.post(reverse("two_factor_turn_off"))
    assert not TOTPDevice.objects.filter(user=volunteer_user).exists()
    assert SecurityEvent.objects.filter(
        user=volunteer_user, kind=SecurityEvent.Kind.SECOND_FACTOR_TURNED_OFF
    ).exists()


def test_a_coordinator_cannot_turn_it_off(client, coordinator):
    client.force_login(coordinator)
    assert "uitzetten" not in client.get(reverse("account_security")).content.decode()
    assert client.post(reverse("two_factor_turn_off")).status_code == 404
    assert TOTPDevice.objects.filter(user=coordinator).exists()


# --- the reset by a beheerder -----------------------------------------------------------
def test_a_beheerder_resets_a_lost_phone_and_it_is_logged(client, beheerder, coordinator):
    phone = Client()
    phone.force_login(coordinator)
    assert phone.get(reverse("hulpvragen:board")).status_code == 200

    client.force_login(beheerder)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [coordinator.pk]},
        follow=True,
    )
    assert "Tweestapsverificatie opnieuw ingesteld voor 1 gebruiker" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.SECOND_FACTOR_RESET)
    assert (event.user, event.by) == (coordinator, beheerder)
    # Their session ended; at the next login they set it up again.
    assert phone.get(reverse("hulpvragen:board"))["Location"].startswith(reverse("login"))
    again = Client()
    form_login(again, coordinator)
    assert again.get(reverse("hulpvragen:board"))["Location"].startswith(
        reverse("two_factor_setup")
    )


def test_the_admin_shows_no_secret_keys(client, beheerder):
    client.force_login(beheerder)
    index = client.get(reverse("admin:index")).content.decode()
    assert "otp_totp" not in index and "otp_static" not in index
    assert client.get(reverse("admin:accounts_securityevent_changelist")).status_code == 200


def test_ending_sessions_leaves_other_users_alone(coordinator, volunteer_user):
    from accounts.two_factor import second_factor_reset

    for user in (coordinator, volunteer_user):
        Client().force_login(user)
    assert second_factor_reset(user=coordinator, by=None) == 1
    assert Session.objects.count() == 1
