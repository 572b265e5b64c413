"""Statement pages: publish, read, edit, history."""

from app.organisations import statements_bp  # noqa: F401
