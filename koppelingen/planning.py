"""Planning a week at once: a proposed volunteer for every open request (pure).

The ranking (`ranking.py`) looks at one request; the coordinator then asks one volunteer at a
time, and the same willing people are asked again. Here the whole week is one decision:
facts in (`WeekFacts`: the requests still looking for volunteers, with the same
`CandidateFacts` the ranking reads, and the tasks volunteers already have), a CP-SAT model
(OR-Tools), a `Plan` out. Nothing here touches the database or the clock.

Hard constraints (a plan never breaks them, see `violations`):

- every hard filter of the ranking (`ranking.exclusions`): offers this help and no "won't do",
  free on that day and daypart, not away or paused, drives far enough, room for a wheelchair,
  under the monthly cap (counted in the month of the task), not the resident, never a pair
  marked "not again";
- the monthly cap also over the plan itself: the tasks planned in a month plus those already
  taken stay within it;
- no two tasks of one volunteer at the same time, the tasks already taken included (a ride
  lasts from departure through the drive there, the appointment, the stay and the drive back:
  `calendar.task_end`). A task without a time of day can be fitted in any time that day and
  overlaps nothing;
- one volunteer at most once per request, and no more volunteers than a request still needs.

Goals, in this order: fill as many places as can be filled (coverage first: a request that
someone can do gets someone); then the ranking's own score for each pair (`score_parts`: pairs
that went well, continuity of a recurring request, a recent "no" to this resident, the load of
the last 90 days, never asked yet, near before far) — the same weights, from the same module;
then the spreading of this plan itself (`ranking.PLAN_EXTRA_TASK_POINTS`: every further task
for one volunteer in the same week costs more than the last).

The coordinator decides: choices they fix are kept (when they break a hard constraint they
are dropped, with a note saying why), requests they leave out are not planned.
"""

from __future__ import annotations

import time as clock
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.utils.translation import gettext as _

from .ranking import (
    AGAINST,
    PLAN_COVER_POINTS,
    PLAN_EXTRA_TASK_POINTS,
    CandidateFacts,
    Need,
    RankedCandidate,
    Reason,
    _sort_key,
    exclusions,
    fit_reasons,
    score_parts,
)

# Points are turned into whole numbers for the solver; what is left below a point breaks
# ties (see plan_week).
SCALE = 10_000_000
TIE_PLACES = 200  # the ranking's order counts for ties up to this place
# How many others the coordinator sees beside each proposal.
ALTERNATIVES = 2

# The solver: a fixed seed, two workers and a time limit, so that the same week gives the
# same plan and a page never waits long (the benchmark's target is 2 seconds).
SOLVER_SECONDS = 1.2
SOLVER_WORKERS = 2
SOLVER_SEED = 20


Window = tuple[datetime, datetime]


@dataclass(frozen=True)
class Task:
    """One request to plan: a one-off task, or the turns of a recurring request in the week.

    `candidates` are the facts of every volunteer who could be asked, relative to this
    request (its resident, its date and daypart, the month of the task); volunteers already
    asked for it are left out by the caller. `windows` are the times the volunteer is busy
    with it (empty: no time of day fixed). `month` is the month whose cap the task counts in.
    """

    request_id: int
    need: Need
    seats: int
    candidates: tuple[CandidateFacts, ...]
    windows: tuple[Window, ...] = ()
    month: tuple[int, int] | None = None
    label: str = ""
    is_recurring: bool = False


@dataclass(frozen=True)
class WeekFacts:
    """The pure input of the planner. `busy`: per volunteer, the times of tasks they already
    have (the same kind of windows as a task's)."""

    tasks: tuple[Task, ...]
    busy: dict[int, tuple[Window, ...]] = field(default_factory=dict)
    today: date | None = None


@dataclass
class Proposal:
    """What the plan proposes for one request: the volunteers (best first), for each whether
    the coordinator fixed them, and the two best others with their reasons."""

    task: Task
    chosen: list[RankedCandidate] = field(default_factory=list)
    fixed: set[int] = field(default_factory=set)
    alternatives: list[RankedCandidate] = field(default_factory=list)
    eligible: list[RankedCandidate] = field(default_factory=list)
    excluded: list[RankedCandidate] = field(default_factory=list)

    @property
    def request_id(self) -> int:
        return self.task.request_id

    @property
    def volunteer_ids(self) -> list[int]:
        return [c.facts.volunteer_id for c in self.chosen]

    @property
    def open_seats(self) -> int:
        return self.task.seats - len(self.chosen)

    @property
    def has_candidates(self) -> bool:
        return bool(self.eligible)


@dataclass
class Plan:
    proposals: list[Proposal]
    left_out: list[Task]
    notes: list[str]
    seconds: float
    status: str  # "optimal", "feasible" (the time limit came first), "empty"

    @property
    def assignment(self) -> dict[int, list[int]]:
        return {p.request_id: p.volunteer_ids for p in self.proposals if p.chosen}

    def load(self) -> dict[int, int]:
        counts: dict[int, int] = defaultdict(int)
        for proposal in self.proposals:
            for volunteer_id in proposal.volunteer_ids:
                counts[volunteer_id] += 1
        return dict(counts)


def overlaps(a: Window, b: Window) -> bool:
    """Two times overlap when each starts before the other ends (touching is fine: a ride
    that ends at 11:00 and a job at 11:00)."""
    return a[0] < b[1] and b[0] < a[1]


def _any_overlap(first: Iterable[Window], second: Iterable[Window]) -> Window | None:
    second = list(second)
    for a in first:
        for b in second:
            if overlaps(a, b):
                return b
    return None


def _busy_reason(window: Window) -> str:
    start, end = window
    return _("Already has a task then (%(start)s–%(end)s)") % {
        "start": f"{start:%H:%M}",
        "end": f"{end:%H:%M}",
    }


def ranked_for(task: Task, busy: dict[int, tuple[Window, ...]]):
    """The ranking of one task's candidates (`ranking.rank_candidates`: the same filters,
    score and order), with one more hard filter the week knows of: a task the volunteer
    already has at that time. The plain facts for and against (`fit_reasons`) are left for
    `explain`: a week has thousands of pairs and the page shows a few of them."""
    eligible, excluded = [], []
    for facts in task.candidates:
        candidate = RankedCandidate(facts=facts, excluded_because=exclusions(task.need, facts))
        clash = _any_overlap(task.windows, busy.get(facts.volunteer_id, ()))
        if clash is not None:
            candidate.excluded_because.append(_busy_reason(clash))
        if candidate.is_eligible:
            candidate.reasons = score_parts(facts, today=task.need.today)
            candidate.score = round(sum(r.points for r in candidate.reasons), 2)
            eligible.append(candidate)
        else:
            excluded.append(candidate)
    eligible.sort(key=_sort_key)
    excluded.sort(key=lambda c: (c.facts.name.casefold(), c.facts.volunteer_id))
    return eligible, excluded


def explain(task: Task, candidate: RankedCandidate) -> RankedCandidate:
    """Add the plain facts for and against (`ranking.fit_reasons`) to a ranked candidate, as
    the candidates page shows them."""
    if not candidate.explained:
        candidate.explained = True
        candidate.reasons = [*candidate.reasons, *fit_reasons(task.need, candidate.facts)]
    return candidate


def violations(facts: WeekFacts, assignment: dict[int, Iterable[int]]) -> list[str]:
    """Every hard constraint a plan (request id → volunteer ids) breaks; empty when none.

    The planner's own check, used for the coordinator's fixed choices and by the tests: the
    solver is never trusted on its word."""
    problems = []
    tasks = {t.request_id: t for t in facts.tasks}
    per_volunteer: dict[int, list[Task]] = defaultdict(list)
    for request_id, volunteer_ids in assignment.items():
        task = tasks.get(request_id)
        if task is None:
            problems.append(f"request {request_id}: not in the week")
            continue
        volunteer_ids = list(volunteer_ids)
        if len(volunteer_ids) > task.seats:
            problems.append(f"request {request_id}: {len(volunteer_ids)} for {task.seats} places")
        if len(set(volunteer_ids)) != len(volunteer_ids):
            problems.append(f"request {request_id}: one volunteer twice")
        candidates = {c.volunteer_id: c for c in task.candidates}
        for volunteer_id in set(volunteer_ids):
            candidate = candidates.get(volunteer_id)
            if candidate is None:
                problems.append(f"request {request_id}: volunteer {volunteer_id} not a candidate")
                continue
            excluded = exclusions(task.need, candidate)
            if excluded:
                problems.append(f"request {request_id}: volunteer {volunteer_id}: {excluded}")
            if _any_overlap(task.windows, facts.busy.get(volunteer_id, ())):
                problems.append(f"request {request_id}: volunteer {volunteer_id} already busy")
            per_volunteer[volunteer_id].append(task)
    for volunteer_id, their_tasks in per_volunteer.items():
        for i, a in enumerate(their_tasks):
            for b in their_tasks[i + 1 :]:
                if _any_overlap(a.windows, b.windows):
                    problems.append(
                        f"volunteer {volunteer_id}: requests {a.request_id} and {b.request_id}"
                        " at the same time"
                    )
        by_month: dict[tuple, list[Task]] = defaultdict(list)
        for task in their_tasks:
            by_month[task.month].append(task)
        for month, in_month in by_month.items():
            facts_of = next(c for c in in_month[0].candidates if c.volunteer_id == volunteer_id)
            cap = facts_of.monthly_cap
            if cap is not None and facts_of.tasks_this_month + len(in_month) > cap:
                problems.append(f"volunteer {volunteer_id}: over the monthly limit in {month}")
    return problems


def _score(candidate: RankedCandidate) -> int:
    return round(candidate.score * SCALE)


def _drop_broken_fixes(
    facts: WeekFacts, fixed: dict[int, list[int]], ranked: dict[int, tuple]
) -> tuple[dict[int, list[int]], list[str]]:
    """Keep the coordinator's fixed choices one by one, in their order, as long as together
    they break no hard constraint; the others are dropped with a note."""
    kept: dict[int, list[int]] = {}
    notes = []
    tasks = {t.request_id: t for t in facts.tasks}
    for request_id, volunteer_ids in fixed.items():
        task = tasks.get(request_id)
        if task is None:
            continue
        eligible, excluded = ranked[request_id]
        names = {c.facts.volunteer_id: c for c in eligible + excluded}
        for volunteer_id in volunteer_ids:
            trial = {**kept, request_id: [*kept.get(request_id, []), volunteer_id]}
            if volunteer_id in kept.get(request_id, []):
                continue
            if not violations(facts, trial) and volunteer_id in {
                c.facts.volunteer_id for c in eligible
            }:
                kept = trial
                continue
            candidate = names.get(volunteer_id)
            why = candidate.excluded_because if candidate and candidate.excluded_because else []
            notes.append(
                _("%(name)s could not stay fixed for %(task)s: %(why)s")
                % {
                    "name": candidate.facts.name if candidate else f"#{volunteer_id}",
                    "task": task.label or f"#{request_id}",
                    "why": "; ".join(why)
                    or _(
                        "it clashes with another fixed choice (the same time or the monthly limit)"
                    ),
                }
            )
    return kept, notes


def plan_week(
    facts: WeekFacts,
    *,
    fixed: dict[int, list[int]] | None = None,
    left_out: Iterable[int] = (),
    seconds: float = SOLVER_SECONDS,
) -> Plan:
    """The best plan for the week under the hard constraints (see the module docstring).

    `fixed`: request id → volunteers the coordinator chose (kept when they break nothing);
    `left_out`: requests not to plan now. Deterministic: a fixed seed, a tie broken by the
    ranking's own order."""
    # Imported here: OR-Tools (with pandas) takes a second to load, and only this page needs
    # it, not every worker and management command that imports the URLs.
    from ortools.sat.python import cp_model

    started = clock.perf_counter()
    left_out = set(left_out)
    tasks = [t for t in facts.tasks if t.request_id not in left_out]
    ranked = {t.request_id: ranked_for(t, facts.busy) for t in facts.tasks}
    fixed, notes = _drop_broken_fixes(
        replace(facts, tasks=tuple(tasks)),
        {k: v for k, v in (fixed or {}).items() if k not in left_out},
        ranked,
    )

    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    objective = []
    by_volunteer: dict[int, list[tuple[Task, cp_model.IntVar]]] = defaultdict(list)
    # Ties are broken by the ranking's order, weighted by the request's place in the week, so
    # that two plans that only trade equal volunteers between requests differ too (the same
    # week, the same plan); all tie-breaks together stay below the smallest score step.
    seats = max(1, sum(t.seats for t in tasks))
    tie_unit = max(1, SCALE // (4 * seats * TIE_PLACES * max(1, len(tasks))))
    for index, task in enumerate(tasks):
        eligible, _excluded = ranked[task.request_id]
        for order, candidate in enumerate(eligible):
            volunteer_id = candidate.facts.volunteer_id
            var = model.new_bool_var(f"x_{task.request_id}_{volunteer_id}")
            x[task.request_id, volunteer_id] = var
            by_volunteer[volunteer_id].append((task, var))
            tie = min(order, TIE_PLACES - 1) * (index + 1) * tie_unit
            objective.append((round(PLAN_COVER_POINTS * SCALE) + _score(candidate) - tie) * var)
        places = [x[task.request_id, c.facts.volunteer_id] for c in eligible]
        if places:
            model.add(sum(places) <= task.seats)
        for volunteer_id in fixed.get(task.request_id, []):
            model.add(x[task.request_id, volunteer_id] == 1)

    for volunteer_id, pairs in by_volunteer.items():
        for i, (a, var_a) in enumerate(pairs):
            for b, var_b in pairs[i + 1 :]:
                if _any_overlap(a.windows, b.windows):
                    model.add_at_most_one(var_a, var_b)
        by_month: dict[tuple, list] = defaultdict(list)
        for task, var in pairs:
            by_month[task.month].append((task, var))
        for in_month in by_month.values():
            facts_of = next(c for c in in_month[0][0].candidates if c.volunteer_id == volunteer_id)
            if facts_of.monthly_cap is not None:
                room = facts_of.monthly_cap - facts_of.tasks_this_month
                if room < len(in_month):
                    model.add(sum(var for _t, var in in_month) <= room)
        # Spreading within the plan: the volunteer's tasks are counted in ordered steps,
        # and the k-th further task costs k times the step (convex, so the steps fill in
        # order by themselves; a tight model the solver closes quickly).
        if len(pairs) > 1:
            steps = [model.new_bool_var(f"step_{volunteer_id}_{k}") for k in range(len(pairs))]
            model.add(sum(var for _t, var in pairs) == sum(steps))
            for k in range(1, len(steps)):
                model.add_implication(steps[k], steps[k - 1])
                objective.append(-round(PLAN_EXTRA_TASK_POINTS * SCALE * k) * steps[k])

    status_name = "empty"
    solution: dict[int, list[int]] = {}
    if x:
        model.maximize(sum(objective))
        # Start from the quick plan (fixed choices, then the top of each ranking still
        # free): the solver improves on it, and should time run out first, it stands.
        start = _quick_fill(facts, tasks, ranked, fixed)
        for (request_id, volunteer_id), var in x.items():
            model.add_hint(var, volunteer_id in start.get(request_id, ()))
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = seconds
        solver.parameters.num_workers = SOLVER_WORKERS
        solver.parameters.random_seed = SOLVER_SEED
        status = solver.solve(model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            status_name = "optimal" if status == cp_model.OPTIMAL else "feasible"
            for (request_id, volunteer_id), var in x.items():
                if solver.value(var):
                    solution.setdefault(request_id, []).append(volunteer_id)
        else:
            # No better plan in the time given (a very busy machine): the quick plan, which
            # keeps every hard constraint too.
            status_name = "quick"
            solution = start
    return _plan(facts, tasks, ranked, solution, fixed, notes, left_out, started, status_name)


def _quick_fill(facts: WeekFacts, tasks, ranked, fixed) -> dict[int, list[int]]:
    """The fixed choices, then for each request the best-ranked candidates who are still free
    then and under their monthly limit: a valid plan, quickly."""
    plan = {k: list(v) for k, v in fixed.items()}
    busy: dict[int, list[Window]] = defaultdict(list)
    in_month: dict[tuple[int, tuple], int] = defaultdict(int)
    tasks_by_id = {t.request_id: t for t in tasks}
    for request_id, volunteer_ids in plan.items():
        for volunteer_id in volunteer_ids:
            busy[volunteer_id].extend(tasks_by_id[request_id].windows)
            in_month[volunteer_id, tasks_by_id[request_id].month] += 1
    for task in tasks:
        chosen = plan.setdefault(task.request_id, [])
        for candidate in ranked[task.request_id][0]:
            if len(chosen) >= task.seats:
                break
            facts_of = candidate.facts
            volunteer_id = facts_of.volunteer_id
            cap = facts_of.monthly_cap
            if (
                volunteer_id in chosen
                or _any_overlap(task.windows, busy[volunteer_id])
                or (
                    cap is not None
                    and facts_of.tasks_this_month + in_month[volunteer_id, task.month] >= cap
                )
            ):
                continue
            chosen.append(volunteer_id)
            busy[volunteer_id].extend(task.windows)
            in_month[volunteer_id, task.month] += 1
    return {k: v for k, v in plan.items() if v}


def _plan(facts, tasks, ranked, solution, fixed, notes, left_out, started, status_name) -> Plan:
    load: dict[int, int] = defaultdict(int)
    for volunteer_ids in solution.values():
        for volunteer_id in volunteer_ids:
            load[volunteer_id] += 1
    proposals = []
    for task in tasks:
        eligible, excluded = ranked[task.request_id]
        chosen_ids = set(solution.get(task.request_id, []))
        chosen = []
        for candidate in eligible:
            if candidate.facts.volunteer_id in chosen_ids:
                explain(task, candidate)
                others = load[candidate.facts.volunteer_id] - 1
                if others:
                    candidate.reasons = [
                        *candidate.reasons,
                        Reason(0, _plan_load_text(others), AGAINST),
                    ]
                chosen.append(candidate)
        alternatives = [c for c in eligible if c.facts.volunteer_id not in chosen_ids]
        alternatives = [explain(task, c) for c in alternatives[:ALTERNATIVES]]
        proposals.append(
            Proposal(
                task=task,
                chosen=chosen,
                fixed=set(fixed.get(task.request_id, [])),
                alternatives=alternatives,
                eligible=eligible,
                excluded=excluded,
            )
        )
    return Plan(
        proposals=proposals,
        left_out=[t for t in facts.tasks if t.request_id in left_out],
        notes=notes,
        seconds=clock.perf_counter() - started,
        status=status_name,
    )


def _plan_load_text(others: int) -> str:
    from django.utils.translation import ngettext

    return ngettext(
        "Also has %(count)d other task in this plan",
        "Also has %(count)d other tasks in this plan",
        others,
    ) % {"count": others}


def plan_one_by_one(facts: WeekFacts) -> dict[int, list[int]]:
    """The way it is done without a planner, as the benchmark's baseline: request by request
    (in the order given), ask the top of the ranking who is still free, and count that ask
    before the next request is ranked (asked recently, one more task this month)."""
    asked: dict[int, int] = defaultdict(int)
    busy = {k: list(v) for k, v in facts.busy.items()}
    month_taken: dict[tuple[int, tuple], int] = defaultdict(int)
    plan: dict[int, list[int]] = {}
    for task in facts.tasks:
        candidates = []
        for c in task.candidates:
            n = asked[c.volunteer_id]
            candidates.append(
                replace(
                    c,
                    asked_last_30=c.asked_last_30 + n,
                    last_asked_on=facts.today if n else c.last_asked_on,
                    tasks_this_month=c.tasks_this_month + month_taken[c.volunteer_id, task.month],
                )
            )
        eligible, _excluded = ranked_for(replace(task, candidates=tuple(candidates)), busy)
        for candidate in eligible[: task.seats]:
            volunteer_id = candidate.facts.volunteer_id
            plan.setdefault(task.request_id, []).append(volunteer_id)
            asked[volunteer_id] += 1
            month_taken[volunteer_id, task.month] += 1
            busy.setdefault(volunteer_id, []).extend(task.windows)
    return plan
