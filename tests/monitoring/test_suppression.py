"""Small-group suppression: person counts below 5 and the cells that would reveal them.

Besides hand-computed tables, random tables are checked against what an attacker can do with
the published figures (tests/monitoring/disclosure.py): every line is an equation, and no
hidden figure may follow from the published ones.
"""

import random

import pytest

from app.monitoring.suppression import (
    EMPTY,
    MIN_GROUP,
    SUPPRESSED,
    Cell,
    person_count,
    share,
    suppress_table,
)
from tests.monitoring.disclosure import figures, hidden_keys, lines, revealed


def raw_figures(counts, rows, columns, row_totals=None):
    raw = {("cell", r, c): counts.get((r, c), 0) for r in rows for c in columns}
    for r in rows:
        raw[("row", r)] = row_totals[r] if row_totals else sum(raw[("cell", r, c)] for c in columns)
    for c in columns:
        raw[("column", c)] = sum(raw[("cell", r, c)] for r in rows)
    raw["grand"] = sum(raw[("row", r)] for r in rows)
    return raw


# --- single figures ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, Cell(0)), (1, SUPPRESSED), (4, SUPPRESSED), (5, Cell(5)), (120, Cell(120))],
)
def test_person_count_hides_one_to_four(count, expected):
    assert person_count(count) == expected


def test_person_count_with_another_minimum():
    assert person_count(9, min_group=10) == SUPPRESSED
    assert person_count(10, min_group=10) == Cell(10)


def test_suppressed_cell_carries_no_value():
    assert SUPPRESSED.value is None
    assert SUPPRESSED.suppressed and not SUPPRESSED.known
    assert Cell(0).known and Cell(7).known
    assert not EMPTY.known and not EMPTY.suppressed


def test_share_in_per_cent_rounded_to_one_place():
    assert share(Cell(1), Cell(3)) == Cell(33.3)
    assert share(Cell(5), Cell(5)) == Cell(100.0)
    assert share(Cell(0), Cell(8)) == Cell(0.0)


def test_share_hidden_when_a_part_is_hidden_and_undefined_for_nobody():
    assert share(SUPPRESSED, Cell(10)) == SUPPRESSED
    assert share(Cell(10), SUPPRESSED) == SUPPRESSED
    assert share(Cell(0), Cell(0)) == EMPTY
    assert share(EMPTY, Cell(10)) == EMPTY


# --- hand-computed tables ----------------------------------------------------------------------


def test_table_without_small_counts_is_published_as_is():
    counts = {("a", "x"): 5, ("a", "y"): 0, ("b", "x"): 7, ("b", "y"): 12}
    table = suppress_table(counts, ["a", "b"], ["x", "y"])
    assert hidden_keys(table) == set()
    assert table.cell("a", "y") == Cell(0)  # nobody is shown as 0, not hidden
    assert table.row_totals == {"a": Cell(5), "b": Cell(19)}
    assert table.column_totals == {"x": Cell(12), "y": Cell(12)}
    assert table.grand_total == Cell(24)


def test_one_small_cell_in_a_row_with_a_published_total_takes_a_second_cell_with_it():
    # r1: 2 + 6 + 7 = 15, r2: 8 + 9 + 10 = 27. The 2 alone would be 15 - 6 - 7.
    counts = {
        ("r1", "a"): 2,
        ("r1", "b"): 6,
        ("r1", "c"): 7,
        ("r2", "a"): 8,
        ("r2", "b"): 9,
        ("r2", "c"): 10,
    }
    table = suppress_table(counts, ["r1", "r2"], ["a", "b", "c"])
    # The smallest other cell of the row (6) goes with it; then each column has one hidden
    # cell, so the cells below go too: a 2 x 2 block that no line can resolve.
    assert hidden_keys(table) == {
        ("cell", "r1", "a"),
        ("cell", "r1", "b"),
        ("cell", "r2", "a"),
        ("cell", "r2", "b"),
    }
    assert table.cell("r1", "c") == Cell(7) and table.cell("r2", "c") == Cell(10)
    assert table.row_totals == {"r1": Cell(15), "r2": Cell(27)}
    assert table.column_totals == {"a": Cell(10), "b": Cell(15), "c": Cell(17)}
    assert table.grand_total == Cell(42)
    assert revealed(table) == set()


def test_a_different_small_count_publishes_exactly_the_same_table():
    """The published figures cannot tell 2 from 3 in the small cell: both tables agree."""
    rows, columns = ["r1", "r2"], ["a", "b", "c"]
    first = {("r1", "a"): 2, ("r1", "b"): 6, ("r1", "c"): 7}
    first.update({("r2", "a"): 8, ("r2", "b"): 9, ("r2", "c"): 10})
    # The same margins with r1/a one higher: 3 + 5 + 7 = 15, 7 + 10 + 10 = 27.
    second = {("r1", "a"): 3, ("r1", "b"): 5, ("r1", "c"): 7}
    second.update({("r2", "a"): 7, ("r2", "b"): 10, ("r2", "c"): 10})
    assert figures(suppress_table(first, rows, columns)) == figures(
        suppress_table(second, rows, columns)
    )


def test_a_hidden_total_is_never_recoverable_from_its_published_cells():
    """Row totals 3 (hidden), 12, 10 and 6 of 31: a second total must go, and not one whose
    own cells are all published (it would be their sum, and 3 = 31 - 12 - 10 - 6)."""
    rows, columns = ["A", "B", "C", "D"], ["x", "y", "z"]
    counts = {
        ("A", "x"): 2,
        ("A", "z"): 1,
        ("B", "x"): 6,
        ("B", "y"): 6,
        ("C", "x"): 5,
        ("C", "y"): 5,
        ("D", "y"): 6,
    }
    table = suppress_table(counts, rows, columns)
    assert table.row_totals["A"] == SUPPRESSED
    assert revealed(table) == set()


def test_lines_chained_together_cannot_work_out_a_hidden_cell():
    """Every line has two hidden figures or none, yet a chain of lines can solve one:
    c0 = r1/c0 (the rest of column c0 is 0), r1/c0 + r1/c2 = 17 - 10 = 7, c0 + c2 = 33 - 25 = 8,
    so r1/c2 + r2/c2 = c2 = 8 - r1/c0, and r2/c2 = 8 - 7 = 1. A further cell must break the
    chain: the smallest one that closes a cycle through it (r1/c1, 10)."""
    rows, columns = ["r0", "r1", "r2"], ["c0", "c1", "c2"]
    counts = {
        ("r0", "c1"): 3,
        ("r1", "c0"): 6,
        ("r1", "c1"): 10,
        ("r1", "c2"): 1,
        ("r2", "c1"): 12,
        ("r2", "c2"): 1,
    }
    table = suppress_table(counts, rows, columns)
    assert hidden_keys(table) == {
        ("cell", "r0", "c1"),
        ("cell", "r1", "c0"),
        ("cell", "r1", "c1"),
        ("cell", "r1", "c2"),
        ("cell", "r2", "c1"),
        ("cell", "r2", "c2"),
        ("row", "r0"),
        ("row", "r2"),
        ("column", "c0"),
        ("column", "c2"),
    }
    assert table.row_totals["r1"] == Cell(17)
    assert table.column_totals["c1"] == Cell(25)
    assert table.grand_total == Cell(33)
    assert revealed(table) == set()


def test_line_with_a_single_cell_hides_its_total_instead():
    # One column: row r2's only cell is hidden to protect r1, so its total (the same number)
    # must go too; the column total and the grand total stay (two hidden rows).
    table = suppress_table({("r1", "a"): 3, ("r2", "a"): 10}, ["r1", "r2"], ["a"])
    assert table.cell("r1", "a") == SUPPRESSED and table.cell("r2", "a") == SUPPRESSED
    assert table.row_totals == {"r1": SUPPRESSED, "r2": SUPPRESSED}
    assert table.column_totals == {"a": Cell(13)}
    assert table.grand_total == Cell(13)
    assert revealed(table) == set()


def test_a_small_total_is_protected_like_a_cell_and_zeros_stay_visible():
    # Column a holds 3 persons: its total is hidden, so the line of column totals (a + b =
    # grand) loses b's total too; row r1 (3 + 9 = 12) loses its 9. Row r2 stays whole, its 0
    # included: the zero is not needed to protect anything.
    counts = {("r1", "a"): 3, ("r1", "b"): 9, ("r2", "a"): 0, ("r2", "b"): 20}
    table = suppress_table(counts, ["r1", "r2"], ["a", "b"])
    assert hidden_keys(table) == {
        ("cell", "r1", "a"),
        ("cell", "r1", "b"),
        ("column", "a"),
        ("column", "b"),
    }
    assert table.cell("r2", "a") == Cell(0)
    assert table.cell("r2", "b") == Cell(20)
    assert table.row_totals == {"r1": Cell(12), "r2": Cell(20)}
    assert table.grand_total == Cell(32)
    assert revealed(table) == set()


def test_rows_that_do_not_add_up_are_not_used_as_lines():
    """Several answers per person: a row's total is its number of persons, not a sum, so only
    the columns (and the row totals with the grand total) are lines."""
    counts = {("r1", "a"): 3, ("r1", "b"): 10, ("r2", "a"): 6, ("r2", "b"): 7}
    table = suppress_table(
        counts, ["r1", "r2"], ["a", "b"], row_totals={"r1": 12, "r2": 11}, additive_rows=False
    )
    assert hidden_keys(table) == {("cell", "r1", "a"), ("cell", "r2", "a")}
    assert table.cell("r1", "b") == Cell(10)
    assert table.row_totals == {"r1": Cell(12), "r2": Cell(11)}
    assert table.column_totals == {"a": Cell(9), "b": Cell(17)}
    assert table.grand_total == Cell(23)


def test_empty_table():
    table = suppress_table({}, [], ["a", "b"])
    assert table.cells == {} and table.row_totals == {}
    assert table.column_totals == {"a": Cell(0), "b": Cell(0)}
    assert table.grand_total == Cell(0)


# --- random tables -----------------------------------------------------------------------------

SMALL_HEAVY = [0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 9, 12, 20, 35]


def random_table(rng: random.Random):
    rows = [f"r{i}" for i in range(rng.randint(1, 5))]
    columns = [f"c{j}" for j in range(rng.randint(1, 5))]
    counts = {(r, c): rng.choice(SMALL_HEAVY) for r in rows for c in columns}
    return counts, rows, columns


def check_published(table, raw):
    for key, cell in figures(table).items():
        if cell.suppressed:
            assert cell.value is None
        else:
            # What is published is the true figure, and never a group of 1 to 4.
            assert cell.value == raw[key]
            assert not 0 < cell.value < MIN_GROUP, key


@pytest.mark.parametrize("seed", range(8))
def test_random_tables_never_reveal_a_hidden_figure(seed):
    rng = random.Random(seed)
    for _ in range(150):
        counts, rows, columns = random_table(rng)
        table = suppress_table(counts, rows, columns)
        check_published(table, raw_figures(counts, rows, columns))
        published = figures(table)
        for members, total in lines(rows, columns):
            if not published[total].suppressed:
                hidden_members = [key for key in members if published[key].suppressed]
                assert len(hidden_members) != 1, (counts, members)
        assert revealed(table) == set(), counts


@pytest.mark.parametrize("seed", range(4))
def test_random_tables_with_several_answers_per_person(seed):
    """Rows that do not add up (a person may name several languages): row totals at least the
    largest cell, never the sum."""
    rng = random.Random(1000 + seed)
    for _ in range(150):
        counts, rows, columns = random_table(rng)
        row_totals = {
            r: max([counts[(r, c)] for c in columns]) + rng.choice([0, 1, 2, 6]) for r in rows
        }
        table = suppress_table(counts, rows, columns, row_totals=row_totals, additive_rows=False)
        check_published(table, raw_figures(counts, rows, columns, row_totals))
        assert revealed(table, additive_rows=False) == set(), (counts, row_totals)
