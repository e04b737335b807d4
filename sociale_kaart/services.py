"""Writes to the social map. One history entry per change; organisations are never deleted."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.logbook import write_log
from accounts.updates import field_labels, model_update
from meldingen.models import Notification
from meldingen.services import notification_schedule, send_soon

from .checks import PUBLIC_FIELDS, check_recipient, is_link_open, proposed_changes
from .models import (
    ContactPerson,
    EntryCheck,
    EntryProposal,
    LogAction,
    OpeningPeriod,
    Organisation,
    OrganisationDistance,
    OrganisationLogEntry,
)

# Fields a coordinator edits on the organisation itself (the rest has its own service).
ORGANISATION_FIELDS = [
    "name",
    "kind",
    "services",
    "street_address",
    "postcode",
    "town",
    "phone",
    "email",
    "website",
    "opening_hours_note",
    "how_to_refer",
    "is_transport_destination",
]
CONTACT_FIELDS = ["name", "role", "phone", "email", "is_fixed_contact", "note"]

OpeningSpec = tuple[int, time, time]


def _set_opening_periods(organisation, periods: Iterable[OpeningSpec]) -> bool:
    wanted = sorted(set(periods))
    current = sorted(organisation.opening_periods.values_list("weekday", "opens_at", "closes_at"))
    if wanted == current:
        return False
    organisation.opening_periods.all().delete()
    for weekday, opens_at, closes_at in wanted:
        period = OpeningPeriod(
            organisation=organisation, weekday=weekday, opens_at=opens_at, closes_at=closes_at
        )
        period.full_clean()
        period.save()
    return True


def _set_distance(organisation, village, km: Decimal | None) -> bool:
    existing = OrganisationDistance.objects.filter(organisation=organisation, village=village)
    current = existing.values_list("km", flat=True).first()
    if km is None:
        return bool(existing.delete()[0])
    if current == km:
        return False
    distance = existing.first() or OrganisationDistance(organisation=organisation, village=village)
    distance.km = km
    distance.full_clean()
    distance.save()
    return True


@transaction.atomic
def organisation_create(
    *,
    village,
    by,
    today: date,
    values: dict,
    themes: Iterable = (),
    villages: Iterable = (),
    opening_periods: Iterable[OpeningSpec] = (),
    distance_km: Decimal | None = None,
) -> Organisation:
    """Add an organisation to the social map of `village` (and any other `villages`).

    Whoever types it in has just checked it, so it starts verified today.
    """
    organisation = Organisation(
        **{name: values[name] for name in ORGANISATION_FIELDS if name in values},
        last_verified_on=today,
        last_verified_by=by,
    )
    organisation.full_clean()
    organisation.save()
    organisation.villages.set({village, *villages})
    organisation.themes.set(themes)
    _set_opening_periods(organisation, opening_periods)
    _set_distance(organisation, village, distance_km)
    write_log(
        OrganisationLogEntry,
        organisation=organisation,
        village=village,
        by=by,
        kind=LogAction.CREATED,
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    village,
    by,
    values: dict,
    themes: Iterable,
    opening_periods: Iterable[OpeningSpec],
    distance_km: Decimal | None,
    villages_chosen: Iterable = (),
    villages_managed: Iterable = (),
) -> Organisation:
    """Change an organisation as seen from `village`.

    The distance is the one from `village`. Villages: the editor decides only about the
    villages they manage (`villages_managed`); others stay as they are, and `village`
    itself always stays (leaving the map of one's own village is done by archiving).
    Writes one history entry naming what changed (none when nothing changed).
    """
    organisation, fields = model_update(
        instance=organisation, fields=ORGANISATION_FIELDS, data=values
    )
    changed = [field_labels(Organisation, [name]) for name in fields]

    themes = set(themes)
    if set(organisation.themes.all()) != themes:
        organisation.themes.set(themes)
        changed.append(str(Organisation._meta.get_field("themes").verbose_name))

    managed = set(villages_managed)
    current = set(organisation.villages.all())
    new_villages = (current - managed) | set(villages_chosen) | {village}
    if new_villages != current:
        organisation.villages.set(new_villages)
        changed.append(str(Organisation._meta.get_field("villages").verbose_name))

    if _set_opening_periods(organisation, opening_periods):
        changed.append(str(OpeningPeriod._meta.verbose_name_plural))
    if _set_distance(organisation, village, distance_km):
        changed.append(str(OrganisationDistance._meta.get_field("km").verbose_name))
    if changed:
        write_log(
            OrganisationLogEntry,
            organisation=organisation,
            village=village,
            by=by,
            kind=LogAction.UPDATED,
            text=", ".join(changed),
        )
    return organisation


@transaction.atomic
def organisation_mark_verified(
    *, organisation: Organisation, village, by, today: date
) -> Organisation:
    """Record that `by` checked this entry today (phone, address, hours still right)."""
    organisation.last_verified_on = today
    organisation.last_verified_by = by
    organisation.full_clean()
    organisation.save(update_fields=["last_verified_on", "last_verified_by", "updated_at"])
    write_log(
        OrganisationLogEntry,
        organisation=organisation,
        village=village,
        by=by,
        kind=LogAction.VERIFIED,
    )
    return organisation


@transaction.atomic
def organisation_archive(
    *, organisation: Organisation, village, by, reason: str = ""
) -> Organisation:
    """Take an organisation off the map without deleting it (referrals keep pointing at it).

    Archiving is for every village that shares the entry: it is the organisation that stopped.
    `reason` (why, in the coordinator's words) goes into the history line.
    """
    if organisation.is_archived:
        return organisation
    organisation.is_archived = True
    organisation.archived_at = timezone.now()
    organisation.save(update_fields=["is_archived", "archived_at", "updated_at"])
    write_log(
        OrganisationLogEntry,
        organisation=organisation,
        village=village,
        by=by,
        kind=LogAction.ARCHIVED,
        text=reason,
    )
    return organisation


@transaction.atomic
def organisation_restore(*, organisation: Organisation, village, by) -> Organisation:
    """Put an archived organisation back on the map."""
    if not organisation.is_archived:
        return organisation
    organisation.is_archived = False
    organisation.archived_at = None
    organisation.save(update_fields=["is_archived", "archived_at", "updated_at"])
    write_log(
        OrganisationLogEntry,
        organisation=organisation,
        village=village,
        by=by,
        kind=LogAction.RESTORED,
    )
    return organisation


@transaction.atomic
def contact_person_create(
    *, organisation: Organisation, village, by, values: dict
) -> ContactPerson:
    """Add a contact person (private to coordinators)."""
    contact = ContactPerson(
        organisation=organisation,
        **{name: values[name] for name in CONTACT_FIELDS if name in values},
    )
    contact.full_clean()
    contact.save()
    write_log(
        OrganisationLogEntry,
        organisation=organisation,
        village=village,
        by=by,
        kind=LogAction.CONTACT_ADDED,
        text=contact.name,
    )
    return contact


@transaction.atomic
def contact_person_update(*, contact: ContactPerson, village, by, values: dict) -> ContactPerson:
    """Change a contact person's details."""
    contact, changed = model_update(instance=contact, fields=CONTACT_FIELDS, data=values)
    if changed:
        write_log(
            OrganisationLogEntry,
            organisation=contact.organisation,
            village=village,
            by=by,
            kind=LogAction.CONTACT_CHANGED,
            text=contact.name,
        )
    return contact


@transaction.atomic
def contact_person_remove(*, contact: ContactPerson, village, by) -> None:
    """Remove a contact person who left (nothing points at contact persons)."""
    organisation = contact.organisation
    name = contact.name
    contact.delete()
    write_log(
        OrganisationLogEntry,
        organisation=organisation,
        village=village,
        by=by,
        kind=LogAction.CONTACT_REMOVED,
        text=name,
    )


# --- "Klopt dit nog?": the organisation checks its own entry ----------------------------------


@transaction.atomic
def entry_check_send(*, organisation: Organisation, village, by=None, now=None):
    """Ask the organisation's contact person to check the entry (an e-mail with a signed
    link, through the outbox). Returns the EntryCheck, or None when nobody at the
    organisation has an e-mail address. One history line."""
    now = now or timezone.now()
    recipient = check_recipient(list(organisation.contacts.all()), organisation.email)
    if recipient is None:
        return None
    contact, email = recipient
    check = EntryCheck(
        organisation=organisation,
        village=village,
        contact=contact,
        email=email,
        asked_at=now,
        asked_by=by,
    )
    check.full_clean()
    check.save()
    notification, created = notification_schedule(
        key=f"entry_check:{check.pk}",
        village=village,
        channel=Notification.Channel.EMAIL,
        recipient=email,
        recipient_name=contact.name if contact else organisation.name,
        template="entry_check",
        context={"check": check.pk},
        due_at=now,
    )
    if created:
        send_soon(notification.pk)
    write_log(
        OrganisationLogEntry,
        organisation=organisation,
        village=village,
        by=by,
        kind=LogAction.CHECK_ASKED,
        text=email,
    )
    return check


class RoundClosed(Exception):
    """The round was already answered (or its link expired): nothing changes."""


def _open_round(check: EntryCheck, now) -> EntryCheck:
    locked = EntryCheck.objects.select_for_update().get(pk=check.pk)
    if not is_link_open(asked_at=locked.asked_at, answered_at=locked.answered_at, now=now):
        raise RoundClosed
    return locked


@transaction.atomic
def entry_check_confirm(*, check: EntryCheck, name: str, now=None) -> EntryCheck:
    """The organisation says the entry is still right: the round is answered and the entry
    counts as verified today (by nobody logged in; the history names who answered)."""
    now = now or timezone.now()
    check = _open_round(check, now)
    check.answered_at = now
    check.answer = EntryCheck.Answer.STILL_RIGHT
    check.answered_by_name = name.strip()[:120]
    check.save(update_fields=["answered_at", "answer", "answered_by_name"])
    organisation = check.organisation
    organisation.last_verified_on = timezone.localdate(now)
    organisation.last_verified_by = None
    organisation.save(update_fields=["last_verified_on", "last_verified_by", "updated_at"])
    write_log(
        OrganisationLogEntry,
        organisation=organisation,
        village=check.village,
        by=None,
        kind=LogAction.CHECK_CONFIRMED,
        text=check.answered_by_name,
    )
    return check


@transaction.atomic
def entry_check_propose(
    *, check: EntryCheck, name: str, values: dict, remark: str = "", now=None
) -> EntryProposal | None:
    """The organisation proposes a correction of the public fields of its entry. Nothing in
    the entry changes: a coordinator accepts or rejects the proposal. Without any change
    and without a remark, this is the same as "still right" (returns None)."""
    now = now or timezone.now()
    organisation = check.organisation
    current = {f: getattr(organisation, f) for f in PUBLIC_FIELDS}
    changes = proposed_changes(current, values)
    if not changes and not remark.strip():
        entry_check_confirm(check=check, name=name, now=now)
        return None
    check = _open_round(check, now)
    check.answered_at = now
    check.answer = EntryCheck.Answer.CORRECTION
    check.answered_by_name = name.strip()[:120]
    check.save(update_fields=["answered_at", "answer", "answered_by_name"])
    proposal = EntryProposal(
        check_round=check,
        organisation=organisation,
        changes=changes,
        remark=remark.strip(),
        proposed_by_name=check.answered_by_name,
        proposed_at=now,
    )
    proposal.full_clean()
    proposal.save()
    write_log(
        OrganisationLogEntry,
        organisation=organisation,
        village=check.village,
        by=None,
        kind=LogAction.PROPOSAL_RECEIVED,
        text=", ".join(field_labels(Organisation, [f]) for f in changes) or proposal.remark[:200],
    )
    return proposal


def _pending(proposal: EntryProposal) -> EntryProposal:
    locked = EntryProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != EntryProposal.Status.PENDING:
        raise RoundClosed
    return locked


@transaction.atomic
def proposal_accept(*, proposal: EntryProposal, village, by, today: date) -> EntryProposal:
    """Apply the proposed values to the entry (validated as any edit: a bad postcode or
    web address refuses the whole proposal with the field's message) and count the entry
    as verified today by the coordinator who accepted it."""
    proposal = _pending(proposal)
    organisation = Organisation.objects.select_for_update().get(pk=proposal.organisation_id)
    values = {name: new for name, (_old, new) in proposal.changes.items() if name in PUBLIC_FIELDS}
    organisation, changed = model_update(instance=organisation, fields=PUBLIC_FIELDS, data=values)
    if changed:
        write_log(
            OrganisationLogEntry,
            organisation=organisation,
            village=village,
            by=by,
            kind=LogAction.UPDATED,
            text=", ".join(field_labels(Organisation, [name]) for name in changed),
        )
    organisation_mark_verified(organisation=organisation, village=village, by=by, today=today)
    proposal.status = EntryProposal.Status.ACCEPTED
    proposal.reviewed_at = timezone.now()
    proposal.reviewed_by = by
    proposal.save(update_fields=["status", "reviewed_at", "reviewed_by"])
    write_log(
        OrganisationLogEntry,
        organisation=organisation,
        village=village,
        by=by,
        kind=LogAction.PROPOSAL_ACCEPTED,
        text=proposal.proposed_by_name,
    )
    return proposal


@transaction.atomic
def proposal_reject(*, proposal: EntryProposal, village, by) -> EntryProposal:
    """Keep the entry as it is; the proposal stays on record as rejected."""
    proposal = _pending(proposal)
    proposal.status = EntryProposal.Status.REJECTED
    proposal.reviewed_at = timezone.now()
    proposal.reviewed_by = by
    proposal.save(update_fields=["status", "reviewed_at", "reviewed_by"])
    write_log(
        OrganisationLogEntry,
        organisation=proposal.organisation,
        village=village,
        by=by,
        kind=LogAction.PROPOSAL_REJECTED,
        text=proposal.proposed_by_name,
    )
    return proposal
