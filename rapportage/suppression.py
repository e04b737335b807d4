"""Small-number suppression for the municipality's report: one rule, pure, documented in
docs/maatschappelijke-waarde.md ("Kleine aantallen").

In a village everyone knows everyone: "1 referral to the debt-help service from Kantens"
points at a person. So a report that leaves the desk never shows a count from 1 to 4.

The rule, for one table (a grid of cells in which some lines have a total):

1. *Primary*: a count from 1 to 4 is shown as "< 5" (`SMALL`). 0 is shown: it names nobody.
   A sum (hours, kilometres) is hidden ("x", `HIDDEN`) when fewer than 5 people contributed
   to it; the caller passes that as the `primary` mask.
2. *Secondary*: a hidden cell must not be derivable by subtraction. In every line with a
   total (a row with its region total, a column with its total row), if exactly one cell of
   that line is hidden, one more is hidden: the smallest non-zero shown cell of the line
   (not the total, unless nothing else is left). Repeated until no line has a single hidden
   cell. Secondary cells show "x".

This stops the subtraction of one line (total minus the rest); it does not claim to stop
every combination of several tables. The report therefore shows only aggregates of one
year and never a person's record, and a table has at most one level of totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

THRESHOLD = 5
SMALL = "< 5"
HIDDEN = "x"

Number = int | float | Decimal

SHOWN_STATE = "shown"
SMALL_STATE = "small"
HIDDEN_STATE = "hidden"


@dataclass(frozen=True)
class Cell:
    """One figure as it may leave the desk: its value only when `state` is "shown"."""

    value: Number | None
    state: str = SHOWN_STATE

    @property
    def shown(self) -> bool:
        return self.state == SHOWN_STATE

    @property
    def display_value(self):
        """The number when shown, else the text that replaces it."""
        if self.state == SMALL_STATE:
            return SMALL
        if self.state == HIDDEN_STATE:
            return HIDDEN
        return self.value


def is_small(value: Number | None) -> bool:
    """A count that would point at a person: 1 to 4 (0 and None are not small)."""
    return value is not None and 0 < value < THRESHOLD


def suppress(
    values: list[list[Number | None]],
    *,
    row_totals: bool,
    column_totals: bool,
    primary: list[list[bool]] | None = None,
    small_label: bool = True,
) -> list[list[Cell]]:
    """The grid `values` with small numbers suppressed (see the module docstring).

    When `row_totals`, the last cell of every row is the total of that row (the region
    column); when `column_totals`, the last row holds the total of every column. `primary`
    marks the cells to hide in step 1 (default: the counts from 1 to 4). With
    `small_label` a primary cell shows "< 5", else "x" (for sums, where "< 5" would be
    untrue).
    """
    n_rows = len(values)
    n_cols = len(values[0]) if values else 0
    if primary is None:
        primary = [[is_small(v) for v in row] for row in values]
    hidden = [list(row) for row in primary]

    lines: list[list[tuple[int, int]]] = []
    data_rows = n_rows - 1 if column_totals else n_rows
    data_cols = n_cols - 1 if row_totals else n_cols
    if row_totals:
        lines += [[(r, c) for c in range(n_cols)] for r in range(n_rows)]
    if column_totals:
        lines += [[(r, c) for r in range(n_rows)] for c in range(n_cols)]

    def is_total(r: int, c: int) -> bool:
        return (column_totals and r == data_rows) or (row_totals and c == data_cols)

    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(hidden[r][c] for r, c in line) != 1:
                continue
            candidates = [(r, c) for r, c in line if not hidden[r][c] and (values[r][c] or 0) > 0]
            if not candidates:
                continue  # the rest is zero: nothing to subtract from
            members = [rc for rc in candidates if not is_total(*rc)]
            r, c = min(members or candidates, key=lambda rc: (values[rc[0]][rc[1]], rc))
            hidden[r][c] = True
            changed = True

    out = []
    for r in range(n_rows):
        row = []
        for c in range(n_cols):
            if not hidden[r][c]:
                row.append(Cell(values[r][c]))
            elif primary[r][c] and small_label:
                row.append(Cell(values[r][c], SMALL_STATE))
            else:
                row.append(Cell(values[r][c], HIDDEN_STATE))
        out.append(row)
    return out
