"""From an uploaded file to rows of cells: CSV (comma, semicolon or tab; UTF-8 with or
without BOM, or the Windows encoding Dutch Excel saves in) and XLSX (first sheet).

Row numbers are the ones the spreadsheet shows: the header is row 1, the first data row is
row 2. Empty rows (trailing ones especially) are skipped but still counted, so a message
about row 7 points at row 7 in Excel. Headers are normalised (case, spaces) and mapped
through `aliases` to the documented column names.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .parsing import clean_text, normalise_header

MAX_BYTES = 5 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old .xls format


class FileError(ValueError):
    """The file as a whole cannot be read (Dutch message)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    headers: list[str]  # normalised, in file order
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (row number, {header: cell})
    raw_headers: dict[str, str] = field(default_factory=dict)  # normalised -> as written


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_rows(data: bytes) -> list[list]:
    text = _decode(data)
    sample = "\n".join(text.splitlines()[:20])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        # One column, or ragged rows: count in the header line.
        first = text.splitlines()[0] if text else ""
        delimiter = max(";,\t", key=first.count)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _xlsx_rows(data: bytes) -> list[list]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise FileError(_("This file cannot be read as an Excel file (.xlsx).")) from None
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_table(data: bytes, *, aliases: dict[str, str] | None = None) -> Table:
    """Read CSV or XLSX (recognised by content, not by name) into a `Table`."""
    if len(data) > MAX_BYTES:
        raise FileError(_("The file is larger than 5 MB. Split it into smaller files."))
    if data.startswith(OLE_MAGIC):
        raise FileError(
            _("This is an old Excel file (.xls). Save it as .xlsx or as CSV and try again.")
        )
    rows = _xlsx_rows(data) if data.startswith(XLSX_MAGIC) else _csv_rows(data)
    if not rows or not any(clean_text(cell) for cell in rows[0]):
        raise FileError(_("Row 1 must hold the column names (see the template)."))
    aliases = aliases or {}
    headers: list[str] = []
    raw_headers: dict[str, str] = {}
    for cell in rows[0]:
        name = normalise_header(cell)
        name = aliases.get(name, name)
        if name and name in raw_headers:
            raise FileError(
                _("The column '%(name)s' appears twice in row 1.") % {"name": clean_text(cell)}
            )
        headers.append(name)
        if name:
            raw_headers[name] = clean_text(cell)
    table = Table(headers=[h for h in headers if h], raw_headers=raw_headers)
    for number, row in enumerate(rows[1:], start=2):
        cells = {
            header: (row[index] if index < len(row) else None)
            for index, header in enumerate(headers)
            if header
        }
        if not any(clean_text(value) for value in cells.values()):
            continue
        table.rows.append((number, cells))
    return table
