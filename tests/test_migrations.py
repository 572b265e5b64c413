"""The schema comes only from migrations: an empty database upgrades to head, and the models
match what the migrations built (no drift)."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from app.extensions import db, include_in_schema_comparison
from tests.conftest import MIGRATIONS


def test_models_and_migrated_schema_do_not_drift(app):
    # The session fixture built this database with `upgrade()` alone.
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "compare_server_default": False,
                "include_name": include_in_schema_comparison,
            },
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_every_model_table_exists_after_upgrade(app):
    tables = set(inspect(db.engine).get_table_names())
    assert {table.name for table in db.metadata.sorted_tables} <= tables
    assert "alembic_version" in tables
    if db.engine.dialect.name == "sqlite":
        assert "proposal_search" in tables


def test_downgrade_to_base_and_upgrade_again(app):
    db.session.remove()
    downgrade(directory=MIGRATIONS, revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}, "downgrade left tables"
    upgrade(directory=MIGRATIONS)
    assert "users" in inspect(db.engine).get_table_names()
