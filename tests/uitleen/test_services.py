from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from uitleen import services
from uitleen.models import ItemStatus, Loan, LogAction

from .factories import AidItemFactory, HandoutFactory, LoanFactory, ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(village):
    return AidItemFactory(village=village, label="Rollator 1")


@pytest.fixture
def resident(village):
    return ResidentFactory(village=village, first_name="Geesje", last_name="Bos")


def lend(item, resident, coordinator=None, **kwargs):
    kwargs.setdefault("lent_on", date(2025, 3, 1))
    kwargs.setdefault("due_on", date(2025, 4, 12))
    return services.loan_start(item=item, resident=resident, by=coordinator, **kwargs)


def test_lending_puts_the_item_on_loan_and_logs_it(item, resident, coordinator):
    loan = lend(item, resident, coordinator)
    item.refresh_from_db()
    assert item.status == ItemStatus.ON_LOAN
    assert loan.is_open and loan.lent_by == coordinator and loan.village == item.village
    assert list(item.log_entries.values_list("kind", flat=True)) == [LogAction.LENT]


def test_an_item_on_loan_cannot_be_lent_again(item, resident, village):
    lend(item, resident)
    other = ResidentFactory(village=village)
    with pytest.raises(services.LoanRefused) as refused:
        lend(item, other)
    assert "Rollator 1" in refused.value.messages[0]
    assert "uitgeleend" in refused.value.messages[0]  # said in Dutch
    assert Loan.objects.filter(item=item).count() == 1


def test_lending_reads_the_status_from_the_database_not_the_stale_object(item, resident, village):
    stale = type(item).objects.get(pk=item.pk)
    lend(item, resident)
    assert stale.status == ItemStatus.AVAILABLE  # another coordinator's copy
    with pytest.raises(services.LoanRefused):
        lend(stale, ResidentFactory(village=village))


@pytest.mark.parametrize("status", [ItemStatus.MAINTENANCE, ItemStatus.GONE])
def test_an_item_in_repair_or_gone_cannot_be_lent(item, resident, status):
    services.aid_item_set_status(item=item, status=status)
    with pytest.raises(services.LoanRefused):
        lend(item, resident)


def test_a_resident_of_another_village_cannot_borrow(item, other_village):
    with pytest.raises(services.LoanRefused):
        lend(item, ResidentFactory(village=other_village))


def test_the_database_refuses_a_second_open_loan_for_one_item(item, resident):
    LoanFactory(item=item, resident=resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        Loan.objects.create(
            village=item.village, item=item, resident=resident, lent_on=date(2025, 5, 1)
        )


def test_the_database_allows_a_new_loan_once_the_old_one_is_returned(item, resident):
    LoanFactory(item=item, resident=resident, returned_on=date(2025, 3, 5))
    Loan.objects.create(
        village=item.village, item=item, resident=resident, lent_on=date(2025, 5, 1)
    )
    assert Loan.objects.filter(item=item).count() == 2


def test_an_open_loan_the_status_missed_is_still_refused_clearly(item, resident, village):
    # The status says available, but an open loan exists (e.g. imported data).
    LoanFactory(item=item, resident=resident)
    with pytest.raises(services.LoanRefused) as refused:
        lend(item, ResidentFactory(village=village))
    assert "uitgeleend" in " ".join(refused.value.messages)


def test_a_due_date_before_the_start_is_refused(item, resident):
    with pytest.raises(ValidationError):
        lend(item, resident, lent_on=date(2025, 3, 1), due_on=date(2025, 2, 1))


def test_taking_back_closes_the_loan_and_frees_the_item(item, resident, coordinator):
    loan = lend(item, resident)
    services.loan_return(loan=loan, returned_on=date(2025, 4, 1), by=coordinator)
    loan.refresh_from_db()
    item.refresh_from_db()
    assert loan.returned_on == date(2025, 4, 1) and loan.returned_by == coordinator
    assert item.status == ItemStatus.AVAILABLE
    assert item.log_entries.first().kind == LogAction.RETURNED


def test_taking_back_twice_is_refused(item, resident):
    loan = lend(item, resident)
    services.loan_return(loan=loan, returned_on=date(2025, 4, 1))
    with pytest.raises(services.LoanRefused):
        services.loan_return(loan=loan, returned_on=date(2025, 4, 2))


def test_taking_back_before_the_loan_started_is_refused(item, resident):
    loan = lend(item, resident, lent_on=date(2025, 3, 1))
    with pytest.raises(ValidationError):
        services.loan_return(loan=loan, returned_on=date(2025, 2, 1))
    loan.refresh_from_db()
    assert loan.is_open


def test_after_taking_back_it_can_be_lent_again(item, resident, village):
    loan = lend(item, resident)
    services.loan_return(loan=loan, returned_on=date(2025, 4, 1))
    second = lend(item, ResidentFactory(village=village), lent_on=date(2025, 4, 2))
    assert second.is_open


def test_the_status_of_an_item_on_loan_cannot_be_changed_by_hand(item, resident):
    lend(item, resident)
    with pytest.raises(services.LoanRefused):
        services.aid_item_set_status(item=item, status=ItemStatus.MAINTENANCE)


def test_on_loan_is_not_a_status_to_set_by_hand(item):
    with pytest.raises(ValidationError):
        services.aid_item_set_status(item=item, status=ItemStatus.ON_LOAN)


def test_extending_a_loan_changes_the_due_date_and_logs_it(item, resident):
    loan = lend(item, resident)
    services.loan_update(loan=loan, due_on=date(2025, 5, 1), notes="Nog nodig na operatie")
    loan.refresh_from_db()
    assert loan.due_on == date(2025, 5, 1)
    assert loan.log_entries.first().kind == LogAction.LOAN_CHANGED


def test_two_items_in_one_village_cannot_share_a_label(village, item):
    with pytest.raises(ValidationError) as error:
        services.aid_item_create(village=village, aid_type=item.aid_type, label="Rollator 1")
    assert "label" in error.value.message_dict or "__all__" in error.value.message_dict


def test_the_same_label_may_exist_in_another_village(other_village, item):
    assert item.label == "Rollator 1"
    other = services.aid_item_create(
        village=other_village, aid_type=item.aid_type, label="Rollator 1"
    )
    assert other.pk != item.pk
    assert other.village == other_village and other.label == "Rollator 1"


def test_counting_handouts_records_the_quantity(village, coordinator):
    handout = HandoutFactory(village=village, name="Ja/nee-sticker")
    count = services.handout_count_record(
        handout=handout, quantity=25, handed_out_on=date(2025, 2, 3), by=coordinator
    )
    assert count.village == village and count.quantity == 25
    assert handout.log_entries.first().kind == LogAction.HANDOUT_COUNTED


def test_a_handout_count_of_zero_is_refused(village):
    handout = HandoutFactory(village=village)
    with pytest.raises(ValidationError):
        services.handout_count_record(handout=handout, quantity=0, handed_out_on=date(2025, 2, 3))
