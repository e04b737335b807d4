"""The public "Word vrijwilliger" page: sign-up, bad input, spam."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from hulpvragen.models import HelpCategory
from meldingen.models import Notification
from vrijwilligers.models import Volunteer, VolunteerChange

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def url(village):
    return reverse("vrijwilligers:signup", args=[village.slug])


def good_data(**overrides):
    data = {
        "first_name": "Geesje",
        "last_name": "Boersma",
        "email": "geesje@example.org",
        "phone": "06 12 34 56 78",
        "postcode": "9989ab",
        "place": "Warffum",
        "categories": [HelpCategory.objects.get(code="vervoer").pk],
        "slots": ["1-morning", "3-afternoon"],
        "message": "Ik heb een auto.",
        "website": "",
    }
    data.update(overrides)
    return data


def test_sign_up_creates_a_signed_up_volunteer_and_tells_the_coordinators(
    client, village, coordinator, other_coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(village), good_data())
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(last_name="Boersma")
    assert volunteer.village == village
    assert volunteer.status == "signed_up"
    assert volunteer.phone == "0612345678"
    assert volunteer.postcode == "9989 AB"
    assert volunteer.weekly_slots == {(1, "morning"), (3, "afternoon")}
    assert volunteer.changes.get().kind == VolunteerChange.Kind.SIGNED_UP
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [coordinator.email]  # not the other village's coordinator
    assert "Geesje Boersma" in mail.outbox[0].body
    row = Notification.objects.get(template="signup_notice")  # through the outbox
    assert (row.recipient, row.status) == (coordinator.email, "sent")


def test_bad_input_gives_dutch_errors_and_keeps_what_was_typed(client, village):
    response = client.post(
        url(village), good_data(phone="12345", email="", categories=[], postcode="99")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Vul een Nederlands telefoonnummer" in content
    assert "Vink minstens één ding aan" in content
    assert "vier cijfers en twee letters" in content
    assert 'value="Geesje"' in content
    assert 'value="12345"' in content
    assert 'value="1-morning" id="slot-1-morning" checked' in content
    assert not Volunteer.objects.exists()


def test_without_email_and_phone_we_ask_for_one_of_them(client, village):
    response = client.post(url(village), good_data(phone="", email=""))
    assert "e-mailadres of een telefoonnummer" in response.content.decode()
    assert not Volunteer.objects.exists()


def test_honeypot_filled_pretends_success_but_creates_nothing(client, village, coordinator):
    response = client.post(url(village), good_data(website="http://spam.example"))
    assert response.status_code == 302
    assert response.url == reverse("vrijwilligers:signup_thanks", args=[village.slug])
    assert not Volunteer.objects.exists()
    assert mail.outbox == []


def test_rate_limit_stops_a_flood_from_one_address_and_keeps_the_input(client, village, settings):
    settings.VOLUNTEER_SIGNUP_RATE = (2, 3600)
    for n in range(2):
        assert client.post(url(village), good_data(last_name=f"Een{n}")).status_code == 302
    response = client.post(url(village), good_data(last_name="Drie"))
    assert response.status_code == 429
    assert "over een uur opnieuw" in response.content.decode()
    assert 'value="Drie"' in response.content.decode()
    assert Volunteer.objects.count() == 2


def test_rate_limit_counts_per_address(client, village, settings):
    settings.VOLUNTEER_SIGNUP_RATE = (1, 3600)
    assert client.post(url(village), good_data(), REMOTE_ADDR="10.0.0.1").status_code == 302
    response = client.post(url(village), good_data(last_name="Ander"), REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302


def test_sign_up_page_needs_no_login(client, village):
    response = client.get(url(village))
    assert response.status_code == 200
    assert "Word vrijwilliger in Warffum" in response.content.decode()


def test_typing_errors_do_not_count_towards_the_rate_limit(client, village, settings):
    settings.VOLUNTEER_SIGNUP_RATE = (2, 3600)
    for _ in range(6):
        assert client.post(url(village), good_data(phone="12345")).status_code == 200
    assert client.post(url(village), good_data()).status_code == 302
    assert Volunteer.objects.count() == 1


def test_a_cache_that_cannot_be_reached_lets_the_sign_up_through(client, village):
    from django.test import override_settings

    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    with override_settings(CACHES=unreachable):
        response = client.post(url(village), good_data())
    assert response.status_code == 302
    assert Volunteer.objects.count() == 1


@pytest.mark.parametrize(
    "phone", ["0595 44 24 53", "0595-442453", "+31 595 442453", "0031595442453", "06-12345678"]
)
def test_a_phone_number_in_any_dutch_form_is_accepted(client, village, phone):
    assert client.post(url(village), good_data(phone=phone)).status_code == 302
    assert Volunteer.objects.get().phone.startswith("0")


def test_strangers_find_the_sign_up_from_the_login_page(client, village):
    login = client.get(reverse("login")).content.decode()
    assert reverse("vrijwilligers:become_volunteer") in login
    page = client.get(reverse("vrijwilligers:become_volunteer")).content.decode()
    assert url(village) in page and "Warffum" in page
