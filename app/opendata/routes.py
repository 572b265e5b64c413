"""Pages of the opendata area."""

from app.opendata import bp  # noqa: F401
