"""accounts.id_lists.in_ids: the same rows as a plain `__in`, on every database."""

import pytest

from accounts.id_lists import in_ids
from accounts.models import Village

pytestmark = pytest.mark.django_db


def test_the_same_villages_as_a_list_of_ids_and_none_for_an_empty_list():
    made = [Village.objects.create(name=f"Dorp {n}", slug=f"dorp-{n}") for n in range(5)]
    chosen = [made[1].pk, made[3].pk, 10**9]
    found = set(Village.objects.filter(in_ids("id", chosen)).values_list("pk", flat=True))
    assert found == {made[1].pk, made[3].pk}
    assert found == set(Village.objects.filter(pk__in=chosen).values_list("pk", flat=True))
    assert not Village.objects.filter(in_ids("id", [])).exists()
