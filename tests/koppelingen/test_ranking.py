"""Ranking cases, pure: no database, no clock. Reasons are read in Dutch."""

from datetime import date
from decimal import Decimal

from koppelingen.ranking import CandidateFacts, Need, rank_candidates

VERVOER, KLUS, TUIN = 1, 2, 3
RIDE = Need(category_id=VERVOER, resident_id=99, distance_km=Decimal("25"), is_transport=True)
JOB = Need(category_id=KLUS, resident_id=99)


def driver(volunteer_id, name, **overrides):
    values = {
        "volunteer_id": volunteer_id,
        "name": name,
        "offers": frozenset({VERVOER, KLUS}),
        "has_car": True,
        "max_km": Decimal("50"),
        "last_asked_on": date(2026, 1, 1),
    }
    values.update(overrides)
    return CandidateFacts(**values)


def names(ranked):
    return [c.facts.name for c in ranked]


def excluded_reason(excluded, name):
    return next(c.excluded_because for c in excluded if c.facts.name == name)


def test_only_volunteers_who_offer_the_kind_of_help_are_eligible():
    eligible, excluded = rank_candidates(
        RIDE, [driver(1, "Jan"), driver(2, "Klaas", offers=frozenset({TUIN}))]
    )
    assert names(eligible) == ["Jan"]
    assert "Biedt deze soort hulp niet aan" in excluded_reason(excluded, "Klaas")


def test_wont_do_beats_offers():
    _, excluded = rank_candidates(JOB, [driver(1, "Jan", wont_do=frozenset({KLUS}))])
    assert excluded_reason(excluded, "Jan") == ["Wil deze soort hulp niet doen"]


def test_unavailable_volunteers_are_excluded_with_the_given_reason():
    _, excluded = rank_candidates(
        RIDE, [driver(1, "Jan", available=False, unavailable_reason="Afwezig t/m 17 augustus")]
    )
    assert excluded_reason(excluded, "Jan") == ["Afwezig t/m 17 augustus"]


def test_a_ride_further_than_the_volunteer_drives_is_excluded():
    eligible, excluded = rank_candidates(
        RIDE, [driver(1, "Jan", max_km=Decimal("10")), driver(2, "Piet", max_km=None)]
    )
    assert names(eligible) == ["Piet"]  # no maximum recorded means no limit
    assert "Rijdt hooguit 10 km, deze rit is 25 km" in excluded_reason(excluded, "Jan")


def test_a_ride_needs_a_car_but_an_odd_job_does_not():
    assert not rank_candidates(RIDE, [driver(1, "Jan", has_car=False)])[0]
    assert names(rank_candidates(JOB, [driver(1, "Jan", has_car=False)])[0]) == ["Jan"]


def test_a_wheelchair_along_needs_room_for_it():
    need = Need(VERVOER, 99, Decimal("5"), needs_wheelchair_space=True, is_transport=True)
    eligible, _ = rank_candidates(
        need, [driver(1, "Jan"), driver(2, "Piet", wheelchair_space=True)]
    )
    assert names(eligible) == ["Piet"]


def test_monthly_cap_reached_excludes():
    eligible, excluded = rank_candidates(
        JOB, [driver(1, "Jan", monthly_cap=3, tasks_this_month=3), driver(2, "Piet")]
    )
    assert names(eligible) == ["Piet"]
    assert "Maximum per maand bereikt (3 van 3)" in excluded_reason(excluded, "Jan")


def test_the_resident_and_do_not_pair_are_excluded():
    eligible, _ = rank_candidates(
        JOB,
        [driver(1, "Zelf", is_the_resident=True), driver(2, "Nee", do_not_pair=True)],
    )
    assert eligible == []


def test_a_pair_that_went_well_comes_first():
    eligible, _ = rank_candidates(
        JOB, [driver(1, "Anna"), driver(2, "Bert", good_matches_with_resident=1)]
    )
    assert names(eligible) == ["Bert", "Anna"]
    assert eligible[0].reasons[0].text == "Ging eerder goed met deze inwoner"


def test_a_mismatch_with_this_resident_drops_the_volunteer():
    eligible, _ = rank_candidates(
        JOB, [driver(1, "Anna", mismatches_with_resident=1), driver(2, "Bert")]
    )
    assert names(eligible) == ["Bert", "Anna"]


def test_a_no_counts_only_for_this_resident_and_only_a_little():
    declined = driver(1, "Anna", declines_with_resident=5)
    busy = driver(2, "Bert", deployed_last_30=2)
    eligible, _ = rank_candidates(JOB, [declined, busy])
    # five "no"s weigh like two, and less than two recent tasks
    assert eligible[0].score == -2.0
    assert names(eligible) == ["Anna", "Bert"]


def test_the_load_is_spread_recent_asks_weigh_more_than_older_ones():
    eligible, _ = rank_candidates(
        JOB,
        [
            driver(1, "Recent", asked_last_30=2),
            driver(2, "Older", asked_31_90=2),
            driver(3, "Rested"),
        ],
    )
    assert names(eligible) == ["Rested", "Older", "Recent"]
    assert "de last eerlijk verdelen" in eligible[-1].reasons[0].text


def test_never_asked_gets_a_small_nudge_but_not_over_a_good_pair():
    eligible, _ = rank_candidates(
        JOB,
        [
            driver(1, "Nieuw", last_asked_on=None),
            driver(2, "Vast", good_matches_with_resident=1),
            driver(3, "Gewoon"),
        ],
    )
    assert names(eligible) == ["Vast", "Nieuw", "Gewoon"]
    assert [r.text for r in eligible[1].reasons if r.points] == ["Nog nooit gevraagd"]


def test_living_close_by_helps():
    eligible, _ = rank_candidates(
        JOB,
        [
            driver(1, "Ver"),
            driver(2, "Buur", distance_to_resident_km=Decimal("0.4")),
            driver(3, "Wijk", same_postcode_area=True),
        ],
    )
    assert names(eligible) == ["Buur", "Wijk", "Ver"]


def test_ties_go_to_who_was_asked_least_recently():
    eligible, _ = rank_candidates(
        JOB,
        [
            driver(1, "Later", last_asked_on=date(2026, 3, 1)),
            driver(2, "Eerder", last_asked_on=date(2025, 12, 1)),
        ],
    )
    assert names(eligible) == ["Eerder", "Later"]


def test_excluded_candidates_stay_visible_sorted_by_name():
    _, excluded = rank_candidates(
        RIDE, [driver(2, "zus", has_car=False), driver(1, "Bram", has_car=False)]
    )
    assert names(excluded) == ["Bram", "zus"]
