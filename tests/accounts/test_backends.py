"""The login backend (accounts.backends) finds the signed-in user as ModelBackend does, and a
session signed in under ModelBackend's name stays signed in."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY, get_user
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from accounts.backends import BACKEND, LEGACY_BACKEND, UserBackend
from accounts.sessions import SessionStore
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_get_user_finds_what_model_backend_finds_in_one_query():
    user = UserFactory(full_name="Anneke van 't Hof")
    inactive = UserFactory(is_active=False)
    for _ in range(2):  # the second time from the compiled query
        with CaptureQueriesContext(connection) as queries:
            found = UserBackend().get_user(user.pk)
        assert len(queries) == 1
        assert found == ModelBackend().get_user(user.pk) == user
        assert found.full_name == "Anneke van 't Hof" and found.email == user.email
    assert UserBackend().get_user(inactive.pk) is None
    assert ModelBackend().get_user(inactive.pk) is None
    assert UserBackend().get_user(user.pk + 10_000) is None


def test_a_session_under_model_backends_name_stays_signed_in():
    user = UserFactory()
    old = DjangoStore()
    old.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: LEGACY_BACKEND})
    old["_auth_user_hash"] = user.get_session_auth_hash()  # what login() writes beside the id
    old.create()
    request = RequestFactory().get("/")
    request.session = SessionStore(session_key=old.session_key)
    assert request.session[BACKEND_SESSION_KEY] == BACKEND
    assert get_user(request) == user


def test_a_login_now_names_this_backend(client):
    user = UserFactory()
    client.force_login(user)
    assert client.session[BACKEND_SESSION_KEY] == BACKEND
