"""Signed, expiring, single-use tokens for links sent by mail.

Each token carries a fingerprint of the state it changes (the password hash, the current
address); once the change is made the fingerprint no longer matches, so the link cannot be used
again. No token table is needed.
"""

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.accounts.models import User
from app.extensions import db

CONFIRM = "confirm-email"
RESET = "reset-password"
CHANGE_EMAIL = "change-email"


class TokenError(Exception):
    """The token is invalid, expired or used. `reason` is 'invalid', 'expired' or 'used'."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"mitreden-{purpose}")


def _fingerprint(value: str | None) -> str:
    return hashlib.sha256((value or "").encode()).hexdigest()[:16]


def _state(user: User, purpose: str) -> str:
    if purpose == RESET:
        return _fingerprint(user.password_hash)
    if purpose == CONFIRM:
        return _fingerprint(f"{user.email}|{user.confirmed_at}")
    return _fingerprint(user.email)


def make_token(user: User, purpose: str, **extra) -> str:
    payload = {"uid": user.id, "state": _state(user, purpose), **extra}
    return _serializer(purpose).dumps(payload)


def read_token(token: str, purpose: str, max_age: int) -> tuple[User, dict]:
    """Return (user, payload) or raise TokenError."""
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired:
        raise TokenError("expired") from None
    except BadSignature:
        raise TokenError("invalid") from None
    user = db.session.get(User, payload.get("uid"))
    if user is None:
        raise TokenError("invalid")
    if payload.get("state") != _state(user, purpose):
        raise TokenError("used")
    return user, payload
