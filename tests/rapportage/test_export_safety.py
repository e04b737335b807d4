"""No export cell can run a formula: names a coordinator sets are neutralised, numbers stay."""

import csv
import io

import pytest
from django.urls import reverse

from accounts.models import Village
from activiteiten.models import ActivityKind
from hulpvragen.models import HelpCategory, ReasonCode
from rapportage import exports
from rapportage.tables import TABLE_KEYS
from sociale_kaart.models import Organisation
from uitleen.models import AidType, Handout

pytestmark = pytest.mark.django_db

STARTERS = ["=2+3", "+2+3", "-2+3", "@SUM(1)", "\t=2+3", "\r=2+3"]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=2+3", "'=2+3"),
        ("+31 6", "'+31 6"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("van 't Hof", "van 't Hof"),
        ("Vervoer - ritten", "Vervoer - ritten"),
        (-3, -3),
        (-1.5, -1.5),
        (0, 0),
        (None, None),
    ],
)
def test_safe_cell(value, expected):
    assert exports.safe_cell(value) == expected


@pytest.fixture
def formula_names(crafted_year, other_village):
    """Every name that reaches an export starts with one of the starters."""
    names = iter(STARTERS * 20)

    def rename(queryset, field):
        for obj in queryset:
            setattr(obj, field, f"{next(names)} {obj.pk}")
            obj.save(update_fields=[field])

    rename(HelpCategory.objects.all(), "name")
    rename(ReasonCode.objects.all(), "label")
    rename(ActivityKind.objects.all(), "name")
    rename(AidType.objects.all(), "name")
    rename(Organisation.objects.all(), "name")
    Village.objects.filter(pk=crafted_year.village.pk).update(name="=2+3 Warffum")
    Village.objects.filter(pk=other_village.pk).update(name="-Usquert")
    Handout.objects.create(village=crafted_year.village, name="=HYPERLINK(1)")
    return crafted_year


def _assert_csv_safe(text: str, label: str) -> int:
    checked = 0
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"):
        for cell in row:
            checked += 1
            if exports.is_formula_like(cell):
                # a negative number is a number, not text
                assert cell.lstrip("-").replace(",", "").isdigit(), f"{cell!r} in {label}"
    return checked


def test_no_csv_or_xlsx_cell_can_run(client, formula_names, other_village):
    from openpyxl import load_workbook

    from accounts.roles import Role
    from tests.factories import user_with_role

    client.force_login(user_with_role(Role.READER, formula_names.village, other_village))
    for query in ({"year": 2024, "village": "warffum"}, {"year": 2024}):
        seen_neutralised = set()
        for key in TABLE_KEYS:
            response = client.get(reverse("rapportage:csv", args=[key]), query)
            text = response.content.decode("utf-8-sig")
            assert _assert_csv_safe(text, key)
            seen_neutralised |= {s for s in ("'=2+3", "'-", "'@", "'+") if s in text}
        assert {"'=2+3", "'@", "'+"} <= seen_neutralised  # the names did reach the CSVs

        book = load_workbook(io.BytesIO(client.get(reverse("rapportage:xlsx"), query).content))
        strings = 0
        for sheet in book:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"formula in {sheet.title}!{cell.coordinate}"
                    if isinstance(cell.value, str):
                        strings += 1
                        assert not exports.is_formula_like(cell.value), cell.value
                    if cell.data_type == "n" and cell.value is not None:
                        assert isinstance(cell.value, int | float)
        assert strings
        cover = book.worksheets[0]
        villages = cover["B2"].value
        assert villages.startswith("'") and "=2+3 Warffum" in villages
        assert isinstance(book.worksheets[1]["B3"].value, int)  # numbers stay numbers

    from rapportage.overview import build_overview

    text = exports.overview_csv(build_overview(list(Village.objects.all()), 2024))
    assert _assert_csv_safe(text, "command csv")
    assert "'=2+3" in text


def test_negative_numbers_stay_numbers_in_xlsx():
    from openpyxl import load_workbook

    from rapportage.tables import Row, Table

    table = Table(key="t", title="-t", columns=["2024"], rows=[Row("a", "=a", [-2])])
    text = exports.table_csv(table)
    assert "'=a;-2" in text
    book = Workbook_from(table)
    sheet = load_workbook(io.BytesIO(book)).worksheets[0]
    assert sheet["A1"].value == "'-t"
    assert sheet["B2"].value == -2 and sheet["B2"].data_type == "n"
    assert sheet["A2"].value == "'=a" and sheet["A2"].data_type == "s"


def Workbook_from(table):  # noqa: N802 - reads like the thing it makes
    from openpyxl import Workbook

    book = Workbook()
    sheet = exports._SafeSheet(book.active)
    sheet.append([table.title])
    for row in table.rows:
        sheet.append([row.label] + row.values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
