"""The overview's tables and charts as HTML and inline SVG, built in Python.

The page, the PDF and the presentation show some twenty tables and charts of a few
hundred elements each; put together here (escaped like the templates escape, numbers
localised like the templates localise them) instead of through template includes, they
take a fraction of the time. The geometry stays in `charts`, the figures in `tables`.
Every text that does not come from this module (labels, titles, legends, figures) goes
through `conditional_escape`.
"""

from __future__ import annotations

from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .charts import bar_chart as compute_bar_chart
from .tables import Table

DASH = "–"
CURRENT_BAR = 'fill="#1f5f8b"'
TOTAL_ROW = ' class="fw-bold total-row"'
PREVIOUS_BAR = 'fill="#c5d8e8" stroke="#1f5f8b" stroke-dasharray="3 2"'


def _e(value) -> str:
    return conditional_escape(value)


def _number(value) -> str:
    """A figure as `{{ value }}` shows it: localised, escaped. A whole number below a
    thousand reads the same in every locale (no grouping, no decimals): no lookup."""
    if type(value) is int and -1000 < value < 1000:
        return str(value)
    return conditional_escape(localize(value))


def table_html(table: Table, show_previous=True) -> SafeString:
    """The table of figures (`<table>` with a hidden caption, header cells with scope, a
    total row in bold) and its note; without the last column when `show_previous` is
    False (last year has no data)."""
    keep = len(table.columns) if show_previous is not False else len(table.columns) - 1
    unit = f" {_e(table.unit)}" if table.unit else ""
    out = [
        f'<table class="table table-sm overview-table" id="table-{_e(table.key)}">\n'
        f'  <caption class="visually-hidden">{_e(table.title)}</caption>\n'
        "  <thead>\n"
        "    <tr>\n"
        f'      <th scope="col">{_e(table.first_column)}</th>\n'
        "      "
    ]
    out.extend(f'<th scope="col" class="text-end">{_e(c)}</th>' for c in table.columns[:keep])
    out.append("\n    </tr>\n  </thead>\n  <tbody>\n    ")
    for row in table.rows:
        strong = row.strong
        row_class = TOTAL_ROW if strong else ""
        out.append(
            f"\n    <tr{row_class}>\n"
            f'      <th scope="row" class="fw-normal{" fw-bold" if strong else ""}">'
            f"{_e(row.label)}</th>\n      "
        )
        for value in row.values[:keep]:
            shown = DASH if value is None else f"{_number(value)}{unit}"
            out.append(f'<td class="text-end">{shown}</td>')
        out.append("\n    </tr>\n    ")
    if not table.rows:
        nothing = _e(gettext("Nothing to count in these years."))
        out.append(
            f'\n    <tr><td colspan="{len(table.columns) + 1}" class="text-muted">'
            f"{nothing}</td></tr>\n    "
        )
    out.append("\n  </tbody>\n</table>\n")
    if table.note:
        out.append(f'<p class="small text-muted mb-0">{_e(table.note)}</p>')
    out.append("\n")
    return mark_safe("".join(out))  # noqa: S308 - every outside text above is escaped


def _chart_title(table: Table) -> str:
    return gettext("Chart: %(title)s") % {"title": _e(table.title)}


def _labelled_by(prefix: str, table: Table) -> tuple[str, str]:
    base = f"{_e(prefix)}-{_e(table.key)}"
    return f"{base}-title", f"{base}-desc"


def bar_chart_svg(table: Table, with_previous=True, prefix="chart") -> SafeString:
    """The accessible inline SVG bar chart of `table` (`charts.bar_chart` geometry): a title
    and description, the legend, wrapped labels, a bar and its number per value."""
    chart = compute_bar_chart(table, with_previous=with_previous)
    title_id, desc_id = _labelled_by(prefix, table)
    label_x = chart["label_x"]
    legend = chart["legend"]
    if chart["with_previous"]:
        desc = gettext(
            "Bars for %(current)s (dark) and %(previous)s (light). The numbers are in the table."
        ) % {"current": _e(legend[0]), "previous": _e(legend[1])}
        previous_legend = (
            f'<rect x="{_number(label_x + 140)}" y="6" width="16" height="16" '
            f'{PREVIOUS_BAR}></rect>\n    <text x="{_number(label_x + 162)}" y="19" '
            f'fill="#212529">{_e(legend[1])}</text>'
        )
    else:
        desc = gettext("Bars for %(current)s. The numbers are in the table.") % {
            "current": _e(legend[0])
        }
        previous_legend = ""
    height = str(chart["height"])
    out = [
        f'<svg class="bar-chart" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {_number(chart["width"])} {height}" width="{_number(chart["width"])}" '
        f'height="{height}" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'focusable="false" font-size="{_number(chart["font"])}">\n'
        f'  <title id="{title_id}">{_chart_title(table)}</title>\n'
        f'  <desc id="{desc_id}">{desc}</desc>\n'
        '  <g class="legend">\n'
        f'    <rect x="{_number(label_x + 8)}" y="6" width="16" height="16" '
        f'fill="#1f5f8b"></rect>\n'
        f'    <text x="{_number(label_x + 30)}" y="19" fill="#212529">{_e(legend[0])}</text>\n'
        f"    {previous_legend}\n"
        "  </g>\n  "
    ]
    x = _number(label_x)
    for label in chart["labels"]:
        lines = "".join(f'<tspan x="{x}" y="{y}">{_e(line)}</tspan>' for y, line in label.lines)
        out.append(f'<text x="{x}" text-anchor="end" fill="#212529">{lines}</text>\n  ')
    for bar in chart["bars"]:
        out.append(
            f'<rect x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{_number(bar.height)}" '
            f"{CURRENT_BAR if bar.current else PREVIOUS_BAR}></rect>"
            f'<text x="{bar.text_x}" y="{bar.text_y}" fill="#212529">{_e(bar.text)}</text>\n  '
        )
    out.append("\n</svg>\n")
    return mark_safe("".join(out))  # noqa: S308 - every outside text above is escaped


def line_chart_svg(table: Table, chart: dict, prefix="chart") -> SafeString:
    """The accessible inline SVG line chart of `chart` (`charts.line_chart` geometry) for
    the trend `table`: a title and description, the legend, gridlines with their numbers,
    the x labels and per series a polyline with a marker and tooltip per point."""
    title_id, desc_id = _labelled_by(prefix, table)
    width, height = _number(chart["width"]), _number(chart["height"])
    plot_left, plot_right = _number(chart["plot_left"]), _number(chart["plot_right"])
    out = [
        f'<svg class="line-chart" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" focusable="false" '
        f'font-size="{_number(chart["font"])}">\n'
        f'  <title id="{title_id}">{_chart_title(table)}</title>\n'
        f'  <desc id="{desc_id}">'
        + _e(
            gettext(
                "One line per year, each with its own dash pattern and marker. "
                "The numbers are in the table."
            )
        )
        + "</desc>\n"
        '  <g class="legend">'
    ]
    for item in chart["legend"]:
        dash = f' stroke-dasharray="{_e(item["dash"])}"' if item["dash"] else ""
        out.append(
            f'\n    <line x1="{_number(item["x"])}" y1="14" x2="{_number(item["x"] + 28)}" '
            f'y2="14" stroke="{_e(item["stroke"])}" stroke-width="3"{dash}></line>\n'
            f'    <text x="{_number(item["x"] + 34)}" y="19" fill="#212529">'
            f"{_e(item['name'])}</text>"
        )
    out.append("\n  </g>\n  ")
    grid_text_x = _number(chart["plot_left"] - 8)
    for line in chart["grid"]:
        out.append(
            f'<line x1="{plot_left}" y1="{line["y"]}" x2="{plot_right}" y2="{line["y"]}" '
            f'stroke="#ced4da" stroke-width="1"></line><text x="{grid_text_x}" '
            f'y="{line["y"]}" dy="5" text-anchor="end" fill="#212529">{_e(line["text"])}</text>'
            "\n  "
        )
    axis_y = _number(chart["axis_y"])
    out.append(
        f'<line x1="{plot_left}" y1="{axis_y}" x2="{plot_right}" y2="{axis_y}" '
        'stroke="#212529" stroke-width="1.5"></line>\n  '
    )
    label_y = _number(chart["label_y"])
    for label in chart["x_labels"]:
        out.append(
            f'<text x="{label["x"]}" y="{label_y}" text-anchor="middle" fill="#212529">'
            f"{_e(label['text'])}</text>\n  "
        )
    for line in chart["lines"]:
        stroke = _e(line["stroke"])
        dash = f' stroke-dasharray="{_e(line["dash"])}"' if line["dash"] else ""
        circle = line["marker"] == "circle"
        radius = "5" if circle else "4"
        fill = stroke if circle else "#fff"
        name = _e(line["name"])
        out.append(
            '<g class="series">\n'
            f'    <polyline points="{_e(line["path"])}" fill="none" stroke="{stroke}" '
            f'stroke-width="{"4" if line["current"] else "2.5"}"{dash}></polyline>\n    '
        )
        out.extend(
            f'<circle cx="{p.x}" cy="{p.y}" r="{radius}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="2"><title>{name}: {_e(p.text)}</title></circle>'
            for p in line["points"]
        )
        out.append("\n  </g>")
    out.append("\n</svg>\n")
    return mark_safe("".join(out))  # noqa: S308 - every outside text above is escaped
