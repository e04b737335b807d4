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


def test_the_list_logs_the_residents_its_todos_are_about(
    client, coordinator, village, other_village
):
    from accounts.access_log_models import AccessLogEntry
    from koppelingen.models import Signal
    from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory
    from tests.uitleen.factories import AidItemFactory, LoanFactory

    def resident(name, where=village):
        return ResidentFactory(village=where, first_name=name, last_name="van 't Hof")

    asked, lent, announced, signalled, untouched = (
        resident(n) for n in ("Jan", "Geesje", "Harm", "Trijntje", "Klaas")
    )
    request = HelpRequestFactory(village=village, resident=asked)
    loan = LoanFactory(item=AidItemFactory(village=village), resident=lent)
    signal = Signal.objects.create(village=village, resident=signalled, description="Zorgen")
    today = timezone.localdate()
    for key, about in [
        ("r", {"help_request": request.pk, "volunteer": 1}),
        ("l", {"loan": loan.pk}),
        ("n", {"items": [["resident", announced.pk], ["signal", signal.pk], ["volunteer", 9]]}),
        ("f", {"year": 2025, "month": 11, "findings": 2}),
    ]:
        services.todo_add(
            village=village, kind="escalation", key=key, title="Iets", due_on=today, about=about
        )
    services.todo_add(
        village=other_village, kind="escalation", key="x", title="Elders", due_on=today,
        about={"resident": resident("Roelf", other_village).pk},
    )  # fmt: skip
    client.force_login(coordinator)
    assert client.get(reverse("meldingen:todos")).status_code == 200
    logged = AccessLogEntry.objects.filter(view_name="meldingen:todos")
    assert set(logged.values_list("resident_id", flat=True)) == {
        asked.pk, lent.pk, announced.pk, signalled.pk,
    }  # fmt: skip
    assert untouched.pk not in set(logged.values_list("resident_id", flat=True))
    assert set(logged.values_list("action", "village_id")) == {("search", village.pk)}
