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
