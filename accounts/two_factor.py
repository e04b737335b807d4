"""Second factors: an authenticator app (TOTP) and ten recovery codes, kept by django-otp.

Writes for the set-up, the code check, new recovery codes and the reset by a beheerder.
One TOTP device per user ("authenticator") and one static device ("recovery codes").
"""

from __future__ import annotations

import io
import re
from base64 import b32decode, b32encode
from binascii import hexlify

from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .security import client_ip, end_sessions
from .security_models import SecurityEvent

TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"
RECOVERY_CODE_COUNT = 10


def secret_for_display(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it: base32 in groups of four."""
    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def hex_key_from_base32(secret: str) -> str:
    """ "DORP SLOK ..." (base32, spaces allowed) -> the hex key django-otp stores."""
    raw = secret.replace(" ", "").upper()
    raw += "=" * (-len(raw) % 8)
    return hexlify(b32decode(raw)).decode()


def qr_svg(data: str) -> str:
    """An inline SVG QR code for `data`, made here (no outside service sees the secret)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return re.sub(r"^<\?xml[^>]*\?>\s*", "", svg)


def normalise_code(code: str) -> str:
    """What people type: "123 456", "abcd-efgh" -> "123456", "abcdefgh"."""
    return re.sub(r"[\s-]", "", code or "").lower()


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def totp_device_begin(*, user) -> TOTPDevice:
    """The unconfirmed device of a set-up under way (the same secret until confirmed, so a
    page reload does not invalidate the QR code already scanned)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=TOTP_NAME).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def totp_device_confirm(*, request, device: TOTPDevice, code: str) -> list[str] | None:
    """Check the first code from the app; on success the device counts, this session is
    verified, any older device goes, and ten fresh recovery codes are returned (shown
    once). None when the code is wrong."""
    if not device.verify_token(normalise_code(code)):
        return None
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    otp_login(request, device)
    request.session.cycle_key()
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.SECOND_FACTOR_SET_UP,
        user=user,
        by=user,
        ip_address=client_ip(request),
    )
    return codes


@transaction.atomic
def second_factor_verify(*, request, code: str):
    """The code step of the login: a six-digit code from the app or one recovery code
    (used up by this). On success the session is verified and gets a new key. Returns the
    device that accepted the code, or None; a wrong code is written to the security log.
    Each device slows down after wrong codes (django-otp's throttling)."""
    user = request.user
    code = normalise_code(code)
    if len(code) == 6 and code.isdigit():
        devices = list(TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True))
    else:
        devices = list(StaticDevice.objects.select_for_update().filter(user=user, confirmed=True))
    for device in devices:
        if device.verify_token(code):
            otp_login(request, device)
            request.session.cycle_key()
            if isinstance(device, StaticDevice):
                SecurityEvent.objects.create(
                    kind=SecurityEvent.Kind.RECOVERY_CODE_USED,
                    user=user,
                    by=user,
                    ip_address=client_ip(request),
                    note=f"{recovery_codes_left(user)}",
                )
            return device
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.WRONG_CODE,
        user=user,
        by=user,
        ip_address=client_ip(request),
    )
    return None


def device_wait_seconds(device) -> int:
    """Seconds before this device takes the next code (after wrong ones), 0 when free."""
    from django.utils import timezone

    allowed, data = device.verify_is_allowed()
    if allowed or not data or not data.get("locked_until"):
        return 0
    return max(1, int((data["locked_until"] - timezone.now()).total_seconds()) + 1)


def throttled_seconds(user) -> int:
    """Seconds before the code step takes the next code (after wrong ones), 0 when free."""
    waits = [
        device_wait_seconds(device)
        for model in (TOTPDevice, StaticDevice)
        for device in model.objects.filter(user=user, confirmed=True)
    ]
    return max(waits, default=0)


@transaction.atomic
def recovery_codes_renew(*, request) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    codes = _new_recovery_codes(request.user)
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.RECOVERY_CODES_RENEWED,
        user=request.user,
        by=request.user,
        ip_address=client_ip(request),
    )
    return codes


@transaction.atomic
def second_factor_turn_off(*, request) -> None:
    """Someone who chose a second factor (it is not required for their role) drops it."""
    user = request.user
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    request.session.pop("otp_device_id", None)
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.SECOND_FACTOR_TURNED_OFF,
        user=user,
        by=user,
        ip_address=client_ip(request),
    )


@transaction.atomic
def second_factor_reset(*, user, by) -> int:
    """A beheerder resets someone's second factor (lost phone): the devices and recovery
    codes go and every session of that user ends; at the next login they set it up again.
    Returns the number of sessions ended. Logged as a security event."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    ended = end_sessions(user)
    SecurityEvent.objects.create(kind=SecurityEvent.Kind.SECOND_FACTOR_RESET, user=user, by=by)
    return ended
