"""Every allowed and every refused pair of the transition table, as data."""

import itertools

import pytest

from hulpvragen.lifecycle import (
    FINISHED_STATUSES,
    OPEN_STATUSES,
    Status,
    allowed_transitions,
    can_transition,
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
