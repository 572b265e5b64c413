"""The schema comes only from migrations: an empty database upgrades to head, and the models
match what the migrations built (no drift)."""

import re

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from app.extensions import db, include_in_schema_comparison
from tests.conftest import MIGRATIONS


# SQLite's reflection cannot read an expression index (ix_proposals_support) and says so; the
# test below checks that one by name and definition instead.
@pytest.mark.filterwarnings(
    "ignore:Skipped unsupported reflection of expression-based index:sqlalchemy.exc.SAWarning"
)
@pytest.mark.filterwarnings(
    "ignore:autogenerate skipping metadata-specified expression-based index"
)
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


def test_the_support_order_index_is_on_the_difference_and_the_id(app):
    if db.engine.dialect.name == "sqlite":
        definition = db.session.scalar(
            text("SELECT sql FROM sqlite_master WHERE name = 'ix_proposals_support'")
        )
    else:
        definition = db.session.scalar(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_proposals_support'")
        )
    assert definition is not None
    assert re.search(r"\(\(?votes_for - votes_against\)?\)?, id\)", definition), definition


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
