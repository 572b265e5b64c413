"""Comments on proposals, threaded: a comment may answer another comment."""

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.i18n import _l
from app.core.models import Contribution


class Stance:
    IN_FAVOUR = "in_favour"
    AGAINST = "against"
    NEUTRAL = "neutral"
    ALL = (IN_FAVOUR, AGAINST, NEUTRAL)


STANCE_NAMES = {
    Stance.IN_FAVOUR: _l("In favour"),
    Stance.AGAINST: _l("Against"),
    Stance.NEUTRAL: _l("Neutral"),
}


class Comment(Contribution):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), primary_key=True
    )
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), nullable=False, index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), nullable=True, index=True
    )
    stance: Mapped[str | None] = mapped_column(String(20), nullable=True)
    # Removed by its author: the text is gone, the place in the thread and the replies stay.
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    proposal = relationship("Proposal", foreign_keys=[proposal_id])
    parent = relationship("Comment", remote_side="Comment.id", foreign_keys=[parent_id])

    __mapper_args__ = {"polymorphic_identity": "comment"}
    __table_args__ = (
        CheckConstraint(
            "stance IS NULL OR stance IN ('in_favour', 'against', 'neutral')", name="stance_known"
        ),
    )

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def stance_name(self):
        return STANCE_NAMES.get(self.stance)
