import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Membership, User, Village
from accounts.roles import Role
from accounts.services import parse_postcode_areas

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("setup_village", *args, stdout=out)
    return out.getvalue()


def test_creates_village_coordinator_and_prints_a_working_password_link(client):
    output = run(
        "--name", "Warffum", "--slug", "warffum", "--postcodes", "9989, 9988",
        "--coordinator-email", "Anneke@Example.org",
    )  # fmt: skip
    village = Village.objects.get(slug="warffum")
    assert village.postcodes == ["9989", "9988"]
    user = User.objects.get(email="anneke@example.org")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, village=village, role=Role.COORDINATOR).exists()

    link = re.search(r"http://\S+/wachtwoord-instellen/\S+/", output).group(0)
    path = link.split("8000", 1)[1]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert b"Kies een wachtwoord" in response.content


def test_running_it_again_updates_the_village_and_keeps_one_membership():
    run("--name", "Warffum", "--slug", "warffum", "--postcodes", "9989",
        "--coordinator-email", "a@example.org")  # fmt: skip
    run("--name", "Warffum (Het Hogeland)", "--slug", "warffum", "--postcodes", "9989,9987",
        "--coordinator-email", "A@example.org")  # fmt: skip
    village = Village.objects.get(slug="warffum")
    assert village.name == "Warffum (Het Hogeland)"
    assert village.postcodes == ["9989", "9987"]
    assert User.objects.count() == 1
    assert Membership.objects.count() == 1


def test_an_existing_user_with_a_password_gets_no_link(django_user_model):
    django_user_model.objects.create_user("b@example.org", "een-goed-wachtwoord")
    output = run("--name", "Usquert", "--slug", "usquert", "--postcodes", "9988",
                 "--coordinator-email", "b@example.org")  # fmt: skip
    assert "wachtwoord-instellen" not in output


def test_bad_postcode_is_refused():
    with pytest.raises(CommandError):
        run("--name", "X", "--slug", "x", "--postcodes", "99", "--coordinator-email", "c@e.org")


def test_postcode_areas_are_parsed_leniently():
    assert parse_postcode_areas("9989 AB; 9988,9989") == ["9989", "9988"]
