"""Safe methods: no GET changes a row, whoever asks.

For each of the ten actors of the world, every GET rule of `app.url_map` is fetched (its path
filled with the world's objects), and then the links those pages offer, a few per endpoint
(filters, sorts, pagination, other objects). Every table is read before and after; nothing
may differ. Each request is watched for write statements as well, so a failure names the page
that wrote, and a write that leaves the same value behind is caught too.
"""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from sqlalchemy import event
from werkzeug.exceptions import HTTPException

from app.extensions import db
from tests.conftest import post_form
from tests.security import table_snapshot
from tests.security.world import ACTORS, build_world

LINK = re.compile(r'href="(/[^"#]*)')
SKIPPED = ("/static/", "/videos/")
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE|UPSERT)\b", re.IGNORECASE)

# Columns a GET may change, with the reason. None so far: reading a notification is a POST
# (notifications.open_item / read), logging in is a POST, and the list order's seed lives in
# the session cookie.
MAY_CHANGE: dict[str, set[str]] = {}


class WatchedClient:
    """Passes GETs to a test client and notes the write statements each one ran."""

    def __init__(self, client):
        self.client = client
        self.path: str | None = None
        self.requests = 0
        self.writes: list[tuple[str, str]] = []

    def get(self, path, *args, **kwargs):
        self.path = path
        self.requests += 1
        try:
            return self.client.get(path, *args, **kwargs)
        finally:
            self.path = None

    def note(self, conn, cursor, statement, parameters, context, executemany):
        if self.path is not None and WRITE.match(statement):
            self.writes.append((self.path, " ".join(statement.split())[:120]))


def get_rules(app):
    return sorted(
        (rule for rule in app.url_map.iter_rules() if "GET" in (rule.methods or ())),
        key=lambda rule: (rule.rule, rule.endpoint),
    )


@pytest.fixture
def world(app):
    return build_world()


def linked_paths(app, pages: list[str], fetched: set[str], per_endpoint: int = 2) -> list[str]:
    """Same-site links of the pages (filters, sorts, pagination, objects), a few per endpoint."""
    adapter = app.url_map.bind("localhost")
    taken: dict[str, int] = {}
    found = []
    for page in pages:
        for link in LINK.findall(page):
            path = unescape(link)
            if path in fetched or path.startswith(SKIPPED) or path in found:
                continue
            try:
                endpoint, _ = adapter.match(urlsplit(path).path, method="GET")
            except HTTPException:
                continue
            if taken.get(endpoint, 0) < per_endpoint:
                taken[endpoint] = taken.get(endpoint, 0) + 1
                found.append(path)
    return found


@pytest.mark.parametrize("actor", ACTORS)
def test_no_get_changes_a_row(app, world, actor):
    starts = [world.path_for(rule) for rule in get_rules(app) if rule.endpoint != "static"]
    watched = WatchedClient(world.log_in_client(actor))
    before = table_snapshot.take(MAY_CHANGE)
    event.listen(db.engine, "before_cursor_execute", watched.note)
    try:
        pages = []
        for path in starts:
            response = watched.get(path)
            if response.mimetype == "text/html":
                pages.append(response.get_data(as_text=True))
        # One step further: the links those pages offer (query strings included).
        for path in linked_paths(app, pages, set(starts)):
            watched.get(path)
    finally:
        event.remove(db.engine, "before_cursor_execute", watched.note)
    after = table_snapshot.take(MAY_CHANGE)
    assert watched.requests > len(starts)
    assert watched.writes == []
    assert table_snapshot.changes(before, after) == []


def test_the_walk_fetches_every_get_rule(app, world):
    """The start list holds one path per GET rule; none is left out for lack of a value."""
    rules = [rule for rule in get_rules(app) if rule.endpoint != "static"]
    assert len(rules) >= 100
    paths = {rule.endpoint: world.path_for(rule) for rule in rules}
    assert paths["notifications.index"] == "/notifications/"
    assert all(path.startswith("/") for path in paths.values())


def test_the_watch_sees_a_write(app, world):
    """The control: a request that does write is noticed by both checks."""
    watched = WatchedClient(world.log_in_client("author"))
    notification = world.objects["notification"]
    before = table_snapshot.take(MAY_CHANGE)
    event.listen(db.engine, "before_cursor_execute", watched.note)
    try:
        watched.path = f"/notifications/{notification.id}/read"
        post_form(watched.client, watched.path)
    finally:
        watched.path = None
        event.remove(db.engine, "before_cursor_execute", watched.note)
    assert any("UPDATE notifications" in statement for _, statement in watched.writes)
    changed = table_snapshot.changes(before, table_snapshot.take(MAY_CHANGE))
    assert any(line.startswith("notifications:") and "read_at" in line for line in changed)
