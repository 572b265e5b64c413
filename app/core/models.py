"""Shared model pieces: timestamps and translated official texts."""

from datetime import datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy import text as sql_text
from sqlalchemy.ext.mutable import MutableDict
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.clock import utcnow_naive
from app.core.i18n import pick_translation
from app.extensions import db

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


class ModerationState:
    """Where a contribution stands in moderation (stable codes; the moderation area decides)."""

    PUBLISHED = "published"
    PENDING = "pending"  # pre-moderation: waits for review, visible to its author only
    HIDDEN = "hidden"
    REJECTED = "rejected"
    ALL = (PUBLISHED, PENDING, HIDDEN, REJECTED)
    VISIBLE = (PUBLISHED,)


class Contribution(TimestampMixin, db.Model):
    """What participants write: one table for proposals, comments and statements.

    One table gives one moderation queue, one report model, one anonymisation path and one set
    of counts; subtypes add their own columns in tables of their own (joined inheritance).
    """

    __tablename__ = "contributions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    # Indexed as the first column of ix_contributions_listing below.
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    body: Mapped[str] = mapped_column(Text, nullable=False)
    language: Mapped[str] = mapped_column(String(8), nullable=False)
    moderation_state: Mapped[str] = mapped_column(
        String(20), nullable=False, default=ModerationState.PUBLISHED
    )
    edited_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Posted on behalf of an organisation; the author stays recorded, so it stays accountable.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), nullable=True
    )
    # Collected at an on-site event and entered by a coordinator (the author) for people
    # without an account.
    on_site_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("on_site_events.id", ondelete="RESTRICT"), nullable=True
    )
    # A translation is a contribution of its own (moderated like any other) of another one.
    translation_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), nullable=True
    )

    author = relationship("User", foreign_keys=[author_id], lazy="joined")
    consultation = relationship("Consultation", foreign_keys=[consultation_id])
    organisation = relationship("Organisation", foreign_keys=[organisation_id], lazy="joined")
    on_site_event = relationship("OnSiteEvent", foreign_keys=[on_site_event_id], lazy="joined")

    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "contribution"}
    __table_args__ = (
        CheckConstraint(
            "moderation_state IN ('published', 'pending', 'hidden', 'rejected')",
            name="moderation_state_known",
        ),
        # A consultation's proposals (or comments) in a state, oldest to newest: the list, its
        # count and its orders read index entries only (id last, for PostgreSQL's index-only
        # scans; SQLite keeps the rowid in every index anyway).
        Index(
            "ix_contributions_listing",
            "consultation_id",
            "kind",
            "moderation_state",
            "created_at",
            "id",
        ),
        # The same in submission (id) order: the read API pages through a consultation's
        # proposals by id, and SQLite would otherwise sort the whole consultation per page.
        Index(
            "ix_contributions_consultation_order",
            "consultation_id",
            "kind",
            "moderation_state",
            "id",
        ),
        # One translation per contribution and language. The references that most rows leave
        # empty (translation, organisation, on-site event) are indexed where they are set: the
        # index holds only those rows, and SQLite's statistics do not mistake the empty ones
        # for one value matching every row (which made it scan the table instead).
        Index(
            "uq_contributions_translation_language",
            "translation_of_id",
            "language",
            unique=True,
            sqlite_where=sql_text("translation_of_id IS NOT NULL"),
            postgresql_where=sql_text("translation_of_id IS NOT NULL"),
        ),
        Index(
            "ix_contributions_organisation_id",
            "organisation_id",
            sqlite_where=sql_text("organisation_id IS NOT NULL"),
            postgresql_where=sql_text("organisation_id IS NOT NULL"),
        ),
        Index(
            "ix_contributions_on_site_event_id",
            "on_site_event_id",
            sqlite_where=sql_text("on_site_event_id IS NOT NULL"),
            postgresql_where=sql_text("on_site_event_id IS NOT NULL"),
        ),
        # One statement per organisation and consultation.
        Index(
            "uq_contributions_statement_per_organisation",
            "consultation_id",
            "organisation_id",
            unique=True,
            sqlite_where=sql_text("kind = 'statement'"),
            postgresql_where=sql_text("kind = 'statement'"),
        ),
    )

    @property
    def is_visible(self) -> bool:
        return self.moderation_state in ModerationState.VISIBLE

    @property
    def is_on_site(self) -> bool:
        return self.on_site_event_id is not None

    @property
    def speaks_for_verified_organisation(self) -> bool:
        """Shown with the organisation's badge: posted on its behalf while it is verified."""
        return self.organisation is not None and self.organisation.is_verified
