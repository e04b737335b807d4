"""The municipality's report (gemeenterapportage): per village and for the region, the
figures a gebiedsregisseur and a Wmo desk ask for, with small numbers suppressed.

`municipal_figures(village_ids, year)` are the definitions: aggregate queries over the
villages, keyed by village id and `TOTAL` (the region), codes and configuration names only.
`municipal_tables(report)` lays them out as tables and applies the one suppression rule
(rapportage.suppression) — the page, the PDF and the CSV render these tables, so all three
show exactly the same, already suppressed, cells. The method and what it does not claim
are in docs/maatschappelijke-waarde.md; keep the two in step.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, IntegerField, Q, Sum, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from hulpvragen.models import HelpRequest
from koppelingen.models import Signal, TaskReport
from sociale_kaart.models import Theme

from . import definitions
from .definitions import TOTAL, UNKNOWN, year_dates, year_moments
from .models import SocialValueRate
from .suppression import THRESHOLD, Cell, suppress

NO_THEME = "_none"


def _scope(by_village: bool, field_name: str = "village_id"):
    return F(field_name) if by_village else Value(TOTAL, output_field=IntegerField())


def _count_by(rows, key: str) -> dict:
    out: dict = defaultdict(dict)
    for row in rows:
        label = row[key] if row[key] is not None else UNKNOWN
        out[row["scope"]][label] = out[row["scope"]].get(label, 0) + row["n"]
    return dict(out)


def requests_by_kind(village_ids: Iterable[int], year: int) -> dict:
    """Requests taken in during `year` (intake moment, Europe/Amsterdam), per category code,
    per village. One query."""
    start, end = year_moments(year)
    rows = (
        HelpRequest.objects.filter(
            village_id__in=list(village_ids), created_at__gte=start, created_at__lt=end
        )
        .annotate(scope=F("village_id"))
        .values("scope", "category__code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _count_by(rows, "category__code")


def referred_to(village_ids: Iterable[int], year: int) -> dict:
    """Requests taken in during `year` that the desk referred to an organisation
    (`HelpRequest.referred_to`), per organisation name, per village. One query."""
    start, end = year_moments(year)
    rows = (
        HelpRequest.objects.filter(
            village_id__in=list(village_ids),
            created_at__gte=start,
            created_at__lt=end,
            referred_to__isnull=False,
        )
        .annotate(scope=F("village_id"))
        .values("scope", "referred_to__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _count_by(rows, "referred_to__name")


def referred_by(village_ids: Iterable[int], year: int) -> dict:
    """Requests taken in during `year` that an organisation referred to the desk
    (`HelpRequest.referred_by`, recorded at intake), per organisation name. One query."""
    start, end = year_moments(year)
    rows = (
        HelpRequest.objects.filter(
            village_id__in=list(village_ids),
            created_at__gte=start,
            created_at__lt=end,
            referred_by__isnull=False,
        )
        .annotate(scope=F("village_id"))
        .values("scope", "referred_by__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _count_by(rows, "referred_by__name")


def _signals(village_ids, year):
    start, end = year_moments(year)
    return Signal.objects.filter(
        village_id__in=list(village_ids), passed_on_at__gte=start, passed_on_at__lt=end
    )


def signals_by_organisation(village_ids: Iterable[int], year: int) -> dict:
    """Signals passed on in `year` (by `passed_on_at`) per organisation name. One query."""
    rows = (
        _signals(village_ids, year)
        .annotate(scope=F("village_id"))
        .values("scope", "passed_to__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _count_by(rows, "passed_to__name")


def signals_by_theme(village_ids: Iterable[int], year: int) -> dict:
    """Signals passed on in `year` per theme code of the organisation they went to.

    A signal has no theme of its own: it counts under every theme of the receiving
    organisation (so the themes do not add up to the number of signals), and under
    `NO_THEME` when that organisation has none. One query.
    """
    rows = (
        _signals(village_ids, year)
        .annotate(scope=F("village_id"), theme=F("passed_to__themes__code"))
        .values("scope", "theme")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    out: dict = defaultdict(dict)
    for row in rows:
        theme = row["theme"] or NO_THEME
        out[row["scope"]][theme] = out[row["scope"]].get(theme, 0) + row["n"]
    return dict(out)


def volunteer_effort(village_ids: Iterable[int], year: int, *, by_village=True) -> dict:
    """What the volunteers reported for tasks that went ahead in `year`.

    Counted: task reports with outcome "done", dated by the task date, else by the moment
    of the report. Per scope: `reports`, `volunteers` (different volunteers who reported),
    `hours` (the minutes reported, as hours with one decimal), `reports_with_time` (how many
    reports name the time at all), `km` and `reports_with_km`. Nothing is estimated for
    reports without a time or distance. One query; the region is queried on its own because
    a volunteer may help in more than one village.
    """
    first, last = year_dates(year)
    start, end = year_moments(year)
    rows = (
        TaskReport.objects.filter(
            assignment__village_id__in=list(village_ids), outcome=TaskReport.Outcome.DONE
        )
        .filter(
            Q(assignment__task_date__range=(first, last))
            | Q(assignment__task_date__isnull=True, reported_at__gte=start, reported_at__lt=end)
        )
        .annotate(scope=_scope(by_village, "assignment__village_id"))
        .values("scope")
        .annotate(
            reports=Count("pk"),
            volunteers=Count("assignment__volunteer_id", distinct=True),
            minutes=Sum("minutes_spent", default=0),
            reports_with_time=Count("pk", filter=Q(minutes_spent__isnull=False)),
            km=Sum("km_driven", default=Decimal("0")),
            reports_with_km=Count("pk", filter=Q(km_driven__isnull=False)),
        )
        .order_by()
    )
    out = {}
    for row in rows:
        out[row["scope"]] = {
            "reports": row["reports"],
            "volunteers": row["volunteers"],
            "hours": _one_decimal(Decimal(row["minutes"]) / 60),
            "reports_with_time": row["reports_with_time"],
            "km": _one_decimal(Decimal(row["km"])),
            "reports_with_km": row["reports_with_km"],
        }
    return out


def empty_effort() -> dict:
    return {
        "reports": 0,
        "volunteers": 0,
        "hours": Decimal("0.0"),
        "reports_with_time": 0,
        "km": Decimal("0.0"),
        "reports_with_km": 0,
    }


def _one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def social_value(hours: Decimal, km: Decimal, rate) -> Decimal | None:
    """The estimate of docs/maatschappelijke-waarde.md: reported hours × the hourly
    reference rate the desk set, plus reported km × its km rate. None without a rate (the
    report then says that no rate is set; it never assumes one)."""
    if rate is None or rate.hourly_rate is None:
        return None
    value = hours * rate.hourly_rate + km * (rate.km_rate or Decimal("0"))
    return _money(value)


def municipal_figures(villages: Sequence, year: int) -> dict:
    """Every figure of the report for `villages` (Village objects) and `year`: a dict with
    per-village dicts under their ids and the region (all of them) under `TOTAL`."""
    ids = [v.pk for v in villages]
    without = definitions.without_volunteer(ids, year, by_village=True)
    effort = volunteer_effort(ids, year)
    effort_region = volunteer_effort(ids, year, by_village=False).get(TOTAL, empty_effort())
    return {
        "requests_by_kind": requests_by_kind(ids, year),
        "referred_to": referred_to(ids, year),
        "referred_by": referred_by(ids, year),
        "signals_by_theme": signals_by_theme(ids, year),
        "signals_by_organisation": signals_by_organisation(ids, year),
        "without_volunteer": {
            pk: without.get(pk, definitions.empty_without_volunteer()) for pk in ids
        },
        "effort": {pk: effort.get(pk, empty_effort()) for pk in ids} | {TOTAL: effort_region},
    }


def build_municipal_report(villages: Sequence, year: int, *, today: date | None = None) -> dict:
    """The report of `year` for `villages`: the raw figures, the rates and labels. Raw
    figures never leave the server as they are: everything shown goes through
    `municipal_tables`."""
    villages = sorted(villages, key=lambda v: v.name)
    if not villages:
        raise ValueError("build_municipal_report needs at least one village")
    rates = {r.village_id: r for r in SocialValueRate.objects.filter(village__in=villages)}
    return {
        "villages": villages,
        "year": year,
        "generated_on": today or timezone.localdate(),
        "figures": municipal_figures(villages, year),
        "rates": [rates.get(v.pk) for v in villages],
        "labels": definitions_labels(),
    }


def definitions_labels() -> dict:
    from .overview import labels

    names = labels()
    names["themes"] = dict(Theme.objects.values_list("code", "name"))
    return names


# --- the tables -----------------------------------------------------------------------------


@dataclass
class ReportRow:
    label: str
    cells: list[Cell]
    strong: bool = False


@dataclass
class ReportTable:
    key: str
    title: str
    first_column: str
    columns: list[str]
    rows: list[ReportRow] = field(default_factory=list)
    note: str = ""
    unit: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.rows


def _columns(report: dict) -> list[str]:
    names = [v.name for v in report["villages"]]
    return names + [_("Region")] if len(names) > 1 else names


def _count_table(
    report: dict,
    key: str,
    title: str,
    first_column: str,
    per_village: dict,
    label_of,
    *,
    with_total: bool = True,
    note: str = "",
    order: list | None = None,
) -> ReportTable:
    """Rows per key of `per_village` ({village id: {key: count}}), one column per village
    and the region when there are several, a total row when `with_total`; suppressed."""
    villages = report["villages"]
    several = len(villages) > 1
    keys = set()
    for counts in per_village.values():
        keys |= {k for k, n in counts.items() if n}
    if order is not None:
        ordered = [k for k in order if k in keys] + sorted(k for k in keys if k not in order)
    else:
        ordered = sorted(keys, key=lambda k: str(label_of(k)).lower())
    grid = []
    for k in ordered:
        line = [per_village.get(v.pk, {}).get(k, 0) for v in villages]
        grid.append(line + [sum(line)] if several else line)
    if with_total and grid:
        grid.append([sum(column) for column in zip(*grid, strict=True)])
    cells = suppress(grid, row_totals=several, column_totals=with_total and bool(grid))
    rows = [ReportRow(str(label_of(k)), cells[i]) for i, k in enumerate(ordered)]
    if with_total and grid:
        rows.append(ReportRow(_("Total"), cells[-1], strong=True))
    return ReportTable(key, title, first_column, _columns(report), rows, note)


def _label(names: dict, unknown: str):
    return lambda key: unknown if key == UNKNOWN else names.get(key, key)


def _without_volunteer_tables(report: dict) -> list[ReportTable]:
    labels = report["labels"]
    per = report["figures"]["without_volunteer"]
    outcomes = {
        "informed": _("Information given"),
        "referred": _("Referred to an organisation"),
        "rejected": _("Rejected"),
        "not_gone_ahead": _("Did not go ahead"),
    }
    reasons = _label(labels["reasons"], _("no reason recorded"))
    return [
        _count_table(
            report,
            "without_volunteer",
            _("Requests without a volunteer"),
            _("Outcome"),
            {pk: {k: f[k] for k in outcomes} for pk, f in per.items()},
            outcomes.get,
            order=list(outcomes),
        ),
        _count_table(
            report,
            "rejected_by_reason",
            _("Rejected: why"),
            _("Reason"),
            {pk: f["rejected_by_reason"] for pk, f in per.items()},
            reasons,
        ),
        _count_table(
            report,
            "not_gone_ahead_by_reason",
            _("Did not go ahead: why"),
            _("Reason"),
            {pk: f["not_gone_ahead_by_reason"] for pk, f in per.items()},
            reasons,
        ),
    ]


def _effort_table(report: dict) -> ReportTable:
    """Reports and volunteers are counts; hours and km are sums, hidden where fewer than
    five volunteers reported (one volunteer's hours would be theirs alone)."""
    villages = report["villages"]
    several = len(villages) > 1
    effort = report["figures"]["effort"]
    scopes = [v.pk for v in villages] + ([TOTAL] if several else [])
    # No reports at all is a plain 0; only 1 to 4 volunteers would be recognisable.
    few = [0 < effort[s]["volunteers"] < THRESHOLD for s in scopes]
    rows = []
    for key, label, is_sum in (
        ("reports", _("Tasks reported as done"), False),
        ("volunteers", _("Volunteers who reported"), False),
        ("hours", _("Hours reported"), True),
        ("km", _("Kilometres reported"), True),
    ):
        line = [effort[s][key] for s in scopes]
        if is_sum:
            # The region is queried on its own and is the sum of the villages.
            (cells,) = suppress(
                [line], row_totals=several, column_totals=False, primary=[few], small_label=False
            )
        elif key == "volunteers":
            # Volunteers may help in several villages: the region is no sum, so no
            # subtraction to guard against; only the small counts themselves.
            (cells,) = suppress([line], row_totals=False, column_totals=False)
        else:
            (cells,) = suppress([line], row_totals=several, column_totals=False)
        rows.append(ReportRow(label, cells, strong=key == "hours"))
    coverage = ", ".join(
        _("%(name)s: %(with_time)s of %(reports)s reports name the time, %(with_km)s the distance")
        % {
            "name": name,
            "with_time": _coverage(effort[s]["reports_with_time"]),
            "with_km": _coverage(effort[s]["reports_with_km"]),
            "reports": _coverage(effort[s]["reports"]),
        }
        for name, s in zip(_columns(report), scopes, strict=True)
    )
    note = (
        _(
            "From the volunteers' reports of tasks that went ahead; a report without a time or "
            "distance adds nothing (nothing is estimated). "
        )
        + coverage
        + "."
    )
    return ReportTable(
        "effort", _("Volunteer hours and kilometres"), _("Figure"), _columns(report), rows, note
    )


def _coverage(n: int) -> str:
    return "< 5" if 0 < n < THRESHOLD else str(n)


def _value_table(report: dict, effort_table: ReportTable) -> ReportTable:
    """Hours × the desk's hourly reference rate (+ km × km rate), per village; the region
    is the sum of the villages and shown only when every village's value is shown."""
    villages = report["villages"]
    several = len(villages) > 1
    effort = report["figures"]["effort"]
    hours_row = next(r for r in effort_table.rows if r.cells is not None and r.strong)
    values = []
    for i, (village, rate) in enumerate(zip(villages, report["rates"], strict=True)):
        value = social_value(effort[village.pk]["hours"], effort[village.pk]["km"], rate)
        if not hours_row.cells[i].shown:
            values.append(Cell(value, "hidden"))
        else:
            values.append(Cell(value))  # None (no rate) shows as "–"
    if several:
        if all(c.shown and c.value is not None for c in values):
            values.append(Cell(_money(sum((c.value for c in values), Decimal("0")))))
        else:
            hidden = not all(c.shown for c in values)
            values.append(Cell(None, "hidden" if hidden else "shown"))
    rows = [ReportRow(_("Estimated social value (€)"), values, strong=True)]
    rate_rows = []
    for village, rate in zip(villages, report["rates"], strict=True):
        if rate is None or rate.hourly_rate is None:
            rate_rows.append(
                _("%(name)s: no reference rate set, so no estimate.") % {"name": village.name}
            )
        else:
            rate_rows.append(
                _("%(name)s: € %(hourly)s per hour, € %(km)s per km (source: %(source)s).")
                % {
                    "name": village.name,
                    "hourly": _euro(rate.hourly_rate),
                    "km": _euro(rate.km_rate or Decimal("0")),
                    "source": rate.source,
                }
            )
    note = _(
        "An estimate, not a cost saving: reported hours times a reference rate the desk "
        "chose and names; see the method in the report. "
    ) + " ".join(rate_rows)
    return ReportTable(
        "social_value", _("Basis of a social-value estimate"), "", _columns(report), rows, note
    )


def _euro(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def municipal_tables(report: dict) -> list[ReportTable]:
    """The report as suppressed tables, in the order of the page, PDF and CSV."""
    labels = report["labels"]
    figures = report["figures"]
    tables = [
        _count_table(
            report,
            "requests_by_kind",
            _("Help requests by kind"),
            _("Kind"),
            figures["requests_by_kind"],
            _label(labels["categories"], _("unknown")),
            note=_("Requests taken in during the year."),
        ),
        _count_table(
            report,
            "referred_to",
            _("Referred by the desk to"),
            _("Organisation"),
            figures["referred_to"],
            _label({}, _("unknown")),
            note=_("Requests taken in during the year that the desk passed on."),
        ),
        _count_table(
            report,
            "referred_by",
            _("Referred to the desk by"),
            _("Organisation"),
            figures["referred_by"],
            _label({}, _("unknown")),
            note=_("Requests taken in during the year that an organisation sent to the desk."),
        ),
        _count_table(
            report,
            "signals_by_theme",
            _("Signals passed on, by theme"),
            _("Theme"),
            figures["signals_by_theme"],
            _label(labels["themes"] | {NO_THEME: _("no theme")}, _("unknown")),
            with_total=False,
            note=_(
                "A signal counts under every theme of the organisation it went to, so these "
                "lines do not add up."
            ),
        ),
        _count_table(
            report,
            "signals_by_organisation",
            _("Signals passed on, by organisation"),
            _("Organisation"),
            figures["signals_by_organisation"],
            _label({}, _("unknown")),
        ),
        *_without_volunteer_tables(report),
    ]
    effort = _effort_table(report)
    tables += [effort, _value_table(report, effort)]
    return tables
