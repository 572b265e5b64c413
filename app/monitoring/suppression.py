"""Small-group suppression: no published figure may reveal fewer than five persons.

Primary suppression hides every count of persons from 1 to 4 ("fewer than 5"). That alone is
not enough when a table also publishes totals: with a row total of 12 and the other cells 5 and
6, the hidden cell is 1. So `suppress_table()` adds complementary suppression. Every line whose
cells add up to its total is an equation; a hidden figure, cell or total, never stands alone in
one (a hidden total whose cells are all published would be their sum). The smallest other cell
of the line (a non-zero one first) is hidden too, or the total if the line has no other cell,
and this repeats until no line changes.

When rows and columns both add up, lines can also be combined: hidden figures linked from line
to line in a chain can be worked out one after the other. Seen as a graph (lines are nodes, each
hidden figure joins its row line and its column line), a hidden figure is determined exactly
when it lies on no cycle. So every such figure gets a partner that closes a cycle through it,
again the smallest, until none is left.

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


_TOTALS = object()  # the line of the totals (a row or column key can be anything, even None)


def _entry(row, column):
    """The figure where a row line and a column line meet: the totals line of the columns is
    the extra row (its figures are column totals), that of the rows the extra column."""
    if row is _TOTALS and column is _TOTALS:
        return "grand"
    if row is _TOTALS:
        return ("column", column)
    if column is _TOTALS:
        return ("row", row)
    return ("cell", row, column)


def _cycle_partner(hidden: set, rows: list, columns: list, cost):
    """A figure to hide so that a hidden figure on no cycle gets one, or None if every hidden
    figure lies on a cycle (then none of them follows from the published ones).

    Nodes are ("r", row) and ("c", column), the totals lines included; a hidden figure is the
    edge between its row line and its column line. A bridge (an edge on no cycle) splits its
    component in two; any published figure joining a row line of one part with a column line
    of the other closes a cycle through it.
    """
    row_nodes = [("r", row) for row in [*rows, _TOTALS]]
    column_nodes = [("c", column) for column in [*columns, _TOTALS]]
    adjacent = {node: [] for node in (*row_nodes, *column_nodes)}
    for row_node in row_nodes:
        for column_node in column_nodes:
            if _entry(row_node[1], column_node[1]) in hidden:
                adjacent[row_node].append(column_node)
                adjacent[column_node].append(row_node)

    # Bridges by depth-first search with low links (the graph has rows + columns + 2 nodes).
    order: dict = {}
    low: dict = {}
    bridges = []

    def visit(node, parent):
        order[node] = low[node] = len(order)
        for neighbour in adjacent[node]:
            if neighbour == parent:
                continue
            if neighbour in order:
                low[node] = min(low[node], order[neighbour])
            else:
                visit(neighbour, node)
                low[node] = min(low[node], low[neighbour])
                if low[neighbour] > order[node]:
                    bridges.append((node, neighbour))

    for node in adjacent:
        if node not in order:
            visit(node, None)
    if not bridges:
        return None

    first, second = bridges[0]
    part, other = _reachable(adjacent, first, second), _reachable(adjacent, second, first)
    candidates = [
        _entry(row_node[1], column_node[1])
        for row_node in row_nodes
        for column_node in column_nodes
        if (row_node in part and column_node in other)
        or (row_node in other and column_node in part)
    ]
    candidates = [key for key in candidates if key not in hidden]
    if not candidates:
        # Cannot happen after the line rule: every line with a hidden figure has two, so each
        # part holds a row line and a column line besides the bridge's ends. Fail closed.
        raise RuntimeError("no complementary figure for a disclosed cell")
    return min(candidates, key=cost)


def _reachable(adjacent: dict, start, across) -> set:
    """The nodes reachable from `start` without the edge between `start` and `across`."""
    seen, stack = {start}, [start]
    while stack:
        node = stack.pop()
        for neighbour in adjacent[node]:
            if neighbour in seen or {node, neighbour} == {start, across}:
                continue
            seen.add(neighbour)
            stack.append(neighbour)
    return seen


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

    def cost(key):
        # Smallest first, non-zero before zero: hides the least information.
        return (raw[key] == 0, raw[key])

    while True:
        changed = True
        while changed:
            changed = False
            for line in lines:
                unknowns = sum(key in hidden for key in (*line.members, line.total))
                if unknowns != 1:
                    continue
                candidates = [key for key in line.members if key not in hidden]
                hidden.add(min(candidates, key=cost) if candidates else line.total)
                changed = True
        # With only rows or only columns adding up, every figure is in one line: done.
        if not (additive_rows and additive_columns):
            break
        partner = _cycle_partner(hidden, rows, columns, cost)
        if partner is None:
            break
        hidden.add(partner)

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
