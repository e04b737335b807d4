"""No silent stubs in production: with DEBUG off, an e-mail or SMS backend that delivers
nothing (console, in memory, files, dummy) is a system-check error, unless the installation
says so on purpose with DORPSLOKET_ALLOW_FAKE_DELIVERY=1 (the demo of `make run`, the
docker-compose stack with Mailpit). A chosen SMS provider without its token or status-report
secret is an error too."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register

from .sms import FAKE_BACKENDS as FAKE_SMS_BACKENDS
from .sms import backend_path as sms_backend_path

FAKE_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


def fake_delivery() -> list[str]:
    """Which channels would pretend to deliver: "e-mail", "sms" (empty when both are real)."""
    fake = []
    if settings.EMAIL_BACKEND in FAKE_EMAIL_BACKENDS:
        fake.append("e-mail")
    if sms_backend_path() in FAKE_SMS_BACKENDS:
        fake.append("sms")
    return fake


@register()
def delivery_check(app_configs=None, **kwargs):
    errors = []
    if settings.DEBUG:
        return errors
    allowed = getattr(settings, "ALLOW_FAKE_DELIVERY", False)
    fake = fake_delivery()
    if "e-mail" in fake and not allowed:
        errors.append(
            Error(
                f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: e-mail would be marked sent "
                "without leaving this server.",
                hint="Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, ...) for SMTP, or "
                "DORPSLOKET_ALLOW_FAKE_DELIVERY=1 for a demo or test installation.",
                id="meldingen.E001",
            )
        )
    if "sms" in fake and not allowed:
        errors.append(
            Error(
                f"SMS_BACKEND is {sms_backend_path()}: text messages would be marked sent "
                "without leaving this server.",
                hint="Set SMS_BACKEND=meldingen.sms.CMSMSBackend with SMS_CM_PRODUCT_TOKEN and "
                "SMS_STATUS_SECRET, or DORPSLOKET_ALLOW_FAKE_DELIVERY=1 for a demo.",
                id="meldingen.E002",
            )
        )
    if sms_backend_path() == "meldingen.sms.CMSMSBackend":
        for name in ("SMS_CM_PRODUCT_TOKEN", "SMS_STATUS_SECRET"):
            if not getattr(settings, name, ""):
                errors.append(
                    Error(
                        f"SMS_BACKEND is CM.com but {name} is not set.",
                        id="meldingen.E003",
                    )
                )
    return errors
