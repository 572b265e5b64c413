"""Whole pages for anonymous visitors, served from the cache (`core/cache.py`).

A view marked `@cached_for_anonymous` is looked up before it runs (a before_request hook) and
stored after it ran (an after_request hook); a hit still passes every after_request hook (security
headers, the session cookie). The response says `X-Cache: hit` or `miss`.

Only GET and HEAD, only visitors who are not signed in and whose session holds nothing but
`SESSION_KEYS` (a flash message, a pending login or anything else bypasses the cache), only
200 HTML responses that set no cookie of their own, chose no caching of their own and showed no
flash message. Only the body and its type are kept: a view that needs other headers is no
candidate.

The key (under the release's namespace, see `cache.code_fingerprint`): the content generation (read
before the page's data) and the next phase boundary, the endpoint, scheme, host, path and query
string (its parameters sorted by name, each name's values in their order), the page language, the
reading preference ("my language first") and whatever a view names in `vary` (the consultation
page: the visitor's shuffle seed).

Every page carries the visitor's CSRF token. Before a page is stored, the token of that request is
replaced by a placeholder that only this server can know (derived from SECRET_KEY); a hit puts in
the token of the visitor being served, so forms keep working and no visitor sees another's token.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

from flask import Response, current_app, g, request, session
from flask.globals import request_ctx
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from app.core import cache as cache_module
from app.core.i18n import current_language
from app.multilingual.queries import PREFERENCE_KEY

NAMESPACE = "page"
# Session keys an anonymous visitor's session may hold for a page to be served from the cache.
# Flask-Login writes "_fresh" (and "_remember": "clear" after a logout); "_permanent" is Flask's.
SESSION_KEYS = frozenset({"csrf_token", "shuffle_seed", "_fresh", "_permanent", PREFERENCE_KEY})
CACHEABLE_METHODS = frozenset({"GET", "HEAD"})
_RULE = "_page_cache_vary"


def cached_for_anonymous(view: Callable | None = None, *, vary: tuple[Callable, ...] = ()):
    """Mark a view as cacheable for anonymous visitors.

    `vary`: functions called before the lookup whose results are part of the key (and whose side
    effects, such as keeping a seed in the session, happen on hits too).
    """

    def mark(function: Callable) -> Callable:
        setattr(function, _RULE, tuple(vary))
        return function

    return mark(view) if view is not None else mark


def _rule():
    if request.method not in CACHEABLE_METHODS or request.endpoint is None:
        return None
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, _RULE, None)


def _anonymous_session() -> bool:
    for key, value in session.items():
        if key == "_remember" and value == "clear":
            continue
        if key not in SESSION_KEYS:
            return False
    if current_app.config["REMEMBER_COOKIE_NAME"] in request.cookies:
        return False  # Flask-Login would sign this visitor in from the cookie
    return current_user.is_anonymous


def csrf_placeholder() -> str:
    digest = hmac.new(
        str(current_app.secret_key).encode(), b"mitreden page cache csrf", hashlib.sha256
    ).hexdigest()
    return f"csrf-{digest[:40]}"


def lookup():
    """before_request: serve a stored page, or note the key to store this one under."""
    vary = _rule()
    if vary is None or not current_app.config["CACHE_PAGES"] or not _anonymous_session():
        return None
    cache = cache_module.current()
    generation = cache.generation()  # before any of the page's data is read
    if generation is None:
        return None
    boundary = cache.phase_epoch(generation)
    key = cache_module.key_digest(
        generation,
        boundary,
        request.endpoint,
        request.scheme,
        request.host,
        request.path,
        cache_module.sorted_query().decode("latin-1"),
        current_language(),
        bool(session.get(PREFERENCE_KEY)),
        *(function() for function in vary),
        # Pages hold the placeholder of the key they were stored with: a new SECRET_KEY must
        # not find them.
        csrf_placeholder(),
    )
    name = f"{NAMESPACE}:{cache.release}:{key}"
    g._page_cache = {"name": name, "boundary": boundary}
    stored = cache.get(name)
    if not isinstance(stored, bytes):
        return None
    g._page_cache["hit"] = True
    mimetype, _sep, body = stored.partition(b"\n")
    body = body.replace(csrf_placeholder().encode(), generate_csrf().encode())
    response = Response(body, status=200, mimetype=mimetype.decode("ascii"))
    response.headers["X-Cache"] = "hit"
    return response


def store(response):
    """after_request: keep a page that may be shown to every anonymous visitor."""
    state = g.pop("_page_cache", None)
    if state is None or state.get("hit"):
        return response
    response.headers["X-Cache"] = "miss"
    if not _storable(response):
        return response
    body = response.get_data()
    token = g.get("csrf_token")
    if token:
        body = body.replace(token.encode(), csrf_placeholder().encode())
    ttl = cache_module.seconds_until(state["boundary"], current_app.config["CACHE_SECONDS"])
    if ttl >= 1:
        cache_module.current().set(state["name"], response.mimetype.encode() + b"\n" + body, ttl)
    return response


def _storable(response) -> bool:
    return (
        response.status_code == 200
        and response.mimetype == "text/html"
        and not response.is_streamed
        and not response.direct_passthrough
        and "Set-Cookie" not in response.headers
        and "Cache-Control" not in response.headers  # the view chose its own caching
        and not request_ctx.flashes  # the page shows a message meant for this visitor
        and _anonymous_session()
    )


def init_app(app) -> None:
    app.before_request(lookup)
    app.after_request(store)
