"""Why a request has no volunteer yet (regio.shortage)."""

from regio.shortage import Why, why_unmatched


def test_nobody_offering_the_kind_of_help_comes_first():
    assert why_unmatched(offered=False, asked=2, pending=1) == Why.NOBODY_OFFERS


def test_a_request_with_answers_to_come_is_waiting():
    assert why_unmatched(offered=True, asked=3, pending=1) == Why.WAITING


def test_everyone_asked_said_no():
    assert why_unmatched(offered=True, asked=2, pending=0) == Why.ALL_SAID_NO


def test_nobody_asked_yet():
    assert why_unmatched(offered=True, asked=0, pending=0) == Why.NOT_ASKED
