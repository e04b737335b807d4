"""Reading cells as real spreadsheets hold them (pure functions, no database)."""

from datetime import date, datetime

import pytest

from importeren.parsing import (
    CellError,
    name_key,
    parse_bool,
    parse_codes,
    parse_date,
    parse_email,
    parse_phone,
    parse_postcode,
    parse_weekdays,
    parse_whole_number,
    split_address,
    split_name,
)

TODAY = date(2025, 1, 15)


@pytest.mark.parametrize(
    "text",
    ["23-11-2024", "23/11/2024", "23.11.2024", "23-11-24", " 23 - 11 - 2024 ", "2024-11-23"],
)
def test_dutch_and_iso_dates_are_read(text):
    assert parse_date(text, today=TODAY) == date(2024, 11, 23)


def test_xlsx_date_cells_are_taken_as_they_are():
    assert parse_date(datetime(2024, 11, 23, 0, 0), today=TODAY) == date(2024, 11, 23)


def test_two_digit_years_above_this_year_are_last_century():
    assert parse_date("12-3-98", today=TODAY) == date(1998, 3, 12)


def test_an_empty_date_is_none():
    assert parse_date("  ", today=TODAY) is None


@pytest.mark.parametrize("text", ["23-11", "morgen", "2024-13-01", "31-02-2024", "november"])
def test_dates_without_a_year_or_that_do_not_exist_are_refused(text):
    with pytest.raises(CellError):
        parse_date(text, today=TODAY)


def test_a_date_in_the_future_is_refused():
    with pytest.raises(CellError, match="toekomst"):
        parse_date("16-01-2025", today=TODAY)


@pytest.mark.parametrize("text", ["ja", "J", " Yes ", "y", "1", "x", "WAAR"])
def test_yes_values(text):
    assert parse_bool(text) is True


@pytest.mark.parametrize("text", ["nee", "N", "no", "0", "onwaar"])
def test_no_values(text):
    assert parse_bool(text) is False


def test_an_empty_yes_no_cell_is_the_default():
    assert parse_bool("", default=False) is False


def test_an_unreadable_yes_no_cell_is_refused():
    with pytest.raises(CellError, match="misschien"):
        parse_bool("misschien")


@pytest.mark.parametrize(
    "text",
    ["06 12 34 56 78", "06-12345678", "+31 6 1234 5678", "0031612345678", "(06) 123 456 78"],
)
def test_phone_numbers_in_any_format(text):
    assert parse_phone(text) == "0612345678"


def test_a_phone_number_cell_that_lost_its_leading_zero_is_repaired():
    assert parse_phone(612345678) == "0612345678"


def test_a_wrong_phone_number_is_refused():
    with pytest.raises(CellError):
        parse_phone("12345")


def test_postcodes_are_normalised():
    assert parse_postcode(" 9989ab ") == "9989 AB"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("ma;wo;vr", [0, 2, 4]),
        ("Ma, Di", [0, 1]),
        ("maandag zaterdag", [0, 5]),
        ("ma t/m vr", [0, 1, 2, 3, 4]),
        ("za-zo", [5, 6]),
        ("", []),
    ],
)
def test_weekdays(text, days):
    assert parse_weekdays(text) == days


def test_an_unknown_day_is_refused():
    with pytest.raises(CellError, match="xx"):
        parse_weekdays("ma;xx")


def test_codes_are_matched_case_insensitively():
    known = {"vervoer": "V", "klus": "K"}
    assert parse_codes(" Vervoer ; KLUS", known, what="soort") == ["V", "K"]


def test_an_unknown_code_is_an_error_naming_the_known_ones():
    with pytest.raises(CellError, match="vervoer"):
        parse_codes("vervoer;tuinieren", {"vervoer": "V"}, what="soort")


def test_whole_numbers_tolerate_km_and_a_decimal_zero():
    assert parse_whole_number("15 km") == 15
    assert parse_whole_number("15,0") == 15


def test_names_are_split_and_titles_dropped():
    assert split_name("Jan de Vries") == ("Jan", "de Vries")
    assert split_name("de Vries, Jan") == ("Jan", "de Vries")
    assert split_name("Mevr. A. Jansen") == ("A.", "Jansen")
    assert name_key("  JAN  de vries ") == name_key("de Vries, Jan")


def test_addresses_are_split_into_street_number_and_addition():
    assert split_address("Hoofdstraat 12") == ("Hoofdstraat", 12, "")
    assert split_address("Kerkpad 3-a") == ("Kerkpad", 3, "a")
    assert split_address("1e Dwarsstraat 4b") == ("1e Dwarsstraat", 4, "b")


def test_an_address_without_a_number_is_refused():
    with pytest.raises(CellError):
        split_address("Hoofdstraat")


def test_email_addresses_are_lower_cased_and_checked():
    assert parse_email(" Jan@Example.ORG ") == "jan@example.org"
    with pytest.raises(CellError):
        parse_email("jan at example")
