"""Parts of a request's page built in Python instead of through templates.

The status form on the page is always shown unbound (a failed change goes to its own page).
Rendered through crispy it cost about 5 ms, more than the page's queries together:
`status_form_html` builds the markup crispy's Bootstrap 5 pack gave for it (the same
labels, ids, classes and options) from the form's fields, reading the two lists of choices
with one query each, as rendering did, but as values instead of model instances.

Every label and value goes through `format_html`.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString

from .forms import TransitionForm
from .models import ReasonCode
from .plain_fields import select, textarea


def reason_choices(queryset) -> list[tuple[object, str]]:
    """The reasons' choices as `ReasonChoiceField` labels them ("referred: …"), read as
    values; one query."""
    kinds = dict(ReasonCode.AppliesTo.choices)
    return [
        (pk, f"{kinds.get(applies_to, applies_to)}: {label}")
        for pk, applies_to, label in queryset.values_list("pk", "applies_to", "label")
    ]


def status_form_html(form: TransitionForm) -> SafeString:
    """The fields of an unbound `TransitionForm` as crispy rendered them; two queries (the
    reasons and the organisations)."""
    fields = form.fields
    reason = fields["reason"]
    referred_to = fields["referred_to"]
    return format_html(
        '{to}<input type="hidden" name="back_to" id="id_back_to">{reason}{note}{referred_to}'
        "{referral_note}",
        to=select("to", fields["to"].label, fields["to"].choices),
        reason=select(
            "reason", reason.label, [("", reason.empty_label), *reason_choices(reason.queryset)]
        ),
        note=textarea("note", fields["note"].label, fields["note"].widget.attrs["rows"]),
        referred_to=select(
            "referred_to",
            referred_to.label,
            [("", referred_to.empty_label), *referred_to.queryset.values_list("pk", "name")],
        ),
        referral_note=textarea(
            "referral_note",
            fields["referral_note"].label,
            fields["referral_note"].widget.attrs["rows"],
        ),
    )
