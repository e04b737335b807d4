"""Ranking candidate volunteers for a help request: hard filters, then a soft score.

Pure functions over plain values: the caller loads the facts (in a bounded number of queries)
and passes them in as `Need` and `CandidateFacts`; nothing here touches the database or the
clock. Every part of the score comes with a Dutch reason, so the coordinator sees *why*
someone is on top, and can still pick anyone.

The policy, in the desk's own words (../shared/DOMAIN.md):

- Hard filters: offers this kind of help and has not said "won't do" for it; available on
  that date and daypart (not absent, not paused); drives at least the ride's distance; has
  room for a wheelchair when one comes along; under their monthly cap; is not the resident;
  not marked "don't pair again" with this resident.
- Soft score: pairs that went well are matched again (+); a mismatch with this resident is
  remembered (−); a "no" to this resident before counts a little (−) — a "no" needs no reason
  and carries no penalty beyond "not this one"; people asked or deployed a lot lately drop
  (−, the load is spread fairly: asks count whatever the answer, so this is rotation, not
  punishment); someone never asked gets a small nudge (+); living close by helps (+).
- Ties go to whoever was asked least recently.
- For a recurring request, who did its turns before counts (+, continuity).

The week planner (planning.py) plans with these same weights.

Besides the score, every eligible candidate gets the plain facts that speak for them (offers
this help, free on that day and daypart, drives far enough, tasks this month against their
cap, last asked on a date) and against them (asked recently, close to their cap, no car):
worth nothing in points, but the coordinator reads them, and nobody ever stands on the list
with a bare 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.templatetags.nl_format import format_nl_date, format_nl_decimal
from vrijwilligers.availability import Daypart

# Weights, kept together so that the policy is readable in one place.
GOOD_MATCH_POINTS = 3.0
GOOD_MATCH_MAX = 2  # the third good ride with the same person adds nothing more
MISMATCH_POINTS = -5.0
DECLINE_POINTS = -1.0
DECLINE_MAX = 2
ASKED_30_POINTS = -1.0  # per time asked in the last 30 days
ASKED_90_POINTS = -0.5  # per time asked 31–90 days ago
DEPLOYED_30_POINTS = -1.5  # per task done in the last 30 days
DEPLOYED_90_POINTS = -0.5  # per task done 31–90 days ago
NEVER_ASKED_POINTS = 1.0
SAME_POSTCODE_POINTS = 1.0
NEARBY_KM = Decimal("3")
NEARBY_POINTS = 1.5
RECENTLY_ASKED_DAYS = 30  # asked within this many days: "asked recently" speaks against
CONTINUITY_POINTS = 2.0  # did turns of this recurring request before: the resident knows them
CONTINUITY_MAX = 1
# The week planner (planning.py) spreads the load within one plan as well: the k-th further
# task for one volunteer in the same plan costs k times this.
# A filled place in the plan is worth more than any score: coverage comes first.
PLAN_COVER_POINTS = 1000.0
PLAN_EXTRA_TASK_POINTS = -(ASKED_30_POINTS + DEPLOYED_30_POINTS)  # 2.5: what an ask costs

FOR, AGAINST = "for", "against"


@dataclass(frozen=True)
class Need:
    """What the request asks of a volunteer."""

    category_id: int
    resident_id: int
    distance_km: Decimal | None = None  # a ride's one-way distance
    needs_wheelchair_space: bool = False
    is_transport: bool = False
    category_name: str = ""
    on: date | None = None  # the day the help is needed, when fixed
    daypart: str | None = None  # a vrijwilligers.availability.Daypart value, when known
    today: date | None = None  # for "recently" and for writing dates (no year this year)


@dataclass(frozen=True)
class CandidateFacts:
    """What the desk knows about one volunteer, relative to this request."""

    volunteer_id: int
    name: str
    offers: frozenset[int]
    wont_do: frozenset[int] = frozenset()
    available: bool = True  # from vrijwilligers.availability for the request's date/daypart
    unavailable_reason: str = ""
    max_km: Decimal | None = None
    has_car: bool = False
    wheelchair_space: bool = False
    monthly_cap: int | None = None
    tasks_this_month: int = 0
    is_the_resident: bool = False
    do_not_pair: bool = False
    good_matches_with_resident: int = 0
    mismatches_with_resident: int = 0
    declines_with_resident: int = 0
    asked_last_30: int = 0
    asked_31_90: int = 0
    deployed_last_30: int = 0
    deployed_31_90: int = 0
    last_asked_on: date | None = None
    last_declined_on: date | None = None  # the last "no" to this resident
    same_postcode_area: bool = False  # the same six-character postcode: the same street part
    distance_to_resident_km: Decimal | None = None
    turns_for_request: int = 0  # turns of this (recurring) request they did before


@dataclass(frozen=True)
class Reason:
    """One line the coordinator reads; `side` is FOR or AGAINST (by default from the sign of
    the points: a part of the score that takes points away speaks against)."""

    points: float
    text: str
    side: str = ""

    def __post_init__(self):
        if not self.side:
            object.__setattr__(self, "side", FOR if self.points > 0 else AGAINST)

    @property
    def speaks_for(self) -> bool:
        return self.side == FOR


@dataclass
class RankedCandidate:
    facts: CandidateFacts
    score: float = 0.0
    reasons: list[Reason] = field(default_factory=list)
    excluded_because: list[str] = field(default_factory=list)
    explained: bool = False  # the plain facts (fit_reasons) are in `reasons` too

    @property
    def is_eligible(self) -> bool:
        return not self.excluded_because

    @property
    def reasons_for(self) -> list[Reason]:
        return [r for r in self.reasons if r.side == FOR]

    @property
    def reasons_against(self) -> list[Reason]:
        return [r for r in self.reasons if r.side == AGAINST]


def _day(value: date, today: date | None, style: str = "short") -> str:
    # Without a today the year is always written: never a date that reads as this year's.
    if today is None:
        return format_nl_date(value, "long", today=value)
    return format_nl_date(value, style, today=today)


def _km(value) -> str:
    return format_nl_decimal(value)


def exclusions(need: Need, facts: CandidateFacts) -> list[str]:
    """The hard filters: every reason this volunteer cannot be asked for this request."""
    reasons = []
    if need.category_id not in facts.offers:
        reasons.append(_("Does not offer this kind of help"))
    if need.category_id in facts.wont_do:
        reasons.append(_("Does not want to do this kind of help"))
    if not facts.available:
        reasons.append(facts.unavailable_reason or _("Not available then"))
    if need.is_transport:
        if not facts.has_car:
            reasons.append(_("Has no car"))
        elif (
            need.distance_km is not None
            and facts.max_km is not None
            and facts.max_km < need.distance_km
        ):
            reasons.append(
                _("Drives at most %(max)s km, this ride is %(km)s km")
                % {"max": _km(facts.max_km), "km": _km(need.distance_km)}
            )
        if need.needs_wheelchair_space and not facts.wheelchair_space:
            reasons.append(_("No room for a wheelchair or rollator"))
    if facts.monthly_cap is not None and facts.tasks_this_month >= facts.monthly_cap:
        reasons.append(
            _("Monthly limit reached (%(done)s of %(cap)s)")
            % {"done": facts.tasks_this_month, "cap": facts.monthly_cap}
        )
    if facts.is_the_resident:
        reasons.append(_("Is the resident who asks for help"))
    if facts.do_not_pair:
        reasons.append(_("Marked: do not pair with this resident again"))
    return reasons


def score_parts(facts: CandidateFacts, *, today: date | None = None) -> list[Reason]:
    """The soft score, part by part, each with the reason a coordinator reads."""
    parts: list[Reason] = []
    good = min(facts.good_matches_with_resident, GOOD_MATCH_MAX)
    if good:
        parts.append(
            Reason(
                GOOD_MATCH_POINTS * good,
                ngettext(
                    "Went well with this resident before",
                    "Went well with this resident before (%(count)d times)",
                    facts.good_matches_with_resident,
                )
                % {"count": facts.good_matches_with_resident},
            )
        )
    if facts.mismatches_with_resident:
        parts.append(
            Reason(
                MISMATCH_POINTS * facts.mismatches_with_resident,
                _("Did not match well with this resident before"),
            )
        )
    if facts.turns_for_request:
        parts.append(
            Reason(
                CONTINUITY_POINTS * min(facts.turns_for_request, CONTINUITY_MAX),
                _("Did this recurring request before (the resident knows them)"),
            )
        )
    declines = min(facts.declines_with_resident, DECLINE_MAX)
    if declines:
        text = _("Said no to this resident before")
        if facts.last_declined_on:
            text = _("Said no to this resident before (last on %(date)s)") % {
                "date": _day(facts.last_declined_on, today)
            }
        parts.append(Reason(DECLINE_POINTS * declines, text))
    load = (
        ASKED_30_POINTS * facts.asked_last_30
        + ASKED_90_POINTS * facts.asked_31_90
        + DEPLOYED_30_POINTS * facts.deployed_last_30
        + DEPLOYED_90_POINTS * facts.deployed_31_90
    )
    if load:
        parts.append(
            Reason(
                load,
                _(
                    "Asked %(asked)d and deployed %(deployed)d times in the last 90 days"
                    " (spreading the load)"
                )
                % {
                    "asked": facts.asked_last_30 + facts.asked_31_90,
                    "deployed": facts.deployed_last_30 + facts.deployed_31_90,
                },
            )
        )
    if facts.last_asked_on is None:
        parts.append(Reason(NEVER_ASKED_POINTS, _("Never asked yet")))
    if facts.distance_to_resident_km is not None and facts.distance_to_resident_km <= NEARBY_KM:
        parts.append(
            Reason(
                NEARBY_POINTS,
                _("Lives close by (%(km)s km)") % {"km": _km(facts.distance_to_resident_km)},
            )
        )
    elif facts.same_postcode_area:
        parts.append(Reason(SAME_POSTCODE_POINTS, _("Lives close by (same postcode)")))
    return parts


def fit_reasons(need: Need, facts: CandidateFacts) -> list[Reason]:
    """The plain facts about an eligible candidate, worth no points: what speaks for them
    (they pass the hard filters, and how) and what speaks against them (close to a limit,
    asked recently). Read beside score_parts."""
    today = need.today
    parts = []
    category = need.category_name
    parts.append(
        Reason(
            0,
            _("Offers this kind of help (%(category)s)") % {"category": category}
            if category
            else _("Offers this kind of help"),
            FOR,
        )
    )
    if need.on is not None:
        day = _day(need.on, today, "heading")
        if need.daypart in Daypart.values:
            text = _("Free on %(day)s, %(daypart)s") % {
                "day": day,
                "daypart": Daypart(need.daypart).label,
            }
        else:
            text = _("Free on %(day)s") % {"day": day}
    else:
        text = _("Not away and not on a pause (the date is not fixed yet)")
    parts.append(Reason(0, text, FOR))
    if need.is_transport:
        if facts.max_km is None:
            text = _("Drives any distance (no maximum given)")
        elif need.distance_km is not None:
            text = _("Drives up to %(max)s km; this ride is %(km)s km") % {
                "max": _km(facts.max_km),
                "km": _km(need.distance_km),
            }
        else:
            text = _("Drives up to %(max)s km") % {"max": _km(facts.max_km)}
        parts.append(Reason(0, text, FOR))
        if need.needs_wheelchair_space:
            parts.append(Reason(0, _("Room for a wheelchair in the car"), FOR))
    elif not facts.has_car:
        parts.append(Reason(0, _("Has no car"), AGAINST))
    if facts.distance_to_resident_km is not None and facts.distance_to_resident_km > NEARBY_KM:
        parts.append(
            Reason(
                0,
                _("Lives %(km)s km away") % {"km": _km(facts.distance_to_resident_km)},
                AGAINST,
            )
        )
    if facts.last_asked_on is not None:
        date_text = _day(facts.last_asked_on, today)
        recently = today is not None and (today - facts.last_asked_on).days <= RECENTLY_ASKED_DAYS
        if recently:
            parts.append(
                Reason(0, _("Asked recently: last on %(date)s") % {"date": date_text}, AGAINST)
            )
        else:
            parts.append(Reason(0, _("Last asked on %(date)s") % {"date": date_text}, FOR))
    done = facts.tasks_this_month
    if facts.monthly_cap is not None:
        counts = {"done": done, "cap": facts.monthly_cap}
        if facts.monthly_cap - done <= 1:
            parts.append(
                Reason(
                    0,
                    _("Close to their monthly limit: %(done)d of %(cap)d this month") % counts,
                    AGAINST,
                )
            )
        else:
            parts.append(Reason(0, _("%(done)d of %(cap)d this month") % counts, FOR))
    elif done:
        parts.append(
            Reason(
                0,
                ngettext(
                    "%(count)d task this month already (no limit given)",
                    "%(count)d tasks this month already (no limit given)",
                    done,
                )
                % {"count": done},
                AGAINST,
            )
        )
    else:
        parts.append(Reason(0, _("No tasks yet this month"), FOR))
    return parts


def _sort_key(candidate: RankedCandidate):
    facts = candidate.facts
    # Least recently asked first; never asked counts as longest ago.
    last_asked = facts.last_asked_on.toordinal() if facts.last_asked_on else 0
    return (-candidate.score, last_asked, facts.name.casefold(), facts.volunteer_id)


def rank_candidates(
    need: Need, candidates: list[CandidateFacts]
) -> tuple[list[RankedCandidate], list[RankedCandidate]]:
    """Split candidates into (eligible, ranked best first) and (excluded, with reasons).

    The excluded list is sorted by name: the coordinator may still pick someone from it.
    """
    eligible, excluded = [], []
    for facts in candidates:
        ranked = RankedCandidate(facts=facts, excluded_because=exclusions(need, facts))
        if ranked.is_eligible:
            scored = score_parts(facts, today=need.today)
            ranked.score = round(sum(reason.points for reason in scored), 2)
            ranked.reasons = scored + fit_reasons(need, facts)
            ranked.explained = True
            eligible.append(ranked)
        else:
            excluded.append(ranked)
    eligible.sort(key=_sort_key)
    excluded.sort(key=lambda c: (c.facts.name.casefold(), c.facts.volunteer_id))
    return eligible, excluded
