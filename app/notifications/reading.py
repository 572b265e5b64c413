"""Marking notifications as read: one, or all of a user's at once."""

from sqlalchemy import update

from app.core.clock import utcnow_naive
from app.core.permissions import require
from app.extensions import db
from app.notifications.models import Notification


def mark_read(user, notification: Notification) -> None:
    """Mark one of the user's notifications read; reading it twice keeps the first time."""
    require(user, "notification.read", notification)
    db.session.execute(
        update(Notification)
        .where(
            Notification.id == notification.id,
            Notification.user_id == user.id,
            Notification.read_at.is_(None),
        )
        .values(read_at=utcnow_naive())
        .execution_options(synchronize_session=False)
    )
    db.session.flush()


def mark_all_read(user) -> int:
    """Mark every unread notification of the user read; returns how many there were."""
    require(user, "notification.settings")
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow_naive())
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    return result.rowcount
