from io import StringIO

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_LOGINS, DEMO_PASSWORD
from accounts.models import Membership, User, Village

pytestmark = pytest.mark.django_db


def counts():
    from django.apps import apps

    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "hulpvragen", "vrijwilligers", "sociale_kaart"}
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
    first = counts()
    call_command("demo_data", stdout=StringIO())
    assert counts() == first
    assert Membership.objects.count() == first["accounts.Membership"]


def test_demo_logins_work(client):
    call_command("demo_data", stdout=StringIO())
    for email, _name, _role, _slugs in DEMO_LOGINS:
        assert client.login(username=email, password=DEMO_PASSWORD)
        response = client.get("/", follow=True)
        assert response.status_code == 200
        client.logout()
