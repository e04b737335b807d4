"""The week planner page: a proposed volunteer for every open request of the coming week, and
one click that asks them all.

The plan's state between two clicks (choices the coordinator fixed or swapped, requests left
out) travels in the form, not in a table: every click plans again from today's facts, so a
plan never goes stale behind the coordinator's back, two coordinators planning at once do not
overwrite each other's drafts, and nothing about residents is stored twice. Sending checks the
choices on the page against the hard constraints once more (`planning.violations`) before
anyone is asked; what was sent then waits for answers, and a "no" brings that place back on
the planner (never sent again by itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.access import capability_required
from accounts.access_log import Action, log_read
from vrijwilligers.models import Volunteer

from . import services
from .planner_facts import week_facts
from .planning import plan_week, violations


@dataclass
class PlanState:
    """What the coordinator set on the page: request id → the volunteers per place (None: the
    place left empty), fixed (kept as chosen), and requests left out."""

    picks: dict[int, list[int | None]] = field(default_factory=dict)
    fixed: dict[int, list[int]] = field(default_factory=dict)
    left_out: set[int] = field(default_factory=set)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def plan_state(data) -> PlanState:
    """Read the plan's state from the submitted form. Anything unreadable counts as not
    given (a forged or stale form plans afresh, it never fails)."""
    state = PlanState()
    swap = (data.get("swap") or "").split(":")
    swap_to = tuple(_int(v) for v in swap) if len(swap) == 3 else None
    for request_id in {_int(v) for v in data.getlist("request")} - {None}:
        if data.get(f"skip-{request_id}"):
            state.left_out.add(request_id)
            continue
        seats = min(_int(data.get(f"seats-{request_id}")) or 0, 20)
        picks, changed = [], False
        for seat in range(seats):
            pick = _int(data.get(f"pick-{request_id}-{seat}"))
            if swap_to and swap_to[0] == request_id and swap_to[1] == seat:
                pick = swap_to[2]
            changed |= pick != _int(data.get(f"shown-{request_id}-{seat}"))
            picks.append(pick)
        state.picks[request_id] = picks
        if data.get(f"fix-{request_id}") or changed:
            chosen = [p for p in picks if p is not None]
            if chosen:
                state.fixed[request_id] = chosen
    return state


@capability_required("can_coordinate")
def week_plan(request):
    """Plan the coming week: propose, let the coordinator fix, swap and leave out, plan again,
    and send every invitation at once."""
    village = request.access.village
    today = timezone.localdate()
    week = week_facts(village, today=today)
    state = plan_state(request.POST) if request.method == "POST" else PlanState()
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "send":
        chosen = {
            request_id: [p for p in picks if p is not None]
            for request_id, picks in state.picks.items()
            if request_id in week.requests and any(p is not None for p in picks)
        }
        chosen = {
            k: v for k, v in chosen.items() if any(t.request_id == k for t in week.facts.tasks)
        }
        problems = violations(week.facts, chosen)
        if not chosen:
            messages.warning(request, _("There is nobody to ask in this plan."))
        elif problems:
            messages.error(
                request,
                _(
                    "Not sent: the plan no longer fits what we know now (someone became"
                    " unavailable or was asked meanwhile). Here is a new plan; your choices"
                    " that still fit are kept."
                ),
            )
            state.fixed = chosen
        else:
            return _send(request, week, chosen)
    plan = plan_week(week.facts, fixed=state.fixed, left_out=state.left_out)
    log_read(
        request,
        village=village,
        resident_ids=week.resident_ids,
        action=Action.EDIT if request.method == "POST" else Action.VIEW,
        object_ref="weekplanning",
    )
    volunteers = {
        v.pk: v
        for v in Volunteer.objects.filter(village=village).only(
            "pk", "first_name", "last_name", "email", "phone", "street", "place", "village_id"
        )
    }
    rows = []
    for proposal in plan.proposals:
        for candidate in proposal.eligible + proposal.excluded:
            candidate.volunteer = volunteers.get(candidate.facts.volunteer_id)
        seats = [
            proposal.chosen[i] if i < len(proposal.chosen) else None
            for i in range(proposal.task.seats)
        ]
        rows.append(
            {
                "proposal": proposal,
                "request": week.requests[proposal.request_id],
                "turns": week.turns.get(proposal.request_id, []),
                "seats": seats,
                "declined": week.declined.get(proposal.request_id, 0),
            }
        )
    left_out = [week.requests[t.request_id] for t in plan.left_out]
    return render(
        request,
        "koppelingen/week_plan.html",
        {
            "week": week,
            "plan": plan,
            "rows": rows,
            "left_out": left_out,
            "planned": sum(1 for p in plan.proposals if p.chosen),
            "without": sum(1 for p in plan.proposals if not p.has_candidates),
        },
    )


def _send(request, week, chosen: dict[int, list[int]]):
    """Ask every volunteer of the plan through the normal invitation flow (the service picks
    each volunteer's own channel)."""
    volunteers = Volunteer.objects.in_bulk({pk for pks in chosen.values() for pk in pks})
    sent, by_phone, refused = 0, [], []
    for request_id, volunteer_ids in chosen.items():
        help_request = week.requests[request_id]
        try:
            asked = services.invitations_send(
                help_request=help_request,
                volunteers=[volunteers[pk] for pk in volunteer_ids],
                by=request.user,
            )
        except ValidationError as exc:
            what = f"{help_request.category.name} · {help_request.resident.first_name}"
            refused.append(f"{what}: {' '.join(exc.messages)}")
            continue
        sent += len(asked)
        by_phone += [i.volunteer.full_name for i in asked if i.channel == "phone"]
    log_read(
        request,
        village=request.access.village,
        resident_ids=[week.requests[pk].resident_id for pk in chosen],
        action=Action.EDIT,
        object_ref="weekplanning",
    )
    messages.success(
        request,
        ngettext("%(n)d invitation sent.", "%(n)d invitations sent.", sent) % {"n": sent},
    )
    if by_phone:
        messages.info(
            request,
            _("Call them and record the answer: %(names)s") % {"names": ", ".join(by_phone)},
        )
    for line in refused:
        messages.error(request, line)
    return redirect("koppelingen:week_plan")
