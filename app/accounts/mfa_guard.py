"""The second factor on every request (a before_request hook, registered in app/__init__.py).

- A user with a second factor whose session has not passed it (a session restored from the
  remember-me cookie, or one from before the factor was set up) is sent to the code page.
- A user who must use a second factor (`mfa.required`: staff) but has none is sent to set it up.

Until then only a few pages open: the pages of the second factor itself, logging out, the
legal pages, the language switch, static files and the health checks. JSON clients get a 403
instead of a redirect.
"""

from flask import flash, redirect, request, url_for
from flask_login import current_user

from app.accounts import mfa
from app.core.errors import PermissionDenied
from app.core.i18n import _, _l
from app.core.permissions import can

ALLOWED_ENDPOINTS = frozenset(
    {
        "static",
        "health.live",
        "health.ready",
        "accounts.logout",
        "accounts.second_step",
        "accounts.recovery_step",
        "accounts.mfa_setup",
        "pages.privacy",
        "pages.imprint",
        "pages.accessibility",
        "pages.set_language",
    }
)


def _wants_json() -> bool:
    return (
        request.path.startswith("/api/")
        or request.is_json
        or request.accept_mimetypes.best == "application/json"
    )


def require_second_factor():
    endpoint = request.endpoint
    if endpoint is None or endpoint in ALLOWED_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        return None
    user = current_user._get_current_object()
    if user.has_mfa:
        if mfa.second_factor_passed(user):
            return None
        if _wants_json():
            raise PermissionDenied(_l("Please confirm your login with your second factor."))
        return redirect(url_for("accounts.second_step", next=_return_path()))
    if can(user, "mfa.required", user):
        if _wants_json():
            raise PermissionDenied(_l("Please set up two-step login for your staff account."))
        flash(
            _(
                "Staff accounts need two-step login. Please set it up now; "
                "until then your staff pages stay closed."
            ),
            "info",
        )
        return redirect(url_for("accounts.mfa_setup"))
    return None


def _return_path() -> str | None:
    """Where to go after the code: the page asked for, if it was a plain page view."""
    if request.method != "GET":
        return None
    return request.full_path.rstrip("?")
