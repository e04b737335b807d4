"""The registry's filter form, as HTML built in Python.

Rendered field by field with crispy (`_registry_filters.html`), the form cost about 5 ms a
page: more than the rest of the registry. The unbound form came from the fragment cache,
but every filtered page, every page after the first and every click on a count renders it
bound. `filter_fields_html` builds the same markup as crispy's Bootstrap 5 field template
gives for these fields (a text input, selects, checkboxes; labels; a select's error),
whitespace aside: `tests/vrijwilligers/test_registry_form.py` compares the two. For what it
does not know (help text, a required field, an error on a text input or a checkbox,
another kind of widget) it returns None and the template renders the form as before.
Every label, choice and value is escaped.
"""

from __future__ import annotations

import html as stdlib_html

from django import forms
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# (field, the column's classes) in the order of `_registry_filters.html`.
LAYOUT = (
    ("q", "col-12 col-lg-4"),
    ("category", "col-6 col-lg-2"),
    ("weekday", "col-6 col-lg-2"),
    ("daypart", "col-6 col-lg-2"),
    ("status", "col-6 col-lg-2"),
    ("asked", "col-6 col-lg-2"),
    ("overdue", "col-6 col-lg-3 pt-lg-4"),
    ("absent_now", "col-6 col-lg-3 pt-lg-4"),
)


def escape(value) -> str:
    return stdlib_html.escape(str(value))


def _text_input(bound) -> str | None:
    widget = bound.field.widget
    if type(widget) is not forms.TextInput or bound.errors:
        return None
    value = widget.format_value(bound.value())
    shown = f' value="{escape(value)}"' if value is not None else ""
    return (
        f'<input type="text" name="{escape(bound.html_name)}"{shown} '
        f'class="textinput form-control" id="{escape(bound.auto_id)}">'
    )


def _choices(field) -> list | None:
    """The field's choices. A model choice field's rows are read with a plain query: its
    own iterator reads them through a server-side cursor, four round trips."""
    if not isinstance(field, forms.ModelChoiceField):
        return list(field.choices)
    if getattr(field, "null_label", None) is not None or field.queryset._prefetch_related_lookups:
        return None
    choices = [("", field.empty_label)] if field.empty_label is not None else []
    choices += [
        (field.prepare_value(obj), field.label_from_instance(obj)) for obj in field.queryset
    ]
    return choices


def _select(bound) -> str | None:
    widget = bound.field.widget
    if type(widget) is not forms.Select:
        return None
    choices = _choices(bound.field)
    if choices is None:
        return None
    wanted = widget.format_value(bound.value())
    options = []
    chosen = False
    for value, label in choices:
        value = "" if value is None else str(value)
        selected = not chosen and value in wanted
        chosen = chosen or selected
        options.append(
            f'<option value="{escape(value)}"{" selected" if selected else ""}>'
            f"{escape(label)}</option>"
        )
    name, auto_id = escape(bound.html_name), escape(bound.auto_id)
    if bound.errors:
        attrs = (
            f'class="select form-select is-invalid" aria-invalid="true" '
            f'aria-describedby="{auto_id}_error"'
        )
        messages = "".join(
            f'<p id="error_{n}_{auto_id}"><strong>{escape(error)}</strong></p>'
            for n, error in enumerate(bound.errors, start=1)
        )
        errors = f'<div id="{auto_id}_error" class="invalid-feedback">{messages}</div>'
    else:
        attrs, errors = 'class="select form-select"', ""
    return f'<select name="{name}" {attrs} id="{auto_id}">{"".join(options)}</select>{errors}'


def _field(bound) -> str | None:
    """One field as crispy's `bootstrap5/field.html` renders it, or None."""
    field = bound.field
    if field.required or field.help_text or field.widget.is_hidden:
        return None
    auto_id = escape(bound.auto_id)
    label = escape(bound.label)
    if type(field.widget) is forms.CheckboxInput:
        if bound.errors:
            return None
        checked = " checked" if field.widget.check_test(bound.value()) else ""
        return (
            f'<div class="mb-3"><div id="div_{auto_id}" class="form-check">'
            f'<input type="checkbox" name="{escape(bound.html_name)}" '
            f'class="checkboxinput form-check-input" id="{auto_id}"{checked}>'
            f'<label for="{auto_id}" class="form-check-label"> {label} </label></div></div>'
        )
    control = _text_input(bound) if type(field.widget) is forms.TextInput else _select(bound)
    if control is None:
        return None
    return (
        f'<div id="div_{auto_id}" class="mb-3">'
        f'<label for="{auto_id}" class="form-label"> {label} </label>{control}</div>'
    )


def filter_fields_html(form) -> SafeString | None:
    """The inside of the registry's filter form, or None when a field needs crispy."""
    columns = []
    for name, classes in LAYOUT:
        markup = _field(form[name])
        if markup is None:
            return None
        columns.append(f'<div class="{classes}">{markup}</div>')
    filter_label, clear_label = escape(_("Filter")), escape(_("Clear"))
    buttons = (
        '<div class="col-12 col-lg-4 pt-lg-4 d-flex gap-2">'
        f'<button type="submit" class="btn btn-primary">{filter_label}</button>'
        f'<a class="btn btn-outline-secondary" href="{escape(reverse("vrijwilligers:registry"))}">'
        f"{clear_label}</a></div>"
    )
    return mark_safe(  # noqa: S308 - every label, choice and value above is escaped
        f'<div class="row g-2">{"".join(columns)}{buttons}</div>'
    )
