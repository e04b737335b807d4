"""Dutch dates and numbers, one way everywhere (`{% load nl_format %}`).

- `{{ day|nl_date }}`: "7 dec", or "7 dec 2025" when it is not this year.
- `{{ day|nl_date:"heading" }}`: "maandag 7 december" (with the year when not this year).
- `{{ day|nl_date:"long" }}`: "7 december 2026" (always with the year: letters, overviews).
- `{{ day|nl_date:"weekday" }}`: "ma 7 dec" (board cards and tables where the day matters).
- `{{ day|nl_date:"month" }}`: "december 2026" (the month of a printed overview).
- `{{ moment|nl_datetime }}`: "7 dec 14:00" (local time; the year when not this year).
- `{{ number|nl_decimal }}`: "0,8", "12" (no trailing zeros); `{{ number|nl_decimal:2 }}`: "12,50".
- `{{ distance|km }}`: "0,8 km".

Months and weekdays are lower case, as Dutch writes them. "This year" is the local year of
today in Europe/Amsterdam.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

STYLES = {
    # style: (format this year, format another year)
    "short": ("j b", "j b Y"),
    "heading": ("l j F", "l j F Y"),
    "long": ("j F Y", "j F Y"),
    "weekday": ("D j b", "D j b Y"),
    "month": ("F Y", "F Y"),
}


def _local(value):
    if isinstance(value, datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    return value


def format_nl_date(value: date | datetime | None, style: str = "short", *, today=None) -> str:
    """The Dutch form of a date (see the module docstring). Empty for None."""
    if value in (None, ""):
        return ""
    value = _local(value)
    today = today or timezone.localdate()
    this_year, other_year = STYLES.get(style or "short", STYLES["short"])
    day = value.date() if isinstance(value, datetime) else value
    return _formatted(day, this_year if day.year == today.year else other_year, get_language())


@lru_cache(maxsize=4096)
def _formatted(day: date, form: str, language) -> str:
    """`date_format(day, form)` in `language` (its month and day names), made once: a page
    with many dates writes the same few again and again."""
    return date_format(day, form)


def format_nl_decimal(value, places: int | None = None) -> str:
    """'0,8' for Decimal('0.800000000000000'); '12,50' with places=2. Empty for None."""
    if value in (None, ""):
        return ""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if places is None:
        text = format(number.normalize(), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        text = format(number.quantize(Decimal(1).scaleb(-int(places))), "f")
    return text.replace(".", ",")


@register.filter
def nl_date(value, style="short"):
    return format_nl_date(value, style)


@register.filter
def nl_datetime(value):
    if value in (None, ""):
        return ""
    value = _local(value)
    return f"{format_nl_date(value)} {date_format(value, 'H:i')}"


@register.filter
def nl_decimal(value, places=None):
    return format_nl_decimal(value, None if places in (None, "") else int(places))


@register.filter
def km(value):
    if value in (None, ""):
        return ""
    return _("%(distance)s km") % {"distance": format_nl_decimal(value)}
