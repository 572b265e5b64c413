"""Security events (logins, refusals, staff actions) for the operators' log.

One line per event on the logger `mitreden.security`: `event key=value ...`. Values are escaped so
a user-chosen text (an e-mail address typed into the login form, a path) can never start a forged
log line, and secrets are never passed in at all: callers give ids, not passwords or tokens.
"""

import logging

from flask import has_request_context, request

logger = logging.getLogger("mitreden.security")


def _escaped(value) -> str:
    text = str(value)
    text = text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")
    # Other control characters (and the separators a log viewer might honour) as escapes too.
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)


def _request_path() -> str:
    """The request's path; for links from mails, the route instead: their tokens are secrets."""
    if request.url_rule is not None and any("token" in name for name in request.view_args or {}):
        return request.url_rule.rule
    return request.path


def log_security_event(event: str, **fields) -> None:
    """Log `event` with its fields; the request's method and path are added when there is one."""
    if has_request_context():
        fields.setdefault("method", request.method)
        fields.setdefault("path", _request_path())
    parts = [_escaped(event)]
    parts += [f"{key}={_escaped(value)}" for key, value in fields.items() if value is not None]
    logger.info(" ".join(parts))
