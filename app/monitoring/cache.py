"""A small time-limited cache for computed figures, per process.

The dashboard's aggregates run over every contribution; a few minutes' delay is fine for
monitoring, recomputing them for every visitor is not. Keys are the filters of a request.
Several app servers each keep their own copy (figures may differ by up to the cache time).
"""

import threading
import time
from collections.abc import Callable, Hashable

from flask import current_app

_entries: dict[Hashable, tuple[float, object]] = {}
_lock = threading.Lock()
_MAX_ENTRIES = 512  # filters are bounded, but a crawler could walk many combinations


def cached(key: Hashable, compute: Callable[[], object]):
    """The value stored under `key` if younger than MONITORING_CACHE_SECONDS, else computed."""
    lifetime = current_app.config["MONITORING_CACHE_SECONDS"]
    if lifetime <= 0:
        return compute()
    now = time.monotonic()
    with _lock:
        entry = _entries.get(key)
        if entry and now - entry[0] < lifetime:
            return entry[1]
    value = compute()
    with _lock:
        if len(_entries) >= _MAX_ENTRIES:
            _entries.clear()
        _entries[key] = (now, value)
    return value


def clear() -> None:
    with _lock:
        _entries.clear()
