"""Error reporting: on only with SENTRY_DSN; what would be sent has no personal data."""

import json
import os
import subprocess
import sys
from pathlib import Path

from dorpsloket.errors import FILTERED, scrub_event

BASE_DIR = Path(__file__).resolve().parent.parent

PROBE = """
import json, django
django.setup()
import sentry_sdk
client = sentry_sdk.get_client()
options = client.options if client.is_active() else {}
print(json.dumps({
    "active": client.is_active(),
    "pii": options.get("send_default_pii"),
    "locals": options.get("include_local_variables"),
    "before_send": getattr(options.get("before_send"), "__name__", None),
}))
"""


def probe(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")}
    clean.update(DJANGO_SETTINGS_MODULE="dorpsloket.settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=BASE_DIR, env=clean, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_a_dsn_nothing_is_reported():
    assert probe()["active"] is False


def test_with_a_dsn_reporting_starts_without_personal_data():
    # A DSN of a server that is not there: init does not connect until an event is sent.
    values = probe(SENTRY_DSN="https://publickey@sentry.invalid/1")
    assert values == {
        "active": True,
        "pii": False,
        "locals": False,
        "before_send": "scrub_event",
    }


def realistic_event() -> dict:
    """Roughly what the Django integration makes of an error while saving an intake."""
    return {
        "level": "error",
        "message": "Intake failed for jan.devries@example.org (06-12345678)",
        "request": {
            "method": "POST",
            "url": "https://loket.example/hulpvragen/nieuw/?inwoner=Jan+de+Vries",
            "query_string": "inwoner=Jan+de+Vries",
            "data": {"resident_name": "Jan de Vries", "health_note": "diabetes"},
            "cookies": {"sessionid": "abc", "csrftoken": "def"},
            "headers": {
                "Cookie": "sessionid=abc",
                "Authorization": "Bearer s3cret",
                "X-Forwarded-For": "203.0.113.7",
                "Referer": "https://loket.example/inwoners/12/?q=van+%27t+Hof",
                "User-Agent": "Mozilla/5.0",
                "Content-Type": "multipart/form-data",
            },
            "env": {"REMOTE_ADDR": "203.0.113.7", "SERVER_NAME": "loket"},
        },
        "user": {"id": 7, "email": "coordinator@warffum.example", "username": "Anneke Dijkstra"},
        "extra": {
            "resident": {"first_name": "Els", "last_name": "van 't Hof", "postcode": "9989 AB"},
            "village": "warffum",
            "rows": 12,
        },
        "contexts": {
            "runtime": {"name": "CPython", "version": "3.11"},
            "form": {"phone": "0595 44 24 53", "kind": "vervoer"},
        },
        "breadcrumbs": {
            "values": [
                {
                    "category": "query",
                    "message": 'SELECT * FROM "hulpvragen_resident" WHERE last_name = %s',
                    "data": {"params": ["van 't Hof"], "db.system": "postgresql"},
                },
                {"category": "log", "message": "Mail to els@example.org failed"},
            ]
        },
        "exception": {
            "values": [
                {
                    "type": "ValidationError",
                    "value": "['Telefoon 06 12 34 56 78 bestaat al']",
                    "stacktrace": {
                        "frames": [
                            {
                                "function": "intake",
                                "vars": {"resident": "<Resident: Jan de Vries>"},
                            }
                        ]
                    },
                }
            ]
        },
    }


def test_the_scrubber_leaves_no_personal_data_in_a_realistic_event():
    event = scrub_event(realistic_event(), {})
    text = json.dumps(event)
    for personal in [
        "jan.devries@example.org",
        "12345678",
        "Jan de Vries",
        "Jan+de+Vries",
        "diabetes",
        "sessionid",
        "s3cret",
        "203.0.113.7",
        "coordinator@warffum.example",
        "Anneke",
        "Els",
        "van 't Hof",
        "van+%27t+Hof",
        "9989 AB",
        "0595 44 24 53",
        "els@example.org",
        "12 34 56 78",
    ]:
        assert personal not in text, personal


def test_the_scrubber_keeps_what_helps_to_find_the_bug():
    event = scrub_event(realistic_event(), {})
    assert event["request"]["method"] == "POST"
    assert event["request"]["url"] == "https://loket.example/hulpvragen/nieuw/"
    assert event["request"]["headers"] == {"Content-Type": "multipart/form-data"}
    assert event["user"] == {"id": 7}
    assert event["extra"]["village"] == "warffum" and event["extra"]["rows"] == 12
    assert event["extra"]["resident"] == {
        "first_name": FILTERED,
        "last_name": FILTERED,
        "postcode": FILTERED,
    }
    assert event["contexts"]["runtime"] == {"name": "CPython", "version": "3.11"}
    assert event["contexts"]["form"]["kind"] == "vervoer"
    assert event["exception"]["values"][0]["type"] == "ValidationError"
    assert "[telefoon]" in event["exception"]["values"][0]["value"]
    assert event["message"] == "Intake failed for [e-mail] ([telefoon])"
    assert "hulpvragen_resident" in event["breadcrumbs"]["values"][0]["message"]
