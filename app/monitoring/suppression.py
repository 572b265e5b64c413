"""Small-group suppression: no published figure may reveal fewer than five persons.

Primary suppression hides every count of persons from 1 to 4 ("fewer than 5"). That alone is
not enough when a table also publishes totals: with a row total of 12 and the other cells 5 and
6, the hidden cell is 1. So `suppress_table()` adds complementary suppression: in every line
whose total is published and whose cells add up to it, a hidden cell never stands alone; the
smallest other cell (a non-zero one first) is hidden too, and this repeats until no line changes.
If a line has nothing left to hide, its total is hidden instead.

Zero stays visible: "nobody" is what an empty period or region shows, and a hidden zero could be
told apart from 1-4 anyway once totals are known.

Only `Cell` objects leave this module; the value of a suppressed cell is dropped there and then,
so no template, chart or export can print it by mistake.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

MIN_GROUP = 5


@dataclass(frozen=True)
class Cell:
    """A published figure: its value, or `suppressed` (value None) below the minimum group."""

    value: float | int | None
    suppressed: bool = False

    @property
    def known(self) -> bool:
        return self.value is not None and not self.suppressed


SUPPRESSED = Cell(None, True)
EMPTY = Cell(None)  # not defined (e.g. a share of nobody, a median of no values)


def person_count(count: int, min_group: int = MIN_GROUP) -> Cell:
    """A count of persons, hidden from 1 to min_group - 1."""
    return SUPPRESSED if 0 < count < min_group else Cell(count)


def share(part: Cell, whole: Cell) -> Cell:
    """part / whole in per cent; hidden when either is hidden, undefined for a whole of 0."""
    if part.suppressed or whole.suppressed:
        return SUPPRESSED
    if not whole.value or part.value is None:
        return EMPTY
    return Cell(round(100 * part.value / whole.value, 1))


@dataclass
class SuppressedTable:
    """Cells by (row, column) plus row totals, column totals and the grand total."""

    rows: list
    columns: list
    cells: dict = field(default_factory=dict)
    row_totals: dict = field(default_factory=dict)
    column_totals: dict = field(default_factory=dict)
    grand_total: Cell = EMPTY

    def cell(self, row, column) -> Cell:
        return self.cells[(row, column)]


@dataclass
class _Line:
    """Cells that add up to a total (keys into one dict of raw counts)."""

    members: list
    total: Hashable


def suppress_table(
    counts: dict,
    rows: Iterable,
    columns: Iterable,
    row_totals: dict | None = None,
    column_totals: dict | None = None,
    grand_total: int | None = None,
    *,
    additive_rows: bool = True,
    additive_columns: bool = True,
    min_group: int = MIN_GROUP,
) -> SuppressedTable:
    """Suppress a table of person counts with its totals.

    `counts` maps (row, column) to a count (missing means 0). Totals default to the sums; pass
    them when they are not sums (several languages per person: a region's row total is its
    number of persons, not the sum of its language cells) and say so with `additive_rows=False`
    (or `additive_columns=False` when a column's cells do not add up to its total).
    """
    rows, columns = list(rows), list(columns)
    raw = {("cell", r, c): counts.get((r, c), 0) for r in rows for c in columns}
    for r in rows:
        raw[("row", r)] = (
            row_totals[r] if row_totals is not None else sum(raw[("cell", r, c)] for c in columns)
        )
    for c in columns:
        raw[("column", c)] = (
            column_totals[c]
            if column_totals is not None
            else sum(raw[("cell", r, c)] for r in rows)
        )
    raw["grand"] = grand_total if grand_total is not None else sum(raw[("row", r)] for r in rows)

    hidden = {key for key, value in raw.items() if 0 < value < min_group}

    lines: list[_Line] = []
    if additive_rows:
        lines += [_Line([("cell", r, c) for c in columns], ("row", r)) for r in rows]
        lines.append(_Line([("column", c) for c in columns], "grand"))
    if additive_columns:
        lines += [_Line([("cell", r, c) for r in rows], ("column", c)) for c in columns]
        lines.append(_Line([("row", r) for r in rows], "grand"))

    changed = True
    while changed:
        changed = False
        for line in lines:
            if line.total in hidden:
                continue
            hidden_members = [key for key in line.members if key in hidden]
            if len(hidden_members) != 1:
                continue
            candidates = [key for key in line.members if key not in hidden]
            if candidates:
                # Smallest first, non-zero before zero: hides the least information.
                hidden.add(min(candidates, key=lambda key: (raw[key] == 0, raw[key])))
            else:
                hidden.add(line.total)
            changed = True

    def publish(key) -> Cell:
        return SUPPRESSED if key in hidden else Cell(raw[key])

    return SuppressedTable(
        rows=rows,
        columns=columns,
        cells={(r, c): publish(("cell", r, c)) for r in rows for c in columns},
        row_totals={r: publish(("row", r)) for r in rows},
        column_totals={c: publish(("column", c)) for c in columns},
        grand_total=publish("grand"),
    )
