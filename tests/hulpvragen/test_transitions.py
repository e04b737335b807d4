"""The transition service: every allowed move is applied and logged; every refused move
changes nothing; and the rules around a move (reasons, referrals, two coordinators at once)."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from hulpvragen.lifecycle import Status, can_transition
from hulpvragen.models import HelpRequest, ReasonCode, StatusChange
from hulpvragen.services import TransitionRefused, help_request_transition
from hulpvragen.triage import Outcome

from .factories import HelpRequestFactory, ResidentFactory, an_organisation

pytestmark = pytest.mark.django_db

PAIRS = list(itertools.product(Status.values, repeat=2))


def make(village, status, recurring=False):
    return HelpRequestFactory(
        resident=ResidentFactory(village=village), status=status, is_recurring=recurring
    )


def extras_for(target, village):
    if target in (Status.REJECTED, Status.CANCELLED):
        return {"reason": ReasonCode.objects.filter(applies_to=target).first()}
    if target == Status.REFERRED:
        return {
            "referral_note": "Gegevens en vraag doorgegeven aan het Wmo-loket",
            "referred_to": an_organisation(village, name="Wmo-loket Het Hogeland"),
        }
    return {}


@pytest.mark.parametrize("recurring", [False, True], ids=["one-off", "recurring"])
def test_the_service_makes_every_allowed_move_and_logs_it(village, coordinator, recurring):
    moves = [pair for pair in PAIRS if can_transition(*pair, recurring=recurring)]
    assert moves  # the table is walked against the rules in test_lifecycle
    for source, target in moves:
        request = make(village, source, recurring)
        help_request_transition(
            help_request=request,
            to=target,
            by=coordinator,
            note="ok",
            **extras_for(target, village),
        )
        request.refresh_from_db()
        change = request.status_changes.latest("pk")
        assert (request.status, change.from_status, change.kind, change.by) == (
            target,
            source,
            target,
            coordinator,
        ), (source, target)


@pytest.mark.parametrize("recurring", [False, True], ids=["one-off", "recurring"])
def test_the_service_refuses_every_other_move_and_changes_nothing(village, coordinator, recurring):
    requests = {source: make(village, source, recurring) for source in Status.values}
    logged = StatusChange.objects.count()
    for source, target in PAIRS:
        if can_transition(source, target, recurring=recurring):
            continue
        with pytest.raises(TransitionRefused) as exc:
            help_request_transition(
                help_request=requests[source],
                to=target,
                by=coordinator,
                **extras_for(target, village),
            )
        assert "kan niet naar" in exc.value.messages[0], (source, target)
    statuses = {source: HelpRequest.objects.get(pk=r.pk).status for source, r in requests.items()}
    assert statuses == {source: source for source in Status.values}
    assert StatusChange.objects.count() == logged


def test_rejecting_needs_a_reason_and_changes_nothing_without_one(village, coordinator):
    request = make(village, Status.TRIAGE)
    with pytest.raises(ValidationError) as exc:
        help_request_transition(help_request=request, to=Status.REJECTED, by=coordinator)
    assert "Kies een reden" in str(exc.value)
    request.refresh_from_db()
    assert request.status == Status.TRIAGE


def test_a_reason_of_the_wrong_kind_is_refused(village, coordinator):
    request = make(village, Status.TRIAGE)
    wrong = ReasonCode.objects.get(code="geen_vrijwilliger")  # a cancellation reason
    with pytest.raises(ValidationError):
        help_request_transition(
            help_request=request, to=Status.REJECTED, by=coordinator, reason=wrong
        )


def test_referring_needs_what_was_passed_on(village, coordinator):
    request = make(village, Status.TRIAGE)
    with pytest.raises(ValidationError) as exc:
        help_request_transition(help_request=request, to=Status.REFERRED, by=coordinator)
    assert exc.value.messages
    request.refresh_from_db()
    assert request.status == Status.TRIAGE


def test_rejection_records_outcome_reason_and_note(village, coordinator):
    request = make(village, Status.TRIAGE)
    reason = ReasonCode.objects.get(code="te_groot")
    help_request_transition(
        help_request=request,
        to=Status.REJECTED,
        by=coordinator,
        reason=reason,
        note="Hele tuin, gras een meter hoog",
    )
    request.refresh_from_db()
    assert (request.outcome, request.reason, request.outcome_note) == (
        Outcome.REJECTED,
        reason,
        "Hele tuin, gras een meter hoog",
    )


def test_a_stale_copy_cannot_move_a_request_twice(village, coordinator):
    request = make(village, Status.MATCHED)
    stale = HelpRequest.objects.get(pk=request.pk)
    help_request_transition(help_request=request, to=Status.DONE, by=coordinator)
    # The stale copy still says "matched"; the service reads the locked row, not the copy.
    with pytest.raises(TransitionRefused):
        help_request_transition(help_request=stale, to=Status.DONE, by=coordinator)
    assert StatusChange.objects.filter(help_request=request, kind=Status.DONE).count() == 1


def test_referral_records_organisation_what_was_passed_on_and_when(village, coordinator):
    request = make(village, Status.TRIAGE)
    wmo = an_organisation(village, name="Wmo-loket")
    help_request_transition(
        help_request=request,
        to=Status.REFERRED,
        by=coordinator,
        referred_to=wmo,
        referral_note="Vraag om huishoudelijke hulp doorgegeven",
    )
    request.refresh_from_db()
    assert request.referred_to == wmo
    assert request.referred_at is not None
    assert list(wmo.referred_requests.all()) == [request]


def test_referral_to_an_organisation_of_another_village_is_refused(
    village, other_village, coordinator
):
    request = make(village, Status.TRIAGE)
    elsewhere = an_organisation(other_village)
    with pytest.raises(ValidationError):
        help_request_transition(
            help_request=request,
            to=Status.REFERRED,
            by=coordinator,
            referred_to=elsewhere,
            referral_note="x",
        )
    request.refresh_from_db()
    assert request.status == Status.TRIAGE


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_at_once_move_a_request_only_once(village, coordinator):
    import threading

    from django.db import connection

    from .factories import ensure_defaults

    ensure_defaults()
    request = make(village, Status.MATCHED)
    barrier = threading.Barrier(2)
    results = []

    def worker():
        try:
            copy = HelpRequest.objects.get(pk=request.pk)
            barrier.wait()
            help_request_transition(help_request=copy, to=Status.DONE, by=coordinator)
            results.append("ok")
        except TransitionRefused:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ok", "refused"]
    assert StatusChange.objects.filter(help_request=request, kind=Status.DONE).count() == 1
