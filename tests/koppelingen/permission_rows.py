"""Matching pages: coordinators of the village only; invitation links for their volunteer
(and for anyone holding the link without logging in), 404 for every other logged-in user;
the task's own address for its volunteer (and a browser that opened the link)."""

from datetime import timedelta

from django.utils import timezone

from hulpvragen.lifecycle import Status
from koppelingen import services
from koppelingen.models import Assignment
from meldingen.models import Todo
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory, category
from tests.permission_rows import NOT_FOUND, OK, REDIRECT, ROLES, Row, only
from vrijwilligers.models import Volunteer

from .factories import MatchableVolunteerFactory


def _follow_up_todo(village):
    return Todo.objects.create(
        village=village,
        kind=Todo.Kind.FOLLOW_UP,
        title="Bel mevrouw Dijkstra",
        due_on=timezone.localdate(),
        idempotency_key=f"test-follow-up:{village.pk}:{Todo.objects.count()}",
    )


def _request(village):
    return HelpRequestFactory(
        resident=ResidentFactory(village=village),
        category=category("vervoer"),
        needed_on=timezone.localdate() + timedelta(days=2),
        status=Status.SEARCHING,
    )


def _volunteer_of(world):
    user = world.users["volunteer"]
    return Volunteer.objects.filter(user=user).first() or MatchableVolunteerFactory(
        village=world.village, user=user, offers=[category("vervoer")]
    )


def _invitation(world, accept=False):
    (invitation,) = services.invitations_send(
        help_request=_request(world.village), volunteers=[_volunteer_of(world)], by=None
    )
    if accept:
        services.invitation_accept(invitation=invitation)
    return invitation


def _feed_token(world):
    from vrijwilligers.services import volunteer_calendar_renew

    _invitation(world, accept=True)
    return {"token": volunteer_calendar_renew(volunteer=_volunteer_of(world))}


def _token(world, accept=False):
    invitation = _invitation(world, accept)
    return {"token": services.invitation_link(invitation).rstrip("/").rsplit("/", 1)[1]}


def _assignment(world):
    return Assignment.objects.get(invitation=_invitation(world, accept=True))


def _signal(world):
    return services.signal_create(
        resident=ResidentFactory(village=world.village), description="Zorgen"
    )


def _paused_token(world):
    """A pending invitation of the paused volunteer (they may look, not accept)."""
    volunteer = world.users["paused_volunteer"].volunteer_record
    (invitation,) = services.invitations_send(
        help_request=_request(world.village), volunteers=[volunteer], by=None
    )
    return {"token": services.invitation_link(invitation).rstrip("/").rsplit("/", 1)[1]}


def _stopped_token(world, accepted=False):
    """An invitation of the stopped volunteer: withdrawn, or accepted before they stopped."""
    from koppelingen.models import Invitation

    volunteer = world.users["stopped_volunteer"].volunteer_record
    (invitation,) = services.invitations_send(
        help_request=_request(world.village), volunteers=[volunteer], by=None
    )
    if accepted:
        Invitation.objects.filter(pk=invitation.pk).update(status=Invitation.Status.ACCEPTED)
        Assignment.objects.create(
            village=world.village,
            help_request=invitation.help_request,
            volunteer=volunteer,
            resident=invitation.help_request.resident,
            task_date=invitation.help_request.needed_on,
            invitation=invitation,
        )
    else:
        services.invitations_withdraw_for_volunteer(volunteer=volunteer)
    return {"token": services.invitation_link(invitation).rstrip("/").rsplit("/", 1)[1]}


COORDINATOR_ONLY = only({"coordinator": OK})
GONE = 410
# The signed link opens a task session and redirects to the task's own address; logged in,
# only its own volunteer may open it.
LINK = only({"anonymous": REDIRECT, "volunteer": REDIRECT}, anonymous=REDIRECT)
# The task's own address: its volunteer, logged in; anyone else gets a 404, also a visitor
# whose browser has not opened the link (tests/koppelingen/test_task_links.py: with it).
TASK = only({"volunteer": OK}, anonymous=NOT_FOUND)
# A link whose task is no longer the volunteer's is dead at once.
DEAD = only({}, anonymous=GONE)


def _pk(world, accept=False):
    return {"pk": _invitation(world, accept).pk}


def _week_with_a_request(world):
    """A ride in the coming week, so that the planner has a resident to show."""
    _request(world.village)
    return {"action": "replan"}


ROWS = [
    # The week planner: every coordinator plans their own village's week.
    Row(
        "koppelingen:week_plan",
        only({"coordinator": OK, "other_coordinator": OK}),
        data=lambda w: _week_with_a_request(w) and {},
    ),
    Row(
        "koppelingen:week_plan",
        only({"coordinator": OK, "other_coordinator": OK}),
        method="post",
        data=_week_with_a_request,
        id="week-plan-again",
    ),
    Row(
        "koppelingen:candidates",
        COORDINATOR_ONLY,
        kwargs=lambda w: {"pk": _request(w.village).pk},
    ),
    Row(
        "koppelingen:candidates",
        # another village's request: only that village's coordinator
        only({"other_coordinator": OK}),
        kwargs=lambda w: {"pk": _request(w.other_village).pk},
        id="candidates-other-village",
    ),
    Row(
        "koppelingen:phone_answer",
        only({"coordinator": REDIRECT}),
        kwargs=lambda w: {"pk": _invitation(w).pk},
        method="post",
        data={"answer": "decline"},
    ),
    Row("koppelingen:mismatch", COORDINATOR_ONLY, kwargs=lambda w: {"pk": _assignment(w).pk}),
    # every coordinator sees their own village's list
    Row("koppelingen:signals", only({"coordinator": OK, "other_coordinator": OK})),
    Row("koppelingen:signal", COORDINATOR_ONLY, kwargs=lambda w: {"pk": _signal(w).pk}),
    Row(
        "koppelingen:pair_log",
        COORDINATOR_ONLY,
        kwargs=lambda w: {
            "volunteer_pk": _assignment(w).volunteer_id,
            "resident_pk": Assignment.objects.get().resident_id,
        },
    ),
    Row("koppelingen:invitation", LINK, kwargs=lambda w: _token(w)),
    Row(
        "koppelingen:invitation",
        only({}, anonymous=NOT_FOUND),
        kwargs=lambda w: {"token": "42:forged"},
        id="invitation-forged-link",
    ),
    Row("koppelingen:report", LINK, kwargs=lambda w: _token(w, accept=True)),
    Row("koppelingen:ics", LINK, kwargs=lambda w: _token(w, accept=True)),
    Row("koppelingen:task", TASK, kwargs=_pk),
    Row("koppelingen:task_report", TASK, kwargs=lambda w: _pk(w, accept=True)),
    Row(
        "koppelingen:task_report",
        only({}, anonymous=NOT_FOUND),
        kwargs=lambda w: _pk(w, accept=False),
        id="report-before-accepting",
    ),
    Row("koppelingen:task_ics", TASK, kwargs=lambda w: _pk(w, accept=True)),
    # The calendar feed: the secret address is the key, for whoever holds it; a renewed
    # (or made-up) address is gone.
    Row("koppelingen:feed", dict.fromkeys(ROLES, OK), kwargs=_feed_token),
    Row(
        "koppelingen:feed",
        dict.fromkeys(ROLES, GONE),
        kwargs=lambda w: {"token": "renewed-long-ago"},
        id="feed-renewed",
    ),
    # The paused volunteer opens their own invitation (logged in or not).
    Row(
        "koppelingen:invitation",
        only({"paused_volunteer": REDIRECT}, anonymous=REDIRECT),
        kwargs=_paused_token,
        id="invitation-of-a-paused-volunteer",
    ),
    # A stopped volunteer's links are dead (the page only thanks them).
    Row("koppelingen:invitation", DEAD, kwargs=_stopped_token, id="invitation-after-stopping"),
    Row(
        "koppelingen:invitation",
        DEAD,
        kwargs=lambda w: _stopped_token(w, accepted=True),
        id="invitation-accepted-before-stopping",
    ),
    Row(
        "koppelingen:report",
        DEAD,
        kwargs=lambda w: _stopped_token(w, accepted=True),
        id="report-after-stopping",
    ),
    Row(
        "koppelingen:ics",
        DEAD,
        kwargs=lambda w: _stopped_token(w, accepted=True),
        id="ics-after-stopping",
    ),
    # A follow-up call of the coordinator's own village (its match is gone here: the page
    # still opens and offers to tick it off); another village's is 404.
    Row(
        "koppelingen:follow_up",
        only({"coordinator": OK}),
        kwargs=lambda w: {"pk": _follow_up_todo(w.village).pk},
    ),
]
