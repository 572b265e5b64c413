"""`flask backup` / `flask restore`: a backup taken while the app writes is consistent, restores
into a fresh database with the same rows, and a damaged backup or an unasked overwrite is
refused. Runs on SQLite, and on PostgreSQL when DATABASE_URL names one (CI)."""

import json
import os
import re
import shutil
import sqlite3
import subprocess
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select, table, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from app import create_app
from app.core import backup as backups
from app.extensions import db
from config import TestingConfig
from tests import factories
from tests.conftest import IN_CI
from tests.participation_builders import consultation, proposal


def run(application, *args):
    return application.test_cli_runner().invoke(args=list(args))


@pytest.fixture
def kind(app):
    kind = backups.database_kind(db.engine.url)
    if kind == "postgresql":
        try:
            backups.find_pg_tool("pg_dump")
            backups.find_pg_tool("pg_restore")
        except backups.BackupError as error:
            if IN_CI:
                pytest.fail(f"PostgreSQL backups cannot be tested: {error}")
            pytest.skip(str(error))
    return kind


@pytest.fixture
def some_data():
    region = factories.make_region()
    author = factories.make_user(home_region=region)
    proposal(consultation(region=region), author, title="Mehr Sprachkurse am Abend")
    db.session.commit()


class Writer(threading.Thread):
    """Keeps committing a region and a user with that home region, in its own session."""

    def __init__(self, application):
        super().__init__(daemon=True)
        self.application = application
        self.stop = threading.Event()
        self.commits = 0
        self.error = None

    def run(self):
        try:
            with self.application.app_context():
                while not self.stop.is_set():
                    region = factories.make_region()
                    factories.make_user(home_region=region)
                    db.session.commit()
                    self.commits += 1
                db.session.remove()
        except BaseException as error:  # reported by the test
            self.error = error

    def wait_for(self, commits: int, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while self.commits < commits and self.error is None:
            assert time.monotonic() < deadline, "the writer does not get on"
            time.sleep(0.01)


def independent_counts(url: str) -> tuple[dict[str, int], str | None, str]:
    """Rows per table, Alembic revision and integrity, read without the code under test."""
    if url.startswith("sqlite"):
        connection = sqlite3.connect(make_url(url).database)
        try:
            names = [
                name
                for (name,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                    "'sqlite%' AND name NOT LIKE 'proposal\\_search\\_%' ESCAPE '\\'"
                )
            ]
            counts = {
                name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                for name in names
            }
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            connection.close()
        return counts, revision, integrity
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            counts = {
                name: connection.execute(select(func.count()).select_from(table(name))).scalar()
                for name in inspect(connection).get_table_names()
            }
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()
    return counts, revision, "ok"


def head() -> str:
    (only,) = backups.known_revisions()[1]
    return only


@contextmanager
def fresh_database(tmp_path: Path):
    """The URL of a new, empty database of the kind under test; dropped afterwards."""
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored' / 'fresh.sqlite'}"
        return
    name = f"{url.database}_restore"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        _create_postgresql_database(admin, name, url.username)
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _create_postgresql_database(admin, name: str, owner: str) -> None:
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        try:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
            return
        except ProgrammingError as error:
            if "permission denied" not in str(error):
                raise
    # The role lacks CREATEDB (.ci/run grants it): as root, ask the postgres superuser.
    if os.geteuid() == 0 and shutil.which("su"):
        subprocess.run(
            ["su", "postgres", "-c", f"createdb -O {owner} {name}"], check=True, timeout=60
        )
        return
    message = f"the database role may not create the database {name} (needs CREATEDB)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def app_on(url: str, tmp_path: Path):
    """A second application on another database, its app context pushed."""

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = url
        INSTANCE_DIR = tmp_path / "restore-instance"

    application = create_app(Config)
    with application.app_context():
        try:
            yield application
        finally:
            db.session.remove()
            db.engine.dispose()


def flip_one_byte(path: Path, position: int = 200) -> None:
    data = bytearray(path.read_bytes())
    data[position] ^= 0x01
    path.write_bytes(bytes(data))


def test_backup_while_writing_is_consistent_and_restores_into_a_fresh_database(
    app, kind, some_data, tmp_path
):
    before = backups.current_counts()
    writer = Writer(app)
    writer.start()
    try:
        writer.wait_for(3)
        made = backups.make_backup(tmp_path / "backups")
        commits_at_end = writer.commits
        writer.wait_for(commits_at_end + 3)
    finally:
        writer.stop.set()
        writer.join(timeout=30)
    assert writer.error is None, writer.error
    after = backups.current_counts()

    counted = made.tables
    assert made.path.name.startswith("mitreden-")
    assert made.path.suffix == backups.SUFFIXES[kind]
    assert made.manifest["database"] == kind
    assert made.manifest["alembic_revision"] == head()
    assert made.manifest["size"] == made.path.stat().st_size
    assert made.manifest["sha256"] == backups.sha256_of(made.path)
    assert json.loads(made.manifest_path.read_text()) == made.manifest
    assert not [p.name for p in made.path.parent.iterdir() if p.name.startswith(".")]
    # Written rows before the backup are in it, rows written after it are not …
    for name in ("regions", "users"):
        assert before[name] < counted[name] < after[name], name
    # … and each writer transaction is in it whole: as many new regions as new users.
    assert counted["regions"] - before["regions"] == counted["users"] - before["users"]
    assert counted["contributions"] == counted["proposals"] == 1
    if kind == "sqlite":
        copy, revision, integrity = independent_counts(f"sqlite:///{made.path}")
        assert (copy, revision, integrity) == (counted, head(), "ok")
        assert counted["proposal_search"] == 1  # the full-text table travels too

    with fresh_database(tmp_path) as url, app_on(url, tmp_path):
        result = backups.restore_backup(made.path)
        restored, revision, integrity = independent_counts(url)
    assert (restored, revision, integrity) == (counted, head(), "ok")
    assert result.tables == counted
    assert result.differences == []
    assert result.integrity == "ok"
    assert result.kept is None  # nothing was there before


def test_a_changed_byte_or_an_unknown_revision_is_refused(app, kind, some_data, tmp_path):
    made = backups.make_backup(tmp_path / "backups")
    tampered = tmp_path / "tampered" / made.path.name
    tampered.parent.mkdir()
    shutil.copy(made.path, tampered)
    shutil.copy(made.manifest_path, backups.manifest_path_for(tampered))
    flip_one_byte(tampered)

    newer = tmp_path / "newer" / made.path.name
    newer.parent.mkdir()
    shutil.copy(made.path, newer)
    manifest = dict(made.manifest, alembic_revision="9999_from_the_future")
    backups.manifest_path_for(newer).write_text(json.dumps(manifest))

    with fresh_database(tmp_path) as url, app_on(url, tmp_path) as restore_app:
        damaged = run(restore_app, "restore", str(tampered))
        unknown = run(restore_app, "restore", str(newer))
        without_manifest = run(restore_app, "restore", str(made.path.with_suffix(".other")))
        counts = backups.current_counts()
    assert damaged.exit_code == 1
    assert "does not match the SHA-256" in damaged.output
    assert "Traceback" not in damaged.output
    assert unknown.exit_code == 1
    assert "9999_from_the_future" in unknown.output and "does not know" in unknown.output
    assert without_manifest.exit_code == 1 and "does not exist" in without_manifest.output
    # Nothing was restored: the fresh database holds no rows.
    assert not any(counts.values())


def test_restore_over_data_needs_force(app, kind, some_data, tmp_path):
    made = backups.make_backup(tmp_path / "backups")
    factories.make_region()
    db.session.commit()
    before = backups.current_counts()

    refused = run(app, "restore", str(made.path))

    assert refused.exit_code == 1
    assert "not empty" in refused.output and "--force" in refused.output
    assert backups.current_counts() == before
    assert before["regions"] == made.tables["regions"] + 1


def test_cli_backup_then_restore_with_and_without_force(app, kind, some_data, tmp_path):
    output = tmp_path / "cli-backups"
    made = run(app, "backup", "--output", str(output))
    assert made.exit_code == 0, made.output
    (path,) = output.glob("mitreden-*" + backups.SUFFIXES[kind])
    manifest = json.loads(path.with_suffix(".json").read_text())
    assert f"Backup: {path}" in made.output
    assert re.search(rf"^ +users +{manifest['tables']['users']}$", made.output, re.MULTILINE)
    assert manifest["tables"]["proposals"] == 1

    with fresh_database(tmp_path) as url, app_on(url, tmp_path) as restore_app:
        first = run(restore_app, "restore", str(path))
        factories.make_region()
        db.session.commit()
        refused = run(restore_app, "restore", str(path))
        regions_before_force = backups.current_counts()["regions"]
        forced = run(restore_app, "restore", str(path), "--force")
        restored, revision, integrity = independent_counts(url)
        kept = list((tmp_path / "restored").glob("fresh.sqlite.before-restore-*"))

    assert first.exit_code == 0, first.output
    assert "Integrity check: ok" in first.output
    assert refused.exit_code == 1 and "--force" in refused.output
    assert regions_before_force == manifest["tables"]["regions"] + 1
    assert forced.exit_code == 0, forced.output
    assert (restored, revision, integrity) == (manifest["tables"], head(), "ok")
    if kind == "sqlite":
        # The database as it was (with the extra region) is kept next to it.
        assert len(kept) == 1 and f"before: {kept[0]}" in forced.output
        assert independent_counts(f"sqlite:///{kept[0]}")[0]["regions"] == regions_before_force


def test_postgresql_tools_are_found_or_named(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(backups, "DEBIAN_POSTGRESQL", tmp_path / "postgresql")
    with pytest.raises(backups.BackupError, match="pg_dump was not found"):
        backups.find_pg_tool("pg_dump")
    for version in ("9.6", "15", "13"):
        tool = tmp_path / "postgresql" / version / "bin" / "pg_dump"
        tool.parent.mkdir(parents=True)
        tool.write_text("")
    assert backups.find_pg_tool("pg_dump") == str(tmp_path / "postgresql/15/bin/pg_dump")


def test_the_password_reaches_the_tools_only_through_the_environment():
    url = make_url("postgresql+psycopg://mitreden:s3cr'et@db.example:5433/mitreden?sslmode=require")
    conninfo, environment = backups._connection_for_tools(url)
    assert "s3cr" not in conninfo
    assert environment["PGPASSWORD"] == "s3cr'et"
    assert conninfo == (
        "host='db.example' port='5433' user='mitreden' dbname='mitreden' sslmode='require'"
    )
