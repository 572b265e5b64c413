"""Generate a bench database, or reuse the one that is already there.

    .venv/bin/python -m bench.generate --scale small|large|tiny \
        [--database-url URL] [--seed 2026] [--anchor-date YYYY-MM-DD] [--force]

The schema comes from the migrations (`flask db upgrade` through the app), the rows from
bench/generator/. The database records what it holds in a table `bench_manifest` (scale, seed,
generator version, schema revision, anchor date, and the targets); when it already holds the
same, the run prints "reusing" and only rewrites the targets file. PostgreSQL: schema `public`
of the given database is dropped and built again. SQLite: the file is written under a temporary
name and renamed when complete, so a half-written database is never reused.

The targets for the load driver go to bench/data/<scale>-<sqlite|postgresql>.json.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError

from bench.generator import scales
from bench.generator.writer import Progress

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"
MIGRATIONS = str(ROOT / "migrations")
MANIFEST_TABLE = "bench_manifest"
CREATE_MANIFEST = f"CREATE TABLE {MANIFEST_TABLE} (name VARCHAR(40) PRIMARY KEY, value TEXT)"
INSERT_MANIFEST = f"INSERT INTO {MANIFEST_TABLE} (name, value) VALUES ('manifest', :v)"  # noqa: S608


def default_url(scale: str) -> str:
    return f"sqlite:///{DATA_DIR / f'{scale}.sqlite'}"


def _scripts() -> ScriptDirectory:
    config = AlembicConfig()
    config.set_main_option("script_location", MIGRATIONS)
    return ScriptDirectory.from_config(config)


def schema_head() -> str:
    return _scripts().get_current_head()


def schema_behind(revision: str | None) -> bool:
    """Is `revision` an earlier revision of these migrations (so an upgrade brings it here)?"""
    if revision is None or revision == schema_head():
        return False
    return revision in {script.revision for script in _scripts().walk_revisions()}


def read_manifest(url: str) -> dict | None:
    """What the database says it holds, or None (no database, no manifest, unreadable)."""
    parsed = make_url(url)
    sqlite = parsed.get_backend_name() == "sqlite"
    if sqlite and (not parsed.database or not Path(parsed.database).exists()):
        return None
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table(MANIFEST_TABLE):
                return None
            value = connection.scalar(
                text(f"SELECT value FROM {MANIFEST_TABLE} WHERE name = 'manifest'")  # noqa: S608
            )
            if inspect(connection).has_table("alembic_version"):
                revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
            else:
                revision = None
    except DatabaseError:  # not a database, or not ours: it is generated afresh
        return None
    finally:
        engine.dispose()
    if not value:
        return None
    manifest = json.loads(value)
    manifest["schema_revision_found"] = revision
    return manifest


def reusable(manifest: dict | None, scale: str, seed: int, anchor: date | None, today: date):
    """Why the database cannot be reused, or None when it can."""
    if manifest is None:
        return "no bench manifest"
    wanted = {"scale": scale, "seed": seed, "generator_version": scales.GENERATOR_VERSION}
    for key, value in wanted.items():
        if manifest.get(key) != value:
            return f"{key} is {manifest.get(key)!r}, not {value!r}"
    found = manifest.get("schema_revision_found")
    if found != schema_head() and not schema_behind(found):
        return f"schema revision {found!r} is not one of these migrations"
    held = date.fromisoformat(manifest["anchor_date"])
    if anchor is not None and held != anchor:
        return f"anchor date is {held}, not {anchor}"
    if held + timedelta(days=scales.VALID_DAYS) < today:
        return f"its phases were dated for {held}; the running ones may have ended"
    return None


def upgrade_schema(url: str, progress: Progress) -> None:
    """Bring a reused database to the migrations' head (new migrations since it was made), as
    a deployment would, and refresh the planner's statistics."""
    from flask_migrate import upgrade

    from app.extensions import db

    instance = tempfile.mkdtemp(prefix="mitreden-bench-")
    try:
        app = _app(url, instance)
        with app.app_context():
            upgrade(directory=MIGRATIONS)
            db.session.remove()
            with db.engine.connect() as connection:
                _finish(connection, db.engine.dialect.name, progress, check=False)
            db.engine.dispose()
    finally:
        shutil.rmtree(instance, ignore_errors=True)
    progress(f"schema upgraded to revision {schema_head()}")


def _app(url: str, instance: str):
    from app import create_app
    from config import Config

    settings = {
        "SECRET_KEY": "bench-generator-only-never-serves-requests",
        "SQLALCHEMY_DATABASE_URI": url,
        "INSTANCE_DIR": instance,
        "RATELIMIT_STORAGE_URI": "memory://",
        "MAIL_FILE_DIR": os.path.join(instance, "mail"),
    }
    return create_app(type("BenchGeneratorConfig", (Config,), settings))


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def build(url: str, scale: scales.Scale, seed: int, anchor: date, progress: Progress) -> dict:
    """Create the schema and the data at `url` (the final URL for PostgreSQL, the temporary
    file for SQLite); return the targets (without the final URL filled in)."""
    from flask_migrate import upgrade

    from app.extensions import db
    from bench.generator.fill import build_plan, fill, table_counts, targets

    instance = tempfile.mkdtemp(prefix="mitreden-bench-")
    try:
        app = _app(url, instance)
        with app.app_context():
            dialect = db.engine.dialect.name
            if dialect == "postgresql":
                db.session.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
                db.session.execute(text("CREATE SCHEMA public"))
                db.session.commit()
            upgrade(directory=MIGRATIONS)
            db.session.remove()
            progress(f"schema at revision {schema_head()} ({dialect})")
            plan = build_plan(scale, seed, anchor, progress)
            with db.engine.connect() as connection:
                if dialect == "sqlite":
                    # Foreign keys are checked once at the end instead of on every row; a
                    # large page cache keeps the indexes being filled in memory.
                    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                    connection.exec_driver_sql("PRAGMA cache_size=-262144")
                    connection.commit()
                else:
                    connection.exec_driver_sql("SET maintenance_work_mem = '256MB'")
                    connection.commit()
                with connection.begin():
                    fill(connection, plan, progress, bulk=True)
                _finish(connection, dialect, progress)
                counts = table_counts(connection)
                connection.commit()
                with app.test_request_context():
                    result = targets(plan, url, counts, dialect)
                manifest = {
                    "scale": scale.name,
                    "seed": seed,
                    "generator_version": scales.GENERATOR_VERSION,
                    "schema_revision": schema_head(),
                    "anchor_date": result["anchor_date"],
                    "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "targets": result,
                }
                with connection.begin():
                    connection.execute(text(CREATE_MANIFEST))
                    connection.execute(
                        text(INSERT_MANIFEST), {"v": json.dumps(manifest, sort_keys=True)}
                    )
            db.engine.dispose()
        return result
    finally:
        shutil.rmtree(instance, ignore_errors=True)


def _finish(connection, dialect: str, progress: Progress, check: bool = True) -> None:
    """Statistics for the planner, compact indexes; SQLite: every foreign key checked."""
    if dialect == "sqlite":
        if check:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"foreign keys broken: {broken[:5]}")
            progress("foreign keys checked")
        connection.exec_driver_sql(
            "INSERT INTO proposal_search(proposal_search) VALUES('optimize')"
        )
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.commit()
    else:
        connection.commit()
        autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
        autocommit.exec_driver_sql("VACUUM (ANALYZE)")
    progress("analysed")


def _api_paths(url: str, result: dict) -> dict[str, str]:
    from bench.generator.api_targets import api_paths

    biggest = int(result["paths"]["proposal_list"].rstrip("/").rsplit("/", 1)[1])
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return api_paths(connection, biggest)
    finally:
        engine.dispose()


def generate(
    scale_name: str,
    database_url: str | None = None,
    seed: int = scales.DEFAULT_SEED,
    force: bool = False,
    anchor: date | None = None,
    output_dir: Path = DATA_DIR,
    echo=print,
) -> tuple[dict, Path, bool]:
    """Make sure the database holds the scale; return (targets, targets file, reused)."""
    scale = scales.SCALES[scale_name]
    url = database_url or default_url(scale_name)
    progress = Progress(echo)
    today = datetime.now(UTC).date()
    parsed = make_url(url)
    dialect = "sqlite" if parsed.get_backend_name() == "sqlite" else "postgresql"
    output = Path(output_dir) / f"{scale_name}-{dialect}.json"
    manifest = None if force else read_manifest(url)
    why = "--force" if force else reusable(manifest, scale_name, seed, anchor, today)
    if why is None:
        result = manifest["targets"]
        progress(
            f"reusing {parsed.render_as_string(hide_password=True)} ({scale_name}, seed {seed})"
        )
        if manifest["schema_revision_found"] != schema_head():
            upgrade_schema(url, progress)
        reused = True
    else:
        progress(f"generating {scale_name} (seed {seed}): {why}")
        anchor = anchor or today
        if dialect == "sqlite":
            final = Path(parsed.database)
            final.parent.mkdir(parents=True, exist_ok=True)
            partial = final.with_name(final.name + ".partial")
            _remove_sqlite(partial)
            result = build(f"sqlite:///{partial}", scale, seed, anchor, progress)
            _remove_sqlite(final)
            os.replace(partial, final)
        else:
            result = build(url, scale, seed, anchor, progress)
        reused = False
    result["database_url"] = url
    result["paths"].update(_api_paths(url, result))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    progress(f"targets written to {output}")
    return result, output, reused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--scale", choices=sorted(scales.SCALES), required=True)
    parser.add_argument("--database-url", help="default: sqlite:///bench/data/<scale>.sqlite")
    parser.add_argument("--seed", type=int, default=scales.DEFAULT_SEED)
    parser.add_argument("--anchor-date", type=date.fromisoformat, help="default: today (UTC)")
    parser.add_argument("--output-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--force", action="store_true", help="regenerate even if reusable")
    args = parser.parse_args(argv)
    generate(
        args.scale, args.database_url, args.seed, args.force, args.anchor_date, args.output_dir
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
