"""A request's card on the board, as HTML built in Python.

The board shows up to 300 cards; rendered through a template include each card cost about
0.7 ms (its `url`, `translate` and `csrf_token` tags, filters and loops), more than the
board's queries together. `card_html` builds the same markup with `format_html`, once per
card, from the values the board already loaded (`selectors.with_card_data` and
`views._decorate`). The same function renders the card again after a quick status change
(moved, an error, or the question before rejecting), so there is one card, not two.

The labels are the ones the template had (the same msgids in the catalogue); every value
that comes from a person is escaped by `format_html`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.templatetags.nl_format import format_nl_date

# A placeholder pk for building the request's URLs once per board instead of once per card.
_PK = 987654321


def _labels() -> dict[str, str]:
    return {
        "recurring": _("recurring"),
        "review": _("review"),
        "back": _("Back to an earlier step:"),
        "status": _("Status"),
        "change": _("Change"),
        "reason": _("Reason"),
        "choose": _("— choose a reason —"),
        "more": _("more…"),
        "note": _("Note"),
        "no": _("No, go back"),
    }


@dataclass(frozen=True)
class CardKit:
    """What every card of a page shares, made once per page: the request's two URLs (as
    templates with a placeholder pk), the hidden CSRF field, the reasons' <option>s and the
    translated labels."""

    detail: str
    transition: str
    csrf_input: SafeString
    reason_options: SafeString
    labels: dict[str, str]

    @classmethod
    def build(cls, *, csrf_input: SafeString, reason_options: SafeString) -> CardKit:
        return cls(
            detail=reverse("hulpvragen:request_detail", args=[_PK]),
            transition=reverse("hulpvragen:request_transition", args=[_PK]),
            csrf_input=csrf_input,
            reason_options=reason_options,
            labels=_labels(),
        )

    def urls_for(self, pk: int) -> tuple[str, str]:
        return (
            self.detail.replace(str(_PK), str(pk)),
            self.transition.replace(str(_PK), str(pk)),
        )


def _when(card, labels) -> SafeString:
    """The line under the description: address, and recurring with its review or the day."""
    parts = [format_html("{} {}", card.resident.street, card.resident.house)]
    if card.is_recurring:
        parts.append(format_html(" · {}", labels["recurring"]))
        if card.review_on:
            parts.append(
                format_html(
                    ", <span{}>{} {}</span>",
                    mark_safe(' class="review-due"') if card.review_due else "",
                    labels["review"],
                    format_nl_date(card.review_on),
                )
            )
    elif card.needed_on:
        parts.append(format_html(" · {}", format_nl_date(card.needed_on, "weekday")))
        if card.time_from:
            parts.append(format_html(" {}", card.time_from.strftime("%H:%M")))
    return mark_safe("".join(parts))  # noqa: S308 - every part built by format_html


def _quick_form(card, transition_url, kit: CardKit, error, chosen) -> SafeString:
    labels = kit.labels
    chosen_to = chosen.get("to", "")
    moves = format_html_join(
        "",
        '<option value="{}"{}{}>{}</option>',
        (
            (
                value,
                mark_safe(" data-needs-reason") if needs_reason else "",
                mark_safe(" selected") if value == chosen_to else "",
                label,
            )
            for value, label, needs_reason in card.quick_moves
        ),
    )
    back = ""
    if card.back_moves:
        back = format_html(
            '<p class="mt-2 mb-1">{}</p>{}',
            labels["back"],
            format_html_join(
                "",
                '<button type="submit" name="back_to" value="{}" '
                'class="btn btn-outline-secondary btn-sm me-1">{}</button>',
                ((value, capfirst(label)) for value, label in card.back_moves),
            ),
        )
    invalid = " is-invalid" if error and not chosen.get("reason") else ""
    return format_html(
        '<form method="post" action="{url}" class="quick-status d-print-none" '
        'hx-post="{url}" hx-target="#card-{pk}" hx-swap="outerHTML">{csrf}'
        '<div class="input-group input-group-sm">'
        '<label class="input-group-text" for="to-{pk}">{status}</label>'
        '<select name="to" id="to-{pk}" class="form-select form-select-sm">{moves}</select>'
        '<button type="submit" class="btn btn-outline-primary btn-sm">{change}</button></div>'
        '<div class="mt-1 small" data-reason-box>'
        '<label class="form-label mb-0" for="reason-{pk}">{reason}</label>'
        '<select name="reason" id="reason-{pk}" class="form-select form-select-sm{invalid}">'
        '<option value="">{choose}</option>{reasons}</select></div>'
        '<details class="mt-1 small"{open}><summary>{more}</summary>'
        '<label class="form-label mt-1" for="note-{pk}">{note_label}</label>'
        '<textarea name="note" id="note-{pk}" rows="2" class="form-control form-control-sm">'
        "{note}</textarea>{back}</details></form>",
        url=transition_url,
        pk=card.pk,
        csrf=kit.csrf_input,
        status=labels["status"],
        moves=moves,
        change=labels["change"],
        reason=labels["reason"],
        invalid=invalid,
        choose=labels["choose"],
        reasons=kit.reason_options,
        open=mark_safe(" open") if chosen.get("note") else "",
        more=labels["more"],
        note_label=labels["note"],
        note=chosen.get("note", ""),
        back=back,
    )


def _confirm_form(card, transition_url, kit: CardKit, chosen, confirm_text, confirm_label):
    return format_html(
        '<form method="post" action="{url}" class="quick-confirm alert alert-warning p-2 mb-0" '
        'hx-post="{url}" hx-target="#card-{pk}" hx-swap="outerHTML">{csrf}'
        '<p class="mb-2" role="alert">{text}</p>'
        '<input type="hidden" name="to" value="{to}">'
        '<input type="hidden" name="reason" value="{reason}">'
        '<input type="hidden" name="note" value="{note}">'
        '<button type="submit" name="confirmed" value="1" class="btn btn-danger btn-sm">'
        "{yes}</button> "
        '<button type="submit" name="not_confirmed" value="1" '
        'class="btn btn-outline-secondary btn-sm">{no}</button></form>',
        url=transition_url,
        pk=card.pk,
        csrf=kit.csrf_input,
        text=confirm_text,
        to=chosen.get("to", ""),
        reason=chosen.get("reason", ""),
        note=chosen.get("note", ""),
        yes=_("Yes: %(status)s") % {"status": confirm_label},
        no=kit.labels["no"],
    )


def card_html(
    card,
    kit: CardKit,
    *,
    moved: str = "",
    error: str = "",
    chosen: dict | None = None,
    confirm: bool = False,
    confirm_text: str = "",
    confirm_label: str = "",
) -> SafeString:
    """One card. `card` is a request from `with_card_data`, decorated by the board
    (overdue, waiting_days, review_due, quick_moves, back_moves); `kit` what the page's
    cards share."""
    chosen = chosen or {}
    detail_url, transition_url = kit.urls_for(card.pk)
    waiting = ""
    if card.overdue:
        waiting = format_html(
            ' <strong class="text-danger">{}</strong>',
            ngettext(
                "Waiting too long (%(days)s day)",
                "Waiting too long (%(days)s days)",
                card.waiting_days,
            )
            % {"days": card.waiting_days},
        )
    assigned = ""
    if card.assigned_to_id:
        assigned = format_html(
            ' <span class="text-muted">· {}</span>', card.assigned_to.get_short_name()
        )
    notes = ""
    if moved:
        notes += format_html('<p class="alert alert-success py-1 mb-2" role="status">{}</p>', moved)
    if error:
        notes += format_html('<p class="alert alert-danger py-1 mb-2" role="alert">{}</p>', error)
    if confirm:
        form = _confirm_form(card, transition_url, kit, chosen, confirm_text, confirm_label)
    elif card.quick_moves:
        form = _quick_form(card, transition_url, kit, error, chosen)
    else:
        form = ""
    return format_html(
        '<article id="card-{pk}" class="card h-100 request-card{overdue}" '
        'aria-labelledby="card-{pk}-title"><div class="card-body">'
        '<h3 class="card-title h5" id="card-{pk}-title"><a href="{detail}">{name}</a> '
        '<span class="text-muted fw-normal">· {category}</span></h3>'
        '<p class="mb-1">{description}</p>'
        '<p class="mb-1 small">{when}</p>'
        '<p class="mb-2 small"><span class="badge urgency-{urgency}">{urgency_label}</span>'
        "{waiting}{assigned}</p>{notes}{form}</div></article>",
        pk=card.pk,
        overdue=" is-overdue" if card.overdue else "",
        detail=detail_url,
        name=card.resident.full_name,
        category=card.category.name,
        # Truncator (as the template's truncatechars) only when it can shorten anything.
        description=(
            card.description
            if len(card.description) <= 110
            else Truncator(card.description).chars(110)
        ),
        when=_when(card, kit.labels),
        urgency=card.urgency,
        urgency_label=capfirst(card.get_urgency_display()),
        waiting=waiting,
        assigned=assigned,
        notes=mark_safe(notes),  # noqa: S308 - built by format_html above
        form=form,
    )
