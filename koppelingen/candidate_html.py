"""A candidate on the candidates page, as HTML built in Python.

A village has 150 volunteers or more, every one of them listed (the best first, the others
behind "do not meet a condition", still askable). Through a template include each candidate
cost about 0.3 ms, more than all the page's queries; `candidate_html` builds the same markup
with `format_html` from what the view already put on the candidate (`facts`, `score`,
`reasons_for`, `reasons_against`, `excluded_because`, `asked_by`, `asked_by_label`,
`tell_apart`). Every value that comes from a person is escaped by `format_html`.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from accounts.templatetags.nl_format import format_nl_decimal

_PK = 987654321


def _channel(c) -> SafeString:
    home = c.facts.home_village
    if c.asked_by == "email":
        text = _("by e-mail")
    elif c.asked_by == "sms":
        text = _("by text message")
    elif home:
        text = _("by phone, through the desk of %(village)s") % {"village": home}
    else:
        text = _("by a call")
    return format_html(
        '<span class="badge {}channel" data-channel="{}" title="{}">{}</span>',
        "text-bg-light border " if c.asked_by == "email" else "text-bg-warning ",
        c.asked_by,
        c.asked_by_label,
        text,
    )


def _reasons(c) -> SafeString:
    against = ""
    if c.reasons_against:
        against = format_html(
            '<div class="col-md-6 reasons-against"><span class="visually-hidden">{}</span>'
            '<ul class="mb-0 ps-3 list-unstyled">{}</ul></div>',
            _("Speaks against:"),
            format_html_join(
                "",
                '<li><span class="text-danger fw-bold" aria-hidden="true">−</span> {}</li>',
                ((r.text,) for r in c.reasons_against),
            ),
        )
    return format_html(
        '<div class="row small g-2 mt-0"><div class="col-md-6 reasons-for">'
        '<span class="visually-hidden">{}</span><ul class="mb-0 ps-3 list-unstyled">{}</ul>'
        "</div>{}</div>",
        _("Speaks for:"),
        format_html_join(
            "",
            '<li><span class="text-success fw-bold" aria-hidden="true">+</span> {}</li>',
            ((r.text,) for r in c.reasons_for),
        ),
        against,
    )


class CandidateList:
    """Renders the candidates of one page; what they share (labels, a URL) is made once."""

    def __init__(self, asked_ids):
        self.asked_ids = set(asked_ids)
        self.shared_detail = reverse("vrijwilligers:shared_detail", args=[_PK])
        self.from_label = _("from %(village)s")
        self.score_label = _("score")
        self.already_asked = format_html(
            ' <span class="badge text-bg-secondary">{}</span>', _("already asked")
        )
        self.offers_here = _("What they offer here")

    def html(self, c, *, is_excluded: bool = False) -> SafeString:
        facts = c.facts
        pk = facts.volunteer_id
        asked = pk in self.asked_ids
        if facts.home_village:
            who = format_html(
                '<span class="badge text-bg-info from-elsewhere">{}</span>',
                self.from_label % {"village": facts.home_village},
            )
            link = format_html(
                ' <a class="small" href="{}">{}</a>',
                self.shared_detail.replace(str(_PK), str(pk)),
                self.offers_here,
            )
        else:
            who = format_html('<span class="text-muted small">{}</span>', c.tell_apart)
            link = ""
        score = ""
        if not is_excluded:
            score = format_html(
                ' <span class="badge text-bg-light border" title="{}">{}</span>',
                self.score_label,
                format_nl_decimal(c.score),
            )
        if is_excluded:
            detail = format_html(
                '<ul class="small mb-0 ps-3">{}</ul>',
                format_html_join("", "<li>✕ {}</li>", ((reason,) for reason in c.excluded_because)),
            )
        else:
            detail = _reasons(c)
        return format_html(
            '<li class="list-group-item d-flex gap-3 align-items-start{muted}">'
            '<input class="form-check-input mt-1" type="checkbox" name="volunteer" value="{pk}" '
            'id="ask-{pk}"{disabled}><label class="flex-grow-1" for="ask-{pk}">'
            "<strong>{name}</strong> {who}{score}{asked} {channel}{link}{detail}</label></li>",
            muted=" text-muted" if is_excluded else "",
            pk=pk,
            disabled=mark_safe(" disabled") if asked else "",
            name=facts.name,
            who=who,
            score=score,
            asked=self.already_asked if asked else "",
            channel=_channel(c),
            link=link,
            detail=detail,
        )
