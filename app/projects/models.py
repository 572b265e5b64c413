"""Project approaches (Projektansätze): the register per region of what is planned or done,
who carries it, how it is funded, and which proposals it came from."""

from datetime import date

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.i18n import _l
from app.core.models import TimestampMixin
from app.extensions import db


class ProjectStatus:
    IDEA = "idea"
    PLANNED = "planned"
    RUNNING = "running"
    COMPLETED = "completed"
    DISCONTINUED = "discontinued"
    ALL = (IDEA, PLANNED, RUNNING, COMPLETED, DISCONTINUED)


PROJECT_STATUS_NAMES = {
    ProjectStatus.IDEA: _l("Idea"),
    ProjectStatus.PLANNED: _l("Planned"),
    ProjectStatus.RUNNING: _l("Running"),
    ProjectStatus.COMPLETED: _l("Completed"),
    ProjectStatus.DISCONTINUED: _l("Discontinued"),
}


class FundingState:
    APPLIED = "applied"
    GRANTED = "granted"
    DECLINED = "declined"
    ALL = (APPLIED, GRANTED, DECLINED)


FUNDING_STATE_NAMES = {
    FundingState.APPLIED: _l("Applied for"),
    FundingState.GRANTED: _l("Granted"),
    FundingState.DECLINED: _l("Not granted"),
}


project_proposals = Table(
    "project_proposals",
    db.metadata,
    Column("project_id", ForeignKey("project_approaches.id", ondelete="CASCADE"), primary_key=True),
    Column("proposal_id", ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True),
)


class ProjectApproach(TimestampMixin, db.Model):
    __tablename__ = "project_approaches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_id: Mapped[int] = mapped_column(
        ForeignKey("regions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # The language the title and description are written in (marked with `lang` on pages).
    language: Mapped[str] = mapped_column(String(8), nullable=False, default="de")
    field_of_action_id: Mapped[int | None] = mapped_column(
        ForeignKey("fields_of_action.id", ondelete="SET NULL"), nullable=True, index=True
    )
    # Lead: an organisation of the directory, or a name for others (one of the two).
    lead_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), nullable=True, index=True
    )
    lead_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    budget: Mapped[int | None] = mapped_column(Integer, nullable=True)  # whole euros
    starts_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default=ProjectStatus.IDEA)
    results_summary: Mapped[str] = mapped_column(Text, nullable=False, default="")
    search_key: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    region = relationship("Region", lazy="joined")
    field_of_action = relationship("FieldOfAction", lazy="joined")
    lead_organisation = relationship("Organisation", lazy="joined")
    partners: Mapped[list["ProjectPartner"]] = relationship(
        back_populates="project",
        cascade="all, delete-orphan",
        order_by="ProjectPartner.id",
        lazy="selectin",
    )
    fundings: Mapped[list["ProjectFunding"]] = relationship(
        back_populates="project",
        cascade="all, delete-orphan",
        order_by="ProjectFunding.id",
        lazy="selectin",
    )
    proposals = relationship("Proposal", secondary=project_proposals, lazy="selectin")

    __table_args__ = (
        CheckConstraint(
            "status IN ('idea', 'planned', 'running', 'completed', 'discontinued')",
            name="status_known",
        ),
        CheckConstraint("budget IS NULL OR budget >= 0", name="budget_not_negative"),
        CheckConstraint(
            "starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on", name="period_ordered"
        ),
    )

    @property
    def status_name(self):
        return PROJECT_STATUS_NAMES[self.status]

    @property
    def lead(self) -> str:
        return self.lead_organisation.name if self.lead_organisation else self.lead_name

    def refresh_search_key(self) -> None:
        self.search_key = f"{self.title}\n{self.lead}".casefold()[:400]

    def overlaps(self, other: "ProjectApproach") -> bool:
        """Do the two periods share at least one day? An open end runs on indefinitely; a
        project without any dates overlaps nothing (there is nothing to compare)."""
        if self.starts_on is None and self.ends_on is None:
            return False
        if other.starts_on is None and other.ends_on is None:
            return False
        start_a, end_a = self.starts_on or date.min, self.ends_on or date.max
        start_b, end_b = other.starts_on or date.min, other.ends_on or date.max
        return start_a <= end_b and start_b <= end_a

    @property
    def granted_amount(self) -> int:
        return sum(f.amount or 0 for f in self.fundings if f.state == FundingState.GRANTED)


class ProjectPartner(db.Model):
    """A partner: an organisation of the directory, or a name for others."""

    __tablename__ = "project_partners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project_approaches.id", ondelete="CASCADE"), nullable=False, index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), nullable=True, index=True
    )
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")

    project: Mapped[ProjectApproach] = relationship(back_populates="partners")
    organisation = relationship("Organisation", lazy="joined")

    @property
    def display_name(self) -> str:
        return self.organisation.name if self.organisation else self.name


class ProjectFunding(db.Model):
    """A project's application to a funding programme and what became of it."""

    __tablename__ = "project_fundings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project_approaches.id", ondelete="CASCADE"), nullable=False, index=True
    )
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("funding_programmes.id", ondelete="CASCADE"), nullable=False, index=True
    )
    state: Mapped[str] = mapped_column(String(20), nullable=False, default=FundingState.APPLIED)
    amount: Mapped[int | None] = mapped_column(Integer, nullable=True)  # whole euros

    project: Mapped[ProjectApproach] = relationship(back_populates="fundings")
    programme = relationship("FundingProgramme", lazy="joined")

    __table_args__ = (
        UniqueConstraint("project_id", "programme_id"),
        CheckConstraint("state IN ('applied', 'granted', 'declined')", name="state_known"),
        CheckConstraint("amount IS NULL OR amount >= 0", name="amount_not_negative"),
    )

    @property
    def state_name(self):
        return FUNDING_STATE_NAMES[self.state]
