"""The login backend: Django's `ModelBackend`, reading the signed-in user of each request with
a query compiled once per thread (`accounts.prepared`) instead of building it every time.

Passwords, permissions and `is_active` are ModelBackend's own; `get_user` returns what
ModelBackend's returns (the user with that id, None when there is none or it may not log in).
Sessions made while `django.contrib.auth.backends.ModelBackend` was the backend name it;
`accounts.sessions` reads that name as this backend's (see `LEGACY_BACKEND`).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from . import prepared

LEGACY_BACKEND = "django.contrib.auth.backends.ModelBackend"
BACKEND = "accounts.backends.UserBackend"


def _user(pk):
    return get_user_model()._default_manager.filter(pk=pk)


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        found = prepared.objects("auth.user", _user, pk=int(user_id))
        if not found:
            return None
        user = found[0]
        return user if self.user_can_authenticate(user) else None
