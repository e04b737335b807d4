"""From file to rows: CSV dialects and encodings, XLSX, row numbers as Excel shows them."""

from datetime import datetime

import pytest

from importeren.reading import FileError, read_table
from tests.importeren.files import csv_bytes, xlsx_bytes


def test_semicolon_csv_with_bom_is_read():
    data = csv_bytes(
        [["Naam", "Email"], ["Jan de Vries", "jan@example.org"]], delimiter=";", bom=True
    )
    table = read_table(data)
    assert table.headers == ["naam", "email"]
    assert table.rows == [(2, {"naam": "Jan de Vries", "email": "jan@example.org"})]


def test_comma_csv_without_bom_is_read():
    table = read_table(csv_bytes([["naam", "email"], ["Jan de Vries", "jan@example.org"]]))
    assert table.rows[0][1]["email"] == "jan@example.org"


def test_windows_encoded_csv_is_read():
    data = csv_bytes([["naam"], ["Siebe Ploeg-Bouwmeester é"]], encoding="cp1252")
    assert read_table(data).rows[0][1]["naam"].endswith("é")


def test_headers_are_normalised_and_aliases_applied():
    data = csv_bytes([["  Soorten Hulp ", "E-mail"], ["klus", "a@b.nl"]])
    table = read_table(data, aliases={"e_mail": "email"})
    assert table.headers == ["soorten_hulp", "email"]


def test_empty_rows_are_skipped_but_row_numbers_stay_as_in_the_spreadsheet():
    data = csv_bytes([["naam"], ["Jan"], [""], ["Piet"], [""], [""]])
    assert [number for number, _cells in read_table(data).rows] == [2, 4]


def test_xlsx_is_read_with_dates_and_numbers_as_cells():
    data = xlsx_bytes([["naam", "datum", "telefoon"], ["Jan", datetime(2024, 3, 1), 612345678]])
    number, cells = read_table(data).rows[0]
    assert number == 2
    assert cells["datum"] == datetime(2024, 3, 1)
    assert cells["telefoon"] == 612345678


def test_an_old_xls_file_is_refused_with_a_clear_message():
    with pytest.raises(FileError, match="xlsx"):
        read_table(b"\xd0\xcf\x11\xe0" + b"\0" * 100)


def test_a_broken_xlsx_is_refused():
    with pytest.raises(FileError):
        read_table(b"PK\x03\x04 not really a zip")


def test_a_column_named_twice_is_refused():
    with pytest.raises(FileError, match="twee keer"):
        read_table(csv_bytes([["naam", "Naam"], ["a", "b"]]))


def test_a_file_without_a_header_row_is_refused():
    with pytest.raises(FileError):
        read_table(b"")


def test_more_rows_than_the_cap_are_refused_without_reading_on():
    rows = [["naam"]] + [[f"Naam {n}"] for n in range(20_001)]
    with pytest.raises(FileError, match="20.000"):
        read_table(csv_bytes(rows))


def test_exactly_the_cap_is_read():
    rows = [["naam"]] + [[f"Naam {n}"] for n in range(20_000)]
    assert len(read_table(csv_bytes(rows)).rows) == 20_000


def test_an_xlsx_over_the_row_cap_is_refused():
    rows = [["naam"]] + [[f"Naam {n}"] for n in range(20_001)]
    with pytest.raises(FileError, match="20.000"):
        read_table(xlsx_bytes(rows))


def zip_with(parts: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_an_xlsx_that_unpacks_to_hundreds_of_megabytes_is_refused_before_it_is_opened(
    monkeypatch,
):
    # 300 MB of zeros packs into some 300 KB: a zip bomb in the shape of a worksheet.
    bomb = zip_with({"xl/worksheets/sheet1.xml": b"\0" * (300 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024

    import openpyxl

    def must_not_open(*args, **kwargs):
        raise AssertionError("openpyxl opened the zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", must_not_open)
    with pytest.raises(FileError, match="veel meer gegevens"):
        read_table(bomb)


def test_a_truncated_xlsx_gives_a_message():
    data = xlsx_bytes([["naam"], ["Jan de Vries"]])
    with pytest.raises(FileError, match="Excel"):
        read_table(data[: len(data) // 2])


def test_a_zip_that_is_no_workbook_gives_a_message():
    with pytest.raises(FileError, match="Excel"):
        read_table(zip_with({"readme.txt": b"hallo"}))
