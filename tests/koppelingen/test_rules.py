from datetime import UTC, date, datetime, time, timedelta

import pytest

from koppelingen import rules, tokens


def test_contact_details_only_after_accepting():
    assert not rules.contact_details_visible(
        accepted=False, task_date=date(2026, 5, 1), today=date(2026, 4, 1)
    )
    assert rules.contact_details_visible(
        accepted=True, task_date=date(2026, 5, 1), today=date(2026, 4, 1)
    )


def test_contact_details_disappear_a_week_after_the_task():
    task = date(2026, 5, 1)
    assert rules.contact_details_visible(accepted=True, task_date=task, today=date(2026, 5, 8))
    assert not rules.contact_details_visible(accepted=True, task_date=task, today=date(2026, 5, 9))


def test_links_work_two_weeks_or_until_a_week_after_the_task():
    sent = date(2026, 3, 1)
    assert rules.link_expires_on(sent_on=sent, task_date=None) == date(2026, 3, 15)
    assert rules.link_expires_on(sent_on=sent, task_date=date(2026, 3, 3)) == date(2026, 3, 15)
    assert rules.link_expires_on(sent_on=sent, task_date=date(2026, 4, 1)) == date(2026, 4, 8)


def test_request_moment_uses_the_departure_time_before_the_appointment():
    day = date(2026, 3, 2)
    assert rules.request_moment(
        needed_on=day, time_from=time(9, 0), appointment_time=time(13, 0)
    ) == (day, "morning")
    assert rules.request_moment(needed_on=day, time_from=None, appointment_time=time(14, 0)) == (
        day,
        "afternoon",
    )
    assert rules.request_moment(needed_on=None, time_from=None, appointment_time=None) == (
        None,
        None,
    )


def same_person(**overrides):
    values = {
        "volunteer_last_name": "Bakker",
        "volunteer_postcode": "9989 AB",
        "volunteer_house_number": "12",
        "volunteer_phone": "0612345678",
        "resident_last_name": "Jansen",
        "resident_postcode": "9989 AC",
        "resident_house_number": "3",
        "resident_phone": "0595123456",
    }
    values.update(overrides)
    return rules.is_same_person(**values)


def test_a_volunteer_who_became_a_requester_is_recognised():
    assert not same_person()
    assert same_person(resident_phone="06 12 34 56 78")
    assert same_person(
        resident_last_name="bakker", resident_postcode="9989ab", resident_house_number="12"
    )
    # a partner at the same address with another surname is someone else
    assert not same_person(resident_postcode="9989 AB", resident_house_number="12")


def test_tokens_round_trip_and_refuse_tampering():
    token = tokens.make_token(42, date(2026, 4, 1))
    assert tokens.read_token(token) == tokens.LinkPayload(42, date(2026, 4, 1))
    assert tokens.read_token(token[:-2] + "xx") is None
    assert tokens.read_token("42") is None


def test_consent_lets_a_signal_be_passed_on():
    assert rules.signal_pass_on_errors(consent="yes", exception_note="") == {}


def test_no_consent_keeps_the_signal_open_with_advice():
    errors = rules.signal_pass_on_errors(consent="no", exception_note="Toch doorgeven")
    assert list(errors) == ["consent"]
    assert "blijft open" in errors["consent"]
    assert "Praat eerst met de inwoner" in errors["consent"]


def test_the_exception_needs_a_note_on_why():
    errors = rules.signal_pass_on_errors(consent="not_asked", exception_note="   ")
    assert list(errors) == ["exception_note"]
    assert "Schrijf op waarom" in errors["exception_note"]
    assert (
        rules.signal_pass_on_errors(consent="not_asked", exception_note="Rook uit de keuken") == {}
    )


def test_no_answer_on_consent_is_an_error():
    assert rules.signal_pass_on_errors(consent="", exception_note="") == {
        "consent": "Geef aan of de inwoner toestemming gaf."
    }


def test_the_consent_values_of_the_rule_are_the_models():
    from koppelingen.models import Signal

    assert {rules.CONSENT_YES, rules.CONSENT_NO, rules.CONSENT_EXCEPTION} == set(
        Signal.Consent.values
    )


def test_a_request_is_filled_once_as_many_said_yes_as_it_needs():
    assert not rules.has_enough_volunteers(taken=0, needed=1)
    assert rules.has_enough_volunteers(taken=1, needed=1)
    assert not rules.has_enough_volunteers(taken=1, needed=2)
    assert rules.has_enough_volunteers(taken=2, needed=2)


def test_a_link_token_is_the_same_each_time_it_is_made():
    # The e-mail's link and the page's link must be one link, also a second later.
    assert tokens.make_token(42, date(2026, 4, 1)) == tokens.make_token(42, date(2026, 4, 1))


def test_a_link_sent_with_a_timestamp_is_still_read():
    from django.core import signing

    old = signing.dumps({"i": 42, "e": "2026-04-01"}, salt=tokens.SALT)
    assert tokens.read_token(old) == tokens.LinkPayload(42, date(2026, 4, 1))


# --- what a volunteer may do with a task (rules.task_access) ----------------------------

TODAY = date(2026, 3, 2)


def _access(status, *, paused_until=None, accepted=True, task_date=TODAY):
    return rules.task_access(
        volunteer_status=status,
        paused_until=paused_until,
        accepted=accepted,
        task_date=task_date,
        today=TODAY,
    )


def test_an_active_volunteer_may_accept_and_sees_contact_details_after_accepting():
    assert _access("active", accepted=False) == rules.TaskAccess(
        standing=rules.STANDING_ACTIVE, may_accept=True, may_see_contact=False
    )
    assert _access("active").may_see_contact


def test_a_paused_volunteer_may_not_accept_nor_see_contact_details_of_an_accepted_task():
    access = _access("paused", paused_until=None)
    assert access == rules.TaskAccess(
        standing=rules.STANDING_PAUSED, may_accept=False, may_see_contact=False
    )
    assert _access("paused", paused_until=TODAY).standing == rules.STANDING_PAUSED


def test_a_pause_that_ended_yesterday_counts_as_active():
    access = _access("paused", paused_until=date(2026, 3, 1))
    assert access.standing == rules.STANDING_ACTIVE
    assert access.may_accept and access.may_see_contact


def test_a_stopped_volunteer_loses_everything_also_for_accepted_tasks():
    assert _access("stopped") == rules.TaskAccess(
        standing=rules.STANDING_GONE, may_accept=False, may_see_contact=False
    )
    assert _access("signed_up").standing == rules.STANDING_GONE


def test_contact_details_still_end_a_week_after_the_task_for_an_active_volunteer():
    assert not _access("active", task_date=date(2026, 2, 20)).may_see_contact


# --- task sessions and dead links ----------------------------------------------------------


def test_a_task_session_runs_for_its_time_and_not_before_it_began():
    opened = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert rules.task_session_open(opened_at=opened, now=opened)
    assert rules.task_session_open(opened_at=opened, now=opened + rules.TASK_SESSION / 2)
    assert not rules.task_session_open(opened_at=opened, now=opened + rules.TASK_SESSION)
    assert not rules.task_session_open(opened_at=opened, now=opened - timedelta(seconds=1))


@pytest.mark.parametrize(
    ("standing", "invitation_withdrawn", "assignment_withdrawn", "dead"),
    [
        (rules.STANDING_ACTIVE, False, False, False),
        (rules.STANDING_PAUSED, False, False, False),  # the page says kindly why
        (rules.STANDING_ACTIVE, True, False, True),
        (rules.STANDING_ACTIVE, False, True, True),
        (rules.STANDING_GONE, False, False, True),
    ],
)
def test_a_link_dies_when_the_task_is_no_longer_the_volunteers(
    standing, invitation_withdrawn, assignment_withdrawn, dead
):
    assert (
        rules.link_is_dead(
            standing=standing,
            invitation_withdrawn=invitation_withdrawn,
            assignment_withdrawn=assignment_withdrawn,
        )
        is dead
    )


@pytest.mark.parametrize(
    ("from_status", "to_status", "takes_back"),
    [
        ("matched", "searching", True),
        ("matched", "cancelled", True),
        ("active", "cancelled", True),
        ("searching", "cancelled", False),
        ("matched", "done", False),
        ("new", "searching", False),
    ],
)
def test_going_back_to_searching_or_cancelling_takes_planned_tasks_back(
    from_status, to_status, takes_back
):
    assert rules.takes_task_back(from_status=from_status, to_status=to_status) is takes_back
