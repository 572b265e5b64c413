"""Content the operator maintains: the imprint, sign-language videos, accessibility feedback."""

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.clock import utcnow_naive
from app.core.models import TimestampMixin, Translated, TranslatedJSON
from app.extensions import db


class EditablePage(TimestampMixin, db.Model):
    """A page whose text administrators edit in every UI language (the imprint)."""

    __tablename__ = "editable_pages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    body: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    def text(self, language: str | None = None) -> Translated:
        return Translated(self.body, language)


class SignLanguageVideo(TimestampMixin, db.Model):
    """A German Sign Language video the operator uploads for the start page (HVBIT §3(3))."""

    __tablename__ = "sign_language_videos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    filename: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    size_bytes: Mapped[int] = mapped_column(Integer, nullable=False)
    duration_seconds: Mapped[int] = mapped_column(Integer, nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    __table_args__ = (
        CheckConstraint("size_bytes > 0", name="size_positive"),
        CheckConstraint("duration_seconds > 0", name="duration_positive"),
    )

    def heading(self, language: str | None = None) -> Translated:
        return Translated(self.title, language)


class AccessibilityFeedback(db.Model):
    """A message sent through the accessibility statement's feedback form (HVBIT §4)."""

    __tablename__ = "accessibility_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow_naive)
    name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    page_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    message: Mapped[str] = mapped_column(Text, nullable=False)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    handled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    handled_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    handled_by = relationship("User", foreign_keys=[handled_by_id])
