"""The transition table against the rules written out here once more, pair by pair: every
allowed move of a one-off and of a recurring request, and nothing else."""

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


@pytest.mark.parametrize(
    ("recurring", "allowed"),
    [(False, ALLOWED_ONE_OFF), (True, ALLOWED_RECURRING)],
    ids=["one-off", "recurring"],
)
def test_the_table_allows_exactly_these_moves_and_refuses_every_other_pair(recurring, allowed):
    permitted = {pair for pair in ALL_PAIRS if can_transition(*pair, recurring=recurring)}
    assert permitted == allowed  # pytest lists the pairs that differ


def test_finished_statuses_are_final():
    moves = {
        (status, recurring): allowed_transitions(status, recurring=recurring)
        for status in FINISHED_STATUSES
        for recurring in (False, True)
    }
    assert moves == dict.fromkeys(moves, frozenset())


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


def test_onward_moves_come_next_stage_first_and_steps_back_after_them():
    onward = {key: forward_transitions(key[0], recurring=key[1]) for key in ONWARD}
    back = {key: backward_transitions(key[0], recurring=key[1]) for key in ONWARD}
    assert onward == ONWARD
    assert back == {key: BACK.get(key, []) for key in ONWARD}


def test_onward_and_back_together_are_exactly_the_allowed_moves():
    for status, recurring in itertools.product(Status.values, (False, True)):
        onward = forward_transitions(status, recurring=recurring)
        back = backward_transitions(status, recurring=recurring)
        case = (status, recurring)
        assert set(onward) | set(back) == allowed_transitions(status, recurring=recurring), case
        assert not set(onward) & set(back), case
        assert all(is_backward(status, to) for to in back), case


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
