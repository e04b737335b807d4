"""The social map's list page, as HTML built in Python: its result cards and its filters.

Through the templates each result card cost about 0.3 ms (its URL, the kind's label, the
distance filter, the loops over themes and fixed contacts) and the five filter fields about
1 ms each (crispy's field template, and Django's widget templates with one include per
<option>). `OrganisationCards` and `filter_field` write the same markup (apart from the
templates' indentation, for the fields whitespace aside): the card from the values
`selectors.card_rows` read, the field through `accounts.crispy_fields`. A field that module
leaves to crispy (help text, an error it does not write, another widget) is rendered by
crispy itself. Every value that comes from a person, the database or the query
string goes through `conditional_escape` (or `format_html`).
"""

from __future__ import annotations

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from accounts import crispy_fields
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


def filter_field(bound) -> SafeString:
    """`{{ bound|as_crispy_field }}` (Bootstrap 5): built by `accounts.crispy_fields` when it
    writes the field (a search box, a select, a checkbox), else rendered by crispy itself."""
    return crispy_fields.field_html(bound) or as_crispy_field(bound)
