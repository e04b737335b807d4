"""The social map's list page, as HTML built in Python: its result cards, its filters, and
the page around them.

Through the templates each result card cost about 0.3 ms (its URL, the kind's label, the
distance filter, the loops over themes and fixed contacts) and the five filter fields about
1 ms each (crispy's field template, and Django's widget templates with one include per
<option>). `OrganisationCards` and `filter_field` write the same markup (apart from the
templates' indentation, for the fields whitespace aside): the card from the values
`selectors.card_rows` read, the field through `accounts.crispy_fields`. A field that module
leaves to crispy (help text, an error it does not write, another widget) is rendered by
crispy itself; `filter_fields` writes a select or box with nothing chosen as the unbound
field. `results_html` and `page_html` write what the list's templates held (the number
found, the page links, the heading, the counts, the form), whitespace aside. Every value
that comes from a person, the database or the query string is escaped (`html.escape`,
`conditional_escape` or `format_html`); translated labels are put in as the templates'
`{% translate %}` of a literal put them, unescaped.
"""

from __future__ import annotations

import html as stdlib_html
from functools import lru_cache
from urllib.parse import urlencode

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.http import QueryDict
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from accounts import crispy_fields
from accounts.pagination import pagination_html
from accounts.templatetags.nl_format import format_nl_decimal

from .filters import OrganisationFilter, filter_form
from .freshness import stale_cutoff
from .models import OrganisationKind
from .selectors import CardRow

# A placeholder pk for building the detail URL once per page instead of once per card.
_PK = 987654321

# The cards' labels by language, translated once: (kind labels, "… km", "Fixed contact:"
# escaped, the two badges).
_LABELS: dict = {}


def _labels() -> tuple:
    language = get_language()
    labels = _LABELS.get(language)
    if labels is None:
        labels = _LABELS[language] = (
            {value: str(label) for value, label in OrganisationKind.choices},
            _("%(distance)s km"),
            conditional_escape(_("Fixed contact:")),
            format_html('<span class="badge text-bg-secondary">{}</span>', _("archived")),
            format_html('<span class="badge text-bg-warning">{}</span>', _("needs checking")),
        )
    return labels


# One card; every {} is filled with markup built escaped in `OrganisationCards.html`.
_CARD = (
    '<li class="card mb-3">\n<div class="card-body">\n'
    '<div class="d-flex flex-wrap justify-content-between gap-2">\n'
    '<h2 class="h4 card-title mb-1"><a href="{url}">{name}</a></h2>\n'
    "<div>\n{badge}\n</div>\n</div>\n"
    '<p class="mb-1 text-muted">{where}</p>\n'
    '{themes}\n<p class="mb-0">\n{phone}\n{contacts}\n</p>\n</div>\n</li>'
)


class OrganisationCards:
    """Renders the result cards of one page; the URL is made once, the labels once per
    language."""

    def __init__(self, *, today):
        self.cutoff = stale_cutoff(today)
        self.detail = reverse("sociale_kaart:detail", kwargs={"pk": _PK})
        (self.kind_label, self.km, self.fixed_contact, self.archived, self.needs_check) = _labels()

    def is_stale(self, row: CardRow) -> bool:
        """`Organisation.is_stale(today)`, with the cutoff worked out once per page."""
        return row.last_verified_on is None or row.last_verified_on < self.cutoff

    def html(self, organisation: CardRow) -> SafeString:
        """One card, from `selectors.card_rows`. Every value is escaped (html.escape, as
        conditional_escape escapes the plain texts a row holds)."""
        esc = stdlib_html.escape
        if organisation.is_archived:
            badge = self.archived
        elif self.is_stale(organisation):
            badge = self.needs_check
        else:
            badge = ""
        where = esc(str(self.kind_label.get(organisation.kind, organisation.kind)))
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
        return mark_safe(  # noqa: S308 - every value escaped above
            _CARD.format(
                url=self.detail.replace(str(_PK), str(int(organisation.pk))),
                name=esc(organisation.name),
                badge=badge,
                where=where,
                themes=f'<p class="mb-1">{themes}</p>' if themes else "",
                phone=f'<a href="tel:{phone}">{phone}</a>' if phone else "",
                contacts="".join(
                    f" · {self.fixed_contact} {esc(name)}" for name in organisation.fixed_contacts
                ),
            )
        )


# --- the filter fields -------------------------------------------------------------------


def filter_field(bound) -> SafeString:
    """`{{ bound|as_crispy_field }}` (Bootstrap 5): built by `accounts.crispy_fields` when it
    writes the field (a search box, a select, a checkbox), else rendered by crispy itself."""
    return crispy_fields.field_html(bound) or as_crispy_field(bound)


# The kind's select and the two boxes with nothing chosen, by language: their markup
# depends on nothing else.
_UNCHOSEN: dict[str, dict[str, SafeString]] = {}


def _unchosen(filters) -> dict[str, SafeString]:
    language = get_language()
    fields = _UNCHOSEN.get(language)
    if fields is None:
        kind = filters["kind"]
        fields = _UNCHOSEN[language] = {
            "kind": crispy_fields.select(
                "kind", kind.label, [("", kind.extra["empty_label"]), *kind.extra["choices"]]
            ),
            "stale": crispy_fields.checkbox("stale", filters["stale"].label),
            "archived": crispy_fields.checkbox("archived", filters["archived"].label),
        }
    return fields


def filter_fields(form, filters) -> dict[str, SafeString]:
    """`filter_field` of each field of the social map's filter form (`filters`: its
    filterset's `base_filters`). A select or box with nothing chosen and no error is
    written as the unbound field, the same markup: the kind's and the boxes' kept per
    language, the themes' with their options read (one query)."""
    unchosen = _unchosen(filters)
    fields = {}
    for name in form.fields:
        bound = form[name]
        if name == "theme" and not bound.errors and not bound.value():
            fields[name] = crispy_fields.select(name, bound.label, bound.field.choices)
        elif name in unchosen and not bound.errors and not bound.value():
            fields[name] = unchosen[name]
        else:
            fields[name] = filter_field(bound)
    return fields


@lru_cache(maxsize=256)
def _read_filter_form(language, script_prefix, data: tuple, themes: tuple) -> tuple[dict, dict]:
    form = filter_form(QueryDict(urlencode(data, doseq=True)))
    # The themes as read for this page: the form neither reads them again to check a
    # chosen one nor to write the options.
    form.fields["theme"].choices = list(themes)
    form.errors  # noqa: B018 (validates the form)
    return filter_fields(form, OrganisationFilter.base_filters), dict(form.cleaned_data)


def read_filter_form(data, themes) -> tuple[dict, dict]:
    """The social map's filter form for the submitted `data` (a QueryDict) with `themes`
    (`filters.active_theme_choices()`, read for the page) as the theme's choices: the
    fields' markup (`filter_fields`) and the cleaned values of its valid fields (for
    `filters.wants`). Both depend on nothing but the language, the address prefix, the
    values submitted and the themes: the last 256 of those are kept for the process, so
    that a page asked for before makes no form (Django copies every field of every form).
    The cleaned values are shared: read them, do not change them."""
    return _read_filter_form(
        get_language(),
        get_script_prefix(),
        tuple((name, tuple(values)) for name, values in sorted(data.lists())),
        tuple(themes),
    )


# --- the page around them ----------------------------------------------------------------


def results_html(page, cards: SafeString, query_string: str) -> SafeString:
    """The markup of the former `_organisation_list.html`: the number found, the cards (built
    escaped by `OrganisationCards`) and the page links, with `query_string` (the search's
    query without its page, urlencoded) escaped."""
    found = ngettext(
        "%(counter)s organisation", "%(counter)s organisations", page.paginator.count
    ) % {"counter": page.paginator.count}
    parts = [f'<p class="text-muted">{found}</p>\n']
    # The labels out of the f-strings below: xgettext does not read inside f-strings.
    if not page.object_list:
        nothing = _("No organisations found.")
        parts.append(f'<div class="empty-state">\n  <p class="mb-0">{nothing}</p>\n</div>\n')
        return mark_safe("".join(parts))  # noqa: S308 - translations and numbers only
    parts.append(f'<ul class="list-unstyled organisation-list">\n  {cards}\n</ul>\n')
    parts.append(pagination_html(page, query_string))
    # The cards and the page links escaped; the rest translations (as the template's
    # {% translate %} of a literal, unescaped) and numbers.
    return mark_safe("".join(parts))  # noqa: S308


# The page's fixed markup (addresses and translations) by language, script prefix and
# URLconf: the pieces between what `page_html` is given.
_PAGE_PARTS: dict[tuple, dict[str, str]] = {}


def _page_parts() -> dict[str, str]:
    key = (get_language(), get_script_prefix(), get_urlconf())
    parts = _PAGE_PARTS.get(key)
    if parts is not None:
        return parts
    list_url = reverse("sociale_kaart:list")
    freshness_url = reverse("sociale_kaart:freshness")
    print_url = reverse("sociale_kaart:print_overview")
    create_url = reverse("sociale_kaart:create")
    # The labels out of the f-strings below: xgettext does not read inside f-strings.
    label = {
        "checks": _("Still right? (checks)"),
        "overview": _("Overview for residents"),
        "new": _("New organisation"),
        "show": _("Show them"),
        "ask": _("Ask the organisations"),
        "review": _("Review"),
        "search": _("Search"),
        "clear": _("Clear"),
    }
    parts = _PAGE_PARTS[key] = {
        "heading": _("Social map of %(village)s"),
        "buttons": (
            '  <div class="d-flex gap-2">\n'
            f'    <a class="btn btn-outline-secondary" href="{freshness_url}">'
            f"{label['checks']}</a>\n"
            f'    <a class="btn btn-outline-secondary" href="{print_url}">'
            f"{label['overview']}</a>\n"
            f'    <a class="btn btn-primary" href="{create_url}">'
            f"{label['new']}</a>\n"
            "  </div>\n</div>\n\n"
        ),
        "stale": (
            '  <span class="d-flex gap-2"><a class="btn btn-sm btn-outline-dark" href="?stale=on">'
            f"{label['show']}</a>\n"
            f'  <a class="btn btn-sm btn-outline-dark" href="{freshness_url}">'
            f"{label['ask']}</a></span>\n</div>\n"
        ),
        "proposals": (
            f'  <a class="btn btn-sm btn-outline-dark" href="{freshness_url}">'
            f"{label['review']}</a>\n</div>\n"
        ),
        "form": (
            f'\n<form method="get" action="{list_url}" class="card card-body mb-4" role="search"\n'
            f'      hx-get="{list_url}" hx-target="#organisation-results" hx-push-url="true"\n'
            '      hx-trigger="input changed delay:250ms from:#id_q, change, submit">\n'
            '  <div class="row g-3 align-items-end">\n'
        ),
        "form_end": (
            "    </div>\n  </div>\n"
            '  <div class="mt-2">\n'
            f'    <button type="submit" class="btn btn-secondary">{label["search"]}</button>\n'
            f'    <a class="btn btn-link" href="{list_url}">{label["clear"]}</a>\n'
            "  </div>\n</form>\n\n"
        ),
    }
    return parts


def page_html(
    *, village_name: str, stale_count: int, proposal_count: int, fields: dict, results: str
) -> SafeString:
    """The markup of `organisation_list.html`'s content: the heading and its buttons, the
    counts that ask for attention, the filter form (`fields`: each field's markup, from
    `filter_fields`) and `results` (from `results_html`). The village's name is escaped."""
    fixed = _page_parts()
    heading = fixed["heading"] % {"village": escape(village_name)}
    parts = [
        '<div class="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3">\n'
        f'  <h1 class="h2 mb-0">{heading}</h1>\n',
        fixed["buttons"],
    ]
    if stale_count:
        stale = ngettext(
            "%(counter)s organisation has not been checked for a year.",
            "%(counter)s organisations have not been checked for a year.",
            stale_count,
        ) % {"counter": stale_count}
        parts.append(
            '<div class="alert alert-warning d-flex flex-wrap justify-content-between '
            f'align-items-center gap-2">\n  <span>{stale}</span>\n'
        )
        parts.append(fixed["stale"])
    parts.append("\n")
    if proposal_count:
        proposals = ngettext(
            "%(counter)s organisation sent a correction of its entry.",
            "%(counter)s organisations sent a correction of their entry.",
            proposal_count,
        ) % {"counter": proposal_count}
        parts.append(
            '<div class="alert alert-info d-flex flex-wrap justify-content-between '
            f'align-items-center gap-2">\n  <span>{proposals}</span>\n'
        )
        parts.append(fixed["proposals"])
    parts.append(fixed["form"])
    parts.append(
        f'    <div class="col-12 col-lg-5">{fields["q"]}</div>\n'
        f'    <div class="col-6 col-lg-2">{fields["theme"]}</div>\n'
        f'    <div class="col-6 col-lg-2">{fields["kind"]}</div>\n'
        '    <div class="col-12 col-lg-3">\n'
        f"      {fields['stale']}\n"
        f"      {fields['archived']}\n"
    )
    parts.append(fixed["form_end"])
    parts.append(f'<div id="organisation-results" aria-live="polite">\n  {results}</div>\n')
    # The village's name escaped, the fields and results built escaped; the rest are
    # addresses, translations (as the template's {% translate %} of a literal) and numbers.
    return mark_safe("".join(parts))  # noqa: S308
