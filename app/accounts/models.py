"""Accounts: users and their region-scoped roles."""

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.clock import utcnow_naive
from app.core.models import TimestampMixin
from app.extensions import db


class Role:
    """Stable codes of the region-scoped roles (never derived from translated labels)."""

    MODERATOR = "moderator"
    COORDINATOR = "coordinator"
    ALL = (MODERATOR, COORDINATOR)


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def normalise_email(email: str) -> str:
    """One spelling per address: trimmed and lower-cased (Foo@X.de and foo@x.de are one)."""
    return (email or "").strip().lower()


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, nullable=False)
    display_name: Mapped[str] = mapped_column(String(60), nullable=False)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    locale: Mapped[str] = mapped_column(String(8), nullable=False, default="de")
    home_region_id: Mapped[int | None] = mapped_column(
        ForeignKey("regions.id", ondelete="SET NULL"), nullable=True
    )
    is_administrator: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    privacy_accepted_at: Mapped[datetime] = mapped_column(
        DateTime, nullable=False, default=utcnow_naive
    )
    # Checked on every request by the user loader; replacing it ends every session of the user.
    session_token: Mapped[str] = mapped_column(
        String(64), nullable=False, default=new_session_token
    )
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Set by a moderation block (the reasons are in user_blocks); PERMANENT for no end.
    blocked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Name and address case-folded in Python: SQLite's lower() folds ASCII letters only, so
    # "Öztürk" would not be found as "öztürk" by a lower() LIKE search.
    search_key: Mapped[str] = mapped_column(String(330), nullable=False, default="")
    # Second factor (TOTP, RFC 6238): the shared secret in base32, and when enrolment was
    # confirmed with a first valid code. Required for staff, optional for participants.
    totp_secret: Mapped[str | None] = mapped_column(String(64), nullable=True)
    mfa_enabled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # The time step of the last accepted code: a code seen once is refused (no replay).
    totp_last_step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Retention: when the account was told it will be removed for inactivity.
    inactivity_warned_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    home_region = relationship("Region", foreign_keys=[home_region_id])
    roles: Mapped[list["RoleAssignment"]] = relationship(
        back_populates="user",
        cascade="all, delete-orphan",
        lazy="selectin",
        foreign_keys="RoleAssignment.user_id",
    )
    # Loaded on first use (most requests never ask), then kept for the request.
    memberships = relationship(
        "Membership", back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (CheckConstraint("email = lower(email)", name="email_lower"),)

    def get_id(self) -> str:
        # Flask-Login stores this in the session and the remember cookie; the token part makes
        # both worthless once rotated.
        return f"{self.id}:{self.session_token}"

    def refresh_search_key(self) -> None:
        self.search_key = f"{self.display_name}\n{self.email}".casefold()

    def rotate_session_token(self) -> None:
        self.session_token = new_session_token()

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def has_mfa(self) -> bool:
        return self.mfa_enabled_at is not None and bool(self.totp_secret)

    @property
    def is_staff(self) -> bool:
        """Administrators, moderators and coordinators: they must use a second factor."""
        return self.is_administrator or bool(self.roles)

    def is_blocked(self, at: datetime) -> bool:
        return self.blocked_until is not None and self.blocked_until > at

    def region_ids_with(self, role: str) -> set[int]:
        return {assignment.region_id for assignment in self.roles if assignment.role == role}

    def has_role_in(self, role: str, region_id: int) -> bool:
        return region_id in self.region_ids_with(role)

    def organisation_role(self, organisation_id: int) -> str | None:
        """'admin', 'member' or None for the organisation with that id."""
        return next(
            (m.role for m in self.memberships if m.organisation_id == organisation_id), None
        )

    def __repr__(self) -> str:
        return f"<User {self.id} {self.display_name!r}>"


class RoleAssignment(TimestampMixin, db.Model):
    """A moderator or coordinator role in one region."""

    __tablename__ = "role_assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    region_id: Mapped[int] = mapped_column(
        ForeignKey("regions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    assigned_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    user: Mapped[User] = relationship(back_populates="roles", foreign_keys=[user_id])
    region = relationship("Region", back_populates="role_assignments", lazy="joined")

    __table_args__ = (
        UniqueConstraint("user_id", "region_id", "role"),
        CheckConstraint("role IN ('moderator', 'coordinator')", name="role_known"),
    )


class RecoveryCode(db.Model):
    """A one-time code that replaces the second factor once (the phone is lost)."""

    __tablename__ = "mfa_recovery_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    # Hashed like a password: a leaked database gives no usable code.
    code_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow_naive)
    used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


@event.listens_for(User, "before_insert")
@event.listens_for(User, "before_update")
def _keep_search_key_current(mapper, connection, user: User) -> None:
    user.refresh_search_key()
