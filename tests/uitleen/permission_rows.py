"""Permission rows for lending and handouts: only the village's coordinators get in."""

from tests.permission_rows import NOT_FOUND, OK, REDIRECT, Row, only

from .factories import AidItemFactory, HandoutFactory, LoanFactory

COORDINATORS = only({"coordinator": OK, "other_coordinator": OK})
OWN_VILLAGE = only({"coordinator": OK}, default=NOT_FOUND)
OWN_VILLAGE_POST = only({"coordinator": REDIRECT}, default=NOT_FOUND)


def item(w):
    return {"pk": AidItemFactory(village=w.village).pk}


def open_loan(w):
    return {"pk": LoanFactory(item__village=w.village).pk}


def handout(w):
    return {"pk": HandoutFactory(village=w.village).pk}


ROWS = [
    Row("uitleen:inventory", COORDINATORS),
    Row("uitleen:overdue", COORDINATORS),
    Row("uitleen:item_create", COORDINATORS),
    Row("uitleen:item_detail", OWN_VILLAGE, kwargs=item),
    Row("uitleen:item_edit", OWN_VILLAGE, kwargs=item),
    Row(
        "uitleen:item_status",
        OWN_VILLAGE_POST,
        kwargs=item,
        method="post",
        data={"status": "maintenance"},
    ),
    Row("uitleen:lend", COORDINATORS),
    Row("uitleen:loan_return", OWN_VILLAGE_POST, kwargs=open_loan, method="post"),
    Row("uitleen:loan_edit", OWN_VILLAGE, kwargs=open_loan),
    Row("uitleen:handouts", COORDINATORS),
    Row("uitleen:handout_create", COORDINATORS),
    Row("uitleen:handout_edit", OWN_VILLAGE, kwargs=handout),
    Row(
        "uitleen:handout_count",
        OWN_VILLAGE_POST,
        kwargs=handout,
        method="post",
        data={"quantity": 3, "handed_out_on": "2025-01-02"},
    ),
]
