"""The candidates page's content, as HTML built in Python (what `candidates.html` held).

Through the template the page's own markup (the request, who was matched and asked, the
form around the candidate lists, the matching logbook) cost about an eighth of the page's
Python: its includes, `blocktranslate` tags and the note's widget template. The markup is
the template's, whitespace aside (`tests/koppelingen/test_candidates_page.py` compares the
two). Every value from a person or an organisation (names, streets, description,
destination, remarks, the logbook's texts) is escaped with `html.escape`; the translations
go in as `{% translate %}` put them, the candidate lists as `candidate_html` made them.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from accounts.templatetags.nl_format import format_nl_date, km, nl_datetime


def heading(*, is_filled: bool, taken: int, can_ask: bool) -> str:
    """The page's heading and title: found, looking, or only the logbook."""
    if is_filled:
        return ngettext("Volunteer found", "Volunteers found", taken) % {"n": taken}
    if can_ask:
        return _("Find a volunteer")
    return _("Matching and logbook")


def content_html(context: dict, *, csrf_input: str, tell_apart) -> SafeString:
    """The content block of `candidates.html` for the view's `context` (its `heading` from
    `heading`). `csrf_input` is
    the page's hidden CSRF field; `tell_apart(volunteer, village_name)` the text that tells
    two volunteers with the same name apart (`views.tell_apart`)."""
    help_request = context["help_request"]
    village_name = help_request.village.name
    is_filled = context["is_filled"]
    taken = len(context["taken"])
    board = _("Board")
    parts = [
        f'<p class="d-print-none"><a href="{reverse("hulpvragen:board")}">← {board}</a></p>\n',
        '<h1 class="h2">{}</h1>\n'.format(context["heading"]),
        _request_card(help_request),
    ]
    if is_filled:
        enough = _(
            "Enough volunteers have said yes (%(taken)s of %(needed)s needed): nobody else "
            "needs to be asked."
        ) % {"taken": taken, "needed": int(help_request.volunteers_needed)}
        parts.append(f'<p class="alert alert-success" id="match-found">{enough}</p>\n')
    assignments = context["assignments"]
    if assignments:
        parts.append(_matched(assignments, help_request, village_name, tell_apart))
    invitations = context["invitations"]
    if invitations:
        parts.append(
            _asked(invitations, help_request, village_name, is_filled, csrf_input, tell_apart)
        )
    if context["can_ask"]:
        parts.append(_ask_form(context, csrf_input))
    elif not context["askable_status"]:
        later = _("Volunteers can be asked once the request is accepted in triage.")
        parts.append(f'<p class="alert alert-info">{later}</p>\n')
    log = context["log"]
    if log:
        parts.append(_log(log))
    # Translations as `{% translate %}` puts them, every other value escaped above.
    return mark_safe("".join(parts))  # noqa: S308


def _request_card(help_request) -> str:
    resident = help_request.resident
    if help_request.needed_on:
        when = escape(format_nl_date(help_request.needed_on, "heading"))
        if help_request.time_from:
            when += f" {help_request.time_from:%H:%M}"
    else:
        when = _("date not fixed yet")
    ride = ""
    if help_request.distance_km:
        destination = help_request.destination
        where = destination.name if destination else help_request.destination_text
        ride = f" · {escape(where)} ({escape(km(help_request.distance_km))})"
    needed = int(help_request.volunteers_needed)
    volunteers = ngettext("%(n)s volunteer needed", "%(n)s volunteers needed", needed) % {
        "n": needed
    }
    return (
        '<div class="card mb-4"><div class="card-body">\n'
        f'  <p class="mb-1"><strong>{escape(help_request.category.name)}</strong> · '
        f"{escape(resident.first_name)} {escape(resident.last_name)}, "
        f"{escape(resident.street)}</p>\n"
        f'  <p class="mb-1">{escape(help_request.description)}</p>\n'
        f'  <p class="mb-0 text-muted">\n    {when}\n    {ride}\n    · {volunteers}\n'
        f"    · {escape(help_request.get_status_display())}\n  </p>\n</div></div>\n"
    )


def _from_elsewhere(village) -> str:
    text = _("from %(village)s") % {"village": escape(village.name)}
    return f'<span class="badge text-bg-info from-elsewhere">{text}</span>'


def _matched(assignments, help_request, village_name, tell_apart) -> str:
    # The labels out of the f-strings below: xgettext does not read inside f-strings.
    reported, mismatched = _("reported"), _("mismatch")
    pair_label, mark = _("Logbook of this pair"), _("Mark as mismatch")
    rows = []
    pair_log = reverse("koppelingen:pair_log", args=[987654321, 987654322])
    for a in assignments:
        volunteer = a.volunteer
        line = f"<strong>{escape(volunteer.full_name)}</strong>"
        if volunteer.village_id != help_request.village_id:
            line += f" {_from_elsewhere(volunteer.village)}"
        if a.shows_contact:
            line += f' <span class="text-muted">({escape(tell_apart(volunteer, village_name))})'
            line += "</span>"
        line += f" · {escape(a.get_status_display())}"
        report = _report(a)
        if report:
            line += f" · {reported}: {escape(report.get_outcome_display())}"
            if report.how_it_went:
                line += f", {escape(report.get_how_it_went_display())}"
            if report.km_driven:
                line += f", {escape(km(report.km_driven))}"
        if a.is_mismatch:
            line += f' · <span class="badge text-bg-danger">{mismatched}</span>'
        log_url = pair_log.replace("987654321", str(int(a.volunteer_id))).replace(
            "987654322", str(int(help_request.resident_id))
        )
        mismatch = ""
        if not a.is_mismatch:
            mismatch_url = reverse("koppelingen:mismatch", args=[a.pk])
            mismatch = f'<a class="btn btn-outline-danger btn-sm" href="{mismatch_url}">{mark}</a>'
        rows.append(
            '  <li class="list-group-item d-flex flex-wrap justify-content-between '
            f'align-items-center gap-2">\n    <span>{line}</span>\n'
            '    <span class="d-flex gap-2">\n'
            f'      <a class="btn btn-outline-secondary btn-sm" href="{log_url}">'
            f"{pair_label}</a>\n      {mismatch}\n    </span>\n  </li>\n"
        )
    title = _("Matched")
    return (
        f'<h2 class="h4">{title}</h2>\n<ul class="list-group mb-4" id="matches">\n'
        f"{''.join(rows)}</ul>\n"
    )


def _report(assignment):
    """The match's report, None before there is one (as the template's `a.report`)."""
    try:
        return assignment.report
    except ObjectDoesNotExist:
        return None


def _asked(invitations, help_request, village_name, is_filled, csrf_input, tell_apart) -> str:
    said_yes, said_no = _("Said yes"), _("Said no")
    rows = []
    for i in invitations:
        volunteer = i.volunteer
        if volunteer.village_id != help_request.village_id:
            who = _from_elsewhere(volunteer.village)
            if i.channel == "phone" and i.status == "pending":
                desk = _("Ask through the desk of %(village)s: %(phone)s") % {
                    "village": escape(volunteer.village.name),
                    "phone": escape(volunteer.village.desk_phone_display),
                }
                who += f' <span class="small">{desk}</span>'
        else:
            who = f'<span class="text-muted">{escape(tell_apart(volunteer, village_name))}</span>'
        answer = escape(i.get_status_display())
        if i.remark:
            answer += f" – “{escape(i.remark)}”"
        form = ""
        if i.status == "pending" and not is_filled:
            action = reverse("koppelingen:phone_answer", args=[i.pk])
            form = (
                f'<form method="post" action="{action}" class="d-flex gap-2">{csrf_input}'
                '<button class="btn btn-success btn-sm" name="answer" value="accept">'
                f"{said_yes}</button>"
                '<button class="btn btn-outline-secondary btn-sm" name="answer" '
                f'value="decline">{said_no}</button></form>'
            )
        rows.append(
            f"  <tr>\n    <td>{escape(volunteer.full_name)}<br>{who}</td>\n"
            f"    <td>{escape(i.get_channel_display())} · {escape(nl_datetime(i.asked_at))}</td>\n"
            f"    <td>{answer}</td>\n"
            f'    <td class="d-print-none">{form}</td>\n  </tr>\n'
        )
    asked, volunteer, how, answer = _("Asked"), _("Volunteer"), _("How"), _("Answer")
    return (
        f'<h2 class="h4">{asked}</h2>\n<table class="table align-middle mb-4">\n'
        f"  <thead><tr><th>{volunteer}</th><th>{how}</th><th>{answer}</th>"
        '<th class="d-print-none"></th></tr></thead>\n'
        f"  <tbody>\n{''.join(rows)}  </tbody>\n</table>\n"
    )


def _ask_form(context, csrf_input) -> str:
    form = context["form"]
    errors = ""
    if form.errors:
        joined = " ".join(escape(str(error)) for error in form["volunteer"].errors)
        errors = f'<div class="alert alert-danger">{joined}</div>\n'
    nobody = ""
    if not context["eligible"]:
        text = _(
            "Nobody meets all the conditions. Look at the others below: you can still ask anyone."
        )
        nobody = f'<p class="empty-state">{text}</p>\n'
    excluded = len(context["excluded"])
    others = ngettext(
        "%(n)s other volunteer (does not meet a condition)",
        "%(n)s other volunteers (do not meet a condition)",
        excluded,
    ) % {"n": excluded}
    best, ask = _("Best candidates"), _("Ask the chosen volunteers")
    return (
        f'<form method="post" novalidate>\n  {csrf_input}\n  {errors}'
        f'  <h2 class="h4">{best}</h2>\n  {nobody}'
        '  <ol class="list-group list-group-numbered mb-3" id="candidates">\n'
        f"    {context['eligible_html']}\n  </ol>\n"
        '  <details class="mb-3">\n'
        f'    <summary class="h5">{others}</summary>\n'
        f'    <ul class="list-group mt-2">\n      {context["excluded_html"]}\n    </ul>\n'
        "  </details>\n"
        f"  {_note_field(form)}\n"
        f'  <button type="submit" class="btn btn-primary btn-lg">{ask}</button>\n</form>\n'
    )


def _note_field(form) -> str:
    """The note's label and box; the empty box of an unbound form made once per language
    (its widget's template cost more than the rest of the form)."""
    if form.is_bound:
        return _label_and(form["note"], str(form["note"]))
    return _unbound_note(get_language(), type(form))


@lru_cache(maxsize=16)
def _unbound_note(language, form_class) -> str:
    note = form_class()["note"]
    return _label_and(note, str(note))


def _label_and(note, widget: str) -> str:
    return (
        f'<div class="mb-3"><label class="form-label" for="{escape(note.id_for_label)}">'
        f"{escape(str(note.label))}</label>{widget}</div>"
    )


def _log(log) -> str:
    items = []
    for entry in log:
        line = f"{escape(nl_datetime(entry.at))} · {escape(entry.get_kind_display())}"
        if entry.volunteer:
            line += f" · {escape(entry.volunteer.full_name)}"
        if entry.text:
            line += f" · {escape(entry.text)}"
        if entry.by:
            line += f" ({escape(entry.by.get_short_name())})"
        items.append(f"<li>{line}</li>")
    title = _("Matching logbook")
    return (
        f'<h2 class="h4 mt-5">{title}</h2>\n<ul class="list-unstyled">\n  {"".join(items)}\n</ul>\n'
    )
