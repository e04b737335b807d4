"""Permission rows for activities: only the village's coordinators get in."""

from tests.permission_rows import NOT_FOUND, OK, Row, only

from .factories import ActivityFactory

COORDINATORS = only({"coordinator": OK, "other_coordinator": OK})
OWN_VILLAGE = only({"coordinator": OK}, default=NOT_FOUND)


def activity(w):
    return {"pk": ActivityFactory(village=w.village).pk}


ROWS = [
    Row("activiteiten:list", COORDINATORS),
    Row("activiteiten:create", COORDINATORS),
    Row("activiteiten:volunteer_picker", COORDINATORS),
    Row("activiteiten:detail", OWN_VILLAGE, kwargs=activity),
    Row("activiteiten:edit", OWN_VILLAGE, kwargs=activity),
]
