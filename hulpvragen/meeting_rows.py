"""The rows of the weekly meeting's tables, as HTML built in Python.

The meeting lists every open request of the village and what was finished in the last
seven days. Through the template each row cost its `url` tag, its `translate` tags and
filters, and five model instances (request, resident, kind of help, coordinator, reason);
here a row is one dict of the columns shown (`OPEN_FIELDS`, `FINISHED_FIELDS`, read with
`QuerySet.values`) put into the row's markup with one f-string, and the dates are
formatted by `PageDates`. The markup, the labels (the same msgids) and the whitespace are
the template's. Every value that comes from a person is escaped, with `html.escape`: the
same text as Django's `escape` gives, at a fifth of its cost."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from functools import lru_cache
from html import escape as _escape

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from accounts.names import full_name, short_name
from accounts.templatetags.nl_format import format_nl_date

from .lifecycle import OPEN_STATUSES, Status
from .urgency import is_overdue

# A placeholder pk for building the request's URL once per page instead of once per row.
_PK = 987654321

_RESIDENT = ("resident__first_name", "resident__last_name")
OPEN_FIELDS = (
    "pk",
    "resident_id",
    *_RESIDENT,
    "resident__street",
    "resident__house_number",
    "resident__house_number_addition",
    "category__name",
    "is_recurring",
    "review_on",
    "description",
    "needed_on",
    "created_at",
    "urgency",
    "status",
    "assigned_to_id",
    "assigned_to__full_name",
    "assigned_to__email",
)
FINISHED_FIELDS = (
    "pk",
    "resident_id",
    *_RESIDENT,
    "category__name",
    "description",
    "status",
    "referred_to_id",
    "referred_to__name",
    "reason__label",
    "outcome_note",
    "status_changed_at",
)


def truncate_chars(text: str, length: int) -> str:
    """What the `truncatechars` filter gives (`Truncator(text).chars(length)`), without its
    character-by-character walk for a text that is short enough and already in NFC, which
    it returns as it is (most descriptions are)."""
    if len(text) <= length and unicodedata.is_normalized("NFC", text):
        return text
    return Truncator(text).chars(length)


# The months' and weekdays' short names by language: translated once per process and
# language.
_DATE_NAMES: dict[str | None, tuple[dict[int, str], dict[int, str]]] = {}


def _date_names() -> tuple[dict[int, str], dict[int, str]]:
    language = get_language()
    names = _DATE_NAMES.get(language)
    if names is None:
        names = _DATE_NAMES[language] = (
            {month: str(name) for month, name in MONTHS_3.items()},
            {weekday: str(name) for weekday, name in WEEKDAYS_ABBR.items()},
        )
    return names


class PageDates:
    """`format_nl_date` in its "short" and "weekday" styles for the many dates of one page:
    the same text ("7 dec", "ma 7 dec", with the year when it is not `today`'s), but the
    month's and weekday's names (Django's `MONTHS_3` and `WEEKDAYS_ABBR`, which the styles'
    letters `b` and `D` read) are translated once per process and language instead of once
    a date, and each day's text is made once a page. The names are those of the language
    active at the first date formatted, and a moment is shown on its day in the time zone
    current then. Any other style goes to `format_nl_date`."""

    def __init__(self, *, today: date):
        self.today = today
        self._zone = None
        self._months: dict[int, str] = {}
        self._weekdays: dict[int, str] = {}
        self._texts: dict[tuple[date, str], str] = {}

    def format(self, value: date | datetime | None, style: str = "short") -> str:
        if value is None:
            return ""
        if style not in ("short", "weekday"):
            return format_nl_date(value, style, today=self.today)
        if self._zone is None:  # the first date: the language and time zone of now
            self._zone = timezone.get_current_timezone()
            self._months, self._weekdays = _date_names()
        if isinstance(value, datetime):
            if value.utcoffset() is not None:  # aware: as timezone.localtime gives it
                value = value.astimezone(self._zone)
            value = value.date()
        key = (value, style)
        text = self._texts.get(key)
        if text is None:
            text = f"{value.day} {self._months[value.month]}"
            if value.year != self.today.year:
                text = f"{text} {value.year:04d}"
            if style == "weekday":
                text = f"{self._weekdays[value.weekday()]} {text}"
            self._texts[key] = text
        return text


# A group's markup, filled in by `str.format` (and the rows' by f-strings) with values each
# escaped once (`html.escape`, what `format_html` does to a text) or with markup built here:
# neither reads the values it puts in, so a brace in a name is only a brace.
_OPEN_GROUP = (
    '\n<h3 class="h5 mt-3">{label} ({count})</h3>'
    '\n<table class="table table-sm meeting-table">'
    "\n  {head}\n  <tbody>\n  {rows}\n  </tbody>\n</table>\n"
)


def _head(*labels) -> str:
    """A table's head row with these column labels, escaped."""
    cells = "".join(f'<th scope="col">{_escape(label)}</th>' for label in labels)
    return f"<thead><tr>{cells}</tr></thead>"


@lru_cache(maxsize=16)
def _labels_in(language) -> dict:
    """The page's labels and table heads in `language` (the active one), escaped."""
    waiting = _escape(_("waiting too long"))
    return {
        "recurring": _escape(_("recurring")),
        "review": _escape(_("review")),
        "waiting": f" <strong>{waiting}</strong>",
        "status": {value: _escape(capfirst(str(label))) for value, label in Status.choices},
        "open_head": _head(
            _("Resident"), _("Kind of help"), _("What"), _("When"), _("Taken in"), _("Coordinator")
        ),
        "finished_head": _head(
            _("Resident"), _("Kind of help"), _("What"), _("Outcome"), _("Reason"), _("Date")
        ),
    }


def _labels() -> dict:
    return _labels_in(get_language())


class MeetingRows:
    """Renders the rows of one meeting page; the URL and the labels are made (and escaped)
    once."""

    def __init__(self, *, now: datetime, today: date):
        self.now = now
        self.today = today
        # The request's link around its pk.
        self._before, self._after = _escape(reverse("hulpvragen:request_detail", args=[_PK])).split(
            str(_PK)
        )
        labels = _labels()
        self.recurring = labels["recurring"]
        self.review = labels["review"]
        self.waiting = labels["waiting"]
        self.status_label = labels["status"]
        self._open_head = labels["open_head"]
        self._finished_head = labels["finished_head"]
        self.dates = PageDates(today=today)

    def _url(self, pk: int) -> str:
        return f"{self._before}{pk}{self._after}"

    def _date(self, value: date | datetime, style: str = "short") -> str:
        return _escape(self.dates.format(value, style))

    def is_overdue(self, row: dict) -> bool:
        return is_overdue(
            urgency=row["urgency"], status=row["status"], created_at=row["created_at"], now=self.now
        )

    def open_groups(self, rows) -> SafeString:
        """The open requests (dicts of `OPEN_FIELDS`, in their order) by status, in the order
        of `OPEN_STATUSES`: per status that has any, its heading (the status and how many)
        and its table; empty without rows."""
        by_status: dict[str, list[dict]] = {}
        for row in rows:
            by_status.setdefault(row["status"], []).append(row)
        return mark_safe(  # noqa: S308 - labels and rows escaped
            "".join(
                [
                    _OPEN_GROUP.format(
                        label=self.status_label[status],
                        count=len(by_status[status]),
                        head=self._open_head,
                        rows=self.open_html(by_status[status]),
                    )
                    for status in OPEN_STATUSES
                    if status in by_status
                ]
            )
        )

    def finished_head(self) -> SafeString:
        """The head of the table of finished requests."""
        return mark_safe(self._finished_head)  # noqa: S308 - labels escaped

    def _open_row(self, row: dict) -> str:
        overdue = self.is_overdue(row)
        recurring = ""
        if row["is_recurring"]:
            review = ""
            if row["review_on"]:
                review = f", {self.review} {self._date(row['review_on'])}"
            recurring = f'<br><span class="small">{self.recurring}{review}</span>'
        coordinator = "—"
        if row["assigned_to_id"] is not None:
            coordinator = _escape(
                short_name(row["assigned_to__full_name"], row["assigned_to__email"]) or "—"
            )
        overdue_class, waiting = (' class="is-overdue"', self.waiting) if overdue else ("", "")
        needed = self._date(row["needed_on"], "weekday") if row["needed_on"] else ""
        name = _escape(full_name(row["resident__first_name"], row["resident__last_name"]))
        house = f"{row['resident__house_number']}{row['resident__house_number_addition']}"
        return (
            f"\n    <tr{overdue_class}>"
            f'\n      <td><a href="{self._url(row["pk"])}">{name}</a>'
            f'<br><span class="small">{_escape(row["resident__street"])} {_escape(house)}'
            "</span></td>"
            f"\n      <td>{_escape(row['category__name'])}{recurring}</td>"
            f"\n      <td>{_escape(truncate_chars(row['description'], 90))}</td>"
            f"\n      <td>{needed}</td>"
            f"\n      <td>{self._date(row['created_at'])}{waiting}</td>"
            f"\n      <td>{coordinator}</td>"
            "\n    </tr>\n  "
        )

    def _finished_row(self, row: dict) -> str:
        status = row["status"]
        referred = ""
        if row["referred_to_id"] is not None:
            referred = f": {_escape(row['referred_to__name'])}"
        note = ""
        if row["outcome_note"]:
            note = f" – {_escape(truncate_chars(row['outcome_note'], 60))}"
        name = _escape(full_name(row["resident__first_name"], row["resident__last_name"]))
        status_label = self.status_label.get(status) or _escape(capfirst(status))
        return (
            f'\n    <tr><td><a href="{self._url(row["pk"])}">{name}</a></td>'
            f"<td>{_escape(row['category__name'])}</td>"
            f"<td>{_escape(truncate_chars(row['description'], 70))}</td>"
            f"<td>{status_label}{referred}</td>"
            f"<td>{_escape(row['reason__label'] or '')}{note}</td>"
            f"<td>{self._date(row['status_changed_at'])}</td></tr>\n  "
        )

    def open_row(self, row: dict) -> SafeString:
        """One open request: who and where, the kind of help (recurring and its review), what,
        the day it is needed, when it was taken in (waiting too long) and the coordinator."""
        return mark_safe(self._open_row(row))  # noqa: S308 - every value escaped

    def finished_row(self, row: dict) -> SafeString:
        """One request finished this week: who, the kind of help, what, the outcome (and where
        it was referred to), the reason and its note, and the day."""
        return mark_safe(self._finished_row(row))  # noqa: S308 - every value escaped

    def open_html(self, rows) -> SafeString:
        """`open_row` of each of `rows`, one after the other."""
        return mark_safe("".join([self._open_row(row) for row in rows]))  # noqa: S308

    def finished_html(self, rows) -> SafeString:
        """`finished_row` of each of `rows`, one after the other."""
        return mark_safe("".join([self._finished_row(row) for row in rows]))  # noqa: S308

    def page_html(
        self, *, village_name: str, since: datetime, open_rows: list, finished_rows: list
    ) -> SafeString:
        """The meeting page's content (what meeting.html held): the heading with the village
        and the day, the open requests by status, and the table of what was finished since
        `since`. The village's name is escaped; translations go in as `{% translate %}` put
        them, the rows as `open_groups` and `finished_html` make them."""
        heading = _("Weekly meeting %(village)s, %(date)s") % {
            "village": _escape(village_name),
            "date": _escape(format_nl_date(self.now, "heading")),
        }
        printing = _("Print")
        open_count = len(open_rows)
        opened = ngettext("Open: %(n)s request", "Open: %(n)s requests", open_count) % {
            "n": open_count
        }
        groups = self.open_groups(open_rows) if open_rows else ""
        if not groups:
            groups = "<p>{}</p>\n".format(_("There are no open help requests."))
        finished_since = _("Finished since %(since)s") % {"since": _escape(format_nl_date(since))}
        if finished_rows:
            finished = (
                '\n<table class="table table-sm meeting-table">\n  '
                f"{self.finished_head()}\n  <tbody>\n  "
                f"{self.finished_html(finished_rows)}\n  </tbody>\n</table>\n"
            )
        else:
            finished = "\n<p>{}</p>".format(_("Nothing was finished this week."))
        return mark_safe(  # noqa: S308 - the values escaped, the rows made escaped above
            '\n<div class="d-flex flex-wrap justify-content-between align-items-center gap-2 '
            f'mb-3">\n  <h1 class="h2 mb-0">{heading}</h1>\n'
            '  <button type="button" class="btn btn-outline-secondary d-print-none" data-print>'
            f"{printing}</button>\n</div>\n\n"
            f'<h2 class="h3">{opened}</h2>\n{groups}\n'
            f'<h2 class="h3 mt-4">{finished_since}</h2>{finished}\n'
        )
