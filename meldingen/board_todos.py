"""The to-dos at the top of the board, as HTML built in Python.

Kept short so that the requests come first: the warning when messages cannot really go
out, the count (and how many are late), the open signals, and the most urgent few. Through
its template and an include per to-do it cost more than the rest of the board's own markup;
`board_todos_html` builds the same markup with f-strings (every title and link escaped).
The delivery warning, shown only now and then (and always where nothing is really sent, as in
the demo), still comes from its template, rendered once for the same counts.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from accounts.templatetags.nl_format import format_nl_date

from .selectors import DeliveryTrouble, OpenTodos, delivery_trouble


def due_html(todo) -> SafeString:
    """When a to-do is due (as `_todo_due.html`): late is said in words, not by colour."""
    due = todo.due
    if due.is_late:
        late = ngettext("%(days)s day late", "%(days)s days late", due.days_late) % {
            "days": due.days_late
        }
        when = _("due %(date)s") % {"date": format_nl_date(todo.due_on)}
        return mark_safe(  # noqa: S308 - both texts escaped
            f'<span class="badge text-bg-danger todo-late-badge">{escape(late)}</span> '
            f'<small class="text-muted">{escape(when)}</small>'
        )
    if due.is_today:
        today = escape(_("today"))
        return mark_safe(f'<span class="badge text-bg-warning">{today}</span>')  # noqa: S308
    when = _("due %(date)s") % {"date": format_nl_date(todo.due_on)}
    return mark_safe(f"<small>{escape(when)}</small>")  # noqa: S308 - escaped


def _item(todo) -> str:
    url = todo.url
    title = escape(todo.title)
    if url:
        title = f'<a href="{escape(url)}">{title}</a>'
    return f'<li class="text-truncate" id="board-todo-{int(todo.pk)}">{due_html(todo)} {title}</li>'


@lru_cache(maxsize=32)
def _fixed(language, script_prefix) -> tuple[str, str, str, str]:
    """The section's title, the addresses of the signals and of all to-dos, and the text
    when there is nothing to do, escaped: made once per language and address prefix."""
    return (
        escape(_("To-do")),
        escape(reverse("koppelingen:signals")),
        escape(reverse("meldingen:todos")),
        escape(_("Nothing to do. Well done!")),
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
    title, signals_url, all_url, nothing = _fixed(get_language(), get_script_prefix())
    late = todos.late_count
    late_note = ""
    if late:
        text = ngettext("%(n)s late", "%(n)s late", late) % {"n": late}
        late_note = f' <span class="fs-6 fw-normal">· <strong>{escape(text)}</strong></span>'
    signals = ""
    if open_signals:
        text = ngettext("%(n)s open signal", "%(n)s open signals", open_signals) % {
            "n": open_signals
        }
        signals = f'<a class="btn btn-warning btn-sm" href="{signals_url}">{escape(text)}</a> '
    top = todos.top
    if top:
        items = "".join([_item(todo) for todo in top])
        items = f'<ul class="list-unstyled mb-0 mt-1" id="board-todos">{items}</ul>'
    else:
        items = f'<p class="mb-0 mt-1">{nothing}</p>'
    count = int(todos.count)
    every = ngettext("All %(n)s to-dos", "All %(n)s to-dos", count) % {"n": count}
    # The banner is our own template's output; every other text and address escaped here.
    return mark_safe(  # noqa: S308
        f"{banner}"
        '<section class="board-todos card mb-3 d-print-none" aria-labelledby="todo-title">'
        '<div class="card-body py-2">'
        '<div class="d-flex justify-content-between align-items-center flex-wrap gap-2">'
        f'<h2 class="h5 mb-0" id="todo-title">{title}: {count}{late_note}</h2>'
        f'<span>{signals}<a class="btn btn-link btn-sm" href="{all_url}">{escape(every)}</a>'
        f"</span></div>{items}</div></section>"
    )
