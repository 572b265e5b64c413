"""Funding programmes (Förderprogramme): a shared catalogue with their application deadlines."""

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.i18n import _l
from app.core.models import TimestampMixin, Translated, TranslatedJSON
from app.extensions import db


class FunderLevel:
    EU = "eu"
    FEDERAL = "federal"
    STATE = "state"
    MUNICIPAL = "municipal"
    FOUNDATION = "foundation"
    OTHER = "other"
    ALL = (EU, FEDERAL, STATE, MUNICIPAL, FOUNDATION, OTHER)


FUNDER_LEVEL_NAMES = {
    FunderLevel.EU: _l("European Union"),
    FunderLevel.FEDERAL: _l("Federal government"),
    FunderLevel.STATE: _l("State of Hesse"),
    FunderLevel.MUNICIPAL: _l("Municipal"),
    FunderLevel.FOUNDATION: _l("Foundation"),
    FunderLevel.OTHER: _l("Other funder"),
}


class ProgrammeStatus:
    ANNOUNCED = "announced"
    OPEN = "open"
    CLOSED = "closed"
    ALL = (ANNOUNCED, OPEN, CLOSED)


PROGRAMME_STATUS_NAMES = {
    ProgrammeStatus.ANNOUNCED: _l("Announced"),
    ProgrammeStatus.OPEN: _l("Open for applications"),
    ProgrammeStatus.CLOSED: _l("Closed"),
}


class Recurrence:
    NONE = "none"
    YEARLY = "yearly"
    HALF_YEARLY = "half_yearly"
    QUARTERLY = "quarterly"
    ALL = (NONE, YEARLY, HALF_YEARLY, QUARTERLY)
    MONTHS = {NONE: 0, YEARLY: 12, HALF_YEARLY: 6, QUARTERLY: 3}


RECURRENCE_NAMES = {
    Recurrence.NONE: _l("Once"),
    Recurrence.YEARLY: _l("Every year"),
    Recurrence.HALF_YEARLY: _l("Every six months"),
    Recurrence.QUARTERLY: _l("Every three months"),
}


programme_fields_of_action = Table(
    "programme_fields_of_action",
    db.metadata,
    Column(
        "programme_id", ForeignKey("funding_programmes.id", ondelete="CASCADE"), primary_key=True
    ),
    Column(
        "field_of_action_id",
        ForeignKey("fields_of_action.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)

programme_regions = Table(
    "programme_regions",
    db.metadata,
    Column(
        "programme_id", ForeignKey("funding_programmes.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("region_id", ForeignKey("regions.id", ondelete="CASCADE"), primary_key=True),
)


class FundingProgramme(TimestampMixin, db.Model):
    __tablename__ = "funding_programmes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    funder_level: Mapped[str] = mapped_column(String(20), nullable=False)
    funder: Mapped[str] = mapped_column(String(200), nullable=False)
    # True: open to every region; else the regions in `regions`.
    all_regions: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    target_groups: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    # Whole euros; either end may be open.
    amount_min: Mapped[int | None] = mapped_column(Integer, nullable=True)
    amount_max: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Share the applicant pays themselves, in per cent.
    co_funding_percent: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(
        String(20), nullable=False, default=ProgrammeStatus.ANNOUNCED
    )
    url: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    contact: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    description: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    # Case-folded name, funder and target groups for the search (SQLite folds ASCII only).
    search_key: Mapped[str] = mapped_column(String(800), nullable=False, default="")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    fields_of_action = relationship(
        "FieldOfAction",
        secondary=programme_fields_of_action,
        order_by="FieldOfAction.position",
        lazy="selectin",
    )
    regions = relationship(
        "Region", secondary=programme_regions, order_by="Region.position", lazy="selectin"
    )
    deadlines: Mapped[list["ProgrammeDeadline"]] = relationship(
        back_populates="programme",
        cascade="all, delete-orphan",
        order_by="ProgrammeDeadline.due_on",
        lazy="selectin",
    )

    __table_args__ = (
        CheckConstraint(
            "funder_level IN ('eu', 'federal', 'state', 'municipal', 'foundation', 'other')",
            name="funder_level_known",
        ),
        CheckConstraint("status IN ('announced', 'open', 'closed')", name="status_known"),
        CheckConstraint(
            "amount_min IS NULL OR amount_max IS NULL OR amount_min <= amount_max",
            name="amount_range_ordered",
        ),
        CheckConstraint("amount_min IS NULL OR amount_min >= 0", name="amount_min_not_negative"),
        CheckConstraint(
            "co_funding_percent IS NULL OR (co_funding_percent >= 0 AND co_funding_percent <= 100)",
            name="co_funding_is_a_share",
        ),
    )

    @property
    def funder_level_name(self):
        return FUNDER_LEVEL_NAMES[self.funder_level]

    @property
    def status_name(self):
        return PROGRAMME_STATUS_NAMES[self.status]

    def summary(self, language: str | None = None) -> Translated:
        return Translated(self.description, language)

    def is_open_to(self, region) -> bool:
        return self.all_regions or any(r.id == region.id for r in self.regions)

    def refresh_search_key(self) -> None:
        self.search_key = f"{self.name}\n{self.funder}\n{self.target_groups}".casefold()[:800]

    def next_deadline(self, today: date):
        """(date, deadline) of the next application deadline on or after `today`, or None."""
        upcoming = [
            (due, deadline)
            for deadline in self.deadlines
            if (due := deadline.next_occurrence(today)) is not None
        ]
        return min(upcoming, key=lambda pair: pair[0], default=None)


class ProgrammeDeadline(db.Model):
    """An application deadline: one date, or the first of a series (every 3, 6 or 12 months).

    Deadlines are calendar days in Hesse: a deadline on 31 March is open until that day ends
    in Europe/Berlin, whatever the server's clock says.
    """

    __tablename__ = "programme_deadlines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("funding_programmes.id", ondelete="CASCADE"), nullable=False, index=True
    )
    due_on: Mapped[date] = mapped_column(Date, nullable=False)
    recurrence: Mapped[str] = mapped_column(String(20), nullable=False, default=Recurrence.NONE)
    label: Mapped[str] = mapped_column(String(160), nullable=False, default="")

    programme: Mapped[FundingProgramme] = relationship(back_populates="deadlines")

    __table_args__ = (
        CheckConstraint(
            "recurrence IN ('none', 'yearly', 'half_yearly', 'quarterly')",
            name="recurrence_known",
        ),
    )

    @property
    def recurrence_name(self):
        return RECURRENCE_NAMES[self.recurrence]

    def next_occurrence(self, today: date) -> date | None:
        from app.funding.deadlines import next_occurrence

        return next_occurrence(self.due_on, self.recurrence, today)
