"""The volunteer's phone page ("Mijn taken"), read as values and built as HTML in Python.

The page lists the same as `koppelingen.selectors.tasks_for_volunteer` (a test compares
the two): the invitations still waiting for an answer (`waiting.still_waiting`), the tasks
to report on and to come, the turns of regular tasks in the coming week and the last few
done. Read as model instances with five related objects each, and rendered through the
template, those few cards cost more than all the page's queries; here each list is one
query of the columns the page shows (`read`, four queries, each put together once per
thread by `accounts.prepared`), and `html` builds the markup of the template it replaced
(`koppelingen/_my_tasks.html`, kept in its test) with every value from a person escaped.
"""

from __future__ import annotations

import html as stdlib_html
from collections import namedtuple
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from accounts import prepared
from accounts.access import Access
from accounts.templatetags.nl_format import format_nl_date
from koppelingen.models import Assignment, Invitation, Occurrence
from koppelingen.selectors import OCCURRENCE_DAYS_SHOWN
from koppelingen.waiting import still_waiting

from .models import Volunteer

_PK = 987654321

INVITATION = (
    "pk",
    "village_id",
    "village__name",
    "help_request__village_id",
    "help_request__resident_id",
    "help_request__resident__first_name",
    "help_request__category__name",
    "help_request__needed_on",
    "help_request__time_from",
)
ASSIGNMENT = (
    "pk",
    "invitation_id",
    "village_id",
    "village__name",
    "resident_id",
    "help_request__resident__first_name",
    "help_request__category__name",
    "help_request__time_from",
    "task_date",
    "status",
)
OCCURRENCE = (
    "starts_at",
    "help_request__village_id",
    "help_request__resident_id",
    "help_request__resident__first_name",
    "help_request__category__name",
)

# The rows as `values_list(*FIELDS, named=True)` gives them (accounts.prepared reads plain
# tuples): the same names, in the same order.
InvitationRow = namedtuple("InvitationRow", INVITATION)
AssignmentRow = namedtuple("AssignmentRow", ASSIGNMENT)
OccurrenceRow = namedtuple("OccurrenceRow", OCCURRENCE)


@dataclass
class MyTasks:
    """Named tuples with the columns above, in the order the page shows them."""

    invitations: list = field(default_factory=list)
    upcoming: list = field(default_factory=list)
    past: list = field(default_factory=list)
    to_report: list = field(default_factory=list)
    occurrences: list = field(default_factory=list)

    def residents_by_village(self, home_village_id: int) -> dict[int, list[int]]:
        """The residents the page shows, by the village whose log records the read (the
        resident's): the home village first, with no one when nothing is shown."""
        by_village: dict[int, list[int]] = {}
        for row in self.invitations:
            by_village.setdefault(row.help_request__village_id, []).append(
                row.help_request__resident_id
            )
        for row in (*self.upcoming, *self.past, *self.to_report):
            by_village.setdefault(row.village_id, []).append(row.resident_id)
        for row in self.occurrences:
            by_village.setdefault(row.help_request__village_id, []).append(
                row.help_request__resident_id
            )
        return by_village or {home_village_id: []}


def _volunteer(user_id, village_id):
    return Volunteer.objects.filter(user_id=user_id, village_id=village_id)[:1]


def own_volunteer(access: Access) -> Volunteer | None:
    """`vrijwilligers.selectors.own_volunteer` (the record linked to the logged-in user in
    the active village, if any), its query put together once per thread."""
    if not access.is_volunteer or access.village is None:
        return None
    found = prepared.objects(
        "my tasks: volunteer", _volunteer, user_id=access.user.pk, village_id=access.village.pk
    )
    return found[0] if found else None


def _invitations(volunteer_id):
    return (
        still_waiting(Invitation.objects.filter(volunteer_id=volunteer_id))
        .order_by("asked_at")
        .values_list(*INVITATION)
    )


def _active(volunteer_id):
    return (
        Assignment.objects.filter(volunteer_id=volunteer_id, status=Assignment.Status.ACTIVE)
        .order_by("task_date", "accepted_at")
        .values_list(*ASSIGNMENT)
    )


def _occurrences(volunteer_id, start, end):
    return (
        Occurrence.objects.filter(
            volunteer_id=volunteer_id,
            status=Occurrence.Status.PLANNED,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .order_by("starts_at")
        .values_list(*OCCURRENCE)
    )


def read(volunteer: Volunteer, *, today: date, past_limit: int = 10) -> MyTasks:
    """What `tasks_for_volunteer` lists, as values (4 queries)."""
    volunteer_id = volunteer.pk
    invitations = [
        InvitationRow._make(row)
        for row in prepared.rows("my tasks: invitations", _invitations, volunteer_id=volunteer_id)
    ]
    active = [
        AssignmentRow._make(row)
        for row in prepared.rows("my tasks: active", _active, volunteer_id=volunteer_id)
    ]
    past = [
        AssignmentRow._make(row)
        for row in prepared.rows(
            # The limit decides the query's SQL (its LIMIT): part of the key.
            f"my tasks: past, {past_limit}",
            lambda volunteer_id: (
                Assignment.objects.filter(volunteer_id=volunteer_id)
                .exclude(status=Assignment.Status.ACTIVE)
                .order_by("-task_date")
                .values_list(*ASSIGNMENT)[:past_limit]
            ),
            volunteer_id=volunteer_id,
        )
    ]
    start = timezone.make_aware(datetime.combine(today, time.min))
    occurrences = [
        OccurrenceRow._make(row)
        for row in prepared.rows(
            "my tasks: occurrences",
            _occurrences,
            volunteer_id=volunteer_id,
            start=start,
            end=start + timedelta(days=OCCURRENCE_DAYS_SHOWN),
        )
    ]
    return MyTasks(
        invitations=invitations,
        upcoming=[a for a in active if a.task_date is None or a.task_date >= today],
        past=past,
        to_report=[a for a in active if a.task_date is not None and a.task_date < today],
        occurrences=occurrences,
    )


def escape(value) -> str:
    return stdlib_html.escape(str(value))


def _card(href: str, body: str, button: str, button_class: str) -> str:
    return (
        f'<a class="card card-link-button text-decoration-none" href="{href}">'
        f'<div class="card-body fs-5">{body} '
        f'<span class="btn {button_class} mt-2 w-100">{button}</span></div></a>'
    )


def html(tasks: MyTasks, *, home_village_id: int | None, today: date) -> SafeString:
    """The markup of the former `koppelingen/_my_tasks.html` (whitespace aside) for these tasks."""
    task_url = reverse("koppelingen:task", kwargs={"pk": _PK})
    for_ = escape(_("for"))
    to_be_agreed = escape(_("date to be agreed"))
    status_label = {value: escape(str(label)) for value, label in Assignment.Status.choices}

    def link(invitation_id) -> str:
        return task_url.replace(str(_PK), str(invitation_id)) if invitation_id else ""

    def elsewhere(village_id, village_name) -> str:
        if not home_village_id or village_id == home_village_id:
            return ""
        text = _("in %(village)s") % {"village": escape(village_name)}
        return f' <span class="badge text-bg-info">{text}</span>'

    def heading(day) -> str:
        return escape(format_nl_date(day, "heading", today=today))

    def clock(moment) -> str:
        return f"{moment.hour:02d}:{moment.minute:02d}"

    def who(row) -> str:
        return (
            f"<strong>{escape(row.help_request__category__name)}</strong> {for_} "
            f"{escape(row.help_request__resident__first_name)}"
        )

    parts = []
    if tasks.invitations:
        cards = []
        for inv in tasks.invitations:
            when = to_be_agreed
            if inv.help_request__needed_on:
                when = heading(inv.help_request__needed_on)
                if inv.help_request__time_from:
                    when += ", " + clock(inv.help_request__time_from)
            body = f"{who(inv)}{elsewhere(inv.village_id, inv.village__name)}<br> {when}"
            cards.append(_card(link(inv.pk), body, escape(_("Look and answer")), "btn-primary"))
        parts.append(
            _h2(_("Can you help?")) + f'<div class="d-grid gap-3 mb-4">{"".join(cards)}</div>'
        )
    if tasks.to_report:
        cards = [
            _card(
                f"{link(a.invitation_id)}verslag/",
                f"{who(a)}, {heading(a.task_date)}",
                escape(_("Report back")),
                "btn-primary",
            )
            for a in tasks.to_report
        ]
        parts.append(
            _h2(_("How did it go?")) + f'<div class="d-grid gap-3 mb-4">{"".join(cards)}</div>'
        )
    parts.append(_h2(_("Coming up")))
    if tasks.upcoming:
        cards = []
        for a in tasks.upcoming:
            when = to_be_agreed
            if a.task_date:
                when = heading(a.task_date)
                if a.help_request__time_from:
                    when += ", " + clock(a.help_request__time_from)
            body = f"{who(a)}{elsewhere(a.village_id, a.village__name)}<br> {when}"
            button = escape(_("Open the task"))
            cards.append(_card(link(a.invitation_id), body, button, "btn-outline-primary"))
        parts.append(f'<div class="d-grid gap-3 mb-4">{"".join(cards)}</div>')
    else:
        parts.append(
            '<p class="empty-state">'
            + escape(_("No tasks coming up. Thank you for being there!"))
            + "</p>"
        )
    if tasks.occurrences:
        items = []
        for o in tasks.occurrences:
            local = timezone.localtime(o.starts_at)
            items.append(
                f'<li class="list-group-item">{heading(local)}, {clock(local)} · '
                f"{escape(o.help_request__category__name)} {for_} "
                f"{escape(o.help_request__resident__first_name)}</li>"
            )
        parts.append(
            _h2(_("Your regular tasks this week"))
            + f'<ul class="list-group mb-4 fs-5">{"".join(items)}</ul>'
        )
    if tasks.past:
        items = [
            f'<li class="list-group-item">'
            f"{escape(format_nl_date(a.task_date, today=today)) or '–'} · "
            f"{escape(a.help_request__category__name)} · "
            f"{status_label.get(a.status) or escape(a.status)}</li>"
            for a in tasks.past
        ]
        parts.append(_h2(_("Done")) + f'<ul class="list-group mb-4">{"".join(items)}</ul>')
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def _h2(text) -> str:
    return f'<h2 class="h3 mt-4">{escape(text)}</h2>'
