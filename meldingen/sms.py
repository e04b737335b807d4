"""Text messages behind a small interface.

No SMS provider is reachable from here, so the default backends print or write files. A real
provider is plugged in by configuration: set SMS_BACKEND to the dotted path of a class with
a `send(phone, text)` method that raises `SMSError` for a failure worth retrying.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string


class SMSError(Exception):
    """A transient failure: the outbox tries again later."""


class ConsoleSMSBackend:
    def __init__(self, stream=None):
        import sys

        self.stream = stream or sys.stdout

    def send(self, phone: str, text: str) -> None:
        self.stream.write(f"SMS to {phone}:\n{text}\n{'-' * 40}\n")
        self.stream.flush()


class FileSMSBackend:
    def __init__(self, folder=None):
        self.folder = Path(folder or getattr(settings, "SMS_FILE_PATH", "var/sms"))

    def send(self, phone: str, text: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{datetime.now():%Y%m%d-%H%M%S-%f}-{phone}.txt"
        (self.folder / name).write_text(f"To: {phone}\n\n{text}\n", encoding="utf-8")


class LocmemSMSBackend:
    """For tests: keeps messages in `outbox`, like Django's locmem e-mail backend."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        type(self).outbox.append((phone, text))


def get_backend():
    return import_string(getattr(settings, "SMS_BACKEND", "meldingen.sms.ConsoleSMSBackend"))()


def send_sms(phone: str, text: str) -> None:
    get_backend().send(phone, text)
