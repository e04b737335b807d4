from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from accounts import demo as accounts_demo
from hulpvragen import demo
from hulpvragen.lifecycle import Status
from hulpvragen.models import HelpRequest, StatusChange

pytestmark = pytest.mark.django_db


def warffum_requests():
    return HelpRequest.objects.filter(village__slug="warffum")


def test_demo_year_has_the_real_proportions():
    """The demo covers last calendar year and this year so far, at the real desk's pace."""
    call_command("demo_data", "--quiet-logins", stdout=StringIO())
    qs = warffum_requests()
    total = qs.count()
    last_year = qs.filter(created_at__year=timezone.localdate().year - 1)
    assert 100 <= last_year.count() <= 125
    by_kind = dict(qs.values_list("category__code").annotate(n=Count("pk")))
    assert by_kind["vervoer"] / total > 0.55
    assert qs.filter(is_recurring=True, category__code="gezelschap").count() == 9
    per_year = (timezone.localdate() - date(timezone.localdate().year - 1, 1, 1)).days / 365
    by_status = dict(qs.values_list("status").annotate(n=Count("pk")))
    assert by_status[Status.INFORMED] + by_status[Status.REFERRED] == round(7 * per_year) + round(
        8 * per_year
    )
    assert by_status[Status.REJECTED] == round(8 * per_year)
    assert by_status[Status.CANCELLED] == round(7 * per_year)
    # Every request has a logbook that starts at "new".
    assert StatusChange.objects.filter(from_status="", help_request__in=qs).count() == total
    # Destinations come from the social map where it has them.
    assert qs.filter(destination__isnull=False).exists()


def test_demo_copes_without_a_social_map():
    ctx = accounts_demo.new_context()
    accounts_demo.build(ctx)
    demo.build(ctx)
    qs = warffum_requests()
    assert qs.count() > 100
    assert not qs.filter(status=Status.REFERRED).exists()
    assert qs.filter(category__code="vervoer").exclude(destination_text="").exists()


def test_demo_is_idempotent():
    ctx = accounts_demo.new_context()
    accounts_demo.build(ctx)
    demo.build(ctx)
    first = HelpRequest.objects.count()
    demo.build(ctx)
    assert HelpRequest.objects.count() == first
