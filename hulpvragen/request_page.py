"""Parts of a request's page built in Python instead of through templates.

The status form on the page is always shown unbound (a failed change goes to its own page).
Rendered through crispy it cost about 5 ms, more than the page's queries together:
`status_form_html` builds the markup crispy's Bootstrap 5 pack gave for it (the same
labels, ids, classes and options) from the form class's fields, reading the two lists of
choices with one query each, as rendering did, but as values instead of model instances.

Every label and value goes through `format_html`.
"""

from __future__ import annotations

from functools import lru_cache

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from accounts import prepared
from accounts.crispy_fields import select, textarea
from accounts.templatetags.nl_format import format_nl_date, nl_datetime

from .forms import TransitionForm
from .lifecycle import Status
from .models import ReasonCode


def reason_choices() -> list[tuple[object, str]]:
    """The choices of `TransitionForm`'s reason field as `ReasonChoiceField` labels them
    ("referred: …"), read as values; one query, compiled once per thread."""
    kinds = dict(ReasonCode.AppliesTo.choices)
    return [
        (pk, f"{kinds.get(applies_to, applies_to)}: {label}")
        for pk, applies_to, label in prepared.rows(
            "hulpvragen.transition_reasons",
            lambda: TransitionForm.base_fields["reason"].queryset.values_list(
                "pk", "applies_to", "label"
            ),
        )
    ]


def status_form_html(help_request) -> SafeString:
    """The fields of the unbound `TransitionForm` of `help_request` as crispy rendered them,
    from the form's class (its fields, choices and querysets) without a form instance; ""
    when the request can make no move. Two queries (the reasons and the organisations,
    compiled once per thread) when it can, none otherwise; the markup is kept per language,
    moves, reasons and organisations (`_status_form`)."""
    moves = TransitionForm.move_choices(help_request)
    if not moves:
        return mark_safe("")
    organisations = prepared.rows(
        "hulpvragen.referral_organisations",
        lambda village_id: TransitionForm.organisations_of(village_id).values_list("pk", "name"),
        village_id=help_request.village_id,
    )
    return _status_form(
        get_language(), _frozen(moves), tuple(reason_choices()), tuple(organisations)
    )


def _frozen(choices) -> tuple:
    """Choices (with groups) as tuples of texts: a key for `_status_form`."""
    return tuple(
        (str(value), _frozen(label)) if isinstance(label, list | tuple) else (value, str(label))
        for value, label in choices
    )


@lru_cache(maxsize=256)
def _status_form(language, moves: tuple, reasons: tuple, organisations: tuple) -> SafeString:
    """The status form's fields for these choices, made from nothing but them (and the
    language of the labels): kept for the process, never stale."""
    fields = TransitionForm.base_fields
    reason = fields["reason"]
    referred_to = fields["referred_to"]
    return format_html(
        '{to}<input type="hidden" name="back_to" id="id_back_to">{reason}{note}{referred_to}'
        "{referral_note}",
        to=select("to", fields["to"].label, list(moves)),
        reason=select("reason", reason.label, [("", reason.empty_label), *reasons]),
        note=textarea("note", fields["note"].label, fields["note"].widget.attrs["rows"]),
        referred_to=select(
            "referred_to", referred_to.label, [("", referred_to.empty_label), *organisations]
        ),
        referral_note=textarea(
            "referral_note",
            fields["referral_note"].label,
            fields["referral_note"].widget.attrs["rows"],
        ),
    )


def _labels(choices) -> dict[str, str]:
    """A choice's label by value, translated once for the page."""
    return {value: str(label) for value, label in choices}


def matching_html(matching, request_pk: int) -> SafeString:
    """The page's volunteers section from `koppelingen.selectors.request_matching` (plain
    values): the matches, the next turns, the invitations still out and the way to the
    candidates."""
    from koppelingen.models import Assignment, TaskReport

    status = _labels(Assignment.Status.choices)
    how = _labels(TaskReport.HowItWent.choices)
    if matching.assignments:
        matches = format_html_join(
            "",
            '<p class="mb-1"><strong>{}</strong> · {}{}</p>',
            (
                (
                    a.volunteer_name,
                    status.get(a.status, a.status),
                    format_html(" · {}", how.get(a.how_it_went, a.how_it_went))
                    if a.how_it_went
                    else "",
                )
                for a in matching.assignments
            ),
        )
    else:
        matches = format_html('<p class="mb-1 text-muted">{}</p>', _("No volunteer yet."))
    turns = ""
    if matching.occurrences:
        nobody = format_html("<strong>{}</strong>", _("open: nobody yet"))
        turns = format_html(
            '<h3 class="h6 mt-2">{}</h3><ul class="list-unstyled small mb-1">{}</ul>',
            _("Next turns"),
            format_html_join(
                "",
                "<li>{} {} · {}</li>",
                (
                    (
                        format_nl_date(o.starts_at, "weekday"),
                        timezone.localtime(o.starts_at).strftime("%H:%M"),
                        o.volunteer_name if o.volunteer_id else nobody,
                    )
                    for o in matching.occurrences
                ),
            ),
        )
    pending = ""
    if matching.pending:
        pending = format_html(
            '<p class="mb-1">{}</p>',
            ngettext(
                "%(n)s invitation waits for an answer.",
                "%(n)s invitations wait for an answer.",
                matching.pending,
            )
            % {"n": matching.pending},
        )
    return format_html(
        '<section class="card card-body mb-3" aria-labelledby="matching-title">'
        '<h2 class="h5" id="matching-title">{title}</h2>{matches}{turns}{pending}'
        '<a class="btn {button} mt-2" href="{url}">{link}</a></section>',
        title=_("Volunteers"),
        matches=matches,
        turns=turns,
        pending=pending,
        button=(
            "btn-primary"
            if matching.can_ask and not matching.assignments
            else "btn-outline-primary"
        ),
        url=reverse("koppelingen:candidates", args=[request_pk]),
        link=_("Find a volunteer") if matching.can_ask else _("Matching and logbook"),
    )


def matching_log_html(log) -> SafeString:
    """The request's matching logbook (`RequestMatching.log`); nothing when it is empty."""
    if not log:
        return mark_safe("")
    from koppelingen.models import LogEntry

    kind = _labels(LogEntry.Kind.choices)
    return format_html(
        '<h3 class="h5 mt-3">{}</h3><ul class="list-unstyled">{}</ul>',
        _("Matching logbook"),
        format_html_join(
            "",
            "<li>{} · {}{}{}{}</li>",
            (
                (
                    nl_datetime(entry.at),
                    kind.get(entry.kind, entry.kind),
                    format_html(" · {}", entry.volunteer_name) if entry.volunteer_id else "",
                    format_html(" · {}", entry.text) if entry.text else "",
                    format_html(" ({})", entry.by_name) if entry.by_name else "",
                )
                for entry in log
            ),
        ),
    )


def logbook_html(changes) -> SafeString:
    """The request's logbook table (as `_logbook.html`) from `selectors.status_change_rows`."""
    status = _labels(Status.choices)
    if changes:
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td></tr>",
            (
                (
                    nl_datetime(change.at),
                    change.by or "—",
                    status.get(change.from_status, change.from_status) or "—",
                    status.get(change.kind, change.kind),
                    (change.reason + (": " if change.text else ""))
                    if change.reason is not None
                    else "",
                    change.text,
                )
                for change in changes
            ),
        )
    else:
        rows = format_html('<tr><td colspan="5">{}</td></tr>', _("Nothing recorded yet."))
    return format_html(
        '<table class="table table-sm logbook-table"><thead><tr><th scope="col">{}</th>'
        '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>'
        '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
        _("When"),
        _("Who"),
        _("From"),
        _("To"),
        _("Note"),
        rows,
    )
