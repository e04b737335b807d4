"""The week planner (koppelingen/planning.py): small weeks whose best plan is known, and a
property test that no plan ever breaks a hard constraint. Pure: no database."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.calendar import AMSTERDAM
from koppelingen.planning import (
    Task,
    WeekFacts,
    overlaps,
    plan_one_by_one,
    plan_week,
    violations,
)
from koppelingen.ranking import CandidateFacts, Need

TODAY = date(2026, 3, 2)  # a Monday
RIDE, JOB = 1, 2


def at(day: int, hour: int, minutes: int = 0):
    return datetime(2026, 3, 2 + day, hour, minutes, tzinfo=AMSTERDAM)


def window(day, start, end):
    return (at(day, start), at(day, end))


def volunteer(pk, **kwargs):
    kwargs.setdefault("offers", frozenset({RIDE, JOB}))
    kwargs.setdefault("has_car", True)
    kwargs.setdefault("last_asked_on", TODAY - timedelta(days=200))
    return CandidateFacts(volunteer_id=pk, name=f"Vrijwilliger {pk}", **kwargs)


def task(pk, candidates, *, windows=(), seats=1, category=RIDE, resident=None, **need):
    return Task(
        request_id=pk,
        need=Need(
            category_id=category,
            resident_id=resident or 100 + pk,
            is_transport=category == RIDE,
            today=TODAY,
            **need,
        ),
        seats=seats,
        candidates=tuple(candidates),
        windows=tuple(windows),
        month=(2026, 3),
        label=f"Taak {pk}",
    )


def week(*tasks, busy=None):
    return WeekFacts(tasks=tuple(tasks), busy=busy or {}, today=TODAY)


def test_the_only_driver_for_a_far_ride_is_kept_for_it():
    # At the same time; volunteer 1 ranks first for both (never asked), volunteer 2 drives
    # only 10 km.
    people = [volunteer(1, last_asked_on=None), volunteer(2, max_km=Decimal(10))]
    near = task(1, people, windows=[window(1, 9, 11)], distance_km=Decimal(4))
    far = task(2, people, windows=[window(1, 9, 12)], distance_km=Decimal(40))
    facts = week(near, far)
    assert plan_one_by_one(facts) == {1: [1]}  # one by one, the far ride finds nobody
    assert plan_week(facts).assignment == {1: [2], 2: [1]}


def test_two_tasks_go_to_two_people_when_their_scores_are_close():
    people = [volunteer(1, last_asked_on=None), volunteer(2, asked_31_90=1)]
    facts = week(
        task(1, people, windows=[window(1, 9, 11)]), task(2, people, windows=[window(3, 9, 11)])
    )
    plan = plan_week(facts)
    assert sorted(v for vs in plan.assignment.values() for v in vs) == [1, 2]


def test_a_much_better_pair_may_take_two_tasks():
    # Went well twice with both residents (+6 each): worth more than spreading (−2).
    people = [volunteer(1, good_matches_with_resident=2), volunteer(2)]
    facts = week(task(1, people), task(2, people))
    assert plan_week(facts).assignment == {1: [1], 2: [1]}
    chosen = plan_week(facts).proposals[1].chosen[0]
    assert "Ook nog 1 andere taak in deze planning" in [r.text for r in chosen.reasons_against]


def test_one_volunteer_is_never_planned_twice_at_the_same_time():
    only_one = [volunteer(1)]
    facts = week(
        task(1, only_one, windows=[window(1, 9, 11)]),
        task(2, only_one, windows=[window(1, 10, 12)]),
    )
    plan = plan_week(facts)
    assert len(plan.assignment) == 1
    assert not violations(facts, plan.assignment)


def test_a_task_that_ends_when_the_next_begins_does_not_overlap():
    assert not overlaps(window(1, 9, 11), window(1, 11, 12))
    facts = week(
        task(1, [volunteer(1)], windows=[window(1, 9, 11)]),
        task(2, [volunteer(1)], windows=[window(1, 11, 12)]),
    )
    assert plan_week(facts).assignment == {1: [1], 2: [1]}


def test_a_task_already_taken_blocks_that_time():
    facts = week(
        task(1, [volunteer(1), volunteer(2)], windows=[window(2, 14, 16)]),
        busy={1: (window(2, 15, 17),)},
    )
    plan = plan_week(facts)
    assert plan.assignment == {1: [2]}
    (excluded,) = plan.proposals[0].excluded
    assert excluded.excluded_because == ["Heeft dan al een taak (15:00–17:00)"]


def test_the_monthly_limit_counts_the_plan_itself():
    capped = volunteer(1, monthly_cap=3, tasks_this_month=2)
    facts = week(task(1, [capped]), task(2, [capped]), task(3, [capped]))
    plan = plan_week(facts)
    assert len(plan.assignment) == 1
    assert not violations(facts, plan.assignment)


def test_a_pair_marked_not_again_is_never_planned_even_as_the_only_one():
    facts = week(task(1, [volunteer(1, do_not_pair=True)]))
    plan = plan_week(facts)
    assert plan.assignment == {}
    assert not plan.proposals[0].has_candidates


def test_a_request_for_two_gets_two_different_volunteers():
    facts = week(task(1, [volunteer(1), volunteer(2), volunteer(3)], seats=2))
    (volunteers,) = plan_week(facts).assignment.values()
    assert len(set(volunteers)) == 2


def test_continuity_a_recurring_request_keeps_who_did_its_turns():
    facts = week(task(1, [volunteer(1, last_asked_on=None), volunteer(2, turns_for_request=4)]))
    assert plan_week(facts).assignment == {1: [2]}


def test_a_recent_no_to_this_resident_counts_against():
    facts = week(task(1, [volunteer(1, declines_with_resident=1), volunteer(2)]))
    assert plan_week(facts).assignment == {1: [2]}


def test_the_coordinators_fixed_choice_is_kept_and_the_rest_planned_around_it():
    people = [volunteer(1, last_asked_on=None), volunteer(2)]
    facts = week(
        task(1, people, windows=[window(1, 9, 11)]),
        task(2, people, windows=[window(1, 9, 11)]),
    )
    plan = plan_week(facts, fixed={2: [1]})
    assert plan.assignment == {1: [2], 2: [1]}
    assert plan.proposals[1].fixed == {1}
    assert plan.notes == []


def test_a_fixed_choice_that_breaks_a_hard_constraint_is_dropped_with_a_note():
    facts = week(task(1, [volunteer(1, has_car=False), volunteer(2)]))
    plan = plan_week(facts, fixed={1: [1]})
    assert plan.assignment == {1: [2]}
    assert plan.notes == ["Vrijwilliger 1 kon niet vast blijven staan voor Taak 1: Heeft geen auto"]


def test_two_fixed_choices_at_the_same_time_keep_the_first():
    people = [volunteer(1), volunteer(2)]
    facts = week(
        task(1, people, windows=[window(1, 9, 11)]),
        task(2, people, windows=[window(1, 10, 11)]),
    )
    plan = plan_week(facts, fixed={1: [1], 2: [1]})
    assert plan.assignment == {1: [1], 2: [2]}
    assert len(plan.notes) == 1


def test_a_request_left_out_is_not_planned():
    people = [volunteer(1)]
    plan = plan_week(week(task(1, people), task(2, people)), left_out=[1])
    assert plan.assignment == {2: [1]}
    assert [t.request_id for t in plan.left_out] == [1]


def test_each_proposal_shows_two_alternatives_best_first():
    people = [volunteer(1, last_asked_on=None), volunteer(2), volunteer(3, asked_last_30=2)]
    (proposal,) = plan_week(week(task(1, people))).proposals
    assert proposal.volunteer_ids == [1]
    assert [c.facts.volunteer_id for c in proposal.alternatives] == [2, 3]
    assert "Nog nooit gevraagd" in [r.text for r in proposal.chosen[0].reasons_for]


def test_the_same_week_gives_the_same_plan():
    people = [volunteer(n, asked_31_90=n % 3) for n in range(1, 12)]
    facts = week(*(task(n, people, windows=[window(n % 5, 9, 12)]) for n in range(1, 9)))
    assert plan_week(facts).assignment == plan_week(facts).assignment


# --- the property: a plan never breaks a hard constraint -----------------------------------

volunteers = st.builds(
    lambda pk, offers, wont, available, car, wheelchair, km, cap, taken, no_pair, asked: volunteer(
        pk,
        offers=frozenset(offers),
        wont_do=frozenset(wont),
        available=available,
        has_car=car,
        wheelchair_space=wheelchair,
        max_km=Decimal(km) if km else None,
        monthly_cap=cap,
        tasks_this_month=taken,
        do_not_pair=no_pair,
        asked_last_30=asked,
    ),
    pk=st.integers(1, 12),
    offers=st.sets(st.sampled_from([RIDE, JOB]), max_size=2),
    wont=st.sets(st.sampled_from([RIDE, JOB]), max_size=1),
    available=st.booleans(),
    car=st.booleans(),
    wheelchair=st.booleans(),
    km=st.sampled_from([None, 5, 20, 60]),
    cap=st.sampled_from([None, 1, 2, 4]),
    taken=st.integers(0, 3),
    no_pair=st.booleans(),
    asked=st.integers(0, 3),
)


@st.composite
def weeks(draw):
    people = {v.volunteer_id: v for v in draw(st.lists(volunteers, min_size=1, max_size=10))}
    tasks = []
    for pk in range(1, draw(st.integers(1, 8)) + 1):
        day, hour = draw(st.integers(0, 4)), draw(st.integers(8, 16))
        length = draw(st.integers(1, 4))
        timed = draw(st.booleans())
        tasks.append(
            task(
                pk,
                draw(
                    st.lists(
                        st.sampled_from(list(people.values())), unique_by=lambda v: v.volunteer_id
                    )
                ),
                windows=[(at(day, hour), at(day, hour) + timedelta(hours=length))] if timed else [],
                seats=draw(st.integers(1, 2)),
                category=draw(st.sampled_from([RIDE, JOB])),
                distance_km=draw(st.sampled_from([None, Decimal(3), Decimal(30)])),
                needs_wheelchair_space=draw(st.booleans()),
            )
        )
    busy = {
        pk: ((at(day, 9), at(day, 12)),)
        for pk, day in draw(
            st.dictionaries(st.sampled_from(list(people)), st.integers(0, 4))
        ).items()
    }
    return week(*tasks, busy=busy)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts=weeks(), data=st.data())
def test_a_plan_never_breaks_a_hard_constraint(facts, data):
    some = [t.request_id for t in facts.tasks]
    fixed = data.draw(
        st.dictionaries(st.sampled_from(some), st.lists(st.integers(1, 12), max_size=2), max_size=3)
    )
    plan = plan_week(facts, fixed=fixed)
    assert violations(facts, plan.assignment) == []
    # Coverage first: never fewer places filled than asking one by one would fill.
    covered = sum(len(v) for v in plan.assignment.values())
    greedy = plan_one_by_one(facts)
    assert violations(facts, greedy) == []
    if not fixed:
        assert covered >= sum(len(v) for v in greedy.values())
