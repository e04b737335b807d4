import pytest
from django.core import mail
from django.urls import reverse

from accounts.access import build_access
from accounts.roles import Role
from tests.factories import TEST_PASSWORD, MembershipFactory, user_with_role
from tests.outbox import send_outbox

pytestmark = pytest.mark.django_db


class FakeRequest:
    def __init__(self, user, session=None):
        self.user = user
        self.session = session or {}


@pytest.mark.parametrize(
    ("fixture", "start"),
    [
        ("coordinator", "/hulpvragen/"),
        ("volunteer_user", "/vrijwilligers/mijn-taken/"),
        ("reader", "/jaaroverzicht/"),
        ("beheerder", "/beheer/"),
    ],
)
def test_each_role_lands_on_its_own_start_page(client, request, fixture, start):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == start


def test_a_user_without_membership_sees_a_friendly_page(client, django_user_model):
    user = django_user_model.objects.create_user("los@example.org", TEST_PASSWORD)
    client.force_login(user)
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert "nog geen rol" in response.content.decode()


def test_coordinator_who_also_volunteers_lands_on_the_board(village):
    user = user_with_role(Role.COORDINATOR, village)
    MembershipFactory(user=user, village=village, role=Role.VOLUNTEER)
    access = build_access(FakeRequest(user))
    assert access.can_coordinate and access.is_volunteer
    assert access.start_url == reverse("hulpvragen:board")


def test_roles_only_count_in_the_active_village(village, other_village):
    user = user_with_role(Role.READER, village)
    MembershipFactory(user=user, village=other_village, role=Role.COORDINATOR)
    access = build_access(FakeRequest(user, {"active_village_id": village.pk}))
    assert access.village == village
    assert not access.can_coordinate
    assert access.can_read_reports
    other = build_access(FakeRequest(user, {"active_village_id": other_village.pk}))
    assert other.can_coordinate


def test_regional_reader_reads_several_villages(village, other_village):
    user = user_with_role(Role.READER, village, other_village)
    access = build_access(FakeRequest(user))
    assert set(access.report_villages) == {village, other_village}
    assert not access.can_coordinate


def test_switching_village_changes_the_active_village(client, village, other_village):
    user = user_with_role(Role.COORDINATOR, village, other_village)
    client.force_login(user)
    client.post(reverse("switch_village"), {"village": other_village.pk})
    response = client.get(reverse("hulpvragen:board"))
    assert "Usquert" in response.content.decode()


def test_login_ignores_capitals_in_the_address(client, coordinator):
    response = client.post(
        reverse("login"), {"username": coordinator.email.upper(), "password": TEST_PASSWORD}
    )
    assert response.status_code == 302


def test_wrong_password_gives_a_dutch_error(client, coordinator):
    response = client.post(reverse("login"), {"username": coordinator.email, "password": "nee"})
    assert response.status_code == 200
    assert "horen niet bij elkaar" in response.content.decode()


def test_password_reset_mail_is_dutch_and_its_link_sets_a_password(client, coordinator):
    client.post(reverse("password_reset"), {"email": coordinator.email})
    send_outbox()
    assert len(mail.outbox) == 1
    send_outbox()
    message = mail.outbox[0]
    assert message.subject == "Kies een wachtwoord voor Dorpsloket"
    link = next(line for line in message.body.splitlines() if "/wachtwoord-instellen/" in line)
    path = "/" + link.split("/", 3)[3]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    new_password = "zomer-in-warffum-2026"
    response = client.post(
        form_url, {"new_password1": new_password, "new_password2": new_password}, follow=True
    )
    assert "Uw wachtwoord is opgeslagen" in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.check_password(new_password)


def test_pages_require_login(client):
    response = client.get(reverse("hulpvragen:board"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
