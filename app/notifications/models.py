"""Following, in-app notifications, delivery settings and the mail outbox.

A notification is stored per recipient and kind with references to what it is about; its text is
composed when shown or mailed, in the reader's language (see `describe.py`). Mail leaves only
through the outbox, written in the same transaction as the change that caused it.
"""

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
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.clock import utcnow_naive
from app.extensions import db


class FollowTarget:
    CONSULTATION = "consultation"
    PROPOSAL = "proposal"
    ORGANISATION = "organisation"
    ALL = (CONSULTATION, PROPOSAL, ORGANISATION)


class Follow(db.Model):
    """A user follows exactly one consultation, proposal or organisation."""

    __tablename__ = "follows"
    __table_args__ = (
        CheckConstraint(
            "CASE WHEN consultation_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN proposal_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN organisation_id IS NULL THEN 0 ELSE 1 END = 1",
            name="ck_follows_one_target",
        ),
        UniqueConstraint("user_id", "consultation_id", name="uq_follows_consultation"),
        UniqueConstraint("user_id", "proposal_id", name="uq_follows_proposal"),
        UniqueConstraint("user_id", "organisation_id", name="uq_follows_organisation"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    consultation_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), nullable=True, index=True
    )
    proposal_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), nullable=True, index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow_naive, nullable=False)

    consultation = relationship("Consultation", lazy="joined")
    proposal = relationship("Proposal", lazy="joined")
    organisation = relationship("Organisation", lazy="joined")

    @property
    def target_type(self) -> str:
        if self.consultation_id:
            return FollowTarget.CONSULTATION
        if self.proposal_id:
            return FollowTarget.PROPOSAL
        return FollowTarget.ORGANISATION


class Notification(db.Model):
    """One thing that happened, for one recipient.

    `params` holds codes only (a status, a phase kind, a reason), never free text, so the text can
    be composed in any language. `mail_handled_at` is set once the notification was mailed alone,
    included in a digest, or found not to be mailed (delivery off, address unconfirmed): the
    conditional update on it is what makes mailing exactly-once.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_unread", "user_id", "read_at"),
        Index("ix_notifications_user_created", "user_id", "created_at"),
        Index("ix_notifications_mail_pending", "mail_handled_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    # Who caused it (shown by display name); gone when that account is deleted.
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    consultation_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), nullable=True, index=True
    )
    proposal_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), nullable=True, index=True
    )
    # The comment or statement (or proposal) the notification is about, when there is one.
    contribution_id: Mapped[int | None] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), nullable=True, index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), nullable=True, index=True
    )
    decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("moderation_decisions.id", ondelete="CASCADE"), nullable=True, index=True
    )
    params: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow_naive, nullable=False)
    read_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    mail_handled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    user = relationship("User", foreign_keys=[user_id], lazy="raise")
    actor = relationship("User", foreign_keys=[actor_id], lazy="select")
    consultation = relationship("Consultation", lazy="select")
    proposal = relationship("Proposal", lazy="select", foreign_keys=[proposal_id])
    contribution = relationship("Contribution", lazy="select", foreign_keys=[contribution_id])
    organisation = relationship("Organisation", lazy="select")
    decision = relationship("ModerationDecision", lazy="select")

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationSetting(db.Model):
    """How a user wants to be mailed about one kind; no row means the kind's default."""

    __tablename__ = "notification_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    delivery: Mapped[str] = mapped_column(String(12), nullable=False)


class OutboxStatus:
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"  # gave up after the last retry


class OutboxMessage(db.Model):
    """One mail to deliver, fully composed, with its own Message-ID for every attempt.

    A sender claims a row with a conditional update (status queued, not claimed or claim expired)
    and marks it sent only under its own claim token, so two senders never both deliver it.
    """

    __tablename__ = "mail_outbox"
    __table_args__ = (Index("ix_mail_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254), nullable=False)
    # The recipient's account, if any; the row goes with the account.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=True, index=True
    )
    subject: Mapped[str] = mapped_column(String(300), nullable=False)
    text_body: Mapped[str] = mapped_column(Text, nullable=False)
    html_body: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Extra headers such as List-Unsubscribe: {"List-Unsubscribe": "<https://...>"}.
    headers: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    message_id: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default=OutboxStatus.QUEUED)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow_naive, nullable=False
    )
    claim_token: Mapped[str | None] = mapped_column(String(32), nullable=True)
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow_naive, nullable=False)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
