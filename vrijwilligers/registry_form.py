"""The registry's filter form, as HTML built in Python.

Rendered field by field with crispy (`_registry_filters.html`), the form cost about 5 ms a
page: more than the rest of the registry. The unbound form came from the fragment cache,
but every filtered page, every page after the first and every click on a count renders it
bound. `filter_fields_html` builds the fields with `accounts.crispy_fields` (the markup of
crispy's Bootstrap 5 field template, whitespace aside) in the template's rows and columns:
`tests/vrijwilligers/test_registry_form.py` compares the two. When a field is one
`crispy_fields` leaves to crispy (help text, a required field, an error on a text input or
a checkbox, another kind of widget) it returns None and the template renders the form as
before. Every label, choice and value is escaped.

For a `RegistryFilter` as declared, the markup is a function of the language, the script
prefix, whether the form is bound, the submitted values of its fields and the kinds of help
it offers (read from the database for every page): `registry_filter_html` keeps the markup
of the last `MEMO_SIZE` of those combinations, so that a page whose combination came before
builds neither the markup nor, without filters, the filterset and its form (which cost
0.3 ms: Django copies every field for every form).
"""

from __future__ import annotations

import html as stdlib_html

from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts import crispy_fields

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


MEMO_SIZE = 256
_memo: dict[tuple, SafeString | None] = {}


def registry_filter_html(data, categories, make_filterset) -> SafeString:
    """`filter_fields_html(filterset.form)` for a `RegistryFilter` whose fields are those
    it declares, remembered per language, script prefix, submitted values and kinds of
    help (see the module's docstring); when that is None, `_registry_filters.html`
    rendered by crispy. `data`: the submitted values (None for an unbound form);
    `categories`: the kinds of help, as `filters.category_choices()` gives them;
    `make_filterset()` gives the filterset for them, called only when the markup is not
    remembered or crispy renders it."""
    key = (
        get_language(),
        get_script_prefix(),
        data is not None,
        tuple(data.get(name) for name, _classes in LAYOUT) if data is not None else (),
        tuple(categories),
    )
    try:
        markup = _memo[key]
    except KeyError:
        markup = filter_fields_html(make_filterset().form)
        if len(_memo) >= MEMO_SIZE:
            _memo.clear()
        _memo[key] = markup
    if markup is None:
        return render_to_string(
            "vrijwilligers/_registry_filters.html", {"filter": make_filterset()}
        )
    return markup


def filter_fields_html(form) -> SafeString | None:
    """The inside of the registry's filter form, or None when a field needs crispy."""
    columns = []
    for name, classes in LAYOUT:
        markup = crispy_fields.field_html(form[name])
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
