"""Moderation figures per region, for the monitoring area: how long things wait, how they end.

Aggregates only; no personal data leaves this module.
"""

from statistics import median

from sqlalchemy import func, select

from app.consultations.models import Consultation
from app.core.clock import utcnow_naive
from app.core.models import Contribution, ModerationState
from app.extensions import db
from app.moderation.models import Appeal, ModerationDecision


def _in_region(query, region_id: int):
    return query.join(Consultation, Consultation.id == Contribution.consultation_id).where(
        Consultation.region_id == region_id
    )


def moderation_figures(region_id: int) -> dict:
    """Queue length, age of the oldest waiting item (hours), median hours to a decision,
    decisions by reason, appeals and reversals."""
    waiting_since = db.session.execute(
        _in_region(
            select(func.count(Contribution.id), func.min(Contribution.created_at)),
            region_id,
        ).where(Contribution.moderation_state == ModerationState.PENDING)
    ).one()
    decided = db.session.execute(
        _in_region(
            select(Contribution.created_at, func.min(ModerationDecision.created_at))
            .join(ModerationDecision, ModerationDecision.contribution_id == Contribution.id)
            .where(ModerationDecision.moderator_id.is_not(None))
            .group_by(Contribution.id, Contribution.created_at),
            region_id,
        )
    ).all()
    by_reason = dict(
        db.session.execute(
            _in_region(
                select(ModerationDecision.reason, func.count(ModerationDecision.id))
                .join(Contribution, Contribution.id == ModerationDecision.contribution_id)
                .where(ModerationDecision.reason.is_not(None))
                .group_by(ModerationDecision.reason),
                region_id,
            )
        ).all()
    )
    appeals = db.session.execute(
        _in_region(
            select(Appeal.outcome, func.count(Appeal.id))
            .join(ModerationDecision, ModerationDecision.id == Appeal.decision_id)
            .join(Contribution, Contribution.id == ModerationDecision.contribution_id)
            .group_by(Appeal.outcome),
            region_id,
        )
    ).all()
    appeal_counts = {outcome: count for outcome, count in appeals}
    hours = [(first - created).total_seconds() / 3600 for created, first in decided]
    oldest = waiting_since[1]
    return {
        "queue_length": waiting_since[0],
        "oldest_waiting_hours": (utcnow_naive() - oldest).total_seconds() / 3600
        if oldest
        else None,
        "median_hours_to_decision": median(hours) if hours else None,
        "decisions_by_reason": by_reason,
        "appeals": sum(appeal_counts.values()),
        "appeals_open": appeal_counts.get(None, 0),
        "reversals": appeal_counts.get("reversed", 0),
    }
