from django import template

from rapportage.charts import bar_chart as compute_bar_chart
from rapportage.charts import line_chart as compute_line_chart
from rapportage.tables import MONTHS_SHORT

register = template.Library()


@register.inclusion_tag("rapportage/_bar_chart.html")
def bar_chart(table, with_previous=True, prefix="chart"):
    """`{% bar_chart table with_previous %}`: an accessible inline SVG bar chart of a
    `tables.Table`; without last year's bars when `with_previous` is false."""
    return {
        "table": table,
        "chart": compute_bar_chart(table, with_previous=with_previous),
        "prefix": prefix,
    }


@register.inclusion_tag("rapportage/_line_chart.html")
def month_trend_chart(table, prefix="chart"):
    """`{% month_trend_chart table %}`: one line per year (a column of the trend table)
    over the twelve months."""
    series = [
        (column, [row.values[i] for row in table.rows]) for i, column in enumerate(table.columns)
    ]
    return {
        "table": table,
        "chart": compute_line_chart([str(m) for m in MONTHS_SHORT], series),
        "prefix": prefix,
    }


@register.inclusion_tag("rapportage/_line_chart.html")
def year_trend_chart(table, prefix="chart"):
    """`{% year_trend_chart table %}`: one line over the years of the yearly trend table."""
    series = [(table.columns[0], [row.values[0] for row in table.rows])]
    return {
        "table": table,
        "chart": compute_line_chart([row.label for row in table.rows], series),
        "prefix": prefix,
    }
