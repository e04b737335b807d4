"""The overview in files: CSV (per table or all), XLSX (the whole), PDF and JSON.

All of them render `tables.overview_tables(overview)` or the overview dict itself, which hold
only counts, codes and configuration names: nothing about a person can end up in a file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from dorpsloket.pdf import html_to_pdf

from .tables import Table, overview_tables

CSV_DELIMITER = ";"  # what Dutch spreadsheet programs expect; decimals get a comma

# A cell whose text starts with one of these is read as a formula by spreadsheet programs
# (OWASP "CSV injection"); a coordinator can name a category "=2+3".
FORMULA_STARTERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet program could take `text` for a formula."""
    return text.startswith(FORMULA_STARTERS)


def safe_cell(value):
    """A value as it may go into a CSV or XLSX cell: text that could run is neutralised.

    Text starting with =, +, -, @, a tab or a carriage return gets an apostrophe in front
    (what spreadsheet programs show as plain text). Numbers (ints, floats, negative ones
    included), dates and None pass unchanged: they are values, never formulas. This is the
    one place every export cell goes through.
    """
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def filename(overview: dict, extension: str, suffix: str = "") -> str:
    slugs = "-".join(v["slug"] for v in overview["villages"])
    parts = ["jaaroverzicht", slugs, str(overview["year"])] + ([suffix] if suffix else [])
    return "-".join(parts) + "." + extension


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return formats.number_format(value, decimal_pos=1)
    if isinstance(value, int):
        return str(value)
    return str(safe_cell(str(value)))


class _SafeWriter:
    """csv.writer whose every cell goes through `_csv_value` (so through `safe_cell`)."""

    def __init__(self, out):
        self._writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")

    def writerow(self, row) -> None:
        self._writer.writerow([_csv_value(v) for v in row])


def _write_table(writer, table: Table, *, with_table_column: bool) -> None:
    lead = [table.title] if with_table_column else []
    for row in table.rows:
        writer.writerow(lead + [row.label] + row.values)


def table_csv(table: Table) -> str:
    """One table as CSV (with a byte-order mark so spreadsheet programs read UTF-8)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = _SafeWriter(out)
    writer.writerow([table.first_column or _("Figure")] + table.columns)
    _write_table(writer, table, with_table_column=False)
    return out.getvalue()


def overview_csv(overview: dict) -> str:
    """Every table in one CSV, with the table's title in the first column."""
    tables = overview_tables(overview)
    out = io.StringIO()
    out.write("\ufeff")
    writer = _SafeWriter(out)
    writer.writerow([_("Table"), _("Figure")] + tables[0].columns)
    for table in tables:
        _write_table(writer, table, with_table_column=True)
    return out.getvalue()


def overview_json(overview: dict) -> str:
    return json.dumps(overview, ensure_ascii=False, indent=2, sort_keys=False)


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "", title)[:31].strip() or "Blad"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


class _SafeSheet:
    """A worksheet whose `append` stores text as text: never a formula, whatever it says.

    openpyxl takes any string starting with "=" for a formula; here every string cell is
    neutralised by `safe_cell` and typed as a string cell ("s"), numbers stay numbers.
    """

    def __init__(self, sheet):
        self._sheet = sheet

    def __getattr__(self, name):
        return getattr(self._sheet, name)

    def __getitem__(self, key):
        return self._sheet[key]

    @property
    def title(self):
        return self._sheet.title

    @title.setter
    def title(self, value):
        self._sheet.title = value

    def append(self, values) -> None:
        self._sheet.append([safe_cell(v) for v in values])
        for cell in self._sheet[self._sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def overview_xlsx(overview: dict) -> bytes:
    """The whole overview as a workbook: a cover sheet and one sheet per table."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    tables = overview_tables(overview)
    book = Workbook()
    cover = _SafeSheet(book.active)
    cover.title = _("Overview")
    cover.append([_("Yearly overview %(year)s") % {"year": overview["year"]}])
    cover["A1"].font = Font(bold=True, size=14)
    cover.append([_("Villages"), ", ".join(v["name"] for v in overview["villages"])])
    cover.append([_("Made on"), date.fromisoformat(overview["generated_on"])])
    cover.append([])
    cover.append([_("Table"), _("Sheet")])
    used = {cover.title.lower()}
    for table in tables:
        sheet = _SafeSheet(book.create_sheet(_sheet_title(table.title, used)))
        cover.append([table.title, sheet.title])
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append([table.first_column or _("Figure")] + table.columns)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([row.label] + row.values)
            if row.strong:
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
        if table.note:
            sheet.append([])
            sheet.append([table.note])
        sheet.column_dimensions["A"].width = 42
    cover.column_dimensions["A"].width = 52
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def overview_pdf(overview: dict) -> bytes:
    """The overview as a tagged PDF (PDF/UA-1: structure tree, language nl, title) with a
    cover page, the year in words, the tables and the trends (WeasyPrint, no network)."""
    from .report import first_page

    html = render_to_string(
        "rapportage/pdf.html",
        {
            "overview": overview,
            "tables": overview_tables(overview),
            "generated_on": date.fromisoformat(overview["generated_on"]),
            **first_page(overview),
        },
    )
    return html_to_pdf(html, pdf_variant="pdf/ua-1")


def render_in_dutch(function, *args):
    """Run an export in the shipped language (for the command, which has no request)."""
    with translation.override("nl"):
        return function(*args)


# --- the municipality's report --------------------------------------------------------------


def municipal_filename(report: dict, extension: str) -> str:
    slugs = "-".join(v.slug for v in report["villages"])
    return f"gemeenterapportage-{slugs}-{report['year']}.{extension}"


def _cell_value(cell):
    """A suppressed cell's text ("< 5", "x"), else its number; Decimals as Dutch decimals."""
    value = cell.display_value
    if hasattr(value, "as_tuple"):  # Decimal
        return formats.number_format(value, decimal_pos=abs(value.as_tuple().exponent))
    return value


def municipal_csv(tables) -> str:
    """Every table of the municipality's report in one CSV (already suppressed), the table's
    title in the first column."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = _SafeWriter(out)
    writer.writerow([_("Table"), _("Figure")] + (tables[0].columns if tables else []))
    for table in tables:
        for row in table.rows:
            writer.writerow([table.title, row.label] + [_cell_value(c) for c in row.cells])
    return out.getvalue()


def municipal_pdf(report: dict, tables) -> bytes:
    """The municipality's report as a tagged PDF (PDF/UA-1), as the yearly overview."""
    html = render_to_string(
        "rapportage/municipal_pdf.html",
        {"report": report, "tables": tables, "generated_on": report["generated_on"]},
    )
    return html_to_pdf(html, pdf_variant="pdf/ua-1")
