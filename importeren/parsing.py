"""Reading what real spreadsheets hold, cell by cell (pure: no database).

Every `parse_*` takes the raw cell (a string, or a date/number as XLSX delivers it) and
returns the clean value, or raises `CellError` with a plain Dutch message. Empty cells give
None (or the documented default). Codes are never guessed: a value that is not one of the
known codes is an error that lists the codes that are.

Phone numbers and postcodes go through `accounts.dutch`, the one place that knows how
they are written; this module only repairs what Excel does to a phone number (a number
cell drops the leading zero: 0612345678 becomes 612345678).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from accounts import dutch


class CellError(ValueError):
    """A cell that cannot be read; the message is Dutch and meant for the coordinator."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def clean_text(value) -> str:
    """Any cell as text without stray (also non-breaking) spaces; None becomes ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\u00a0", " ").replace("\ufeff", "")
    return re.sub(r"\s+", " ", text).strip()


def normalise_header(value) -> str:
    """'  Soorten hulp ' -> 'soorten_hulp'; 'E-mail' -> 'e_mail' (aliases handle the rest)."""
    text = clean_text(value).lower()
    return re.sub(r"[\s\-]+", "_", text).strip("_")


# --- dates ---------------------------------------------------------------------------------

DUTCH_DATE_RE = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{2}|\d{4})$")
ISO_DATE_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


def parse_date(value, *, today: date, allow_future: bool = False) -> date | None:
    """A date as a desk writes it: 23-11-2024, 23/11/2024, 23.11.2024, 23-11-24 or ISO
    2024-11-23 (an XLSX date cell is taken as it is). The year must be there: a logbook
    spans years, so a date without one would be a guess.

    Two-digit years: up to this year's two digits mean 20xx, above them 19xx ('98' is 1998).
    A date after `today` is refused unless `allow_future`: historical data lies in the past,
    so a future date is nearly always a typing error.
    """
    if isinstance(value, datetime):
        result = value.date()
    elif isinstance(value, date):
        result = value
    else:
        raw = clean_text(value)
        if not raw:
            return None
        result = None
        try:
            if match := ISO_DATE_RE.match(raw):
                result = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            elif match := DUTCH_DATE_RE.match(raw):
                day, month, year = (int(part) for part in match.groups())
                if len(match.group(3)) == 2:
                    year += 2000 if year <= today.year % 100 else 1900
                result = date(year, month, day)
        except ValueError:
            raise CellError(_("'%(value)s' is not an existing date.") % {"value": raw}) from None
        if result is None:
            raise CellError(
                _("'%(value)s' is not a date. Write it as day-month-year, e.g. 23-11-2024.")
                % {"value": raw}
            )
    if result.year < 1900:
        raise CellError(_("The year %(year)s cannot be right.") % {"year": result.year})
    if not allow_future and result > today:
        raise CellError(
            _("%(date)s lies in the future. Check the date.")
            % {"date": result.strftime("%d-%m-%Y")}
        )
    return result


# --- yes / no ------------------------------------------------------------------------------

YES = frozenset({"ja", "j", "yes", "y", "1", "true", "waar", "x", "wel"})
NO = frozenset({"nee", "n", "no", "0", "false", "onwaar", "niet", "-"})


def parse_bool(value, *, default: bool = False) -> bool:
    """ja/nee, j/n, yes/no, 1/0, waar/onwaar, x (a ticked box); empty gives `default`."""
    if isinstance(value, bool):
        return value
    raw = clean_text(value).lower()
    if not raw:
        return default
    if raw in YES:
        return True
    if raw in NO:
        return False
    raise CellError(_("Write 'ja' or 'nee', not '%(value)s'.") % {"value": clean_text(value)})


# --- numbers, lists, codes -----------------------------------------------------------------


def parse_whole_number(value, *, minimum: int = 0, maximum: int = 1000) -> int | None:
    """'15', '15 km', '15,0' -> 15; empty gives None."""
    raw = clean_text(value).lower().removesuffix("km").strip()
    if not raw:
        return None
    match = re.fullmatch(r"(\d+)(?:[.,]0+)?", raw)
    if not match:
        raise CellError(_("'%(value)s' is not a whole number.") % {"value": clean_text(value)})
    number = int(match.group(1))
    if not minimum <= number <= maximum:
        raise CellError(
            _("Enter a number from %(min)s to %(max)s.") % {"min": minimum, "max": maximum}
        )
    return number


def split_list(value) -> list[str]:
    """'vervoer; klus' or 'vervoer, klus' -> ['vervoer', 'klus'] (empty parts dropped)."""
    return [part.strip() for part in re.split(r"[;,]", clean_text(value)) if part.strip()]


def parse_codes(value, known: dict[str, object], *, what: str) -> list:
    """Codes separated by ';' (or ','), matched case-insensitively against `known`
    (lower-case code -> object). Unknown codes are an error naming the codes that exist."""
    found, unknown = [], []
    for part in split_list(value):
        item = known.get(part.lower())
        if item is None:
            unknown.append(part)
        elif item not in found:
            found.append(item)
    if unknown:
        raise CellError(
            _("Unknown %(what)s: %(unknown)s. Known codes: %(known)s.")
            % {"what": what, "unknown": ", ".join(unknown), "known": ", ".join(sorted(known))}
        )
    return found


def parse_code(value, known: dict[str, object], *, what: str, listed=None):
    """One code out of `known` (case-insensitive; spaces count as '_'); empty gives None.
    The error names the codes in `listed` (default: all of `known`)."""
    raw = clean_text(value)
    if not raw:
        return None
    item = known.get(raw.lower()) or known.get(raw.lower().replace(" ", "_"))
    if item is None:
        raise CellError(
            _("Unknown %(what)s: %(unknown)s. Known codes: %(known)s.")
            % {"what": what, "unknown": raw, "known": ", ".join(listed or sorted(known))}
        )
    return item


WEEKDAYS = {
    "ma": 0, "maa": 0, "maandag": 0, "mon": 0, "monday": 0,
    "di": 1, "din": 1, "dinsdag": 1, "tue": 1, "tuesday": 1,
    "wo": 2, "woe": 2, "woensdag": 2, "wed": 2, "wednesday": 2,
    "do": 3, "don": 3, "donderdag": 3, "thu": 3, "thursday": 3,
    "vr": 4, "vrij": 4, "vrijdag": 4, "fri": 4, "friday": 4,
    "za": 5, "zat": 5, "zaterdag": 5, "sat": 5, "saturday": 5,
    "zo": 6, "zon": 6, "zondag": 6, "sun": 6, "sunday": 6,
}  # fmt: skip


def parse_weekdays(value) -> list[int]:
    """'ma;di;wo' (also with ',' or spaces, full names or 'ma-vr' / 'ma t/m vr') -> weekdays,
    Monday = 0, sorted. Empty gives []."""
    raw = clean_text(value).lower().replace(".", "")
    if not raw:
        return []
    days: set[int] = set()
    unknown: list[str] = []
    for part in re.split(r"[;,/\s]+", re.sub(r"\s*(?:t/m|\btm\b|-)\s*", "-", raw)):
        if not part:
            continue
        if "-" in part:
            first, _sep, last = part.partition("-")
            if first in WEEKDAYS and last in WEEKDAYS and WEEKDAYS[first] <= WEEKDAYS[last]:
                days.update(range(WEEKDAYS[first], WEEKDAYS[last] + 1))
                continue
            unknown.append(part)
        elif part in WEEKDAYS:
            days.add(WEEKDAYS[part])
        else:
            unknown.append(part)
    if unknown:
        raise CellError(
            _("Unknown day: %(unknown)s. Use ma, di, wo, do, vr, za, zo separated by ';'.")
            % {"unknown": ", ".join(unknown)}
        )
    return sorted(days)


# --- people --------------------------------------------------------------------------------


def split_name(value) -> tuple[str, str]:
    """'Jan de Vries' -> ('Jan', 'de Vries'); 'de Vries, Jan' -> ('Jan', 'de Vries').

    One word is taken as the last name (a logbook often says just 'Mevr. Jansen'); the
    titles mevr./dhr./mw. are dropped.
    """
    raw = clean_text(value)
    if "," in raw:
        last, _sep, first = raw.partition(",")
        return clean_text(first), clean_text(last)
    words = [w for w in raw.split(" ") if w.lower().rstrip(".") not in {"mevr", "mw", "dhr", "mr"}]
    if not words:
        return "", ""
    if len(words) == 1:
        return "", words[0]
    return words[0], " ".join(words[1:])


def name_key(value: str) -> str:
    """How names are compared: case, extra spaces and a comma-reversed order do not matter."""
    first, last = split_name(value)
    return f"{first} {last}".strip().lower()


ADDRESS_RE = re.compile(
    r"^(?P<street>.*?\D)\s*(?P<number>\d+)\s*[-/]?\s*(?P<addition>[a-zA-Z0-9]{0,6})$"
)


def split_address(value) -> tuple[str, int, str] | None:
    """'Hoofdstraat 12' -> ('Hoofdstraat', 12, ''); 'Kerkpad 3-a' / 'Kerkpad 3a' ->
    ('Kerkpad', 3, 'a'). Empty gives None; without a house number it is an error."""
    raw = clean_text(value)
    if not raw:
        return None
    match = ADDRESS_RE.match(raw)
    if not match or not match.group("street").strip(" ,"):
        raise CellError(_("Write the street and house number, for example Hoofdstraat 12a."))
    return (
        match.group("street").strip(" ,"),
        int(match.group("number")),
        match.group("addition"),
    )


def parse_phone(value) -> str:
    """Any way of writing a Dutch number; see accounts.dutch.normalise_phone."""
    raw = clean_text(value)
    if re.fullmatch(r"[1-9]\d{8}", raw):
        raw = "0" + raw  # a number cell in Excel lost the leading zero
    try:
        return dutch.normalise_phone(raw)
    except ValidationError as exc:
        raise CellError(" ".join(exc.messages)) from None


def parse_postcode(value) -> str:
    try:
        return dutch.normalise_postcode(clean_text(value))
    except ValidationError as exc:
        raise CellError(" ".join(exc.messages)) from None


def parse_email(value) -> str:
    raw = clean_text(value).lower().removeprefix("mailto:")
    if not raw:
        return ""
    try:
        validate_email(raw)
    except ValidationError:
        raise CellError(
            _("'%(value)s' is not an e-mail address.") % {"value": clean_text(value)}
        ) from None
    return raw
