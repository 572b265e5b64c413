"""Public consultation pages."""

from app.consultations import bp  # noqa: F401
