"""Health checks for load balancers, orchestrators and the benchmark.

- `GET /health/live`: the process answers. Plain text "ok", nothing else: no database, no
  session, no template, no translation. It is also the benchmark's ceiling (the cost of the
  stack itself: gunicorn, WSGI, Flask routing, security headers).
- `GET /health/ready`: the instance can serve: the database answers `SELECT 1`. 200 when it
  does, else 503. Redis (when `REDIS_URL` is set) is probed and reported but does not decide:
  every instance shares the same Redis, and without it the app still serves (rate limits count
  per instance, caches miss), so a load balancer must not take every instance out because of
  it. The JSON body names each dependency's state ("ok", "error", "not configured") and nothing
  about the configuration; monitoring alerts on "redis": "error".

Both are exempt from rate limits and from the second-factor guard (app/accounts/mfa_guard.py),
and are never cached (`Cache-Control: no-store`): a load balancer must see the state of now.
"""

import logging
import os

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db, limiter

bp = Blueprint("health", __name__)

logger = logging.getLogger(__name__)

OK = "ok"
ERROR = "error"
NOT_CONFIGURED = "not configured"
# A probe waits at most this long for Redis: a hanging check is worse than a failed one.
REDIS_TIMEOUT_SECONDS = 2


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/health/live")
@limiter.exempt
def live():
    # Cache-Control set here also keeps the security headers from asking who is logged in
    # (app/core/security.py), which would load the user from the database.
    return _no_store(current_app.response_class("ok", mimetype="text/plain"))


@bp.route("/health/ready")
@limiter.exempt
def ready():
    checks = {"database": _database_state(), "redis": _redis_state()}
    response = jsonify(checks)
    response.status_code = 200 if checks["database"] == OK else 503
    return _no_store(response)


def _database_state() -> str:
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
    except SQLAlchemyError:
        # The reason goes to the log only: the answer is public.
        logger.warning("readiness: the database does not answer", exc_info=True)
        db.session.rollback()
        return ERROR
    return OK


def _redis_state() -> str:
    # The configured address, or the environment's where the configuration has no such key.
    url = current_app.config.get("REDIS_URL", os.environ.get("REDIS_URL"))
    if not url:
        return NOT_CONFIGURED
    try:
        _redis_client(url).ping()
    except Exception:  # any failure of the client (refused, timeout, auth, protocol) is "error"
        logger.warning("readiness: Redis does not answer", exc_info=True)
        return ERROR
    return OK


def _redis_client(url: str):
    """One client per process and address (it keeps a small pool of connections)."""
    import redis

    clients = current_app.extensions.setdefault("health_redis", {})
    if url not in clients:
        clients[url] = redis.Redis.from_url(
            url,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
        )
    return clients[url]
