"""A small horizontal bar chart, computed here and drawn as inline SVG by a template.

Pure geometry: `bar_chart(table)` reads a `tables.Table` and returns the coordinates of the
bars, labels and legend. Each row gets two bars: this year (dark) and the year before (light,
dashed outline), so the difference does not rest on colour alone. The chart repeats what the
table beside it says; the table is the accessible source of the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format

from .tables import Table

WIDTH = 440
LABEL_WIDTH = 150
VALUE_ROOM = 40
BAR = 11
ROW_GAP = 10
TOP = 26  # room for the legend
LABEL_CHARS = 22


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    current: bool
    text: str
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Label:
    y: float
    text: str
    full: str


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def _text(value) -> str:
    if value is None:
        return "–"
    return number_format(value, decimal_pos=1 if isinstance(value, float) else None)


def bar_chart(table: Table) -> dict:
    """Coordinates for the chart of `table`: this year's column against the year before."""
    rows = table.chart_rows
    pairs = [(row, row.values[-2], row.values[-1]) for row in rows]
    biggest = max([v for _row, *values in pairs for v in values if v] or [1])
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    bars, labels = [], []
    y = TOP
    for row, current, previous in pairs:
        labels.append(Label(y=y + BAR + 3, text=_short(row.label), full=row.label))
        for offset, value, is_current in ((0, current, True), (BAR + 1, previous, False)):
            length = room * (value or 0) / biggest
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=y + offset,
                    width=round(max(length, 0), 1),
                    height=BAR,
                    current=is_current,
                    text=_text(value),
                    text_x=round(LABEL_WIDTH + max(length, 0) + 4, 1),
                    text_y=y + offset + BAR - 2,
                )
            )
        y += 2 * BAR + 1 + ROW_GAP
    return {
        "width": WIDTH,
        "height": y,
        "bars": bars,
        "labels": labels,
        "label_x": LABEL_WIDTH - 6,
        "legend": [table.columns[-2], table.columns[-1]],
    }
