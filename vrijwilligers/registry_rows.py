"""The rows of the registry, read as values and built as HTML in Python.

The registry shows 50 volunteers a page. Through the template each row cost about 0.6 ms
(its `url` tag, the loops over kinds of help and slots, the badges and dates), and loading
each volunteer as a model instance with three prefetched relations cost as much again. So
a page reads plain values: the volunteers' columns (`FIELDS`, as named tuples) and, for
the volunteers on the page, their slots, kinds of help and whether they are absent today
(`page_facts`, three short queries written out in SQL, none when the page is empty).
`RegistryRows.html` builds a row's markup; every value that comes from a person is
escaped.
"""

from __future__ import annotations

import functools
import html as stdlib_html
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from accounts.dutch import format_phone
from hulpvragen.models import HelpCategory

from .availability import WEEKDAY_SHORT, Daypart, VolunteerStatus
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

_PK = 987654321
BADGE = {
    VolunteerStatus.ACTIVE: "success",
    VolunteerStatus.PAUSED: "warning",
    VolunteerStatus.SIGNED_UP: "info",
}


@dataclass
class PageFacts:
    """What the rows show besides the volunteers' own columns, by volunteer id."""

    slots: dict[int, set[tuple[int, str]]] = field(default_factory=dict)
    kinds: dict[int, list[str]] = field(default_factory=dict)
    absent_now: set[int] = field(default_factory=set)


@functools.cache
def _facts_sql() -> tuple[str, str, str]:
    """The three queries of `page_facts`, with `{ids}` for the ids' placeholders. Written
    out: the ORM took about 1 ms a query to compile them, five times the time to run them."""
    q = connection.ops.quote_name

    def column(model, name):
        return q(model._meta.get_field(name).column)

    slot, absence = AvailabilitySlot, Absence
    through = Volunteer.categories.through
    slots = (
        f"SELECT {column(slot, 'volunteer')}, {column(slot, 'weekday')}, "
        f"{column(slot, 'daypart')} FROM {q(slot._meta.db_table)} "
        f"WHERE {column(slot, 'volunteer')} IN ({{ids}})"
    )
    kinds = (
        f"SELECT t.{column(through, 'volunteer')}, c.{column(HelpCategory, 'name')} "
        f"FROM {q(through._meta.db_table)} t JOIN {q(HelpCategory._meta.db_table)} c "
        f"ON c.{column(HelpCategory, 'id')} = t.{column(through, 'helpcategory')} "
        f"WHERE t.{column(through, 'volunteer')} IN ({{ids}}) "
        f"ORDER BY c.{column(HelpCategory, 'order')}, c.{column(HelpCategory, 'name')}"
    )
    absent = (
        f"SELECT DISTINCT {column(absence, 'volunteer')} FROM {q(absence._meta.db_table)} "
        f"WHERE {column(absence, 'volunteer')} IN ({{ids}}) "
        f"AND {column(absence, 'starts_on')} <= %s AND {column(absence, 'ends_on')} >= %s"
    )
    return slots, kinds, absent


def page_facts(ids: list[int], *, today: date) -> PageFacts:
    """The weekly slots, the kinds of help offered (by the categories' `order`, then name)
    and who is absent on `today`, for these volunteers: three queries, none for an empty
    page."""
    facts = PageFacts()
    if not ids:
        return facts
    ids = [int(pk) for pk in ids]
    placeholders = ", ".join(["%s"] * len(ids))
    slots, kinds, absent = (sql.format(ids=placeholders) for sql in _facts_sql())
    with connection.cursor() as cursor:
        cursor.execute(slots, ids)
        for volunteer_id, weekday, daypart in cursor.fetchall():
            facts.slots.setdefault(volunteer_id, set()).add((weekday, daypart))
        cursor.execute(kinds, ids)
        for volunteer_id, name in cursor.fetchall():
            facts.kinds.setdefault(volunteer_id, []).append(name)
        cursor.execute(absent, [*ids, today, today])
        facts.absent_now = {volunteer_id for (volunteer_id,) in cursor.fetchall()}
    return facts


def escape(value) -> str:
    """`django.utils.html.escape` without its lazy-string wrapper (which cost more than the
    escaping itself, some 250 times a page): the same `html.escape`, as a plain `str`."""
    return stdlib_html.escape(str(value))


class RegistryRows:
    """Renders the rows of one page; the URL, the labels, each distinct weekly pattern and
    each distinct date are made once per page."""

    def __init__(self, *, today):
        self.today = today
        self.detail = reverse("vrijwilligers:detail", args=[_PK])
        self.no_email = escape(_("no e-mail"))
        self.absent_now = format_html(
            ' <span class="badge text-bg-warning">{}</span>', _("absent now")
        )
        self.never = format_html('<span class="text-danger">{}</span>', _("never"))
        self.status_label = {value: escape(label) for value, label in VolunteerStatus.choices}
        self._daypart_order = {value: i for i, value in enumerate(Daypart.values)}
        self._daypart_label = {value: escape(label) for value, label in Daypart.choices}
        self._weekday = {day: escape(label) for day, label in WEEKDAY_SHORT.items()}
        self._month = {month: escape(label) for month, label in MONTHS_3.items()}
        self._available: dict[frozenset, str] = {}
        self._dates: dict[date, str] = {}

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
            self._available[key] = html
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
            self._dates[value] = text
        return text

    def html(self, v, *, slots, kinds: list[str], absent_now: bool) -> SafeString:
        """One row: `v` has the attributes in `FIELDS` (a named tuple or a `Volunteer`)."""
        contact = escape(v.place)
        if v.phone:
            contact += " · " + escape(format_phone(v.phone))
        if not v.email:
            contact += " · " + self.no_email
        name = f"{v.first_name} {v.last_name}".strip()
        return mark_safe(  # noqa: S308 - every value above and below is escaped
            f'<tr><td><a href="{escape(self.detail.replace(str(_PK), str(v.pk)))}" '
            f'class="fw-semibold">{escape(name)}</a>'
            f'<div class="small text-muted">{contact}</div></td>'
            f'<td class="small">{escape(", ".join(kinds)) or "–"}</td>'
            f'<td class="small">{self.available(slots)}</td>'
            f'<td><span class="badge text-bg-{BADGE.get(v.status, "secondary")}">'
            f"{self.status_label.get(v.status) or escape(v.status)}</span>"
            f"{self.absent_now if absent_now else ''}</td>"
            f'<td class="small">{self.date(v.last_asked_on) if v.last_asked_on else self.never}'
            f'</td><td class="small">{self.date(v.last_confirmed_on) or "–"}</td></tr>'
        )
