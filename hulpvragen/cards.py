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

A card's markup up to its form (name, kind, description, address, day, urgency, waiting,
coordinator) is kept for the process by everything it is made from (`_head_html`): a board
reloaded all day shows the same requests, mostly unchanged, so most cards are a lookup plus
their quick form. A changed value is a different key, so a kept head is never stale.
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
    back behind "meer…". The moves are worked out once per status and language
    (`_moves`), not once per card."""
    today = timezone.localdate(now)
    language = get_language()
    for card in cards:
        card.overdue = is_overdue(
            urgency=card.urgency, status=card.status, created_at=card.created_at, now=now
        )
        card.waiting_days = (now - card.created_at).days
        card.review_due = review_due(
            is_recurring=card.is_recurring, review_on=card.review_on, today=today
        )
        card.quick_moves, card.back_moves = _moves(card.status, card.is_recurring, language)
    return cards


@lru_cache(maxsize=128)
def _moves(status: str, recurring: bool, language: str | None) -> tuple[tuple, tuple]:
    """The quick moves from `status`, onward (with whether each needs a reason) and back,
    each with its label translated in `language` (the active one); tuples, shared by every
    card with these moves."""
    return (
        tuple(
            (move, str(Status(move).label), _needs_reason(move))
            for move in forward_transitions(status, recurring=recurring)
            if move not in NEEDS_REFERRAL
        ),
        tuple(
            (move, str(Status(move).label))
            for move in backward_transitions(status, recurring=recurring)
        ),
    )


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
        # str() first: `escape` of a lazy text is lazy, translated again at every card.
        self.urgency = {value: escape(capfirst(str(label))) for value, label in Urgency.choices}
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
        self.today = timezone.localdate()
        self._head_kit = _head_kit(shared, self.today.year)
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
        """A date as `format_nl_date` writes it (see `_HeadKit.date`), escaped."""
        return self._head_kit.date(day, weekday=weekday)

    def head(self, card) -> str:
        """The card's markup up to its notes and form (`_head_html`, kept by its values)."""
        return _head_html(
            self._head_kit,
            int(card.pk),
            card.overdue,
            card.waiting_days if card.overdue else 0,
            card.resident_name,
            card.category_name,
            card.description,
            card.street,
            card.house,
            card.is_recurring,
            card.review_on,
            card.review_due,
            card.needed_on,
            card.time_from,
            card.urgency,
            card.assigned_name if card.assigned_to_id else "",
        )

    def quick_form(self, card) -> SafeString:
        """The quick status form of a card with nothing chosen yet: made once for every
        card with the same moves, then given the card's pk."""
        key = (card.quick_moves, card.back_moves)
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


class _HeadKit:
    """What the cards' heads of one language, address prefix and year share (`_Shared`,
    and the year dates are written against): made once per `_Shared` and year."""

    def __init__(self, shared: _Shared, year: int):
        self.detail = shared.detail
        self.escaped = shared.escaped
        self.urgency = shared.urgency
        self.year = year
        self._weekdays = shared.weekdays
        self._months = shared.months

    def date(self, day, *, weekday: bool = False) -> str:
        """A date as `format_nl_date` writes it in the "short" style ("4 mrt", "4 mrt 2025"
        when not this year), or "weekday" ("di 4 mrt"), escaped; without Django's date
        formatter, which took longer than the rest of a card."""
        text = f"{day.day} {self._months[day.month]}"
        if day.year != self.year:
            text += f" {day.year:04d}"
        if weekday:
            text = f"{self._weekdays[day.weekday()]} {text}"
        return _escape(text)


@lru_cache(maxsize=64)
def _head_kit(shared: _Shared, year: int) -> _HeadKit:
    return _HeadKit(shared, year)


# The head of a card: everything up to its notes and form; filled with escaped text.
_HEAD = (
    '<article id="card-{pk}" class="card h-100 request-card{overdue}" '
    'aria-labelledby="card-{pk}-title"><div class="card-body">'
    '<h3 class="card-title h5" id="card-{pk}-title"><a href="{detail}">{name}</a> '
    '<span class="text-muted fw-normal">· {category}</span></h3>'
    '<p class="mb-1">{description}</p>'
    '<p class="mb-1 small">{when}</p>'
    '<p class="mb-2 small"><span class="badge urgency-{urgency}">{urgency_label}</span>'
    "{waiting}{assigned}</p>"
)


# About 600 bytes each: a few thousand cards of the villages in use, a few MB a process.
@lru_cache(maxsize=8192)
def _head_html(  # noqa: PLR0913 - the values a head is made from are its key
    kit: _HeadKit,
    pk: int,
    overdue: bool,
    waiting_days: int,
    resident_name: str,
    category_name: str,
    description: str,
    street: str,
    house: str,
    is_recurring: bool,
    review_on,
    review_due: bool,
    needed_on,
    time_from,
    urgency: str,
    assigned_name: str,
) -> str:
    """A card's head, escaped, made from nothing but these values (and `kit`, which holds
    the language's labels and the year): kept for the process, never stale."""
    when = _escape(f"{street} {house}")  # one escape: the space needs none
    if is_recurring:
        when += f" · {kit.escaped['recurring']}"
        if review_on:
            due = ' class="review-due"' if review_due else ""
            when += f", <span{due}>{kit.escaped['review']} {kit.date(review_on)}</span>"
    elif needed_on:
        when += f" · {kit.date(needed_on, weekday=True)}"
        if time_from:
            when += f" {time_from.strftime('%H:%M')}"
    waiting = ""
    if overdue:
        waiting = ' <strong class="text-danger">{}</strong>'.format(
            _escape(
                ngettext(
                    "Waiting too long (%(days)s day)",
                    "Waiting too long (%(days)s days)",
                    waiting_days,
                )
                % {"days": waiting_days}
            )
        )
    assigned = (
        f' <span class="text-muted">· {_escape(assigned_name)}</span>' if assigned_name else ""
    )
    # Truncator (as the template's truncatechars) only when it can shorten anything.
    if len(description) > 110:
        description = Truncator(description).chars(110)
    urgency_label = kit.urgency.get(urgency)
    if urgency_label is None:
        urgency_label = escape(capfirst(urgency))
    return _HEAD.format(
        pk=pk,
        overdue=" is-overdue" if overdue else "",
        detail=kit.detail.replace(str(_PK), str(pk)),
        name=_escape(resident_name),
        category=_escape(category_name),
        description=_escape(description),
        when=when,
        urgency=_escape(urgency),
        urgency_label=urgency_label,
        waiting=waiting,
        assigned=assigned,
    )


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
    _, transition_url = kit.urls_for(pk)
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
    # The head escaped by `_head_html`, the notes and forms built by format_html above.
    return mark_safe(f"{kit.head(card)}{notes}{form}</div></article>")  # noqa: S308
