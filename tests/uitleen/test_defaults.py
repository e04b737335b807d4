import pytest

from activiteiten.models import ActivityKind
from uitleen.models import AidType

pytestmark = pytest.mark.django_db


def test_the_default_kinds_of_aid_exist():
    codes = set(AidType.objects.values_list("code", flat=True))
    assert codes >= {"rolstoel", "rollator", "krukken", "douchestoel"}


def test_the_default_kinds_of_activity_exist():
    codes = set(ActivityKind.objects.values_list("code", flat=True))
    assert codes >= {"voedselbankcollecte", "fittest", "eenzaamheidspact", "flyerronde",
                     "koffieochtend"}  # fmt: skip
