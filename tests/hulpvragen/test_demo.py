from datetime import date, datetime, time, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from accounts import demo as accounts_demo
from hulpvragen import demo
from hulpvragen.lifecycle import Status
from hulpvragen.models import HelpRequest, StatusChange
from sociale_kaart import demo as sociale_kaart_demo

pytestmark = pytest.mark.django_db


def warffum_requests():
    return HelpRequest.objects.filter(village__slug="warffum")


def test_demo_year_has_the_real_proportions():
    """The demo covers two full past calendar years and this year so far, at the real desk's
    pace."""
    call_command("demo_data", "--quiet-logins", stdout=StringIO())
    qs = warffum_requests()
    total = qs.count()
    last_year = qs.filter(created_at__year=timezone.localdate().year - 1)
    assert 100 <= last_year.count() <= 125
    year_before = qs.filter(created_at__year=timezone.localdate().year - 2)
    assert 100 <= year_before.count() <= 125
    by_kind = dict(qs.values_list("category__code").annotate(n=Count("pk")))
    assert by_kind["vervoer"] / total > 0.55
    assert qs.filter(is_recurring=True, category__code="gezelschap").count() == 9
    per_year = (timezone.localdate() - demo.demo_start(timezone.localdate())).days / 365
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


# --- rides leave before their appointments; two full past years (issue 12, point 13) ----


@pytest.mark.parametrize(
    ("appointment", "km"),
    [
        (time(9, 30), Decimal("0.8")),
        (time(9, 30), Decimal("52.0")),
        (time(14, 30), Decimal("25.0")),
        (time(10, 30), None),
    ],
)
def test_a_demo_ride_leaves_in_time_for_its_appointment(appointment, km):
    leave = demo.departure_for(appointment, km)
    minutes_before = (
        datetime.combine(date.today(), appointment) - datetime.combine(date.today(), leave)
    ).total_seconds() / 60
    # At least the drive at 60 km/h plus a quarter of an hour, on a five-minute mark.
    assert minutes_before >= float(km or 10) + 15
    assert minutes_before <= float(km or 10) * 1.2 + 30
    assert leave.minute % 5 == 0 and leave.second == 0 and leave.microsecond == 0


def test_demo_rides_depart_before_their_appointment():
    ctx = accounts_demo.new_context()
    accounts_demo.build(ctx)
    sociale_kaart_demo.build(ctx)
    demo.build(ctx)
    rides = warffum_requests().filter(category__code="vervoer", appointment_time__isnull=False)
    assert rides.count() > 100
    late = [
        (r.pk, r.time_from, r.appointment_time)
        for r in rides
        if r.time_from is None or r.time_from >= r.appointment_time
    ]
    assert late == []
    # On the clock as people say it: "14:00", not "14:00:02".
    assert all(r.time_from.second == 0 and r.time_from.microsecond == 0 for r in rides)
    # Also to the GP round the corner (0,8 km): a little before, not an hour.
    gp = rides.filter(destination__name="Huisartsenpraktijk Warffum").first()
    assert gp is not None and gp.distance_km == Decimal("0.8")
    gap = datetime.combine(gp.needed_on, gp.appointment_time) - datetime.combine(
        gp.needed_on, gp.time_from
    )
    assert timedelta(minutes=15) <= gap <= timedelta(minutes=45)


def test_demo_holds_two_full_past_years_that_follow_today(time_machine):
    # Early in a year: the two years before it are complete, and this year has begun.
    time_machine.move_to(datetime(2027, 2, 10, 11, tzinfo=timezone.get_current_timezone()))
    ctx = accounts_demo.new_context()
    accounts_demo.build(ctx)
    demo.build(ctx)
    qs = warffum_requests()
    per_year = dict(
        qs.values_list("created_at__year")
        .annotate(n=Count("pk"))
        .values_list("created_at__year", "n")
    )
    assert set(per_year) == {2025, 2026, 2027}
    assert 100 <= per_year[2025] <= 130
    assert 100 <= per_year[2026] <= 130
    first = timezone.localtime(qs.order_by("created_at").first().created_at).date()
    assert first.year == 2025 and first.month == 1
