"""Shared fixtures: the app on a migrated database, clients, users per role, mail, queries.

The database is SQLite in a temporary file by default, or whatever `DATABASE_URL` names
(PostgreSQL in CI). The schema is built once per run by the real migrations; each test starts
from empty tables.
"""

import email
import os
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import event, text

from app import create_app
from app.core import cache
from app.extensions import db, limiter
from app.notifications.outbox import deliver_due
from config import TestingConfig
from tests import database_template, factories

IN_CI = os.environ.get("CI", "").lower() == "true"
MIGRATIONS = str(Path(__file__).resolve().parent.parent / "migrations")


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


def _engine_options(url: str) -> dict:
    """The app's engine options; on PostgreSQL a commit does not wait for the disk.

    `synchronous_commit=off` changes only what a crash of the database server would keep (a test
    database is rebuilt anyway), not what other connections see or when: a committed row is
    visible to the next request at once, locks and constraints work as before. Each test commits
    a dozen times or more, and each commit would otherwise wait for an fsync.
    """
    options = dict(TestingConfig.SQLALCHEMY_ENGINE_OPTIONS)
    if url.startswith("postgresql"):
        options["connect_args"] = {"options": "-c synchronous_commit=off"}
    return options


def reset_schema(url: str) -> None:
    """Start from nothing: drop whatever an earlier run left behind."""
    if url.startswith("postgresql"):
        db.session.execute(text("DROP SCHEMA public CASCADE"))
        db.session.execute(text("CREATE SCHEMA public"))
        db.session.commit()


class IsolatedClient(FlaskClient):
    """Runs each request in its own app context, as a real server does.

    Without this, requests would reuse the test's app context and share its `g` (where
    Flask-Login caches the user) and its database session.
    """

    def open(self, *args, **kwargs):
        # End the test's own transaction first: what it set up becomes visible to the request,
        # and its next read sees what the request wrote (SQLite reads from a snapshot taken at
        # the start of a transaction).
        db.session.commit()
        # A streamed body is read (and its iterable closed) inside the request, as a server
        # does; a test that looks at the stream itself asks for buffered=False.
        kwargs.setdefault("buffered", True)
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    url = _database_url(tmp_path_factory)
    instance = tmp_path_factory.mktemp("instance")

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = url
        SQLALCHEMY_ENGINE_OPTIONS = _engine_options(url)
        INSTANCE_DIR = instance
        MAIL_FILE_DIR = str(instance / "mail")
        UPLOAD_DIR = str(instance / "uploads")

    application = create_app(Config)
    application.test_client_class = IsolatedClient
    with application.app_context():
        reset_schema(url)
        upgrade(directory=MIGRATIONS)
        if db.engine.dialect.name == "sqlite":
            _EMPTY_SQLITE.append(database_template.sqlite_copy())
    return application


# The migrated SQLite database before any test wrote to it, to empty tables holding many rows.
_EMPTY_SQLITE: list = []
# A table with more rows than this is emptied by copying the empty database back (SQLite) or by
# TRUNCATE (PostgreSQL): deleting hundreds of thousands of rows one by one takes minutes.
LARGE_TABLE_ROWS = 1000


def _empty_all_tables() -> None:
    tables = list(reversed(db.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        _empty_postgresql_tables(tables)
    else:
        _empty_sqlite_tables(tables)
    db.session.commit()


def _empty_sqlite_tables(tables) -> None:
    """Delete the rows of the tables a test filled (one probe finds them; a DELETE on each of
    80 empty tables would cost more than most tests)."""
    filled = _filled_tables(tables)
    if _EMPTY_SQLITE and any(is_large for _, is_large in filled):
        # After a scale test: the empty database copied back takes milliseconds, where deleting
        # (and, with secure_delete, overwriting) 600,000 rows takes minutes.
        database_template.sqlite_restore(_EMPTY_SQLITE[0])
        return
    # In dependency order, so no foreign key refuses a deletion.
    for name, _ in filled:
        db.session.execute(text(f'DELETE FROM "{name}"'))
    # The full-text index is a table of its own, outside the models (proposals/search.py):
    # left over, its rows would match the next test's proposals, which reuse the same ids.
    db.session.execute(text("DELETE FROM proposal_search"))


def _filled_tables(tables) -> list[tuple[str, bool]]:
    """[(name, holds more than LARGE_TABLE_ROWS rows)] of the tables with rows, in the order
    of `tables`."""
    probes = " UNION ALL ".join(
        f"SELECT '{table.name}', EXISTS (SELECT 1 FROM \"{table.name}\" "
        f"LIMIT 1 OFFSET {LARGE_TABLE_ROWS}) "
        f'WHERE EXISTS (SELECT 1 FROM "{table.name}")'
        for table in tables
    )
    order = {table.name: position for position, table in enumerate(tables)}
    filled = sorted(db.session.execute(text(probes)).all(), key=lambda row: order[row[0]])
    return [(name, bool(is_large)) for name, is_large in filled]


def _empty_postgresql_tables(tables) -> None:
    """Empty only the tables a test filled and restart only the sequences it advanced.

    TRUNCATE gives each table and its indexes new files on disk, which costs about half a
    second per test for all tables; most tests write a few rows to a handful of tables, which
    DELETE removes far faster. Tables holding thousands of rows (the scale tests) are truncated.
    """
    filled = _filled_tables(tables)
    large = [name for name, is_large in filled if is_large]
    if large:
        names = ", ".join(f'"{name}"' for name in large)
        db.session.execute(text(f"TRUNCATE {names} CASCADE"))
    # In dependency order, so no foreign key refuses a deletion.
    for name, is_large in filled:
        if not is_large:
            db.session.execute(text(f'DELETE FROM "{name}"'))
    advanced = db.session.execute(
        text("SELECT sequencename FROM pg_sequences WHERE last_value IS NOT NULL")
    ).scalars()
    for sequence in advanced:
        db.session.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))


@pytest.fixture(autouse=True)
def _clean_state(app, tmp_path):
    """Each test: empty tables, fresh rate limits, its own mail folder, an app context."""
    app.config["MAIL_FILE_DIR"] = str(tmp_path / "mail")
    app.config["UPLOAD_DIR"] = str(tmp_path / "uploads")
    with app.app_context():
        _empty_all_tables()
        limiter.reset()
        cache.current().clear()  # no page or figure cached by one test is served in the next
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


class Mailbox:
    """The .eml files the app wrote, parsed.

    Requests only queue mail in the outbox; reading the mailbox first delivers what is due, as
    `flask mail send` would. `run_sender()` runs a whole sender pass (phases, notification mails,
    delivery).
    """

    def __init__(self, app):
        self.app = app

    @property
    def directory(self) -> Path:
        return Path(self.app.config["MAIL_FILE_DIR"])

    def run_sender(self, now=None):
        from app.notifications.sender import run_once

        return run_once(now)

    def messages(self) -> list[email.message.EmailMessage]:
        deliver_due(limit=10_000)
        if not self.directory.exists():
            return []
        return [
            email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            for path in sorted(self.directory.glob("*.eml"))
        ]

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [message for message in self.messages() if message["To"] == address]

    @staticmethod
    def text(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()

    def last_link(self, address: str, contains: str) -> str:
        """The path of the last link containing `contains` in the last mail to `address`."""
        messages = self.to(address)
        assert messages, f"no mail to {address}"
        links = re.findall(r"https?://[^\s\"<>]+", self.text(messages[-1]))
        matching = [link for link in links if contains in link]
        assert matching, f"no link with {contains!r} in the mail to {address}"
        return re.sub(r"^https?://[^/]+", "", matching[-1])


@pytest.fixture
def mailbox(app):
    return Mailbox(app)


def csrf_token(client, path: str = "/") -> str:
    """The CSRF token of the client's session, as a page shows it."""
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'<meta name="csrf-token" content="([^"]+)"', page)
    assert match, "page carries no CSRF token"
    return match.group(1)


def without_csrf_tokens(page: str) -> str:
    """A page with its per-session tokens blanked, to compare two pages for equality."""
    return re.sub(r'"[A-Za-z0-9._-]{40,}"', '""', page)


def post_form(client, path: str, data: dict | None = None, **kwargs):
    """POST like a browser does: with the CSRF token of the session."""
    payload = {"csrf_token": csrf_token(client), **(data or {})}
    return client.post(path, data=payload, **kwargs)


def log_in(client, user) -> None:
    """Log `user` in on `client` without the login form (the form has its own tests).

    The session counts as having passed the second factor; staff, who must have one, get one.
    """
    from app.accounts import mfa

    if user.is_staff and not user.has_mfa:
        factories.enrol_second_factor(user)
        db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session[mfa.SECOND_FACTOR_PASSED] = user.id


@pytest.fixture
def login_as(client):
    """login_as("coordinator", region=...) -> the new user, logged in on `client`."""

    def _login(role: str = "participant", **kwargs):
        user = factories.make_user_with_role(role, **kwargs)
        db.session.commit()
        log_in(client, user)
        return user

    return _login


class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    def __len__(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """Count SQL statements run inside a `with count_queries() as counter:` block."""
    from contextlib import contextmanager

    @contextmanager
    def _count():
        counter = QueryCounter()

        def before(conn, cursor, statement, parameters, context, executemany):
            counter.statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(db.engine, "before_cursor_execute", before)

    return _count
