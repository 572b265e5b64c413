"""Database backups: make one while the app keeps writing, check it, restore it.

SQLite: the online backup API copies the database in one read transaction, so the copy is the
state at one moment even while requests write (WAL lets them go on). PostgreSQL: `pg_dump` in
custom format inside a snapshot exported by a repeatable-read transaction, in which the rows
are also counted, so the manifest describes exactly what the dump holds.

A backup is written to a temporary file in the target directory and renamed at the end, so a
crash never leaves half a backup under a final name. Next to each backup a JSON manifest
(`<name>.json`) records when and from what it was made, the Alembic revision, the rows per table,
the size and the SHA-256 of the file; a restore checks the checksum and the revision first and
brings an older backup up to date with the migrations afterwards.
"""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from flask_migrate import upgrade
from sqlalchemy import func, inspect, select, table, text
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.engine import URL, Connection

from app.core.clock import now
from app.extensions import db

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
MANIFEST_FORMAT = 1
SUFFIXES = {"sqlite": ".sqlite3", "postgresql": ".pgdump"}
DEBIAN_POSTGRESQL = Path("/usr/lib/postgresql")


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why (one line, for the operator)."""


@dataclass(frozen=True)
class Backup:
    path: Path
    manifest_path: Path
    manifest: dict

    @property
    def size(self) -> int:
        return self.manifest["size"]

    @property
    def tables(self) -> dict[str, int]:
        return self.manifest["tables"]


@dataclass
class RestoreResult:
    path: Path
    manifest: dict
    tables: dict[str, int]  # rows per table after the restore and the migrations
    revision: str | None  # Alembic revision after the migrations
    integrity: str  # "ok", or what the check found
    kept: Path | None = None  # SQLite: the database file as it was before the restore
    messages: list[str] = field(default_factory=list)

    def comparison(self) -> list[tuple[str, int | None, int | None]]:
        """(table, rows in the backup, rows now) for every table in either."""
        names = sorted(set(self.manifest["tables"]) | set(self.tables))
        return [(name, self.manifest["tables"].get(name), self.tables.get(name)) for name in names]

    @property
    def differences(self) -> list[str]:
        return [name for name, before, after in self.comparison() if before != after]


# --- which database ------------------------------------------------------------------------


def database_kind(url: URL) -> str:
    backend = url.get_backend_name()
    if backend == "sqlite":
        if (
            not url.database
            or url.database == ":memory:"
            or url.database.startswith("file::memory")
        ):
            raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
        return "sqlite"
    if backend == "postgresql":
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {backend}.")


def _sqlite_path(url: URL) -> Path:
    return Path(url.database).resolve()


# --- counting rows -------------------------------------------------------------------------


def _count_statement(name: str):
    return select(func.count()).select_from(table(name))


def _sqlite_tables(connection: sqlite3.Connection) -> list[str]:
    """Real tables, with the full-text table but without its shadow tables (fts5 internals)."""
    rows = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\'"
    ).fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    return sorted(name for name, _sql in rows if not any(name.startswith(f"{v}_") for v in virtual))


def _sqlite_counts(connection: sqlite3.Connection) -> dict[str, int]:
    dialect = sqlite_dialect()
    return {
        name: connection.execute(str(_count_statement(name).compile(dialect=dialect))).fetchone()[0]
        for name in _sqlite_tables(connection)
    }


def _sqlite_revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def _sqlite_integrity(connection: sqlite3.Connection) -> str:
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    return "; ".join(str(row[0]) for row in rows[:5])


def _counts(connection: Connection) -> dict[str, int]:
    """Rows per table through SQLAlchemy (PostgreSQL: the tables of the current schema)."""
    return {
        name: connection.execute(_count_statement(name)).scalar_one()
        for name in sorted(inspect(connection).get_table_names())
    }


def _revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def current_counts() -> dict[str, int]:
    """Rows per table in the configured database, as a backup's manifest counts them."""
    url = db.engine.url
    if database_kind(url) == "sqlite":
        path = _sqlite_path(url)
        if not path.exists():
            return {}
        with _sqlite_connect(path) as connection:
            return _sqlite_counts(connection)
    with db.engine.connect() as connection:
        return _counts(connection)


def _sqlite_connect(path: Path, *, read_only: bool = False) -> "_ClosingConnection":
    if read_only:
        return _ClosingConnection(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True))
    return _ClosingConnection(sqlite3.connect(path, timeout=30))


class _ClosingConnection:
    """`with` closes the sqlite3 connection (sqlite3's own `with` only ends a transaction)."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *exc) -> None:
        self.connection.close()


# --- PostgreSQL client tools ---------------------------------------------------------------


def find_pg_tool(name: str) -> str:
    """`pg_dump` / `pg_restore` on PATH, else the newest in /usr/lib/postgresql/*/bin (Debian)."""
    found = shutil.which(name)
    if found:
        return found

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", path.parent.parent.name))

    candidates = sorted(DEBIAN_POSTGRESQL.glob(f"*/bin/{name}"), key=version, reverse=True)
    if candidates:
        return str(candidates[0])
    raise BackupError(
        f"{name} was not found on PATH or in {DEBIAN_POSTGRESQL}/*/bin: install the PostgreSQL "
        "client tools of the server's major version (Debian: apt install postgresql-client)."
    )


def _libpq_quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _connection_for_tools(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and an environment that carries it."""
    parts: dict[str, object] = {
        "host": url.host,
        "port": url.port,
        "user": url.username,
        "dbname": url.database,
    }
    for key, value in url.query.items():
        parts[key] = value if isinstance(value, str) else value[-1]
    conninfo = " ".join(
        f"{key}={_libpq_quote(str(value))}"
        for key, value in parts.items()
        if value not in (None, "")
    )
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    return conninfo, environment


def _run_tool(arguments: list[str], environment: dict[str, str]) -> None:
    # The arguments are a list (no shell); the password travels in the environment only.
    completed = subprocess.run(  # noqa: S603
        arguments, env=environment, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        detail = " ".join(completed.stderr.split())[-500:] or f"exit code {completed.returncode}"
        raise BackupError(f"{Path(arguments[0]).name} failed: {detail}")


# --- making a backup -----------------------------------------------------------------------


def default_name(kind: str, moment: datetime | None = None) -> str:
    moment = moment or now()
    return f"mitreden-{moment.strftime('%Y%m%dT%H%M%SZ')}{SUFFIXES[kind]}"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest_path_for(path: Path) -> Path:
    return path.with_suffix(".json")


def _free_name(directory: Path, name: str) -> Path:
    """The name, or name-2, name-3 … when a backup of the same second already exists."""
    candidate = directory / name
    stem, suffix = candidate.stem, candidate.suffix
    number = 1
    while candidate.exists() or manifest_path_for(candidate).exists():
        number += 1
        candidate = directory / f"{stem}-{number}{suffix}"
    return candidate


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _write_atomically(path: Path, data: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def make_backup(output_dir: Path) -> Backup:
    """Back up the configured database into output_dir; returns the file and its manifest."""
    url = db.engine.url
    kind = database_kind(url)
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    created = now()
    descriptor, temporary_name = tempfile.mkstemp(
        dir=output_dir, prefix=".mitreden-", suffix=".partial"
    )  # mode 0600: a backup holds personal data
    os.close(descriptor)
    temporary = Path(temporary_name)
    try:
        if kind == "sqlite":
            tables, revision = _backup_sqlite(_sqlite_path(url), temporary)
        else:
            tables, revision = _backup_postgresql(url, temporary)
        _sync(temporary)
        final = _free_name(output_dir, default_name(kind, created))
        manifest = {
            "format": MANIFEST_FORMAT,
            "file": final.name,
            "created_at": created.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "database": kind,
            "alembic_revision": revision,
            "tables": tables,
            "size": temporary.stat().st_size,
            "sha256": sha256_of(temporary),
        }
        os.replace(temporary, final)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    manifest_path = manifest_path_for(final)
    _write_atomically(manifest_path, (json.dumps(manifest, indent=2) + "\n").encode())
    return Backup(final, manifest_path, manifest)


def _backup_sqlite(source_path: Path, target: Path) -> tuple[dict[str, int], str | None]:
    if not source_path.exists():
        raise BackupError(f"The database file {source_path} does not exist.")
    with _sqlite_connect(source_path) as source, _sqlite_connect(target) as copy:
        # One step (pages=-1): the whole copy in one read transaction, a consistent snapshot.
        source.backup(copy)
        # A self-contained file: no -wal next to it, whatever mode the source runs in.
        copy.execute("PRAGMA journal_mode=DELETE")
        result = _sqlite_integrity(copy)
        if result != "ok":
            raise BackupError(f"The backup copy failed PRAGMA integrity_check: {result}")
        return _sqlite_counts(copy), _sqlite_revision(copy)


def _backup_postgresql(url: URL, target: Path) -> tuple[dict[str, int], str | None]:
    pg_dump = find_pg_tool("pg_dump")
    conninfo, environment = _connection_for_tools(url)
    options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
    with db.engine.connect().execution_options(**options) as connection, connection.begin():
        # pg_dump reads the snapshot this transaction sees, while it stays open: the counts
        # below and the dump describe the same moment.
        snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        tables, revision = _counts(connection), _revision(connection)
        _run_tool(
            [
                pg_dump,
                "--format=custom",
                "--no-owner",
                "--no-acl",
                f"--snapshot={snapshot}",
                f"--file={target}",
                f"--dbname={conninfo}",
            ],
            environment,
        )
    return tables, revision


# --- restoring -----------------------------------------------------------------------------


def read_manifest(path: Path) -> dict:
    manifest_path = manifest_path_for(path)
    if not manifest_path.exists():
        raise BackupError(
            f"The manifest {manifest_path} is missing; it belongs next to the backup."
        )
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"The manifest {manifest_path} cannot be read: {error}") from error
    missing = {"database", "alembic_revision", "tables", "sha256"} - set(manifest)
    if missing:
        raise BackupError(f"The manifest {manifest_path} lacks {', '.join(sorted(missing))}.")
    return manifest


def known_revisions() -> tuple[set[str], set[str]]:
    """(every revision in migrations/versions, the heads)."""
    script = ScriptDirectory(str(MIGRATIONS))
    return {revision.revision for revision in script.walk_revisions()}, set(script.get_heads())


def verify_backup(path: Path, kind: str) -> dict:
    """The manifest, once the file matches its checksum and this code knows its revision."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"The backup {path} does not exist.")
    manifest = read_manifest(path)
    if manifest["database"] != kind:
        raise BackupError(
            f"The backup is a {manifest['database']} backup; the configured database is {kind}."
        )
    if sha256_of(path) != manifest["sha256"]:
        raise BackupError(
            f"The backup {path} does not match the SHA-256 in its manifest "
            "(damaged or changed); it is not restored."
        )
    revision = manifest["alembic_revision"]
    if revision is None:
        raise BackupError("The backup holds no Alembic revision: it is not a Mitreden database.")
    if revision not in known_revisions()[0]:
        raise BackupError(
            f"The backup is at schema revision {revision}, which this code does not know "
            "(made by a newer version?): restore it with that version of Mitreden."
        )
    return manifest


def restore_backup(path: Path, *, force: bool = False) -> RestoreResult:
    """Restore a backup into the configured database, then migrate it to this code's head."""
    path = Path(path).resolve()
    url = db.engine.url
    kind = database_kind(url)
    manifest = verify_backup(path, kind)
    present = current_counts()
    filled = sorted(name for name, rows in present.items() if rows and name != "alembic_version")
    if filled and not force:
        raise BackupError(
            f"The database is not empty ({len(filled)} tables hold rows, e.g. {filled[0]}); "
            "restoring replaces everything in it: repeat with --force to do so."
        )
    # No connection of this process may hold the database while it is replaced.
    db.session.remove()
    db.engine.dispose()
    kept = None
    if kind == "sqlite":
        kept = _restore_sqlite(path, _sqlite_path(url))
    else:
        extra = sorted(set(present) - set(manifest["tables"]))
        if extra:
            raise BackupError(
                f"The database has tables the backup does not know ({', '.join(extra[:5])}); "
                "it has a newer schema. Drop and create the database, then restore into it."
            )
        _restore_postgresql(path, url)
    db.engine.dispose()
    upgrade(directory=str(MIGRATIONS))
    db.session.remove()
    db.engine.dispose()
    return _after_restore(path, manifest, kind, url, kept)


def _restore_sqlite(path: Path, live: Path) -> Path | None:
    with _sqlite_connect(path, read_only=True) as backup:
        result = _sqlite_integrity(backup)
        if result != "ok":
            raise BackupError(f"The backup fails PRAGMA integrity_check: {result}")
        kept = None
        if live.exists() and live.stat().st_size:
            stamp = now().strftime("%Y%m%dT%H%M%SZ")
            kept = _free_name(live.parent, f"{live.name}.before-restore-{stamp}")
            with _sqlite_connect(live) as current, _sqlite_connect(kept) as copy:
                current.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")
        live.parent.mkdir(parents=True, exist_ok=True)
        with _sqlite_connect(live) as target:
            # Page by page into the live file, under SQLite's own locks: other connections
            # see either the old or the restored database, never a mixture.
            backup.backup(target)
    return kept


def _restore_postgresql(path: Path, url: URL) -> None:
    pg_restore = find_pg_tool("pg_restore")
    conninfo, environment = _connection_for_tools(url)
    _run_tool(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-acl",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={conninfo}",
            str(path),
        ],
        environment,
    )


def _after_restore(path: Path, manifest: dict, kind: str, url: URL, kept: Path | None):
    messages = []
    if kind == "sqlite":
        with _sqlite_connect(_sqlite_path(url)) as connection:
            tables = _sqlite_counts(connection)
            revision = _sqlite_revision(connection)
            integrity = _sqlite_integrity(connection)
    else:
        with db.engine.connect() as connection:
            tables, revision = _counts(connection), _revision(connection)
        integrity = "ok"
    if revision not in known_revisions()[1]:
        integrity = f"schema revision {revision} is not the head after the migrations"
    if revision != manifest["alembic_revision"]:
        messages.append(
            f"Migrated from revision {manifest['alembic_revision']} to {revision} after restoring."
        )
    return RestoreResult(path, manifest, tables, revision, integrity, kept, messages)
