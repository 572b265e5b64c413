"""Monitoring pages: the public dashboard, a region, the ministry view, the report."""

from app.monitoring import bp  # noqa: F401
