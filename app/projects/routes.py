"""Pages of the projects area."""

from app.projects import bp  # noqa: F401
