"""Every allowed and every refused pair of the transition table, as data."""

import itertools

import pytest
from django.utils import translation

from hulpvragen.lifecycle import (
    FINISHED_STATUSES,
    OPEN_STATUSES,
    Status,
    allowed_transitions,
    backward_transitions,
    can_transition,
    can_triage,
    forward_transitions,
    is_backward,
    needs_reason,
    reason_error,
)

S = Status

ALLOWED_ONE_OFF = {
    (S.NEW, S.TRIAGE), (S.NEW, S.SEARCHING), (S.NEW, S.INFORMED), (S.NEW, S.REFERRED),
    (S.NEW, S.REJECTED), (S.NEW, S.CANCELLED),
    (S.TRIAGE, S.SEARCHING), (S.TRIAGE, S.INFORMED), (S.TRIAGE, S.REFERRED),
    (S.TRIAGE, S.REJECTED), (S.TRIAGE, S.CANCELLED),
    (S.SEARCHING, S.MATCHED), (S.SEARCHING, S.TRIAGE), (S.SEARCHING, S.REFERRED),
    (S.SEARCHING, S.CANCELLED),
    (S.MATCHED, S.SEARCHING), (S.MATCHED, S.CANCELLED), (S.MATCHED, S.DONE),
    (S.DONE, S.CLOSED),
}  # fmt: skip
ALLOWED_RECURRING = (ALLOWED_ONE_OFF - {(S.MATCHED, S.DONE), (S.DONE, S.CLOSED)}) | {
    (S.MATCHED, S.ACTIVE),
    (S.ACTIVE, S.PAUSED), (S.ACTIVE, S.ENDED), (S.ACTIVE, S.SEARCHING),
    (S.PAUSED, S.ACTIVE), (S.PAUSED, S.ENDED),
}  # fmt: skip

ALL_PAIRS = list(itertools.product(Status.values, repeat=2))


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_one_off_pair(source, target):
    assert can_transition(source, target) == ((source, target) in ALLOWED_ONE_OFF)


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_recurring_pair(source, target):
    assert can_transition(source, target, recurring=True) == ((source, target) in ALLOWED_RECURRING)


@pytest.mark.parametrize("status", FINISHED_STATUSES)
def test_finished_statuses_are_final(status):
    assert allowed_transitions(status) == frozenset()
    assert allowed_transitions(status, recurring=True) == frozenset()


def test_open_and_finished_cover_every_status_once():
    assert sorted(OPEN_STATUSES + FINISHED_STATUSES) == sorted(Status.values)


# Onward moves (the next stage first, then the exits) and steps back, per status.
ONWARD = {
    (S.NEW, False): [S.TRIAGE, S.SEARCHING, S.INFORMED, S.REFERRED, S.REJECTED, S.CANCELLED],
    (S.TRIAGE, False): [S.SEARCHING, S.INFORMED, S.REFERRED, S.REJECTED, S.CANCELLED],
    (S.SEARCHING, False): [S.MATCHED, S.REFERRED, S.CANCELLED],
    (S.MATCHED, False): [S.DONE, S.CANCELLED],
    (S.MATCHED, True): [S.ACTIVE, S.CANCELLED],
    (S.DONE, False): [S.CLOSED],
    (S.ACTIVE, True): [S.PAUSED, S.ENDED],
    (S.PAUSED, True): [S.ACTIVE, S.ENDED],
}
BACK = {
    (S.SEARCHING, False): [S.TRIAGE],
    (S.MATCHED, False): [S.SEARCHING],
    (S.MATCHED, True): [S.SEARCHING],
    (S.ACTIVE, True): [S.SEARCHING],
}


@pytest.mark.parametrize(("status", "recurring"), list(ONWARD))
def test_onward_moves_come_next_stage_first(status, recurring):
    assert forward_transitions(status, recurring=recurring) == ONWARD[(status, recurring)]
    assert backward_transitions(status, recurring=recurring) == BACK.get((status, recurring), [])


@pytest.mark.parametrize("recurring", [False, True])
@pytest.mark.parametrize("status", Status.values)
def test_onward_and_back_together_are_exactly_the_allowed_moves(status, recurring):
    onward = forward_transitions(status, recurring=recurring)
    back = backward_transitions(status, recurring=recurring)
    assert set(onward) | set(back) == allowed_transitions(status, recurring=recurring)
    assert not set(onward) & set(back)
    assert all(is_backward(status, to) for to in back)


# --- triage only for new requests; reject/cancel needs a reason -----------------------------


def test_only_a_new_request_or_one_being_clarified_can_be_triaged():
    assert [s for s in Status.values if can_triage(s)] == [Status.NEW, Status.TRIAGE]


def test_rejecting_and_cancelling_need_a_reason_and_nothing_else_does():
    assert {s for s in Status.values if needs_reason(s)} == {Status.REJECTED, Status.CANCELLED}


def test_a_missing_reason_is_named_in_dutch_only_where_one_is_needed():
    with translation.override("nl"):
        assert reason_error(Status.CANCELLED, None) == "Kies een reden."
        assert reason_error(Status.REFERRED, None) is None


def test_a_reason_for_another_status_does_not_fit():
    with translation.override("nl"):
        assert reason_error(Status.REJECTED, Status.CANCELLED) == (
            "Deze reden past niet bij de nieuwe status."
        )
    assert reason_error(Status.REJECTED, Status.REJECTED) is None
    assert reason_error(Status.INFORMED, Status.INFORMED) is None  # an optional reason fits
