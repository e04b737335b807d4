"""The to-dos at the top of the board, as HTML built in Python.

Kept short so that the requests come first: the warning when messages cannot really go
out, the count (and how many are late), the open signals, and the most urgent few. Through
its template and an include per to-do it cost more than the rest of the board's own markup;
`board_todos_html` builds the same markup with `format_html` (every title and link escaped).
The delivery warning, shown only now and then (and always where nothing is really sent, as in
the demo), still comes from its template, rendered once for the same counts.
"""

from __future__ import annotations

from functools import lru_cache

from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from accounts.templatetags.nl_format import format_nl_date

from .selectors import DeliveryTrouble, OpenTodos, delivery_trouble


def due_html(todo) -> SafeString:
    """When a to-do is due (as `_todo_due.html`): late is said in words, not by colour."""
    due = todo.due
    if due.is_late:
        return format_html(
            '<span class="badge text-bg-danger todo-late-badge">{}</span> '
            '<small class="text-muted">{}</small>',
            ngettext("%(days)s day late", "%(days)s days late", due.days_late)
            % {"days": due.days_late},
            _("due %(date)s") % {"date": format_nl_date(todo.due_on)},
        )
    if due.is_today:
        return format_html('<span class="badge text-bg-warning">{}</span>', _("today"))
    return format_html(
        "<small>{}</small>", _("due %(date)s") % {"date": format_nl_date(todo.due_on)}
    )


def _item(todo) -> SafeString:
    url = todo.url
    title = format_html('<a href="{}">{}</a>', url, todo.title) if url else todo.title
    return format_html(
        '<li class="text-truncate" id="board-todo-{}">{} {}</li>', todo.pk, due_html(todo), title
    )


@lru_cache(maxsize=32)
def _banner(language, script_prefix, fake: bool, failed: int, stuck: int) -> SafeString:
    """The delivery warning, made from nothing but these values (and the language and
    address prefix its text and link depend on): kept for the process for the last few."""
    trouble = DeliveryTrouble(fake=fake, failed=failed, stuck=stuck)
    return render_to_string("meldingen/_delivery_banner.html", {"trouble": trouble})


def board_todos_html(request, todos: OpenTodos, open_signals: int) -> SafeString:
    """The board's to-do section (and the delivery warning above it, when there is one)."""
    village = getattr(getattr(request, "access", None), "village", None)
    trouble = delivery_trouble(village) if village is not None else None
    # As the inclusion tag rendered it: its own context, nothing when there is no trouble.
    banner = (
        _banner(get_language(), get_script_prefix(), trouble.fake, trouble.failed, trouble.stuck)
        if trouble
        else ""
    )
    late = todos.late_count
    late_note = ""
    if late:
        late_note = format_html(
            ' <span class="fs-6 fw-normal">· <strong>{}</strong></span>',
            ngettext("%(n)s late", "%(n)s late", late) % {"n": late},
        )
    signals = ""
    if open_signals:
        signals = format_html(
            '<a class="btn btn-warning btn-sm" href="{}">{}</a> ',
            reverse("koppelingen:signals"),
            ngettext("%(n)s open signal", "%(n)s open signals", open_signals) % {"n": open_signals},
        )
    top = todos.top
    if top:
        items = format_html(
            '<ul class="list-unstyled mb-0 mt-1" id="board-todos">{}</ul>',
            format_html_join("", "{}", ((_item(todo),) for todo in top)),
        )
    else:
        items = format_html('<p class="mb-0 mt-1">{}</p>', _("Nothing to do. Well done!"))
    return format_html(
        "{banner}"
        '<section class="board-todos card mb-3 d-print-none" aria-labelledby="todo-title">'
        '<div class="card-body py-2">'
        '<div class="d-flex justify-content-between align-items-center flex-wrap gap-2">'
        '<h2 class="h5 mb-0" id="todo-title">{title}: {count}{late}</h2>'
        '<span>{signals}<a class="btn btn-link btn-sm" href="{all_url}">{all}</a></span>'
        "</div>{items}</div></section>",
        banner=mark_safe(banner),  # noqa: S308 - our own template, rendered just above
        title=_("To-do"),
        count=todos.count,
        late=late_note,
        signals=signals,
        all_url=reverse("meldingen:todos"),
        all=ngettext("All %(n)s to-dos", "All %(n)s to-dos", todos.count) % {"n": todos.count},
        items=items,
    )
