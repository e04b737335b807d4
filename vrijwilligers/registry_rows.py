"""The rows of the registry, read as values and built as HTML in Python.

The registry shows 50 volunteers a page. Through the template each row cost about 0.6 ms
(its `url` tag, the loops over kinds of help and slots, the badges and dates), and loading
each volunteer as a model instance with three prefetched relations cost as much again. So
a page reads plain values: the volunteers' columns (`FIELDS`, as `Row` named tuples, by
`VolunteerList`: the count and the page's slice, each put together once per shape and
thread by `accounts.prepared`) and, for the volunteers on the page, their slots, kinds of
help and whether they are absent today (`page_facts`, three short queries written out in
SQL, none when the page is empty).
`RegistryRows.html` builds a row's markup, `RegistryRows.page` a page's rows; `top_html`,
`table_html` and `content_html` the heading with the counts, the table around the rows and
the page's content with the filter form, as `registry.html` and `_registry_table.html`
wrote them (through the templates they cost 0.3 ms a page). Every value that comes from a
person is escaped.
"""

from __future__ import annotations

import functools
import html as stdlib_html
from collections import namedtuple
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.urls import get_script_prefix, reverse
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from accounts import prepared
from accounts.dutch import format_phone
from accounts.pagination import pagination_html
from hulpvragen.models import HelpCategory

from .availability import WEEKDAY_SHORT, Daypart, VolunteerStatus
from .filters import filtered
from .models import Absence, AvailabilitySlot, Volunteer

# The volunteer's columns a row shows (read with `values_list(*FIELDS, named=True)`).
FIELDS = (
    "pk",
    "first_name",
    "last_name",
    "place",
    "phone",
    "email",
    "status",
    "last_asked_on",
    "last_confirmed_on",
)
Row = namedtuple("Row", FIELDS)

_PK = 987654321
BADGE = {
    VolunteerStatus.ACTIVE: "success",
    VolunteerStatus.PAUSED: "warning",
    VolunteerStatus.SIGNED_UP: "info",
}


def _volunteers(never_asked: bool, weekday: int | None, start: int | None, stop: int | None):
    """The build function of the registry's volunteers (a slice of them with `start`).
    `never_asked`, the weekday (a small integer: a stand-in for it would be out of its
    column's range, which Django compiles as "nothing") and the slice are constants of the
    query: its key holds them."""

    def build(village_id, **conditions):
        queryset = filtered(
            Volunteer.objects.filter(village_id=village_id),
            never_asked=never_asked,
            weekday=weekday,
            **conditions,
        )
        if start is None:
            return queryset
        return queryset.values_list(*FIELDS)[start:stop]

    return build


class VolunteerList:
    """The registry's volunteers of a village, as `Paginator` reads a queryset: `count()`
    and a slice (a list of `Row`s). `conditions` are those of `filters.filtered`; each
    query is put together once per shape and thread (`accounts.prepared`)."""

    # Constants of the query rather than values (see `_volunteers`).
    CONSTANTS = ("never_asked", "weekday")

    def __init__(self, village_id: int, conditions: dict):
        self.village_id = int(village_id)
        self.never_asked = bool(conditions.get("never_asked"))
        self.weekday = conditions.get("weekday")
        self.values = {
            name: value for name, value in conditions.items() if name not in self.CONSTANTS
        }

    def _run(self, operation, start=None, stop=None):
        key = f"vrijwilligers.registry:{self.never_asked}:{self.weekday}:{start}:{stop}"
        build = _volunteers(self.never_asked, self.weekday, start, stop)
        return operation(key, build, village_id=self.village_id, **self.values)

    def count(self) -> int:
        return self._run(prepared.count)

    def __getitem__(self, part: slice) -> list[Row]:
        start, stop = part.start or 0, part.stop
        if stop is not None and stop <= start:
            return []
        return [Row._make(row) for row in self._run(prepared.rows, start, stop)]


@dataclass
class PageFacts:
    """What the rows show besides the volunteers' own columns, by volunteer id: the weekly
    pattern as a text (`pattern_text`), the kinds of help offered as one text (their names
    joined by ", ", by the categories' `order`, then name), and who is absent today."""

    slots: dict[int, str] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)
    absent_now: set[int] = field(default_factory=set)


def pattern_text(slots) -> str:
    """A weekly pattern as one text, "1 evening,1 morning,2 evening": the (weekday,
    daypart) pairs in that order, as `page_facts` reads them on PostgreSQL (where the
    order is the database's, a key only: `RegistryRows.pattern` reads any order)."""
    return ",".join(f"{weekday} {daypart}" for weekday, daypart in sorted(slots))


@functools.cache
def _facts_sql(vendor: str) -> tuple[str, str, str]:
    """The three queries of `page_facts`. On PostgreSQL the ids are one array parameter
    (`= ANY(%s)`: psycopg keeps a query's parsed form only up to 50 parameters) and a
    volunteer's slots and kinds of help come as one text each (`string_agg`: a row a
    volunteer rather than one a slot); elsewhere `{ids}` stands for an `IN` list of
    placeholders and the rows are one a slot, one a kind. Written out: the ORM took about
    1 ms a query to compile them, five times the time to run them."""
    q = connection.ops.quote_name
    postgresql = vendor == "postgresql"
    among = "= ANY(%s)" if postgresql else "IN ({ids})"

    def column(model, name):
        return q(model._meta.get_field(name).column)

    slot, absence = AvailabilitySlot, Absence
    through = Volunteer.categories.through
    volunteer, weekday, daypart = (
        column(slot, name) for name in ("volunteer", "weekday", "daypart")
    )
    order, name = column(HelpCategory, "order"), column(HelpCategory, "name")
    if postgresql:
        slots = (
            f"SELECT {volunteer}, string_agg({weekday}::text || ' ' || {daypart}, ',' "
            f"ORDER BY {weekday}, {daypart}) FROM {q(slot._meta.db_table)} "
            f"WHERE {volunteer} {among} GROUP BY {volunteer}"
        )
        kinds_select = f"string_agg(c.{name}, ', ' ORDER BY c.{order}, c.{name})"
        kinds_end = f"GROUP BY t.{column(through, 'volunteer')}"
    else:
        slots = (
            f"SELECT {volunteer}, {weekday}, {daypart} FROM {q(slot._meta.db_table)} "
            f"WHERE {volunteer} {among}"
        )
        kinds_select = f"c.{name}"
        kinds_end = f"ORDER BY c.{order}, c.{name}"
    kinds = (
        f"SELECT t.{column(through, 'volunteer')}, {kinds_select} "
        f"FROM {q(through._meta.db_table)} t JOIN {q(HelpCategory._meta.db_table)} c "
        f"ON c.{column(HelpCategory, 'id')} = t.{column(through, 'helpcategory')} "
        f"WHERE t.{column(through, 'volunteer')} {among} {kinds_end}"
    )
    absent = (
        f"SELECT DISTINCT {column(absence, 'volunteer')} FROM {q(absence._meta.db_table)} "
        f"WHERE {column(absence, 'volunteer')} {among} "
        f"AND {column(absence, 'starts_on')} <= %s AND {column(absence, 'ends_on')} >= %s"
    )
    return slots, kinds, absent


def page_facts(ids: list[int], *, today: date) -> PageFacts:
    """The weekly patterns, the kinds of help offered and who is absent on `today`, for
    these volunteers (see `PageFacts`): three queries, none for an empty page."""
    facts = PageFacts()
    if not ids:
        return facts
    ids = [int(pk) for pk in ids]
    slots, kinds, absent = _facts_sql(connection.vendor)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(slots, [ids])
            facts.slots = dict(cursor.fetchall())
            cursor.execute(kinds, [ids])
            facts.kinds = dict(cursor.fetchall())
            cursor.execute(absent, [ids, today, today])
        else:
            placeholders = ", ".join(["%s"] * len(ids))
            slots, kinds, absent = (sql.format(ids=placeholders) for sql in (slots, kinds, absent))
            cursor.execute(slots, ids)
            by_volunteer: dict[int, list] = {}
            for volunteer_id, weekday, daypart in cursor.fetchall():
                by_volunteer.setdefault(volunteer_id, []).append((weekday, daypart))
            facts.slots = {pk: pattern_text(found) for pk, found in by_volunteer.items()}
            cursor.execute(kinds, ids)
            names: dict[int, list[str]] = {}
            for volunteer_id, name in cursor.fetchall():
                names.setdefault(volunteer_id, []).append(name)
            facts.kinds = {pk: ", ".join(found) for pk, found in names.items()}
            cursor.execute(absent, [*ids, today, today])
        facts.absent_now = {volunteer_id for (volunteer_id,) in cursor.fetchall()}
    return facts


def escape(value) -> str:
    """`django.utils.html.escape` without its lazy-string wrapper (which cost more than the
    escaping itself, some 250 times a page): the same `html.escape`, as a plain `str`."""
    return stdlib_html.escape(str(value))


# The labels of a language (and script prefix), made once: (URL before and after the id,
# "no e-mail", "absent now", "never", status label and badge by status, daypart order and
# labels, weekdays, months), all escaped; and the weekly patterns' markup and the dates'
# texts (by the year of today) made in that language so far (they depend on nothing else;
# at most PATTERNS_KEPT of each).
_labels: dict[tuple[str, str], tuple] = {}
PATTERNS_KEPT = 4096

# One row; {0}/{2} the detail URL around the id {1} (an int), every other field escaped
# before it goes in (or markup made here from escaped labels).
_ROW = (
    '<tr><td><a href="{0}{1}{2}" class="fw-semibold">{3}</a>'
    '<div class="small text-muted">{4}</div></td>'
    '<td class="small">{5}</td><td class="small">{6}</td>'
    '<td><span class="badge text-bg-{7}">{8}</span>{9}</td>'
    '<td class="small">{10}</td><td class="small">{11}</td></tr>'
)


def _labels_now() -> tuple:
    key = (get_language() or "", get_script_prefix())
    labels = _labels.get(key)
    if labels is None:
        url_head, _pk, url_tail = escape(reverse("vrijwilligers:detail", args=[_PK])).partition(
            str(_PK)
        )
        absent_now, never = escape(_("absent now")), escape(_("never"))
        labels = _labels[key] = (
            url_head,
            url_tail,
            escape(_("no e-mail")),
            f' <span class="badge text-bg-warning">{absent_now}</span>',
            f'<span class="text-danger">{never}</span>',
            {
                value: (BADGE.get(value, "secondary"), escape(str(label)))
                for value, label in VolunteerStatus.choices
            },
            {value: i for i, value in enumerate(Daypart.values)},
            {value: escape(str(label)) for value, label in Daypart.choices},
            {day: escape(str(label)) for day, label in WEEKDAY_SHORT.items()},
            {month: escape(str(label)) for month, label in MONTHS_3.items()},
            {},
            {},
            {},
        )
    return labels


class RegistryRows:
    """Renders the rows of one page; the URL, the labels, each distinct weekly pattern and
    each distinct date (for the year of `today`) are made once per language."""

    def __init__(self, *, today):
        self.today = today
        (
            self._url_head,
            self._url_tail,
            self.no_email,
            self.absent_now,
            self.never,
            self._status,
            self._daypart_order,
            self._daypart_label,
            self._weekday,
            self._month,
            self._available,
            self._patterns,
            self._dates_by_year,
        ) = _labels_now()
        # The dates' texts depend on the year of `today` besides the language.
        self._dates: dict[date, str] = self._dates_by_year.setdefault(today.year, {})

    def available(self, slots) -> str:
        """The weekly pattern as "ma ochtend/middag, wo avond" (escaped), or "–"; the same
        text as `availability.slots_summary` gives."""
        key = frozenset(slots)
        html = self._available.get(key)
        if html is None:
            order = self._daypart_order
            by_day: dict[int, list[str]] = {}
            for weekday, daypart in sorted(key, key=lambda s: (s[0], order[s[1]])):
                by_day.setdefault(weekday, []).append(self._daypart_label[daypart])
            html = (
                ", ".join(
                    f'<span class="text-nowrap">{self._weekday[day]} {"/".join(parts)}</span>'
                    for day, parts in by_day.items()
                )
                or "–"
            )
            if len(self._available) >= PATTERNS_KEPT:
                self._available.clear()
            self._available[key] = html
        return html

    def pattern(self, text: str) -> str:
        """`available()` of a weekly pattern given as `pattern_text` gives it (the pairs in
        any order)."""
        html = self._patterns.get(text)
        if html is None:
            slots = []
            for pair in text.split(",") if text else ():
                weekday, _space, daypart = pair.partition(" ")
                slots.append((int(weekday), daypart))
            html = self.available(slots)
            if len(self._patterns) >= PATTERNS_KEPT:
                self._patterns.clear()
            self._patterns[text] = html
        return html

    def date(self, value: date | None) -> str:
        """`nl_format.format_nl_date(value, today=…)` (the short style: "7 dec", "7 dec
        2025"), escaped; empty for None."""
        if value is None:
            return ""
        text = self._dates.get(value)
        if text is None:
            text = f"{value.day} {self._month[value.month]}"
            if value.year != self.today.year:
                text += f" {value.year:04d}"
            if len(self._dates) >= PATTERNS_KEPT:
                self._dates.clear()
            self._dates[value] = text
        return text

    def html(self, v, *, slots, kinds: list[str], absent_now: bool) -> SafeString:
        """One row: `v` has the attributes in `FIELDS` (a named tuple or a `Volunteer`)."""
        contact = escape(v.place)
        if v.phone:
            contact += " · " + escape(format_phone(v.phone))
        if not v.email:
            contact += " · " + self.no_email
        status = self._status.get(v.status)
        badge, label = status if status else ("secondary", escape(v.status))
        return mark_safe(  # noqa: S308 - every value is escaped before it goes in
            _ROW.format(
                self._url_head,
                int(v.pk),
                self._url_tail,
                escape(f"{v.first_name} {v.last_name}".strip()),
                contact,
                escape(", ".join(kinds)) or "–",
                self.available(slots),
                badge,
                label,
                self.absent_now if absent_now else "",
                self.date(v.last_asked_on) if v.last_asked_on else self.never,
                self.date(v.last_confirmed_on) or "–",
            )
        )

    def page(self, volunteers: list[Row], facts: PageFacts) -> list[SafeString]:
        """`html(v, …)` for every volunteer of the page, with its facts; the same markup,
        made in one loop (`Row`s hold plain texts, escaped as they are)."""
        esc, row = stdlib_html.escape, _ROW.format
        slots_of, kinds_of, absent = facts.slots, facts.kinds, facts.absent_now
        url_head, url_tail, no_email = self._url_head, self._url_tail, self.no_email
        statuses, absent_badge, never = self._status, self.absent_now, self.never
        pattern, on, patterns, dates = self.pattern, self.date, self._patterns, self._dates
        made = []
        for pk, first_name, last_name, place, phone, email, status, asked, confirmed in volunteers:
            contact = esc(str(place))
            if phone:
                contact += " · " + esc(format_phone(phone))
            if not email:
                contact += " · " + no_email
            badge, label = statuses.get(status) or ("secondary", esc(str(status)))
            slots = slots_of.get(pk, "")
            kinds = kinds_of.get(pk)
            made.append(
                # SafeString rather than mark_safe (its lazy wrapper cost more than the row).
                SafeString(  # every value is escaped before it goes in
                    row(
                        url_head,
                        int(pk),
                        url_tail,
                        esc(f"{first_name} {last_name}".strip()),
                        contact,
                        (esc(kinds) if kinds else "") or "–",
                        patterns.get(slots) or pattern(slots),
                        badge,
                        label,
                        absent_badge if pk in absent else "",
                        (dates.get(asked) or on(asked)) if asked else never,
                        (dates.get(confirmed) or on(confirmed)) if confirmed else "–",
                    )
                )
            )
        return made


# The heading and the table's fixed parts of a language (and script prefix).
_chrome: dict[tuple[str, str], dict[str, str]] = {}

_COUNT = (
    '<div class="col-6 col-md"><a class="card card-body h-100 text-decoration-none{0}" '
    'href="{1}"><span class="fs-3 fw-bold" data-count="{2}">{3}</span>{4}</a></div>'
)


def _chrome_now() -> dict[str, str]:
    key = (get_language() or "", get_script_prefix())
    chrome = _chrome.get(key)
    if chrome is None:
        registry = escape(reverse("vrijwilligers:registry"))
        confirmation_round = escape(reverse("vrijwilligers:confirmation_round"))
        create = escape(reverse("vrijwilligers:create"))
        # As the templates' translate tag gave them: a translation of a literal text is
        # safe, not escaped.
        labels = {
            name: str(text)
            for name, text in {
                "round": _("Confirmation round"),
                "new": _("New volunteer"),
                "counts": _("Counts"),
                "active": _("active"),
                "paused": _("paused"),
                "not_asked": _("active, not asked this year"),
                "overdue": _("confirmation overdue"),
                "signed_up": _("waiting for an intake chat"),
                "name": _("Name"),
                "kinds": _("Kinds of help"),
                "available": _("Available"),
                "status": _("Status"),
                "asked": _("Last asked"),
                "confirmed": _("Confirmed"),
                "none": _("No volunteers match these filters."),
            }.items()
        }
        chrome = _chrome[key] = {
            **labels,
            "form": (
                '<form method="get" class="card card-body mb-3 registry-filter" '
                f'hx-get="{registry}" hx-target="#registry-table" hx-push-url="true" '
                'hx-trigger="change, keyup changed delay:400ms from:#id_q">'
            ),
            "buttons": (
                '<div class="d-flex gap-2">\n'
                f'    <a class="btn btn-outline-primary" href="{confirmation_round}">'
                f"{labels['round']}</a>\n"
                f'    <a class="btn btn-primary" href="{create}">{labels["new"]}</a>\n'
                "  </div>"
            ),
            "head": (
                '<div class="table-responsive">\n'
                '<table class="table table-hover align-middle registry-table">\n'
                "  <thead>\n    <tr>\n"
                + "".join(
                    f'      <th scope="col">{labels[name]}</th>\n'
                    for name in ("name", "kinds", "available", "status", "asked", "confirmed")
                )
                + "    </tr>\n  </thead>\n  <tbody>\n    "
            ),
        }
    return chrome


def top_html(village_name: str, counts: dict[str, int]) -> SafeString:
    """The heading, its buttons and the counts (`selectors.registry_counts`), as
    `registry.html` wrote them."""
    chrome = _chrome_now()
    # As blocktranslate makes it: the value escaped, the translation as it is.
    heading = _("Volunteers in %(village)s") % {"village": escape(village_name)}
    cards = [
        ("", "?status=active", "active", counts["active"], chrome["active"]),
        ("", "?status=paused", "paused", counts["paused"], chrome["paused"]),
        (
            "",
            "?status=active&amp;asked=not_this_year",
            "not_asked",
            counts["not_asked_this_year"],
            chrome["not_asked"],
        ),
        ("", "?overdue=on", "overdue", counts["confirmation_overdue"], chrome["overdue"]),
    ]
    if counts["signed_up"]:
        cards.append(
            (
                " border-warning",
                "?status=signed_up",
                "signed_up",
                counts["signed_up"],
                chrome["signed_up"],
            )
        )
    return mark_safe(  # noqa: S308 - labels and the village escaped, counts are ints
        '<div class="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3">'
        f'\n  <h1 class="h2 mb-0">{heading}</h1>\n  {chrome["buttons"]}\n</div>\n\n'
        f'<div class="row g-2 mb-4 registry-counts" aria-label="{chrome["counts"]}">\n  '
        + "\n  ".join(_COUNT.format(*card[:3], int(card[3]), card[4]) for card in cards)
        + "\n</div>"
    )


def content_html(top: SafeString, filter_fields: SafeString, table: SafeString) -> SafeString:
    """The page's content as `registry.html` wrote it: the heading (`top_html`), the filter
    form around `filter_fields` and the table (`table_html`), all safe markup."""
    form = _chrome_now()["form"]
    return SafeString(  # the parts are safe markup, the form's URL is escaped
        f'{top}\n\n{form}\n  {filter_fields}\n</form>\n\n<div id="registry-table">{table}</div>'
    )


def table_html(page, rows_html: str, query: str) -> SafeString:
    """The number of volunteers, the table around `rows_html` (safe markup) and the links
    to the other pages (`query`: the filters' query string without the page), as
    `_registry_table.html` wrote them."""
    chrome = _chrome_now()
    total = int(page.paginator.count)
    # As blocktranslate makes them: the numbers put in the translations as they are.
    found = ngettext("%(total)s volunteer", "%(total)s volunteers", total) % {"total": total}
    parts = [f'<p class="text-muted">{found}</p>\n']
    if not rows_html:
        parts.append(f'<div class="empty-state"><p class="mb-0">{chrome["none"]}</p></div>\n')
        return mark_safe("".join(parts))  # noqa: S308 - escaped
    parts += [chrome["head"], rows_html, "\n  </tbody>\n</table>\n</div>\n"]
    parts.append(pagination_html(page, query))
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped or made here
