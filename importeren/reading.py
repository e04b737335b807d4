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

# The caps a desk's real files stay far below (a logbook of ten years is some 5,000 rows),
# so that no upload can keep a worker busy for long or fill its memory.
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# An .xlsx is a zip: its parts may unpack to much more than the file itself. A sheet of
# 20,000 rows unpacks to some 30 MB; a file that declares more than this is refused before
# openpyxl opens it (a "zip bomb" would otherwise fill the worker's memory).
MAX_UNPACKED_BYTES = 150 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
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
    try:
        return _capped(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        message = _("This file cannot be read as CSV: save it again as CSV or .xlsx.")
        raise FileError(message) from None


def _too_many_rows() -> FileError:
    return FileError(
        _(
            "The file has more than %(max)s rows. Split it into smaller files and import "
            "them one after the other."
        )
        % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
    )


def _capped(rows) -> list[list]:
    """The rows (header included) as lists, refusing more than MAX_ROWS data rows without
    reading the rest."""
    result = []
    for row in rows:
        if len(result) > MAX_ROWS:
            raise _too_many_rows()
        result.append(list(row))
    return result


def check_zip(data: bytes) -> None:
    """Refuse an .xlsx whose parts declare more than MAX_UNPACKED_BYTES unpacked, or a part
    packed more than MAX_COMPRESSION_RATIO times, from the zip's directory alone (nothing is
    unpacked). A zip that is not one is unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise FileError(_("This file cannot be read as an Excel file (.xlsx).")) from None
    unpacked = sum(part.file_size for part in parts)
    packed_too_tight = any(
        part.file_size > 1024 * 1024
        and part.file_size > MAX_COMPRESSION_RATIO * max(part.compress_size, 1)
        for part in parts
    )
    if unpacked > MAX_UNPACKED_BYTES or packed_too_tight:
        raise FileError(
            _(
                "This Excel file unpacks to far more data than a spreadsheet holds, so it "
                "is not read. Save it again from Excel, or as CSV, and try again."
            )
        )


def _xlsx_rows(data: bytes) -> list[list]:
    import openpyxl

    check_zip(data)
    unreadable = FileError(_("This file cannot be read as an Excel file (.xlsx)."))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        # openpyxl raises many kinds (KeyError for a missing part, XML errors, TypeError
        # for odd styles): to the desk they all mean the same.
        raise unreadable from None
    try:
        if not workbook.worksheets:
            raise unreadable
        return _capped(workbook.worksheets[0].iter_rows(values_only=True))
    except FileError:
        raise
    except Exception:
        raise unreadable from None
    finally:
        workbook.close()


def read_table(data: bytes, *, aliases: dict[str, str] | None = None) -> Table:
    """Read CSV or XLSX (recognised by content, not by name) into a `Table`."""
    if len(data) > MAX_BYTES:
        raise FileError(_("The file is larger than 10 MB. Split it into smaller files."))
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
