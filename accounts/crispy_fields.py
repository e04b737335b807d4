"""Form fields with the markup crispy's Bootstrap 5 pack gives them, built in Python.

Rendering a field through crispy's `bootstrap5/field.html` (and Django's widget templates,
one include per <option>) costs about a millisecond per field. `field_html` writes the same
markup, whitespace aside, for the fields the list pages filter with: a text input, a
textarea, a select (with or without an error) and a checkbox, bound or unbound. For
anything else (help text, a required or disabled field, an error on another widget, another
kind of widget, attributes it does not know) it returns None and the caller renders the
field through crispy. `select`, `textarea`, `text_input` and `checkbox` write the unbound
field from its name, label and choices alone, for pages that build a form's markup without
a form instance. Names, labels, choices, values and attributes are escaped.
`tests/accounts/test_crispy_fields.py` compares the output with crispy's.
"""

from __future__ import annotations

import html

from django import forms
from django.conf import settings
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe


def _esc(value) -> str:
    """`conditional_escape` (a safe string as it is, else escaped) without its lazy wrapper,
    which cost more than the escaping in a select's loop over its options."""
    if type(value) is str:
        return html.escape(value)
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


# The widgets written here, with the classes crispy's Bootstrap 5 pack gives them.
_CLASSES = {
    forms.TextInput: "textinput form-control",
    forms.Textarea: "textarea form-control",
    forms.Select: "select form-select",
    forms.CheckboxInput: "checkboxinput form-check-input",
}


def _css_class(widget, errors) -> str:
    """The class crispy's `crispy_field` tag gives the widget: the widget's own class, the
    widget's name (as CRISPY_CLASS_CONVERTERS has it) unless the class holds it, then the
    Bootstrap class and, with errors, `is-invalid`, each unless the class has it."""
    kind = type(widget).__name__.lower()
    kind = getattr(settings, "CRISPY_CLASS_CONVERTERS", {}).get(kind, kind)
    css = widget.attrs.get("class", "")
    if not css:
        css = kind
    elif css.find(kind) == -1:
        css += f" {kind}"
    extra = _CLASSES[type(widget)].split()[-1:] + (["is-invalid"] if errors else [])
    for name in extra:
        if name not in css.split():
            css += f" {name}"
    return css


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: `name="value"`, a bare name for True, none for False."""
    return "".join(
        f" {_esc(name)}" if value is True else f' {_esc(name)}="{_esc(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def options(choices, values=("",)) -> SafeString:
    """The <option>s (and <optgroup>s) of a select: the first whose value is in `values`
    (strings) is selected, as Django's Select chooses."""
    selected = [False]  # whether one is selected yet, shared by the groups

    def build(choices) -> str:
        parts = []
        for value, label in choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{_esc(value)}">{build(label)}</optgroup>')
                continue
            value = "" if value is None else str(value)
            chosen = not selected[0] and value in values
            selected[0] = selected[0] or chosen
            parts.append(
                f'<option value="{_esc(value)}"{" selected" if chosen else ""}>'
                f"{_esc(label)}</option>"
            )
        return "".join(parts)

    return mark_safe(build(choices))  # noqa: S308 - every value and label escaped


def _errors(auto_id: str, errors) -> str:
    """crispy's bootstrap5/layout/help_text_and_errors.html for a field's errors."""
    auto_id = _esc(auto_id)
    messages = "".join(
        f'<p id="error_{n}_{auto_id}"><strong>{_esc(error)}</strong></p>'
        for n, error in enumerate(errors, start=1)
    )
    return f'<div id="{auto_id}_error" class="invalid-feedback">{messages}</div>'


def _wrapped(auto_id, label, control: SafeString, errors="") -> SafeString:
    """`control` and `errors` are markup built here; the id and the label are escaped."""
    auto_id = _esc(auto_id)
    return mark_safe(  # noqa: S308 - id and label escaped, the rest built escaped
        f'<div id="div_{auto_id}" class="mb-3"><label for="{auto_id}" class="form-label"> '
        f"{_esc(label)} </label>{control}{errors}</div>"
    )


def _checkbox_wrapped(auto_id, label, control: SafeString) -> SafeString:
    auto_id = _esc(auto_id)
    return mark_safe(  # noqa: S308 - id and label escaped, the control built escaped
        f'<div class="mb-3"><div id="div_{auto_id}" class="form-check">{control} '
        f'<label for="{auto_id}" class="form-check-label"> {_esc(label)} </label></div></div>'
    )


def _select(name, attrs: dict, choices, values) -> SafeString:
    return mark_safe(  # noqa: S308 - escaped by _attrs and options
        f"<select{_attrs({'name': name, **attrs})}>{options(choices, values)}</select>"
    )


def _input(input_type, name, value, attrs: dict) -> SafeString:
    shown = {"value": value} if value is not None else {}
    return mark_safe(  # noqa: S308 - escaped by _attrs
        f"<input{_attrs({'type': input_type, 'name': name, **shown, **attrs})}>"
    )


def _textarea(name, value, attrs: dict) -> SafeString:
    # The newline after the opening tag is Django's own (a browser drops it).
    value = "" if value is None else _esc(value)
    return mark_safe(  # noqa: S308 - escaped by _attrs and _esc
        f"<textarea{_attrs({'name': name, **attrs})}>\n{value}</textarea>"
    )


# --- unbound fields from their name, label and choices -----------------------------------


def select(name: str, label, choices) -> SafeString:
    """An unbound select (the empty option selected), as crispy renders it."""
    auto_id = f"id_{name}"
    control = _select(name, {"class": _CLASSES[forms.Select], "id": auto_id}, choices, ("",))
    return _wrapped(auto_id, label, control)


def textarea(name: str, label, rows) -> SafeString:
    """An unbound textarea of `rows` rows (Django's 40 columns), as crispy renders it."""
    auto_id = f"id_{name}"
    attrs = {"cols": "40", "rows": rows, "class": _CLASSES[forms.Textarea], "id": auto_id}
    return _wrapped(auto_id, label, _textarea(name, None, attrs))


def text_input(name: str, label) -> SafeString:
    """An unbound, empty text input, as crispy renders it."""
    auto_id = f"id_{name}"
    attrs = {"class": _CLASSES[forms.TextInput], "id": auto_id}
    return _wrapped(auto_id, label, _input("text", name, None, attrs))


def checkbox(name: str, label) -> SafeString:
    """An unbound, unticked checkbox, as crispy renders it."""
    auto_id = f"id_{name}"
    attrs = {"class": _CLASSES[forms.CheckboxInput], "id": auto_id}
    return _checkbox_wrapped(auto_id, label, _input("checkbox", name, None, attrs))


# --- bound fields ------------------------------------------------------------------------


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


def _is_written_here(bound) -> bool:
    field, widget = bound.field, bound.field.widget
    return bool(
        type(widget) in _CLASSES
        and bound.label
        and bound.auto_id
        and "id" not in widget.attrs
        and not bound.help_text
        and not field.required
        and not field.disabled
        and not field.localize
        and not bound.css_classes()
        and getattr(bound.form, "helper", None) is None
        and (not bound.errors or type(widget) is forms.Select)
    )


def field_html(bound) -> SafeString | None:
    """`{{ bound|as_crispy_field }}` (Bootstrap 5) for a text input, a textarea, a select
    or a checkbox; None for a field it does not write (see the module's docstring)."""
    if not _is_written_here(bound):
        return None
    widget = bound.field.widget
    kind = type(widget)
    auto_id = bound.auto_id
    errors = bound.errors
    # Django adds aria-invalid and aria-describedby (the error's id) to a field with errors.
    attrs = bound.build_widget_attrs({"class": _css_class(widget, errors)}, widget)
    attrs["id"] = auto_id
    attrs = widget.build_attrs(widget.attrs, attrs)
    name, value = bound.html_name, bound.value()
    if kind is forms.CheckboxInput:
        if widget.check_test(value):
            attrs["checked"] = True
        control = _input("checkbox", name, widget.format_value(value), attrs)
        return _checkbox_wrapped(auto_id, bound.label, control)
    if kind is forms.Select:
        choices = _choices(bound.field)
        if choices is None:
            return None
        control = _select(name, attrs, choices, widget.format_value(value))
        return _wrapped(auto_id, bound.label, control, _errors(auto_id, errors) if errors else "")
    if kind is forms.Textarea:
        return _wrapped(auto_id, bound.label, _textarea(name, widget.format_value(value), attrs))
    control = _input(widget.input_type, name, widget.format_value(value), attrs)
    return _wrapped(auto_id, bound.label, control)
