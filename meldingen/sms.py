"""Text messages behind a small interface, and one real provider: CM.com's HTTP gateway.

A backend is a class with `send(phone, text, *, reference)`; it raises `SMSError` for a
failure worth retrying and `SMSRejected` for one that will not get better (a wrong number,
a refused account). `reference` is the outbox row's stable reference: the provider keeps it
with the message and sends it back in its delivery report, and a repeat after a crash
carries the same one. SMS_BACKEND chooses the backend; the console, file and in-memory
backends deliver nothing and are refused with DEBUG off (meldingen.checks) unless
DORPSLOKET_ALLOW_FAKE_DELIVERY is set.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

FAKE_BACKENDS = {
    "meldingen.sms.ConsoleSMSBackend",
    "meldingen.sms.FileSMSBackend",
    "meldingen.sms.LocmemSMSBackend",
}


class SMSError(Exception):
    """A transient failure: the outbox tries again later."""


class SMSRejected(Exception):
    """A final failure: the provider refused the message; trying again will not help."""


class ConsoleSMSBackend:
    def __init__(self, stream=None):
        import sys

        self.stream = stream or sys.stdout

    def send(self, phone: str, text: str, *, reference: str = "") -> None:
        self.stream.write(f"SMS to {phone} ({reference}):\n{text}\n{'-' * 40}\n")
        self.stream.flush()


class FileSMSBackend:
    def __init__(self, folder=None):
        self.folder = Path(folder or getattr(settings, "SMS_FILE_PATH", "var/sms"))

    def send(self, phone: str, text: str, *, reference: str = "") -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{datetime.now():%Y%m%d-%H%M%S-%f}-{phone}.txt"
        (self.folder / name).write_text(
            f"To: {phone}\nReference: {reference}\n\n{text}\n", encoding="utf-8"
        )


class LocmemSMSBackend:
    """For tests: keeps (phone, text) in `outbox` and the references in `references`."""

    outbox: list[tuple[str, str]] = []
    references: list[str] = []

    def send(self, phone: str, text: str, *, reference: str = "") -> None:
        type(self).outbox.append((phone, text))
        type(self).references.append(reference)


def international(phone: str) -> str:
    """A Dutch number as the gateway wants it: 0612345678 → 0031612345678."""
    digits = "".join(c for c in phone if c.isdigit() or c == "+")
    if digits.startswith("+"):
        return "00" + digits[1:]
    if digits.startswith("00"):
        return digits
    if digits.startswith("0"):
        return "0031" + digits[1:]
    return digits


class CMSMSBackend:
    """CM.com's business messaging gateway (JSON over HTTPS).

    Settings: SMS_CM_PRODUCT_TOKEN (from the CM portal), SMS_SENDER (at most 11 letters or a
    phone number), SMS_CM_URL (the gateway; tests point it at a local fake). The row's
    reference goes along as CM's `reference`; CM returns it in the status report that
    `meldingen.views.sms_status` receives. A 5xx answer or no answer is retried later; a
    4xx answer (bad token, bad number) is final.
    """

    timeout = 15

    def __init__(self):
        self.url = settings.SMS_CM_URL
        self.token = settings.SMS_CM_PRODUCT_TOKEN
        self.sender = settings.SMS_SENDER

    def payload(self, phone: str, text: str, reference: str) -> dict:
        return {
            "messages": {
                "authentication": {"producttoken": self.token},
                "msg": [
                    {
                        "from": self.sender,
                        "to": [{"number": international(phone)}],
                        "body": {"type": "auto", "content": text},
                        "reference": reference,
                        "minimumNumberOfMessageParts": 1,
                        "maximumNumberOfMessageParts": 8,
                    }
                ],
            }
        }

    def send(self, phone: str, text: str, *, reference: str = "") -> None:
        if not self.token:
            raise SMSRejected("SMS_CM_PRODUCT_TOKEN is not set")
        body = json.dumps(self.payload(phone, text, reference)).encode()
        request = urllib.request.Request(
            self.url,
            data=body,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - the configured gateway
                answer = response.read()
        except urllib.error.HTTPError as exc:
            detail = _detail(exc.read())
            if 400 <= exc.code < 500:
                raise SMSRejected(f"CM {exc.code}: {detail}") from exc
            raise SMSError(f"CM {exc.code}: {detail}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SMSError(f"CM unreachable: {exc}") from exc
        data = _json(answer)
        if data.get("errorCode", 0) not in (0, None):
            raise SMSRejected(f"CM error {data.get('errorCode')}: {data.get('details', '')}")


def _json(raw: bytes) -> dict:
    try:
        data = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _detail(raw: bytes) -> str:
    data = _json(raw)
    return str(data.get("details") or raw[:200].decode("utf-8", "replace"))


def backend_path() -> str:
    return getattr(settings, "SMS_BACKEND", "meldingen.sms.ConsoleSMSBackend")


def get_backend():
    return import_string(backend_path())()


def send_sms(phone: str, text: str, *, reference: str = "") -> None:
    get_backend().send(phone, text, reference=reference)
