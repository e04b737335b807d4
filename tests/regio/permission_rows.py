"""Permission rows for the view across villages: whoever may read a village's aggregates
(readers and coordinators) sees it for their own villages; everyone else a 404."""

from tests.permission_rows import OK, Row, only

ROWS = [
    Row("regio:region", only({"coordinator": OK, "reader": OK, "other_coordinator": OK})),
]
