"""The to-do list's done note and the query-count guards (the follow-up form: see
tests/koppelingen/test_follow_up_views.py)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meldingen import services

pytestmark = pytest.mark.django_db


def test_done_with_htmx_keeps_the_note_in_the_row(client, coordinator, village):
    client.force_login(coordinator)
    todo, _ = services.todo_add(
        village=village, kind="review", key="n", title="Bekijk", due_on=timezone.localdate()
    )
    response = client.post(
        reverse("meldingen:todo_done", args=[todo.pk]),
        {"note": "  Loopt goed  "},
        HTTP_HX_REQUEST="true",
    )
    assert "✓ Bekijk – gedaan · Loopt goed" in response.content.decode()
    todo.refresh_from_db()
    assert todo.done_note == "Loopt goed"


def test_board_and_list_read_the_todos_in_a_fixed_number_of_queries(
    client, coordinator, village, django_assert_max_num_queries
):
    client.force_login(coordinator)
    today = timezone.localdate()
    for n in range(3):
        services.todo_add(
            village=village, kind="review", key=f"a{n}", title=f"Kijk {n}", due_on=today
        )
    with django_assert_max_num_queries(30) as board:
        client.get(reverse("hulpvragen:board"))
    with django_assert_max_num_queries(30) as todo_list:
        client.get(reverse("meldingen:todos"))
    for n in range(60):
        services.todo_add(
            village=village,
            kind="follow_up",
            key=f"b{n}",
            title=f"Bel {n}",
            due_on=today - timedelta(days=n),
        )
    with django_assert_max_num_queries(len(board.captured_queries)):
        html = client.get(reverse("hulpvragen:board")).content.decode()
    assert "Te doen: 63" in html and "59 dagen te laat" in html
    with django_assert_max_num_queries(len(todo_list.captured_queries)):
        html = client.get(reverse("meldingen:todos")).content.decode()
    assert "Bel 59" in html
