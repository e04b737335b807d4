# ruff: noqa: F811  (pytest fixtures imported from tests/koppelingen/conftest.py)
"""The desk's phone number and e-mail address: kept per village, shown wherever the app
asks people to call the desk (error pages are in tests/test_error_pages.py)."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Village
from koppelingen import jobs as matching_jobs
from koppelingen import services as matching
from koppelingen.models import Assignment
from meldingen import jobs
from meldingen.models import Notification
from tests.koppelingen.conftest import make_volunteer, resident, ride  # noqa: F401
from tests.vrijwilligers.test_signup import good_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(village):
    village.desk_phone = "0595442453"
    village.desk_email = "dorpsloket@warffum.example"
    village.save()
    return village


def test_the_coordinator_sets_the_desks_phone_typed_any_way_and_sees_it_the_dutch_way(
    client, coordinator, village
):
    client.force_login(coordinator)
    response = client.post(
        reverse("desk_settings"),
        {"desk_phone": "+31 (0)595-442453", "desk_email": "Loket@Warffum.example"},
        follow=True,
    )
    html = response.content.decode()
    assert "De gegevens van het loket zijn opgeslagen." in html
    assert 'value="0595 44 24 53"' in html
    village.refresh_from_db()
    assert village.desk_phone == "0595442453"
    assert village.desk_email == "loket@warffum.example"


def test_a_wrong_phone_number_gets_a_dutch_error_and_keeps_what_was_typed(
    client, coordinator, village
):
    client.force_login(coordinator)
    response = client.post(
        reverse("desk_settings"),
        {"desk_phone": "0595 44", "desk_email": "loket@warffum.example"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vul een Nederlands telefoonnummer in van 10 cijfers" in html
    assert 'value="0595 44"' in html and 'value="loket@warffum.example"' in html
    village.refresh_from_db()
    assert village.desk_phone == ""


def test_the_settings_page_is_in_the_menu_and_beside_the_reminder_settings(
    client, coordinator, village
):
    client.force_login(coordinator)
    html = client.get(reverse("meldingen:settings")).content.decode()
    assert html.count(f'href="{reverse("desk_settings")}"') == 2  # menu and page


def test_setup_village_sets_the_desks_phone_and_keeps_it_when_left_out():
    args = ["--name", "Warffum", "--slug", "warffum", "--coordinator-email", "a@example.org"]
    out = StringIO()
    call_command(
        "setup_village", *args, "--desk-phone", "0595 44 24 53",
        "--desk-email", "dorpsloket@warffum.example", stdout=out,
    )  # fmt: skip
    assert "desk 0595 44 24 53 / dorpsloket@warffum.example" in out.getvalue()
    call_command("setup_village", *args, stdout=StringIO())
    village = Village.objects.get(slug="warffum")
    assert (village.desk_phone, village.desk_email) == (
        "0595442453",
        "dorpsloket@warffum.example",
    )
    with pytest.raises(CommandError, match="10 cijfers"):
        call_command("setup_village", *args, "--desk-phone", "12345", stdout=StringIO())


def test_the_demo_villages_have_a_desk_phone():
    from accounts.demo import build, new_context

    build(new_context())
    assert Village.objects.get(slug="warffum").desk_phone_display == "0595 44 24 53"
    assert Village.objects.get(slug="usquert").desk_email == "dorpsloket@usquert.example"


def test_an_expired_link_gives_the_phone_of_the_villages_desk(client, desk, ride, make_volunteer):
    (invitation,) = matching.invitations_send(
        help_request=ride, volunteers=[make_volunteer()], by=None
    )
    link = matching.invitation_link(invitation)
    with time_machine.travel(timezone.now() + timedelta(days=60)):
        response = client.get(link)
    html = response.content.decode()
    assert response.status_code == 410
    assert "Deze link werkt niet meer" in html
    assert "Vragen? Bel het dorpsloket Warffum:" in html
    assert 'href="tel:0595442453">0595 44 24 53</a>' in html


def test_the_invitation_e_mail_gives_the_desks_phone(
    desk,
    ride,
    make_volunteer,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        matching.invitations_send(help_request=ride, volunteers=[make_volunteer()], by=None)
    assert "Vragen? Bel ons: 0595 44 24 53" in mail.outbox[0].body


def test_the_reminder_says_which_number_to_call_when_something_comes_up(
    desk,
    ride,
    make_volunteer,
):
    (invitation,) = matching.invitations_send(
        help_request=ride, volunteers=[make_volunteer(first_name="Jan")], by=None
    )
    matching.invitation_accept(invitation=invitation)
    assert Assignment.objects.filter(invitation=invitation).exists()
    mail.outbox.clear()
    matching_jobs.reminders(timezone.localtime(timezone.now()).replace(hour=12))
    row = Notification.objects.get(template="reminder")
    with time_machine.travel(row.due_at + timedelta(minutes=1)):
        jobs.outbox(timezone.now())
    (reminder,) = [m for m in mail.outbox if m.subject.startswith("Herinnering")]
    assert "Komt er iets tussen? Bel het dorpsloket: 0595 44 24 53. Dank u wel!" in reminder.body
    html = reminder.alternatives[0][0]
    assert "Bel het dorpsloket: 0595 44 24 53" in html
    assert 'href="tel:0595442453"' in html


def test_the_sign_up_limit_gives_the_desks_phone(client, desk, settings):
    cache.clear()
    settings.VOLUNTEER_SIGNUP_RATE = (1, 3600)
    url = reverse("vrijwilligers:signup", args=[desk.slug])
    assert client.post(url, good_data()).status_code == 302
    response = client.post(url, good_data(last_name="Twee"))
    assert response.status_code == 429
    assert (
        "Probeer het over een uur opnieuw, of bel het dorpsloket: 0595 44 24 53."
        in response.content.decode()
    )
    cache.clear()
