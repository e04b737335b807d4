"""A crafted year (2024, with bits of 2023 and 2025) in Warffum, with its edges.

Expected figures are worked out by hand in the comments; the definition tests compare
against them.
"""

from dataclasses import dataclass
from datetime import date

import pytest

from . import factories as f
from .factories import at


@dataclass
class Year:
    village: object
    volunteers: dict
    requests: dict


@pytest.fixture
def crafted_year(village):
    v = village
    f.resident(v)
    welfare = f.organisation("welfare", "Stichting Welzijn")
    wmo = f.organisation("municipality", "Wmo-loket")

    # Volunteers: A, F, G long registered; B stops mid-2024; C new in 2024;
    # D stopped in 2023; E registers in 2025. Registered in 2024: A B C F G.
    vol = {
        "A": f.volunteer(v, date(2020, 1, 1)),
        "B": f.volunteer(v, date(2022, 1, 1), stopped_on=date(2024, 6, 15)),
        "C": f.volunteer(v, date(2024, 3, 1)),
        "D": f.volunteer(v, date(2021, 1, 1), stopped_on=date(2023, 11, 1)),
        "E": f.volunteer(v, date(2025, 2, 1)),
        "F": f.volunteer(v, date(2019, 1, 1)),
        "G": f.volunteer(v, date(2018, 1, 1)),
    }
    r = {}
    # One-off requests.
    r[1] = f.help_request(
        v, "vervoer", intake=at(2024, 3, 1), status="done", needed_on=date(2024, 3, 5)
    )
    f.match(r[1], vol["A"], accepted=at(2024, 3, 2), task_date=date(2024, 3, 5))  # waited 1 day
    # Taken in late on New Year's Eve (22:30 UTC): 2024, December; no date, so the intake counts.
    r[2] = f.help_request(
        v, "vervoer", intake=at(2024, 12, 31, 23, 30), status="closed", channel="email"
    )
    # Taken in in December 2024 but needed in January 2025: carried out in 2025.
    r[3] = f.help_request(
        v, "vervoer", intake=at(2024, 12, 20), status="done", needed_on=date(2025, 1, 2)
    )
    # A job with three volunteers, referred to us by a welfare organisation.
    r[4] = f.help_request(
        v,
        "klus",
        intake=at(2024, 5, 20),
        status="done",
        needed_on=date(2024, 6, 1),
        volunteers_needed=3,
        channel="doorverwijzing",
        referred_by=welfare,
    )
    for name, day in (("A", 23), ("B", 24), ("C", 25)):  # first one after 3 days
        f.match(r[4], vol[name], accepted=at(2024, 5, day), task_date=date(2024, 6, 1))
    r[5] = f.help_request(
        v,
        "klus",
        intake=at(2024, 6, 25),
        status="done",
        needed_on=date(2024, 7, 1),
        channel="inloop",
    )
    f.match(r[5], vol["A"], accepted=at(2024, 6, 27, 22), task_date=date(2024, 7, 1))  # 2.5 days
    r[6] = f.help_request(
        v, "klus", intake=at(2024, 8, 1), status="searching", needed_on=date(2024, 8, 10)
    )
    f.change(r[6], "cancelled", at(2024, 8, 5), reason="afgezegd")
    # Taken in at 00:30 on 1 January 2025 (still 2024 in UTC): belongs to 2025.
    r[7] = f.help_request(v, "klus", intake=at(2025, 1, 1, 0, 30), status="new")
    r[8] = f.help_request(
        v, "vervoer", intake=at(2023, 10, 1), status="done", needed_on=date(2023, 10, 10)
    )
    f.match(r[8], vol["D"], accepted=at(2023, 10, 2), task_date=date(2023, 10, 10))
    # Recurring requests.
    r[9] = f.help_request(  # started the year before, still running; G carries it
        v,
        "gezelschap",
        intake=at(2023, 8, 20),
        status="matched",
        is_recurring=True,
        recurrence_start=date(2023, 9, 1),
    )
    f.match(r[9], vol["G"], accepted=at(2023, 9, 4), status="active")
    f.change(r[9], "active", at(2023, 9, 5))
    r[10] = f.help_request(  # the food-bank ride that stopped mid-year
        v,
        "vervoer",
        intake=at(2024, 1, 15),
        status="matched",
        is_recurring=True,
        recurrence_start=date(2024, 2, 1),
    )
    f.change(r[10], "active", at(2024, 2, 1))
    f.change(r[10], "ended", at(2024, 6, 30, 12))
    r[11] = f.help_request(  # ended in December 2023: not in 2024
        v,
        "tuin",
        intake=at(2023, 2, 20),
        status="matched",
        is_recurring=True,
        recurrence_start=date(2023, 3, 1),
    )
    f.change(r[11], "active", at(2023, 3, 1))
    f.change(r[11], "ended", at(2023, 12, 15))
    r[12] = f.help_request(  # never found a volunteer: not running
        v,
        "gezelschap",
        intake=at(2024, 4, 10),
        status="searching",
        is_recurring=True,
        recurrence_start=date(2024, 5, 1),
    )
    r[13] = f.help_request(  # starts in 2025
        v,
        "gezelschap",
        intake=at(2024, 12, 28),
        status="matched",
        is_recurring=True,
        recurrence_start=date(2025, 1, 10),
    )
    f.change(r[13], "active", at(2025, 1, 10))
    # Ended without a volunteer.
    r[14] = f.help_request(v, "administratie", intake=at(2024, 4, 1, 9), status="new")
    f.change(r[14], "informed", at(2024, 4, 1, 9, 30))
    r[15] = f.help_request(v, "klus", intake=at(2024, 5, 1, 9), status="new")
    f.change(r[15], "referred", at(2024, 5, 1, 10), referred_to=wmo)
    # Taken in in December, referred in January of the next year: a 2025 referral.
    r[16] = f.help_request(v, "klus", intake=at(2024, 12, 30), status="new")
    f.change(r[16], "referred", at(2025, 1, 8), referred_to=wmo)
    r[17] = f.help_request(v, "tuin", intake=at(2024, 9, 1), status="new")
    f.change(r[17], "rejected", at(2024, 9, 2), reason="te_groot")

    # Activities: 2 different volunteers at the food-bank collections of 2024.
    f.activity(v, "voedselbankcollecte", date(2024, 5, 10), [vol["C"], vol["A"]])
    f.activity(v, "voedselbankcollecte", date(2024, 11, 1), [vol["A"]])
    f.activity(v, "fittest", date(2023, 6, 1), [vol["F"]])
    # Loans.
    f.loan(v, "rolstoel", "Rolstoel 1", date(2023, 12, 20), returned_on=date(2024, 1, 10))
    f.loan(v, "rolstoel", "Rolstoel 1", date(2024, 2, 1), returned_on=date(2024, 3, 1))
    f.loan(v, "rollator", "Rollator 1", date(2024, 8, 1))
    # Signals.
    f.signal(v, wmo, at(2024, 3, 1))
    f.signal(v, wmo, at(2025, 1, 2))
    return Year(village=v, volunteers=vol, requests=r)
