"""The database session store (the default `SESSION_ENGINE`), reading the session with a query
compiled once per thread (`accounts.prepared`) instead of building it on every request.

A session signed in through `django.contrib.auth.backends.ModelBackend`, the login backend
before `accounts.backends.UserBackend`, is read as signed in through the latter.

Everything else is Django's `django.contrib.sessions.backends.db`: the same table, the same
rows, the same expiry (a session whose `expire_date` has passed is not read), saving and
deleting through the ORM. Other databases than PostgreSQL run the queryset as Django does.
"""

from __future__ import annotations

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from . import prepared
from .backends import BACKEND, LEGACY_BACKEND


def _live_session(session_key, now):
    return Session.objects.filter(session_key=session_key, expire_date__gt=now)


class SessionStore(DatabaseSessionStore):
    def load(self):
        data = super().load()
        # A session signed in before the login backend was `accounts.backends.UserBackend`
        # names ModelBackend, which is no longer listed: read it as the backend it became.
        if data.get(BACKEND_SESSION_KEY) == LEGACY_BACKEND:
            data[BACKEND_SESSION_KEY] = BACKEND
        return data

    def _get_session_from_db(self):
        # Django's own store calls this only with a session key (load() checks it first).
        found = prepared.objects(
            "sessions.live", _live_session, session_key=self.session_key, now=timezone.now()
        )
        if found:
            return found[0]
        self._session_key = None
        return None
