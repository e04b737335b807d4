from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django import forms
from django.utils import translation

from accounts.form_fields import DutchDateField, DutchDecimalField, parse_decimal


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


class RideForm(forms.Form):
    distance_km = DutchDecimalField(
        required=False, min_value=0, max_value=999, max_digits=5, decimal_places=1
    )
    amount = DutchDecimalField(required=False, max_digits=7, decimal_places=2)
    needed_on = DutchDateField(required=False)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0,8", Decimal("0.8")),
        ("0.8", Decimal("0.8")),
        (" 12,5 ", Decimal("12.5")),
        ("0,8 km", Decimal("0.8")),
        ("€ 12,50", Decimal("12.50")),
        ("1.234,5", Decimal("1234.5")),
        (",5", Decimal("0.5")),
        ("17", Decimal("17")),
        ("", None),
    ],
)
def test_decimals_typed_with_a_comma_or_a_point(typed, expected):
    assert parse_decimal(typed) == expected


@pytest.mark.parametrize("typed", ["0,8,1", "acht", "1,2.3", "0..8", "--1"])
def test_an_unreadable_number_is_refused(typed):
    with pytest.raises(forms.ValidationError):
        parse_decimal(typed)


def test_the_decimal_field_accepts_a_comma():
    form = RideForm(data={"distance_km": "0,8"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["distance_km"] == Decimal("0.8")


def test_the_decimal_field_gives_a_dutch_error_and_keeps_what_was_typed():
    form = RideForm(data={"distance_km": "acht"})
    assert not form.is_valid()
    assert form.errors["distance_km"] == ["Vul een getal in, bijvoorbeeld 0,8 of 12,50."]
    assert 'value="acht"' in str(form["distance_km"])


def test_the_decimal_field_still_checks_its_limits():
    form = RideForm(data={"distance_km": "1000"})
    assert not form.is_valid()
    assert "distance_km" in form.errors
    assert not RideForm(data={"distance_km": "0,85"}).is_valid()  # one decimal only


def test_an_existing_decimal_is_shown_with_a_comma():
    form = RideForm(initial={"distance_km": Decimal("0.8"), "amount": Decimal("12.5")})
    html = str(form["distance_km"])
    assert 'value="0,8"' in html
    assert 'type="text"' in html
    assert 'inputmode="decimal"' in html
    assert 'value="12,50"' in str(form["amount"])


@time_machine.travel("2026-11-23 10:00 +01:00")
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3-8", date(2026, 8, 3)),
        ("3 augustus", date(2026, 8, 3)),
        ("morgen", date(2026, 11, 24)),
        ("volgende week dinsdag", date(2026, 12, 1)),
        ("2026-11-25", date(2026, 11, 25)),
    ],
)
def test_the_date_field_reads_dutch_dates_from_today(typed, expected):
    form = RideForm(data={"needed_on": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["needed_on"] == expected


def test_the_date_field_gives_a_dutch_error_and_keeps_what_was_typed():
    form = RideForm(data={"needed_on": "31 februari"})
    assert not form.is_valid()
    assert "Deze datum kunnen we niet lezen" in form.errors["needed_on"][0]
    assert 'value="31 februari"' in str(form["needed_on"])


def test_an_existing_date_is_shown_the_dutch_way_in_a_text_input():
    html = str(RideForm(initial={"needed_on": date(2026, 11, 25)})["needed_on"])
    assert 'value="25-11-2026"' in html
    assert 'type="text"' in html
    assert 'type="date"' not in html


def test_a_date_field_is_not_changed_when_only_the_way_of_typing_differs():
    field = DutchDateField()
    assert not field.has_changed(date(2026, 11, 25), "25-11-2026")
    assert field.has_changed(date(2026, 11, 25), "26-11-2026")
    assert field.has_changed(date(2026, 11, 25), "blauw")
