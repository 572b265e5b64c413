"""What an attacker can compute from published tables: every line of a table (a row or column
with its total) is an equation, and a hidden figure is revealed when the published figures
determine it. `determined()` finds those by exact linear algebra over the hidden figures
(bounds such as "not negative" aside).

Keys of a SuppressedTable's figures: ("cell", row, column), ("row", row), ("column", column)
and "grand".
"""

from fractions import Fraction


def figures(table) -> dict:
    """Every published figure of a SuppressedTable by key, as the attacker sees them."""
    found = {("cell", r, c): table.cells[(r, c)] for r in table.rows for c in table.columns}
    found.update({("row", r): table.row_totals[r] for r in table.rows})
    found.update({("column", c): table.column_totals[c] for c in table.columns})
    found["grand"] = table.grand_total
    return found


def hidden_keys(table) -> set:
    return {key for key, cell in figures(table).items() if cell.suppressed}


def lines(rows, columns, additive_rows=True, additive_columns=True) -> list[tuple[list, object]]:
    """Each line of a table as (members, total): the members add up to the total."""
    found = []
    if additive_rows:
        found += [([("cell", r, c) for c in columns], ("row", r)) for r in rows]
        found.append(([("column", c) for c in columns], "grand"))
    if additive_columns:
        found += [([("cell", r, c) for r in rows], ("column", c)) for c in columns]
        found.append(([("row", r) for r in rows], "grand"))
    return found


def as_equations(table_lines, rename=lambda key: key) -> list[dict]:
    """Lines as equations {variable: coefficient} (members +1, total -1), keys renamed."""
    equations = []
    for members, total in table_lines:
        equation: dict = {}
        for key in members:
            equation[rename(key)] = equation.get(rename(key), 0) + 1
        equation[rename(total)] = equation.get(rename(total), 0) - 1
        equations.append(equation)
    return equations


def determined(equations: list[dict], hidden: set) -> set:
    """The hidden variables that the equations (with every other variable known) fix.

    Restricted to the hidden variables the equations form a matrix; a variable is fixed
    exactly when its unit vector lies in the row space, that is, when its pivot row of the
    reduced row echelon form has no other non-zero entry.
    """
    variables = sorted(hidden, key=repr)
    index = {key: i for i, key in enumerate(variables)}
    matrix = []
    for equation in equations:
        row = [Fraction(0)] * len(variables)
        for key, coefficient in equation.items():
            if key in index:
                row[index[key]] += coefficient
        if any(row):
            matrix.append(row)
    pivots, lead = [], 0
    for column in range(len(variables)):
        pivot = next((i for i in range(lead, len(matrix)) if matrix[i][column] != 0), None)
        if pivot is None:
            continue
        matrix[lead], matrix[pivot] = matrix[pivot], matrix[lead]
        factor = matrix[lead][column]
        matrix[lead] = [value / factor for value in matrix[lead]]
        for i in range(len(matrix)):
            if i != lead and matrix[i][column] != 0:
                ratio = matrix[i][column]
                matrix[i] = [a - ratio * b for a, b in zip(matrix[i], matrix[lead], strict=True)]
        pivots.append((column, lead))
        lead += 1
    return {
        variables[column]
        for column, row in pivots
        if sum(1 for value in matrix[row] if value != 0) == 1
    }


def revealed(table, additive_rows=True, additive_columns=True) -> set:
    """Hidden figures of one table that its own published figures determine."""
    equations = as_equations(lines(table.rows, table.columns, additive_rows, additive_columns))
    return determined(equations, hidden_keys(table))
