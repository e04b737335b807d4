from datetime import date

import pytest
import time_machine
from django.utils import timezone

from uitleen import selectors, services

from .factories import AidItemFactory, HandoutFactory, LoanFactory, ResidentFactory, aid_type

pytestmark = pytest.mark.django_db


def test_a_loan_shows_as_overdue_only_after_its_due_date(village):
    item = AidItemFactory(village=village, aid_type=aid_type("rolstoel"))
    resident = ResidentFactory(village=village)
    with time_machine.travel(date(2025, 3, 3), tick=False):
        today = timezone.localdate()
        loan = services.loan_start(
            item=item, resident=resident, lent_on=today, due_on=date(2025, 4, 14)
        )
        assert list(selectors.overdue_loans(village, today=timezone.localdate())) == []
    with time_machine.travel(date(2025, 4, 14), tick=False):
        assert list(selectors.overdue_loans(village, today=timezone.localdate())) == []
    with time_machine.travel(date(2025, 4, 15), tick=False):
        assert list(selectors.overdue_loans(village, today=timezone.localdate())) == [loan]
        services.loan_return(loan=loan, returned_on=timezone.localdate())
        assert list(selectors.overdue_loans(village, today=timezone.localdate())) == []


def test_the_overdue_list_is_per_village_and_longest_overdue_first(village, other_village):
    late = LoanFactory(item__village=village, due_on=date(2025, 3, 10))
    later = LoanFactory(item__village=village, due_on=date(2025, 3, 1))
    LoanFactory(item__village=other_village, due_on=date(2025, 3, 1))
    assert list(selectors.overdue_loans(village, today=date(2025, 4, 1))) == [later, late]


def test_loans_for_a_resident_show_open_loans_first(village):
    resident = ResidentFactory(village=village)
    old = LoanFactory(
        item__village=village, resident=resident, lent_on=date(2024, 1, 1),
        returned_on=date(2024, 2, 1),
    )  # fmt: skip
    newer_returned = LoanFactory(
        item__village=village, resident=resident, lent_on=date(2025, 1, 1),
        returned_on=date(2025, 1, 20),
    )  # fmt: skip
    still_out = LoanFactory(item__village=village, resident=resident, lent_on=date(2024, 6, 1))
    LoanFactory(item__village=village)  # someone else's
    assert selectors.loans_for_resident(resident) == [still_out, newer_returned, old]


def test_loans_for_a_resident_take_one_query(village, django_assert_num_queries):
    resident = ResidentFactory(village=village)
    for _ in range(3):
        LoanFactory(item__village=village, resident=resident)
    with django_assert_num_queries(1):
        loans = selectors.loans_for_resident(resident)
        [loan.item.aid_type.name for loan in loans]


def test_loans_started_per_type_count_the_year_they_started_in(village, other_village):
    rolstoel, rollator = aid_type("rolstoel"), aid_type("rollator")
    for day in (date(2024, 1, 5), date(2024, 6, 1), date(2024, 12, 31)):
        LoanFactory(item__village=village, item__aid_type=rolstoel, lent_on=day)
    LoanFactory(
        item__village=village, item__aid_type=rollator, lent_on=date(2024, 3, 1),
        returned_on=date(2024, 4, 1),
    )  # fmt: skip
    LoanFactory(item__village=village, item__aid_type=rollator, lent_on=date(2025, 1, 1))
    LoanFactory(item__village=other_village, item__aid_type=rollator, lent_on=date(2024, 3, 1))
    LoanFactory(item__village=village, item__aid_type=rolstoel, lent_on=date(2023, 12, 31))

    rows = selectors.loans_started_per_type(village, 2024)

    assert [(row.code, row.count) for row in rows] == [("rolstoel", 3), ("rollator", 1)]


def test_loans_started_per_type_is_one_query(village, django_assert_num_queries):
    LoanFactory(item__village=village, lent_on=date(2024, 3, 1))
    with django_assert_num_queries(1):
        selectors.loans_started_per_type(village, 2024)


def test_handouts_per_item_add_up_the_counts_of_the_year(village):
    sticker = HandoutFactory(village=village, name="Ja/nee-sticker", order=1)
    folder = HandoutFactory(village=village, name="Folder Wmo", order=2)
    HandoutFactory(village=village, name="Oud", is_active=False)
    for quantity, day in ((10, date(2024, 2, 1)), (5, date(2024, 9, 1)), (7, date(2025, 1, 2))):
        services.handout_count_record(handout=sticker, quantity=quantity, handed_out_on=day)

    rows = selectors.handouts_per_item(village, 2024)

    assert [(row.name, row.counted) for row in rows] == [("Ja/nee-sticker", 15), ("Folder Wmo", 0)]
    assert rows[1].pk == folder.pk and rows[1].always_available
