"""accounts.join_order: the written join order holds inside the block and only there."""

import pytest
from django.db import connection, transaction

from accounts.join_order import in_written_order

pytestmark = pytest.mark.django_db(transaction=True)


def _limit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW join_collapse_limit")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_inside_the_block_the_joins_keep_their_order_and_after_it_the_default_returns():
    default = _limit()
    with in_written_order():
        assert _limit() == "1"
    assert _limit() == default != "1"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_inside_a_transaction_already_nothing_changes():
    default = _limit()
    with transaction.atomic():
        with in_written_order():
            assert _limit() == default
        assert _limit() == default
