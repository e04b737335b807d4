from io import StringIO

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_LOGINS, DEMO_PASSWORD
from accounts.models import Membership, User, Village

pytestmark = pytest.mark.django_db


# Every app of the project that the demo fills (or might fill).
DEMO_APPS = {
    "accounts",
    "sociale_kaart",
    "vrijwilligers",
    "hulpvragen",
    "uitleen",
    "activiteiten",
    "koppelingen",
    "meldingen",
    "importeren",
    "rapportage",
}


def counts():
    from django.apps import apps

    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in DEMO_APPS
    }


def states():
    """What a second run could quietly change without adding rows."""
    from hulpvragen.models import HelpRequest
    from koppelingen.models import Assignment, Invitation
    from uitleen.models import Loan

    return {
        "requests": sorted(HelpRequest.objects.values_list("pk", "status", "time_from")),
        "invitations": sorted(Invitation.objects.values_list("pk", "status")),
        "assignments": sorted(Assignment.objects.values_list("pk", "status", "volunteer_id")),
        "loans": sorted(Loan.objects.values_list("pk", "returned_on")),
    }


def test_demo_data_fills_two_villages_and_prints_the_logins():
    out = StringIO()
    call_command("demo_data", stdout=out)
    assert set(Village.objects.values_list("slug", flat=True)) >= {"warffum", "usquert"}
    for email, _name, _role, _slugs in DEMO_LOGINS:
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)
        assert email in out.getvalue()


def test_demo_data_is_idempotent():
    call_command("demo_data", stdout=StringIO())
    first, first_states = counts(), states()
    assert first["hulpvragen.HelpRequest"] > 300  # two full past years and this one
    call_command("demo_data", stdout=StringIO())
    assert counts() == first
    assert states() == first_states
    assert Membership.objects.count() == first["accounts.Membership"]


def test_demo_logins_work(client):
    call_command("demo_data", stdout=StringIO())
    for email, _name, _role, _slugs in DEMO_LOGINS:
        assert client.login(username=email, password=DEMO_PASSWORD)
        response = client.get("/", follow=True)
        assert response.status_code == 200
        client.logout()


def test_the_demo_coordinator_logs_in_with_the_printed_code():
    """What a newcomer does: the password from the banner, then `manage.py demo_code`."""
    from django.urls import reverse

    from accounts.demo import DEMO_TOTP_SECRET
    from tests.client import Client

    out = StringIO()
    call_command("demo_data", stdout=out)
    assert DEMO_TOTP_SECRET in out.getvalue()
    assert "manage.py demo_code" in out.getvalue()

    for email in ["coordinator@warffum.example", "beheer@dorpsloket.example"]:
        client = Client()
        client.post(reverse("login"), {"username": email, "password": DEMO_PASSWORD})
        code = StringIO()
        call_command("demo_code", stdout=code, stderr=StringIO())
        assert len(code.getvalue().strip()) == 6
        response = client.post(reverse("two_factor_verify"), {"code": code.getvalue().strip()})
        assert response.status_code == 302, email
        assert client.get(response["Location"], follow=True).status_code == 200

    # Right after that login the printed code is the next one, which still works once.
    again = Client()
    again.post(
        reverse("login"), {"username": "coordinator@warffum.example", "password": DEMO_PASSWORD}
    )
    code = StringIO()
    call_command("demo_code", stdout=code, stderr=StringIO())
    assert again.post(reverse("two_factor_verify"), {"code": code.getvalue().strip()})[
        "Location"
    ] == reverse("home")


def test_the_demo_coordinator_of_usquert_is_asked_to_set_up_two_factors():
    from django.urls import reverse

    from tests.client import Client

    call_command("demo_data", "--quiet-logins", stdout=StringIO())
    client = Client()
    client.post(
        reverse("login"), {"username": "coordinator@usquert.example", "password": DEMO_PASSWORD}
    )
    assert (
        client.get("/", follow=True).redirect_chain[-1][0].startswith(reverse("two_factor_setup"))
    )
