"""Fast bulk writes: executemany on SQLite, COPY on PostgreSQL, both inside the caller's
transaction on the caller's connection.

Rows are tuples in the order of the named columns; times are strings in the format SQLAlchemy
itself stores on SQLite ("YYYY-MM-DD HH:MM:SS.ffffff"), which PostgreSQL's COPY reads as
timestamps too, so both databases get the same values.
"""

import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from app.extensions import db

CHUNK = 20_000
_EPOCH = datetime(1970, 1, 1)


def moment(seconds: int | None) -> datetime | None:
    """Naive UTC datetime of an epoch second (for rows written through SQLAlchemy)."""
    return None if seconds is None else _EPOCH + timedelta(seconds=seconds)


_day_cache: dict[int, str] = {}


def stamp(seconds: int | None) -> str | None:
    """The stored form of an epoch second, fast (the date part is cached per day)."""
    if seconds is None:
        return None
    day, rest = divmod(seconds, 86_400)
    prefix = _day_cache.get(day)
    if prefix is None:
        prefix = _day_cache[day] = datetime.fromtimestamp(day * 86_400, UTC).strftime("%Y-%m-%d")
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    return f"{prefix} {hours:02d}:{minutes:02d}:{secs:02d}.000000"


class Progress:
    """Prints one line per step: what, how many rows, seconds since the start."""

    def __init__(self, echo: Callable[[str], None] | None = print):
        self.started = time.monotonic()
        self.echo = echo

    def __call__(self, message: str) -> None:
        if self.echo:
            self.echo(f"[{time.monotonic() - self.started:7.1f}s] {message}")


_PG_INDEXES = """
    SELECT indexname, indexdef FROM pg_indexes
    WHERE schemaname = current_schema() AND indexname NOT IN (
        SELECT conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
    )"""
_PG_FOREIGN_KEYS = """
    SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
    WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"""
_SQLITE_INDEXES = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"


@contextmanager
def indexes_built_afterwards(connection, progress: Progress):
    """Drop the secondary indexes (and on PostgreSQL the foreign keys) for the bulk load and
    create them again from their own definitions afterwards, as pg_restore does: one sorted
    build and one validating join each, instead of millions of single updates and lookups.
    The migrations' definitions come back unchanged (checked)."""
    postgres = connection.dialect.name == "postgresql"
    indexes = connection.exec_driver_sql(_PG_INDEXES if postgres else _SQLITE_INDEXES).all()
    keys = connection.exec_driver_sql(_PG_FOREIGN_KEYS).all() if postgres else []
    for table, name, _definition in keys:
        connection.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, definition in indexes:
        connection.exec_driver_sql(definition)
    for table, name, definition in keys:
        connection.exec_driver_sql(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    rebuilt = connection.exec_driver_sql(_PG_INDEXES if postgres else _SQLITE_INDEXES).all()
    rebuilt_keys = connection.exec_driver_sql(_PG_FOREIGN_KEYS).all() if postgres else []
    if sorted(rebuilt) != sorted(indexes) or sorted(rebuilt_keys) != sorted(keys):
        raise RuntimeError("the indexes or foreign keys built again differ from the migrations'")
    progress(f"{len(indexes)} indexes and {len(keys)} foreign keys built")


class BulkWriter:
    def __init__(self, connection, progress: Progress):
        self.connection = connection
        self.dialect = connection.dialect.name
        self.raw = connection.connection.driver_connection
        self.progress = progress
        self.counts: dict[str, int] = {}

    def _check_columns(self, table: str, columns: tuple[str, ...]) -> None:
        """Every required column is given: raw inserts apply no model defaults."""
        model = db.metadata.tables.get(table)
        if model is None:
            return
        missing = [
            column.name
            for column in model.columns
            if not column.nullable and column.server_default is None and column.name not in columns
        ]
        if missing:
            raise ValueError(f"{table}: no value for required columns {missing}")

    def insert(self, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
        self._check_columns(table, columns)
        names = ", ".join(columns)
        count = 0
        if self.dialect == "postgresql":
            copy_sql = f"COPY {table} ({names}) FROM STDIN"
            with self.raw.cursor() as cursor, cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        else:
            marks = ", ".join("?" for _ in columns)
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 (our names)
            cursor = self.raw.cursor()
            chunk = []
            for row in rows:
                chunk.append(row)
                if len(chunk) >= CHUNK:
                    cursor.executemany(sql, chunk)
                    count += len(chunk)
                    chunk.clear()
            if chunk:
                cursor.executemany(sql, chunk)
                count += len(chunk)
            cursor.close()
        self.counts[table] = self.counts.get(table, 0) + count
        return count

    def core(self, table: str, rows: list[dict]) -> int:
        """Small tables with JSON columns: through SQLAlchemy, which serialises them."""
        if rows:
            self.connection.execute(db.metadata.tables[table].insert(), rows)
        self.counts[table] = self.counts.get(table, 0) + len(rows)
        return len(rows)

    def advance_sequences(self) -> None:
        """PostgreSQL: ids were written explicitly, so each sequence moves past the highest."""
        if self.dialect != "postgresql":
            return
        for table in db.metadata.sorted_tables:
            if "id" not in table.columns or not table.columns["id"].primary_key:
                continue
            sequence = self.connection.scalar(
                text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table.name}
            )
            if sequence:
                self.connection.execute(
                    text(
                        f"SELECT setval('{sequence}', COALESCE((SELECT MAX(id) FROM "  # noqa: S608
                        f'"{table.name}"), 1), EXISTS (SELECT 1 FROM "{table.name}"))'
                    )
                )
