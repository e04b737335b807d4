"""Writes for activities. One history entry per change."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.logbook import write_log
from accounts.updates import field_labels, model_update

from .models import Activity, ActivityKind, ActivityLogEntry, LogAction

ACTIVITY_FIELDS = ["kind", "title", "starts_on", "ends_on", "description", "from_signal",
                   "signal_note"]  # fmt: skip


def _check_volunteers(village, volunteers) -> list:
    volunteers = list(volunteers)
    if any(v.village_id != village.pk for v in volunteers):
        raise ValidationError(
            {"volunteers": _("Only volunteers of this village can take part.")}, code="village"
        )
    return volunteers


def _tidy(activity: Activity) -> None:
    activity.title = activity.title.strip()
    if not activity.from_signal:
        activity.signal_note = ""


@transaction.atomic
def activity_create(
    *,
    village,
    kind: ActivityKind,
    starts_on: date,
    ends_on: date | None = None,
    title: str = "",
    description: str = "",
    from_signal: bool = False,
    signal_note: str = "",
    volunteers: Iterable = (),
    by=None,
) -> Activity:
    """Record an activity and the volunteers who took part (all of the same village)."""
    volunteers = _check_volunteers(village, volunteers)
    activity = Activity(
        village=village,
        kind=kind,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        description=description,
        from_signal=from_signal,
        signal_note=signal_note,
        created_by=by,
    )
    _tidy(activity)
    activity.full_clean()
    activity.save()
    activity.volunteers.set(volunteers)
    write_log(
        ActivityLogEntry,
        activity=activity,
        by=by,
        kind=LogAction.CREATED,
        text=ngettext("%(n)s volunteer", "%(n)s volunteers", len(volunteers))
        % {"n": len(volunteers)},
    )
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, by=None, volunteers: Iterable | None = None, **changes):
    """Change an activity's details and, when given, who took part (a history line for each)."""
    activity, changed = model_update(
        instance=activity, fields=ACTIVITY_FIELDS, data=changes, prepare=_tidy
    )
    if changed:
        write_log(
            ActivityLogEntry,
            activity=activity,
            by=by,
            kind=LogAction.CHANGED,
            text=field_labels(Activity, changed),
        )
    if volunteers is not None:
        wanted = {v.pk: v for v in _check_volunteers(activity.village, volunteers)}
        current = set(activity.volunteers.values_list("pk", flat=True))
        added, removed = set(wanted) - current, current - set(wanted)
        if added or removed:
            activity.volunteers.set(wanted.values())
            write_log(
                ActivityLogEntry,
                activity=activity,
                by=by,
                kind=LogAction.VOLUNTEERS_CHANGED,
                text=_("%(added)s added, %(removed)s removed")
                % {"added": len(added), "removed": len(removed)},
            )
    return activity
