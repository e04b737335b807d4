"""An add-to-calendar file (.ics, RFC 5545) for an accepted task. Pure: values in, text out."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from accounts.calendar import AMSTERDAM


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(day: date, moment: time) -> str:
    local = datetime.combine(day, moment, tzinfo=AMSTERDAM)
    return local.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def build_ics(
    *,
    uid: str,
    summary: str,
    day: date,
    start: time | None,
    end: time | None,
    location: str,
    description: str,
    stamp: datetime,
) -> str:
    """One event. Without a start time it is an all-day event; without an end, one hour."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Dorpsloket//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}",
    ]
    if start is None:
        lines += [
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        ]
    else:
        finish = end or (datetime.combine(day, start) + timedelta(hours=1)).time()
        lines += [f"DTSTART:{_utc(day, start)}", f"DTEND:{_utc(day, finish)}"]
    lines += [
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(location)}",
        f"DESCRIPTION:{_escape(description)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
