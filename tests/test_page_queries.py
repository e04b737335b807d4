"""Query-count guards: each main page takes as many queries with a little data as with more.

The national benchmark (bench/pages.py) times the pages; these guards keep the query count
of every main page constant in the size of the data, in the normal test run. One village
gets a small world (2 of everything: residents, requests in every status, volunteers with
availability, invitations and tasks of the volunteer who logs in, organisations, signals,
loans, activities), the page is counted, the world grows to 20 of everything, and the page
must take the same number of queries.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hulpvragen.lifecycle import Status
from hulpvragen.models import StatusChange
from koppelingen.models import Assignment, Invitation, LogEntry, Occurrence, Signal, TaskReport
from tests.activiteiten.factories import ActivityFactory, kind
from tests.hulpvragen.factories import (
    HelpRequestFactory,
    ResidentFactory,
    category,
    transport_request,
)
from tests.koppelingen.factories import MatchableVolunteerFactory
from tests.sociale_kaart.factories import OrganisationFactory
from tests.uitleen.factories import AidItemFactory, LoanFactory
from vrijwilligers.models import Absence, Volunteer

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 20


class World:
    """One village's data, grown step by step to a given size."""

    def __init__(self, village, volunteer_user):
        self.village = village
        self.size = 0
        self.klus = category("klus")
        self.me = Volunteer.objects.get(user=volunteer_user)
        self.me.categories.set([self.klus])
        self.residents = []
        # The request the detail and candidates pages show, searching for a volunteer.
        self.resident = ResidentFactory(village=village)
        self.request = HelpRequestFactory(
            resident=self.resident, category=self.klus, status=Status.SEARCHING
        )

    def grow(self, to: int) -> None:
        now = timezone.now()
        today = timezone.localdate()
        last_year = now.replace(year=now.year - 1, month=6, day=15)
        statuses = Status.values
        for i in range(self.size, to):
            resident = ResidentFactory(village=self.village)
            self.residents.append(resident)
            status = statuses[i % len(statuses)]
            # Open and finished requests; some finished this week (the meeting), some last
            # year (the overview).
            for created, changed in ((now - timedelta(days=i % 9), now), (last_year, last_year)):
                request = HelpRequestFactory(
                    resident=resident,
                    category=self.klus,
                    status=status,
                    created_at=created,
                    status_changed_at=changed,
                    is_recurring=status in (Status.ACTIVE, Status.PAUSED, Status.ENDED),
                )
                StatusChange.objects.create(
                    village=self.village,
                    help_request=request,
                    from_status="new",
                    kind=status,
                    at=changed,
                )
            volunteer = MatchableVolunteerFactory(village=self.village, offers=[self.klus])
            Absence.objects.create(
                village=self.village,
                volunteer=volunteer,
                starts_on=today + timedelta(days=i),
                ends_on=today + timedelta(days=i + 3),
            )
            # History of the request on the detail and candidates pages.
            invitation = Invitation.objects.create(
                village=self.village,
                help_request=self.request,
                volunteer=volunteer,
                status=Invitation.Status.DECLINED,
                channel=Invitation.Channel.EMAIL,
                asked_at=now - timedelta(days=i),
                answered_at=now - timedelta(days=i),
            )
            LogEntry.objects.create(
                village=self.village,
                help_request=self.request,
                resident=self.resident,
                volunteer=volunteer,
                kind=LogEntry.Kind.DECLINED,
                at=invitation.answered_at,
            )
            # The volunteer who logs in: a question waiting, a task to come, one to report
            # on, one done and reported, a planned occurrence.
            self._task(now, today + timedelta(days=i + 1), resident, Invitation.Status.PENDING)
            self._task(now, today + timedelta(days=i + 1), resident, Invitation.Status.ACCEPTED)
            self._task(now, today - timedelta(days=i + 1), resident, Invitation.Status.ACCEPTED)
            done = self._task(
                now, today - timedelta(days=i + 20), resident, Invitation.Status.ACCEPTED, "done"
            )
            TaskReport.objects.create(assignment=done, outcome="done", how_it_went="good")
            weekly = HelpRequestFactory(resident=resident, category=self.klus, status="active")
            Occurrence.objects.create(
                village=self.village,
                help_request=weekly,
                volunteer=self.me,
                starts_at=now + timedelta(days=1, minutes=i),
            )
            organisation = OrganisationFactory(
                villages=[self.village], name=f"Thuiszorg {i}", services="zorg aan huis"
            )
            Signal.objects.create(
                village=self.village,
                resident=resident,
                description="Zorgen",
                status=Signal.Status.PASSED_ON if i % 2 else Signal.Status.OPEN,
                passed_to=organisation if i % 2 else None,
                passed_on_at=last_year if i % 2 else None,
            )
            item = AidItemFactory(village=self.village)
            LoanFactory(
                village=self.village,
                item=item,
                resident=resident,
                lent_on=last_year.date(),
                returned_on=last_year.date() + timedelta(days=20),
            )
            ActivityFactory(
                village=self.village,
                kind=kind("fittest"),
                starts_on=last_year.date(),
                volunteers=[volunteer, self.me],
            )
        self.size = to

    def _task(self, now, day, resident, status, assignment_status="active"):
        request = HelpRequestFactory(
            resident=resident, category=self.klus, status=Status.MATCHED, needed_on=day
        )
        invitation = Invitation.objects.create(
            village=self.village,
            help_request=request,
            volunteer=self.me,
            status=status,
            channel=Invitation.Channel.EMAIL,
            asked_at=now - timedelta(days=1),
        )
        if status != Invitation.Status.ACCEPTED:
            return None
        return Assignment.objects.create(
            village=self.village,
            help_request=request,
            volunteer=self.me,
            resident=resident,
            task_date=day,
            invitation=invitation,
            status=assignment_status,
        )


PAGES = {
    "board": ("coordinator", lambda w: reverse("hulpvragen:board")),
    "request detail": (
        "coordinator",
        lambda w: reverse("hulpvragen:request_detail", args=[w.request.pk]),
    ),
    "candidates": (
        "coordinator",
        lambda w: reverse("koppelingen:candidates", args=[w.request.pk]),
    ),
    "registry": ("coordinator", lambda w: reverse("vrijwilligers:registry")),
    "residents": ("coordinator", lambda w: reverse("hulpvragen:resident_list")),
    "my tasks": ("volunteer", lambda w: reverse("vrijwilligers:my_tasks")),
    "social map search": ("coordinator", lambda w: reverse("sociale_kaart:list") + "?q=zorg"),
    "weekly meeting": ("coordinator", lambda w: reverse("hulpvragen:meeting")),
    "overview, one village": (
        "coordinator",
        lambda w: reverse("rapportage:overview") + f"?village={w.village.slug}",
    ),
    "overview, region": ("regional_reader", lambda w: reverse("rapportage:overview")),
}


def count(client, url) -> int:
    client.get(url)  # the first visit may fill caches (the village's settings, the session)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


@pytest.fixture
def users(coordinator, volunteer_user, regional_reader):
    return {
        "coordinator": coordinator,
        "volunteer": volunteer_user,
        "regional_reader": regional_reader,
    }


@pytest.mark.parametrize("page", list(PAGES))
def test_the_page_takes_as_many_queries_with_more_data(client, village, users, page):
    who, url_of = PAGES[page]
    world = World(village, users["volunteer"])
    client.force_login(users[who])
    world.grow(SMALL)
    url = url_of(world)
    few = count(client, url)
    world.grow(LARGE)
    assert count(client, url) == few, f"{page}: {few} queries with {SMALL}, more with {LARGE}"


@pytest.mark.parametrize("name", ["hulpvragen:request_detail", "koppelingen:candidates"])
def test_a_ride_to_an_organisation_takes_as_many_queries_as_a_job(
    client, village, coordinator, name
):
    """What a request points at (a destination, who referred it) comes with the request."""
    plain = HelpRequestFactory(resident=ResidentFactory(village=village), status="searching")
    ride = transport_request(
        resident=ResidentFactory(village=village),
        status="searching",
        destination=OrganisationFactory(villages=[village], name="Ziekenhuis"),
        channel="doorverwijzing",
        referred_by=OrganisationFactory(villages=[village], name="Huisarts"),
    )
    client.force_login(coordinator)
    assert count(client, reverse(name, args=[ride.pk])) == count(
        client, reverse(name, args=[plain.pk])
    )


def test_the_large_world_really_is_larger(village, volunteer_user):
    """The guard means something only if growing adds what the pages show."""
    world = World(village, volunteer_user)
    world.grow(SMALL)
    small = (Volunteer.objects.count(), Invitation.objects.count(), Signal.objects.count())
    world.grow(LARGE)
    large = (Volunteer.objects.count(), Invitation.objects.count(), Signal.objects.count())
    assert all(b - a >= (LARGE - SMALL) for a, b in zip(small, large, strict=True))
