"""Triage (vraagverheldering): the boundary checklist and the rules that read it.

Pure functions over plain values. The coordinator answers the checklist during or after
the call; `propose_outcome` proposes what to do and says why, in plain Dutch. The
coordinator decides: the proposal is advice, never an automatic "no".

The desk protects its volunteers and says "no" early where it must (see DOMAIN.md):

* "zorg moet zorg blijven": personal or nursing care goes to professionals → referred;
* a structural, intensive need a volunteer cannot carry → referred (Wmo desk, welfare);
* too big (a whole garden, grass a metre high, a move) → rejected, reason "too big";
* work a business is paid to do (a gardener, a removal firm) → rejected, "competition";
* living outside the work area → referred to their own desk (a desk *may* help a
  neighbouring village, so this is a proposal to discuss, not a rule);
* the own network (children, neighbours) can do it → information given;
* information or advice is enough → information given;
* otherwise → accepted: the request goes to matching.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", gettext_lazy("accepted: look for a volunteer")
    INFORMED = "informed", gettext_lazy("information given")
    REFERRED = "referred", gettext_lazy("referred to an organisation")
    REJECTED = "rejected", gettext_lazy("rejected")


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    help: str = ""


# The checklist, in the order it is asked. A True answer is the one that raises a flag,
# except for `own_network_asked`, where False does.
QUESTIONS: tuple[Question, ...] = (
    Question(
        "own_network_asked",
        gettext_lazy("Has the resident asked their own network (children, neighbours)?"),
    ),
    Question(
        "own_network_can_help",
        gettext_lazy("Could their own network do this?"),
    ),
    Question(
        "information_enough",
        gettext_lazy("Is information or advice enough, without a volunteer?"),
    ),
    Question(
        "professional_care",
        gettext_lazy("Is this really professional care (personal care, nursing, medicine)?"),
        gettext_lazy("Zorg moet zorg blijven."),
    ),
    Question(
        "too_big",
        gettext_lazy("Is it too big or too heavy (a whole garden, grass a metre high)?"),
    ),
    Question(
        "competes_with_business",
        gettext_lazy("Would it take work away from a business (a gardener, a removal firm)?"),
    ),
    Question(
        "structural_intensive",
        gettext_lazy("Is it a structural, intensive need that a volunteer cannot carry?"),
    ),
    Question(
        "outside_work_area",
        gettext_lazy("Does the resident live outside our work area?"),
    ),
)
QUESTION_KEYS = tuple(q.key for q in QUESTIONS)


@dataclass
class Proposal:
    outcome: str
    reason_code: str | None = None  # a ReasonCode.code for rejections
    lines: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)

    @property
    def outcome_label(self) -> str:
        return str(Outcome(self.outcome).label)


def propose_outcome(answers: Mapping[str, bool | None]) -> Proposal:
    """Propose an outcome for the checklist `answers` (key → True/False/None).

    The strongest flag decides the outcome, in this order: professional care, structural
    and intensive, too big, competing with a business, outside the work area, own network
    can help, information enough. Every raised flag adds its own explanation line, so the
    coordinator sees all the reasons, not only the first one.
    """
    yes = {key for key in QUESTION_KEYS if answers.get(key) is True}
    proposal = Proposal(outcome=Outcome.ACCEPTED)
    decided = False

    def decide(outcome: str, reason: str | None = None) -> None:
        nonlocal decided
        if not decided:
            proposal.outcome, proposal.reason_code, decided = outcome, reason, True

    if "professional_care" in yes:
        decide(Outcome.REFERRED, "professionele_zorg")
        proposal.lines.append(
            _(
                "Zorg moet zorg blijven: this is work for professionals. Refer to home care, "
                "the GP or the municipality's Wmo desk."
            )
        )
    if "structural_intensive" in yes:
        decide(Outcome.REFERRED, "structureel")
        proposal.lines.append(
            _(
                "A structural, intensive need is too heavy for volunteers. Refer to the Wmo "
                "desk or the welfare organisation."
            )
        )
    if "too_big" in yes:
        decide(Outcome.REJECTED, "te_groot")
        proposal.lines.append(
            _("This job is too big for volunteers. Suggest a company or a one-off clean-up.")
        )
    if "competes_with_business" in yes:
        decide(Outcome.REJECTED, "concurrentie")
        proposal.lines.append(
            _("Volunteers do not take work away from local businesses. Suggest a company.")
        )
    if "outside_work_area" in yes:
        decide(Outcome.REFERRED, "buiten_werkgebied")
        proposal.lines.append(
            _(
                "The resident lives outside our work area. Refer to the desk of their own "
                "village, or discuss in the weekly meeting whether we help anyway."
            )
        )
    if "own_network_can_help" in yes:
        decide(Outcome.INFORMED, "eigen_netwerk")
        proposal.lines.append(
            _("Their own network can do this. Help them ask children or neighbours first.")
        )
    if "information_enough" in yes:
        decide(Outcome.INFORMED)
        proposal.lines.append(_("Information or advice is enough; no volunteer is needed."))
    if answers.get("own_network_asked") is False and "own_network_can_help" not in yes:
        proposal.lines.append(_("The own network has not been asked yet. Ask who else could help."))
    if not decided:
        proposal.lines.insert(0, _("No boundary is crossed: the request can go to matching."))
    proposal.unanswered = [key for key in QUESTION_KEYS if answers.get(key) is None]
    if proposal.unanswered:
        proposal.lines.append(
            ngettext(
                "%(count)d question not answered yet.",
                "%(count)d questions not answered yet.",
                len(proposal.unanswered),
            )
            % {"count": len(proposal.unanswered)}
        )
    return proposal


def needs_explanation(*, proposed: str, chosen: str | None) -> bool:
    """Deciding otherwise than the proposal is allowed, with a short note on why (it goes
    into the logbook, so the weekly meeting can see where the rules did not fit). Deciding
    later is not a decision and needs no note."""
    return bool(chosen) and chosen != proposed


# --- Boundary warnings over a resident's history --------------------------------------

SAME_JOB_WINDOW_WEEKS = 5
SAME_JOB_MIN_WEEKS = 3  # the same kind of help in 3 of the last 5 weeks
MANY_PER_QUARTER = 8


@dataclass(frozen=True)
class PastRequest:
    on: date
    category_id: int
    category_name: str = ""
    is_recurring: bool = False


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def history_since(today: date) -> date:
    """How far back `boundary_warnings` looks; selectors load no more than this."""
    return min(quarter_start(today), today - timedelta(weeks=SAME_JOB_WINDOW_WEEKS))


def boundary_warnings(
    history: Iterable[PastRequest], *, category_id: int | None, today: date
) -> list[str]:
    """Warnings when a resident's requests stretch the desk's boundaries.

    * the same kind of one-off help in at least 3 of the last 5 weeks: "every week the
      same job" is a structural request in disguise and needs a review;
    * 8 or more requests this quarter (calendar quarter), the new one included.

    `history` is the resident's earlier requests since `history_since(today)`.
    """
    history = list(history)
    warnings: list[str] = []
    window_start = today - timedelta(weeks=SAME_JOB_WINDOW_WEEKS)
    same = [
        past
        for past in history
        if category_id is not None
        and past.category_id == category_id
        and not past.is_recurring
        and window_start <= past.on <= today
    ]
    weeks = {past.on.isocalendar()[:2] for past in same} | {today.isocalendar()[:2]}
    if len(weeks) >= SAME_JOB_MIN_WEEKS:
        warnings.append(
            _(
                "The same kind of help (%(category)s) in %(weeks)d of the last %(window)d "
                "weeks. Is this really a recurring request? Discuss it in the weekly meeting."
            )
            % {
                "category": same[0].category_name,
                "weeks": len(weeks),
                "window": SAME_JOB_WINDOW_WEEKS,
            }
        )
    this_quarter = [past for past in history if quarter_start(today) <= past.on <= today]
    if len(this_quarter) + 1 >= MANY_PER_QUARTER:
        warnings.append(
            _(
                "This is request number %(count)d from this resident this quarter. Check "
                "whether the help still fits what volunteers can carry."
            )
            % {"count": len(this_quarter) + 1}
        )
    return warnings
