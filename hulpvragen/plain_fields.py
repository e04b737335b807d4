"""Unbound form fields with the markup crispy's Bootstrap 5 pack gives them, built in Python.

For forms a page shows unbound on every visit (no errors, no values yet), where rendering
through crispy's templates cost milliseconds per form. Whitespace aside, the markup is
crispy's: the same wrapper, ids, classes, labels (with the spaces around their text) and
options. Labels and choices are
escaped by `format_html`.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


def options(choices) -> SafeString:
    """<option>s (and <optgroup>s) of an unbound select: none chosen but an empty one."""
    parts = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', value, options(label)))
        else:
            parts.append(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    value,
                    mark_safe(" selected") if value == "" else "",
                    label,
                )
            )
    return mark_safe("".join(parts))  # noqa: S308 - every part built by format_html


def select(name: str, label, choices) -> SafeString:
    return format_html(
        '<div id="div_id_{name}" class="mb-3"><label for="id_{name}" class="form-label"> '
        '{label} </label><select name="{name}" class="select form-select" id="id_{name}">'
        "{options}</select></div>",
        name=name,
        label=label,
        options=options(choices),
    )


def textarea(name: str, label, rows) -> SafeString:
    # The newline after the opening tag is Django's own (a browser drops it).
    return format_html(
        '<div id="div_id_{name}" class="mb-3"><label for="id_{name}" class="form-label"> '
        '{label} </label><textarea name="{name}" cols="40" rows="{rows}" '
        'class="textarea form-control" id="id_{name}">\n</textarea></div>',
        name=name,
        label=label,
        rows=rows,
    )


def text_input(name: str, label) -> SafeString:
    return format_html(
        '<div id="div_id_{name}" class="mb-3"><label for="id_{name}" class="form-label"> '
        '{label} </label><input type="text" name="{name}" class="textinput form-control" '
        'id="id_{name}"></div>',
        name=name,
        label=label,
    )


def checkbox(name: str, label) -> SafeString:
    return format_html(
        '<div class="mb-3"><div id="div_id_{name}" class="form-check"><input type="checkbox" '
        'name="{name}" class="checkboxinput form-check-input" id="id_{name}"> '
        '<label for="id_{name}" class="form-check-label"> {label} </label></div></div>',
        name=name,
        label=label,
    )
