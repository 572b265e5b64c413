"""The participant's own participation profile: answer, change, withdraw consent."""

from app.monitoring import profile_bp  # noqa: F401
