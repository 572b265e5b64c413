"""Shared model pieces: timestamps and translated official texts."""

from datetime import datetime

from sqlalchemy import JSON, DateTime
from sqlalchemy.ext.mutable import MutableDict
from sqlalchemy.orm import Mapped, mapped_column

from app.core.clock import utcnow_naive
from app.core.i18n import pick_translation

# Official texts in several languages: {"de": "...", "en": "..."}. MutableDict so that changing
# one language marks the row dirty.
TranslatedJSON = MutableDict.as_mutable(JSON)


class TimestampMixin:
    """Creation and update times, stored as naive UTC and shown in Europe/Berlin."""

    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow_naive, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow_naive, onupdate=utcnow_naive, nullable=False
    )


class Translated:
    """A translated text for templates: `str()` gives the best text, `.lang` its language."""

    __slots__ = ("lang", "text")

    def __init__(self, texts: dict | None, language: str | None = None):
        self.text, self.lang = pick_translation(texts, language)

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)
