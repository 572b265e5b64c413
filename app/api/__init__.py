"""The read-only JSON API under /api/v1: public data for journalists, researchers, the
ministry's reporting and other municipalities.

Every endpoint is declared with `spec.endpoint` (its query parameters and its response as
pydantic models), so the OpenAPI document is generated from the same declarations that parse the
requests and shape the responses. The API reads as a visitor who is not signed in: it shows what
the public pages show, never more.
"""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# Importing the modules registers their routes and hooks.
from app.api import (  # noqa: E402,F401
    comments,
    consultations,
    document,
    funding,
    indicators,
    measures,
    organisations,
    projects,
    proposals,
    regions,
    responses,
    statements,
)
