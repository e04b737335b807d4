"""The board's warning when messages cannot really go out."""

from django import template

from ..selectors import delivery_trouble

register = template.Library()


@register.inclusion_tag("meldingen/_delivery_banner.html", takes_context=True)
def delivery_banner(context):
    request = context.get("request")
    access = getattr(request, "access", None)
    village = getattr(access, "village", None)
    return {"trouble": delivery_trouble(village) if village is not None else None}
