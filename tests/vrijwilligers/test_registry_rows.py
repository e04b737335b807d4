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


@pytest.mark.django_db
def _pairs(pattern: str) -> list[tuple[int, str]]:
    return [(int(pair.split()[0]), pair.split()[1]) for pair in pattern.split(",") if pair]


def test_page_facts_read_what_the_orm_reads(village):
    from datetime import timedelta

    from hulpvragen.models import HelpCategory
    from tests.vrijwilligers.factories import AbsenceFactory, VolunteerFactory
    from vrijwilligers.registry_rows import page_facts, pattern_text

    kinds = list(HelpCategory.objects.all()[:4])
    day = timedelta(days=1)
    people = [
        VolunteerFactory(
            village=village, categories=kinds[:3], slots=[(0, "morning"), (4, "evening")]
        ),
        VolunteerFactory(
            village=village, categories=[kinds[3], kinds[0]], slots=[(2, "afternoon")]
        ),
        VolunteerFactory(village=village),
        VolunteerFactory(village=village, slots=[(6, "morning")]),
    ]
    AbsenceFactory(volunteer=people[0], starts_on=TODAY - day, ends_on=TODAY)  # absent
    AbsenceFactory(volunteer=people[0], starts_on=TODAY, ends_on=TODAY + day)  # twice over
    AbsenceFactory(volunteer=people[1], starts_on=TODAY + day, ends_on=TODAY + 3 * day)
    AbsenceFactory(volunteer=people[2], starts_on=TODAY - 5 * day, ends_on=TODAY - day)
    AbsenceFactory(volunteer=people[3], starts_on=TODAY, ends_on=TODAY)  # absent
    facts = page_facts([p.pk for p in people], today=TODAY)
    rows = RegistryRows(today=TODAY)
    for person in people:
        pattern = facts.slots.get(person.pk, "")
        assert pattern_text(_pairs(pattern)) == pattern_text(person.weekly_slots)
        assert rows.pattern(pattern) == rows.available(person.weekly_slots)
        offered = person.categories.order_by("order", "name").values_list("name", flat=True)
        assert facts.kinds.get(person.pk, "") == ", ".join(offered)
    assert facts.absent_now == {people[0].pk, people[3].pk}
    assert page_facts([], today=TODAY).slots == {}


def test_a_page_reads_as_its_rows_one_by_one():
    from vrijwilligers.registry_rows import PageFacts, Row, pattern_text

    chance = random.Random(7)
    every = [(day, part) for day in range(7) for part in Daypart.values]
    volunteers, facts, slots, kinds = [], PageFacts(), {}, {}
    for pk in range(1, 41):
        volunteers.append(
            Row(
                pk=pk,
                first_name=chance.choice(["Harm", "<b>Jo</b>", "van 't", ""]),
                last_name=chance.choice(["Wierenga", "& Zn", ""]),
                place=chance.choice(["Warffum", "Uithuizen & <i>Usquert</i>", ""]),
                phone=chance.choice(["", "0612345678", "0595421234", "+49 <1>"]),
                email=chance.choice(["", "a@b.nl"]),
                status=chance.choice(["active", "paused", "signed_up", "stopped", "<odd>"]),
                last_asked_on=chance.choice([None, date(2026, 2, 1), date(2025, 12, 31)]),
                last_confirmed_on=chance.choice([None, date(2026, 6, 15), date(1999, 1, 9)]),
            )
        )
        if chance.random() < 0.8:
            slots[pk] = set(chance.sample(every, chance.randint(1, 5)))
            facts.slots[pk] = pattern_text(slots[pk])
        if chance.random() < 0.8:
            kinds[pk] = chance.sample(["Tuin & erf", "Vervoer", "<b>Klus</b>", ""], 2)
            facts.kinds[pk] = ", ".join(kinds[pk])
        if chance.random() < 0.3:
            facts.absent_now.add(pk)
    one_by_one = [
        RegistryRows(today=TODAY).html(
            v,
            slots=slots.get(v.pk, ()),
            kinds=kinds.get(v.pk, ()),
            absent_now=v.pk in facts.absent_now,
        )
        for v in volunteers
    ]
    assert RegistryRows(today=TODAY).page(volunteers, facts) == one_by_one
    assert all("<b>" not in row and "<i>" not in row for row in one_by_one)
