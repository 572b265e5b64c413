"""What every API response carries: JSON with an ETag (conditional GET answers 304), CORS for
reading from any origin, and the rate limit in the standard headers.
"""

import hashlib
import json
import time

from flask import Response, current_app, request, session

from app.api import bp
from app.extensions import limiter

# Browsers may read these from scripts on other sites.
EXPOSED_HEADERS = (
    "ETag, Link, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, "
    "Retry-After"
)


def encode(payload) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def json_response(payload) -> Response:
    return body_response(encode(payload))


def body_response(body: bytes) -> Response:
    """A JSON body whose ETag is its digest: a client that sends it back in If-None-Match gets
    304 without the body when nothing changed."""
    response = Response(body, mimetype="application/json")
    response.set_etag(hashlib.sha256(body).hexdigest()[:32])
    # Public data; caches may keep it but must ask again (the ETag makes that cheap).
    response.headers["Cache-Control"] = "public, no-cache"
    return response.make_conditional(request)


def _api_limit() -> str:
    return current_app.config["RATELIMIT_API"]


# One budget per client for the whole API (not one per address), as the document says.
limiter.shared_limit(_api_limit, scope="api", override_defaults=False)(bp)


def _rate_limit_headers(response: Response) -> None:
    """The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): limit, what is
    left and the seconds until the window resets."""
    current = limiter.current_limit
    if current is None:
        return
    window = current.limit.get_expiry()
    reset = max(0, int(current.reset_at - time.time()))
    response.headers["RateLimit-Limit"] = str(current.limit.amount)
    response.headers["RateLimit-Remaining"] = str(max(0, current.remaining))
    response.headers["RateLimit-Reset"] = str(reset)
    response.headers["RateLimit-Policy"] = f"{current.limit.amount};w={window}"


@bp.after_app_request
def api_headers(response: Response) -> Response:
    """On every /api/ response, errors included (they do not reach the blueprint's hooks)."""
    if not request.path.startswith("/api/"):
        return response
    # The API reads as anyone does and writes no cookie: a session changed while answering
    # (signed in again from a "remember me" cookie, say) is not saved.
    session.modified = False
    response.headers.remove("Set-Cookie")
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    if request.method == "OPTIONS":  # a preflight: what other sites' scripts may send
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Accept, Accept-Language, If-None-Match"
        response.headers["Access-Control-Max-Age"] = "86400"
    response.vary.add("Accept-Language")  # error texts are translated
    _rate_limit_headers(response)
    return response
