from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from accounts.dutch import (
    format_phone,
    is_mobile,
    normalise_phone,
    normalise_postcode,
    parse_date,
    parse_time,
)

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    "typed",
    ["06 12 34 56 78", "0612345678", "+31 6 1234 5678", "+31 (0)6 12345678", "0031-6-12345678"],
)
def test_mobile_numbers_in_any_notation_become_one_form(typed):
    assert normalise_phone(typed) == "0612345678"


def test_landline_with_area_code_is_kept_as_ten_digits():
    assert normalise_phone("0595 - 42 12 34") == "0595421234"


@pytest.mark.parametrize("typed", ["06 1234 567", "12345", "06-12345678-9", "06 12 34 56 7a"])
def test_wrong_phone_numbers_give_a_dutch_error(typed):
    with pytest.raises(ValidationError) as exc:
        normalise_phone(typed)
    assert "10 cijfers" in exc.value.messages[0]


@pytest.mark.parametrize("typed", ["+49 171 1234567", "0049 171 1234567"])
def test_foreign_numbers_are_refused_in_dutch(typed):
    with pytest.raises(ValidationError) as exc:
        normalise_phone(typed)
    assert "Nederlandse" in exc.value.messages[0]


@pytest.mark.parametrize(
    "typed",
    [
        "0123 45 67 89",  # area code 012 does not exist
        "0671234567",  # 067 is not a mobile range
        "0691234567",  # nor is 069
        "+31 (0)123 45 67 89",
    ],
)
def test_numbers_that_do_not_exist_are_refused_with_a_hint_at_the_first_digits(typed):
    with pytest.raises(ValidationError) as exc:
        normalise_phone(typed)
    assert exc.value.messages == [
        "Dit nummer bestaat niet in Nederland: controleer de eerste cijfers (het netnummer, "
        "zoals 0595 of 050, of 06)."
    ]


@pytest.mark.parametrize("typed", ["612345678", "0800 1234", "0900 123 4567"])
def test_a_number_without_its_0_and_service_numbers_are_not_ten_digits(typed):
    with pytest.raises(ValidationError) as exc:
        normalise_phone(typed)
    assert "10 cijfers" in exc.value.messages[0]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+31 (0)595 44 24 53", "0595442453"),
        ("050-3616161", "0503616161"),
        ("088 123 45 67", "0881234567"),
    ],
)
def test_landlines_and_company_numbers_in_any_notation(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("0612345678", "06 12 34 56 78"),
        ("0501234567", "050 123 4567"),
        ("0595421234", "0595 42 12 34"),
        ("0591123456", "0591 12 34 56"),
        ("0101234567", "010 123 4567"),
        ("0881234567", "088 123 4567"),
        ("061234567", "061234567"),  # not a stored number: shown as it is
    ],
)
def test_numbers_are_shown_the_dutch_way(stored, shown):
    assert format_phone(stored) == shown


@pytest.mark.parametrize("typed", ["9991ab", "9991 AB", " 9991  ab "])
def test_postcode_is_normalised(typed):
    assert normalise_postcode(typed) == "9991 AB"


@pytest.mark.parametrize("typed", ["999 AB", "0991 AB", "9991 A", "9991 SS", "ABCD 12"])
def test_wrong_postcode_gives_a_dutch_error(typed):
    with pytest.raises(ValidationError) as exc:
        normalise_postcode(typed)
    assert "vier cijfers en twee letters" in exc.value.messages[0]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("25-11-2026", date(2026, 11, 25)),
        ("25/11", date(2026, 11, 25)),
        ("1-12-26", date(2026, 12, 1)),
        ("2026-12-01", date(2026, 12, 1)),
        ("morgen", date(2026, 11, 24)),
        ("Vandaag", TODAY),
        ("overmorgen", date(2026, 11, 25)),
    ],
)
def test_dates_as_coordinators_type_them(typed, expected):
    assert parse_date(typed, today=TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3-8", date(2026, 8, 3)),
        ("3/8", date(2026, 8, 3)),
        ("3.8", date(2026, 8, 3)),
        ("3 augustus", date(2026, 8, 3)),
        ("3 aug", date(2026, 8, 3)),
        ("3 Aug.", date(2026, 8, 3)),
        ("3 aug 2025", date(2025, 8, 3)),
        ("25-11-2025", date(2025, 11, 25)),  # last year
        ("7 december 2025", date(2025, 12, 7)),
        ("29 februari 2028", date(2028, 2, 29)),
        ("29-2-2024", date(2024, 2, 29)),
        ("2026-8-3", date(2026, 8, 3)),
        ("dinsdag 3 augustus", date(2026, 8, 3)),
        ("gisteren", date(2026, 11, 22)),
        ("eergisteren", date(2026, 11, 21)),
    ],
)
def test_dates_with_month_names_and_without_a_year(typed, expected):
    assert parse_date(typed, today=TODAY) == expected


# TODAY is Monday 23 November 2026.
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("dinsdag", date(2026, 11, 24)),
        ("Dinsdag", date(2026, 11, 24)),
        ("aanstaande vrijdag", date(2026, 11, 27)),
        ("di", date(2026, 11, 24)),
        ("maandag", date(2026, 11, 30)),  # today is Monday: "maandag" is next Monday
        ("zondag", date(2026, 11, 29)),
        ("volgende week dinsdag", date(2026, 12, 1)),
        ("volgende week maandag", date(2026, 11, 30)),
        ("volgende week zondag", date(2026, 12, 6)),
        ("deze week vrijdag", date(2026, 11, 27)),
    ],
)
def test_weekdays_as_said_on_the_phone(typed, expected):
    assert parse_date(typed, today=TODAY) == expected


def test_volgende_week_counts_from_a_sunday_too():
    sunday = date(2026, 11, 29)
    assert parse_date("volgende week dinsdag", today=sunday) == date(2026, 12, 1)
    assert parse_date("dinsdag", today=sunday) == date(2026, 12, 1)


@pytest.mark.parametrize(
    "typed",
    [
        "31-02-2026",
        "volgende week",
        "25-13",
        "29 februari",  # 2026 has no 29 February
        "29-2-2027",
        "3 augustuss",
        "32 aug",
        "blauw",
        "volgende week blauw",
        "3-8-2026-1",
    ],
)
def test_unreadable_date_gives_a_dutch_error(typed):
    with pytest.raises(ValidationError) as exc:
        parse_date(typed, today=TODAY)
    assert "dag-maand-jaar" in exc.value.messages[0]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("14:30", time(14, 30)), ("14.30", time(14, 30)), ("1430", time(14, 30)), ("9", time(9))],
)
def test_times_as_coordinators_type_them(typed, expected):
    assert parse_time(typed) == expected


def test_impossible_time_is_refused():
    with pytest.raises(ValidationError):
        parse_time("25:00")


@pytest.mark.parametrize(
    ("number", "mobile"),
    [
        ("0612345678", True),
        ("0687654321", True),
        ("0595421234", False),
        ("061234567", False),
        ("", False),
        ("0661234567", False),  # 066 numbers are pagers: no SMS
        ("0671234567", False),  # not issued
    ],
)
def test_only_a_stored_mobile_number_is_mobile(number, mobile):
    assert is_mobile(number) is mobile
