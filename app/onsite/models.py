"""On-site events: a citizens' meeting, a workshop or a paper form, whose contributions a
coordinator enters for the participants who have no account."""

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.i18n import _l
from app.core.models import TimestampMixin
from app.extensions import db


class EventFormat:
    MEETING = "meeting"
    WORKSHOP = "workshop"
    PAPER_FORM = "paper_form"
    OTHER = "other"
    ALL = (MEETING, WORKSHOP, PAPER_FORM, OTHER)


FORMAT_NAMES = {
    EventFormat.MEETING: _l("Citizens' meeting"),
    EventFormat.WORKSHOP: _l("Workshop"),
    EventFormat.PAPER_FORM: _l("Paper form"),
    EventFormat.OTHER: _l("Other event"),
}


class OnSiteEvent(TimestampMixin, db.Model):
    __tablename__ = "on_site_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(160), nullable=False)
    place: Mapped[str] = mapped_column(String(160), nullable=False)
    held_on: Mapped[date] = mapped_column(Date, nullable=False)
    format: Mapped[str] = mapped_column(String(20), nullable=False, default=EventFormat.MEETING)
    # How many people took part, as the organisers counted (optional, for monitoring).
    participant_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    consultation = relationship("Consultation")
    recorded_by = relationship("User")

    __table_args__ = (
        CheckConstraint(
            "format IN ('meeting', 'workshop', 'paper_form', 'other')", name="format_known"
        ),
        CheckConstraint(
            "participant_count IS NULL OR participant_count >= 0", name="participants_not_negative"
        ),
    )

    @property
    def format_name(self):
        return FORMAT_NAMES[self.format]
