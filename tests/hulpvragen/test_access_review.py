"""The monthly review of the access log: the rule (pure) and the job that makes the to-do."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from accounts.access_log_models import AccessLogEntry
from hulpvragen import access_review
from hulpvragen.access_review import Facts, Read, findings, is_night
from hulpvragen.jobs import access_reviews
from meldingen.models import Todo

from .factories import ResidentFactory

NOON = datetime(2026, 11, 10, 11, 0, tzinfo=UTC)  # 12:00 in Amsterdam
FACTS = Facts(memberships={1: {10}, 2: {10}}, volunteer_residents={2: {500}})


def read(at=NOON, user_id=1, role="coordinator", action="view", resident_id=500, village_id=10):
    return Read(at, user_id, role, action, resident_id, village_id)


def kinds(found):
    return [f.kind for f in found]


def test_a_coordinator_at_work_in_daytime_stands_out_nowhere():
    assert findings([read(), read(resident_id=501)], FACTS) == []


def test_more_than_twenty_residents_opened_within_an_hour_stands_out_once():
    reads = [read(at=NOON + timedelta(minutes=2 * n), resident_id=600 + n) for n in range(25)]
    (found,) = findings(reads, FACTS)
    assert found.kind == access_review.MANY
    assert len(found.residents) == 25
    assert found.reads == 25


def test_twenty_residents_within_an_hour_is_still_ordinary():
    reads = [read(at=NOON + timedelta(minutes=2 * n), resident_id=600 + n) for n in range(20)]
    assert findings(reads, FACTS) == []


def test_twenty_one_residents_spread_over_a_day_is_ordinary():
    reads = [read(at=NOON + timedelta(minutes=20 * n), resident_id=600 + n) for n in range(21)]
    assert findings(reads, FACTS) == []


def test_names_seen_in_lists_do_not_count_as_opening_residents():
    reads = [read(action="search", resident_id=600 + n) for n in range(50)]
    assert findings(reads, FACTS) == []


def test_a_user_without_a_role_in_the_village_stands_out():
    assert kinds(findings([read(user_id=3)], FACTS)) == [access_review.NO_MEMBERSHIP]


def test_a_volunteer_on_a_resident_of_someone_elses_task_stands_out():
    assert findings([read(user_id=2, role="volunteer", resident_id=500)], FACTS) == []
    found = findings([read(user_id=2, role="volunteer", resident_id=501)], FACTS)
    assert kinds(found) == [access_review.NOT_ASSIGNED]


@pytest.mark.parametrize(
    ("utc", "night"),
    [
        (datetime(2026, 11, 10, 21, 59, tzinfo=UTC), False),  # 22:59 in winter
        (datetime(2026, 11, 10, 22, 0, tzinfo=UTC), True),  # 23:00
        (datetime(2026, 11, 11, 4, 59, tzinfo=UTC), True),  # 05:59
        (datetime(2026, 11, 11, 5, 0, tzinfo=UTC), False),  # 06:00
        (datetime(2026, 7, 10, 21, 30, tzinfo=UTC), True),  # 23:30 in summer
    ],
)
def test_night_is_on_the_amsterdam_clock(utc, night):
    assert is_night(utc) is night


def test_night_reads_of_one_user_are_one_finding():
    night = datetime(2026, 11, 10, 23, 30, tzinfo=UTC)
    (found,) = findings([read(at=night), read(at=night, resident_id=501)], FACTS)
    assert (found.kind, found.reads, len(found.residents)) == (access_review.NIGHT, 2, 2)


# --- the job ------------------------------------------------------------------------------


def _log(village, user, at, resident, role="coordinator"):
    AccessLogEntry.objects.create(
        at=at, user=user, role=role, village=village, resident_id=resident.pk, action="view"
    )


@pytest.mark.django_db
def test_one_review_to_do_per_village_per_month_also_when_run_twice(village, coordinator):
    resident = ResidentFactory(village=village)
    _log(village, coordinator, datetime(2026, 11, 12, 23, 30, tzinfo=UTC), resident)
    with time_machine.travel(datetime(2026, 12, 1, 6, 0, tzinfo=UTC)):
        from django.utils import timezone

        assert access_reviews(timezone.now()) >= 1
        assert access_reviews(timezone.now()) == 0
    todo = Todo.objects.get(village=village, kind=Todo.Kind.ACCESS_REVIEW)
    assert todo.idempotency_key == f"access_review:{village.pk}:2026-11"
    assert "november 2026" in todo.title
    assert todo.title.endswith("1 punt valt op")
    assert todo.link == reverse("hulpvragen:access_review", args=[2026, 11])


@pytest.mark.django_db
def test_next_month_brings_the_next_review(village):
    for moment in (datetime(2026, 12, 3, tzinfo=UTC), datetime(2027, 1, 2, tzinfo=UTC)):
        with time_machine.travel(moment):
            from django.utils import timezone

            access_reviews(timezone.now())
    keys = set(
        Todo.objects.filter(village=village, kind=Todo.Kind.ACCESS_REVIEW).values_list(
            "idempotency_key", flat=True
        )
    )
    assert keys == {f"access_review:{village.pk}:2026-11", f"access_review:{village.pk}:2026-12"}


@pytest.mark.django_db
def test_the_review_page_lists_what_stands_out(client, village, coordinator):
    resident = ResidentFactory(village=village, last_name="van 't Hof")
    _log(village, coordinator, datetime(2026, 11, 12, 23, 30, tzinfo=UTC), resident)
    _log(village, coordinator, datetime(2026, 11, 12, 10, 0, tzinfo=UTC), resident)
    client.force_login(coordinator)
    response = client.get(reverse("hulpvragen:access_review", args=[2026, 11]))
    text = response.content.decode()
    assert "Anneke Dijkstra" in text
    assert "23:00" in text  # the night finding says what night means
    assert "van &#x27;t Hof" not in text and "van 't Hof" not in text
    assert response.context["read_count"] == 2
    assert [row["finding"].kind for row in response.context["rows"]] == [access_review.NIGHT]


@pytest.mark.django_db
def test_a_month_that_does_not_exist_is_not_found(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("hulpvragen:access_review", args=[2026, 13])).status_code == 404


@pytest.mark.django_db
def test_the_job_runs_from_the_command(village):
    from django.core.management import call_command

    with time_machine.travel(datetime(2026, 12, 2, tzinfo=UTC)):
        call_command("run_job", "access_reviews")
    assert Todo.objects.filter(village=village, kind=Todo.Kind.ACCESS_REVIEW).count() == 1
