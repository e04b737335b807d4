"""A test-only e-mail backend for the fault test (tests/meldingen/test_fault.py): it writes
the Message-ID of every message it sends to the file OUTBOX_TEST_LOG, and when
OUTBOX_TEST_PAUSE is set it stops after the first message and sleeps, so that the test can
kill the worker between sending and marking."""

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class PausingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        log = Path(os.environ["OUTBOX_TEST_LOG"])
        for message in messages:
            with log.open("a", encoding="utf-8") as f:
                f.write(message.extra_headers["Message-ID"] + "\n")
            if os.environ.get("OUTBOX_TEST_PAUSE"):
                time.sleep(600)  # sent, not yet marked: the test kills us here
        return len(messages)
