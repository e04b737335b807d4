"""Test helpers for the second factor: a confirmed device, and the code it gives now."""

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def give_second_factor(user) -> TOTPDevice:
    """A confirmed authenticator device, as after the set-up."""
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def code_for(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code the user's app shows at `at` (now). A code is accepted once: when this one
    was used already, the next step's code (which the check accepts, one step ahead)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    if device.last_t >= totp.t():
        totp.time += device.step
    return f"{totp.token():0{device.digits}d}"


def current_code(user) -> str:
    return code_for(TOTPDevice.objects.get(user=user, confirmed=True))
