"""The retention job, registered with meldingen (see privacy.apps): anonymise residents a
period after their last contact, stopped volunteers a period after stopping, and signals a
period after they were passed on or closed (a closed signal counts from when it was made),
and delete volunteers' text messages to the desk `rules.INBOUND_SMS_DAYS` after they came in.

Thirty days before, the coordinators' to-do list shows who will be anonymised when (one
to-do per village, a new one when the list changes). A resident with something still open
when the day comes is skipped and gets a to-do instead. Idempotent: what was anonymised is
recorded (privacy.Erasure) and not done again, and to-dos carry an idempotency key.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Village
from accounts.templatetags.nl_format import format_nl_date
from hulpvragen.models import Resident
from koppelingen.models import Signal
from meldingen.models import InboundSMS, Todo
from meldingen.services import todo_add
from vrijwilligers.availability import VolunteerStatus
from vrijwilligers.models import Volunteer

from . import rules
from .models import Erasure, RetentionSettings
from .selectors import last_contacts
from .services import open_things, resident_erase, signal_anonymise, volunteer_anonymise


def retention_for(village) -> RetentionSettings:
    """The village's retention periods (the defaults until a coordinator changes them)."""
    found = RetentionSettings.objects.filter(village=village).first()
    return found or RetentionSettings(village=village)


def _erased(kind: str, village) -> set[int]:
    return set(
        Erasure.objects.filter(village=village, kind=kind).values_list("object_id", flat=True)
    )


def retention(now: datetime) -> int:
    """Anonymise what is due and announce what will be; returns the number of people and
    signals anonymised, plus to-dos added, plus text messages deleted."""
    today = timezone.localdate(now)
    done, _deleted = InboundSMS.objects.filter(
        received_at__lt=rules.inbound_sms_kept_since(now)
    ).delete()
    for village in Village.objects.order_by("pk"):
        periods = retention_for(village)
        notices: list[tuple[str, int, str, object]] = []
        # Residents.
        erased = _erased(Erasure.Kind.RESIDENT, village)
        contacts = last_contacts(village)
        names = dict(Resident.objects.filter(village=village).values_list("pk", "first_name"))
        for resident_id, last in sorted(contacts.items()):
            if resident_id in erased or resident_id not in names:
                continue
            ends = rules.retention_ends(last, periods.resident_months)
            state = rules.retention_state(last, periods.resident_months, today)
            if state == "notice":
                notices.append(("resident", resident_id, names[resident_id], ends))
            elif state == "due":
                resident = Resident.objects.select_related("village").get(pk=resident_id)
                if open_things(resident):
                    done += _blocked_todo(village, resident, ends, today)
                else:
                    resident_erase(resident=resident, reason=Erasure.Reason.RETENTION, now=now)
                    done += 1
        # Stopped volunteers.
        erased = _erased(Erasure.Kind.VOLUNTEER, village)
        stopped = Volunteer.objects.filter(
            village=village, status=VolunteerStatus.STOPPED, stopped_on__isnull=False
        ).exclude(pk__in=erased)
        for volunteer in stopped.select_related("user"):
            ends = rules.retention_ends(volunteer.stopped_on, periods.volunteer_months)
            state = rules.retention_state(volunteer.stopped_on, periods.volunteer_months, today)
            if state == "notice":
                notices.append(("volunteer", volunteer.pk, volunteer.first_name, ends))
            elif state == "due":
                done += volunteer_anonymise(volunteer=volunteer, now=now) is not None
        # Signals passed on or closed.
        erased = _erased(Erasure.Kind.SIGNAL, village)
        finished = (
            Signal.objects.filter(village=village)
            .exclude(status=Signal.Status.OPEN)
            .exclude(pk__in=erased)
            .select_related("resident")
        )
        for signal in finished:
            since = timezone.localdate(signal.passed_on_at or signal.created_at)
            ends = rules.retention_ends(since, periods.signal_months)
            state = rules.retention_state(since, periods.signal_months, today)
            if state == "notice":
                notices.append(("signal", signal.pk, signal.resident.first_name, ends))
            elif state == "due":
                done += signal_anonymise(signal=signal, now=now) is not None
        if notices:
            done += _notice_todo(village, notices, today)
    return done


def _blocked_todo(village, resident, ends, today) -> int:
    with translation.override("nl"):
        title = _("%(name)s could not be anonymised: something is still open") % {
            "name": resident.first_name
        }
        detail = " ".join(rules.erasure_blockers(open_things(resident)))
    _todo, created = todo_add(
        village=village,
        kind=Todo.Kind.RETENTION,
        key=f"retention-blocked:{resident.pk}:{ends:%Y%m%d}",
        title=title,
        detail=detail,
        link=reverse("hulpvragen:resident_detail", args=[resident.pk]),
        about={"resident": resident.pk},
        due_on=today,
    )
    return int(created)


def _notice_todo(village, notices, today) -> int:
    notices.sort(key=lambda n: (n[3], n[0], n[1]))
    with translation.override("nl"):
        labels = {
            "resident": _("resident"),
            "volunteer": _("stopped volunteer"),
            "signal": _("signal about"),
        }
        lines = [
            _("%(what)s %(name)s (number %(number)d): on %(date)s")
            % {
                "what": labels[kind],
                "name": name,
                "number": pk,
                "date": format_nl_date(ends, "long"),
            }
            for kind, pk, name, ends in notices
        ]
        title = _("Anonymised within 30 days: %(count)d") % {"count": len(notices)}
        replaced = _("replaced by a new list")
    items = [[kind, pk] for kind, pk, _name, _ends in notices]
    digest = hashlib.sha256(repr(items).encode()).hexdigest()[:16]
    todo, created = todo_add(
        village=village,
        kind=Todo.Kind.RETENTION,
        key=f"retention:{village.pk}:{digest}",
        title=title,
        detail="\n".join(lines),
        about={"items": items},
        due_on=today,
    )
    if created:
        # The list changed: the earlier notice of this village is replaced by this one.
        Todo.objects.filter(
            village=village, kind=Todo.Kind.RETENTION, done_at__isnull=True, about__has_key="items"
        ).exclude(pk=todo.pk).update(done_at=timezone.now(), done_note=replaced)
    return int(created)


def todo_residents_of_notice(values) -> set[int]:
    """The residents a retention notice names (`about["items"]`: [kind, pk] pairs): the
    residents themselves and those the signals are about."""
    pairs = [pair for items in values for pair in items]
    residents = {pk for kind, pk in pairs if kind == "resident"}
    signals = [pk for kind, pk in pairs if kind == "signal"]
    if signals:
        residents.update(
            Signal.objects.filter(pk__in=signals).values_list("resident_id", flat=True)
        )
    return residents


JOBS = {"retention": retention}
