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
