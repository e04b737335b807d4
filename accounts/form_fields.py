"""Form fields for numbers and dates typed the Dutch way, shared by every form.

- `DutchDecimalField`: "0,8", "0.8", "12,50", "€ 12,50", "0,8 km"; shown back as "0,8".
- `DutchDateField`: "25-11-2026", "3-8", "3/8", "3 augustus", "morgen", "volgende week
  dinsdag", ISO ... (see `accounts.dutch.parse_date`); shown back as "25-11-2026".

Both use a plain text input: a browser's number or date input refuses a comma or a typed
"morgen" in some browsers, and what was typed must come back unchanged after an error.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import dutch
from accounts.templatetags.nl_format import format_nl_decimal

NUMBER_ERROR = _("Enter a number, for example 0,8 or 12,50.")


def parse_decimal(value: str) -> Decimal | None:
    """'0,8', '0.8', ' 12,50 ', '€ 12,50', '1.234,5', '0,8 km' → a Decimal. Empty → None.

    A comma is the decimal separator; a point is one too unless a comma follows it (then the
    points separate thousands). Raises ValidationError for anything else.
    """
    raw = re.sub(r"\s+", "", str(value or "")).lower()
    raw = raw.removeprefix("€").removesuffix("km").removesuffix("€")
    if not raw:
        return None
    if "," in raw:
        whole, _sep, fraction = raw.rpartition(",")
        if "," in whole:
            raise ValidationError(NUMBER_ERROR, code="invalid")
        raw = f"{whole.replace('.', '')}.{fraction}"
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", raw):
        raise ValidationError(NUMBER_ERROR, code="invalid")
    try:
        return Decimal(raw)
    except InvalidOperation as exc:  # pragma: no cover - the pattern above guards it
        raise ValidationError(NUMBER_ERROR, code="invalid") from exc


class DutchDecimalField(forms.DecimalField):
    """A decimal typed with a comma or a point; existing values shown as '0,8'."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.pop("localize", None)
        super().__init__(**kwargs)
        self.error_messages["invalid"] = NUMBER_ERROR

    def widget_attrs(self, widget):
        # Not the number input's min/max/step: they would make the browser refuse "0,8".
        return {"inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        return parse_decimal(value)

    def prepare_value(self, value):
        if isinstance(value, (Decimal, int, float)):
            places = self.decimal_places if (self.decimal_places or 0) >= 2 else None
            return format_nl_decimal(value, places)
        return value


class DutchDateInput(forms.TextInput):
    """A text input for a date: typing is always possible, a picker never required."""

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": _("dd-mm-yyyy or 'morgen'"),
            "size": 16,
            "maxlength": 40,
            "autocomplete": "off",
            "class": "dutch-date",
        }
        super().__init__({**defaults, **(attrs or {})})


class DutchDateField(forms.DateField):
    """A date typed the Dutch way; existing values shown as '25-11-2026'.

    Unreadable input raises one clear Dutch error, and the text typed stays in the input
    (the form shows the bound value, not the parsed one).
    """

    widget = DutchDateInput

    def __init__(self, **kwargs):
        kwargs.pop("input_formats", None)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return dutch.parse_date(str(value), today=timezone.localdate())

    def prepare_value(self, value):
        if isinstance(value, (date, datetime)):
            return value.strftime("%d-%m-%Y")
        return value

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != self.to_python(initial)
        except ValidationError:
            return True
