"""Pages of the funding area."""

from app.funding import bp  # noqa: F401
