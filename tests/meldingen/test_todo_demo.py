"""The coordinator's to-do list, its place on the board and the follow-up call form, on the
demo's own to-dos (which run from last December on)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from hulpvragen.lifecycle import Status
from hulpvragen.models import HelpRequest
from meldingen.models import Todo

pytestmark = pytest.mark.django_db

MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def dutch(day, *, today):
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module inside a transaction that is rolled back at
    the end; each test runs in a savepoint within it (it takes half a minute to build)."""
    from django.db import transaction

    from dorpsloket.celery import app

    app.conf.task_always_eager = True  # as the autouse fixture does, which runs later
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("demo_data", "--quiet-logins", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            app.conf.task_always_eager = False


@pytest.fixture
def demo(demo_data, db, client):
    coordinator = User.objects.get(email="coordinator@warffum.example")
    client.force_login(coordinator)
    return coordinator


def open_demo_todos():
    return Todo.objects.filter(village__slug="warffum", done_at__isnull=True)


def test_late_todos_come_first_marked_with_days_and_the_year(client, demo):
    today = timezone.localdate()
    # a desk's real value: one of the demo's reviews, due a date last year
    old = open_demo_todos().filter(kind=Todo.Kind.REVIEW).order_by("due_on").first()
    old.due_on = today.replace(year=today.year - 1, month=12, day=22)
    old.save()
    html = client.get(reverse("meldingen:todos")).content.decode()
    todos = html.split('id="todos"', 1)[1].split("</ul>", 1)[0]
    days = (today - old.due_on).days
    first = todos.split('id="todo-', 2)[1]
    assert first.startswith(f'{old.pk}"')
    assert f"{days} dagen te laat" in first
    assert f"uiterlijk {dutch(old.due_on, today=today)}" in first
    assert str(today.year - 1) in first
    late = list(open_demo_todos().filter(due_on__lt=today))
    due_today = list(open_demo_todos().filter(due_on=today))
    assert late and due_today
    positions = {t.pk: todos.index(f'id="todo-{t.pk}"') for t in late + due_today}
    assert max(positions[t.pk] for t in late) < min(positions[t.pk] for t in due_today)
    for todo in late:
        n = (today - todo.due_on).days
        label = "1 dag te laat" if n == 1 else f"{n} dagen te laat"
        row = todos.split(f'id="todo-{todo.pk}"', 1)[1].split("</li>", 1)[0]
        assert label in row
    assert f"{len(late)} te laat" in html
    # due today says so in words, later ones by date without this year's number
    row = todos.split(f'id="todo-{due_today[0].pk}"', 1)[1].split("</li>", 1)[0]
    assert "vandaag" in row and "te laat" not in row


def test_done_with_a_note_shows_in_the_done_list_and_the_requests_logbook(client, demo):
    # Any to-do about a request that is ticked off with "Gedaan" (which kinds the demo has
    # open depends on the day it is built).
    todo = next(
        t
        for t in open_demo_todos().exclude(kind=Todo.Kind.FOLLOW_UP)
        if t.about.get("help_request")
    )
    response = client.post(
        reverse("meldingen:todo_done", args=[todo.pk]),
        {"note": "Harm gebeld: morgen komt zijn zoon", "next": reverse("meldingen:todos")},
        follow=True,
    )
    html = response.content.decode()
    assert f"Gedaan: {todo.title}" in html
    done = html.split('id="todos-done"', 1)[1]
    assert "Harm gebeld: morgen komt zijn zoon" in done.split("</li>", 1)[0]
    detail = client.get(
        reverse("hulpvragen:request_detail", args=[todo.about["help_request"]])
    ).content.decode()
    assert f"{todo.title} – Harm gebeld: morgen komt zijn zoon" in detail


def follow_up_of_a_done_request():
    for todo in open_demo_todos().filter(kind=Todo.Kind.FOLLOW_UP):
        if HelpRequest.objects.get(pk=todo.about["help_request"]).status == Status.DONE:
            return todo
    raise AssertionError("the demo has a done request waiting for its follow-up call")


def test_the_follow_up_form_records_in_the_pair_logbook_and_closes_the_request(client, demo):
    todo = follow_up_of_a_done_request()
    request_id, volunteer_id = todo.about["help_request"], todo.about["volunteer"]
    resident = HelpRequest.objects.get(pk=request_id).resident
    html = client.get(reverse("meldingen:todos")).content.decode()
    row = html.split(f'id="todo-{todo.pk}"', 1)[1].split("</li>", 1)[0]
    follow_up_url = reverse("koppelingen:follow_up", args=[todo.pk])
    assert f'href="{follow_up_url}"' in row and "kandidaten" not in row
    assert "Vastleggen hoe het ging" in row
    page = client.get(reverse("koppelingen:follow_up", args=[todo.pk])).content.decode()
    assert "Nabellen: hoe ging het?" in page and resident.full_name in page
    assert "Hoe ging het, volgens de inwoner?" in page
    labels = re.findall(
        r'value="(\w+)"\s+id="id_how_it_went_\d"[^>]*>\s*<label[^>]*>\s*([^<]+?)\s*<', page
    )
    assert labels == [("good", "goed"), ("so_so", "matig"), ("not_good", "niet goed")]
    response = client.post(
        reverse("koppelingen:follow_up", args=[todo.pk]),
        {"how_it_went": "good", "note": "Ze wil Jan graag weer"},
        follow=True,
    )
    html = response.content.decode()
    assert "Vastgelegd in het logboek van" in html and "De hulpvraag is afgesloten." in html
    assert f'id="todo-{todo.pk}"' not in html.split('id="todos-done"', 1)[0]
    log = client.get(reverse("koppelingen:pair_log", args=[volunteer_id, resident.pk]))
    assert "Nagebeld: het ging goed – Ze wil Jan graag weer" in log.content.decode()
    detail = client.get(reverse("hulpvragen:request_detail", args=[request_id])).content.decode()
    assert "Afgesloten" in detail
    assert HelpRequest.objects.get(pk=request_id).status == Status.CLOSED
    again = client.get(reverse("koppelingen:follow_up", args=[todo.pk])).content.decode()
    assert "Dit nabelgesprek is vastgelegd op" in again
    assert 'id="follow-up-form"' not in again


def test_the_board_shows_the_count_and_the_three_most_urgent(client, demo):
    today = timezone.localdate()
    html = client.get(reverse("hulpvragen:board")).content.decode()
    section = html.split('class="board-todos', 1)[1].split("</section>", 1)[0]
    count = open_demo_todos().count()
    assert f"Te doen: {count}" in section
    assert f"Alle {count} taken" in section and 'href="/te-doen/"' in section
    shown = section.count('id="board-todo-')
    assert shown == 3
    most_late = open_demo_todos().order_by("due_on", "pk").first()
    assert f'id="board-todo-{most_late.pk}"' in section
    assert f"{(today - most_late.due_on).days} dagen te laat" in section
    # the requests come right after: the board is not a to-do list
    assert html.index('class="board-todos') < html.index('class="board-group')
