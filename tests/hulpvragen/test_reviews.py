"""Reviews of recurring requests: the job that puts one on the to-do list, and the date rule
behind the next one."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hulpvragen import jobs
from hulpvragen.jobs import months_after
from hulpvragen.lifecycle import Status
from meldingen.models import Todo
from tests.hulpvragen.factories import HelpRequestFactory, ResidentFactory, category


def test_months_after_keeps_the_day_and_wraps_into_next_year():
    assert months_after(date(2025, 11, 14), 3) == date(2026, 2, 14)


def test_months_after_stops_at_the_28th_so_that_every_month_has_the_day():
    assert months_after(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert months_after(date(2025, 8, 30), 6) == date(2026, 2, 28)


@pytest.fixture
def weekly_visit(village):
    today = timezone.localdate()
    return HelpRequestFactory(
        village=village,
        resident=ResidentFactory(village=village, first_name="Trijntje", last_name="van 't Hof"),
        category=category("gezelschap"),
        status=Status.ACTIVE,
        is_recurring=True,
        frequency="weekly",
        weekday=today.weekday(),
        times_of_day=["10:00"],
        recurrence_start=today - timedelta(days=400),
        review_on=today + timedelta(days=5),
    )


@pytest.mark.django_db
def test_a_review_due_within_a_week_becomes_one_todo_that_leads_to_the_request(weekly_visit):
    now = timezone.now()
    assert jobs.recurring_reviews(now) == 1
    assert jobs.recurring_reviews(now) == 0
    todo = Todo.objects.get(kind=Todo.Kind.REVIEW)
    assert todo.due_on == weekly_visit.review_on
    assert "Trijntje" in todo.title
    assert todo.url == reverse("koppelingen:candidates", args=[weekly_visit.pk])


@pytest.mark.django_db
def test_a_review_further_off_than_a_week_waits(weekly_visit):
    weekly_visit.review_on = timezone.localdate() + timedelta(days=8)
    weekly_visit.save()
    assert jobs.recurring_reviews(timezone.now()) == 0
    assert not Todo.objects.exists()
