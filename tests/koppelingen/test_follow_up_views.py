"""The follow-up call's form: its errors keep what was chosen, and a request closed before
the call stays closed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from hulpvragen.lifecycle import Status
from koppelingen import jobs
from koppelingen import services as matching
from koppelingen.models import Assignment
from meldingen.models import Todo

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_up(client, coordinator, ride, make_volunteer):
    """A ride done by a new pair, with its follow-up to-do (as the job makes it)."""
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
        reverse("koppelingen:follow_up", args=[follow_up.pk]), {"how_it_went": "so_so"}, follow=True
    ).content.decode()
    assert "Vastgelegd in het logboek van Jan" in html
    assert "De hulpvraag is afgesloten." not in html
    follow_up.refresh_from_db()
    assert follow_up.done_note == "Nagebeld: het ging matig"


def test_a_mismatch_without_a_note_is_refused_and_keeps_what_was_chosen(client, follow_up):
    response = client.post(
        reverse("koppelingen:follow_up", args=[follow_up.pk]),
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
        reverse("koppelingen:follow_up", args=[follow_up.pk]),
        {"how_it_went": "not_good", "note": "Botste", "do_not_pair_again": "on"},
    ).content.decode()
    assert "hoort bij een miskoppeling" in html
    assert "Botste</textarea>" in html
