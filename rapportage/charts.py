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

WIDTH = 460
LABEL_WIDTH = 180
VALUE_ROOM = 48
BAR = 16
ROW_GAP = 12
TOP = 34  # room for the legend
FONT = 14  # px on screen; the PDF draws a chart so that this is at least 10 pt
LINE = 17  # height of a line of label text
LABEL_CHARS = 20  # characters per label line at FONT (wrapped, never cut)


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
    text: str  # the whole label
    lines: tuple[tuple[float, str], ...] = ()  # (y, text) per wrapped line

    @property
    def full(self) -> str:
        return self.text


def wrap(text: str, width: int = LABEL_CHARS) -> list[str]:
    """`text` in lines of at most `width` characters, broken between words; a word longer
    than a line is broken inside it. Nothing is left out."""
    import textwrap

    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=True) or [""]


def _text(value) -> str:
    if value is None:
        return "–"
    if type(value) is int and -1000 < value < 1000:
        return str(value)  # what number_format gives in every locale, without its lookups
    return number_format(value, decimal_pos=1 if isinstance(value, float) else None)


def bar_chart(table: Table, *, with_previous: bool = True) -> dict:
    """Coordinates for the chart of `table`: this year's column, and the year before beside
    it when `with_previous` (leave it out when last year has no data). Labels are wrapped
    over as many lines as they need."""
    rows = table.chart_rows
    if with_previous:
        pairs = [(row, row.values[-2], row.values[-1]) for row in rows]
    else:
        pairs = [(row, row.values[-2], None) for row in rows]
    biggest = max([v for _row, *values in pairs for v in values if v] or [1])
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    bars, labels = [], []
    y = TOP
    bars_per_row = 2 if with_previous else 1
    for row, current, previous in pairs:
        lines = wrap(row.label)
        bar_height = bars_per_row * BAR + (bars_per_row - 1)
        block = max(bar_height, len(lines) * LINE)
        first_line = y + (block - len(lines) * LINE) / 2 + LINE - 4
        labels.append(
            Label(
                y=first_line,
                text=row.label,
                lines=tuple(
                    (round(first_line + i * LINE, 1), line) for i, line in enumerate(lines)
                ),
            )
        )
        top = y + (block - bar_height) / 2
        todo = [(0, current, True)] + ([(BAR + 1, previous, False)] if with_previous else [])
        for offset, value, is_current in todo:
            length = room * (value or 0) / biggest
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=round(top + offset, 1),
                    width=round(max(length, 0), 1),
                    height=BAR,
                    current=is_current,
                    text=_text(value),
                    text_x=round(LABEL_WIDTH + max(length, 0) + 5, 1),
                    text_y=round(top + offset + BAR - 3, 1),
                )
            )
        y += block + ROW_GAP
    return {
        "width": WIDTH,
        "height": round(y, 1),
        "bars": bars,
        "labels": labels,
        "label_x": LABEL_WIDTH - 8,
        "legend": [table.columns[-2], table.columns[-1]] if with_previous else [table.columns[-2]],
        "with_previous": with_previous,
        "font": FONT,
    }


# --- line charts (trends) -------------------------------------------------------------------

LINE_WIDTH = 560
LINE_HEIGHT = 300
PLOT_LEFT = 56
PLOT_RIGHT = 20
PLOT_TOP = 40  # room for the legend
PLOT_BOTTOM = 44  # room for the x labels
# One dash pattern and marker per line, so that lines differ without colour.
STYLES = [
    {"stroke": "#1f5f8b", "dash": "", "marker": "circle"},
    {"stroke": "#6c757d", "dash": "8 4", "marker": "square"},
    {"stroke": "#8a5a00", "dash": "2 4", "marker": "diamond"},
    {"stroke": "#4b7f3a", "dash": "12 4 2 4", "marker": "triangle"},
    {"stroke": "#7a2e6b", "dash": "4 2", "marker": "cross"},
]


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: int
    text: str


def _nice_top(biggest: int) -> int:
    """The axis top: the smallest of 1, 2, 5 × 10^k at or above `biggest` (at least 1)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if factor * step >= biggest:
                return factor * step
        step *= 10


def line_chart(x_labels: list[str], series: list[tuple[str, list[int]]]) -> dict:
    """Coordinates for a line chart: one line per (name, values) in `series`, one point per
    x label (the values are counts, never None). The last series is drawn on top and
    thickest (this year). A y axis from 0 with at most 5 gridlines; every point carries its
    number for the title tooltip; the table beside the chart is the accessible source."""
    biggest = max([v for _name, values in series for v in values] or [0])
    top = _nice_top(max(biggest, 1))
    plot_w = LINE_WIDTH - PLOT_LEFT - PLOT_RIGHT
    plot_h = LINE_HEIGHT - PLOT_TOP - PLOT_BOTTOM
    steps = max(len(x_labels) - 1, 1)

    def x_at(i: int) -> float:
        return round(PLOT_LEFT + (plot_w * i / steps if len(x_labels) > 1 else plot_w / 2), 1)

    def y_at(value: int) -> float:
        return round(PLOT_TOP + plot_h * (1 - value / top), 1)

    ticks = sorted({round(top * i / 4) for i in range(5)})  # whole numbers: these are counts
    grid = [{"y": y_at(t), "text": _text(t)} for t in ticks]
    lines = []
    for index, (name, values) in enumerate(series):
        style = STYLES[(len(series) - 1 - index) % len(STYLES)]
        points = [Point(x=x_at(i), y=y_at(v), value=v, text=_text(v)) for i, v in enumerate(values)]
        lines.append(
            {
                "name": name,
                "points": points,
                "path": " ".join(f"{p.x},{p.y}" for p in points),
                "current": index == len(series) - 1,
                **style,
            }
        )
    legend = [
        {"x": PLOT_LEFT + i * 100, "name": line["name"], **{k: line[k] for k in STYLES[0]}}
        for i, line in enumerate(lines)
    ]
    return {
        "width": LINE_WIDTH,
        "height": LINE_HEIGHT,
        "lines": lines,
        "grid": grid,
        "x_labels": [{"x": x_at(i), "text": str(label)} for i, label in enumerate(x_labels)],
        "plot_left": PLOT_LEFT,
        "plot_right": LINE_WIDTH - PLOT_RIGHT,
        "axis_y": LINE_HEIGHT - PLOT_BOTTOM,
        "label_y": LINE_HEIGHT - PLOT_BOTTOM + 24,
        "legend": legend,
        "font": FONT,
    }
