"""Signed one-click unsubscribe links.

A token carries the user's id and the kinds of notification a mail was about, signed with the
application's secret (salt "mitreden-unsubscribe"). It does not expire: an old mail's link must
still stop the mails. Following it sets the delivery of those kinds to "no e-mail"; doing so twice
changes nothing more, so mail clients may send the one-click POST (RFC 8058) as often as they like.
"""

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from app.extensions import db
from app.notifications.kinds import KINDS, OFF
from app.notifications.settings import set_delivery

SALT = "mitreden-unsubscribe"


class UnsubscribeTokenError(Exception):
    """The token is not one this site signed, or its account or kinds no longer exist."""


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _ordered(kinds) -> list[str]:
    """The kinds in catalogue order, each once, so equal sets give equal tokens."""
    wanted = set(kinds)
    return [code for code in KINDS if code in wanted]


def make_token(user, kinds) -> str:
    codes = _ordered(kinds)
    if not codes or len(codes) != len(set(kinds)):
        raise ValueError(f"unknown or no kinds of notification: {kinds!r}")
    return _serializer().dumps({"uid": user.id, "kinds": codes})


def read_token(token: str):
    """(user, kinds) for a valid token, else UnsubscribeTokenError."""
    from app.accounts.models import User

    try:
        payload = _serializer().loads(token)
    except BadSignature:
        raise UnsubscribeTokenError("invalid signature") from None
    if not isinstance(payload, dict):
        raise UnsubscribeTokenError("malformed payload")
    user_id, kinds = payload.get("uid"), payload.get("kinds")
    if not isinstance(user_id, int) or not isinstance(kinds, list) or not kinds:
        raise UnsubscribeTokenError("malformed payload")
    if any(not isinstance(code, str) or code not in KINDS for code in kinds):
        raise UnsubscribeTokenError("unknown kind")
    user = db.session.get(User, user_id)
    if user is None:
        raise UnsubscribeTokenError("no such account")
    return user, _ordered(kinds)


def unsubscribe(user, kinds) -> None:
    """No more e-mail for these kinds (in-app notifications stay). Flushes; the caller commits."""
    for code in _ordered(kinds):
        set_delivery(user.id, code, OFF)
