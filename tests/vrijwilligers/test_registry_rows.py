"""The registry's row builder gives the same text as the shared helpers it stands in for."""

import itertools
import random
from datetime import date

import pytest
from django.utils import translation
from django.utils.html import escape

from accounts.templatetags.nl_format import format_nl_date
from vrijwilligers.availability import Daypart, slots_summary
from vrijwilligers.registry_rows import RegistryRows

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True, params=["nl", "en"])
def _language(request):
    with translation.override(request.param):
        yield


@pytest.mark.parametrize("year", [2026, 2025, 1999])
def test_dates_read_as_format_nl_date(year):
    rows = RegistryRows(today=TODAY)
    for month, day in itertools.product(range(1, 13), (1, 9, 28)):
        value = date(year, month, day)
        assert rows.date(value) == format_nl_date(value, today=TODAY)
        assert rows.date(value) == format_nl_date(value, today=TODAY)  # from the memo
    assert rows.date(None) == ""


def test_a_weekly_pattern_reads_as_slots_summary():
    rows = RegistryRows(today=TODAY)
    every = [(day, part) for day in range(7) for part in Daypart.values]
    chance = random.Random(18)
    patterns = [[], every, [(6, "evening"), (0, "morning")]]
    patterns += [chance.sample(every, chance.randint(1, len(every))) for _ in range(60)]
    for pattern in patterns:
        expected = ", ".join(
            f'<span class="text-nowrap">{escape(day)} {escape("/".join(parts))}</span>'
            for day, parts in slots_summary(pattern)
        )
        assert rows.available(pattern) == (expected or "–")
        assert rows.available(reversed(pattern)) == (expected or "–")
