"""Pages of the concepts area."""

from app.concepts import bp  # noqa: F401
