"""Dutch input, typed fast on the phone: phone numbers, postcodes, dates and times.

Pure functions (no database). Each `normalise_*` returns the stored form or raises
`ValidationError` with a plain Dutch message; `parse_*` take an explicit `today`.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from functools import lru_cache

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

PHONE_ERROR = gettext_noop(
    "Enter a Dutch phone number of 10 digits, for example 06 12 34 56 78 or 0595 12 34 56."
)
UNKNOWN_NUMBER_ERROR = gettext_noop(
    "This number does not exist in the Netherlands: check the first digits (the area code, "
    "such as 0595 or 050, or 06)."
)


def _parsed(value: str) -> phonenumbers.PhoneNumber:
    """A number as libphonenumber reads it: '+31 (0)6 …', '0031-6-…' and '06 …' alike."""
    return phonenumbers.parse(value, "NL")


def normalise_phone(value: str) -> str:
    """'06 12 34 56 78', '+31 6 1234 5678', '0031-6-12345678' → '0612345678'.

    We store one form so that the duplicate check compares like with like. Only Dutch
    numbers: residents are called from the desk's phone, and a foreign number is far more
    often a typing error than a real one. Only numbers of ten digits, as every Dutch
    landline and mobile number has (no 0800 or 0900 numbers).

    Reading the notations and knowing which numbers exist is libphonenumber's
    (`phonenumbers`): an area code that does not exist ('0123 45 67 89') or a mobile range
    that is not issued ('067…') is refused, not stored.
    """
    raw = (value or "").strip()
    if not raw:
        return ""
    # Letters would be read as a vanity number ("0800-FLOWERS"): here they are a typo.
    if re.search(r"[^\d\s()+\-./]", raw):
        raise ValidationError(_(PHONE_ERROR), code="phone")
    digits = re.sub(r"\D", "", raw)
    # Written nationally, the number is typed with its 0 ("612345678" is a digit short).
    if not (raw.startswith("+") or digits.startswith("0")):
        raise ValidationError(_(PHONE_ERROR), code="phone")
    try:
        number = _parsed(raw)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(_(PHONE_ERROR), code="phone") from exc
    if number.country_code != 31:
        raise ValidationError(_("Only Dutch phone numbers can be used."), code="phone")
    national = f"0{number.national_number}"
    if len(national) != 10:
        raise ValidationError(_(PHONE_ERROR), code="phone")
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_(UNKNOWN_NUMBER_ERROR), code="phone")
    return national


def _stored(value: str) -> bool:
    return len(value or "") == 10 and value.isdigit() and value.startswith("0")


@lru_cache(maxsize=4096)
def is_mobile(value: str) -> bool:
    """Whether a stored number (see `normalise_phone`) is a Dutch mobile number, the only
    kind that receives an SMS. Not every 06 number is one: 066 numbers are pagers."""
    if not (_stored(value) and value.startswith("06")):
        return False
    return phonenumbers.number_type(_parsed(value)) == phonenumbers.PhoneNumberType.MOBILE


@lru_cache(maxsize=4096)
def format_phone(value: str) -> str:
    """How a stored number is shown: '06 12 34 56 78', '050 123 4567', '0595 42 12 34'.

    The area code's length (050, 0595, 088) is libphonenumber's; the grouping is the one
    Dutch people write. Anything that is not a stored number is shown as it is. Remembered
    per number (a list page shows dozens, and asking libphonenumber costs more than the row).
    """
    if not _stored(value):
        return value
    if value.startswith("06"):
        return " ".join([value[:2], value[2:4], value[4:6], value[6:8], value[8:]])
    area = 1 + phonenumbers.length_of_national_destination_code(_parsed(value))
    if area == 3:
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


DATE_WORDS = {
    "eergisteren": -2,
    "gisteren": -1,
    "vandaag": 0,
    "today": 0,
    "morgen": 1,
    "tomorrow": 1,
    "overmorgen": 2,
}
MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "maandag": 0, "ma": 0, "dinsdag": 1, "di": 1, "woensdag": 2, "wo": 2, "donderdag": 3,
    "do": 3, "vrijdag": 4, "vr": 4, "zaterdag": 5, "za": 5, "zondag": 6, "zo": 6,
}  # fmt: skip
DATE_RE = re.compile(r"^(\d{1,2})[-/.\s](\d{1,2})(?:[-/.\s](\d{2}|\d{4}))?$")
ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
MONTH_NAME_RE = re.compile(r"^(\d{1,2})\s*([a-z]+)\.?(?:\s+(\d{2}|\d{4}))?$")
WEEKDAY_RE = re.compile(r"^(?:(volgende week|aanstaande|komende|deze week)\s+)?([a-z]+)$")
DATE_ERROR = gettext_noop(
    "We could not read this date. Type it as day-month-year (25-11-2026), or for example "
    "3-8, 3 augustus, morgen or volgende week dinsdag."
)


def _year(text: str | None, today: date) -> int:
    if text is None:
        return today.year
    return int(text) + 2000 if len(text) == 2 else int(text)


def _weekday(qualifier: str | None, weekday: int, today: date) -> date:
    if qualifier == "volgende week":
        # The given day in next calendar week (weeks start on Monday, as in the Netherlands).
        return today - timedelta(days=today.weekday()) + timedelta(days=7 + weekday)
    if qualifier == "deze week":
        return today - timedelta(days=today.weekday()) + timedelta(days=weekday)
    # "dinsdag", "aanstaande dinsdag": the first one after today (today itself is "vandaag").
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def parse_date(value: str, *, today: date) -> date | None:
    """A date as a coordinator types it, with an explicit `today`. Accepted:

    - day-month with an optional year: '25-11-2026', '25/11', '3.8', '1-12-26' (20xx);
    - ISO: '2026-11-25';
    - a month name or abbreviation: '3 augustus', '3 aug', '3 aug. 2025', '29 februari 2028';
    - words: 'vandaag', 'morgen', 'overmorgen', 'gisteren', 'eergisteren';
    - a weekday: 'dinsdag' or 'aanstaande dinsdag' (the first one after today),
      'volgende week dinsdag' (in next week, Monday to Sunday), 'deze week dinsdag';
      also 'di', 'wo' and so on.

    A leading weekday before a full date is ignored ('dinsdag 3 augustus').
    Without a year the current year is meant. Returns None for empty input; raises
    ValidationError with one plain Dutch message for anything unreadable or impossible
    (31-02, 29 februari in a year that has none).
    """
    raw = " ".join((value or "").strip().lower().replace(",", " ").split())
    if not raw:
        return None
    if raw in DATE_WORDS:
        return today + timedelta(days=DATE_WORDS[raw])
    if (match := WEEKDAY_RE.match(raw)) and match.group(2) in WEEKDAYS:
        return _weekday(match.group(1), WEEKDAYS[match.group(2)], today)
    first, _sep, rest = raw.partition(" ")
    if first in WEEKDAYS and rest:
        raw = rest
    try:
        if match := ISO_RE.match(raw):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := DATE_RE.match(raw):
            day, month, year = match.groups()
            return date(_year(year, today), int(month), int(day))
        if (match := MONTH_NAME_RE.match(raw)) and match.group(2) in MONTHS:
            day, month, year = match.groups()
            return date(_year(year, today), MONTHS[month], int(day))
    except ValueError:
        pass
    raise ValidationError(_(DATE_ERROR), code="date")


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
