"""The rows of the residents list, as HTML built in Python.

The list shows 50 residents a page; through the template each row cost its `url` tag, a
model instance with every column (the notes included) and the properties it read. Here a
row is one dict of the columns shown (`FIELDS`, read with `QuerySet.values`) put into the
template's markup and whitespace by one f-string. Every value that comes from a person
is escaped, with `html.escape`: the same text as Django's `escape` gives, at a fifth of its
cost.
"""

from __future__ import annotations

from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from accounts import dutch
from accounts.names import full_name

# A placeholder pk for building the resident's URL once per page instead of once per row.
_PK = 987654321

FIELDS = (
    "pk",
    "first_name",
    "last_name",
    "street",
    "house_number",
    "house_number_addition",
    "place",
    "phone",
)


def rows_html(rows) -> SafeString:
    """The rows of a page of residents (dicts of `FIELDS`): name (a link to the resident),
    address and phone as `Resident.full_name`, `house` and `phone_display` give them."""
    # The link's parts around the pk; each text from a person escaped once (`html.escape`,
    # the text `format_html` gave), the house number is an int.
    before, after = escape(reverse("hulpvragen:resident_detail", args=[_PK])).split(str(_PK))
    phone = dutch.format_phone
    return mark_safe(  # noqa: S308 - every value escaped
        "".join(
            [
                f'\n  <tr><td><a href="{before}{row["pk"]}{after}">'
                f"{escape(full_name(row['first_name'], row['last_name']))}</a></td>"
                f"<td>{escape(row['street'])} {row['house_number']}"
                f"{escape(row['house_number_addition'])}, {escape(row['place'])}</td>"
                f"<td>{escape(phone(row['phone']))}</td></tr>\n  "
                for row in rows
            ]
        )
    )


def page_html(query: str, rows: SafeString, pagination: SafeString) -> SafeString:
    """The residents list's content (what resident_list.html held): the search form with
    `query` (escaped) kept in it, the table with `rows_html`'s rows (or "no residents
    found") and the page links (`accounts.pagination`)."""
    # The labels out of the f-strings below: xgettext does not read inside f-strings.
    title, label, search = _("Residents"), _("Search name, street, postcode or phone"), _("Search")
    name, address, phone = _("Name"), _("Address"), _("Phone")
    if not rows:
        rows = '<tr><td colspan="3">{}</td></tr>\n  '.format(_("No residents found."))
    return mark_safe(  # noqa: S308 - the query escaped, the rows and links made escaped
        f'\n<h1 class="h2">{title}</h1>\n'
        '<form method="get" class="row g-2 mb-3" role="search">\n'
        f'  <div class="col-md-6"><label for="q" class="form-label">{label}</label>\n'
        f'  <input type="search" id="q" name="q" value="{escape(query)}" class="form-control" '
        "autofocus></div>\n"
        '  <div class="col-md-3 d-flex align-items-end">'
        f'<button type="submit" class="btn btn-primary">{search}</button></div>\n</form>\n'
        '<table class="table">\n'
        f'  <thead><tr><th scope="col">{name}</th><th scope="col">{address}</th>'
        f'<th scope="col">{phone}</th></tr></thead>\n'
        f"  <tbody>\n  {rows}</tbody>\n</table>\n{pagination}"
    )
