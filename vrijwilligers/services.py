"""Writes to the volunteer registry.

Every service takes keyword-only arguments, runs in one transaction, validates with
`full_clean()` and leaves exactly one `VolunteerChange` for the change it made. E-mail goes
out after the commit (`transaction.on_commit`), except in the confirmation round, which claims
each request row before sending so that running it twice never sends twice.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.calendar import Weekday
from accounts.logbook import write_log
from accounts.models import Membership, User
from accounts.roles import Role
from accounts.security import end_sessions  # noqa: F401 - also used by tests through here
from accounts.templatetags.nl_format import format_nl_date
from meldingen.models import Notification
from meldingen.services import notification_schedule, send_soon

from .availability import Daypart, VolunteerStatus
from .channels import ContactChannel, default_channel, reach_volunteer
from .models import (
    Absence,
    AvailabilitySlot,
    ConfirmationRequest,
    ConfirmationRound,
    Volunteer,
    VolunteerChange,
    VolunteerVillage,
)

# Fields a coordinator edits on the volunteer form; the volunteer edits a subset.
DETAIL_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "contact_channel",
    "wants_week_letter",
    "street",
    "house_number",
    "postcode",
    "place",
    "birth_year",
    "max_km",
    "has_car",
    "car_fits_wheelchair",
    "car_fits_rollator",
    "boundaries",
    "monthly_cap",
    "vog_date",
    "registered_on",
    "coordinator_notes",
]

# Volunteers who confirmed this recently are not asked again in the yearly round.
RECENTLY_CONFIRMED_DAYS = 60


def _text(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        # With the year: the text is kept in the volunteer's history.
        return format_nl_date(value, "long")
    return str(value)


def _slots_text(slots: Iterable[tuple[int, str]]) -> str:
    return ", ".join(
        f"{Weekday(day).label} {Daypart(part).label}"
        for day, part in sorted(set(slots), key=lambda s: (s[0], list(Daypart.values).index(s[1])))
    )


def _set_slots(volunteer: Volunteer, slots: Iterable[tuple[int, str]]) -> None:
    wanted = {(int(day), str(part)) for day, part in slots}
    volunteer.availability_slots.all().delete()
    AvailabilitySlot.objects.bulk_create(
        [AvailabilitySlot(volunteer=volunteer, weekday=day, daypart=part) for day, part in wanted]
    )


def _with_channel(fields: dict) -> dict:
    """The fields, with today's behaviour as the preference when none is stated."""
    if fields.get("contact_channel"):
        return fields
    channel = default_channel(email=fields.get("email", ""), phone=fields.get("phone", ""))
    return {**fields, "contact_channel": channel}


def _coordinator_emails(village) -> list[str]:
    return sorted(
        set(
            Membership.objects.filter(
                village=village, role=Role.COORDINATOR, user__is_active=True
            ).values_list("user__email", flat=True)
        )
    )


@transaction.atomic
def volunteer_create(
    *,
    village,
    by,
    fields: dict,
    categories: Iterable = (),
    refused_categories: Iterable = (),
    slots: Iterable[tuple[int, str]] = (),
    status: str = VolunteerStatus.ACTIVE,
) -> Volunteer:
    """Add a volunteer the coordinator knows (e.g. after a phone call). Without a stated
    preference they are asked as their details allow (channels.default_channel)."""
    fields = _with_channel(fields)
    volunteer = Volunteer(village=village, status=status, **fields)
    volunteer.full_clean()
    volunteer.save()
    volunteer.categories.set(categories)
    volunteer.refused_categories.set(refused_categories)
    _set_slots(volunteer, slots)
    write_log(VolunteerChange, volunteer=volunteer, kind=VolunteerChange.Kind.CREATED, by=by)
    return volunteer


@transaction.atomic
def volunteer_update(
    *,
    volunteer: Volunteer,
    by,
    fields: dict | None = None,
    categories: Iterable | None = None,
    refused_categories: Iterable | None = None,
    slots: Iterable[tuple[int, str]] | None = None,
    by_volunteer: bool = False,
) -> VolunteerChange | None:
    """Change details, kinds of help and/or availability; one history line with the diff.

    Returns the history line, or None when nothing actually changed.
    """
    changes: dict[str, list[str]] = {}
    for name, value in (fields or {}).items():
        old = getattr(volunteer, name)
        setattr(volunteer, name, value)
        changes[name] = [_text(old), None]
    volunteer.full_clean()
    for name in list(changes):
        new = _text(getattr(volunteer, name))  # after normalising (phone, postcode)
        if new == changes[name][0]:
            del changes[name]
        else:
            changes[name][1] = new
    if changes:
        volunteer.save()
    for name, new_items in (("categories", categories), ("refused_categories", refused_categories)):
        if new_items is None:
            continue
        manager = getattr(volunteer, name)
        old_items = set(manager.all())
        new_items = set(new_items)
        if old_items != new_items:
            manager.set(new_items)
            changes[name] = [
                ", ".join(sorted(str(c) for c in old_items)),
                ", ".join(sorted(str(c) for c in new_items)),
            ]
    if slots is not None:
        old_slots = set(volunteer.weekly_slots)
        new_slots = {(int(day), str(part)) for day, part in slots}
        if old_slots != new_slots:
            _set_slots(volunteer, new_slots)
            changes["availability"] = [_slots_text(old_slots), _slots_text(new_slots)]
    if not changes:
        return None
    action = (
        VolunteerChange.Kind.AVAILABILITY
        if set(changes) == {"availability"}
        else VolunteerChange.Kind.UPDATED
    )
    return write_log(
        VolunteerChange,
        volunteer=volunteer,
        kind=action,
        by=by,
        changes=changes,
        by_volunteer=by_volunteer,
    )


@transaction.atomic
def absence_add(
    *,
    volunteer: Volunteer,
    by,
    starts_on: date,
    ends_on: date,
    note: str = "",
    by_volunteer: bool = False,
) -> Absence:
    """Record a period away ("weg van 3 t/m 17 augustus")."""
    absence = Absence(
        village=volunteer.village,
        volunteer=volunteer,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note,
    )
    absence.full_clean()
    absence.save()
    write_log(
        VolunteerChange,
        volunteer=volunteer,
        kind=VolunteerChange.Kind.ABSENCE_ADDED,
        by=by,
        text=f"{_text(starts_on)} – {_text(ends_on)} {note}".strip(),
        by_volunteer=by_volunteer,
    )
    return absence


@transaction.atomic
def absence_remove(*, absence: Absence, by, by_volunteer: bool = False) -> None:
    volunteer = absence.volunteer
    note = f"{_text(absence.starts_on)} – {_text(absence.ends_on)} {absence.note}".strip()
    absence.delete()
    write_log(
        VolunteerChange,
        volunteer=volunteer,
        kind=VolunteerChange.Kind.ABSENCE_REMOVED,
        by=by,
        text=note,
        by_volunteer=by_volunteer,
    )


def _transition(volunteer: Volunteer, allowed_from: set[str]) -> None:
    if volunteer.status not in allowed_from:
        raise ValidationError(
            _("This is not possible while the volunteer is '%(status)s'.")
            % {"status": volunteer.get_status_display()}
        )


@transaction.atomic
def volunteer_pause(
    *, volunteer: Volunteer, by, until: date | None = None, note: str = ""
) -> Volunteer:
    """Pause (holiday, illness): not asked until `until` (included) or until resumed."""
    _transition(volunteer, {VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED})
    volunteer.status = VolunteerStatus.PAUSED
    volunteer.paused_until = until
    volunteer.pause_note = note
    volunteer.full_clean()
    volunteer.save()
    write_log(
        VolunteerChange,
        volunteer=volunteer,
        kind=VolunteerChange.Kind.PAUSED,
        by=by,
        text=" – ".join(p for p in (_text(until), note) if p),
    )
    return volunteer


@transaction.atomic
def volunteer_resume(*, volunteer: Volunteer, by) -> Volunteer:
    """Active again after a pause or after stopping."""
    _transition(volunteer, {VolunteerStatus.PAUSED, VolunteerStatus.STOPPED})
    if volunteer.status == VolunteerStatus.STOPPED:
        # Their role and login went when they stopped; withdrawn invitations stay withdrawn.
        _restore_volunteer_access(volunteer)
    volunteer.status = VolunteerStatus.ACTIVE
    volunteer.paused_until = None
    volunteer.pause_note = ""
    volunteer.stopped_on = None
    volunteer.stop_reason = ""
    volunteer.stop_note = ""
    volunteer.full_clean()
    volunteer.save()
    write_log(VolunteerChange, volunteer=volunteer, kind=VolunteerChange.Kind.RESUMED, by=by)
    return volunteer


@dataclass
class StopResult:
    volunteer: Volunteer
    withdrawn: list = field(default_factory=list)  # the invitations withdrawn
    login_ended: bool = False


def _end_volunteer_access(volunteer: Volunteer) -> bool:
    """Take away the volunteer role in this village and log them out. An account with no
    other role left is switched off, so that logging in no longer works. True when the
    volunteer had a login."""
    user = volunteer.user
    if user is None:
        return False
    Membership.objects.filter(user=user, village=volunteer.village, role=Role.VOLUNTEER).delete()
    if not user.is_staff and not Membership.objects.filter(user=user).exists():
        User.objects.filter(pk=user.pk).update(is_active=False)
        user.is_active = False
    end_sessions(user)
    return True


def _restore_volunteer_access(volunteer: Volunteer) -> None:
    user = volunteer.user
    if user is None:
        return
    Membership.objects.get_or_create(user=user, village=volunteer.village, role=Role.VOLUNTEER)
    if not user.is_active:
        User.objects.filter(pk=user.pk).update(is_active=True)
        user.is_active = True


@transaction.atomic
def volunteer_stop(
    *, volunteer: Volunteer, by, on: date, reason: str, note: str = ""
) -> StopResult:
    """Stop, with the date and a reason code (e.g. "became a help requester themselves").

    The record stays (history, yearly figures); a stopped volunteer is never asked. Stopping
    takes effect at once: the volunteer role goes (and the login, when it was their only
    role), their sessions end, and every invitation they had not answered yet is withdrawn,
    so their links say the task is no longer theirs. Tasks they accepted earlier stay with
    the desk to hand over; the volunteer no longer sees the resident's address or phone
    (koppelingen.rules.task_access). One history line names what was withdrawn.
    """
    from koppelingen.services import invitations_withdraw_for_volunteer

    # Locked first, as accepting does, so an acceptance cannot slip in between.
    volunteer = (
        Volunteer.objects.select_for_update(of=("self",))
        .select_related("user", "village")
        .get(pk=volunteer.pk)
    )
    _transition(
        volunteer,
        {VolunteerStatus.SIGNED_UP, VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED},
    )
    if not reason:
        raise ValidationError({"stop_reason": _("Choose the reason for stopping.")})
    volunteer.status = VolunteerStatus.STOPPED
    volunteer.stopped_on = on
    volunteer.stop_reason = reason
    volunteer.stop_note = note
    volunteer.paused_until = None
    volunteer.full_clean()
    volunteer.save()
    withdrawn = invitations_withdraw_for_volunteer(volunteer=volunteer)
    login_ended = _end_volunteer_access(volunteer)
    parts = [volunteer.get_stop_reason_display(), note]
    if withdrawn:
        parts.append(
            _("invitations withdrawn: %(tasks)s")
            % {
                "tasks": ", ".join(
                    " ".join(
                        p
                        for p in (
                            i.help_request.category.name,
                            _("for"),
                            i.help_request.resident.first_name,
                            format_nl_date(i.help_request.needed_on),
                        )
                        if p
                    )
                    for i in withdrawn
                )
            }
        )
    if login_ended:
        parts.append(_("login ended"))
    write_log(
        VolunteerChange,
        volunteer=volunteer,
        kind=VolunteerChange.Kind.STOPPED,
        by=by,
        text=" – ".join(p for p in parts if p),
    )
    return StopResult(volunteer=volunteer, withdrawn=withdrawn, login_ended=login_ended)


@transaction.atomic
def volunteer_activate(*, volunteer: Volunteer, by) -> Volunteer:
    """After the intake chat: make a signed-up volunteer active.

    With an e-mail address this also creates the login (e-mail as user name) with the
    volunteer role in the village and sends a Dutch invitation with a one-time link to
    choose a password. An existing account with that address is linked instead. Without
    e-mail the volunteer is active without a login (the coordinator calls them).
    """
    _transition(volunteer, {VolunteerStatus.SIGNED_UP})
    volunteer.status = VolunteerStatus.ACTIVE
    if volunteer.last_confirmed_on is None:
        volunteer.last_confirmed_on = timezone.localdate()
    invite_user = None
    if volunteer.email and volunteer.user_id is None:
        user = User.objects.filter(email__iexact=volunteer.email).first()
        if user is None:
            user = User(email=volunteer.email, full_name=volunteer.full_name)
            user.set_unusable_password()
            user.full_clean()
            user.save()
        elif Volunteer.objects.filter(user=user).exclude(pk=volunteer.pk).exists():
            raise ValidationError(
                _("This e-mail address already belongs to another volunteer's account.")
            )
        volunteer.user = user
        invite_user = user
    if volunteer.user_id:
        Membership.objects.get_or_create(
            user=volunteer.user, village=volunteer.village, role=Role.VOLUNTEER
        )
    volunteer.full_clean()
    volunteer.save()
    write_log(VolunteerChange, volunteer=volunteer, kind=VolunteerChange.Kind.ACTIVATED, by=by)
    if invite_user is not None:
        _send_invitation(volunteer, invite_user)
    return volunteer


def _send_invitation(volunteer: Volunteer, user: User) -> None:
    """The welcome e-mail, through the outbox (the link is made when it is sent)."""
    now = timezone.now()
    row, _created = notification_schedule(
        key=f"volunteer-invitation:{volunteer.pk}:{user.pk}:{uuid.uuid4().hex}",
        village=volunteer.village,
        channel=Notification.Channel.EMAIL,
        recipient=user.email,
        recipient_name=volunteer.full_name,
        template="volunteer_invitation",
        context={"volunteer": volunteer.pk, "user": user.pk},
        due_at=now,
    )
    send_soon(row.pk)


@transaction.atomic
def volunteer_sign_up(
    *,
    village,
    fields: dict,
    categories: Iterable = (),
    slots: Iterable[tuple[int, str]] = (),
    message: str = "",
) -> Volunteer:
    """A stranger signs up on the public page: status "signed up", coordinators are told."""
    volunteer = Volunteer(
        village=village,
        status=VolunteerStatus.SIGNED_UP,
        signup_message=message,
        **_with_channel(fields),
    )
    volunteer.full_clean()
    volunteer.save()
    volunteer.categories.set(categories)
    _set_slots(volunteer, slots)
    write_log(
        VolunteerChange,
        volunteer=volunteer,
        kind=VolunteerChange.Kind.SIGNED_UP,
        by=None,
        by_volunteer=True,
    )
    recipients = _coordinator_emails(village)
    if recipients:
        _send_signup_notice(volunteer, recipients)
    return volunteer


def _send_signup_notice(volunteer: Volunteer, recipients: list[str]) -> None:
    """One notice per coordinator, through the outbox."""
    for email in recipients:
        row, _created = notification_schedule(
            key=f"signup-notice:{volunteer.pk}:{email}",
            village=volunteer.village,
            channel=Notification.Channel.EMAIL,
            recipient=email,
            template="signup_notice",
            context={"volunteer": volunteer.pk},
            due_at=timezone.now(),
        )
        send_soon(row.pk)


@transaction.atomic
def volunteer_confirm(
    *, volunteer: Volunteer, by, today: date, note: str = "", by_volunteer: bool = False
) -> Volunteer:
    """ "My details are still right": sets last confirmed on and answers an open round.

    A `note` (what has changed, written on the confirmation page) is kept for the
    coordinator on the round's request and in the history.
    """
    volunteer.last_confirmed_on = today
    volunteer.full_clean()
    volunteer.save(update_fields=["last_confirmed_on", "updated_at"])
    ConfirmationRequest.objects.filter(volunteer=volunteer, responded_on__isnull=True).update(
        responded_on=today, response_note=note
    )
    write_log(
        VolunteerChange,
        volunteer=volunteer,
        kind=VolunteerChange.Kind.CONFIRMED,
        by=by,
        text=note,
        by_volunteer=by_volunteer,
    )
    return volunteer


@dataclass
class RoundResult:
    round: ConfirmationRound
    emailed: list[Volunteer] = field(default_factory=list)
    to_call: list[Volunteer] = field(default_factory=list)
    flagged: list[Volunteer] = field(default_factory=list)


def confirmation_round_run(
    *, village, today: date, respond_within_weeks: int | None = None
) -> RoundResult:
    """Run this year's confirmation round of a village; safe to run as often as you like.

    1. Opens the round of `today.year` (once; `respond_within_weeks` is kept on it).
    2. Adds every active or paused volunteer not yet in it, except those who confirmed in
       the last RECENTLY_CONFIRMED_DAYS days: with an e-mail address by e-mail, without one
       on the coordinator's call list.
    3. Sends each e-mail not sent yet. A row is claimed (sent_at set with a compare-and-set
       update) before sending and released if sending fails, so a second run, even a
       concurrent one, never sends the same e-mail twice.
    4. Flags requests without an answer after the round's number of weeks.
    """
    with transaction.atomic():
        round_, _created = ConfirmationRound.objects.get_or_create(
            village=village,
            year=today.year,
            defaults={
                "started_on": today,
                "respond_within_weeks": respond_within_weeks or 4,
            },
        )
        if respond_within_weeks and round_.respond_within_weeks != respond_within_weeks:
            round_.respond_within_weeks = respond_within_weeks
            round_.full_clean()
            round_.save(update_fields=["respond_within_weeks"])
        recent = today - timedelta(days=RECENTLY_CONFIRMED_DAYS)
        to_ask = (
            Volunteer.objects.filter(
                village=village,
                status__in=[VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED],
            )
            .exclude(last_confirmed_on__gte=recent)
            .exclude(confirmation_requests__round=round_)
        )
        new_requests = [
            ConfirmationRequest(
                village=village,
                round=round_,
                volunteer=volunteer,
                # By e-mail only for who is asked by e-mail (channels.reach); everyone
                # else is on the phone round.
                method=(
                    ConfirmationRequest.Method.EMAIL
                    if reach_volunteer(volunteer).channel == ContactChannel.EMAIL
                    else ConfirmationRequest.Method.CALL
                ),
                created_on=today,
            )
            for volunteer in to_ask
        ]
        ConfirmationRequest.objects.bulk_create(new_requests, ignore_conflicts=True)

    result = RoundResult(round=round_)
    pending = (
        ConfirmationRequest.objects.filter(
            round=round_,
            method=ConfirmationRequest.Method.EMAIL,
            sent_at__isnull=True,
            responded_on__isnull=True,
        )
        .select_related("volunteer", "village")
        .order_by("pk")
    )
    for request in pending:
        claimed = ConfirmationRequest.objects.filter(pk=request.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
        if not claimed:
            continue
        try:
            _send_confirmation_request(request, round_)
        except Exception:
            ConfirmationRequest.objects.filter(pk=request.pk).update(sent_at=None)
            raise
        result.emailed.append(request.volunteer)

    result.to_call = [
        r.volunteer
        for r in ConfirmationRequest.objects.filter(
            round=round_, method=ConfirmationRequest.Method.CALL, responded_on__isnull=True
        ).select_related("volunteer")
    ]
    deadline = today - timedelta(weeks=round_.respond_within_weeks)
    overdue = ConfirmationRequest.objects.filter(
        round=round_, responded_on__isnull=True, flagged_on__isnull=True, created_on__lte=deadline
    )
    result.flagged = [r.volunteer for r in overdue.select_related("volunteer")]
    overdue.update(flagged_on=today)
    return result


def _send_confirmation_request(request: ConfirmationRequest, round_: ConfirmationRound) -> None:
    """The round's question, through the outbox (cancelled if answered before it goes)."""
    row, _created = notification_schedule(
        key=f"confirmation-request:{request.pk}",
        village=request.village,
        channel=Notification.Channel.EMAIL,
        recipient=request.volunteer.email,
        recipient_name=request.volunteer.full_name,
        template="confirmation_request",
        context={"request": request.pk},
        due_at=timezone.now(),
    )
    send_soon(row.pk)


@transaction.atomic
def volunteer_calendar_renew(*, volunteer: Volunteer) -> str:
    """Give the volunteer a new secret calendar-feed address (the first one, or a new one
    after they shared or lost it). The old address stops working at once."""
    token = secrets.token_urlsafe(32)
    Volunteer.objects.filter(pk=volunteer.pk).update(calendar_token=token)
    volunteer.calendar_token = token
    return token


@transaction.atomic
def volunteer_share_start(
    *,
    volunteer: Volunteer,
    helps_in,
    categories,
    max_km: int | None = None,
    weekdays: Iterable[int] = (),
    note: str = "",
    by,
) -> VolunteerVillage:
    """Record the home village's agreement that this volunteer also helps `helps_in`, within
    that village's boundaries (kinds of help, km, weekdays). From then on the other village
    sees them among its candidates, marked with the home village (`sharing`). One running
    agreement per village: a second one is refused."""
    if volunteer.status == VolunteerStatus.STOPPED:
        raise ValidationError(_("A volunteer who stopped does not help another village."))
    if VolunteerVillage.objects.filter(
        volunteer=volunteer, helps_in=helps_in, ended_on__isnull=True
    ).exists():
        raise ValidationError(
            {
                "helps_in": _("%(name)s already helps %(village)s.")
                % {"name": volunteer.full_name, "village": helps_in.name}
            }
        )
    share = VolunteerVillage(
        village_id=volunteer.village_id,
        volunteer=volunteer,
        helps_in=helps_in,
        max_km=max_km,
        weekdays=sorted(set(weekdays)),
        note=note,
        agreed_by=by,
        agreed_on=timezone.localdate(),
    )
    share.full_clean()
    share.save()
    share.categories.set(categories)
    write_log(
        VolunteerChange,
        volunteer=volunteer,
        kind=VolunteerChange.Kind.SHARED,
        by=by,
        text=_("%(village)s: %(kinds)s")
        % {"village": helps_in.name, "kinds": ", ".join(c.name for c in categories)},
    )
    return share


@transaction.atomic
def volunteer_share_end(*, share: VolunteerVillage, by, on: date | None = None) -> VolunteerVillage:
    """End the agreement: the other village no longer sees the volunteer among its
    candidates. Tasks already accepted there stand (that desk and the volunteer settle
    them); ending twice is harmless."""
    share = VolunteerVillage.objects.select_for_update().get(pk=share.pk)
    if share.ended_on is not None:
        return share
    share.ended_on = on or timezone.localdate()
    share.save(update_fields=["ended_on"])
    write_log(
        VolunteerChange,
        volunteer=share.volunteer,
        kind=VolunteerChange.Kind.SHARE_ENDED,
        by=by,
        text=share.helps_in.name,
    )
    return share
