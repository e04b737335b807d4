"""The social map's list page, as HTML built in Python: its result cards and its filters.

Through the templates each result card cost about 0.3 ms (its URL, the kind's label, the
distance filter, the loops over themes and fixed contacts) and the five filter fields about
1 ms each (crispy's field template, and Django's widget templates with one include per
<option>). `OrganisationCards` and `filter_field` write the same markup (apart from the
templates' indentation): the card from the values `selectors.card_rows` read, the field
from the bound field's own values (its value, `checked`, `selected`, the attributes crispy
adds). A field with errors, help text or anything else this module does not write is
rendered by crispy itself. Every value that comes from a person, the database or the query
string goes through `conditional_escape` (or `format_html`).
"""

from __future__ import annotations

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from accounts.templatetags.nl_format import format_nl_decimal

from .freshness import stale_cutoff
from .models import OrganisationKind
from .selectors import CardRow

# A placeholder pk for building the detail URL once per page instead of once per card.
_PK = 987654321


class OrganisationCards:
    """Renders the result cards of one page; the URL and the labels are made once."""

    def __init__(self, *, today):
        self.cutoff = stale_cutoff(today)
        self.detail = reverse("sociale_kaart:detail", kwargs={"pk": _PK})
        self.kind_label = {value: str(label) for value, label in OrganisationKind.choices}
        self.km = _("%(distance)s km")
        self.fixed_contact = conditional_escape(_("Fixed contact:"))
        self.archived = format_html(
            '<span class="badge text-bg-secondary">{}</span>', _("archived")
        )
        self.needs_check = format_html(
            '<span class="badge text-bg-warning">{}</span>', _("needs checking")
        )

    def is_stale(self, row: CardRow) -> bool:
        """`Organisation.is_stale(today)`, with the cutoff worked out once per page."""
        return row.last_verified_on is None or row.last_verified_on < self.cutoff

    def html(self, organisation: CardRow) -> SafeString:
        """One card, from `selectors.card_rows`. Every value goes through conditional_escape."""
        esc = conditional_escape
        if organisation.is_archived:
            badge = self.archived
        elif self.is_stale(organisation):
            badge = self.needs_check
        else:
            badge = ""
        where = esc(self.kind_label.get(organisation.kind, organisation.kind))
        if organisation.town:
            where += f" · {esc(organisation.town)}"
        if organisation.distance_km is not None:
            where += (
                f" · {esc(self.km % {'distance': format_nl_decimal(organisation.distance_km)})}"
            )
        themes = "".join(
            f'<span class="badge rounded-pill text-bg-light border me-1">{esc(name)}</span>'
            for name in organisation.themes
        )
        phone = esc(organisation.phone)
        contacts = "".join(
            f" · {self.fixed_contact} {esc(name)}" for name in organisation.fixed_contacts
        )
        url = self.detail.replace(str(_PK), str(int(organisation.pk)))
        return mark_safe(
            f'<li class="card mb-3">\n<div class="card-body">\n'
            f'<div class="d-flex flex-wrap justify-content-between gap-2">\n'
            f'<h2 class="h4 card-title mb-1"><a href="{url}">{esc(organisation.name)}</a></h2>\n'
            f"<div>\n{badge}\n</div>\n</div>\n"
            f'<p class="mb-1 text-muted">{where}</p>\n'
            + (f'<p class="mb-1">{themes}</p>' if themes else "")
            + '\n<p class="mb-0">\n'
            + (f'<a href="tel:{phone}">{phone}</a>' if phone else "")
            + f"\n{contacts}\n</p>\n</div>\n</li>"
        )


# --- the filter fields -------------------------------------------------------------------

_PLAIN_WIDGETS = (forms.TextInput, forms.Select, forms.CheckboxInput)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: `name="value"`, a bare name for True, none for False.
    Names and values escaped."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _select_html(bound, widget, attrs: dict) -> SafeString | None:
    """django/forms/widgets/select.html with its options, as Select.get_context() would
    fill it in (the first option whose value is the field's is selected); None for a
    select with groups of options."""
    values = widget.format_value(bound.value())
    options = []
    has_selected = False
    for value, label in widget.choices:
        if isinstance(label, list | tuple):
            return None
        if value is None:
            value = ""
        selected = not has_selected and str(value) in values
        has_selected |= selected
        options.append(
            f'<option value="{conditional_escape(value)}"{" selected" if selected else ""}>'
            f"{conditional_escape(label)}</option>"
        )
    attrs = widget.build_attrs(widget.attrs, attrs)
    return mark_safe(
        f'<select name="{conditional_escape(bound.html_name)}"{_attrs(attrs)}>\n'
        + "\n".join(options)
        + "\n</select>"
    )


def _input_html(bound, widget, attrs: dict) -> SafeString:
    """django/forms/widgets/input.html (and checkbox.html), from the widget's context."""
    context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
    value = context["value"]
    return mark_safe(
        f'<input type="{conditional_escape(context["type"])}"'
        f' name="{conditional_escape(context["name"])}"'
        + (f' value="{conditional_escape(value)}"' if value is not None else "")
        + _attrs(context["attrs"])
        + ">"
    )


def _crispy_field(bound) -> SafeString:
    return as_crispy_field(bound)


def _is_plain(bound) -> bool:
    """Whether `filter_field` writes this field itself (else crispy renders it)."""
    field, widget = bound.field, bound.field.widget
    return (
        type(widget) in _PLAIN_WIDGETS
        and bound.label
        and not bound.errors
        and not bound.help_text
        and not field.required
        and not field.disabled
        and not field.localize
        and not bound.css_classes()
        and not getattr(bound.form, "helper", None)
    )


def filter_field(bound) -> SafeString:
    """`{{ bound|as_crispy_field }}` (Bootstrap 5) for a search box, a select or a checkbox.

    A field with errors, help text, a required or disabled field, a grouped select or any
    other widget goes to crispy itself (`_is_plain`).
    """
    if not _is_plain(bound):
        return _crispy_field(bound)
    widget = bound.field.widget
    is_checkbox = isinstance(widget, forms.CheckboxInput)
    kind = type(widget).__name__.lower()
    kind = getattr(settings, "CRISPY_CLASS_CONVERTERS", {}).get(kind, kind)
    css = widget.attrs.get("class", "")
    if not css:
        css = kind
    elif kind not in css:
        css = f"{css} {kind}"
    extra = "form-check-input" if is_checkbox else "form-select"
    if not isinstance(widget, forms.Select) and not is_checkbox:
        extra = "form-control"
    if extra not in css.split():
        css = f"{css} {extra}"
    attrs = bound.build_widget_attrs({"class": css}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    if isinstance(widget, forms.Select):
        control = _select_html(bound, widget, attrs)
        if control is None:
            return _crispy_field(bound)
    else:
        control = _input_html(bound, widget, attrs)
    if is_checkbox:
        return format_html(
            '\n<div class="mb-3">\n<div id="div_{}" class="form-check">\n{}\n'
            '<label for="{}" class="form-check-label">\n{}\n</label>\n</div>\n</div>\n',
            bound.auto_id,
            control,
            bound.id_for_label,
            bound.label,
        )
    label_for = format_html('for="{}" ', bound.id_for_label) if bound.id_for_label else ""
    return format_html(
        '\n<div id="div_{}" class="mb-3">\n<label\n{}class="form-label">\n{}\n</label>\n'
        "{}\n</div>\n",
        bound.auto_id,
        label_for,
        bound.label,
        control,
    )
