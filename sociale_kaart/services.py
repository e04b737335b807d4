"""Writes to the social map. One history entry per change; organisations are never deleted."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.logbook import write_log
from accounts.updates import field_labels, model_update

from .models import (
    ContactPerson,
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
