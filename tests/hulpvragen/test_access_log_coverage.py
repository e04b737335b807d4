"""Every page that shows residents writes the access log: the permission table walked as a
coordinator, with a village that has what a desk has (an open request, a loan out, a signal,
a volunteer who did a task). A new page that shows residents without logging fails here, and
so does a page that logs without being listed."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.access_log_models import AccessLogEntry
from hulpvragen.lifecycle import Status
from koppelingen import services
from koppelingen.models import Signal
from meldingen.models import Todo
from tests.koppelingen.factories import MatchableVolunteerFactory
from tests.test_permissions import ROWS_ALL
from tests.uitleen.factories import AidItemFactory, LoanFactory

from .factories import HelpRequestFactory, ResidentFactory, category

# The pages that show a resident's personal data (their name at least) to a coordinator.
SHOWS_RESIDENTS = {
    "hulpvragen:board",
    "hulpvragen:meeting",
    "hulpvragen:intake",
    "hulpvragen:resident_list",
    "hulpvragen:resident_search",
    "hulpvragen:resident_duplicates",
    "hulpvragen:request_detail",
    "hulpvragen:request_edit",
    "hulpvragen:request_logbook",
    "hulpvragen:request_transition",
    "hulpvragen:request_triage",
    "hulpvragen:resident_detail",
    "hulpvragen:resident_edit",
    "hulpvragen:resident_consent",
    "hulpvragen:consent_withdraw",
    "hulpvragen:resident_access_log",
    "hulpvragen:resident_access_letter",
    "hulpvragen:resident_access_letter_pdf",
    "koppelingen:candidates",
    "koppelingen:week_plan",
    "koppelingen:phone_answer",
    "koppelingen:mismatch",
    "koppelingen:signals",
    "koppelingen:signal",
    "koppelingen:pair_log",
    "koppelingen:follow_up",
    "koppelingen:phone_round",
    "koppelingen:week_letter_pdf",
    "koppelingen:week_letters_pdf",
    "koppelingen:week_sheet_pdf",
    "meldingen:todos",
    "uitleen:inventory",
    "uitleen:overdue",
    "uitleen:item_detail",
    "uitleen:lend",
    "uitleen:loan_return",
    "uitleen:loan_edit",
    "vrijwilligers:detail",
    "vrijwilligers:pause",
    "vrijwilligers:stop",
    "privacy:export_json",
    "privacy:export_pdf",
    "privacy:resident_erase",
}


def _desk_like(world):
    """A village as a desk has it: Jan with an open request, a loan overdue and a signal."""
    village = world.village
    jan = ResidentFactory(
        village=village, first_name="Jan", last_name="van 't Hof", phone="0595442453"
    )
    HelpRequestFactory(resident=jan, village=village)
    item = AidItemFactory(village=village)
    LoanFactory(item=item, resident=jan, lent_on=date(2025, 3, 1), due_on=date(2025, 4, 1))
    Signal.objects.create(village=village, resident=jan, description="Zorgen over de tuin")
    return jan, item


def _volunteer_with_task(world, jan):
    request = HelpRequestFactory(
        resident=jan,
        village=world.village,
        category=category("vervoer"),
        needed_on=timezone.localdate() + timedelta(days=2),
        status=Status.SEARCHING,
    )
    volunteer = MatchableVolunteerFactory(village=world.village, offers=[category("vervoer")])
    (invitation,) = services.invitations_send(help_request=request, volunteers=[volunteer], by=None)
    services.invitation_accept(invitation=invitation)
    return volunteer, request


def _follow_up(world, jan):
    volunteer, request = _volunteer_with_task(world, jan)
    todo = Todo.objects.create(
        village=world.village,
        kind=Todo.Kind.FOLLOW_UP,
        title="Nabellen",
        due_on=timezone.localdate(),
        idempotency_key="coverage-follow-up",
        about={"help_request": request.pk, "volunteer": volunteer.pk},
    )
    return {"pk": todo.pk}


def _on_paper(world, jan):
    volunteer, _request = _volunteer_with_task(world, jan)
    type(volunteer).objects.filter(pk=volunteer.pk).update(wants_week_letter=True)
    return volunteer


def _to_call(world, jan):
    request = HelpRequestFactory(
        resident=jan,
        village=world.village,
        category=category("vervoer"),
        needed_on=timezone.localdate() + timedelta(days=2),
        status=Status.SEARCHING,
    )
    volunteer = MatchableVolunteerFactory(
        village=world.village, email="", contact_channel="call", offers=[category("vervoer")]
    )
    services.invitations_send(help_request=request, volunteers=[volunteer], by=None)
    return {}


def _todo_about(world, jan):
    Todo.objects.create(
        village=world.village, kind=Todo.Kind.ESCALATION, title="Jan wacht",
        due_on=timezone.localdate(), idempotency_key="coverage-todo", about={"resident": jan.pk},
    )  # fmt: skip
    return {}


# Pages that show residents only once there is one to show: the row's arguments and data are
# replaced by ones that do (a chosen resident, a phone number we know, an aid that was lent).
SHOWING = {
    "hulpvragen:intake": lambda w, jan, item: ({}, {"resident": jan.pk}),
    "hulpvragen:resident_duplicates": lambda w, jan, item: ({}, {"new-phone": "0595 44 24 53"}),
    "uitleen:item_detail": lambda w, jan, item: ({"pk": item.pk}, {}),
    "uitleen:lend": lambda w, jan, item: ({}, {"resident": jan.pk}),
    "koppelingen:follow_up": lambda w, jan, item: (_follow_up(w, jan), {}),
    "koppelingen:phone_round": lambda w, jan, item: (_to_call(w, jan), {}),
    "meldingen:todos": lambda w, jan, item: (_todo_about(w, jan), {}),
    "koppelingen:week_letter_pdf": lambda w, jan, item: (
        {"volunteer_pk": _volunteer_with_task(w, jan)[0].pk},
        {},
    ),
    "koppelingen:week_letters_pdf": lambda w, jan, item: (_on_paper(w, jan) and {}, {}),
    "koppelingen:week_sheet_pdf": lambda w, jan, item: (_volunteer_with_task(w, jan) and {}, {}),
    "vrijwilligers:detail": lambda w, jan, item: ({"pk": _volunteer_with_task(w, jan)[0].pk}, {}),
    "vrijwilligers:pause": lambda w, jan, item: ({"pk": _volunteer_with_task(w, jan)[0].pk}, {}),
    "vrijwilligers:stop": lambda w, jan, item: ({"pk": _volunteer_with_task(w, jan)[0].pk}, {}),
}


@pytest.mark.django_db
def test_every_page_that_shows_residents_writes_the_access_log(client, world):
    jan, item = _desk_like(world)
    logged, silent = set(), set()
    for row in ROWS_ALL:
        if row.expected["coordinator"] not in (200, 302):
            continue
        # Each row on its own, as in the permission table: rolled back afterwards.
        with transaction.atomic():
            client.force_login(world.users["coordinator"])
            if row.name in SHOWING and row.method == "get":
                kwargs, data = SHOWING[row.name](world, jan, item)
            else:
                kwargs = row.kwargs(world) if row.kwargs else {}
                data = row.data(world) if callable(row.data) else (row.data or {})
            before = AccessLogEntry.objects.count()
            response = getattr(client, row.method)(
                reverse(row.name, kwargs=kwargs), data=data, **row.extra
            )
            assert response.status_code == row.expected["coordinator"], row.label()
            new = list(AccessLogEntry.objects.order_by("id")[before:])
            (logged if new else silent).add(row.name)
            for entry in new:
                assert entry.view_name == row.name, row.label()
                assert entry.user == world.users["coordinator"]
                assert entry.role == "coordinator"
                assert entry.via == AccessLogEntry.Via.SESSION
            transaction.set_rollback(True)
    client.logout()
    assert logged - SHOWS_RESIDENTS == set(), "logs but is not listed as showing residents"
    missing = ", ".join(sorted(SHOWS_RESIDENTS - logged))
    assert not missing, f"shows residents but wrote no access log: {missing}"


def test_the_list_names_only_real_pages():
    names = {row.name for row in ROWS_ALL}
    assert names >= SHOWS_RESIDENTS
