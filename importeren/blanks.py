"""Downloadable templates (sjablonen): an empty CSV and an XLSX with an explanation sheet.

The CSV has only the header row, separated by semicolons and with a BOM, as Dutch Excel
writes and reads it. The XLSX has the header on its first sheet and, on a second sheet, every
column with what it means and an example, and the codes that are allowed.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from hulpvragen.models import HelpCategory, HelpRequest, ReasonCode
from vrijwilligers.models import StopReason

from .columns import REQUEST_COLUMNS, STOP_REASON_ALIASES, VOLUNTEER_COLUMNS
from .models import ImportKind


def columns_for(kind: str):
    return VOLUNTEER_COLUMNS if kind == ImportKind.VOLUNTEERS else REQUEST_COLUMNS


def code_lists(kind: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(column, [(code, meaning)]) for the columns that take codes."""
    categories = [(c.code, c.name) for c in HelpCategory.objects.filter(is_active=True)]
    if kind == ImportKind.VOLUNTEERS:
        dutch_stop = {value: key for key, value in STOP_REASON_ALIASES.items()}
        return [
            ("soorten_hulp", categories),
            (
                "dagen",
                [
                    ("ma", _("Monday")),
                    ("di", _("Tuesday")),
                    ("wo", _("Wednesday")),
                    ("do", _("Thursday")),
                    ("vr", _("Friday")),
                    ("za", _("Saturday")),
                    ("zo", _("Sunday")),
                ],
            ),
            (
                "reden_gestopt",
                [(dutch_stop.get(value, value), str(label)) for value, label in StopReason.choices],
            ),
        ]
    return [
        ("soort", categories),
        (
            "uitkomst",
            [
                ("uitgevoerd", _("carried out by one or more volunteers")),
                ("informatie", _("information given")),
                ("doorverwezen", _("referred to an organisation")),
                ("afgewezen", _("rejected")),
                ("niet_doorgegaan", _("did not go ahead")),
            ],
        ),
        (
            "reden",
            [
                (r.code, f"{r.label} ({r.get_applies_to_display()})")
                for r in ReasonCode.objects.filter(is_active=True)
            ],
        ),
        ("kanaal", [(value, str(label)) for value, label in HelpRequest.Channel.choices]),
    ]


def template_csv(kind: str) -> bytes:
    header = ";".join(column.name for column in columns_for(kind))
    return ("\ufeff" + header + "\r\n").encode("utf-8")


def template_xlsx(kind: str) -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    data = workbook.active
    data.title = _("Data")[:31]
    columns = columns_for(kind)
    data.append([column.name for column in columns])
    for cell in data[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        data.column_dimensions[openpyxl.utils.get_column_letter(index)].width = max(
            14, len(column.name) + 4
        )
    data.freeze_panes = "A2"

    notes = workbook.create_sheet(_("Explanation")[:31])
    notes.append([_("Column"), _("Meaning"), _("Example"), _("Must be present")])
    for column in columns:
        notes.append(
            [column.name, str(column.help), column.example, _("yes") if column.required else ""]
        )
    notes.append([])
    notes.append([_("Codes")])
    for column_name, codes in code_lists(kind):
        for code, meaning in codes:
            notes.append([column_name, code, str(meaning)])
    for row in (notes[1], notes[len(columns) + 3]):
        for cell in row:
            cell.font = Font(bold=True)
    notes.column_dimensions["A"].width = 20
    notes.column_dimensions["B"].width = 60
    notes.column_dimensions["C"].width = 30
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
