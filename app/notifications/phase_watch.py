"""Announcing phases that began: exactly once per phase, even with two senders at work.

A phase starts by the clock, not by anyone's request, so the mail sender looks for phases of
published consultations that began and were not yet announced. Each one is claimed with a
conditional UPDATE (`announced_at IS NULL`): whoever changes the row announces it, a second
sender changes nothing and moves on. A phase that already ended by then is marked without
telling anyone (nobody wants to hear about last week's voting).
"""

from datetime import datetime

from sqlalchemy import select, update

from app.consultations.models import Consultation, ConsultationState, Phase
from app.extensions import db
from app.notifications import kinds
from app.notifications.events import followers, notify
from app.notifications.models import Follow


def announce_started_phases(now_naive: datetime) -> int:
    """Claim and announce every phase that began by `now_naive` (naive UTC); returns the number
    of notifications written. The caller commits."""
    due = db.session.execute(
        select(Phase.id, Phase.consultation_id, Phase.kind, Phase.ends_at)
        .join(Consultation, Consultation.id == Phase.consultation_id)
        .where(
            Consultation.state == ConsultationState.PUBLISHED,
            Phase.announced_at.is_(None),
            Phase.starts_at <= now_naive,
        )
        .order_by(Phase.starts_at, Phase.id)
    ).all()
    written = 0
    for phase_id, consultation_id, kind, ends_at in due:
        claimed = db.session.execute(
            update(Phase.__table__)
            .where(Phase.__table__.c.id == phase_id, Phase.__table__.c.announced_at.is_(None))
            .values(announced_at=now_naive)
        ).rowcount
        if claimed != 1 or now_naive >= ends_at:
            continue  # another sender announced it, or it is over already
        written += len(
            notify(
                kinds.PHASE_STARTED,
                followers(Follow.consultation_id == consultation_id),
                consultation_id=consultation_id,
                params={"phase": kind},
            )
        )
    return written
