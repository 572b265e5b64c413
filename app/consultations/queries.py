"""Read-side queries for consultations."""

from flask import abort
from flask_login import current_user

from app.consultations.models import Consultation
from app.core.permissions import can
from app.extensions import db


def consultation_or_404(consultation_id: int) -> Consultation:
    """The consultation, if the current user may see it; drafts of others look absent (404)."""
    consultation = db.get_or_404(Consultation, consultation_id)
    if not can(current_user, "consultation.view", consultation):
        abort(404)
    return consultation


def visible_consultations_of_region(region, user) -> list[Consultation]:
    """The region's consultations the user may see, newest first (drafts only for managers)."""
    consultations = db.session.scalars(
        db.select(Consultation)
        .where(Consultation.region_id == region.id)
        .order_by(Consultation.state == "archived", Consultation.created_at.desc())
    ).all()
    return [item for item in consultations if can(user, "consultation.view", item)]
