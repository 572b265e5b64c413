"""The database templates of the test suite (tests/database_template.py): a restore is an exact
copy of what the build committed, nothing a test writes reaches the next restore, and emptying
tables that hold many rows leaves a database like the freshly migrated one."""

import itertools

import pytest
from sqlalchemy import text

from app.accounts.models import User
from app.extensions import db
from app.regions.models import Region
from tests import factories
from tests.conftest import LARGE_TABLE_ROWS, _empty_all_tables
from tests.database_template import BOOKKEEPING_TABLES, DatabaseTemplate
from tests.security import table_snapshot

_names = itertools.count(1)


def changes(before, after) -> list[str]:
    """What differs in the content: the caches' generation is bumped by every commit."""
    found = table_snapshot.changes(before, after)
    return [line for line in found if line.split(":")[0] not in BOOKKEEPING_TABLES]


def template(**kwargs) -> tuple[DatabaseTemplate, list]:
    """A new template (of its own, whatever ran before) and the list of its builds."""
    builds = []

    def build():
        builds.append(1)
        region = factories.make_region()
        user = factories.make_user(home_region=region)
        return {"region": region, "users": [user], "slug": region.slug}

    return DatabaseTemplate(f"template-test-{next(_names)}", build, **kwargs), builds


def test_a_restore_is_an_exact_copy_of_the_build_with_objects_of_this_session(app):
    first, builds = template()
    built = first.restore()
    expected = table_snapshot.take()
    _empty_all_tables()

    restored = first.restore()
    assert builds == [1]
    assert changes(expected, table_snapshot.take()) == []
    region, user = restored["region"], restored["users"][0]
    assert isinstance(region, Region) and region in db.session
    assert user in db.session and user.home_region_id == region.id
    assert region.slug == restored["slug"] == built["slug"]


def test_what_a_test_writes_is_gone_at_the_next_restore(app):
    first, builds = template()
    value = first.restore()
    value["region"].slug = "renamed"
    factories.make_user(email="written@example.org")
    db.session.commit()
    _empty_all_tables()

    value = first.restore()
    assert builds == [1]
    assert value["region"].slug != "renamed"
    assert db.session.scalar(db.select(User).where(User.email == "written@example.org")) is None
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1


def test_new_rows_after_a_restore_get_new_ids(app):
    first, _ = template()
    first.restore()
    _empty_all_tables()
    value = first.restore()
    newer = factories.make_user()
    db.session.commit()
    assert newer.id > value["users"][0].id


def test_a_restore_refuses_to_drop_what_the_test_wrote(app):
    first, builds = template()
    factories.make_region()
    db.session.commit()
    with pytest.raises(RuntimeError, match="regions"):
        first.restore()
    assert builds == []


def test_an_old_copy_is_built_again(app):
    first, builds = template(max_age=0)
    first.restore()
    _empty_all_tables()
    first.restore()
    assert builds == [1, 1]


def test_tables_with_many_rows_are_emptied_to_the_migrated_database(app):
    before = table_snapshot.take()
    rows = [
        {
            "slug": f"many-{number}",
            "kind": "model_region",
            "name": {},
            "description": {},
            "position": 0,
        }
        for number in range(LARGE_TABLE_ROWS + 5)
    ]
    db.session.execute(Region.__table__.insert(), rows)
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(Region.id))) == LARGE_TABLE_ROWS + 5

    _empty_all_tables()
    assert changes(before, table_snapshot.take()) == []
    region = factories.make_region()
    db.session.commit()
    assert region.id == 1
    if db.engine.dialect.name == "sqlite":
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA secure_delete")).scalar() == 1
