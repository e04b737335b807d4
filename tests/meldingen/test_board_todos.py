"""The board's to-do section, built in Python (meldingen.board_todos)."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from meldingen.board_todos import board_todos_html, due_html
from meldingen.models import Todo
from meldingen.selectors import open_todos

pytestmark = pytest.mark.django_db


def _todo(village, title, days_from_today, link=""):
    return Todo.objects.create(
        village=village,
        kind="custom",
        title=title,
        link=link,
        due_on=timezone.localdate() + timedelta(days=days_from_today),
        idempotency_key=f"test:{title}",
    )


def _html(coordinator, village, open_signals=0):
    from accounts.access import build_access

    request = RequestFactory().get("/")
    request.user = coordinator
    request.session = {}
    request.access = build_access(request)
    todos = open_todos(request.access)
    return str(board_todos_html(request, todos, open_signals)), todos


def test_titles_and_links_are_escaped_and_the_late_ones_come_first(village, coordinator):
    _todo(village, "Bel <b>van 't Hof</b> & co", -2, link="/x/?a=1&b=2")
    _todo(village, "Vandaag", 0)
    html, todos = _html(coordinator, village, open_signals=2)
    assert todos.count == 2
    assert '<span class="badge text-bg-danger todo-late-badge">2 dagen te laat</span>' in html
    assert '<a href="/x/?a=1&amp;b=2">Bel &lt;b&gt;van &#x27;t Hof&lt;/b&gt; &amp; co</a>' in html
    assert '<span class="badge text-bg-warning">vandaag</span> Vandaag</li>' in html
    assert html.index("te laat</span>") < html.index("vandaag</span>")
    assert "Te doen: 2 <span" in html and "<strong>1 te laat</strong>" in html
    assert ">2 open signalen</a> <a" in html and ">Alle 2 taken</a>" in html
    assert "<b>" not in html


def test_nothing_to_do_says_so_without_signals(village, coordinator):
    html, _ = _html(coordinator, village)
    assert '<p class="mb-0 mt-1">Niets te doen. Goed bezig!</p>' in html
    assert "signa" not in html and "te laat" not in html


def test_a_later_todo_says_when_it_is_due(village, coordinator):
    _todo(village, "Later", 3)
    _, todos = _html(coordinator, village)
    [todo] = todos.top
    assert str(due_html(todo)).startswith("<small>uiterlijk ")
