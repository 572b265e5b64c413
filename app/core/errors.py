"""Domain errors and the one place that turns errors into pages (or JSON for the API)."""

from flask import current_app, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.core.i18n import _, _l
from app.core.security_log import log_security_event


class DomainError(Exception):
    """A rule said no. The message is shown to the user, so it must be translated."""

    status_code = 400

    def __init__(self, message=None, status_code: int | None = None, field: str | None = None):
        super().__init__(str(message) if message else "")
        self.message = message
        self.field = field  # the form field the message belongs to, if any
        if status_code:
            self.status_code = status_code


class PermissionDenied(DomainError):
    status_code = 403

    def __init__(self, message=None, action: str | None = None):
        super().__init__(message or _l("You are not allowed to do this."))
        self.action = action


# Titles and explanations of the error pages: they say what happened and what to do, never why
# in technical terms.
ERROR_TEXTS = {
    400: (_l("The request could not be processed"), _l("Please go back and try again.")),
    403: (
        _l("Access denied"),
        _l("You are not allowed to open this page or do this action."),
    ),
    404: (
        _l("Page not found"),
        _l(
            "The page you asked for does not exist or was moved. Check the address or use the menu."
        ),
    ),
    405: (_l("Action not allowed"), _l("This page cannot be used in this way.")),
    413: (_l("File too large"), _l("The file you sent is larger than allowed.")),
    429: (
        _l("Too many attempts"),
        _l("You tried this too often in a short time. Please wait a few minutes and try again."),
    ),
    500: (
        _l("Something went wrong on our side"),
        _l("The error has been logged. Please try again later."),
    ),
}


# The same refusals for the read API: they speak of addresses and requests, not pages and menus.
API_ERROR_TEXTS = {
    404: (
        _l("Not found"),
        _l(
            "There is nothing at this API address, or it is not public. Check the address "
            "against the API description (/api/v1/openapi.json)."
        ),
    ),
    405: (
        _l("Method not allowed"),
        _l("This API address only answers GET requests (and HEAD and OPTIONS)."),
    ),
    429: (
        _l("Too many requests"),
        _l("You sent too many requests in a short time. Wait for the seconds in Retry-After."),
    ),
}

# Headers a refusal carries from its exception: what is allowed, when to come back.
_ERROR_HEADERS = ("Allow", "Retry-After")


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _render(status: int, message: str | None = None, headers=()):
    title, explanation = ERROR_TEXTS.get(status, ERROR_TEXTS[400])
    if _wants_json():
        title, explanation = API_ERROR_TEXTS.get(status, (title, explanation))
        body = {"title": str(title), "status": status, "detail": str(message or explanation)}
        response = jsonify(body)
        response.status_code = status
        response.mimetype = "application/problem+json"
    else:
        page = render_template(
            "errors/error.html",
            status=status,
            title=title,
            explanation=explanation,
            message=message,
        )
        response = current_app.make_response((page, status))
    for name, value in headers:
        if name in _ERROR_HEADERS:
            response.headers[name] = value
    return response


def _current_user_id() -> int | None:
    """The signed-in user's id for the security log (None for visitors)."""
    from flask_login import current_user

    if current_user.is_authenticated:
        return current_user.id
    return None


def _log_refusal(event: str, status: int) -> None:
    """Refusals that the operators watch: 403, CSRF failures, rate limits."""
    log_security_event(event, user=_current_user_id(), endpoint=request.endpoint, status=status)


def register_error_handlers(app) -> None:
    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):
        from app.extensions import db

        if error.status_code == 403:
            _log_refusal("access.denied", 403)  # before the rollback expires the user
        db.session.rollback()
        return _render(error.status_code, error.message)

    @app.errorhandler(CSRFError)
    def handle_csrf_error(error: CSRFError):
        _log_refusal("csrf.failed", 400)
        return _render(
            400,
            _(
                "The form has expired or was sent from elsewhere. "
                "Please reload the page and send it again."
            ),
        )

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        if error.code == 403:
            _log_refusal("access.denied", 403)
        elif error.code == 429:
            _log_refusal("rate_limit.exceeded", 429)
        return _render(error.code or 500, headers=error.get_headers())

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        from app.extensions import db

        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        db.session.rollback()
        return _render(500)
