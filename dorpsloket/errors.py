"""Optional error reporting through Sentry (or a Sentry-compatible service such as GlitchTip),
switched on by SENTRY_DSN and off without it.

What the desk holds is personal, often special-category data (health, money, who helps
whom), so nothing of it may leave with an error report:

- `send_default_pii=False` and no local variables in stack frames (their values could be a
  resident);
- `scrub_event` runs on every event before it is sent: it removes request bodies, cookies,
  query strings and all headers but a few harmless ones, keeps only the user's id, drops
  SQL parameters from breadcrumbs, blanks every value whose key is on DENYLIST (anywhere in
  the extra data, contexts, breadcrumbs and frames), and replaces e-mail addresses and phone
  numbers in error messages.
"""

from __future__ import annotations

import re
from typing import Any

# Keys whose values are never sent (compared lower case, also as part of a longer key such
# as "resident_phone" or "HTTP_COOKIE").
DENYLIST = (
    "email",
    "e_mail",
    "mail",
    "phone",
    "telefoon",
    "mobile",
    "name",
    "naam",
    "address",
    "adres",
    "street",
    "straat",
    "postcode",
    "house",
    "birth",
    "geboorte",
    "note",
    "notitie",
    "health",
    "gezondheid",
    "money",
    "geld",
    "recipient",
    "password",
    "passwd",
    "secret",
    "token",
    "session",
    "csrf",
    "cookie",
    "authorization",
    "api_key",
    "otp",
    "code",
    "body",
    "text",
    "remote_addr",
    "forwarded",
)
FILTERED = "[gefilterd]"
# Sentry's own descriptions of the machine and the trace (a runtime's "name" is CPython).
STANDARD_CONTEXTS = {"runtime", "os", "device", "trace", "celery"}
# Headers that say nothing about a person.
SAFE_HEADERS = {"content-type", "content-length", "accept", "accept-language", "host"}

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(\+31|0031|\b0)[\s-]?\(?\d{1,3}\)?([\s-]?\d){6,8}\b")


def _denied(key: Any) -> bool:
    lowered = str(key).lower()
    return any(word in lowered for word in DENYLIST)


def _scrub(value: Any, depth: int = 0) -> Any:
    if depth > 20:
        return FILTERED
    if isinstance(value, dict):
        return {
            key: FILTERED if _denied(key) else _scrub(item, depth + 1)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_scrub(item, depth + 1) for item in value]
    if isinstance(value, str):
        return scrub_text(value)
    return value


def scrub_text(text: str) -> str:
    """E-mail addresses and phone numbers out of a free text."""
    return PHONE.sub("[telefoon]", EMAIL.sub("[e-mail]", text))


def _scrub_request(request: dict) -> dict:
    kept = {}
    if "method" in request:
        kept["method"] = request["method"]
    if "url" in request:
        kept["url"] = str(request["url"]).split("?", 1)[0]
    headers = request.get("headers") or {}
    kept["headers"] = {
        key: value for key, value in headers.items() if str(key).lower() in SAFE_HEADERS
    }
    # Bodies, cookies, query strings and the WSGI environment are left out altogether.
    return kept


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """Sentry's before_send: the event without personal data (see the module docstring)."""
    if "request" in event:
        event["request"] = _scrub_request(event["request"])
    user = event.get("user")
    if user:
        event["user"] = {"id": user["id"]} if user.get("id") is not None else {}
    for key in ("extra", "tags"):
        if key in event:
            event[key] = _scrub(event[key])
    contexts = event.get("contexts")
    if isinstance(contexts, dict):
        event["contexts"] = {
            key: value if key in STANDARD_CONTEXTS else _scrub(value)
            for key, value in contexts.items()
        }
    if "message" in event and isinstance(event["message"], str):
        event["message"] = scrub_text(event["message"])
    logentry = event.get("logentry")
    if logentry:
        for key in ("message", "formatted"):
            if isinstance(logentry.get(key), str):
                logentry[key] = scrub_text(logentry[key])
        if "params" in logentry:
            logentry["params"] = _scrub(logentry["params"])
    breadcrumbs = event.get("breadcrumbs")
    crumbs = breadcrumbs.get("values", []) if isinstance(breadcrumbs, dict) else breadcrumbs or []
    for crumb in crumbs:
        if isinstance(crumb.get("message"), str):
            crumb["message"] = scrub_text(crumb["message"])
        data = crumb.get("data")
        if isinstance(data, dict):
            # SQL breadcrumbs carry the query's parameters: a name, an address.
            data.pop("params", None)
            crumb["data"] = _scrub(data)
    for exception in (event.get("exception") or {}).get("values", []):
        if isinstance(exception.get("value"), str):
            exception["value"] = scrub_text(exception["value"])
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    return event


def init_sentry(dsn: str, *, environment: str = "", release: str = "") -> None:
    """Start error reporting (only called when SENTRY_DSN is set)."""
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        traces_sample_rate=0.0,
    )
