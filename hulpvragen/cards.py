"""A request's card on the board, as HTML built in Python.

The board shows up to 300 cards; rendered through a template include each card cost about
0.7 ms (its `url`, `translate` and `csrf_token` tags, filters and loops), more than the
board's queries together. `card_html` builds the same markup once per card from plain values
(`selectors.card_rows`, decorated by `decorate`). The same function renders the card again
after a quick status change (moved, an error, or the question before rejecting), so there is
one card, not two.

What cards share is made once (`CardKit`; per language and reasons' options for the process,
apart from the page's CSRF field): the translated labels (escaped once), the URLs, the
reasons' options, and the quick status form, which is the same for every card with the same
moves apart from the card's pk and the page's CSRF field. Every value that comes from a
person (name, street, category, description, coordinator, note) is escaped, by `escape` or
`format_html`.
The labels are the ones the template had (the same msgids in the catalogue).
"""

from __future__ import annotations

from functools import lru_cache
from html import escape as _escape

from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from .lifecycle import NEEDS_REFERRAL, Status, backward_transitions, forward_transitions
from .lifecycle import needs_reason as _needs_reason
from .recurrence import review_due
from .urgency import Urgency, is_overdue

# `_escape` (html.escape) writes what django.utils.html.escape writes, for a text, without its
# check for lazy arguments (about a fifth of the time): used for the values of every card.

# A placeholder pk for building the request's URLs once per board instead of once per card.
_PK = 987654321
# Where the card's pk goes in markup made once for many cards. Neither PostgreSQL text nor a
# translation holds a NUL character, so it stands for nothing else.
_SLOT = "\x00"
# Where the page's CSRF field goes in a quick form kept for many pages; as unlikely as _SLOT.
_CSRF_SLOT = "\x01"


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


def decorate(cards, now):
    """What each card works out in Python (no queries): overdue, the days it waits, a review
    that is due, and the quick moves: onward first (referring needs the full form), the steps
    back behind "meer…". The moves are worked out once per status, not once per card."""
    today = timezone.localdate(now)
    label = {status: str(status.label) for status in Status}  # translated once, not per card
    moves: dict[tuple[str, bool], tuple[list, list]] = {}
    for card in cards:
        card.overdue = is_overdue(
            urgency=card.urgency, status=card.status, created_at=card.created_at, now=now
        )
        card.waiting_days = (now - card.created_at).days
        card.review_due = review_due(
            is_recurring=card.is_recurring, review_on=card.review_on, today=today
        )
        key = (card.status, card.is_recurring)
        if key not in moves:
            moves[key] = (
                [
                    (status, label[status], _needs_reason(status))
                    for status in forward_transitions(card.status, recurring=card.is_recurring)
                    if status not in NEEDS_REFERRAL
                ],
                [
                    (status, label[status])
                    for status in backward_transitions(card.status, recurring=card.is_recurring)
                ],
            )
        card.quick_moves, card.back_moves = moves[key]
    return cards


class _Shared:
    """What the cards of every page in one language with the same reasons' options share: the
    request's two URLs (as templates with a placeholder pk), the translated labels, the
    urgencies' badges' text, the month and day names, and the quick status forms made so
    far (with a slot for the page's CSRF field). Made from nothing but the language, the
    address prefix and the options: kept for the process, never stale."""

    def __init__(self, reason_options: SafeString):
        self.reason_options = reason_options
        self.detail = reverse("hulpvragen:request_detail", args=[_PK])
        self.transition = reverse("hulpvragen:request_transition", args=[_PK])
        self.labels = _labels()
        self.escaped = {name: escape(text) for name, text in self.labels.items()}
        self.urgency = {value: escape(capfirst(label)) for value, label in Urgency.choices}
        # The names `format_nl_date` uses for "short" and "weekday", translated once.
        self.weekdays = [str(WEEKDAYS_ABBR[day]) for day in range(7)]
        self.months = {month: str(name) for month, name in MONTHS_3.items()}
        self.forms: dict = {}


@lru_cache(maxsize=64)
def _shared(language: str | None, script_prefix: str, reason_options: SafeString) -> _Shared:
    return _Shared(reason_options)


class CardKit:
    """What every card of a page shares: the hidden CSRF field, and through `_Shared` (made
    once per language and reasons' options in the process) the URLs, labels, urgencies'
    text, the reasons' <option>s and the quick status forms."""

    def __init__(self, *, csrf_input: SafeString, reason_options: SafeString):
        shared = _shared(get_language(), get_script_prefix(), reason_options)
        self._shared = shared
        self.detail = shared.detail
        self.transition = shared.transition
        self.csrf_input = csrf_input
        self.reason_options = reason_options
        self.labels = shared.labels
        self.escaped = shared.escaped
        self.urgency = shared.urgency
        self.today = timezone.localdate()
        self._weekdays = shared.weekdays
        self._months = shared.months
        self._waiting: dict[int, SafeString] = {}
        self._values: dict[str, str] = {}
        self._forms: dict = {}

    @classmethod
    def build(cls, *, csrf_input: SafeString, reason_options: SafeString) -> CardKit:
        return cls(csrf_input=csrf_input, reason_options=reason_options)

    def urls_for(self, pk) -> tuple[str, str]:
        return (
            self.detail.replace(str(_PK), str(pk)),
            self.transition.replace(str(_PK), str(pk)),
        )

    def date(self, day, *, weekday: bool = False) -> str:
        """A date as `format_nl_date` writes it in the "short" style ("4 mrt", "4 mrt 2025"
        when not this year), or "weekday" ("di 4 mrt"), escaped; without Django's date
        formatter, which took longer than the rest of a card."""
        text = f"{day.day} {self._months[day.month]}"
        if day.year != self.today.year:
            text += f" {day.year:04d}"
        if weekday:
            text = f"{self._weekdays[day.weekday()]} {text}"
        return _escape(text)

    def escaped_value(self, value: str) -> str:
        """`escape(value)`, once per value on the page (for the few that many cards share:
        kinds of help, urgencies)."""
        if value not in self._values:
            self._values[value] = escape(value)
        return self._values[value]

    def waiting(self, days: int) -> SafeString:
        """ "Waiting too long (n days)", once per number of days on the page."""
        if days not in self._waiting:
            self._waiting[days] = format_html(
                ' <strong class="text-danger">{}</strong>',
                ngettext(
                    "Waiting too long (%(days)s day)", "Waiting too long (%(days)s days)", days
                )
                % {"days": days},
            )
        return self._waiting[days]

    def quick_form(self, card) -> SafeString:
        """The quick status form of a card with nothing chosen yet: made once for every
        card with the same moves, then given the card's pk."""
        key = (tuple(card.quick_moves), tuple(card.back_moves))
        parts = self._forms.get(key)
        if parts is None:
            shared = self._shared.forms.get(key)
            if shared is None:
                html = _quick_form(
                    _SLOT,
                    self.transition.replace(str(_PK), _SLOT),
                    card.quick_moves,
                    card.back_moves,
                    self,
                    error="",
                    chosen={},
                    csrf=_CSRF_SLOT,
                )
                shared = self._shared.forms[key] = html.split(_SLOT)
            csrf = self.csrf_input
            parts = self._forms[key] = [part.replace(_CSRF_SLOT, csrf) for part in shared]
        return mark_safe(str(int(card.pk)).join(parts))  # noqa: S308 - format_html's output


def _when(card, kit: CardKit) -> str:
    """The line under the description: address, and recurring with its review or the day
    (escaped)."""
    text = _escape(f"{card.street} {card.house}")  # one escape: the space needs none
    if card.is_recurring:
        text += f" · {kit.escaped['recurring']}"
        if card.review_on:
            due = ' class="review-due"' if card.review_due else ""
            text += f", <span{due}>{kit.escaped['review']} {kit.date(card.review_on)}</span>"
    elif card.needed_on:
        text += f" · {kit.date(card.needed_on, weekday=True)}"
        if card.time_from:
            text += f" {card.time_from.strftime('%H:%M')}"
    return text


def _quick_form(
    pk, transition_url, quick_moves, back_moves, kit: CardKit, error, chosen, csrf=None
):
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
            for value, label, needs_reason in quick_moves
        ),
    )
    back = ""
    if back_moves:
        back = format_html(
            '<p class="mt-2 mb-1">{}</p>{}',
            labels["back"],
            format_html_join(
                "",
                '<button type="submit" name="back_to" value="{}" '
                'class="btn btn-outline-secondary btn-sm me-1">{}</button>',
                ((value, capfirst(label)) for value, label in back_moves),
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
        pk=pk,
        csrf=kit.csrf_input if csrf is None else csrf,
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


# The card; every field is filled with escaped text or markup built above (see `card_html`).
_CARD = (
    '<article id="card-{pk}" class="card h-100 request-card{overdue}" '
    'aria-labelledby="card-{pk}-title"><div class="card-body">'
    '<h3 class="card-title h5" id="card-{pk}-title"><a href="{detail}">{name}</a> '
    '<span class="text-muted fw-normal">· {category}</span></h3>'
    '<p class="mb-1">{description}</p>'
    '<p class="mb-1 small">{when}</p>'
    '<p class="mb-2 small"><span class="badge urgency-{urgency}">{urgency_label}</span>'
    "{waiting}{assigned}</p>{notes}{form}</div></article>"
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
    """One card. `card` is a `selectors.CardRow` decorated by `decorate`; `kit` what the
    page's cards share."""
    chosen = chosen or {}
    pk = int(card.pk)
    detail_url, transition_url = kit.urls_for(pk)
    waiting = kit.waiting(card.waiting_days) if card.overdue else ""
    assigned = ""
    if card.assigned_to_id:
        assigned = f' <span class="text-muted">· {_escape(card.assigned_name)}</span>'
    notes = ""
    if moved:
        notes += format_html('<p class="alert alert-success py-1 mb-2" role="status">{}</p>', moved)
    if error:
        notes += format_html('<p class="alert alert-danger py-1 mb-2" role="alert">{}</p>', error)
    if confirm:
        form = _confirm_form(card, transition_url, kit, chosen, confirm_text, confirm_label)
    elif card.quick_moves and not (error or chosen):
        form = kit.quick_form(card)
    elif card.quick_moves:
        form = _quick_form(
            pk, transition_url, card.quick_moves, card.back_moves, kit, error, chosen
        )
    else:
        form = ""
    description = card.description
    # Truncator (as the template's truncatechars) only when it can shorten anything.
    if len(description) > 110:
        description = Truncator(description).chars(110)
    urgency = kit.urgency.get(card.urgency)
    if urgency is None:
        urgency = escape(capfirst(card.urgency))
    # Every field below is escaped here or built by format_html/escape above; the pk is an int.
    return mark_safe(  # noqa: S308
        _CARD.format(
            pk=pk,
            overdue=" is-overdue" if card.overdue else "",
            detail=detail_url,
            name=_escape(card.resident_name),
            category=kit.escaped_value(card.category_name),
            description=_escape(description),
            when=_when(card, kit),
            urgency=kit.escaped_value(card.urgency),
            urgency_label=urgency,
            waiting=waiting,
            assigned=assigned,
            notes=notes,
            form=form,
        )
    )
