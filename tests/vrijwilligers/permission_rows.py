"""Permission rows for the volunteer registry (see tests/permission_rows.py).

A volunteer reaches only their own record (absences, availability): another volunteer's
record is a 404, as is everything of another village. A paused volunteer keeps their own
pages; a stopped one has no login any more (the login page, like any visitor).
"""

from tests.permission_rows import NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, ROLES, Row, only
from vrijwilligers.confirmation import confirmation_token

from .factories import AbsenceFactory, VolunteerFactory

COORDINATORS_OK = only({"coordinator": OK, "other_coordinator": OK})
COORDINATOR_OK = only({"coordinator": OK})
COORDINATOR_POST = only({"coordinator": REDIRECT})
OWN_OK = only({"coordinator": OK, "volunteer": OK})
OWN_POST = only({"coordinator": REDIRECT, "volunteer": REDIRECT})
VOLUNTEER_OK = only({"volunteer": OK, "paused_volunteer": OK})
PUBLIC_OK = dict.fromkeys(ROLES, OK)


def other(w):
    """Another volunteer of the same village."""
    return {"pk": VolunteerFactory(village=w.village).pk}


def signed_up(w):
    return {"pk": VolunteerFactory(village=w.village, status="signed_up").pk}


def own(w):
    return {"pk": w.users["volunteer"].volunteer_record.pk}


def own_of(role):
    def kwargs(w):
        return {"pk": w.users[role].volunteer_record.pk}

    return kwargs


def own_absence(w):
    volunteer = w.users["volunteer"].volunteer_record
    return {"pk": volunteer.pk, "absence_pk": AbsenceFactory(volunteer=volunteer).pk}


def other_absence(w):
    absence = AbsenceFactory(volunteer=VolunteerFactory(village=w.village))
    return {"pk": absence.volunteer_id, "absence_pk": absence.pk}


def token(w):
    from django.utils import timezone

    from vrijwilligers.models import ConfirmationRequest, ConfirmationRound

    volunteer = VolunteerFactory(village=w.village)
    round_ = ConfirmationRound.objects.create(
        village=w.village, year=2026, started_on=timezone.localdate()
    )
    request = ConfirmationRequest.objects.create(
        village=w.village,
        round=round_,
        volunteer=volunteer,
        method="email",
        created_on=timezone.localdate(),
    )
    return {"token": confirmation_token(request)}


ROWS = [
    Row("vrijwilligers:registry", COORDINATORS_OK),
    Row("vrijwilligers:create", COORDINATORS_OK),
    Row("vrijwilligers:detail", COORDINATOR_OK, kwargs=other),
    Row("vrijwilligers:detail", COORDINATOR_OK, kwargs=own, id="detail-own-record"),
    Row("vrijwilligers:edit", COORDINATOR_OK, kwargs=other),
    Row("vrijwilligers:pause", COORDINATOR_POST, kwargs=other, method="post"),
    Row("vrijwilligers:pause", COORDINATOR_OK, kwargs=other, id="pause-asks-first"),
    Row("vrijwilligers:stop", COORDINATOR_OK, kwargs=other, id="stop-asks-first"),
    Row("vrijwilligers:resume", COORDINATOR_POST, kwargs=other, method="post"),
    Row(
        "vrijwilligers:stop",
        COORDINATOR_POST,
        kwargs=other,
        method="post",
        data={"on": "2026-01-05", "reason": "moved"},
    ),
    Row("vrijwilligers:activate", COORDINATOR_POST, kwargs=signed_up, method="post"),
    Row("vrijwilligers:confirmed_by_phone", COORDINATOR_POST, kwargs=other, method="post"),
    Row("vrijwilligers:confirmation_round", COORDINATORS_OK),
    Row(
        "vrijwilligers:confirmation_round_start",
        only({"coordinator": REDIRECT, "other_coordinator": REDIRECT}),
        method="post",
    ),
    Row("vrijwilligers:absences", OWN_OK, kwargs=own),
    Row("vrijwilligers:absences", COORDINATOR_OK, kwargs=other, id="absences-of-another"),
    Row("vrijwilligers:absence_delete", OWN_POST, kwargs=own_absence, method="post"),
    Row(
        "vrijwilligers:absence_delete",
        COORDINATOR_POST,
        kwargs=other_absence,
        method="post",
        id="absence_delete-of-another",
    ),
    Row("vrijwilligers:availability", OWN_OK, kwargs=own),
    Row(
        "vrijwilligers:availability",
        COORDINATOR_OK,
        kwargs=other,
        id="availability-of-another",
    ),
    Row("vrijwilligers:my_details", VOLUNTEER_OK),
    Row("vrijwilligers:my_details_edit", VOLUNTEER_OK),
    Row("vrijwilligers:my_boundaries", VOLUNTEER_OK),
    Row("vrijwilligers:become_volunteer", PUBLIC_OK),
    Row(
        "vrijwilligers:my_calendar_renew",
        only({"volunteer": REDIRECT, "paused_volunteer": REDIRECT}),
        method="post",
    ),
    Row(
        "vrijwilligers:my_confirm",
        only({"volunteer": REDIRECT, "paused_volunteer": REDIRECT}),
        method="post",
    ),
    # A paused volunteer still keeps their own absences and availability up to date.
    Row(
        "vrijwilligers:absences",
        only({"coordinator": OK, "paused_volunteer": OK}),
        kwargs=own_of("paused_volunteer"),
        id="absences-own-while-paused",
    ),
    Row(
        "vrijwilligers:availability",
        only({"coordinator": OK, "paused_volunteer": OK}),
        kwargs=own_of("paused_volunteer"),
        id="availability-own-while-paused",
    ),
    # A stopped volunteer's own record: only the desk (their login is switched off).
    Row(
        "vrijwilligers:absences",
        COORDINATOR_OK,
        kwargs=own_of("stopped_volunteer"),
        id="absences-own-after-stopping",
    ),
    Row(
        "vrijwilligers:availability",
        COORDINATOR_OK,
        kwargs=own_of("stopped_volunteer"),
        id="availability-own-after-stopping",
    ),
    Row("vrijwilligers:signup", PUBLIC_OK, kwargs=lambda w: {"village_slug": w.village.slug}),
    Row(
        "vrijwilligers:signup",
        dict.fromkeys(ROLES, NOT_FOUND),
        kwargs=lambda w: {"village_slug": "bestaat-niet"},
        id="signup-unknown-village",
    ),
    Row(
        "vrijwilligers:signup_thanks",
        PUBLIC_OK,
        kwargs=lambda w: {"village_slug": w.village.slug},
    ),
    Row("vrijwilligers:confirm_token", PUBLIC_OK, kwargs=token),
    Row(
        "vrijwilligers:confirm_token",
        dict.fromkeys(ROLES, NOT_FOUND),
        kwargs=lambda w: {"token": "vervalst:token"},
        id="confirm_token-forged",
    ),
]


# --- helping a neighbouring village -------------------------------------------------------


def _shared(w):
    """A volunteer of this village who also helps the other village."""
    from hulpvragen.models import HelpCategory
    from vrijwilligers.services import volunteer_share_start

    volunteer = VolunteerFactory(village=w.village)
    kind = HelpCategory.objects.order_by("pk").first()
    volunteer.categories.set([kind])
    return volunteer_share_start(
        volunteer=volunteer, helps_in=w.other_village, categories=[kind], by=None
    )


def share_end_kwargs(w):
    share = _shared(w)
    return {"pk": share.volunteer_id, "share_pk": share.pk}


ROWS += [
    Row("vrijwilligers:share_add", COORDINATOR_OK, kwargs=other),
    Row(
        "vrijwilligers:share_add",
        COORDINATOR_OK,  # the form again, with what is missing
        kwargs=other,
        method="post",
        data={"helps_in": "", "categories": []},
        id="share_add-post-invalid",
    ),
    Row("vrijwilligers:share_end", COORDINATOR_POST, kwargs=share_end_kwargs, method="post"),
    Row(
        "vrijwilligers:share_end",
        only({}, default=NOT_ALLOWED),
        kwargs=share_end_kwargs,
        id="share_end-get",
    ),
    # The other village's coordinator sees the shared volunteer's limited page; their own
    # village's coordinator has the registry page instead (404 here).
    Row(
        "vrijwilligers:shared_detail",
        only({"other_coordinator": OK}),
        kwargs=lambda w: {"pk": _shared(w).volunteer_id},
    ),
    Row(
        "vrijwilligers:shared_detail",
        only({}),
        kwargs=other,
        id="shared_detail-not-shared",
    ),
]
