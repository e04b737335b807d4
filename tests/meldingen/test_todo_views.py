"""The to-do list's done note, the follow-up form's errors and the query-count guards."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hulpvragen.lifecycle import Status
from koppelingen.models import Assignment
from meldingen import services
from meldingen.models import Todo

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


@pytest.fixture
def follow_up(client, coordinator, ride, make_volunteer):
    """A ride done by a new pair, with its follow-up to-do (as the job makes it)."""
    from koppelingen import services as matching
    from meldingen import jobs

    (invitation,) = matching.invitations_send(
        help_request=ride, volunteers=[make_volunteer(first_name="Jan")], by=None
    )
    matching.invitation_accept(invitation=invitation)
    matching.task_report_submit(
        assignment=Assignment.objects.get(invitation=invitation), outcome="done", how_it_went="good"
    )
    jobs.after_the_task(timezone.now())
    client.force_login(coordinator)
    return Todo.objects.get(kind=Todo.Kind.FOLLOW_UP)


def test_a_follow_up_of_an_already_closed_request_is_recorded_and_leaves_it_closed(
    client, coordinator, ride, follow_up
):
    from hulpvragen.services import help_request_transition

    help_request_transition(help_request=ride, to=Status.CLOSED, by=coordinator)
    html = client.post(
        reverse("meldingen:follow_up", args=[follow_up.pk]), {"how_it_went": "so_so"}, follow=True
    ).content.decode()
    assert "Vastgelegd in het logboek van Jan" in html
    assert "De hulpvraag is afgesloten." not in html
    follow_up.refresh_from_db()
    assert follow_up.done_note == "Nagebeld: het ging matig"


def test_a_mismatch_without_a_note_is_refused_and_keeps_what_was_chosen(client, follow_up):
    response = client.post(
        reverse("meldingen:follow_up", args=[follow_up.pk]),
        {"how_it_went": "not_good", "is_mismatch": "on"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Schrijf kort op wat er misging." in html
    chosen = html.split('value="not_good"', 1)[1].split(">", 1)[0]
    assert "checked" in chosen
    assert "checked" in html.split('name="is_mismatch"', 1)[1].split(">", 1)[0]
    follow_up.refresh_from_db()
    assert follow_up.done_at is None


def test_do_not_pair_again_asks_for_the_mismatch_box_too(client, follow_up):
    html = client.post(
        reverse("meldingen:follow_up", args=[follow_up.pk]),
        {"how_it_went": "not_good", "note": "Botste", "do_not_pair_again": "on"},
    ).content.decode()
    assert "hoort bij een miskoppeling" in html
    assert "Botste</textarea>" in html


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
