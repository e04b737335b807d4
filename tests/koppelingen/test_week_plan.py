"""The week planner page: every open request of the coming week with a proposal; fixing,
swapping and leaving out; sending all invitations through the normal flow; a "no" brings the
place back; a fixed number of queries; the access log."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.access_log_models import AccessLogEntry
from hulpvragen.lifecycle import Status
from koppelingen import services
from koppelingen.models import Invitation, Occurrence
from koppelingen.planner_facts import week_facts
from koppelingen.planning import plan_week, violations
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory, category

from .factories import MatchableVolunteerFactory

pytestmark = pytest.mark.django_db

URL = "/koppelen/weekplanning/"


def ride(village, days=2, hour=10, **kwargs):
    kwargs.setdefault("resident", ResidentFactory(village=village))
    return HelpRequestFactory(
        village=village,
        category=category("vervoer"),
        needed_on=timezone.localdate() + timedelta(days=days),
        time_from=time(hour, 0),
        distance_km=12,
        status=Status.SEARCHING,
        **kwargs,
    )


def drivers(village, n):
    return [
        MatchableVolunteerFactory(
            village=village, offers=[category("vervoer")], first_name=f"Rijder{i}"
        )
        for i in range(n)
    ]


def test_the_url_is_under_koppelen():
    assert reverse("koppelingen:week_plan") == URL


def test_every_open_request_of_the_week_gets_a_proposal(client, coordinator, village):
    first, second = ride(village, days=1), ride(village, days=3)
    later = ride(village, days=9)  # not this week
    drivers(village, 3)
    client.force_login(coordinator)
    html = client.get(URL).content.decode()
    assert f'id="plan-{first.pk}"' in html and f'id="plan-{second.pk}"' in html
    assert f'id="plan-{later.pk}"' not in html
    assert "Voorgestelde vrijwilliger" in html
    assert "Alternatieven" in html
    assert "Stuur alle uitnodigingen" in html


def test_the_week_facts_respect_every_hard_constraint_of_the_plan(village):
    for days in (1, 1, 2, 4):
        ride(village, days=days)
    drivers(village, 2)
    week = week_facts(village, today=timezone.localdate())
    plan = plan_week(week.facts)
    assert violations(week.facts, plan.assignment) == []
    # Two rides on the same day at the same time: two different drivers.
    assert len(plan.assignment) == 4


def test_sending_asks_everyone_of_the_plan_through_the_invitation_flow(
    client, coordinator, village, mailoutbox
):
    first, second = ride(village, days=1), ride(village, days=3)
    by_phone = MatchableVolunteerFactory(
        village=village,
        offers=[category("vervoer")],
        email="",
        contact_channel="call",  # wants a call (no e-mail and a mobile would be SMS)
        last_asked_on=None,
        last_name="van 't Houteveen",
    )
    drivers(village, 1)
    client.force_login(coordinator)
    data = _form(client.get(URL).content.decode())
    response = client.post(URL, {**data, "action": "send"}, follow=True)
    html = response.content.decode()
    assert "2 uitnodigingen verstuurd." in html
    invitations = Invitation.objects.filter(help_request__in=[first, second])
    assert invitations.count() == 2
    assert {i.channel for i in invitations} == {"email", "phone"}
    assert escape(by_phone.full_name) in html  # "call them" (a name may be "van 't …")
    # Sent: they wait for an answer and are off the planner.
    assert f'id="plan-{first.pk}"' not in html


def test_a_decline_brings_the_request_back_on_the_planner_without_sending(
    client, coordinator, village
):
    request = ride(village, days=2)
    one, other = drivers(village, 2)
    (invitation,) = services.invitations_send(help_request=request, volunteers=[one], by=None)
    client.force_login(coordinator)
    assert f'id="plan-{request.pk}"' not in client.get(URL).content.decode()
    services.invitation_decline(invitation=invitation)
    html = client.get(URL).content.decode()
    assert f'id="plan-{request.pk}"' in html
    assert "1 zei nee: opnieuw gepland" in html
    assert Invitation.objects.filter(help_request=request).count() == 1
    # Who said no is not proposed again for the same request.
    assert f'<option value="{one.pk}"' not in html


def test_a_volunteer_asked_for_another_task_at_that_time_is_not_proposed(
    client, coordinator, village
):
    asked_first = ride(village, days=2, hour=10)
    same_time = ride(village, days=2, hour=10)
    one, other = drivers(village, 2)
    services.invitations_send(help_request=asked_first, volunteers=[one], by=None)
    week = week_facts(village, today=timezone.localdate())
    assert plan_week(week.facts).assignment == {same_time.pk: [other.pk]}


def test_a_swap_is_kept_and_a_request_left_out_is_not_planned(client, coordinator, village):
    first, second = ride(village, days=1), ride(village, days=3)
    a, b, c = drivers(village, 3)
    client.force_login(coordinator)
    data = _form(client.get(URL).content.decode())
    shown = int(data[f"shown-{first.pk}-0"])
    other = next(v for v in (a, b, c) if v.pk != shown)
    data[f"pick-{first.pk}-0"] = str(other.pk)
    data[f"skip-{second.pk}"] = "1"
    html = client.post(URL, {**data, "action": "replan"}).content.decode()
    replanned = _form(html)
    assert replanned[f"shown-{first.pk}-0"] == str(other.pk)
    assert f'id="fix-{first.pk}" value="1" checked' in html
    assert f'id="plan-{second.pk}"' not in html
    assert "Niet in deze planning" in html
    # Sending now asks only for the first request, the swapped volunteer.
    client.post(URL, {**replanned, "action": "send"})
    assert list(Invitation.objects.values_list("help_request_id", "volunteer_id")) == [
        (first.pk, other.pk)
    ]


def test_a_stale_plan_is_not_sent(client, coordinator, village):
    request = ride(village, days=2)
    (driver,) = drivers(village, 1)
    client.force_login(coordinator)
    data = _form(client.get(URL).content.decode())
    driver.status = "paused"
    driver.save()
    html = client.post(URL, {**data, "action": "send"}).content.decode()
    assert "Niet verstuurd" in html
    assert not Invitation.objects.exists()
    assert f'id="plan-{request.pk}"' in html


def test_a_forged_form_plans_afresh(client, coordinator, village):
    ride(village, days=2)
    drivers(village, 1)
    client.force_login(coordinator)
    response = client.post(
        URL, {"request": ["x", "999"], "seats-999": "many", "pick-999-0": "y", "swap": "1:2"}
    )
    assert response.status_code == 200


def test_open_turns_of_a_recurring_request_are_planned(client, coordinator, village):
    weekly = HelpRequestFactory(
        village=village,
        resident=ResidentFactory(village=village),
        category=category("vervoer"),
        is_recurring=True,
        status=Status.ACTIVE,
    )
    start = timezone.now().replace(microsecond=0) + timedelta(days=2)
    Occurrence.objects.create(village=village, help_request=weekly, starts_at=start)
    drivers(village, 1)
    client.force_login(coordinator)
    html = client.get(URL).content.decode()
    assert f'id="plan-{weekly.pk}"' in html
    assert 'text-bg-info">vast<' in html


def test_the_page_logs_every_resident_it_shows(client, coordinator, village):
    requests = [ride(village, days=d) for d in (1, 2)]
    drivers(village, 1)
    client.force_login(coordinator)
    client.get(URL)
    logged = set(AccessLogEntry.objects.values_list("resident_id", flat=True))
    assert logged == {r.resident_id for r in requests}


def test_the_page_takes_a_fixed_number_of_queries(
    client, coordinator, village, django_assert_max_num_queries
):
    client.force_login(coordinator)
    ride(village, days=1)
    drivers(village, 2)
    client.get(URL)
    for days in range(7):
        ride(village, days=days + 1 if days < 6 else 6, hour=8 + days)
    drivers(village, 10)
    with django_assert_max_num_queries(20):
        assert client.get(URL).status_code == 200


def _form(html):
    """The form's fields as a browser would submit them (without pressing a button)."""
    import re

    data = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html):
        data.setdefault(name, []).append(value)
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        selected = re.search(r'<option value="([^"]*)" selected', body)
        data[name] = [selected.group(1) if selected else ""]
    for name in re.findall(r'<input[^>]*type="checkbox" name="([^"]+)"[^>]*checked', html):
        data[name] = ["1"]
    data.pop("csrfmiddlewaretoken", None)
    return {k: v if len(v) > 1 else v[0] for k, v in data.items()}


def test_the_week_facts_are_the_rankings_facts(village, coordinator):
    from koppelingen.selectors import candidate_facts

    request = ride(village, days=2)
    earlier = ride(village, days=3, resident=request.resident)
    said_no, went_well, fresh = drivers(village, 3)
    (invitation,) = services.invitations_send(help_request=earlier, volunteers=[said_no], by=None)
    services.invitation_decline(invitation=invitation)
    (invitation,) = services.invitations_send(help_request=earlier, volunteers=[went_well], by=None)
    services.invitation_accept(invitation=invitation)
    today = timezone.localdate()
    week = week_facts(village, today=today)
    (task,) = [t for t in week.facts.tasks if t.request_id == request.pk]
    assert sorted(task.candidates, key=lambda c: c.volunteer_id) == sorted(
        candidate_facts(request, today=today), key=lambda c: c.volunteer_id
    )


def test_loading_the_week_takes_the_same_queries_for_a_bigger_week(
    village, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ride(village, days=1)
    drivers(village, 2)
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as small:
        week_facts(village, today=today)
    for days in range(1, 7):
        ride(village, days=days, hour=8 + days)
    drivers(village, 12)
    with django_assert_num_queries(len(small.captured_queries)):
        week = week_facts(village, today=today)
    assert len(week.facts.tasks) == 7
