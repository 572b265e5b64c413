"""Adding and editing translations of contributions; the reader's language preference."""

from app.multilingual import bp  # noqa: F401
