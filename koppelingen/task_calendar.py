"""Accepted tasks as calendar events: one task's .ics, and a volunteer's personal feed.

What an event says follows the task page: the resident's address only while the volunteer
may see it (rules.task_access); the destination, the appointment and the desk's phone always.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.dutch import format_phone
from accounts.templatetags.nl_format import km

from . import rules
from .calendar import TaskEvent, build_calendar, local, task_end, task_uid
from .models import TAKEN_STATUSES, Assignment

# The feed shows tasks from this long ago onwards (and everything ahead).
FEED_PAST = timedelta(days=30)


def _description(help_request, village) -> str:
    lines = [
        _("%(what)s for %(name)s")
        % {"what": help_request.category.name, "name": help_request.resident.first_name}
    ]
    if help_request.time_from:
        lines.append(_("Departure: %(time)s") % {"time": f"{help_request.time_from:%H:%M}"})
    if help_request.appointment_time:
        lines.append(
            _("Appointment: %(time)s") % {"time": f"{help_request.appointment_time:%H:%M}"}
        )
    destination = help_request.destination_text or (
        help_request.destination.name if help_request.destination_id else ""
    )
    if destination:
        trip = [destination]
        if help_request.distance_km:
            trip.append(km(help_request.distance_km))
        if help_request.return_trip:
            trip.append(_("and back"))
        if help_request.wait_at_destination:
            trip.append(_("waiting there"))
        lines.append(_("To: %(trip)s") % {"trip": ", ".join(trip)})
    if help_request.description:
        lines.append(help_request.description)
    if village.desk_phone:
        lines.append(_("Desk: %(phone)s") % {"phone": format_phone(village.desk_phone)})
    return "\n".join(lines)


def task_event(assignment: Assignment, *, show_contact: bool) -> TaskEvent | None:
    """The calendar event of a match (None without a date)."""
    help_request = assignment.help_request
    day = help_request.needed_on
    if day is None:
        return None
    resident = help_request.resident
    moment = help_request.time_from or help_request.appointment_time
    start = local(day, moment) if moment else None
    end = None
    if start is not None:
        end = task_end(
            start=start,
            is_ride=help_request.category.is_transport,
            duration=timedelta(minutes=help_request.duration_minutes),
            time_until=help_request.time_until,
            appointment=local(day, help_request.appointment_time)
            if help_request.appointment_time
            else None,
            distance_km=help_request.distance_km,
            waits=help_request.wait_at_destination,
        )
    location = (
        f"{resident.street} {resident.house_number}{resident.house_number_addition}, "
        f"{resident.place}"
        if show_contact
        else resident.place
    )
    link = (
        settings.SITE_URL + reverse("koppelingen:task", args=[assignment.invitation_id])
        if assignment.invitation_id
        else ""
    )
    return TaskEvent(
        uid=task_uid(site=settings.SITE_URL, assignment_id=assignment.pk),
        summary=_("Dorpsloket: %(what)s for %(name)s")
        % {"what": help_request.category.name, "name": resident.first_name},
        day=day,
        start=start,
        end=end,
        location=location,
        description=_description(help_request, assignment.village),
        url=link,
    )


def volunteer_feed(volunteer, *, now=None) -> bytes:
    """Every task the volunteer took (planned or done), from FEED_PAST ago on."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    assignments = (
        Assignment.objects.filter(
            volunteer=volunteer,
            status__in=TAKEN_STATUSES,
            help_request__needed_on__gte=today - FEED_PAST,
        )
        .select_related(
            "help_request__category",
            "help_request__resident",
            "help_request__destination",
            "village",
        )
        .order_by("help_request__needed_on", "pk")
    )
    events = []
    for assignment in assignments:
        access = rules.task_access(
            volunteer_status=volunteer.status,
            paused_until=volunteer.paused_until,
            accepted=True,
            task_date=assignment.help_request.needed_on,
            today=today,
        )
        event = task_event(assignment, show_contact=access.may_see_contact)
        if event is not None:
            events.append(event)
    return build_calendar(events, stamp=now, name=_("Dorpsloket: my tasks"))
