"""Fragment caching for the filter forms at the top of list pages.

An unbound filter form renders the same HTML on every visit until one of its choices
changes, and rendering it field by field with crispy costs more than the rest of a list
page. `cached_form_html` renders it once and keeps the HTML in the cache under a key made
of the template, the language and every choice the form shows (read once, as rendering
would), so a new category or coordinator gives a new key at once and nothing stale shows.
"""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

SECONDS = 60 * 60


def cached_form_html(request, form, template: str, context: dict) -> SafeString:
    """`template` rendered with `context` (which shows `form`, unbound), from the cache
    when the same choices were rendered before. Takes the queries the choices take."""
    key_parts = [template, get_language()]
    for name, field in form.fields.items():
        if not hasattr(field, "choices"):
            continue
        # Read once (a comprehension: list() would count a queryset's rows first, one
        # query more) and rendered from this list.
        choices = [choice for choice in field.choices]  # noqa: C416
        field.widget.choices = choices
        key_parts.append([name, [(str(value), str(label)) for value, label in choices]])
    digest = hashlib.sha256(json.dumps(key_parts).encode()).hexdigest()[:32]
    key = f"fragments:form:{digest}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, context, request=request)
        cache.set(key, html, SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template, rendered just above
