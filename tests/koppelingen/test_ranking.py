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


# --- what speaks for and against a candidate ---------------------------------------------

TODAY = date(2026, 12, 1)
GP_RIDE = Need(
    category_id=VERVOER,
    resident_id=99,
    distance_km=Decimal("0.800000000000000"),
    is_transport=True,
    category_name="Vervoer",
    on=date(2026, 12, 8),
    daypart="morning",
    today=TODAY,
)
DATED_JOB = Need(category_id=KLUS, resident_id=99, category_name="Klussen", today=TODAY)


def reasons(candidate):
    return (
        [r.text for r in candidate.reasons_for],
        [r.text for r in candidate.reasons_against],
    )


def test_a_candidate_with_score_zero_still_says_why_they_are_on_the_list():
    (only,), _ = rank_candidates(GP_RIDE, [driver(1, "Jan", last_asked_on=date(2026, 6, 1))])
    assert only.score == 0
    pros, cons = reasons(only)
    assert pros == [
        "Biedt deze soort hulp aan (Vervoer)",
        "Vrij op dinsdag 8 december, ochtend",
        "Rijdt tot 50 km; deze rit is 0,8 km",
        "Laatst gevraagd op 1 jun",
        "Deze maand nog geen taken",
    ]
    assert cons == []


def test_every_eligible_candidate_has_reasons_for_whatever_the_facts():
    eligible, _ = rank_candidates(
        JOB,
        [
            driver(1, "Jan"),
            driver(2, "Piet", asked_last_30=3, mismatches_with_resident=1, has_car=False),
        ],
    )
    assert all(c.reasons_for and all(r.text for r in c.reasons) for c in eligible)


def test_no_maximum_distance_reads_as_any_distance():
    (only,), _ = rank_candidates(GP_RIDE, [driver(1, "Jan", max_km=None)])
    assert "Rijdt elke afstand (geen maximum opgegeven)" in reasons(only)[0]


def test_a_wheelchair_along_shows_the_room_for_it():
    need = Need(VERVOER, 99, Decimal("5"), needs_wheelchair_space=True, is_transport=True)
    (only,), _ = rank_candidates(need, [driver(1, "Jan", wheelchair_space=True)])
    assert "Ruimte voor een rolstoel in de auto" in reasons(only)[0]


def test_a_request_without_a_date_says_the_volunteer_is_not_away():
    (only,), _ = rank_candidates(DATED_JOB, [driver(1, "Jan")])
    assert "Niet afwezig en geen pauze (de datum staat nog niet vast)" in reasons(only)[0]


def test_a_day_without_daypart_reads_as_free_that_day():
    need = Need(KLUS, 99, on=date(2027, 1, 4), today=TODAY)
    (only,), _ = rank_candidates(need, [driver(1, "Jan")])
    assert "Vrij op maandag 4 januari 2027" in reasons(only)[0]


def test_last_asked_last_year_shows_the_year():
    (only,), _ = rank_candidates(DATED_JOB, [driver(1, "Jan", last_asked_on=date(2025, 11, 3))])
    assert "Laatst gevraagd op 3 nov 2025" in reasons(only)[0]


def test_asked_recently_speaks_against():
    (only,), _ = rank_candidates(
        DATED_JOB, [driver(1, "Jan", last_asked_on=date(2026, 11, 28), asked_last_30=1)]
    )
    pros, cons = reasons(only)
    assert "Kort geleden gevraagd: laatst op 28 nov" in cons
    assert not any(text.startswith("Laatst gevraagd") for text in pros)


def test_tasks_this_month_against_the_cap():
    (room, near), _ = rank_candidates(
        DATED_JOB,
        [
            driver(1, "Anna", monthly_cap=4, tasks_this_month=2),
            driver(2, "Bert", monthly_cap=4, tasks_this_month=3),
        ],
    )
    assert "2 van 4 deze maand" in reasons(room)[0]
    assert "Bijna aan het maximum: 3 van 4 deze maand" in reasons(near)[1]


def test_tasks_this_month_without_a_cap():
    (only,), _ = rank_candidates(DATED_JOB, [driver(1, "Jan", tasks_this_month=2)])
    assert "Deze maand al 2 taken (geen maximum opgegeven)" in reasons(only)[1]


def test_a_no_to_this_resident_shows_when():
    (only,), _ = rank_candidates(
        DATED_JOB,
        [driver(1, "Jan", declines_with_resident=1, last_declined_on=date(2026, 11, 20))],
    )
    assert "Zei eerder nee voor deze inwoner (laatst op 20 nov)" in reasons(only)[1]


def test_history_with_this_resident_both_ways():
    (good, bad), _ = rank_candidates(
        DATED_JOB,
        [
            driver(1, "Goed", good_matches_with_resident=2),
            driver(2, "Mis", mismatches_with_resident=1),
        ],
    )
    assert "Ging eerder goed met deze inwoner (2 keer)" in reasons(good)[0]
    assert "Klikte eerder niet met deze inwoner" in reasons(bad)[1]


def test_no_car_speaks_against_for_an_odd_job_only():
    (job,), _ = rank_candidates(DATED_JOB, [driver(1, "Jan", has_car=False)])
    assert "Heeft geen auto" in reasons(job)[1]
    (ride,), _ = rank_candidates(GP_RIDE, [driver(1, "Jan")])
    assert "Heeft geen auto" not in reasons(ride)[1]


def test_distance_to_the_resident_where_known():
    near_one, far_one = rank_candidates(
        DATED_JOB,
        [
            driver(1, "Buur", distance_to_resident_km=Decimal("0.8")),
            driver(2, "Ver", distance_to_resident_km=Decimal("7.5")),
        ],
    )[0]
    assert "Woont dichtbij (0,8 km)" in reasons(near_one)[0]
    assert "Woont 7,5 km verderop" in reasons(far_one)[1]


def test_exclusion_for_a_short_ride_writes_the_distance_the_dutch_way():
    need = Need(VERVOER, 99, Decimal("12.5"), is_transport=True)
    _, excluded = rank_candidates(need, [driver(1, "Jan", max_km=Decimal("10"))])
    assert excluded_reason(excluded, "Jan") == ["Rijdt hooguit 10 km, deze rit is 12,5 km"]
