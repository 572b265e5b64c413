"""Every row of every table, to prove that a request changed nothing.

`take()` reads all tables of the models (plus the SQLite full-text index, which lives outside
them) into sets of rows; `changes(before, after)` names what differs, column by column, so a
failing test says which request wrote what.
"""

from dataclasses import dataclass, field

from sqlalchemy import inspect, text

from app.extensions import db


@dataclass(frozen=True)
class Snapshot:
    rows: dict[str, frozenset] = field(default_factory=dict)
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    keys: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def count(self, table: str) -> int:
        return len(self.rows[table])


def _full_text_rows() -> frozenset | None:
    """The FTS5 table of proposals (SQLite only; PostgreSQL indexes the proposals' own rows)."""
    if db.engine.dialect.name != "sqlite":
        return None
    names = inspect(db.engine).get_table_names()
    if "proposal_search" not in names:
        return None
    return frozenset(
        tuple(row) for row in db.session.execute(text("SELECT rowid, * FROM proposal_search"))
    )


def take(ignore: dict[str, set[str]] | None = None) -> Snapshot:
    """All rows, leaving out the columns named in `ignore` ({table: {column, ...}})."""
    ignore = ignore or {}
    db.session.commit()  # read what the requests committed, not an older snapshot
    rows, columns, keys = {}, {}, {}
    for table in db.metadata.sorted_tables:
        kept = [column for column in table.columns if column.name not in ignore.get(table.name, ())]
        names = tuple(column.name for column in kept)
        result = db.session.execute(db.select(*kept))
        rows[table.name] = frozenset(tuple(_stable(value) for value in row) for row in result)
        columns[table.name] = names
        keys[table.name] = tuple(
            position for position, column in enumerate(kept) if column.primary_key
        )
    search = _full_text_rows()
    if search is not None:
        rows["proposal_search"] = search
        columns["proposal_search"] = ("rowid", "...")
        keys["proposal_search"] = (0,)
    db.session.commit()
    return Snapshot(rows, columns, keys)


def _stable(value):
    """Hashable and comparable: JSON columns come back as dicts and lists."""
    if isinstance(value, dict):
        return tuple(sorted((key, _stable(item)) for key, item in value.items()))
    if isinstance(value, list):
        return tuple(_stable(item) for item in value)
    return value


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    """What differs, as readable lines: rows added, removed, and columns changed."""
    found = []
    for table, old_rows in before.rows.items():
        new_rows = after.rows.get(table, frozenset())
        if old_rows == new_rows:
            continue
        names = before.columns[table]
        key_positions = before.keys[table] or tuple(range(len(names)))

        def key(row, positions=key_positions):
            return tuple(row[position] for position in positions)

        old_by_key = {key(row): row for row in old_rows - new_rows}
        new_by_key = {key(row): row for row in new_rows - old_rows}
        for row_key in sorted(old_by_key.keys() | new_by_key.keys(), key=repr):
            old, new = old_by_key.get(row_key), new_by_key.get(row_key)
            if old is None:
                found.append(f"{table}: row {row_key} added")
            elif new is None:
                found.append(f"{table}: row {row_key} removed")
            else:
                changed = [
                    f"{name} {old[position]!r} -> {new[position]!r}"
                    for position, name in enumerate(names)
                    if old[position] != new[position]
                ]
                found.append(f"{table}: row {row_key}: {', '.join(changed)}")
    return found
