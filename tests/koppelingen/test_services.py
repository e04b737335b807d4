import threading
from datetime import time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from hulpvragen.lifecycle import Status
from koppelingen import services
from koppelingen.models import Assignment, Invitation, LogEntry, Signal
from koppelingen.selectors import candidate_facts, ranked_candidates
from tests.sociale_kaart.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_asking_creates_invitations_logs_and_mails_a_link(
    ride, make_volunteer, coordinator, django_capture_on_commit_callbacks
):
    jan = make_volunteer(first_name="Jan")
    piet = make_volunteer(first_name="Piet", email="", contact_channel="call")
    with django_capture_on_commit_callbacks(execute=True):
        invitations = services.invitations_send(
            help_request=ride, volunteers=[jan, piet], by=coordinator
        )
    assert [i.channel for i in invitations] == ["email", "phone"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [jan.email]
    assert "/koppelen/taak/" in mail.outbox[0].body
    assert "Aaltje" in mail.outbox[0].body and "Hoofdstraat" in mail.outbox[0].body
    assert " 7" not in mail.outbox[0].body.split("Hoofdstraat", 1)[1][:3]  # no house number
    jan.refresh_from_db()
    assert jan.last_asked_on == timezone.localdate()
    assert LogEntry.objects.filter(kind=LogEntry.Kind.INVITED).count() == 2


def test_asking_twice_asks_nobody_twice(ride, make_volunteer, coordinator):
    jan = make_volunteer()
    services.invitations_send(help_request=ride, volunteers=[jan], by=coordinator)
    assert services.invitations_send(help_request=ride, volunteers=[jan], by=coordinator) == []
    assert Invitation.objects.count() == 1


def test_a_request_still_in_triage_cannot_be_offered(ride, make_volunteer, coordinator):
    ride.status = Status.TRIAGE
    ride.save()
    with pytest.raises(ValidationError):
        services.invitations_send(help_request=ride, volunteers=[make_volunteer()], by=coordinator)


def test_accepting_matches_and_moves_the_request_to_matched(ride, make_volunteer, coordinator):
    jan = make_volunteer()
    (invitation,) = services.invitations_send(help_request=ride, volunteers=[jan], by=coordinator)
    assert services.invitation_accept(invitation=invitation) is services.AcceptResult.ACCEPTED
    ride.refresh_from_db()
    assert ride.status == Status.MATCHED
    assignment = Assignment.objects.get()
    assert (assignment.volunteer, assignment.resident, assignment.task_date) == (
        jan,
        ride.resident,
        ride.needed_on,
    )
    assert services.invitation_accept(invitation=invitation) is (
        services.AcceptResult.ALREADY_ACCEPTED
    )
    assert Assignment.objects.count() == 1


def test_second_volunteer_is_too_late_for_a_one_volunteer_task(ride, make_volunteer, coordinator):
    first, second = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer(), make_volunteer()], by=coordinator
    )
    services.invitation_accept(invitation=first)
    assert services.invitation_accept(invitation=second) is services.AcceptResult.TOO_LATE
    second.refresh_from_db()
    assert second.status == Invitation.Status.TOO_LATE
    assert Assignment.objects.count() == 1


def test_a_job_for_two_takes_two(ride, make_volunteer, coordinator):
    ride.volunteers_needed = 2
    ride.save()
    invitations = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer() for _ in range(3)], by=coordinator
    )
    results = [services.invitation_accept(invitation=i) for i in invitations]
    assert results == [
        services.AcceptResult.ACCEPTED,
        services.AcceptResult.ACCEPTED,
        services.AcceptResult.TOO_LATE,
    ]
    ride.refresh_from_db()
    assert ride.status == Status.MATCHED


def test_declining_needs_no_reason_and_is_logged(ride, make_volunteer, coordinator):
    (invitation,) = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer()], by=coordinator
    )
    assert services.invitation_decline(invitation=invitation)
    assert not services.invitation_decline(invitation=invitation)
    assert invitation.status == Invitation.Status.DECLINED
    assert LogEntry.objects.filter(kind=LogEntry.Kind.DECLINED).count() == 1


def accepted(ride, volunteer, coordinator):
    (invitation,) = services.invitations_send(
        help_request=ride, volunteers=[volunteer], by=coordinator
    )
    # A task in the past was accepted the day before it (its time has passed by now).
    now = timezone.now()
    if ride.needed_on and ride.needed_on < timezone.localdate():
        now -= timedelta(days=(timezone.localdate() - ride.needed_on).days + 1)
    services.invitation_accept(invitation=invitation, now=now)
    return Assignment.objects.get(invitation=invitation)


def test_reporting_done_moves_the_request_to_done(ride, make_volunteer, coordinator):
    assignment = accepted(ride, make_volunteer(), coordinator)
    services.task_report_submit(
        assignment=assignment, outcome="done", km_driven=52, how_it_went="good", minutes_spent=150
    )
    ride.refresh_from_db()
    assignment.refresh_from_db()
    assert ride.status == Status.DONE
    assert assignment.status == Assignment.Status.DONE
    assert assignment.report.km_driven == 52
    with pytest.raises(ValidationError):
        services.task_report_submit(assignment=assignment, outcome="done", how_it_went="good")


def test_a_worry_in_the_report_becomes_an_open_signal(ride, make_volunteer, coordinator):
    volunteer = make_volunteer()
    assignment = accepted(ride, volunteer, coordinator)
    services.task_report_submit(
        assignment=assignment,
        outcome="done",
        how_it_went="so_so",
        worry="Mevrouw eet slecht en de post stapelt zich op.",
    )
    signal = Signal.objects.get()
    assert signal.status == Signal.Status.OPEN
    assert (signal.resident, signal.reported_by_volunteer) == (ride.resident, volunteer)


def test_passing_a_signal_on_records_to_whom_and_consent(ride, coordinator, village, other_village):
    signal = services.signal_create(resident=ride.resident, description="Vereenzaamt")
    welzijn = OrganisationFactory(name="Welzijn Het Hogeland", villages=[village])
    elsewhere = OrganisationFactory(name="Elders", villages=[other_village])
    with pytest.raises(ValidationError):
        services.signal_pass_on(
            signal=signal, organisation=elsewhere, consent="yes", note="", by=coordinator
        )
    services.signal_pass_on(
        signal=signal, organisation=welzijn, consent="yes", note="Gebeld met Anke", by=coordinator
    )
    signal.refresh_from_db()
    assert (signal.status, signal.passed_to, signal.resident_consent) == (
        Signal.Status.PASSED_ON,
        welzijn,
        "yes",
    )
    assert signal.passed_on_by == coordinator


def test_the_ranking_remembers_a_mismatch_and_a_good_pair(ride, make_volunteer, coordinator):
    good, bad, other = make_volunteer(), make_volunteer(), make_volunteer()
    for volunteer, how in ((good, "good"), (bad, "good")):
        earlier = ride.__class__.objects.get(pk=ride.pk)
        earlier.pk = None
        earlier.status = Status.SEARCHING
        earlier.needed_on = timezone.localdate() - timedelta(days=120)
        earlier.save()
        assignment = accepted(earlier, volunteer, coordinator)
        services.task_report_submit(assignment=assignment, outcome="done", how_it_went=how)
    services.assignment_mark_mismatch(
        assignment=Assignment.objects.get(volunteer=bad),
        note="Botste",
        do_not_pair_again=False,
        by=coordinator,
    )
    eligible, _ = ranked_candidates(ride, today=timezone.localdate())
    order = [c.facts.volunteer_id for c in eligible]
    assert order.index(good.pk) < order.index(other.pk) < order.index(bad.pk)


def test_do_not_pair_again_excludes(ride, make_volunteer, coordinator):
    volunteer = make_volunteer()
    earlier = ride.__class__.objects.get(pk=ride.pk)
    earlier.pk = None
    earlier.save()
    assignment = accepted(earlier, volunteer, coordinator)
    services.assignment_mark_mismatch(
        assignment=assignment, note="Nooit meer", by=coordinator, do_not_pair_again=True
    )
    eligible, excluded = ranked_candidates(ride, today=timezone.localdate())
    assert volunteer.pk in [c.facts.volunteer_id for c in excluded]


def test_candidate_facts_take_a_fixed_number_of_queries(
    ride, make_volunteer, django_assert_max_num_queries
):
    for _ in range(3):
        make_volunteer()
    with django_assert_max_num_queries(8):
        few = candidate_facts(ride, today=timezone.localdate())
    for _ in range(25):
        make_volunteer()
    with django_assert_max_num_queries(8):
        many = candidate_facts(ride, today=timezone.localdate())
    assert (len(few), len(many)) == (3, 28)


def test_paused_and_absent_volunteers_are_excluded_with_the_reason(ride, make_volunteer):
    from vrijwilligers.models import Absence

    away = make_volunteer(first_name="Weg")
    Absence.objects.create(
        village=away.village,
        volunteer=away,
        starts_on=ride.needed_on,
        ends_on=ride.needed_on + timedelta(days=5),
    )
    paused = make_volunteer(first_name="Pauze", status="paused")
    eligible, excluded = ranked_candidates(ride, today=timezone.localdate())
    reasons = {c.facts.volunteer_id: c.excluded_because for c in excluded}
    assert reasons[away.pk][0].startswith("Weg tot")
    assert reasons[paused.pk] == ["Gepauzeerd"]
    assert eligible == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_volunteers_tapping_at_once_give_exactly_one_match(ride, make_volunteer, coordinator):
    invitations = services.invitations_send(
        help_request=ride, volunteers=[make_volunteer(), make_volunteer()], by=coordinator
    )
    barrier = threading.Barrier(2)
    results = []

    def tap(invitation):
        try:
            barrier.wait()
            results.append(services.invitation_accept(invitation=invitation))
        finally:
            connection.close()

    threads = [threading.Thread(target=tap, args=(i,)) for i in invitations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.value for r in results) == ["accepted", "too_late"]
    assert Assignment.objects.filter(help_request=ride).count() == 1
    ride.refresh_from_db()
    assert ride.status == Status.MATCHED


def test_the_demo_volunteer_has_an_invitation_to_answer_and_a_task_to_come():
    from io import StringIO

    from django.core.management import call_command

    call_command("demo_data", "--quiet-logins", stdout=StringIO())
    mine = Invitation.objects.filter(volunteer__user__email="vrijwilliger@warffum.example")
    assert mine.filter(status=Invitation.Status.PENDING).exists()
    assert Assignment.objects.filter(
        volunteer__user__email="vrijwilliger@warffum.example",
        status=Assignment.Status.ACTIVE,
        task_date__gte=timezone.localdate(),
    ).exists()


def test_only_the_requests_own_daypart_counts_whatever_the_others_offer(ride, make_volunteer):
    """A ride in the afternoon: a volunteer free only in the morning of that day is excluded,
    also when the slots read last (in the same query) are someone's mornings."""
    from vrijwilligers.models import AvailabilitySlot

    ride.time_from = time(14, 0)
    ride.save(update_fields=["time_from"])
    weekday = ride.needed_on.weekday()
    afternoon = make_volunteer(first_name="Middag", every_day=False)
    AvailabilitySlot.objects.create(volunteer=afternoon, weekday=weekday, daypart="afternoon")
    morning = make_volunteer(first_name="Ochtend", every_day=False)
    AvailabilitySlot.objects.create(volunteer=morning, weekday=weekday, daypart="morning")
    facts = {f.volunteer_id: f for f in candidate_facts(ride, today=timezone.localdate())}
    assert facts[afternoon.pk].available
    assert not facts[morning.pk].available
    assert facts[morning.pk].unavailable_reason == "Niet beschikbaar op die dag of dat dagdeel"
