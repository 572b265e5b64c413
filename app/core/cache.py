"""One cache for the whole app: Redis when several processes or machines serve the site, memory
otherwise; and the content generation that makes every cached entry stale at once.

- **Backends.** `RedisBackend` (keys prefixed `mitreden:`) and `MemoryBackend` (per process,
  thread-safe, least recently used entries go first once `CACHE_MEMORY_BYTES` are used) store
  bytes with a time to live. `Cache` puts values in: bytes as they are (pages), plain data as
  tagged JSON (`encode` / `decode`: dicts with any keys, tuples, dates and registered
  dataclasses; never pickle, so nothing read from Redis can run code).
- **A cache outage is slower, never wrong.** A Redis error is logged once; until Redis answers
  again every lookup is a miss and values are computed.
- **Content generation.** Every committed write bumps one counter (`Session` events below). It
  is read at the start of each cached page lookup and is part of the key, so a change makes
  everything cached before it unreachable, on every instance. With Redis it is a key there
  (INCR after the commit); without Redis a one-row table `cache_generation`, updated in the very
  transaction that writes, so it commits with the change and every worker process reads it with
  one SELECT. Read the generation *before* the data: a page rendered while a write commits is
  then stored under the old generation and never served after it.
- **Phases change with the clock.** `phase_epoch()` is the next start or end of any phase after
  now (one query, kept per process until the generation changes or that moment passes); page
  keys include it and entries live no longer than until then.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote_to_bytes

from flask import current_app, g, has_app_context, has_request_context, request
from sqlalchemy import BigInteger, Integer, event, func, select
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.elements import TextClause

from app.core.clock import now as clock_now
from app.core.clock import utcnow_naive
from app.extensions import db

logger = logging.getLogger(__name__)

PREFIX = "mitreden:"
GENERATION_KEY = "generation"
EXTENSION = "mitreden_cache"


class CacheGeneration(db.Model):
    """The content generation without Redis: one row, bumped by every committing write."""

    __tablename__ = "cache_generation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(BigInteger, nullable=False)


_READ_GENERATION = select(CacheGeneration.value).where(CacheGeneration.id == 1)


# --- Values: bytes, or plain data as tagged JSON ------------------------------------------------

_DATACLASSES: dict[str, type] = {}


def register_dataclass(cls: type) -> type:
    """Allow instances of `cls` (a dataclass whose fields are all init fields) in cached data."""
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls!r} is not a dataclass")
    _DATACLASSES[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return cls


def encode(value):
    """Plain data -> JSON-compatible structure; unknown types raise TypeError."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, tuple):
        return {"__tuple": [encode(item) for item in value]}
    if isinstance(value, frozenset | set):
        tag = "__frozenset" if isinstance(value, frozenset) else "__set"
        return {tag: sorted((encode(item) for item in value), key=_sort_key)}
    if isinstance(value, dict):
        if all(isinstance(key, str) and not key.startswith("__") for key in value):
            return {key: encode(item) for key, item in value.items()}
        return {"__dict": [[encode(key), encode(item)] for key, item in value.items()]}
    if isinstance(value, datetime):
        return {"__datetime": value.isoformat()}
    if isinstance(value, date):
        return {"__date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"__decimal": str(value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = f"{type(value).__module__}.{type(value).__qualname__}"
        if _DATACLASSES.get(name) is not type(value):
            raise TypeError(f"dataclass {name} is not registered for caching")
        fields = {
            field.name: encode(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
        return {"__dataclass": name, "fields": fields}
    raise TypeError(f"{type(value).__name__} cannot be cached")


def _sort_key(item) -> str:
    return json.dumps(item, sort_keys=True)


def decode(value):
    if isinstance(value, list):
        return [decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "__tuple" in value:
        return tuple(decode(item) for item in value["__tuple"])
    if "__set" in value:
        return {decode(item) for item in value["__set"]}
    if "__frozenset" in value:
        return frozenset(decode(item) for item in value["__frozenset"])
    if "__dict" in value:
        return {decode(key): decode(item) for key, item in value["__dict"]}
    if "__datetime" in value:
        return datetime.fromisoformat(value["__datetime"])
    if "__date" in value:
        return date.fromisoformat(value["__date"])
    if "__decimal" in value:
        return Decimal(value["__decimal"])
    if "__dataclass" in value:
        cls = _DATACLASSES[value["__dataclass"]]  # only registered classes are ever built
        return cls(**{name: decode(item) for name, item in value["fields"].items()})
    return {key: decode(item) for key, item in value.items()}


def key_digest(*parts: Hashable) -> str:
    """A short stable name for a key made of plain data (the same in every process)."""
    canonical = json.dumps(encode(parts), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:40]


_BYTES, _JSON = b"B", b"J"


def _pack(value) -> bytes:
    if isinstance(value, bytes | bytearray):
        return _BYTES + bytes(value)
    return _JSON + json.dumps(encode(value), separators=(",", ":")).encode()


def _unpack(raw: bytes):
    if raw[:1] == _BYTES:
        return raw[1:]
    return decode(json.loads(raw[1:]))


# --- Backends --------------------------------------------------------------------------------


class MemoryBackend:
    """Entries of this process, bounded by their total size in bytes (least recently used go)."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    @staticmethod
    def _now() -> float:
        return clock_now().timestamp()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[0] <= self._now():
                self._remove(key)
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def set(self, key: str, value: bytes, ttl: float) -> None:
        cost = self._cost(key, value)
        if ttl <= 0 or cost > self.max_bytes:
            return
        with self._lock:
            self._remove(key)
            self._entries[key] = (self._now() + ttl, value)
            self._size += cost
            while self._size > self.max_bytes:
                self._remove(next(iter(self._entries)))

    def delete(self, key: str) -> None:
        with self._lock:
            self._remove(key)

    def incr(self, key: str) -> int:
        with self._lock:
            entry = self._entries.get(key)
            value = int(entry[1]) + 1 if entry else 1
            self._remove(key)
            self._entries[key] = (float("inf"), str(value).encode())
            self._size += self._cost(key, self._entries[key][1])
            return value

    def clear(self, prefix: str = "") -> None:
        with self._lock:
            for key in [key for key in self._entries if key.startswith(prefix)]:
                self._remove(key)

    @property
    def size(self) -> int:
        return self._size

    def __len__(self) -> int:
        return len(self._entries)

    def _remove(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._size -= self._cost(key, entry[1])

    @staticmethod
    def _cost(key: str, value: bytes) -> int:
        return len(value) + len(key) + 64  # the entry's own bookkeeping, roughly


class CacheUnavailable(Exception):
    """Redis did not answer (logged once by the backend)."""


class RedisBackend:
    """Entries shared by every process that uses the same Redis."""

    RETRY_SECONDS = 5  # after an error, calls fail fast for this long instead of each waiting

    def __init__(self, url: str):
        import redis

        self._errors = (redis.RedisError, OSError)
        self.client = redis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5, health_check_interval=30
        )
        self._down_until = 0.0
        self._failing = False
        self._lock = threading.Lock()

    def _call(self, operation: Callable):
        if self._failing and time.monotonic() < self._down_until:
            raise CacheUnavailable
        try:
            result = operation(self.client)
        except self._errors as error:
            with self._lock:
                if not self._failing:
                    logger.warning("Cache (Redis) unavailable, computing instead: %s", error)
                self._failing = True
                self._down_until = time.monotonic() + self.RETRY_SECONDS
            raise CacheUnavailable from error
        if self._failing:
            with self._lock:
                self._failing = False
            logger.warning("Cache (Redis) available again")
        return result

    def get(self, key: str) -> bytes | None:
        try:
            return self._call(lambda client: client.get(PREFIX + key))
        except CacheUnavailable:
            return None

    def set(self, key: str, value: bytes, ttl: float) -> None:
        milliseconds = int(ttl * 1000)
        if milliseconds <= 0:
            return
        with contextlib.suppress(CacheUnavailable):
            self._call(lambda client: client.set(PREFIX + key, value, px=milliseconds))

    def delete(self, key: str) -> None:
        with contextlib.suppress(CacheUnavailable):
            self._call(lambda client: client.delete(PREFIX + key))

    def incr(self, key: str) -> int:
        """Raises CacheUnavailable: a bump that did not happen must not go unnoticed."""
        return int(self._call(lambda client: client.incr(PREFIX + key)))

    def read_counter(self, key: str) -> int:
        """Raises CacheUnavailable (then nothing may be served from the cache)."""
        value = self._call(lambda client: client.get(PREFIX + key))
        return int(value) if value is not None else 0

    def clear(self, prefix: str = "") -> None:
        def delete_matching(client):
            for name in client.scan_iter(match=PREFIX + prefix + "*", count=500):
                client.delete(name)

        with contextlib.suppress(CacheUnavailable):
            self._call(delete_matching)


# --- The app's cache -------------------------------------------------------------------------


def code_fingerprint(root: Path | None = None) -> str:
    """A short digest of the code, templates and compiled catalogs this process serves.

    Cached values are keyed by it: during a rolling release, old and new instances share Redis
    but never each other's pages or figures (which may differ in markup or shape). The content
    generation stays shared, so a write on either invalidates both.
    """
    base = root or Path(__file__).resolve().parents[2]
    digest = hashlib.sha256()
    files = [*base.joinpath("app").rglob("*.py"), *base.joinpath("app").rglob("*.html")]
    files += base.joinpath("translations").glob("*/LC_MESSAGES/messages.mo")
    for path in sorted(files):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class Cache:
    def __init__(self, app):
        url = app.config.get("CACHE_REDIS_URL")
        # The release's own namespace for values (CACHE_RELEASE, or the code's fingerprint).
        self.release = app.config.get("CACHE_RELEASE") or code_fingerprint()
        self.shared = bool(url)
        self.backend = RedisBackend(url) if url else MemoryBackend(app.config["CACHE_MEMORY_BYTES"])
        self._epoch_lock = threading.Lock()
        self._epoch: tuple | None = None  # (generation, computed at, next boundary)
        self._bump_pending = False  # a Redis bump failed: bump once it answers again

    # Plain values and bytes.

    def get(self, key: str):
        raw = self.backend.get(key)
        if raw is None:
            return None
        try:
            return _unpack(raw)
        except (ValueError, KeyError, TypeError):
            logger.warning("Unreadable cache entry %s ignored", key)
            return None

    def set(self, key: str, value, ttl: float) -> None:
        self.backend.set(key, _pack(value), ttl)

    def remember(self, namespace: str, key: Hashable, compute: Callable, ttl: float):
        """The value cached under (namespace, key), or `compute()` stored for `ttl` seconds."""
        name = f"{namespace}:{self.release}:{key_digest(key)}"
        found = self.get(name)
        if found is not None:
            return found
        value = compute()
        try:
            packed = _pack(value)
        except TypeError as error:
            logger.error("Value of %s not cached: %s", namespace, error)
            return value
        self.backend.set(name, packed, ttl)
        return value

    def clear(self, namespace: str = "") -> None:
        self.backend.clear(f"{namespace}:" if namespace else "")
        if not namespace:
            with self._epoch_lock:
                self._epoch = None

    # The content generation.

    def generation(self) -> int | None:
        """The current generation, read once per request; None when it cannot be known (then
        nothing may be served from the cache)."""
        if has_request_context() and "_cache_generation" in g:
            return g._cache_generation
        value = self._read_generation()
        if has_request_context():
            g._cache_generation = value
        return value

    def _read_generation(self) -> int | None:
        if not self.shared:
            return db.session.execute(_READ_GENERATION).scalar() or 0
        try:
            if self._bump_pending:
                self.backend.incr(GENERATION_KEY)
                self._bump_pending = False
            return self.backend.read_counter(GENERATION_KEY)
        except CacheUnavailable:
            return None

    def bump_after_commit(self) -> None:
        """With Redis: a new generation once a write has committed."""
        try:
            self.backend.incr(GENERATION_KEY)
        except CacheUnavailable:
            self._bump_pending = True

    # Phase boundaries.

    def phase_epoch(self, generation: int) -> datetime | None:
        """The next moment after now at which some phase starts or ends (None: no such moment).

        Pages depend on the clock only through phases; between two such moments a page stays
        the same. Kept per process until the generation changes or the moment passes.
        """
        now = utcnow_naive()
        with self._epoch_lock:
            known = self._epoch
        if known and self._epoch_holds(known, generation, now):
            return known[2]
        boundary = next_phase_boundary(now)
        with self._epoch_lock:
            self._epoch = (generation, now, boundary)
        return boundary

    @staticmethod
    def _epoch_holds(known: tuple, generation: int, now: datetime) -> bool:
        """Same generation, and now lies between when it was computed and the boundary (tests
        travel in time both ways)."""
        computed_at, boundary = known[1], known[2]
        return (
            known[0] == generation and computed_at <= now and (boundary is None or now < boundary)
        )


def next_phase_boundary(after: datetime) -> datetime | None:
    from app.consultations.models import Phase

    starts = select(func.min(Phase.starts_at)).where(Phase.starts_at > after).scalar_subquery()
    ends = select(func.min(Phase.ends_at)).where(Phase.ends_at > after).scalar_subquery()
    first_start, first_end = db.session.execute(select(starts, ends)).one()
    found = [moment for moment in (first_start, first_end) if moment is not None]
    return min(found) if found else None


def current() -> Cache:
    return current_app.extensions[EXTENSION]


def seconds_until(moment: datetime | None, limit: float) -> float:
    """`limit`, or fewer seconds if `moment` comes first."""
    if moment is None:
        return limit
    return max(0.0, min(limit, (moment - utcnow_naive()).total_seconds()))


# --- Which sessions wrote: the bump ------------------------------------------------------------

_MARK = "mitreden_cache_wrote"
_WRITE_STATEMENT = re.compile(
    r"^\s*(?:--[^\n]*\n\s*)*(insert|update|delete|replace|merge|upsert|truncate)\b", re.IGNORECASE
)


def _note_flush(session, flush_context, instances) -> None:
    if session.new or session.deleted or any(session.is_modified(obj) for obj in session.dirty):
        session.info[_MARK] = True


def _note_statement(state) -> None:
    statement = state.statement
    writes = state.is_insert or state.is_update or state.is_delete
    if writes or (isinstance(statement, TextClause) and _WRITE_STATEMENT.match(statement.text)):
        state.session.info[_MARK] = True


def _pending_changes(session) -> bool:
    return bool(
        session.new or session.deleted or any(session.is_modified(obj) for obj in session.dirty)
    )


def _is_root_commit(session) -> bool:
    return session.get_nested_transaction() is None


def _before_commit(session) -> None:
    """Without Redis: bump the generation in the committing transaction itself."""
    if not has_app_context() or not _is_root_commit(session):
        return
    cache = current_app.extensions.get(EXTENSION)
    if cache is None or cache.shared:
        return
    if not (session.info.get(_MARK) or _pending_changes(session)):
        return
    connection = session.connection()  # not session.execute: that would mark the session again
    connection.execute(_bump_statement(connection.dialect.name))
    session.info.pop(_MARK, None)


def _bump_statement(dialect: str):
    table = CacheGeneration.__table__
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    # A random start when the row is missing (a fresh or emptied database), so a restarted count
    # does not meet entries cached under the same numbers before.
    statement = insert(table).values(id=1, value=secrets.randbelow(2**52) + 1)
    return statement.on_conflict_do_update(
        index_elements=[table.c.id], set_={"value": table.c.value + 1}
    )


def _after_commit(session) -> None:
    """With Redis: bump after the commit, so no reader sees the new generation with old data."""
    if not has_app_context() or not _is_root_commit(session):
        return
    wrote = session.info.pop(_MARK, False)
    cache = current_app.extensions.get(EXTENSION)
    if cache is None or not cache.shared or not wrote:
        return
    cache.bump_after_commit()


def _after_transaction_end(session, transaction) -> None:
    if transaction.parent is None:  # the outermost transaction: committed or rolled back
        session.info.pop(_MARK, None)


_listening = False


def _listen() -> None:
    global _listening
    if _listening:
        return
    event.listen(db.session, "before_flush", _note_flush)
    event.listen(db.session, "do_orm_execute", _note_statement)
    event.listen(db.session, "before_commit", _before_commit)
    event.listen(db.session, "after_commit", _after_commit)
    event.listen(db.session, "after_transaction_end", _after_transaction_end)
    _listening = True


def init_app(app) -> Cache:
    cache = Cache(app)
    app.extensions[EXTENSION] = cache
    _listen()
    return cache


def sorted_query() -> bytes:
    """The query string with its parameters sorted by name (stable: a name's values keep their
    order, which is what the views read)."""
    raw = request.query_string
    if not raw:
        return b""
    pairs = [part for part in raw.split(b"&") if part]
    return b"&".join(sorted(pairs, key=_parameter_name))


def _parameter_name(pair: bytes) -> bytes:
    return unquote_to_bytes(pair.split(b"=", 1)[0].replace(b"+", b" "))
