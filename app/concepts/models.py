"""The action concept (Handlungskonzept) of a region: per field of action its goals and
measures, in versions. Coordinators work on a draft; publishing freezes it with a date.

Items keep a `key` across versions (a new draft copies the last published version item by item),
so two versions compare item by item: added, removed, changed.
"""

import secrets
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.i18n import _l
from app.core.models import Contribution, TimestampMixin
from app.extensions import db


class VersionState:
    DRAFT = "draft"
    PUBLISHED = "published"
    ALL = (DRAFT, PUBLISHED)


class ItemKind:
    GOAL = "goal"
    MEASURE = "measure"
    ALL = (GOAL, MEASURE)


class MeasureStatus:
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"
    ALL = (PLANNED, IN_PROGRESS, DONE, DROPPED)


MEASURE_STATUS_NAMES = {
    MeasureStatus.PLANNED: _l("Planned"),
    MeasureStatus.IN_PROGRESS: _l("In progress"),
    MeasureStatus.DONE: _l("Done"),
    MeasureStatus.DROPPED: _l("Dropped"),
}


class ConceptVersion(TimestampMixin, db.Model):
    __tablename__ = "concept_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_id: Mapped[int] = mapped_column(
        ForeignKey("regions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    state: Mapped[str] = mapped_column(String(20), nullable=False, default=VersionState.DRAFT)
    # The date the version says it is from (chosen when publishing), and when that happened.
    valid_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    published_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # What changed in this version, in a sentence or two.
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    region = relationship("Region", lazy="joined")
    items: Mapped[list["ConceptItem"]] = relationship(
        back_populates="version",
        cascade="all, delete-orphan",
        order_by="[ConceptItem.position, ConceptItem.id]",
        foreign_keys="ConceptItem.version_id",
    )

    __table_args__ = (
        UniqueConstraint("region_id", "number"),
        CheckConstraint("state IN ('draft', 'published')", name="state_known"),
        # One draft per region at a time.
        Index(
            "uq_concept_versions_one_draft",
            "region_id",
            unique=True,
            sqlite_where=sql_text("state = 'draft'"),
            postgresql_where=sql_text("state = 'draft'"),
        ),
    )

    @property
    def is_draft(self) -> bool:
        return self.state == VersionState.DRAFT

    @property
    def goals(self) -> list["ConceptItem"]:
        return [item for item in self.items if item.kind == ItemKind.GOAL]

    def measures_of(self, goal: "ConceptItem") -> list["ConceptItem"]:
        return [item for item in self.items if item.goal_id == goal.id]


measure_proposals = Table(
    "concept_measure_proposals",
    db.metadata,
    Column("item_id", ForeignKey("concept_items.id", ondelete="CASCADE"), primary_key=True),
    Column("proposal_id", ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True),
)

measure_projects = Table(
    "concept_measure_projects",
    db.metadata,
    Column("item_id", ForeignKey("concept_items.id", ondelete="CASCADE"), primary_key=True),
    Column("project_id", ForeignKey("project_approaches.id", ondelete="CASCADE"), primary_key=True),
)


class ConceptItem(db.Model):
    """A goal (under a field of action) or a measure (under a goal)."""

    __tablename__ = "concept_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("concept_versions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    key: Mapped[str] = mapped_column(String(32), nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    field_of_action_id: Mapped[int] = mapped_column(
        ForeignKey("fields_of_action.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("concept_items.id", ondelete="CASCADE"), nullable=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # Measures only:
    responsible: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    timeframe: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    status: Mapped[str | None] = mapped_column(String(20), nullable=True)

    version: Mapped[ConceptVersion] = relationship(
        back_populates="items", foreign_keys=[version_id]
    )
    field_of_action = relationship("FieldOfAction", lazy="joined")
    goal = relationship("ConceptItem", remote_side="ConceptItem.id", foreign_keys=[goal_id])
    proposals = relationship("Proposal", secondary=measure_proposals, lazy="selectin")
    projects = relationship("ProjectApproach", secondary=measure_projects, lazy="selectin")

    __table_args__ = (
        UniqueConstraint("version_id", "key"),
        CheckConstraint("kind IN ('goal', 'measure')", name="kind_known"),
        CheckConstraint(
            "(kind = 'goal' AND goal_id IS NULL AND status IS NULL) OR "
            "(kind = 'measure' AND goal_id IS NOT NULL AND "
            "status IN ('planned', 'in_progress', 'done', 'dropped'))",
            name="goal_or_measure",
        ),
    )

    @property
    def is_goal(self) -> bool:
        return self.kind == ItemKind.GOAL

    @property
    def status_name(self):
        return MEASURE_STATUS_NAMES.get(self.status)


class ConceptComment(Contribution):
    """A comment on a goal or measure of a draft that a consultation puts up for comment."""

    __tablename__ = "concept_comments"

    id: Mapped[int] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("concept_items.id", ondelete="CASCADE"), nullable=False, index=True
    )
    stance: Mapped[str | None] = mapped_column(String(20), nullable=True)

    item = relationship(ConceptItem, lazy="joined")

    __mapper_args__ = {"polymorphic_identity": "concept_comment"}
    __table_args__ = (
        CheckConstraint(
            "stance IS NULL OR stance IN ('in_favour', 'against', 'neutral')", name="stance_known"
        ),
    )


def new_key() -> str:
    """A key for a new goal or measure; later versions copy it, so versions compare."""
    return secrets.token_hex(8)
