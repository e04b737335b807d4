from django import template

from rapportage.charts import line_chart as compute_line_chart
from rapportage.markup import bar_chart_svg, line_chart_svg, table_html
from rapportage.tables import MONTHS_SHORT

register = template.Library()


@register.simple_tag
def overview_table(table, show_previous=True):
    """`{% overview_table table show_previous %}`: the table of figures of a
    `tables.Table` and its note; without last year's column when `show_previous` is False."""
    return table_html(table, show_previous)


@register.simple_tag
def bar_chart(table, with_previous=True, prefix="chart"):
    """`{% bar_chart table with_previous %}`: an accessible inline SVG bar chart of a
    `tables.Table`; without last year's bars when `with_previous` is false."""
    return bar_chart_svg(table, with_previous, prefix)


@register.simple_tag
def month_trend_chart(table, prefix="chart"):
    """`{% month_trend_chart table %}`: one line per year (a column of the trend table)
    over the twelve months."""
    series = [
        (column, [row.values[i] for row in table.rows]) for i, column in enumerate(table.columns)
    ]
    chart = compute_line_chart([str(m) for m in MONTHS_SHORT], series)
    return line_chart_svg(table, chart, prefix)


@register.simple_tag
def year_trend_chart(table, prefix="chart"):
    """`{% year_trend_chart table %}`: one line over the years of the yearly trend table."""
    series = [(table.columns[0], [row.values[0] for row in table.rows])]
    chart = compute_line_chart([row.label for row in table.rows], series)
    return line_chart_svg(table, chart, prefix)
