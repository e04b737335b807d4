"""Triage rule cases taken from DOMAIN.md."""

from datetime import date, timedelta

from hulpvragen.triage import (
    QUESTION_KEYS,
    Outcome,
    PastRequest,
    boundary_warnings,
    needs_explanation,
    propose_outcome,
)

TODAY = date(2026, 11, 23)  # a Monday


def answers(**flags):
    base = dict.fromkeys(QUESTION_KEYS, False)
    base["own_network_asked"] = True
    base.update(flags)
    return base


def test_nothing_raised_means_accepted_for_matching():
    proposal = propose_outcome(answers())
    assert proposal.outcome == Outcome.ACCEPTED
    assert proposal.reason_code is None
    assert "koppelen" in proposal.lines[0]


def test_zorg_moet_zorg_blijven_refers_professional_care():
    proposal = propose_outcome(answers(professional_care=True))
    assert proposal.outcome == Outcome.REFERRED
    assert proposal.reason_code == "professionele_zorg"
    assert any("Zorg moet zorg blijven" in line for line in proposal.lines)


def test_a_whole_garden_with_grass_a_metre_high_is_too_big():
    proposal = propose_outcome(answers(too_big=True))
    assert proposal.outcome == Outcome.REJECTED
    assert proposal.reason_code == "te_groot"


def test_work_a_business_would_do_is_rejected_as_competition():
    proposal = propose_outcome(answers(competes_with_business=True))
    assert proposal.outcome == Outcome.REJECTED
    assert proposal.reason_code == "concurrentie"


def test_own_network_that_can_help_gives_information():
    proposal = propose_outcome(answers(own_network_can_help=True))
    assert proposal.outcome == Outcome.INFORMED
    assert proposal.reason_code == "eigen_netwerk"


def test_structural_intensive_need_is_referred():
    proposal = propose_outcome(answers(structural_intensive=True))
    assert proposal.outcome == Outcome.REFERRED
    assert proposal.reason_code == "structureel"


def test_outside_the_work_area_is_referred_but_open_for_discussion():
    proposal = propose_outcome(answers(outside_work_area=True))
    assert proposal.outcome == Outcome.REFERRED
    assert any("overleg" in line for line in proposal.lines)


def test_care_outweighs_too_big_and_every_reason_is_explained():
    proposal = propose_outcome(answers(professional_care=True, too_big=True))
    assert proposal.outcome == Outcome.REFERRED
    assert len(proposal.lines) == 2


def test_own_network_not_asked_is_mentioned_without_refusing():
    proposal = propose_outcome(answers(own_network_asked=False))
    assert proposal.outcome == Outcome.ACCEPTED
    assert any("nog niet gevraagd" in line for line in proposal.lines)


def test_unanswered_questions_are_counted():
    proposal = propose_outcome({"too_big": False})
    assert len(proposal.unanswered) == len(QUESTION_KEYS) - 1
    assert "niet beantwoord" in proposal.lines[-1]


def test_same_job_three_weeks_running_warns_about_a_recurring_request():
    history = [
        PastRequest(on=TODAY - timedelta(weeks=n), category_id=2, category_name="Tuin")
        for n in (1, 2)
    ]
    warnings = boundary_warnings(history, category_id=2, today=TODAY)
    assert len(warnings) == 1
    assert "Tuin" in warnings[0]


def test_same_job_twice_is_no_warning():
    history = [PastRequest(on=TODAY - timedelta(weeks=1), category_id=2)]
    assert boundary_warnings(history, category_id=2, today=TODAY) == []


def test_different_jobs_every_week_are_no_same_job_warning():
    history = [PastRequest(on=TODAY - timedelta(weeks=n), category_id=n) for n in (1, 2, 3)]
    assert boundary_warnings(history, category_id=9, today=TODAY) == []


def test_many_requests_this_quarter_warn():
    # Quarter started 1 October; seven earlier requests + this one = 8.
    history = [
        PastRequest(on=date(2026, 10, 1) + timedelta(days=7 * n), category_id=n) for n in range(7)
    ]
    warnings = boundary_warnings(history, category_id=99, today=TODAY)
    assert any("dit kwartaal" in w for w in warnings)


def test_requests_of_last_quarter_do_not_count():
    history = [PastRequest(on=date(2026, 9, 1 + n), category_id=n) for n in range(10)]
    assert boundary_warnings(history, category_id=99, today=TODAY) == []


def test_deciding_otherwise_than_proposed_needs_an_explanation():
    assert needs_explanation(proposed=Outcome.REFERRED, chosen=Outcome.ACCEPTED)
    assert needs_explanation(proposed=Outcome.ACCEPTED, chosen=Outcome.REJECTED)
    assert not needs_explanation(proposed=Outcome.REFERRED, chosen=Outcome.REFERRED)
    assert not needs_explanation(proposed=Outcome.REJECTED, chosen=None)  # decide later
