from django import template

from rapportage.charts import bar_chart as compute_bar_chart

register = template.Library()


@register.inclusion_tag("rapportage/_bar_chart.html")
def bar_chart(table):
    """`{% bar_chart table %}`: an accessible inline SVG bar chart of a `tables.Table`."""
    return {"table": table, "chart": compute_bar_chart(table)}
