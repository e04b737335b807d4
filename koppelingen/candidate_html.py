"""The candidates on the candidates page, as HTML built in Python.

A village has 150 volunteers or more, every one of them listed (the best first, the others
behind "do not meet a condition", still askable). Through a template include each candidate
cost about 0.3 ms, more than all the page's queries; `CandidateList` builds the same markup
from what the view already put on the candidate (`facts`, `score`, `reasons_for`,
`reasons_against`, `excluded_because`, `asked_by` (the channel they would be asked by),
`tell_apart`).

Every value goes through `django.utils.html.escape` (the labels and the ids as well). Most
pieces recur from one candidate to the next (the same reasons, channels, scores, home
villages), so each different piece is escaped and put together once per list, and each
candidate is the concatenation of its pieces: escaping a piece once or at every use gives
the same text.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from accounts.templatetags.nl_format import format_nl_decimal
from vrijwilligers.channels import ContactChannel

_PK = 987654321


class CandidateList:
    """Renders the candidates of one page; what they share (labels, a URL, the pieces that
    recur) is made once per list."""

    def __init__(self, asked_ids):
        self.asked_ids = set(asked_ids)
        self.shared_detail = str(escape(reverse("vrijwilligers:shared_detail", args=[_PK])))
        self.from_label = _("from %(village)s")
        self.score_label = escape(_("score"))
        already_asked = escape(_("already asked"))
        self.already_asked = f' <span class="badge text-bg-secondary">{already_asked}</span>'
        self.offers_here = escape(_("What they offer here"))
        self.by_email = _("by e-mail")
        self.by_text = _("by text message")
        self.by_desk = _("by phone, through the desk of %(village)s")
        self.by_call = _("by a call")
        self.speaks_for = escape(_("Speaks for:"))
        self.speaks_against = escape(_("Speaks against:"))
        self._pieces: dict[tuple, str] = {}

    def _piece(self, key: tuple, make) -> str:
        piece = self._pieces.get(key)
        if piece is None:
            piece = self._pieces[key] = make()
        return piece

    def _channel(self, channel: str, home: str) -> str:
        if channel == "email":
            text = self.by_email
        elif channel == "sms":
            text = self.by_text
        elif home:
            text = self.by_desk % {"village": home}
        else:
            text = self.by_call
        kind = "text-bg-light border " if channel == "email" else "text-bg-warning "
        return (
            f'<span class="badge {kind}channel" data-channel="{escape(channel)}" '
            f'title="{escape(ContactChannel(channel).label)}">{escape(text)}</span>'
        )

    def _from_elsewhere(self, home: str) -> str:
        label = escape(self.from_label % {"village": home})
        return f'<span class="badge text-bg-info from-elsewhere">{label}</span>'

    def _score(self, score) -> str:
        return (
            f' <span class="badge text-bg-light border" title="{self.score_label}">'
            f"{escape(format_nl_decimal(score))}</span>"
        )

    def _reason(self, sign: str, text: str) -> str:
        if sign == "+":
            return (
                '<li><span class="text-success fw-bold" aria-hidden="true">+</span> '
                f"{escape(text)}</li>"
            )
        return (
            f'<li><span class="text-danger fw-bold" aria-hidden="true">−</span> {escape(text)}</li>'
        )

    def _reasons(self, c) -> str:
        piece = self._piece
        reasons_for = "".join(
            piece(("+", r.text), lambda r=r: self._reason("+", r.text)) for r in c.reasons_for
        )
        against = ""
        if c.reasons_against:
            items = "".join(
                piece(("−", r.text), lambda r=r: self._reason("−", r.text))
                for r in c.reasons_against
            )
            against = (
                '<div class="col-md-6 reasons-against">'
                f'<span class="visually-hidden">{self.speaks_against}</span>'
                f'<ul class="mb-0 ps-3 list-unstyled">{items}</ul></div>'
            )
        return (
            '<div class="row small g-2 mt-0"><div class="col-md-6 reasons-for">'
            f'<span class="visually-hidden">{self.speaks_for}</span>'
            f'<ul class="mb-0 ps-3 list-unstyled">{reasons_for}</ul></div>{against}</div>'
        )

    def _excluded(self, c) -> str:
        piece = self._piece
        items = "".join(
            piece(("✕", reason), lambda reason=reason: f"<li>✕ {escape(reason)}</li>")
            for reason in c.excluded_because
        )
        return f'<ul class="small mb-0 ps-3">{items}</ul>'

    def _html(self, c, is_excluded: bool) -> str:
        facts = c.facts
        piece = self._piece
        pk = escape(facts.volunteer_id)
        home = facts.home_village
        asked = facts.volunteer_id in self.asked_ids
        if home:
            who = piece(("from", home), lambda: self._from_elsewhere(home))
            link = (
                f' <a class="small" href="{self.shared_detail.replace(str(_PK), pk)}">'
                f"{self.offers_here}</a>"
            )
        else:
            who = f'<span class="text-muted small">{escape(c.tell_apart)}</span>'
            link = ""
        channel = piece(
            ("channel", c.asked_by, home),
            lambda: self._channel(c.asked_by, home),
        )
        if is_excluded:
            score = ""
            detail = self._excluded(c)
        else:
            # repr: 0.0 and -0.0 are equal keys, but format_nl_decimal writes them apart
            score = piece(("score", repr(c.score)), lambda: self._score(c.score))
            detail = self._reasons(c)
        return (
            '<li class="list-group-item d-flex gap-3 align-items-start'
            f'{" text-muted" if is_excluded else ""}">'
            '<input class="form-check-input mt-1" type="checkbox" name="volunteer" '
            f'value="{pk}" id="ask-{pk}"{" disabled" if asked else ""}>'
            f'<label class="flex-grow-1" for="ask-{pk}">'
            f"<strong>{escape(facts.name)}</strong> {who}{score}"
            f"{self.already_asked if asked else ''} {channel}{link}{detail}</label></li>"
        )

    def html(self, c, *, is_excluded: bool = False) -> SafeString:
        """One candidate's list item (excluded: muted, their reasons instead of a score)."""
        return mark_safe(self._html(c, is_excluded))

    def html_of(self, candidates, *, is_excluded: bool = False) -> SafeString:
        """The list items of these candidates, one after the other."""
        return mark_safe("".join(self._html(c, is_excluded) for c in candidates))
