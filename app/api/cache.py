"""API answers from the shared cache (core/cache.py), like the pages for anonymous visitors.

The API shows every caller the same public data, so an answer is kept per address (endpoint,
host, path, sorted query string) under the content generation and the next phase boundary:
any committed write or a phase starting or ending makes it a miss. Only successful answers are
kept; a refused parameter is answered afresh in the caller's language. Each hit answers a
conditional GET from the stored body's ETag without reading the data again.
"""

from collections.abc import Callable

from flask import current_app, request

from app.core import cache as cache_module

NAMESPACE = "api"


def remembered(compute: Callable[[], tuple[bytes, str]]) -> tuple[bytes, str, str]:
    """(JSON body, Link header or "", "hit" | "miss") of this request, from the cache or
    `compute()`; "miss" also when the cache is off or unreachable."""
    if not current_app.config["CACHE_PAGES"]:
        return *compute(), "miss"
    cache = cache_module.current()
    generation = cache.generation()  # before any of the answer's data is read
    if generation is None:
        return *compute(), "miss"
    boundary = cache.phase_epoch(generation)
    key = cache_module.key_digest(
        generation,
        boundary,
        request.endpoint,
        request.scheme,
        request.host,
        request.path,
        cache_module.sorted_query().decode("latin-1"),
    )
    name = f"{NAMESPACE}:{cache.release}:{key}"
    stored = cache.get(name)
    if isinstance(stored, bytes):
        link, _separator, body = stored.partition(b"\n")
        return body, link.decode(), "hit"
    body, link = compute()
    ttl = cache_module.seconds_until(boundary, current_app.config["CACHE_SECONDS"])
    if ttl >= 1:
        cache.set(name, link.encode() + b"\n" + body, ttl)
    return body, link, "miss"
