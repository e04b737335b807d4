"""The year in plain words and the key figures: figures in, Dutch sentences out."""

import pytest
from django.utils import translation

from rapportage.definitions import empty_figures
from rapportage.story import (
    figure_text,
    has_data,
    key_figures,
    share_with_volunteer,
    year_in_words,
)

LABELS = {
    "categories": {"vervoer": "Vervoer", "klus": "Klussen", "wmo": "WMO-hulp"},
    "reasons": {},
    "activity_kinds": {},
    "aid_types": {},
    "organisation_kinds": {},
    "channels": {},
}


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def overview(year=2025, previous=None, **figures):
    data = {"year": year, **empty_figures(), **figures}
    data["previous_year"] = {"year": year - 1, **empty_figures(), **(previous or {})}
    data["labels"] = LABELS
    return data


def months(total: int) -> list[int]:
    return [total] + [0] * 11


def test_a_full_year_in_words():
    data = overview(
        by_month=[10, 9, 10, 9, 10, 9, 10, 9, 10, 9, 9, 9],
        one_off={
            "by_category": {"vervoer": 72, "klus": 36},
            "with_several_volunteers": 4,
            "total": 112,
        },
        without_volunteer={
            "informed": 10,
            "referred": 5,
            "rejected": 8,
            "not_gone_ahead": 7,
            "referred_by_kind": {},
            "rejected_by_reason": {},
            "not_gone_ahead_by_reason": {},
        },
        volunteers={"registered": 140, "deployed": 53, "new": 12, "stopped": 6},
        median_days_to_volunteer=1.8,
        previous={"by_month": months(100)},
    )
    words = year_in_words(data)
    assert words[0] == "In 2025 vroegen inwoners 113 keer om hulp, meestal voor vervoer (72)."
    assert words[1] == "Dat is 13 keer meer dan in 2024 (100)."
    assert words[2] == (
        "Vrijwilligers voerden 112 eenmalige hulpvragen uit; 30 hulpvragen eindigden zonder "
        "vrijwilliger (informatie, een doorverwijzing of anders). De helft van de hulpvragen "
        "had binnen 1,8 dagen na de intake een vrijwilliger."
    )
    assert words[3] == (
        "53 van de 140 ingeschreven vrijwilligers hielpen minstens één keer. "
        "12 vrijwilligers kwamen erbij."
    )


def test_singular_forms():
    data = overview(
        by_month=months(1),
        one_off={"by_category": {"klus": 1}, "with_several_volunteers": 0, "total": 1},
        volunteers={"registered": 3, "deployed": 1, "new": 1, "stopped": 0},
        previous={
            "by_month": months(2),
            "volunteers": {"registered": 2, "deployed": 1, "new": 0, "stopped": 0},
        },
    )
    words = year_in_words(data)
    assert words[0] == "In 2025 vroeg een inwoner 1 keer om hulp, voor klussen."
    assert words[1] == "Dat is 1 keer minder dan in 2024 (2)."
    assert words[2] == "Vrijwilligers voerden 1 eenmalige hulpvraag uit."
    assert words[3] == (
        "1 van de 3 ingeschreven vrijwilligers hielp minstens één keer. 1 vrijwilliger kwam erbij."
    )


def test_without_last_years_figures_it_says_so_once():
    data = overview(
        by_month=months(5),
        volunteers={"registered": 1, "deployed": 0, "new": 1, "stopped": 0},
    )
    assert not has_data(data["previous_year"])
    words = year_in_words(data)
    assert words[1] == "Er zijn geen cijfers van 2024 om mee te vergelijken."
    assert sum("2024" in w for w in words) == 1
    assert words[-1].startswith("0 vrijwilligers hielpen; 1 vrijwilliger was ingeschreven.")


def test_zero_requests():
    data = overview(previous={"by_month": months(4)})
    words = year_in_words(data)
    assert words[0] == "In 2025 vroeg geen enkele inwoner om hulp."
    assert words[1] == "Dat is 4 keer minder dan in 2024 (4)."
    assert words[-1] == "Er waren geen vrijwilligers ingeschreven."
    figures = {f.key: f.value for f in key_figures(data)}
    assert figures == {
        "requests": "0",
        "share_with_volunteer": "–",
        "median_days": "–",
        "deployed": "0 van 0",
        "never_asked": "0",
    }


def test_the_same_as_last_year_and_an_acronym_keeps_its_capitals():
    data = overview(
        by_month=months(3),
        one_off={"by_category": {"wmo": 3}, "with_several_volunteers": 0, "total": 3},
        previous={"by_month": months(3)},
    )
    words = year_in_words(data)
    assert words[0] == "In 2025 vroegen inwoners 3 keer om hulp, meestal voor WMO-hulp (3)."
    assert words[1] == "Dat is even vaak als in 2024."


def test_key_figures():
    data = overview(
        by_month=months(20),
        one_off={"by_category": {"klus": 6}, "with_several_volunteers": 0, "total": 6},
        without_volunteer={
            "informed": 1,
            "referred": 1,
            "rejected": 0,
            "not_gone_ahead": 0,
            "referred_by_kind": {},
            "rejected_by_reason": {},
            "not_gone_ahead_by_reason": {},
        },
        volunteers={"registered": 9, "deployed": 4, "new": 0, "stopped": 0},
        volunteers_never_asked=3,
        median_days_to_volunteer=2.5,
    )
    assert share_with_volunteer(data) == 75
    figures = {f.key: f.value for f in key_figures(data)}
    assert figures == {
        "requests": "20",
        "share_with_volunteer": "75 %",
        "median_days": "2,5",
        "deployed": "4 van 9",
        "never_asked": "3",
    }


def test_zero_against_dash():
    assert figure_text(0) == "0"
    assert figure_text(None) == "–"
    assert figure_text(1.76) == "1,8"
    assert figure_text(1250) == "1250"
