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


def log_security_event(event: str, **fields) -> None:
    """Log `event` with its fields; the request's method and path are added when there is one."""
    if has_request_context():
        fields.setdefault("method", request.method)
        fields.setdefault("path", request.path)
    parts = [_escaped(event)]
    parts += [f"{key}={_escaped(value)}" for key, value in fields.items() if value is not None]
    logger.info(" ".join(parts))
