"""Monitoring data entered by people: voluntary participation profiles and context indicators.

Profiles are special category data (GDPR art. 9: migration experience can point to ethnic
origin). They live in tables of their own with no relationship from `User`, so nothing that
loads an account ever loads its profile; they are read only by the aggregate queries in
`profiles.py` and the owner's own form. Deleting the account or withdrawing consent deletes
the rows (foreign keys with `ON DELETE CASCADE`).
"""

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.clock import utcnow_naive
from app.core.models import TimestampMixin
from app.extensions import db


class AgeBand:
    UNDER_18 = "under_18"
    FROM_18 = "18_29"
    FROM_30 = "30_44"
    FROM_45 = "45_64"
    FROM_65 = "65_plus"
    PREFER_NOT = "prefer_not"
    ALL = (UNDER_18, FROM_18, FROM_30, FROM_45, FROM_65, PREFER_NOT)


class MigrationExperience:
    """Own or parents' migration experience."""

    YES = "yes"
    NO = "no"
    PREFER_NOT = "prefer_not"
    ALL = (YES, NO, PREFER_NOT)


# Bumped when the purpose text changes in substance; a profile records the version agreed to.
CONSENT_VERSION = "2026-11"


class ParticipationProfile(db.Model):
    __tablename__ = "participation_profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    # Every answer is optional; None means "not answered" (different from "prefer not to say").
    age_band: Mapped[str | None] = mapped_column(String(20), nullable=True)
    migration_experience: Mapped[str | None] = mapped_column(String(20), nullable=True)
    home_region_id: Mapped[int | None] = mapped_column(
        ForeignKey("regions.id", ondelete="SET NULL"), nullable=True, index=True
    )
    consent_given_at: Mapped[datetime] = mapped_column(
        DateTime, nullable=False, default=utcnow_naive
    )
    consent_version: Mapped[str] = mapped_column(String(20), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, nullable=False, default=utcnow_naive, onupdate=utcnow_naive
    )

    languages: Mapped[list["ProfileLanguage"]] = relationship(
        back_populates="profile",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ProfileLanguage.language",
    )

    __table_args__ = (
        CheckConstraint(
            "age_band IS NULL OR age_band IN "
            "('under_18', '18_29', '30_44', '45_64', '65_plus', 'prefer_not')",
            name="age_band_known",
        ),
        CheckConstraint(
            "migration_experience IS NULL OR migration_experience IN ('yes', 'no', 'prefer_not')",
            name="migration_experience_known",
        ),
    )

    @property
    def language_codes(self) -> list[str]:
        return [row.language for row in self.languages]


class ProfileLanguage(db.Model):
    """One language spoken at home (a profile may name several)."""

    __tablename__ = "participation_profile_languages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("participation_profiles.id", ondelete="CASCADE"), nullable=False, index=True
    )
    language: Mapped[str] = mapped_column(String(12), nullable=False)

    profile: Mapped[ParticipationProfile] = relationship(back_populates="languages")

    __table_args__ = (UniqueConstraint("profile_id", "language"),)


class ContextIndicator(TimestampMixin, db.Model):
    """A figure about a region from outside the platform (official statistics), with its source
    and year, entered by the region's coordination and shown beside the platform's figures."""

    __tablename__ = "context_indicators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_id: Mapped[int] = mapped_column(
        ForeignKey("regions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    # A key of `context.CONTEXT_INDICATORS`, so the same figure compares across regions.
    key: Mapped[str] = mapped_column(String(40), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    value: Mapped[float] = mapped_column(Float, nullable=False)
    source: Mapped[str] = mapped_column(String(300), nullable=False)
    source_url: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    entered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    region = relationship("Region", lazy="joined")

    __table_args__ = (
        UniqueConstraint("region_id", "key", "year"),
        CheckConstraint("year BETWEEN 1950 AND 2100", name="year_plausible"),
        CheckConstraint("value >= 0", name="value_not_negative"),
    )
