"""The year in plain words and the key figures: the first page of the overview.

Pure: `key_figures(overview)` and `year_in_words(overview)` read only the dict of
`overview.build_overview` (figures in, sentences out), no database. The definitions of the
key figures are in docs/jaaroverzicht.md ("Kerncijfers"); the "0" against "–" rule too:
a figure that was counted and came to nothing is 0, a figure that cannot be worked out
(a median or a share without anything to take it over) is "–" (`None` here).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

DASH = "–"


def figure_text(value, decimals: int | None = None) -> str:
    """A figure as people read it: None (cannot be worked out) is "–", 0 is "0"."""
    if value is None:
        return DASH
    if isinstance(value, float):
        places = 1 if decimals is None else decimals
        return number_format(round(value, places), decimal_pos=places)
    return number_format(value)


def requests_taken_in(figures: dict) -> int:
    """Requests taken in during the year: the sum of the twelve months."""
    return sum(figures["by_month"])


def ended_without_volunteer(figures: dict) -> int:
    part = figures["without_volunteer"]
    return sum(part[key] for key in ("informed", "referred", "rejected", "not_gone_ahead"))


def share_with_volunteer(figures: dict) -> int | None:
    """Percentage (whole) of the one-off requests settled in the year that a volunteer
    carried out: carried out / (carried out + ended without a volunteer). None when
    nothing was settled."""
    carried_out = figures["one_off"]["total"]
    settled = carried_out + ended_without_volunteer(figures)
    if not settled:
        return None
    return round(100 * carried_out / settled)


def has_data(figures: dict) -> bool:
    """Whether a year has anything to show: a request taken in, carried out, running or
    settled, a volunteer registered, an activity, a loan or a signal."""
    return bool(
        requests_taken_in(figures)
        or figures["one_off"]["total"]
        or figures["recurring"]["total"]
        or ended_without_volunteer(figures)
        or figures["volunteers"]["registered"]
        or any(figures["activities"].values())
        or any(figures["loans"].values())
        or any(figures["signals_passed_on_by_kind"].values())
    )


@dataclass(frozen=True)
class KeyFigure:
    key: str
    label: str
    value: str  # as shown: "113", "82 %", "1,8", "53 van 140", "–"
    explanation: str


def key_figures(overview: dict) -> list[KeyFigure]:
    """The row of key figures at the top of the overview (the villages together)."""
    share = share_with_volunteer(overview)
    median = overview["median_days_to_volunteer"]
    volunteers = overview["volunteers"]
    return [
        KeyFigure(
            "requests",
            _("Requests for help"),
            figure_text(requests_taken_in(overview)),
            _("taken in during the year"),
        ),
        KeyFigure(
            "share_with_volunteer",
            _("With a volunteer"),
            DASH if share is None else f"{share} %",
            _("of the one-off requests settled in the year"),
        ),
        KeyFigure(
            "median_days",
            _("Days to a volunteer"),
            figure_text(median),
            _("median, from intake to the first volunteer"),
        ),
        KeyFigure(
            "deployed",
            _("Volunteers deployed"),
            _("%(deployed)s of %(registered)s")
            % {
                "deployed": figure_text(volunteers["deployed"]),
                "registered": figure_text(volunteers["registered"]),
            },
            _("deployed at least once, of those registered"),
        ),
        KeyFigure(
            "never_asked",
            _("Never asked"),
            figure_text(overview.get("volunteers_never_asked", 0)),
            _("registered volunteers never asked for a job"),
        ),
    ]


def _name(label: str) -> str:
    """A category name inside a sentence: "Vervoer" becomes "vervoer", "WMO" stays."""
    if len(label) > 1 and label[0].isupper() and label[1:2].islower():
        return label[0].lower() + label[1:]
    return label


def _most_asked(overview: dict) -> tuple[str, int] | None:
    by_category = overview["one_off"]["by_category"]
    if not by_category:
        return None
    names = overview["labels"]["categories"]
    order = list(names)
    code = max(
        by_category,
        key=lambda c: (by_category[c], -(order.index(c) if c in order else len(order))),
    )
    if not by_category[code]:
        return None
    return _name(names.get(code, code)), by_category[code]


def _requests_sentence(year: int, n: int, most: tuple[str, int] | None) -> str:
    if n == 0:
        return _("In %(year)s no resident asked for help.") % {"year": year}
    if most:
        return ngettext(
            "In %(year)s residents asked for help %(n)s time, for %(what)s.",
            "In %(year)s residents asked for help %(n)s times, most often for %(what)s (%(most)s).",
            n,
        ) % {"year": year, "n": figure_text(n), "what": most[0], "most": figure_text(most[1])}
    return ngettext(
        "In %(year)s residents asked for help %(n)s time.",
        "In %(year)s residents asked for help %(n)s times.",
        n,
    ) % {"year": year, "n": figure_text(n)}


def _change_sentence(n: int, previous: dict) -> str:
    last_year = previous["year"]
    if not has_data(previous):
        return _("There are no figures for %(year)s to compare with.") % {"year": last_year}
    before = requests_taken_in(previous)
    difference = n - before
    values = {
        "year": last_year,
        "before": figure_text(before),
        "difference": figure_text(abs(difference)),
    }
    if difference == 0:
        return _("That is as often as in %(year)s.") % values
    if difference > 0:
        return (
            ngettext(
                "That is %(difference)s more than in %(year)s (%(before)s).",
                "That is %(difference)s more than in %(year)s (%(before)s).",
                abs(difference),
            )
            % values
        )
    return (
        ngettext(
            "That is %(difference)s fewer than in %(year)s (%(before)s).",
            "That is %(difference)s fewer than in %(year)s (%(before)s).",
            abs(difference),
        )
        % values
    )


def _outcome_sentence(overview: dict) -> str | None:
    carried_out = overview["one_off"]["total"]
    without = ended_without_volunteer(overview)
    if not carried_out and not without:
        return None
    sentence = ngettext(
        "Volunteers carried out %(n)s one-off request",
        "Volunteers carried out %(n)s one-off requests",
        carried_out,
    ) % {"n": figure_text(carried_out)}
    if without:
        sentence += ngettext(
            "; %(n)s request ended without a volunteer (information, a referral or otherwise).",
            "; %(n)s requests ended without a volunteer (information, a referral or otherwise).",
            without,
        ) % {"n": figure_text(without)}
    else:
        sentence += "."
    median = overview["median_days_to_volunteer"]
    if median is not None:
        sentence += " " + _(
            "Half of the requests had a volunteer within %(days)s days of the intake."
        ) % {"days": figure_text(median)}
    return sentence


def _volunteers_sentence(overview: dict) -> str:
    volunteers = overview["volunteers"]
    registered, deployed = volunteers["registered"], volunteers["deployed"]
    if not registered and not deployed:
        return _("No volunteers were registered.")
    values = {"deployed": figure_text(deployed), "registered": figure_text(registered)}
    if registered == 1:
        sentence = (
            ngettext(
                "%(deployed)s volunteer helped; %(registered)s volunteer was registered.",
                "%(deployed)s volunteers helped; %(registered)s volunteer was registered.",
                deployed,
            )
            % values
        )
    else:
        sentence = (
            ngettext(
                "%(deployed)s of the %(registered)s registered volunteers helped at least once.",
                "%(deployed)s of the %(registered)s registered volunteers helped at least once.",
                deployed,
            )
            % values
        )
    new = volunteers["new"]
    if new:
        sentence += " " + ngettext("%(n)s volunteer joined.", "%(n)s volunteers joined.", new) % {
            "n": figure_text(new)
        }
    return sentence


def year_in_words(overview: dict) -> list[str]:
    """A few Dutch sentences telling the year (the villages together), from the figures.

    The first says how often residents asked for help and, when one-off requests were
    carried out, for what most often; the second compares with last year (or says there
    is nothing to compare with); then what became of the requests and the volunteers.
    Singular and plural follow the numbers.
    """
    n = requests_taken_in(overview)
    sentences = [
        _requests_sentence(overview["year"], n, _most_asked(overview)),
        _change_sentence(n, overview["previous_year"]),
    ]
    outcome = _outcome_sentence(overview)
    if outcome:
        sentences.append(outcome)
    sentences.append(_volunteers_sentence(overview))
    return sentences
