"""Dutch input, typed fast on the phone: phone numbers, postcodes, dates and times.

Pure functions (no database). Each `normalise_*` returns the stored form or raises
`ValidationError` with a plain Dutch message; `parse_*` take an explicit `today`.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

PHONE_ERROR = gettext_noop(
    "Enter a Dutch phone number of 10 digits, for example 06 12 34 56 78 or 0595 12 34 56."
)


def normalise_phone(value: str) -> str:
    """'06 12 34 56 78', '+31 6 1234 5678', '0031-6-12345678' → '0612345678'.

    We store one form so that the duplicate check compares like with like. Only Dutch
    numbers: residents are called from the desk's phone, and a foreign number is far more
    often a typing error than a real one.
    """
    raw = (value or "").strip()
    if not raw:
        return ""
    if re.search(r"[^\d\s()+\-./]", raw):
        raise ValidationError(_(PHONE_ERROR), code="phone")
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+"):
        if not digits.startswith("31"):
            raise ValidationError(_("Only Dutch phone numbers can be used."), code="phone")
        digits = "0" + digits[2:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    # "+31 (0)6 …" is a common way of writing it: drop the doubled zero.
    if digits.startswith("00"):
        digits = digits[1:]
    if len(digits) != 10 or not digits.startswith("0") or digits[1] == "0":
        raise ValidationError(_(PHONE_ERROR), code="phone")
    return digits


# Area codes of three digits (the big cities); every other area code has four (0595 …).
THREE_DIGIT_AREA_CODES = frozenset(
    f"0{n}"
    for n in (10, 13, 15, 20, 23, 24, 26, 30, 33, 35, 36, 38, 40, 43, 45, 46, 50, 53, 55, 58)
    + tuple(range(70, 80))
)


def format_phone(value: str) -> str:
    """How a stored number is shown: '06 12 34 56 78', '050 123 4567', '0595 42 12 34'."""
    if len(value) != 10 or not value.isdigit():
        return value
    if value.startswith("06"):
        return " ".join([value[:2], value[2:4], value[4:6], value[6:8], value[8:]])
    if value[:3] in THREE_DIGIT_AREA_CODES:
        return f"{value[:3]} {value[3:6]} {value[6:]}"
    return f"{value[:4]} {value[4:6]} {value[6:8]} {value[8:]}"


POSTCODE_RE = re.compile(r"^([1-9]\d{3})\s*([A-Za-z]{2})$")


def normalise_postcode(value: str) -> str:
    """'9991ab', '9991 AB', ' 9991  ab ' → '9991 AB'."""
    raw = (value or "").strip()
    if not raw:
        return ""
    match = POSTCODE_RE.match(raw)
    # SA, SD and SS are never issued as postcode letters.
    if not match or match.group(2).upper() in {"SA", "SD", "SS"}:
        raise ValidationError(
            _("Enter a postcode of four digits and two letters, for example 9989 AB."),
            code="postcode",
        )
    return f"{match.group(1)} {match.group(2).upper()}"


DATE_WORDS = {"vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2}
DATE_RE = re.compile(r"^(\d{1,2})[-/.\s](\d{1,2})(?:[-/.\s](\d{2}|\d{4}))?$")
ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(value: str, *, today: date) -> date | None:
    """A date as a coordinator types it: '25-11-2026', '25/11', '25-11-26', '2026-11-25',
    'vandaag', 'morgen', 'overmorgen'. Without a year the current year is meant.
    Returns None for empty input; raises ValidationError for anything unreadable.
    """
    raw = (value or "").strip().lower()
    if not raw:
        return None
    if raw in DATE_WORDS:
        return today + timedelta(days=DATE_WORDS[raw])
    try:
        if match := ISO_RE.match(raw):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := DATE_RE.match(raw):
            day, month, year = match.groups()
            year_number = today.year if year is None else int(year)
            if year is not None and len(year) == 2:
                year_number += 2000
            return date(year_number, int(month), int(day))
    except ValueError:
        pass
    raise ValidationError(
        _("Enter a date as day-month-year, for example 25-11-2026, or 'morgen'."), code="date"
    )


TIME_RE = re.compile(r"^(\d{1,2})(?:[:.hu]\s*(\d{2})?)?$")


def parse_time(value: str) -> time | None:
    """'14:30', '14.30', '1430', '14u', '9' → a time. Empty → None."""
    raw = (value or "").strip().lower().replace(" uur", "").replace("uur", "")
    if not raw:
        return None
    if re.fullmatch(r"\d{3,4}", raw):
        raw = f"{raw[:-2]}:{raw[-2:]}"
    match = TIME_RE.match(raw)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ValidationError(_("Enter a time such as 14:30."), code="time")
