"""Refusals of the API as problem details: a bad query parameter, a cursor that does not fit.

Other errors (404, 405, 429, 500) come from the application's one error handler, which answers
every /api/ path with `application/problem+json` (core/errors.py).
"""

from flask import jsonify
from pydantic import ValidationError

from app.core.i18n import _


class BadParameters(Exception):
    """Query parameters that were not accepted: a 400 naming each of them."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__(", ".join(name for name, _message in errors))
        self.errors = errors


def _message(error: dict) -> str:
    """One parameter's error in the reader's language (pydantic's own texts are English)."""
    kind, context = error["type"], error.get("ctx") or {}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Must be a whole number.")
    if kind in ("greater_than_equal", "greater_than"):
        return _("Must be at least %(minimum)s.", minimum=context.get("ge", context.get("gt")))
    if kind in ("less_than_equal", "less_than"):
        return _("Must be at most %(maximum)s.", maximum=context.get("le", context.get("lt")))
    if kind == "literal_error":
        return _("Must be one of: %(values)s.", values=context.get("expected", ""))
    if kind == "string_too_long":
        return _("Must be at most %(maximum)s characters long.", maximum=context["max_length"])
    if kind in ("string_pattern_mismatch", "string_type"):
        return _("This value has the wrong form.")
    return _("This value is not accepted.")


def from_validation_error(error: ValidationError) -> BadParameters:
    return BadParameters(
        [(".".join(str(part) for part in item["loc"]), _message(item)) for item in error.errors()]
    )


def problem(status: int, title: str, detail: str, **extra):
    response = jsonify({"title": title, "status": status, "detail": detail, **extra})
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def bad_parameters_response(error: BadParameters):
    return problem(
        400,
        _("The request could not be processed"),
        _("Check the query parameters named below."),
        errors=[{"parameter": name, "message": message} for name, message in error.errors],
    )
