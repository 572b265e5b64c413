"""Organisation pages: directory, profile, request, management, verification."""

from app.organisations import bp  # noqa: F401
