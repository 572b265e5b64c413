"""On-site events of a consultation and recording their contributions (coordination)."""

from app.onsite import bp  # noqa: F401
