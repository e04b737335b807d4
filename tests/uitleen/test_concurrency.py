"""Two coordinators click "lend" on the same aid at the same moment (PostgreSQL only:
SQLite has no row locks and serialises all writes anyway)."""

import threading
import time
from datetime import date

import pytest
from django.db import connection

from uitleen import services
from uitleen.models import ItemStatus, Loan

from .factories import AidItemFactory, ResidentFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_lending_of_one_item_lends_it_once_and_refuses_the_other(village, monkeypatch):
    item = AidItemFactory(village=village, label="Rolstoel 1")
    residents = [ResidentFactory(village=village) for _ in range(2)]
    original_full_clean = Loan.full_clean

    def slow_full_clean(self, *args, **kwargs):
        # Hold the row lock a moment, so the other click surely arrives while we decide.
        time.sleep(0.3)
        return original_full_clean(self, *args, **kwargs)

    monkeypatch.setattr(Loan, "full_clean", slow_full_clean)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def click(resident):
        try:
            barrier.wait()
            services.loan_start(item=item, resident=resident, lent_on=date(2025, 3, 1))
            outcomes.append("lent")
        except services.LoanRefused as refused:
            outcomes.append(refused.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=(r,)) for r in residents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert sorted(outcomes, key=lambda o: o != "lent")[0] == "lent"
    assert len(outcomes) == 2 and outcomes.count("lent") == 1
    refusal = next(o for o in outcomes if o != "lent")
    assert "Rolstoel 1" in refusal and "uitgeleend" in refusal
    assert Loan.objects.filter(item=item, returned_on__isnull=True).count() == 1
    item.refresh_from_db()
    assert item.status == ItemStatus.ON_LOAN
