"""Consultations (Beteiligungsverfahren) and their phases."""

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.errors import DomainError
from app.core.i18n import _
from app.core.models import TimestampMixin, Translated, TranslatedJSON
from app.core.phases import PHASE_ORDER
from app.extensions import db


class ConsultationState:
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"
    ALL = (DRAFT, PUBLISHED, ARCHIVED)


class ModerationMode:
    PRE = "pre"  # new contributions wait for a moderator before anyone else sees them
    POST = "post"  # published at once, reviewed afterwards
    ALL = (PRE, POST)


class VotingMode:
    SUPPORT = "support"  # one kind of vote: "I support this"
    FOR_AGAINST = "for_against"
    ALL = (SUPPORT, FOR_AGAINST)


class Eligibility:
    REGISTERED = "registered"  # every registered, confirmed user
    RESIDENTS = "residents"  # users who declare the region as their home region
    ALL = (REGISTERED, RESIDENTS)


consultation_fields_of_action = Table(
    "consultation_fields_of_action",
    db.metadata,
    Column("consultation_id", ForeignKey("consultations.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "field_of_action_id",
        ForeignKey("fields_of_action.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)


class Consultation(TimestampMixin, db.Model):
    __tablename__ = "consultations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_id: Mapped[int] = mapped_column(
        ForeignKey("regions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    title: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    summary: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    description: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    # A summary in Leichte Sprache (plain German), shown on the consultation page.
    easy_language_summary: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # A draft of the region's action concept put up for comment in this consultation.
    concept_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("concept_versions.id", ondelete="SET NULL"), nullable=True
    )
    state: Mapped[str] = mapped_column(String(20), nullable=False, default=ConsultationState.DRAFT)
    moderation_mode: Mapped[str] = mapped_column(
        String(10), nullable=False, default=ModerationMode.POST
    )
    voting_mode: Mapped[str] = mapped_column(String(20), nullable=False, default=VotingMode.SUPPORT)
    vote_budget: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    answer_threshold: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    eligibility: Mapped[str] = mapped_column(
        String(20), nullable=False, default=Eligibility.REGISTERED
    )
    published_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    region = relationship("Region", lazy="joined")
    concept_version = relationship("ConceptVersion")
    fields_of_action = relationship(
        "FieldOfAction", secondary=consultation_fields_of_action, order_by="FieldOfAction.position"
    )
    phases: Mapped[list["Phase"]] = relationship(
        back_populates="consultation",
        cascade="all, delete-orphan",
        order_by="Phase.starts_at",
        lazy="selectin",
    )

    __table_args__ = (
        CheckConstraint("state IN ('draft', 'published', 'archived')", name="state_known"),
        CheckConstraint("moderation_mode IN ('pre', 'post')", name="moderation_mode_known"),
        CheckConstraint("voting_mode IN ('support', 'for_against')", name="voting_mode_known"),
        CheckConstraint("eligibility IN ('registered', 'residents')", name="eligibility_known"),
        CheckConstraint("vote_budget >= 0", name="vote_budget_not_negative"),
        CheckConstraint("answer_threshold >= 0", name="answer_threshold_not_negative"),
    )

    def heading(self, language: str | None = None) -> Translated:
        return Translated(self.title, language)

    def teaser(self, language: str | None = None) -> Translated:
        return Translated(self.summary, language)

    def text(self, language: str | None = None) -> Translated:
        return Translated(self.description, language)

    def initial_moderation_state(self) -> str:
        """Where a new contribution starts: waiting for review (pre-moderation) or published."""
        from app.core.models import ModerationState

        if self.moderation_mode == ModerationMode.PRE:
            return ModerationState.PENDING
        return ModerationState.PUBLISHED

    @property
    def is_published(self) -> bool:
        return self.state == ConsultationState.PUBLISHED

    @property
    def is_archived(self) -> bool:
        return self.state == ConsultationState.ARCHIVED

    def phase(self, kind: str) -> "Phase | None":
        return next((phase for phase in self.phases if phase.kind == kind), None)

    # State transitions live here and refuse what makes no sense.
    def publish(self, at: datetime) -> None:
        if self.state != ConsultationState.DRAFT:
            raise DomainError(_("Only a draft can be published."))
        if self.phase("information") is None:
            raise DomainError(_("Please add at least the information phase before publishing."))
        self.state = ConsultationState.PUBLISHED
        self.published_at = at

    def archive(self, at: datetime) -> None:
        if self.state != ConsultationState.PUBLISHED:
            raise DomainError(_("Only a published consultation can be archived."))
        self.state = ConsultationState.ARCHIVED
        self.archived_at = at


class Phase(db.Model):
    """One phase of a consultation with its start and end (stored as naive UTC)."""

    __tablename__ = "phases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    starts_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    ends_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    # When followers were told that this phase began (set once, by the mail sender).
    announced_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    consultation: Mapped[Consultation] = relationship(back_populates="phases")

    __table_args__ = (
        UniqueConstraint("consultation_id", "kind"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint(
            "kind IN ('information', 'proposals', 'discussion', 'voting', 'results')",
            name="kind_known",
        ),
    )

    @property
    def order(self) -> int:
        return PHASE_ORDER.index(self.kind)

    def is_active(self, at: datetime) -> bool:
        return self.starts_at <= at < self.ends_at
