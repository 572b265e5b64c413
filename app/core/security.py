"""Security headers on every response, the staff action log, and the check that `next=` stays
on this site."""

from urllib.parse import urlsplit

from flask import current_app, g, request
from flask_login import current_user

from app.core.security_log import log_security_event

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "media-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def set_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if current_app.config.get("HSTS"):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    # Pages for a signed-in user may hold personal data: no shared cache (nor the browser's
    # back/forward store) keeps them. Views that chose their own caching keep it; static files
    # are the same for everyone.
    if "Cache-Control" not in headers and not _is_static() and _signed_in():
        headers["Cache-Control"] = "no-store"
    return response


def _is_static() -> bool:
    endpoint = request.endpoint or ""
    return endpoint == "static" or endpoint.endswith(".static")


def _signed_in() -> bool:
    # is_anonymous is a constant on both user classes: no database access after a commit.
    return not current_user.is_anonymous


def note_staff_actor() -> None:
    """Before a changing request: remember whether a staff member makes it.

    Decided before the view runs, so a view that logs the user out, deletes the account or
    changes roles does not change who is recorded as having acted.
    """
    if request.method in SAFE_METHODS or not current_user.is_authenticated:
        return
    if current_user.is_staff:
        g.staff_actor_id = current_user.id


def log_staff_action(response):
    """After a successful changing request by a staff member: one `staff.action` line."""
    user_id = g.pop("staff_actor_id", None)
    if user_id is not None and response.status_code < 400:
        log_security_event(
            "staff.action", user=user_id, endpoint=request.endpoint, status=response.status_code
        )
    return response


def register_security_hooks(app) -> None:
    app.before_request(note_staff_actor)
    app.after_request(log_staff_action)
    app.after_request(set_security_headers)


def safe_next_url(target: str | None) -> str | None:
    """Return `target` if it is a path on this site, else None (no open redirects)."""
    if not target:
        return None
    target = target.strip()
    # Browsers treat backslashes like slashes: "/\evil.example" leaves the site.
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
