"""SQL pieces the indicators need that the two databases spell differently."""

from sqlalchemy import Float, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement


class days_between(FunctionElement):
    """`days_between(later, earlier)`: the difference of two timestamps in (fractional) days."""

    type = Float()
    inherit_cache = True


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw):
    later, earlier = list(element.clauses)
    later_sql, earlier_sql = compiler.process(later, **kw), compiler.process(earlier, **kw)
    return f"(julianday({later_sql}) - julianday({earlier_sql}))"


@compiles(days_between, "postgresql")
def _days_between_postgresql(element, compiler, **kw):
    later, earlier = list(element.clauses)
    return (
        f"(EXTRACT(EPOCH FROM ({compiler.process(later, **kw)} - "
        f"{compiler.process(earlier, **kw)})) / 86400.0)"
    )


def median_by(values, group_names: list[str], value_name: str = "value"):
    """The median of `value_name` per group, computed in the database.

    `values` is a subquery with the group columns and the value column. Window functions rank
    the values within each group; the middle one (or the average of the two middle ones) is the
    median. Returns a select of the group columns and `median`.
    """
    groups = [values.c[name] for name in group_names]
    value = values.c[value_name]
    ranked = select(
        *groups,
        value.label("value"),
        func.row_number().over(partition_by=groups or None, order_by=value).label("position"),
        func.count().over(partition_by=groups or None).label("size"),
    ).subquery("ranked")
    middle = ranked.c.position.between((ranked.c.size + 1) // 2, (ranked.c.size + 2) // 2)
    ranked_groups = [ranked.c[name] for name in group_names]
    return (
        select(*ranked_groups, func.avg(ranked.c.value).label("median"))
        .where(middle)
        .group_by(*ranked_groups)
    )
