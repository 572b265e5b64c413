"""Moderation: reports, decisions (the append-only audit log), appeals and user blocks."""

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.clock import utcnow_naive
from app.core.i18n import _l
from app.extensions import db


class ReportReason:
    SPAM = "spam"
    INSULT = "insult"  # insult or hate
    DISCRIMINATION = "discrimination"
    PERSONAL_DATA = "personal_data"  # personal data of others
    OFF_TOPIC = "off_topic"
    OTHER = "other"
    ALL = (SPAM, INSULT, DISCRIMINATION, PERSONAL_DATA, OFF_TOPIC, OTHER)


REASON_NAMES = {
    ReportReason.SPAM: _l("Spam or advertising"),
    ReportReason.INSULT: _l("Insult or hate"),
    ReportReason.DISCRIMINATION: _l("Discrimination"),
    ReportReason.PERSONAL_DATA: _l("Personal data of others"),
    ReportReason.OFF_TOPIC: _l("Off-topic"),
    ReportReason.OTHER: _l("Other reason"),
}


STATE_NAMES = {
    "published": _l("Published"),
    "pending": _l("Waiting for review"),
    "hidden": _l("Hidden"),
    "rejected": _l("Rejected"),
}


class DecisionAction:
    APPROVE = "approve"  # pending -> published (pre-moderation), or reports dismissed
    HIDE = "hide"  # published -> hidden, with a reason
    REJECT = "reject"  # pending -> rejected (pre-moderation)
    RESTORE = "restore"  # hidden or rejected -> published
    AUTO_HIDE = "auto_hide"  # hidden by the platform after enough distinct reports
    ALL = (APPROVE, HIDE, REJECT, RESTORE, AUTO_HIDE)


ACTION_NAMES = {
    DecisionAction.APPROVE: _l("Approved"),
    DecisionAction.HIDE: _l("Hidden"),
    DecisionAction.REJECT: _l("Rejected"),
    DecisionAction.RESTORE: _l("Restored"),
    DecisionAction.AUTO_HIDE: _l("Hidden after reports"),
}


class Report(db.Model):
    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contribution_id: Mapped[int] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    reporter_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    reason: Mapped[str] = mapped_column(String(20), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow_naive)
    # Set when a moderator decided on the contribution after this report (the reporter learns
    # the outcome from the decision).
    resolved_by_decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("moderation_decisions.id", ondelete="SET NULL"), nullable=True
    )

    contribution = relationship("Contribution")
    reporter = relationship("User", foreign_keys=[reporter_id])
    resolved_by = relationship("ModerationDecision", foreign_keys=[resolved_by_decision_id])

    __table_args__ = (
        UniqueConstraint("reporter_id", "contribution_id"),
        CheckConstraint(
            "reason IN ('spam', 'insult', 'discrimination', 'personal_data', 'off_topic', 'other')",
            name="reason_known",
        ),
    )

    @property
    def reason_name(self):
        return REASON_NAMES[self.reason]


class ModerationDecision(db.Model):
    """One decision on a contribution. Rows are only ever added: together they are the audit log."""

    __tablename__ = "moderation_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contribution_id: Mapped[int] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    moderator_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    reason: Mapped[str | None] = mapped_column(String(20), nullable=True)
    note_to_author: Mapped[str] = mapped_column(Text, nullable=False, default="")
    state_before: Mapped[str] = mapped_column(String(20), nullable=False)
    state_after: Mapped[str] = mapped_column(String(20), nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime, nullable=False, default=utcnow_naive, index=True
    )

    contribution = relationship("Contribution")
    moderator = relationship("User", foreign_keys=[moderator_id])
    # The author's one appeal against this decision, if any (decision_id is unique there).
    appeal = relationship("Appeal", uselist=False, viewonly=True, lazy="select")

    __table_args__ = (
        CheckConstraint(
            "action IN ('approve', 'hide', 'reject', 'restore', 'auto_hide')", name="action_known"
        ),
        CheckConstraint(
            "reason IS NULL OR reason IN ('spam', 'insult', 'discrimination', 'personal_data', "
            "'off_topic', 'other')",
            name="reason_known",
        ),
    )

    @property
    def action_name(self):
        return ACTION_NAMES[self.action]

    @property
    def reason_name(self):
        return REASON_NAMES.get(self.reason)


# A block without end date is stored with this "until", so one comparison answers "blocked now?".
PERMANENT = datetime(9999, 12, 31)


class UserBlock(db.Model):
    """A moderator's block of an account: no posting, voting or reporting until it ends."""

    __tablename__ = "user_blocks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    blocked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    contribution_id: Mapped[int | None] = mapped_column(
        ForeignKey("contributions.id", ondelete="SET NULL"), nullable=True
    )
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    until: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow_naive)

    user = relationship("User", foreign_keys=[user_id])
    blocked_by = relationship("User", foreign_keys=[blocked_by_id])

    @property
    def is_permanent(self) -> bool:
        return self.until >= PERMANENT


class AppealOutcome:
    CONFIRMED = "confirmed"
    REVERSED = "reversed"
    ALL = (CONFIRMED, REVERSED)


class Appeal(db.Model):
    """The author's one appeal against a decision, decided by the region's coordination."""

    __tablename__ = "appeals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("moderation_decisions.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    note: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow_naive)
    outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    resolution_note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    resolved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    decision = relationship("ModerationDecision", lazy="joined")
    resolved_by = relationship("User", foreign_keys=[resolved_by_id])

    __table_args__ = (
        CheckConstraint(
            "outcome IS NULL OR outcome IN ('confirmed', 'reversed')", name="outcome_known"
        ),
    )

    @property
    def region(self):
        return self.decision.contribution.consultation.region

    @property
    def consultation(self):
        return self.decision.contribution.consultation
