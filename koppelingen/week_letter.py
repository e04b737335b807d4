"""The printed week: a letter per volunteer with their tasks of the coming week, and a sheet
of the whole week for the desk's weekly meeting.

For volunteers without internet the letter is how they know their week: what, when, where,
and — once they said yes — the resident's first name and address (before that, the street
only, as in an invitation). Large type (at least 14 pt, see the template's CSS), the desk's
phone number on every letter. Both are tagged PDFs (PDF/UA-1) made by dorpsloket.pdf.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.template.loader import render_to_string
from django.utils import timezone, translation

from dorpsloket.pdf import html_to_pdf
from vrijwilligers.models import Volunteer, VolunteerStatus

from .models import Assignment, Invitation, Occurrence
from .waiting import still_waiting

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Line:
    """One task in a week: `accepted` decides whether the house number may be shown."""

    day: date
    at: time | None
    what: str
    description: str
    resident_first_name: str
    address: str
    destination: str
    accepted: bool
    volunteer_id: int
    volunteer_name: str
    help_request_id: int
    resident_id: int

    @property
    def sort_key(self):
        return (self.day, self.at or time(0), self.what)


def week_bounds(start: date) -> tuple[date, date]:
    """The first and last day of the week that starts on `start` (seven days)."""
    return start, start + WEEK - timedelta(days=1)


def _destination(request) -> str:
    if request.destination_text:
        return request.destination_text
    return request.destination.name if request.destination_id else ""


def _line(request, volunteer, *, day, at, accepted: bool) -> Line:
    resident = request.resident
    address = (
        f"{resident.street} {resident.house}, {resident.place}"
        if accepted
        else f"{resident.street}, {resident.place}"
    )
    return Line(
        day=day,
        at=at,
        what=request.category.name,
        description=request.description if accepted else "",
        resident_first_name=resident.first_name,
        address=address,
        destination=_destination(request),
        accepted=accepted,
        volunteer_id=volunteer.pk,
        volunteer_name=volunteer.full_name,
        help_request_id=request.pk,
        resident_id=resident.pk,
    )


def week_lines(village, *, start: date, volunteer_ids=None) -> list[Line]:
    """Every task of the week starting `start` in this village: planned matches, turns of
    recurring requests, and invitations still waiting for an answer (marked as such). Only
    for `volunteer_ids` when given. Three queries."""
    first, last = week_bounds(start)
    related = ("volunteer", "help_request__category", "help_request__resident")
    related_full = (*related, "help_request__destination")
    assignments = Assignment.objects.filter(
        village=village,
        status=Assignment.Status.ACTIVE,
        task_date__gte=first,
        task_date__lte=last,
        help_request__is_recurring=False,
    ).select_related(*related_full)
    tz = timezone.get_current_timezone()
    turns = Occurrence.objects.filter(
        village=village,
        status=Occurrence.Status.PLANNED,
        volunteer__isnull=False,
        starts_at__gte=datetime.combine(first, time(0), tzinfo=tz),
        starts_at__lt=datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz),
    ).select_related(*related_full)
    waiting = still_waiting(
        Invitation.objects.filter(
            village=village, help_request__needed_on__gte=first, help_request__needed_on__lte=last
        )
    ).select_related(*related_full)
    if volunteer_ids is not None:
        assignments = assignments.filter(volunteer_id__in=volunteer_ids)
        turns = turns.filter(volunteer_id__in=volunteer_ids)
        waiting = waiting.filter(volunteer_id__in=volunteer_ids)
    lines = [
        _line(
            a.help_request,
            a.volunteer,
            day=a.task_date,
            at=a.help_request.time_from,
            accepted=True,
        )
        for a in assignments
    ]
    for turn in turns:
        local = timezone.localtime(turn.starts_at)
        lines.append(
            _line(
                turn.help_request, turn.volunteer, day=local.date(), at=local.time(), accepted=True
            )
        )
    lines += [
        _line(
            i.help_request,
            i.volunteer,
            day=i.help_request.needed_on,
            at=i.help_request.time_from,
            accepted=False,
        )
        for i in waiting
    ]
    return sorted(lines, key=lambda line: (line.sort_key, line.volunteer_name))


def paper_volunteers(village):
    """The volunteers who want their week on paper (active or paused, not stopped)."""
    return (
        Volunteer.objects.filter(village=village, wants_week_letter=True)
        .exclude(status=VolunteerStatus.STOPPED)
        .order_by("last_name", "first_name", "pk")
    )


def letters_pdf(village, volunteers, *, start: date) -> bytes:
    """One letter per volunteer (a page each, also for a week without tasks: then the
    letter says so), as one PDF to print at once."""
    volunteers = list(volunteers)
    lines = week_lines(village, start=start, volunteer_ids=[v.pk for v in volunteers])
    first, last = week_bounds(start)
    letters = [
        {"volunteer": v, "lines": [line for line in lines if line.volunteer_id == v.pk]}
        for v in volunteers
    ]
    with translation.override("nl"):
        html = render_to_string(
            "koppelingen/pdf/week_letter.html",
            {"village": village, "letters": letters, "first": first, "last": last},
        )
    return html_to_pdf(html, pdf_variant="pdf/ua-1")


def sheet_pdf(village, *, start: date) -> tuple[bytes, list[Line]]:
    """The whole week on one sheet for the weekly meeting: day by day, who does what."""
    lines = week_lines(village, start=start)
    first, last = week_bounds(start)
    days = [
        {
            "day": first + timedelta(days=n),
            "lines": [x for x in lines if x.day == first + timedelta(days=n)],
        }
        for n in range(7)
    ]
    with translation.override("nl"):
        html = render_to_string(
            "koppelingen/pdf/week_sheet.html",
            {"village": village, "days": days, "first": first, "last": last},
        )
    return html_to_pdf(html, pdf_variant="pdf/ua-1"), lines
