"""Organisations (migrant organisations and other civic actors), their members and statements.

An organisation speaks on the platform once a coordinator of one of its regions has verified it.
Every verification decision is a row of its own, so the record stays complete.
"""

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
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

from app.core.clock import utcnow_naive
from app.core.i18n import _l
from app.core.models import Contribution, TimestampMixin, Translated, TranslatedJSON
from app.extensions import db


class OrganisationKind:
    MIGRANT_ORGANISATION = "migrant_organisation"
    ASSOCIATION = "association"
    WELFARE = "welfare"
    RELIGIOUS_COMMUNITY = "religious_community"
    MUNICIPAL_OFFICE = "municipal_office"
    OTHER = "other"
    ALL = (MIGRANT_ORGANISATION, ASSOCIATION, WELFARE, RELIGIOUS_COMMUNITY, MUNICIPAL_OFFICE, OTHER)


KIND_NAMES = {
    OrganisationKind.MIGRANT_ORGANISATION: _l("Migrant organisation"),
    OrganisationKind.ASSOCIATION: _l("Association"),
    OrganisationKind.WELFARE: _l("Welfare organisation"),
    OrganisationKind.RELIGIOUS_COMMUNITY: _l("Religious community"),
    OrganisationKind.MUNICIPAL_OFFICE: _l("Municipal office"),
    OrganisationKind.OTHER: _l("Other organisation"),
}


class OrganisationStatus:
    REQUESTED = "requested"  # waits for a coordinator of one of its regions
    VERIFIED = "verified"
    DECLINED = "declined"  # with a reason; the organisation may correct and ask again
    SUSPENDED = "suspended"  # verification withdrawn; earlier contributions stay, without badge
    ALL = (REQUESTED, VERIFIED, DECLINED, SUSPENDED)


STATUS_NAMES = {
    OrganisationStatus.REQUESTED: _l("Waiting for verification"),
    OrganisationStatus.VERIFIED: _l("Verified"),
    OrganisationStatus.DECLINED: _l("Declined"),
    OrganisationStatus.SUSPENDED: _l("Verification withdrawn"),
}


class MemberRole:
    ADMIN = "admin"
    MEMBER = "member"
    ALL = (ADMIN, MEMBER)


ROLE_NAMES = {MemberRole.ADMIN: _l("Organisation admin"), MemberRole.MEMBER: _l("Member")}


organisation_regions = Table(
    "organisation_regions",
    db.metadata,
    Column("organisation_id", ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
    Column("region_id", ForeignKey("regions.id", ondelete="CASCADE"), primary_key=True),
)

organisation_fields_of_action = Table(
    "organisation_fields_of_action",
    db.metadata,
    Column("organisation_id", ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "field_of_action_id",
        ForeignKey("fields_of_action.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)


class Organisation(TimestampMixin, db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(160), nullable=False)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    # Short description in one or more languages: {"de": "...", "tr": "..."}
    description: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    website: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    contact_email: Mapped[str] = mapped_column(String(254), nullable=False, default="")
    status: Mapped[str] = mapped_column(
        String(20), nullable=False, default=OrganisationStatus.REQUESTED
    )
    requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    verified_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Case-folded name for the directory search (SQLite's lower() folds ASCII only).
    search_key: Mapped[str] = mapped_column(String(160), nullable=False, default="")

    regions = relationship(
        "Region", secondary=organisation_regions, order_by="Region.position", lazy="selectin"
    )
    fields_of_action = relationship(
        "FieldOfAction",
        secondary=organisation_fields_of_action,
        order_by="FieldOfAction.position",
        lazy="selectin",
    )
    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", order_by="Membership.id"
    )
    decisions: Mapped[list["VerificationDecision"]] = relationship(
        back_populates="organisation", order_by="VerificationDecision.id"
    )

    __table_args__ = (
        CheckConstraint(
            "kind IN ('migrant_organisation', 'association', 'welfare', "
            "'religious_community', 'municipal_office', 'other')",
            name="kind_known",
        ),
        CheckConstraint(
            "status IN ('requested', 'verified', 'declined', 'suspended')", name="status_known"
        ),
        Index("ix_organisations_status", "status"),
    )

    @property
    def is_verified(self) -> bool:
        return self.status == OrganisationStatus.VERIFIED

    @property
    def kind_name(self):
        return KIND_NAMES[self.kind]

    @property
    def status_name(self):
        return STATUS_NAMES[self.status]

    def summary(self, language: str | None = None) -> Translated:
        return Translated(self.description, language)

    def role_of(self, user) -> str | None:
        return next((m.role for m in self.memberships if m.user_id == user.id), None)

    @property
    def admins(self) -> list["Membership"]:
        return [m for m in self.memberships if m.role == MemberRole.ADMIN]

    def refresh_search_key(self) -> None:
        self.search_key = self.name.casefold()


class VerificationDecision(db.Model):
    """verify, decline or suspend, with the reason: appended, never changed."""

    __tablename__ = "organisation_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False, index=True
    )
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow_naive)

    organisation: Mapped[Organisation] = relationship(back_populates="decisions")
    decided_by = relationship("User", lazy="joined")

    __table_args__ = (
        CheckConstraint(
            "action IN ('request', 'verify', 'decline', 'suspend')", name="action_known"
        ),
    )


DECISION_NAMES = {
    "request": _l("Verification requested"),
    "verify": _l("Verified"),
    "decline": _l("Declined"),
    "suspend": _l("Verification withdrawn"),
}


class Membership(TimestampMixin, db.Model):
    __tablename__ = "organisation_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False, index=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    role: Mapped[str] = mapped_column(String(10), nullable=False, default=MemberRole.MEMBER)

    organisation: Mapped[Organisation] = relationship(back_populates="memberships", lazy="joined")
    user = relationship("User", back_populates="memberships", lazy="joined")

    __table_args__ = (
        UniqueConstraint("organisation_id", "user_id"),
        CheckConstraint("role IN ('admin', 'member')", name="role_known"),
    )

    @property
    def role_name(self):
        return ROLE_NAMES[self.role]


class RequestState:
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    ALL = (OPEN, ACCEPTED, DECLINED, WITHDRAWN)


_REQUEST_STATES = "state IN ('open', 'accepted', 'declined', 'withdrawn')"


class Invitation(db.Model):
    """An admin invites someone by e-mail; the link works for the account with that address."""

    __tablename__ = "organisation_invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False, index=True
    )
    email: Mapped[str] = mapped_column(String(254), nullable=False)
    role: Mapped[str] = mapped_column(String(10), nullable=False, default=MemberRole.MEMBER)
    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    state: Mapped[str] = mapped_column(String(10), nullable=False, default=RequestState.OPEN)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow_naive)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    invited_by = relationship("User", lazy="joined")

    __table_args__ = (
        CheckConstraint(_REQUEST_STATES, name="state_known"),
        CheckConstraint("role IN ('admin', 'member')", name="role_known"),
        Index(
            "uq_organisation_invitations_open",
            "organisation_id",
            "email",
            unique=True,
            sqlite_where=sql_text("state = 'open'"),
            postgresql_where=sql_text("state = 'open'"),
        ),
    )


class JoinRequest(db.Model):
    """Someone asks to join; an admin of the organisation accepts or declines."""

    __tablename__ = "organisation_join_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False, index=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    message: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    state: Mapped[str] = mapped_column(String(10), nullable=False, default=RequestState.OPEN)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow_naive)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    user = relationship("User", foreign_keys=[user_id], lazy="joined")

    __table_args__ = (
        CheckConstraint(_REQUEST_STATES, name="state_known"),
        Index(
            "uq_organisation_join_requests_open",
            "organisation_id",
            "user_id",
            unique=True,
            sqlite_where=sql_text("state = 'open'"),
            postgresql_where=sql_text("state = 'open'"),
        ),
    )


class Statement(Contribution):
    """An organisation's formal position on a consultation (Stellungnahme); one per
    organisation and consultation (a unique index on `contributions`)."""

    __tablename__ = "statements"

    id: Mapped[int] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), primary_key=True
    )
    title: Mapped[str] = mapped_column(String(160), nullable=False)
    # Who saved the current version, when not the author (any admin of the organisation may).
    edited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    edited_by = relationship("User", foreign_keys=[edited_by_id])
    revisions: Mapped[list["StatementRevision"]] = relationship(
        back_populates="statement",
        cascade="all, delete-orphan",
        order_by="StatementRevision.id",
    )

    __mapper_args__ = {"polymorphic_identity": "statement"}


class StatementRevision(db.Model):
    """The statement as it was before an edit."""

    __tablename__ = "statement_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), nullable=False, index=True
    )
    title: Mapped[str] = mapped_column(String(160), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    language: Mapped[str] = mapped_column(String(8), nullable=False)
    # Who wrote this version.
    written_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow_naive)

    statement: Mapped[Statement] = relationship(back_populates="revisions")
    written_by = relationship("User", lazy="joined")
