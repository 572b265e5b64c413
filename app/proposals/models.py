"""Proposals (Vorschläge), their edit history and the region's official answers."""

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.clock import utcnow_naive
from app.core.i18n import _l
from app.core.models import Contribution
from app.extensions import db


class ProposalStatus:
    """Stable codes; labels come from STATUS_NAMES, never the other way round."""

    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    ACCEPTED = "accepted"
    PARTIALLY_ACCEPTED = "partially_accepted"
    REJECTED = "rejected"
    IMPLEMENTED = "implemented"
    WITHDRAWN = "withdrawn"
    ALL = (
        SUBMITTED,
        UNDER_REVIEW,
        ACCEPTED,
        PARTIALLY_ACCEPTED,
        REJECTED,
        IMPLEMENTED,
        WITHDRAWN,
    )
    # What a coordinator may set with an official answer (withdrawing is the author's act).
    ANSWERABLE = (UNDER_REVIEW, ACCEPTED, PARTIALLY_ACCEPTED, REJECTED, IMPLEMENTED)


STATUS_NAMES = {
    ProposalStatus.SUBMITTED: _l("Submitted"),
    ProposalStatus.UNDER_REVIEW: _l("Under review"),
    ProposalStatus.ACCEPTED: _l("Accepted"),
    ProposalStatus.PARTIALLY_ACCEPTED: _l("Partially accepted"),
    ProposalStatus.REJECTED: _l("Rejected"),
    ProposalStatus.IMPLEMENTED: _l("Implemented"),
    ProposalStatus.WITHDRAWN: _l("Withdrawn"),
}


class Proposal(Contribution):
    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), primary_key=True
    )
    title: Mapped[str] = mapped_column(String(160), nullable=False)
    field_of_action_id: Mapped[int | None] = mapped_column(
        ForeignKey("fields_of_action.id", ondelete="SET NULL"), nullable=True, index=True
    )
    status: Mapped[str] = mapped_column(
        String(30), nullable=False, default=ProposalStatus.SUBMITTED
    )
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Counters kept by the services in the same transaction as the change, so lists can sort
    # by support without counting 2 million votes per page.
    votes_for: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    votes_against: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    comment_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # Lower-cased title and text for the portable full-text search (see proposals/search.py).
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")

    field_of_action = relationship("FieldOfAction", lazy="joined")
    revisions: Mapped[list["ProposalRevision"]] = relationship(
        back_populates="proposal",
        cascade="all, delete-orphan",
        order_by="ProposalRevision.id",
    )
    responses: Mapped[list["OfficialResponse"]] = relationship(
        back_populates="proposal",
        cascade="all, delete-orphan",
        order_by="OfficialResponse.id",
    )

    __mapper_args__ = {"polymorphic_identity": "proposal"}
    __table_args__ = (
        CheckConstraint(
            "status IN ('submitted', 'under_review', 'accepted', 'partially_accepted', "
            "'rejected', 'implemented', 'withdrawn')",
            name="status_known",
        ),
        CheckConstraint("votes_for >= 0 AND votes_against >= 0", name="votes_not_negative"),
        # The orders by support and by discussion (the read API's cursor pages walk them
        # instead of sorting every proposal for each page).
        Index("ix_proposals_support", sql_text("(votes_for - votes_against)"), "id"),
        Index("ix_proposals_discussion", "comment_count", "id"),
    )

    @property
    def is_withdrawn(self) -> bool:
        return self.status == ProposalStatus.WITHDRAWN

    def reached_answer_threshold(self, threshold: int) -> bool:
        """Has it as many supports as the consultation's answer threshold (0 = no threshold)?"""
        return bool(threshold) and self.votes_for >= threshold

    @property
    def score(self) -> int:
        return self.votes_for - self.votes_against

    @property
    def status_name(self):
        return STATUS_NAMES[self.status]


class ProposalRevision(db.Model):
    """The title and text of a proposal before an edit, so every change stays visible."""

    __tablename__ = "proposal_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), nullable=False, index=True
    )
    title: Mapped[str] = mapped_column(String(160), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow_naive)

    proposal: Mapped[Proposal] = relationship(back_populates="revisions")


class OfficialResponse(db.Model):
    """The region's public, reasoned answer; each one sets the status, so together they are
    the proposal's status history."""

    __tablename__ = "official_responses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), nullable=False, index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    status: Mapped[str] = mapped_column(String(30), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow_naive)

    proposal: Mapped[Proposal] = relationship(back_populates="responses")
    author = relationship("User", lazy="joined")

    @property
    def status_name(self):
        return STATUS_NAMES[self.status]
