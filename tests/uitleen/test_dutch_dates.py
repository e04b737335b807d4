"""Dates typed and shown the Dutch way (issue 12, point 9) when lending aids."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from uitleen.models import Loan

from .factories import AidItemFactory, HandoutFactory, LoanFactory, ResidentFactory, aid_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_c(client, coordinator):
    client.force_login(coordinator)
    with time_machine.travel("2026-11-23 10:00 +01:00", tick=False):
        yield client


def test_lending_with_dutch_dates_shows_them_the_dutch_way(client_c, village):
    rollator = AidItemFactory(village=village, label="Rollator 3", aid_type=aid_type("rollator"))
    resident = ResidentFactory(village=village, first_name="Geert", last_name="van 't Hof")
    response = client_c.post(
        reverse("uitleen:lend"),
        {"item": rollator.pk, "resident": resident.pk, "lent_on": "vandaag",
         "due_on": "15 jan 2027", "notes": ""},
    )  # fmt: skip
    assert response.status_code == 302
    loan = Loan.objects.get()
    assert (loan.lent_on, loan.due_on) == (date(2026, 11, 23), date(2027, 1, 15))
    page = client_c.get(reverse("uitleen:item_detail", args=[rollator.pk])).content.decode()
    assert "23 nov" in page and "15 jan 2027" in page
    assert "November" not in page and "15 Jan" not in page


def test_extending_a_loan_shows_the_date_in_the_input_and_takes_a_typed_one(client_c, village):
    loan = LoanFactory(item__village=village, lent_on=date(2025, 11, 3), due_on=date(2025, 12, 1))
    page = client_c.get(reverse("uitleen:loan_edit", args=[loan.pk])).content.decode()
    assert 'value="01-12-2025"' in page
    assert "3 nov 2025" in page
    client_c.post(reverse("uitleen:loan_edit", args=[loan.pk]), {"due_on": "1-2", "notes": ""})
    loan.refresh_from_db()
    assert loan.due_on == date(2026, 2, 1)


def test_counting_a_handout_with_an_unreadable_date_keeps_it(client_c, village):
    handout = HandoutFactory(village=village, name="Poepzakjes")
    response = client_c.post(
        reverse("uitleen:handout_count", args=[handout.pk]),
        {"quantity": "3", "handed_out_on": "gister avond", "note": ""},
    )
    page = response.content.decode()
    assert "Deze datum kunnen we niet lezen" in page
    assert 'value="gister avond"' in page
    assert not handout.counts.exists()
