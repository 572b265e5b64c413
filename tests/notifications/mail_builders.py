"""Builders for the notification mail tests: notification rows written directly, the outbox.

n = notification(user, kinds.PHASE_STARTED, consultation=c, params={"phase": "voting"})
queue_notification_mails(utcnow_naive())
rows = outbox_for(user)
"""

from datetime import UTC, datetime

from sqlalchemy import select

from app.extensions import db
from app.notifications import kinds
from app.notifications.models import Notification, OutboxMessage


def notification(
    user,
    kind: str,
    *,
    consultation=None,
    proposal=None,
    actor=None,
    created_at: datetime | None = None,
    **columns,
) -> Notification:
    """One notification for `user`, with the references its kind needs taken from the objects."""
    obj = Notification(
        user_id=user.id,
        kind=kind,
        consultation_id=consultation.id if consultation is not None else None,
        proposal_id=proposal.id if proposal is not None else None,
        actor_id=actor.id if actor is not None else None,
        params=columns.pop("params", {}),
        **columns,
    )
    if created_at is not None:
        obj.created_at = created_at
    db.session.add(obj)
    db.session.flush()
    return obj


def phase_started(user, consultation, phase: str = "voting", **columns) -> Notification:
    return notification(
        user, kinds.PHASE_STARTED, consultation=consultation, params={"phase": phase}, **columns
    )


def new_proposal(user, proposal, **columns) -> Notification:
    return notification(
        user,
        kinds.NEW_PROPOSAL,
        consultation=proposal.consultation,
        proposal=proposal,
        actor=proposal.author,
        **columns,
    )


def proposal_comment(user, proposal, comment, **columns) -> Notification:
    return notification(
        user,
        kinds.PROPOSAL_COMMENT,
        consultation=proposal.consultation,
        proposal=proposal,
        actor=comment.author,
        contribution_id=comment.id,
        **columns,
    )


def report_outcome(user, **columns) -> Notification:
    """A notification about no consultation: it lands in a summary's "Other" group."""
    return notification(user, kinds.REPORT_OUTCOME, params={"hidden": True}, **columns)


def outbox_for(user) -> list[OutboxMessage]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.user_id == user.id).order_by(OutboxMessage.id)
        )
    )


def pending(user) -> list[Notification]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Notification).where(
                Notification.user_id == user.id, Notification.mail_handled_at.is_(None)
            )
        )
    )


def berlin(*args) -> datetime:
    """A Berlin wall-clock time as an aware datetime (for time_machine)."""
    from zoneinfo import ZoneInfo

    return datetime(*args, tzinfo=ZoneInfo("Europe/Berlin"))


def naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)
