"""The follow-up call ("hoe ging het?") of a new pair: recorded in the pair's logbook,
the to-do ticked off, the request closed when that was its last step."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hulpvragen.lifecycle import Status
from hulpvragen.models import StatusChange
from koppelingen import jobs, services
from koppelingen.models import Assignment, LogEntry
from koppelingen.selectors import pair_log
from meldingen.models import Todo

pytestmark = pytest.mark.django_db


def done_by(ride, *volunteers):
    invitations = services.invitations_send(help_request=ride, volunteers=volunteers, by=None)
    for invitation in invitations:
        services.invitation_accept(invitation=invitation)
    for assignment in Assignment.objects.filter(help_request=ride):
        services.task_report_submit(assignment=assignment, outcome="done", how_it_went="good")
    jobs.after_the_task(timezone.now())
    ride.refresh_from_db()
    return list(Todo.objects.filter(kind=Todo.Kind.FOLLOW_UP).order_by("pk"))


def test_the_call_goes_into_the_pairs_logbook_and_closes_a_done_request(
    ride, make_volunteer, coordinator
):
    jan = make_volunteer(first_name="Jan", last_name="van 't Hof")
    (todo,) = done_by(ride, jan)
    assert ride.status == Status.DONE
    result = services.follow_up_record(
        todo=todo, how_it_went="so_so", note="Hij reed wat hard", by=coordinator
    )
    assert result.request_closed
    ride.refresh_from_db()
    assert ride.status == Status.CLOSED
    change = StatusChange.objects.get(help_request=ride, to_status=Status.CLOSED)
    assert change.from_status == Status.DONE and change.changed_by == coordinator
    entries = [e for e in pair_log(ride.village, jan.pk, ride.resident_id) if e.kind == "todo_done"]
    assert len(entries) == 1
    assert "Nagebeld: het ging matig – Hij reed wat hard" in entries[0].text
    todo.refresh_from_db()
    assert todo.done_at and todo.done_by == coordinator
    assert todo.done_note == "Nagebeld: het ging matig – Hij reed wat hard"


def test_a_mismatch_is_remembered_on_the_match_for_the_ranking(ride, make_volunteer, coordinator):
    jan = make_volunteer(first_name="Jan")
    (todo,) = done_by(ride, jan)
    services.follow_up_record(
        todo=todo,
        how_it_went="not_good",
        note="Zij voelde zich niet op haar gemak",
        is_mismatch=True,
        do_not_pair_again=True,
        by=coordinator,
    )
    assignment = Assignment.objects.get(help_request=ride, volunteer=jan)
    assert assignment.is_mismatch and assignment.do_not_pair_again
    assert assignment.mismatch_note == "Zij voelde zich niet op haar gemak"
    assert LogEntry.objects.filter(kind=LogEntry.Kind.MISMATCH, volunteer=jan).count() == 1


def test_a_mismatch_needs_a_note_and_then_nothing_is_recorded(ride, make_volunteer, coordinator):
    (todo,) = done_by(ride, make_volunteer())
    with pytest.raises(ValidationError) as error:
        services.follow_up_record(
            todo=todo, how_it_went="not_good", is_mismatch=True, by=coordinator
        )
    assert "Schrijf kort op wat er misging." in str(error.value)
    todo.refresh_from_db()
    ride.refresh_from_db()
    assert todo.done_at is None and ride.status == Status.DONE


def test_with_two_new_pairs_the_request_closes_after_the_second_call(
    ride, make_volunteer, coordinator
):
    ride.volunteers_needed = 2
    ride.save()
    # two volunteers with the same name, as real desks have
    first, second = done_by(
        ride, make_volunteer(first_name="Jan"), make_volunteer(first_name="Jan")
    )
    result = services.follow_up_record(todo=first, how_it_went="good", by=coordinator)
    assert not result.request_closed
    ride.refresh_from_db()
    assert ride.status == Status.DONE
    assert services.follow_up_record(todo=second, how_it_went="good", by=coordinator).request_closed
    ride.refresh_from_db()
    assert ride.status == Status.CLOSED


def test_a_request_that_is_not_done_keeps_its_status(ride, make_volunteer, coordinator):
    (todo,) = done_by(ride, make_volunteer())
    services.help_request_transition(help_request=ride, to=Status.CLOSED, by=coordinator)
    result = services.follow_up_record(todo=todo, how_it_went="good", by=coordinator)
    assert not result.request_closed
    assert StatusChange.objects.filter(help_request=ride, to_status=Status.CLOSED).count() == 1


def test_recording_twice_is_refused_and_logs_once(ride, make_volunteer, coordinator):
    (todo,) = done_by(ride, make_volunteer())
    services.follow_up_record(todo=todo, how_it_went="good", by=coordinator)
    with pytest.raises(ValidationError, match="al vastgelegd"):
        services.follow_up_record(todo=todo, how_it_went="not_good", by=coordinator)
    assert LogEntry.objects.filter(kind=LogEntry.Kind.TODO_DONE).count() == 1
