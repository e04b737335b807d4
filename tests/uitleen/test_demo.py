from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Village
from activiteiten.models import Activity
from activiteiten.selectors import participants_per_kind
from uitleen.models import AidItem, Handout, Loan

pytestmark = pytest.mark.django_db


def test_demo_data_lends_aids_and_records_activities_once():
    call_command("demo_data", "--quiet-logins", stdout=StringIO())
    warffum = Village.objects.get(slug="warffum")
    this_year = timezone.localdate().year
    # DOMAIN.md's year, in each of the two full years before this one (year on year).
    for year in (this_year - 1, this_year - 2):
        loans_per_kind = Counter(
            Loan.objects.filter(village=warffum, lent_on__year=year).values_list(
                "item__aid_type__code", flat=True
            )
        )
        assert loans_per_kind["rolstoel"] == 14, year
        assert loans_per_kind["rollator"] == 9, year
        assert loans_per_kind["krukken"] == 4, year
    assert Handout.objects.filter(village=warffum, always_available=True).count() >= 3
    activities = Activity.objects.filter(village=warffum)
    for year in (this_year - 1, this_year - 2):
        counts = {row.code: row.volunteers for row in participants_per_kind(warffum, year)}
        assert counts.get("fittest") == 6, year
        assert counts.get("voedselbankcollecte") == 12, year
    assert activities.filter(starts_on__year=this_year - 2).exists()

    counts = (AidItem.objects.count(), Loan.objects.count(), Activity.objects.count())
    call_command("demo_data", "--quiet-logins", stdout=StringIO())
    assert (AidItem.objects.count(), Loan.objects.count(), Activity.objects.count()) == counts


def test_the_demo_builders_skip_gracefully_without_residents_or_volunteers(village):
    from accounts.demo import new_context
    from activiteiten.demo import build as build_activities
    from uitleen.demo import build as build_loans

    ctx = new_context()
    ctx.villages["warffum"] = village
    build_loans(ctx)
    build_activities(ctx)
    assert AidItem.objects.filter(village=village).exists()
    assert not Loan.objects.exists()
    assert not Activity.objects.exists()
    assert any("geen" in line for line in ctx.log)
