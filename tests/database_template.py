"""Populated databases built once per test run and restored per test in milliseconds.

    DEMO = DatabaseTemplate("demo", load_demo_data)

    def test_something(app):
        DEMO.restore()  # the tables now hold exactly what load_demo_data() committed

The first `restore()` of a run calls `build` on the empty tables the test starts from, commits,
and copies every table aside: SQLite copies the whole database into memory with the backup API,
PostgreSQL copies the tables into a schema of its own (and notes the sequences). Every later
`restore()` copies them back, so each test still starts from its own untouched copy: what one test
writes never reaches the next (the autouse `_clean_state` empties the tables before every test).
`build` may return any value: every `restore()` returns it again, with each ORM object in it
(also inside lists, dicts and dataclasses) loaded anew in the test's own session.

Demo data is dated relative to the moment it was loaded ("five minutes ago", "phase ends in two
weeks"), so a copy older than `max_age` seconds is built anew rather than restored.
"""

import copy
import dataclasses
import sqlite3
import time
from collections.abc import Callable

from sqlalchemy import inspect, text

from app.extensions import db

# The SQLite full-text index lives outside the models (app/proposals/search.py).
SQLITE_EXTRA_TABLES = ("proposal_search",)
# Rows the app itself writes with every commit, not content a test made: the caches' content
# generation (app/core/cache.py) is bumped by the very commit that emptied the tables.
BOOKKEEPING_TABLES = frozenset({"cache_generation"})

# [moment the oldest data of the template being built was loaded], per template being built.
_building: list[list[float]] = []


class DatabaseTemplate:
    def __init__(self, name: str, build: Callable[[], object], max_age: float = 600):
        self.name = name
        self.build = build
        self.max_age = max_age
        self.builds = 0
        self._value: object = None
        self._built_at: float | None = None
        self._database: str | None = None  # the URL the copy was taken from
        self._memory: sqlite3.Connection | None = None  # SQLite: the copy
        self._filled: list[str] = []  # PostgreSQL: tables with rows in the copy
        self._sequences: list[tuple[str, int]] = []  # PostgreSQL: (sequence, last value)

    @property
    def _schema(self) -> str:
        return f"template_{self.name.replace('-', '_')}"

    def restore(self):
        """Fill the (empty) tables with the template, built first if need be; its build value."""
        db.session.commit()
        require_empty_tables()
        url = str(db.engine.url)
        fresh = (
            self._built_at is not None
            and self._database == url
            and time.perf_counter() - self._built_at < self.max_age
        )
        if fresh:
            self._copy_back()
        else:
            self._build_and_save(url)
        if _building:
            # A template built on this one is as old as the data it starts from.
            _building[-1][0] = min(_building[-1][0], self._built_at)
        db.session.expire_all()
        return attached(self._value)

    def _build_and_save(self, url: str) -> None:
        _building.append([time.perf_counter()])
        try:
            value = self.build()
        finally:
            (built_at,) = _building.pop()
        db.session.commit()
        self._value = detached(value)
        self.builds += 1
        if db.engine.dialect.name == "postgresql":
            self._save_postgresql()
        else:
            self._save_sqlite()
        self._database = url
        self._built_at = built_at

    def _copy_back(self) -> None:
        if db.engine.dialect.name == "postgresql":
            self._load_postgresql()
        else:
            self._load_sqlite()

    # --- SQLite: the whole file, page by page ---------------------------------------------------

    def _save_sqlite(self) -> None:
        if self._memory is not None:
            self._memory.close()
        self._memory = sqlite_copy()

    def _load_sqlite(self) -> None:
        sqlite_restore(self._memory)

    # --- PostgreSQL: the filled tables in a schema of their own ---------------------------------

    def _save_postgresql(self) -> None:
        schema = self._schema
        db.session.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        db.session.execute(text(f'CREATE SCHEMA "{schema}"'))
        self._filled = []
        for table in db.metadata.sorted_tables:
            if db.session.execute(text(f'SELECT EXISTS (SELECT 1 FROM "{table.name}")')).scalar():
                db.session.execute(
                    text(f'CREATE TABLE "{schema}"."{table.name}" AS TABLE "{table.name}"')
                )
                self._filled.append(table.name)
        self._sequences = [
            (name, value)
            for name, value in db.session.execute(
                text(
                    "SELECT sequencename, last_value FROM pg_sequences "
                    "WHERE schemaname = 'public' AND last_value IS NOT NULL"
                )
            )
        ]
        db.session.commit()

    def _load_postgresql(self) -> None:
        schema = self._schema
        for name in BOOKKEEPING_TABLES & set(self._filled):
            db.session.execute(text(f'DELETE FROM "{name}"'))
        # In dependency order (metadata.sorted_tables), so every foreign key finds its row.
        for name in self._filled:
            db.session.execute(text(f'INSERT INTO "{name}" TABLE "{schema}"."{name}"'))
        for name, value in self._sequences:
            db.session.execute(
                text("SELECT setval(CAST(:name AS regclass), :value)"),
                {"name": f'"{name}"', "value": value},
            )
        db.session.commit()


def sqlite_copy() -> sqlite3.Connection:
    """The app's SQLite database, copied page by page into memory."""
    copy = sqlite3.connect(":memory:")
    raw = db.engine.raw_connection()
    try:
        raw.driver_connection.backup(copy)
    finally:
        raw.close()
    return copy


def sqlite_restore(copy: sqlite3.Connection) -> None:
    """Make the app's SQLite database that copy again (schema and rows; it stays in WAL mode)."""
    db.session.commit()
    raw = db.engine.raw_connection()
    try:
        copy.backup(raw.driver_connection)
    finally:
        raw.close()


@dataclasses.dataclass(frozen=True)
class _Row:
    """An ORM object by class and primary key, to be loaded in another session."""

    model: type
    key: tuple


def detached(value):
    """`value` with every ORM object in it replaced by a `_Row`."""
    if hasattr(value, "_sa_instance_state"):
        return _Row(type(value), inspect(value).identity)
    return _map(value, detached)


def attached(value):
    """`value` with every `_Row` in it loaded in the current session."""
    if isinstance(value, _Row):
        return db.session.get(value.model, value.key)
    return _map(value, attached)


def _map(value, convert):
    if isinstance(value, dict):
        return {key: convert(item) for key, item in value.items()}
    if type(value) in (list, tuple, set, frozenset):
        return type(value)(convert(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        converted = copy.copy(value)
        for item in dataclasses.fields(value):
            object.__setattr__(converted, item.name, convert(getattr(value, item.name)))
        return converted
    return value


def require_empty_tables() -> None:
    """A template replaces the whole database: refuse to drop what a test already wrote."""
    names = [
        table.name for table in db.metadata.sorted_tables if table.name not in BOOKKEEPING_TABLES
    ]
    if db.engine.dialect.name == "sqlite":
        names += SQLITE_EXTRA_TABLES
    probes = " UNION ALL ".join(
        f"SELECT '{name}' WHERE EXISTS (SELECT 1 FROM \"{name}\")" for name in names
    )
    filled = db.session.execute(text(probes)).scalars().all()
    db.session.commit()
    if filled:
        raise RuntimeError(
            f"restore a database template before the test writes anything (rows in {filled})"
        )


def _load_demo_data() -> None:
    from app.seed import load_demo_data

    load_demo_data()


# The demo data of `flask seed-demo` (app/seed.py), as `load_demo_data()` leaves it.
DEMO = DatabaseTemplate("demo", _load_demo_data)
