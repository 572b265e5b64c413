"""The cache backends and the content generation (app/core/cache.py): values, size bound and
expiry in memory, the generation in the database shared by two app objects, Redis shared by two
app objects, a Redis outage, and the monitoring figures on the shared cache.

Redis tests start their own redis-server on a free port; without one they are skipped, except in
CI (CI=true), where a missing redis-server fails.
"""

import logging
import re
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, text, update

from app import create_app
from app.core import cache as cache_module
from app.core.cache import CacheGeneration, MemoryBackend, decode, encode
from app.core.clock import now as clock_now
from app.extensions import db
from app.monitoring import cache as monitoring_cache
from app.monitoring.responsiveness import ModerationFigures
from app.monitoring.suppression import SUPPRESSED, Cell, SuppressedTable
from app.proposals.models import Proposal
from config import TestingConfig
from tests import participation_builders as build
from tests.conftest import IN_CI, IsolatedClient, log_in, post_form, without_csrf_tokens
from tests.factories import make_user, make_user_with_role

EN = {"Accept-Language": "en"}


def page(response) -> str:
    return response.get_data(as_text=True)


# --- values ------------------------------------------------------------------------------------


def test_plain_data_round_trips_through_json():
    value = {
        (1, "2026-03"): [Cell(12), SUPPRESSED],
        None: {"nested": (date(2026, 3, 1), datetime(2026, 3, 1, 12, 30))},
        "figures": ModerationFigures(queue_length=3, decisions_by_reason={"spam": 2}),
        "table": SuppressedTable(rows=[1], columns=["a"], cells={(1, "a"): Cell(7)}),
        "__looks_like_a_tag": {"__tuple": [1]},
        "kinds": frozenset({"a", "b"}),
    }
    assert decode(encode(value)) == value
    assert isinstance(decode(encode(value))[(1, "2026-03")][0], Cell)


def test_unregistered_classes_are_refused_both_ways():
    @dataclass
    class Unknown:
        value: int

    with pytest.raises(TypeError):
        encode(Unknown(1))
    with pytest.raises(TypeError):
        encode(object())
    # A crafted entry naming any other class builds nothing.
    with pytest.raises(KeyError):
        decode({"__dataclass": "subprocess.Popen", "fields": {"args": "true"}})


def test_an_unreadable_entry_is_a_miss(app):
    cache = cache_module.current()
    cache.backend.set("data:broken", b"J{not json", 60)
    assert cache.get("data:broken") is None


# --- memory backend ---------------------------------------------------------------------------


def test_memory_backend_evicts_the_least_recently_used_by_size():
    backend = MemoryBackend(max_bytes=1_000)
    for name in ("a", "b"):
        backend.set(name, b"x" * 400, 60)
    assert backend.get("a") == b"x" * 400  # "a" is now the more recently used
    backend.set("c", b"y" * 400, 60)
    assert backend.get("b") is None
    assert backend.get("a") is not None and backend.get("c") is not None
    assert backend.size <= 1_000 and len(backend) == 2
    backend.set("huge", b"z" * 2_000, 60)  # larger than the whole cache: not kept
    assert backend.get("huge") is None and len(backend) == 2


def test_memory_backend_entries_expire(time_machine):
    start = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    time_machine.move_to(start, tick=False)
    backend = MemoryBackend(max_bytes=10_000)
    backend.set("page", b"html", 60)
    time_machine.move_to(start + timedelta(seconds=59), tick=False)
    assert backend.get("page") == b"html"
    time_machine.move_to(start + timedelta(seconds=60), tick=False)
    assert backend.get("page") is None
    assert backend.size == 0


def test_memory_backend_counts_and_clears_by_prefix():
    backend = MemoryBackend(max_bytes=10_000)
    assert [backend.incr("n"), backend.incr("n")] == [1, 2]
    backend.set("page:1", b"a", 60)
    backend.set("monitoring:1", b"b", 60)
    backend.clear("page:")
    assert backend.get("page:1") is None and backend.get("monitoring:1") == b"b"


def test_remember_computes_once_per_key(app):
    cache = cache_module.current()
    calls = []

    def compute():
        calls.append(1)
        return {"count": len(calls)}

    assert cache.remember("data", ("a", 1), compute, 60) == {"count": 1}
    assert cache.remember("data", ("a", 1), compute, 60) == {"count": 1}
    assert cache.remember("data", ("a", 2), compute, 60) == {"count": 2}


# --- the generation in the database -------------------------------------------------------------


def generation() -> int:
    return db.session.scalar(select(CacheGeneration.value).where(CacheGeneration.id == 1)) or 0


def test_every_committed_write_bumps_the_generation_and_reads_do_not(app):
    c = build.consultation()
    db.session.commit()
    first = generation()
    assert first > 0
    db.session.scalars(select(Proposal)).all()
    db.session.commit()
    assert generation() == first
    db.session.execute(update(Proposal).values(title="x"))  # a statement, not an object
    db.session.commit()
    assert generation() == first + 1
    db.session.execute(text("UPDATE consultations SET vote_budget = 1 WHERE id = :i"), {"i": c.id})
    db.session.commit()
    assert generation() == first + 2
    c.vote_budget = 2
    db.session.rollback()  # nothing written: nothing bumped
    db.session.commit()
    assert generation() == first + 2


def test_a_write_rolled_back_in_a_savepoint_still_counts_only_when_committed(app):
    build.consultation()
    db.session.commit()
    first = generation()
    with db.session.begin_nested():
        make_user()
    assert generation() == first  # the savepoint's release is not the commit
    db.session.commit()
    assert generation() == first + 1


def test_a_missing_generation_row_is_recreated_by_the_next_write(app):
    db.session.execute(CacheGeneration.__table__.delete())
    db.session.commit()  # the delete itself is a write: the row comes back at once
    assert generation() > 0
    db.session.execute(CacheGeneration.__table__.delete())
    db.session.flush()
    assert cache_module.current().generation() == 0  # read as 0 while missing
    db.session.rollback()


@contextmanager
def another_app(app, tmp_path, name: str, **settings):
    """A second application object on the test database, as another worker process would be."""

    class Other(TestingConfig):
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
        INSTANCE_DIR = tmp_path / name
        MAIL_FILE_DIR = str(tmp_path / name / "mail")

    for key, value in settings.items():
        setattr(Other, key, value)
    other = create_app(Other)
    other.test_client_class = IsolatedClient
    try:
        yield other
    finally:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def hidden_soon(app):
    moderator = make_user_with_role("moderator", locale="en")
    consultation = build.consultation(region=moderator.roles[0].region, phase="discussion")
    author = make_user()
    proposal = build.proposal(consultation, author, title="Bänke am Fluss")
    comment = build.comment(proposal, author, body="Ein Kommentar zum Verbergen")
    proposal.comment_count = 1
    db.session.commit()
    return moderator, proposal, comment


def hide(client, moderator, comment) -> None:
    log_in(client, moderator)
    response = post_form(
        client,
        f"/moderation/contributions/{comment.id}",
        {"action": "hide", "seen_state": "published", "reason": "insult", "note": ""},
    )
    assert response.status_code == 302


def test_a_write_through_one_app_invalidates_the_page_cached_by_another(app, tmp_path, hidden_soon):
    """Two worker processes without Redis: each caches pages in its own memory, and both read
    the generation from the database."""
    moderator, proposal, comment = hidden_soon
    url = build.proposal_url(proposal)
    with another_app(app, tmp_path, "second") as second:
        reader = second.test_client()
        assert reader.get(url, headers=EN).headers["X-Cache"] == "miss"
        assert reader.get(url, headers=EN).headers["X-Cache"] == "hit"
        assert app.test_client().get(url, headers=EN).headers["X-Cache"] == "miss"  # own memory

        hide(app.test_client(), moderator, comment)

        response = reader.get(url, headers=EN)
        assert response.headers["X-Cache"] == "miss"
        assert "Ein Kommentar zum Verbergen" not in page(response)


# --- Redis ---------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url():
    executable = shutil.which("redis-server")
    if executable is None:
        message = "redis-server is not installed"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    import redis

    port = _free_port()
    arguments = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen(
        [executable, *arguments],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            pytest.fail("redis-server did not start")
        client.close()
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_two_apps_on_redis_share_pages_and_the_generation(app, tmp_path, redis_url, hidden_soon):
    moderator, proposal, comment = hidden_soon
    url = build.proposal_url(proposal)
    with (
        another_app(app, tmp_path, "a", CACHE_REDIS_URL=redis_url) as first,
        another_app(app, tmp_path, "b", CACHE_REDIS_URL=redis_url) as second,
    ):
        assert first.test_client().get(url, headers=EN).headers["X-Cache"] == "miss"
        shared = second.test_client().get(url, headers=EN)
        assert shared.headers["X-Cache"] == "hit"  # stored by the other app
        assert "Ein Kommentar zum Verbergen" in page(shared)

        hide(first.test_client(), moderator, comment)

        response = second.test_client().get(url, headers=EN)
        assert response.headers["X-Cache"] == "miss"
        assert "Ein Kommentar zum Verbergen" not in page(response)
        import redis

        keys = redis.Redis.from_url(redis_url).keys("*")
        assert b"mitreden:generation" in keys
        assert all(key.startswith(b"mitreden:") for key in keys)


def test_a_warm_hit_with_redis_runs_no_statement(app, tmp_path, redis_url, hidden_soon):
    _moderator, proposal, _comment = hidden_soon
    url = build.proposal_url(proposal)
    with another_app(app, tmp_path, "a", CACHE_REDIS_URL=redis_url) as shared:
        client = shared.test_client()
        client.get(url, headers=EN)
        statements = []

        def count(conn, cursor, statement, *args):
            statements.append(statement)

        with shared.app_context():
            engine = db.engine
        from sqlalchemy import event

        event.listen(engine, "before_cursor_execute", count)
        try:
            assert client.get(url, headers=EN).headers["X-Cache"] == "hit"
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert statements == []


def test_redis_down_pages_still_work_and_the_outage_is_logged_once(
    app, tmp_path, hidden_soon, caplog
):
    _moderator, proposal, _comment = hidden_soon
    url = build.proposal_url(proposal)
    nowhere = f"redis://127.0.0.1:{_free_port()}/0"  # nothing listens there
    caplog.set_level(logging.WARNING, logger="app.core.cache")
    with another_app(
        app, tmp_path, "down", CACHE_REDIS_URL=nowhere, MONITORING_CACHE_SECONDS=300
    ) as cut_off:
        client = cut_off.test_client()
        for _ in range(3):
            response = client.get(url, headers=EN)
            assert response.status_code == 200
            assert "X-Cache" not in response.headers  # the generation is unknown: no lookup
            assert "Ein Kommentar zum Verbergen" in page(response)
        writer = cut_off.test_client()
        log_in(writer, make_user())
        posted = post_form(
            writer,
            build.proposal_url(proposal, "/comments/"),
            {"body": "Trotzdem gespeichert", "stance": "", "language": "de"},
        )
        assert posted.status_code == 302  # the failed bump does not fail the write
        assert client.get("/monitoring/", headers=EN).status_code == 200  # figures computed
    outages = [r for r in caplog.records if "unavailable" in r.getMessage()]
    assert len(outages) == 1


def test_a_bump_missed_during_an_outage_is_made_when_redis_answers_again(app, tmp_path, redis_url):
    with another_app(app, tmp_path, "a", CACHE_REDIS_URL=redis_url) as shared:
        cache = cache_module.Cache(shared)
    before = cache._read_generation()
    reachable = cache.backend.client
    cache.backend.client = type(reachable).from_url(f"redis://127.0.0.1:{_free_port()}/0")
    cache.bump_after_commit()  # a write committed while Redis was away
    assert cache._read_generation() is None  # unknown: nothing may be served meanwhile
    cache.backend.client = reachable
    cache.backend._down_until = 0  # the retry pause is over
    assert cache._read_generation() == before + 1


# --- monitoring figures on the shared cache ------------------------------------------------------


@pytest.fixture
def monitoring_world(app, time_machine):
    from tests.monitoring.page_data import populate

    time_machine.move_to(datetime(2026, 7, 1, 12, 0, tzinfo=UTC), tick=False)
    world = populate(scale=1)
    coordinator = make_user_with_role("coordinator", region=world.regions[0], locale="en")
    db.session.commit()
    return world, coordinator


def test_monitoring_figures_from_the_cache_give_the_same_pages(
    app, monitoring_world, monkeypatch, caplog, count_queries
):
    from tests.monitoring.page_data import PERIOD

    world, coordinator = monitoring_world
    client = app.test_client()
    log_in(client, coordinator)
    paths = ["/monitoring/", f"/monitoring/regions/{world.regions[0].slug}", "/monitoring/internal"]

    def pages() -> list[str]:
        found = []
        for path in paths:
            response = client.get(path, query_string=PERIOD, headers=EN)
            assert response.status_code == 200, path
            found.append(without_csrf_tokens(page(response)))
        return found

    computed = pages()  # MONITORING_CACHE_SECONDS is 0 in tests
    monkeypatch.setitem(app.config, "MONITORING_CACHE_SECONDS", 300)
    caplog.set_level(logging.ERROR, logger="app.core.cache")
    with count_queries() as storing:
        stored = pages()
    with count_queries() as reading:
        from_cache = pages()
    assert stored == computed
    assert from_cache == computed
    assert len(reading) < len(storing)
    assert not [r for r in caplog.records if "not cached" in r.getMessage()]
    memory = cache_module.current().backend
    assert any(key.startswith("monitoring:") for key in memory._entries)

    monitoring_cache.clear()
    assert not any(key.startswith("monitoring:") for key in memory._entries)


def test_monitoring_keys_include_the_filters(app, monkeypatch):
    monkeypatch.setitem(app.config, "MONITORING_CACHE_SECONDS", 300)
    assert monitoring_cache.cached(("a", date(2026, 1, 1)), lambda: {"n": 1}) == {"n": 1}
    assert monitoring_cache.cached(("a", date(2026, 2, 1)), lambda: {"n": 2}) == {"n": 2}
    assert monitoring_cache.cached(("a", date(2026, 1, 1)), lambda: {"n": 3}) == {"n": 1}


def test_the_generation_is_part_of_no_monitoring_key(app, monkeypatch):
    """Figures follow MONITORING_CACHE_SECONDS, not every vote (documented delay)."""
    monkeypatch.setitem(app.config, "MONITORING_CACHE_SECONDS", 300)
    monitoring_cache.cached(("b",), lambda: 1)
    build.consultation()
    db.session.commit()
    assert monitoring_cache.cached(("b",), lambda: 2) == 1


def test_next_phase_boundary_is_the_earliest_start_or_end_after_now(app):
    now = clock_now().replace(tzinfo=None)
    build.consultation(phase="proposals")  # proposals end in 5 days
    db.session.commit()
    boundary = cache_module.next_phase_boundary(now)
    assert timedelta(days=4) < boundary - now <= timedelta(days=5, seconds=1)
    assert re.match(r"\d{4}-", boundary.isoformat())


def test_releases_share_the_generation_but_not_their_pages(app, tmp_path, redis_url, hidden_soon):
    # A rolling release: old and new code on one Redis.
    moderator, proposal, comment = hidden_soon
    url = build.proposal_url(proposal)
    with (
        another_app(app, tmp_path, "old", CACHE_REDIS_URL=redis_url, CACHE_RELEASE="old") as old,
        another_app(app, tmp_path, "new", CACHE_REDIS_URL=redis_url, CACHE_RELEASE="new") as new,
    ):
        assert old.test_client().get(url, headers=EN).headers["X-Cache"] == "miss"
        assert new.test_client().get(url, headers=EN).headers["X-Cache"] == "miss"
        assert new.test_client().get(url, headers=EN).headers["X-Cache"] == "hit"

        hide(old.test_client(), moderator, comment)

        response = new.test_client().get(url, headers=EN)
        assert response.headers["X-Cache"] == "miss"
        assert "Ein Kommentar zum Verbergen" not in page(response)


def test_the_code_fingerprint_follows_code_templates_and_catalogs(tmp_path):
    (tmp_path / "app" / "templates").mkdir(parents=True)
    (tmp_path / "translations" / "de" / "LC_MESSAGES").mkdir(parents=True)
    module = tmp_path / "app" / "views.py"
    template = tmp_path / "app" / "templates" / "page.html"
    catalog = tmp_path / "translations" / "de" / "LC_MESSAGES" / "messages.mo"
    for path in (module, template, catalog):
        path.write_text("first")
    seen = {cache_module.code_fingerprint(tmp_path)}
    for path in (module, template, catalog):
        path.write_text("changed")
        seen.add(cache_module.code_fingerprint(tmp_path))
    assert len(seen) == 4
    assert cache_module.code_fingerprint(tmp_path) == cache_module.code_fingerprint(tmp_path)
