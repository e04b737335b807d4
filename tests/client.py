"""The test client as a user gets it after the whole login: password and second factor.

`force_login` and `login` are Django's; afterwards a user with a confirmed authenticator
device gets the mark of a passed second factor in the session (what the code step of the
login writes), and the session is stamped as a login of now. `login` hands django-axes the
request it needs (its backend refuses to count attempts without one). Tests of the login
itself go through the real forms instead.
"""

import django.test
from django.test import RequestFactory


def pass_second_factor(client, user) -> None:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.security import NO_DEVICE_KEY, second_factor_required, stamp_session

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    required = second_factor_required(
        is_staff=user.is_staff, roles=list(user.memberships.values_list("role", flat=True))
    )
    session = client.session
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    elif not required:
        session[NO_DEVICE_KEY] = True  # what the first request finds out
    stamp_session(session, user=user, idle_limited=required)
    session.save()


class Client(django.test.Client):
    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        pass_second_factor(self, user)

    def login(self, **credentials):
        credentials.setdefault("request", RequestFactory().post("/inloggen/"))
        from django.contrib.auth import authenticate

        user = authenticate(**credentials)
        if user is None:
            return False
        self._login(user)
        pass_second_factor(self, user)
        return True
