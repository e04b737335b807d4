"""The default session store (accounts.sessions) reads what Django's database store reads."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def saved_session(**data):
    store = DjangoStore()
    store.update(data)
    store.create()
    return store.session_key


def test_a_live_session_is_read_with_its_data_in_one_query():
    key = saved_session(village="van 't Hof <script>", count=3)
    expected = DjangoStore(session_key=key).load()
    for _ in range(2):  # the second time from the compiled query
        store = SessionStore(session_key=key)
        with CaptureQueriesContext(connection) as queries:
            assert store.load() == expected
        assert store["village"] == "van 't Hof <script>" and store["count"] == 3
        assert store.session_key == key
        assert len(queries) == 1


def test_an_expired_or_unknown_session_is_not_read():
    expired = saved_session(village="Warffum")
    Session.objects.filter(pk=expired).update(expire_date=timezone.now() - timedelta(seconds=1))
    live = saved_session(village="Usquert")
    for key in (expired, "x" * 32, live):
        store = SessionStore(session_key=key)
        data = store.load()
        if key == live:
            assert data == {"village": "Usquert"} and store.session_key == live
        else:
            assert data == {} and store.session_key is None


def test_a_session_saved_by_this_store_reads_back():
    store = SessionStore()
    store["who"] = "Jansen & Zn."
    store.save()
    assert SessionStore(session_key=store.session_key).load() == {"who": "Jansen & Zn."}
