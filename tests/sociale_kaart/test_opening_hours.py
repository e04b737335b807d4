from datetime import time

from sociale_kaart.opening_hours import summarise

NINE, NOON, ONE, FIVE = time(9), time(12), time(13), time(17)


def test_working_week_with_the_same_hours_is_one_line():
    periods = [(day, NINE, NOON) for day in range(5)]
    assert summarise(periods) == [("maandag t/m vrijdag", "09:00–12:00")]


def test_two_adjacent_days_are_joined_with_and():
    assert summarise([(0, NINE, NOON), (1, NINE, NOON)]) == [("maandag en dinsdag", "09:00–12:00")]


def test_days_apart_stay_separate():
    assert summarise([(0, NINE, NOON), (2, NINE, NOON)]) == [
        ("maandag", "09:00–12:00"),
        ("woensdag", "09:00–12:00"),
    ]


def test_morning_and_afternoon_on_one_day_are_listed_in_order():
    periods = [(3, ONE, FIVE), (3, NINE, NOON), (4, NINE, NOON)]
    assert summarise(periods) == [
        ("donderdag", "09:00–12:00, 13:00–17:00"),
        ("vrijdag", "09:00–12:00"),
    ]


def test_no_periods_no_lines():
    assert summarise([]) == []
