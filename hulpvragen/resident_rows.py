"""The rows of the residents list, as HTML built in Python.

The list shows 50 residents a page; through the template each row cost its `url` tag, a
model instance with every column (the notes included) and the properties it read. Here a
row is one dict of the columns shown (`FIELDS`, read with `QuerySet.values`) and one
`format_html`, with the template's markup and whitespace. Every value that comes from a
person is escaped by `format_html`.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from accounts import dutch

from .meeting_rows import full_name

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
    detail = reverse("hulpvragen:resident_detail", args=[_PK])
    marker = str(_PK)
    return mark_safe(  # noqa: S308 - every row built by format_html
        "".join(
            [
                format_html(
                    '\n  <tr><td><a href="{}">{}</a></td><td>{} {}{}, {}</td><td>{}</td></tr>\n  ',
                    detail.replace(marker, str(row["pk"])),
                    full_name(row["first_name"], row["last_name"]),
                    row["street"],
                    row["house_number"],
                    row["house_number_addition"],
                    row["place"],
                    dutch.format_phone(row["phone"]),
                )
                for row in rows
            ]
        )
    )
