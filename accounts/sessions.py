"""The database session store (the default `SESSION_ENGINE`), reading the session with a query
compiled once per thread (`accounts.prepared`) instead of building it on every request.

Everything else is Django's `django.contrib.sessions.backends.db`: the same table, the same
rows, the same expiry (a session whose `expire_date` has passed is not read), saving and
deleting through the ORM. Other databases than PostgreSQL run the queryset as Django does.
"""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from . import prepared


def _live_session(session_key, now):
    return Session.objects.filter(session_key=session_key, expire_date__gt=now)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        # Django's own store calls this only with a session key (load() checks it first).
        found = prepared.objects(
            "sessions.live", _live_session, session_key=self.session_key, now=timezone.now()
        )
        if found:
            return found[0]
        self._session_key = None
        return None
