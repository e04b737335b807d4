"""Demo matching history: who was asked, who said yes or no, reports, mismatches, signals.

Built on the demo requests and volunteers: every request that reached "volunteer found" gets
the invitations and matches it would have had, so that the ranking's reasons show real
history. The demo volunteer login gets an invitation to answer and a task to come.
Deterministic (ctx.rng) and idempotent (skips a village that has invitations already).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from accounts.logbook import log_entry
from hulpvragen.lifecycle import Status, can_triage
from hulpvragen.models import HelpRequest, StatusChange
from vrijwilligers.availability import VolunteerStatus
from vrijwilligers.models import Volunteer

from .models import Assignment, Invitation, LogEntry, Signal, TaskReport

WORRIES = [
    "Mevrouw zit veel alleen en vertelde dat ze de hele week niemand spreekt.",
    "De post stapelt zich op en de koelkast was zo goed als leeg.",
    "Meneer vergeet steeds vaker afspraken; zijn dochter woont ver weg.",
    "De tuin is een wildernis geworden en het pad is glad van het mos.",
    "Ze maakt zich zorgen over een brief van de belastingdienst die ze niet begrijpt.",
]
MAX_SIGNALS = 15
REMARKS = ["", "", "", "Fijne man, we hebben veel gepraat.", "Moest lang wachten.", ""]


def _matched_at(request_ids) -> dict[int, object]:
    return dict(
        StatusChange.objects.filter(help_request_id__in=request_ids, kind=Status.MATCHED)
        .order_by("at")
        .values_list("help_request_id", "at")
    )


def build(ctx) -> None:
    for village in ctx.villages.values():
        if Invitation.objects.filter(village=village).exists():
            continue
        _build_village(ctx, village)


def _build_village(ctx, village) -> None:
    rng = ctx.rng
    volunteers = list(
        Volunteer.objects.filter(village=village, status=VolunteerStatus.ACTIVE)
        .prefetch_related("categories")
        .order_by("pk")
    )
    if not volunteers:
        return
    by_category: dict[int, list[Volunteer]] = {}
    for volunteer in volunteers:
        for category in volunteer.categories.all():
            by_category.setdefault(category.pk, []).append(volunteer)
    requests = list(
        HelpRequest.objects.filter(village=village).select_related("category").order_by("pk")
    )
    matched_at = _matched_at([r.pk for r in requests])
    signals_made = 0
    pairs: set[tuple[int, int]] = set()  # (volunteer, resident) who did a task together
    for request in requests:
        when = matched_at.get(request.pk)
        pool = by_category.get(request.category_id) or volunteers
        # Only people who had signed up by then (the demo goes back two years).
        asked_on = timezone.localdate(request.created_at)
        pool = [v for v in pool if v.registered_on <= asked_on] or pool
        if when is None:
            if request.status == Status.SEARCHING and rng.random() < 0.7:
                for volunteer in rng.sample(pool, min(2, len(pool))):
                    _invite(request, volunteer, request.created_at + timedelta(hours=2))
            continue
        chosen = rng.sample(pool, min(len(pool), request.volunteers_needed + rng.randint(0, 2)))
        takers, others = chosen[: request.volunteers_needed], chosen[request.volunteers_needed :]
        if request.status == Status.DONE:
            takers = _new_pairs(takers, pool, request.resident_id, pairs, exclude=others)
        asked_at = when - timedelta(hours=rng.randint(3, 30))
        for volunteer in others:
            invitation = _invite(
                request,
                volunteer,
                asked_at,
                status=Invitation.Status.DECLINED,
                answered_at=asked_at + timedelta(hours=2),
            )
            _log(request, volunteer, LogEntry.Kind.DECLINED, invitation.answered_at)
        for volunteer in takers:
            invitation = _invite(
                request, volunteer, asked_at, status=Invitation.Status.ACCEPTED, answered_at=when
            )
            assignment = Assignment.objects.create(
                village=village,
                help_request=request,
                volunteer=volunteer,
                resident_id=request.resident_id,
                task_date=request.needed_on,
                invitation=invitation,
                accepted_at=when,
            )
            _log(request, volunteer, LogEntry.Kind.ACCEPTED, when)
            if request.status in (Status.DONE, Status.CLOSED, Status.ACTIVE, Status.ENDED):
                pairs.add((volunteer.pk, request.resident_id))
                worry = ""
                # About five worries a year, spread over the years of the demo.
                if signals_made < MAX_SIGNALS and rng.random() < 0.08:
                    worry = WORRIES[signals_made % len(WORRIES)]
                    signals_made += 1
                _report(rng, request, assignment, worry)
    last_asked = (
        Invitation.objects.filter(village=village)
        .values("volunteer_id")
        .annotate(last=Max("asked_at"))
    )
    for row in last_asked:
        Volunteer.objects.filter(pk=row["volunteer_id"]).update(
            last_asked_on=timezone.localdate(row["last"])
        )
    _pass_on_some_signals(ctx, village)
    _demo_volunteer_tasks(ctx, village, requests)
    _flush_log()


def _new_pairs(takers, pool, resident_id, pairs, *, exclude) -> list:
    """A request that is done but not yet closed waits for its follow-up call, which is only
    made to a new pair: whoever the draw made a taker but already helped this resident gives
    way to the first volunteer of the pool who has not (no draw, so the rest of the demo stays
    as it is). Whatever the order rows come back in, the board then has a follow-up call."""
    taken = {v.pk for v in takers} | {v.pk for v in exclude}
    result = []
    for volunteer in takers:
        if (volunteer.pk, resident_id) in pairs:
            volunteer = next(
                (v for v in pool if v.pk not in taken and (v.pk, resident_id) not in pairs),
                volunteer,
            )
            taken.add(volunteer.pk)
        result.append(volunteer)
    return result


def _invite(request, volunteer, at, **answer) -> Invitation:
    invitation = Invitation.objects.create(
        village_id=request.village_id,
        help_request=request,
        volunteer=volunteer,
        channel=Invitation.Channel.EMAIL if volunteer.email else Invitation.Channel.PHONE,
        asked_by=request.assigned_to,
        asked_at=at,
        **answer,
    )
    _log(request, volunteer, LogEntry.Kind.INVITED, at)
    return invitation


# Logbook lines are written in one go per village (thousands of rows; nothing reads them
# while the demo is built).
_pending_log: list[LogEntry] = []


def _flush_log() -> None:
    LogEntry.objects.bulk_create(_pending_log, batch_size=500)
    _pending_log.clear()


def _log(request, volunteer, kind, at, text=""):
    _pending_log.append(
        log_entry(
            LogEntry,
            help_request=request,
            resident_id=request.resident_id,
            volunteer=volunteer,
            kind=kind,
            by=request.assigned_to,
            at=at,
            text=text,
        )
    )


def _report(rng, request, assignment, worry):
    when = assignment.accepted_at + timedelta(days=rng.randint(1, 8))
    how = rng.choices(
        [TaskReport.HowItWent.GOOD, TaskReport.HowItWent.SO_SO, TaskReport.HowItWent.NOT_GOOD],
        [16, 3, 1],
    )[0]
    km = None
    if request.category.is_transport and request.distance_km:
        km = Decimal(request.distance_km) * (2 if request.return_trip else 1)
    TaskReport.objects.create(
        assignment=assignment,
        outcome=TaskReport.Outcome.DONE,
        minutes_spent=rng.choice([45, 60, 90, 120, 150, 180]),
        km_driven=km,
        how_it_went=how,
        remark=rng.choice(REMARKS),
        reported_at=when,
    )
    Assignment.objects.filter(pk=assignment.pk).update(status=Assignment.Status.DONE)
    _log(request, assignment.volunteer, LogEntry.Kind.REPORTED, when, how.label)
    if how == TaskReport.HowItWent.NOT_GOOD:
        Assignment.objects.filter(pk=assignment.pk).update(
            is_mismatch=True, mismatch_note="Het klikte niet; beter iemand anders vragen."
        )
        _log(request, assignment.volunteer, LogEntry.Kind.MISMATCH, when)
    if worry:
        Signal.objects.create(
            village_id=request.village_id,
            resident_id=request.resident_id,
            help_request=request,
            reported_by_volunteer=assignment.volunteer,
            description=worry,
            created_at=when,
        )
        _log(request, assignment.volunteer, LogEntry.Kind.SIGNAL, when, worry)


def _pass_on_some_signals(ctx, village):
    from sociale_kaart.models import Organisation

    organisations = list(Organisation.objects.for_village(village).order_by("pk"))
    if not organisations:
        return
    signals = list(Signal.objects.filter(village=village).order_by("created_at"))
    # The most recent one stays open, so that the board has something to pick up.
    for signal in signals[:-1]:
        organisation = ctx.rng.choice(organisations)
        Signal.objects.filter(pk=signal.pk).update(
            status=Signal.Status.PASSED_ON,
            passed_to=organisation,
            resident_consent=Signal.Consent.YES,
            passed_on_at=signal.created_at + timedelta(days=1),
            passed_on_note="Telefonisch doorgegeven, inwoner was akkoord.",
        )


def _demo_volunteer_tasks(ctx, village, requests):
    """Give the demo volunteer login something to see on their phone."""
    user = ctx.users.get("vrijwilliger@warffum.example")
    volunteer = Volunteer.objects.filter(user=user, village=village).first() if user else None
    if volunteer is None:
        return
    today = ctx.today
    searching = sorted(
        (r for r in requests if r.status == Status.SEARCHING),
        key=lambda r: (r.needed_on is None or r.needed_on < today, -r.pk),
    )
    if not searching:
        # Nothing is being looked for right now: accept the newest request in triage.
        from hulpvragen.services import help_request_transition

        waiting = [r for r in requests if can_triage(r.status)]
        if waiting:
            request = max(waiting, key=lambda r: r.created_at)
            help_request_transition(help_request=request, to=Status.SEARCHING, by=None)
            searching = [request]
    already = set(
        Invitation.objects.filter(volunteer=volunteer).values_list("help_request_id", flat=True)
    )
    for request in [r for r in searching if r.pk not in already][:1]:
        _invite(request, volunteer, request.created_at + timedelta(hours=1))
    upcoming = [
        r for r in requests if r.status == Status.MATCHED and r.needed_on and r.needed_on >= today
    ]
    matched = [r for r in requests if r.status == Status.MATCHED]
    if not upcoming and matched:
        # Which requests are still to come depends on the day the demo is built (and on the
        # hour: after midnight in Amsterdam a task of "today" in UTC has passed). Move the
        # newest matched one to the day after tomorrow so the phone always shows a task.
        request = max(matched, key=lambda r: r.created_at)
        request.needed_on = today + timedelta(days=2)
        HelpRequest.objects.filter(pk=request.pk).update(needed_on=request.needed_on)
        upcoming = [request]
    for request in upcoming[:1]:
        Assignment.objects.filter(help_request=request).delete()
        invitation, _ = Invitation.objects.get_or_create(
            help_request=request,
            volunteer=volunteer,
            defaults={
                "village": village,
                "channel": Invitation.Channel.EMAIL,
                "asked_at": request.created_at,
            },
        )
        Invitation.objects.filter(pk=invitation.pk).update(status=Invitation.Status.ACCEPTED)
        Assignment.objects.create(
            village=village,
            help_request=request,
            volunteer=volunteer,
            resident_id=request.resident_id,
            task_date=request.needed_on,
            invitation=invitation,
        )
