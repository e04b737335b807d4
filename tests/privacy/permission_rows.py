"""Permission rows for export and erasure per resident: coordinators of the village only."""

from tests.hulpvragen.factories import ResidentFactory
from tests.permission_rows import OK, REDIRECT, Row, only

OWN = only({"coordinator": OK})


def a_resident(world):
    return {"pk": ResidentFactory(village=world.village).pk}


ROWS = [
    Row("privacy:export_json", OWN, kwargs=a_resident),
    Row("privacy:export_pdf", OWN, kwargs=a_resident),
    Row("privacy:resident_erase", OWN, kwargs=a_resident),
    Row(
        "privacy:resident_erase",
        only({"coordinator": REDIRECT}),
        kwargs=a_resident,
        method="post",
        id="privacy:resident_erase-post",
    ),
]
