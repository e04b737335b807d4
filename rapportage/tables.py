"""The overview as tables for people: rows with labels, columns per village and year.

`overview_tables(overview)` turns the dict of `overview.build_overview` into a list of
`Table`s. The page, the PDF, the CSV and the XLSX downloads all render these, so the four
never disagree. Pure: reads only the dict (labels included), no database.

Columns: for one village "2024" and "2023"; for several villages one column per village for
the year, then the total of the year and the total of the year before. The chart beside a
table compares the last two columns (this year against last year).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

MONTHS = [
    pgettext_lazy("month", "January"),
    pgettext_lazy("month", "February"),
    pgettext_lazy("month", "March"),
    pgettext_lazy("month", "April"),
    pgettext_lazy("month", "May"),
    pgettext_lazy("month", "June"),
    pgettext_lazy("month", "July"),
    pgettext_lazy("month", "August"),
    pgettext_lazy("month", "September"),
    pgettext_lazy("month", "October"),
    pgettext_lazy("month", "November"),
    pgettext_lazy("month", "December"),
]

MONTHS_SHORT = [
    pgettext_lazy("month, short", "Jan"),
    pgettext_lazy("month, short", "Feb"),
    pgettext_lazy("month, short", "Mar"),
    pgettext_lazy("month, short", "Apr"),
    pgettext_lazy("month, short", "May"),
    pgettext_lazy("month, short", "Jun"),
    pgettext_lazy("month, short", "Jul"),
    pgettext_lazy("month, short", "Aug"),
    pgettext_lazy("month, short", "Sep"),
    pgettext_lazy("month, short", "Oct"),
    pgettext_lazy("month, short", "Nov"),
    pgettext_lazy("month, short", "Dec"),
]


@dataclass
class Row:
    key: str
    label: str
    values: list  # one per column: int, float or None
    strong: bool = False  # a total line


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    first_column: str = ""
    unit: str = ""
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.rows

    @property
    def chart_rows(self) -> list[Row]:
        """The rows the chart draws (totals are left out: they would dwarf the rest)."""
        return [row for row in self.rows if not row.strong] or self.rows


@dataclass
class _Spec:
    key: str
    title: Callable[[], str]
    extract: Callable[[dict], dict]  # figures -> {row key: value}
    fixed: Callable[[dict], list[tuple[str, str]]] | None = None  # labels -> [(key, label)]
    labels: str = ""  # for dynamic rows: which label dict names the keys
    totals: tuple[str, ...] = ()  # row keys shown as total lines
    first_column: Callable[[], str] = lambda: _("Kind")
    unit: Callable[[], str] = lambda: ""
    note: Callable[[], str] = lambda: ""


def _one_off(figures: dict) -> dict:
    part = figures["one_off"]
    return {
        **part["by_category"],
        "with_several_volunteers": part["with_several_volunteers"],
        "total": part["total"],
    }


def _recurring(figures: dict) -> dict:
    part = figures["recurring"]
    return {
        **part["by_category"],
        "total": part["total"],
        "stopped_in_year": part["stopped_in_year"],
    }


SPECS: list[_Spec] = [
    _Spec(
        "one_off",
        lambda: _("One-off help requests carried out"),
        _one_off,
        fixed=lambda labels: [
            ("with_several_volunteers", _("Jobs with several volunteers")),
            ("total", _("Total")),
        ],
        labels="categories",
        totals=("total",),
        note=lambda: _(
            "A job done by several volunteers counts once, on its own line, and not under its "
            "kind of help."
        ),
    ),
    _Spec(
        "recurring",
        lambda: _("Recurring help requests running during the year"),
        _recurring,
        fixed=lambda labels: [
            ("total", _("Total")),
            ("stopped_in_year", _("Of these, stopped during the year")),
        ],
        labels="categories",
        totals=("total",),
    ),
    _Spec(
        "without_volunteer",
        lambda: _("Help requests that ended without a volunteer"),
        lambda f: {**f["without_volunteer"]},
        fixed=lambda labels: [
            ("informed", _("Information given")),
            ("referred", _("Referred to an organisation")),
            ("rejected", _("Rejected")),
            ("not_gone_ahead", _("Did not go ahead")),
        ],
        first_column=lambda: _("Outcome"),
    ),
    _Spec(
        "referred_by_kind",
        lambda: _("Referred to: kind of organisation"),
        lambda f: dict(f["without_volunteer"]["referred_by_kind"]),
        labels="organisation_kinds",
    ),
    _Spec(
        "rejected_by_reason",
        lambda: _("Rejected: reason"),
        lambda f: dict(f["without_volunteer"]["rejected_by_reason"]),
        labels="reasons",
        first_column=lambda: _("Reason"),
    ),
    _Spec(
        "not_gone_ahead_by_reason",
        lambda: _("Did not go ahead: reason"),
        lambda f: dict(f["without_volunteer"]["not_gone_ahead_by_reason"]),
        labels="reasons",
        first_column=lambda: _("Reason"),
    ),
    _Spec(
        "activities",
        lambda: _("Volunteers deployed besides help requests"),
        lambda f: dict(f["activities"]),
        labels="activity_kinds",
        first_column=lambda: _("Activity"),
        note=lambda: _("Per kind of activity: the number of different volunteers who took part."),
    ),
    _Spec(
        "loans",
        lambda: _("Aids lent"),
        lambda f: dict(f["loans"]),
        labels="aid_types",
        first_column=lambda: _("Aid"),
        note=lambda: _("Loans that started in the year."),
    ),
    _Spec(
        "handouts",
        lambda: _("Handouts"),
        lambda f: {name: item["counted"] for name, item in f["handouts"].items()},
        labels="handouts",
        first_column=lambda: _("Item"),
        note=lambda: _(
            "Items marked 'always available' can simply be collected at the desk; "
            "the number is what was counted out, if anyone counted."
        ),
    ),
    _Spec(
        "volunteers",
        lambda: _("Volunteers"),
        lambda f: dict(f["volunteers"]),
        fixed=lambda labels: [
            ("registered", _("Registered")),
            ("deployed", _("Deployed at least once")),
            ("new", _("New this year")),
            ("stopped", _("Stopped this year")),
        ],
        first_column=lambda: "",
    ),
    _Spec(
        "by_month",
        lambda: _("Help requests taken in per month"),
        lambda f: {str(month): n for month, n in enumerate(f["by_month"], start=1)},
        fixed=lambda labels: [(str(i), str(name)) for i, name in enumerate(MONTHS, start=1)],
        first_column=lambda: _("Month"),
    ),
    _Spec(
        "by_channel",
        lambda: _("How requests reached us"),
        lambda f: dict(f["by_channel"]),
        labels="channels",
        first_column=lambda: _("Channel"),
    ),
    _Spec(
        "referred_to_us_by_kind",
        lambda: _("Who referred requests to us"),
        lambda f: dict(f["referred_to_us_by_kind"]),
        labels="organisation_kinds",
    ),
    _Spec(
        "signals_passed_on_by_kind",
        lambda: _("Signals passed on, per kind of organisation"),
        lambda f: dict(f["signals_passed_on_by_kind"]),
        labels="organisation_kinds",
    ),
    _Spec(
        "median_days_to_volunteer",
        lambda: _("How fast a volunteer was found"),
        lambda f: {"median": f["median_days_to_volunteer"]},
        fixed=lambda labels: [("median", _("Median time from intake to a volunteer"))],
        first_column=lambda: "",
        unit=lambda: _("days"),
        note=lambda: _(
            "Half of the requests matched in the year had a volunteer within this many days."
        ),
    ),
]

TABLE_KEYS = [spec.key for spec in SPECS]


def _columns(overview: dict) -> tuple[list[str], list[dict]]:
    """Column headings and, per column, the figures it reads."""
    year, previous = overview["year"], overview["previous_year"]
    if overview.get("per_village"):
        names = {v["slug"]: v["name"] for v in overview["villages"]}
        headings = [f"{names[slug]} {year}" for slug in overview["per_village"]]
        sources = list(overview["per_village"].values())
        headings += [_("Total %(year)s") % {"year": year}, _("Total %(year)s") % {"year": year - 1}]
        sources += [overview, previous]
        return headings, sources
    return [str(year), str(year - 1)], [overview, previous]


def _label_for(key: str, names: dict) -> str:
    if key == "unknown":
        return _("unknown")
    return names.get(key, key)


def _dynamic_keys(present: set[str], names: dict, fixed_keys: set[str]) -> list[str]:
    ordered = [key for key in names if key in present and key not in fixed_keys]
    rest = sorted(present - set(ordered) - fixed_keys)
    return ordered + rest


def overview_tables(overview: dict) -> list[Table]:
    """Every table of the overview, in reading order."""
    headings, sources = _columns(overview)
    all_labels = overview["labels"]
    tables = []
    for spec in SPECS:
        extracted = [spec.extract(source) for source in sources]
        fixed = spec.fixed(all_labels) if spec.fixed else []
        fixed_keys = {key for key, _label in fixed}
        if spec.key == "handouts":
            names = {name: name for part in sources for name in part["handouts"]}
            always = {
                name
                for part in sources
                for name, item in part["handouts"].items()
                if item["always_available"]
            }
            always_available = _("always available")
            names = {
                name: (f"{name} ({always_available})" if name in always else name)
                for name in sorted(names)
            }
        else:
            names = all_labels.get(spec.labels, {}) if spec.labels else {}
        if spec.key == "handouts":
            present = set(names)
        elif spec.labels:
            present = {key for column in extracted for key, value in column.items() if value}
        else:
            present = set()
        dynamic = [
            (key, _label_for(key, names)) for key in _dynamic_keys(present, names, fixed_keys)
        ]
        rows = [
            Row(
                key=key,
                label=label,
                values=[column.get(key, 0 if key != "median" else None) for column in extracted],
                strong=key in spec.totals,
            )
            for key, label in dynamic + fixed
        ]
        tables.append(
            Table(
                key=spec.key,
                title=spec.title(),
                columns=headings,
                rows=rows,
                first_column=spec.first_column(),
                unit=spec.unit(),
                note=spec.note(),
            )
        )
    return tables


def table_by_key(overview: dict, key: str) -> Table | None:
    for table in overview_tables(overview):
        if table.key == key:
            return table
    return None


def trend_tables(overview: dict) -> list[Table]:
    """The trends as tables (the villages together), from `overview["trends"]`: requests
    taken in per month, one column per year with data (at most five, oldest first), and
    the same per year. Empty tables when no year in reach has requests. Not part of
    `overview_tables` (the downloads keep their tables)."""
    per_month = overview["trends"]["requests_per_month"]
    years = list(per_month)
    monthly = Table(
        key="trend_by_month",
        title=_("Help requests taken in per month, year by year"),
        columns=years,
        rows=[
            Row(key=str(i), label=str(name), values=[per_month[y][i - 1] for y in years])
            for i, name in enumerate(MONTHS, start=1)
        ]
        if years
        else [],
        first_column=_("Month"),
    )
    yearly = Table(
        key="trend_by_year",
        title=_("Help requests taken in per year"),
        columns=[_("Requests")],
        rows=[Row(key=y, label=y, values=[sum(per_month[y])]) for y in years],
        first_column=_("Year"),
    )
    return [monthly, yearly]
