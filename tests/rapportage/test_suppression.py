"""The one rule for small numbers in the municipality's report (rapportage.suppression)."""

from rapportage.suppression import HIDDEN, SMALL, suppress


def shown(grid):
    return [[cell.display_value for cell in row] for row in grid]


def test_counts_from_one_to_four_show_as_less_than_five_and_zero_stays():
    (row,) = suppress([[0, 1, 4, 5, 12]], row_totals=False, column_totals=False)
    assert [c.display_value for c in row] == [0, SMALL, SMALL, 5, 12]


def test_a_single_small_count_in_a_column_with_a_total_takes_a_second_cell_with_it():
    # kinds of help in one village: 3 + 7 + 20 = 30; 30 - 7 - 20 would give the 3 away
    grid = suppress([[3], [7], [20], [30]], row_totals=False, column_totals=True)
    assert shown(grid) == [[SMALL], [HIDDEN], [20], [30]]


def test_two_small_counts_in_a_column_need_nothing_more():
    grid = suppress([[3], [2], [20], [25]], row_totals=False, column_totals=True)
    assert shown(grid) == [[SMALL], [SMALL], [20], [25]]


def test_the_region_column_cannot_give_a_village_away():
    # one row, two villages and their region total: 12 - 9 would reveal the 3
    (row,) = suppress([[9, 3, 12]], row_totals=True, column_totals=False)
    assert [c.display_value for c in row] == [HIDDEN, SMALL, 12]


def test_a_small_count_whose_neighbours_are_zero_hides_the_total():
    grid = suppress([[0], [2], [0], [2]], row_totals=False, column_totals=True)
    assert shown(grid) == [[0], [SMALL], [0], [SMALL]]
    (row,) = suppress([[0, 6, 6]], row_totals=True, column_totals=False)
    assert [c.display_value for c in row] == [0, 6, 6]


def test_secondary_suppression_goes_on_until_no_line_gives_a_cell_away():
    # villages A, B and the region; kinds x, y and the total row
    values = [
        [2, 10, 12],  # x: the 2 is small -> in this row one more goes (the 10)
        [8, 9, 17],  # y
        [10, 19, 29],  # totals
    ]
    grid = suppress(values, row_totals=True, column_totals=True)
    hidden = {(r, c) for r, row in enumerate(grid) for c, cell in enumerate(row) if not cell.shown}
    # every line with a total has zero or at least two hidden cells
    lines = [[(r, c) for c in range(3)] for r in range(3)] + [
        [(r, c) for r in range(3)] for c in range(3)
    ]
    for line in lines:
        assert sum((r, c) in hidden for r, c in line) != 1
    assert grid[0][0].display_value == SMALL


def test_hidden_sums_say_x_not_less_than_five():
    (row,) = suppress(
        [[120.5, 3.0, 123.5]],
        row_totals=True,
        column_totals=False,
        primary=[[False, True, False]],
        small_label=False,
    )
    assert [c.display_value for c in row] == [HIDDEN, HIDDEN, 123.5]
