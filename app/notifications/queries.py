"""Read side of notifications and follows: the list page, the unread count, what a user follows."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import abort
from flask_babel import format_timedelta
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from app.core.clock import utcnow_naive
from app.core.formatting import moment
from app.core.i18n import _
from app.core.models import ModerationState
from app.core.permissions import can
from app.extensions import db
from app.moderation.models import ModerationDecision
from app.notifications.describe import Described, describe
from app.notifications.models import Follow, FollowTarget, Notification

PAGE_SIZE = 30
# Up to a week old: "2 hours ago"; older: the date and time.
RELATIVE_FOR = timedelta(days=7)


def _page(value) -> int:
    try:
        return max(1, min(int(value or 1), 10_000))
    except (TypeError, ValueError):
        return 1


@dataclass(frozen=True)
class Item:
    """One notification as the list shows it."""

    notification: Notification
    described: Described
    when: str  # "2 hours ago" or a date and time
    when_full: str  # always the date and time

    @property
    def is_unread(self) -> bool:
        return self.notification.is_unread


def when(value: datetime, now: datetime | None = None) -> str:
    """How long ago, in the reader's language, for the last week; else the date and time."""
    now = now or utcnow_naive()
    age = now - value
    if age < timedelta(minutes=1):
        return _("just now")
    if age < RELATIVE_FOR:
        return format_timedelta(-age, add_direction=True)
    return moment(value)


def notification_page(user, page=None):
    """The user's notifications, newest first, PAGE_SIZE per page, with what their text needs.

    A fixed number of statements however many notifications there are: the count, the page,
    and one per reference (actor, proposal, consultation, organisation, contribution, decision).
    """
    query = (
        select(Notification)
        .where(Notification.user_id == user.id)
        .options(
            selectinload(Notification.actor),
            selectinload(Notification.proposal),
            selectinload(Notification.consultation),
            selectinload(Notification.organisation),
            selectinload(Notification.contribution),
            selectinload(Notification.decision).selectinload(ModerationDecision.appeal),
        )
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    pagination = db.paginate(query, page=_page(page), per_page=PAGE_SIZE, error_out=False)
    # describe() looks up an organisation review by id: one statement puts them all in the
    # session, where it finds them (held here, as the session keeps objects only while in use).
    held = _reviews_of(pagination.items)
    now = utcnow_naive()
    pagination.items = [
        Item(
            notification=notification,
            described=describe(notification),
            when=when(notification.created_at, now),
            when_full=moment(notification.created_at),
        )
        for notification in pagination.items
    ]
    del held
    return pagination


def _reviews_of(notifications) -> list:
    from app.notifications.kinds import ORGANISATION_REVIEW
    from app.organisations.models import VerificationDecision

    ids = {
        (notification.params or {}).get("review_id")
        for notification in notifications
        if notification.kind == ORGANISATION_REVIEW
    } - {None}
    if not ids:
        return []
    return list(
        db.session.scalars(select(VerificationDecision).where(VerificationDecision.id.in_(ids)))
    )


def unread_count(user) -> int:
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == user.id, Notification.read_at.is_(None)
        )
    )


def own_notification_or_404(notification_id: int, user) -> Notification:
    """The user's own notification; someone else's looks exactly like a missing one."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or not can(user, "notification.read", notification):
        abort(404)
    return notification


# --- Follows -------------------------------------------------------------------------------------


def target_models() -> dict:
    from app.consultations.models import Consultation
    from app.organisations.models import Organisation
    from app.proposals.models import Proposal

    return {
        FollowTarget.CONSULTATION: Consultation,
        FollowTarget.PROPOSAL: Proposal,
        FollowTarget.ORGANISATION: Organisation,
    }


def target_or_404(target_type: str, target_id: int):
    model = target_models().get(target_type)
    if model is None:
        abort(404)
    return db.get_or_404(model, target_id)


def target_type_of(target) -> str:
    for name, model in target_models().items():
        if isinstance(target, model):
            return name
    raise TypeError(f"cannot follow {target!r}")


def target_title(target, user) -> str:
    """The name to show for a followed target: a proposal no longer public is not named."""
    kind = target_type_of(target)
    if kind == FollowTarget.CONSULTATION:
        return str(target.heading())
    if kind == FollowTarget.PROPOSAL:
        public = target.moderation_state == ModerationState.PUBLISHED
        if public or target.author_id == getattr(user, "id", None):
            return target.title
        return _("a proposal that is no longer public")
    return target.name


def target_url(target) -> str:
    from flask import url_for

    kind = target_type_of(target)
    if kind == FollowTarget.CONSULTATION:
        return url_for("consultations.detail", consultation_id=target.id)
    if kind == FollowTarget.PROPOSAL:
        return url_for(
            "proposals.detail", consultation_id=target.consultation_id, proposal_id=target.id
        )
    return url_for("organisations.profile", organisation_id=target.id)


@dataclass(frozen=True)
class Following:
    consultations: list[Follow]
    proposals: list[Follow]
    organisations: list[Follow]

    def __bool__(self) -> bool:
        return bool(self.consultations or self.proposals or self.organisations)


def following(user) -> Following:
    """What the user follows, by kind, newest first (the targets joined, the consultations of
    followed proposals in a second statement)."""
    from app.proposals.models import Proposal

    rows = db.session.scalars(
        select(Follow)
        .where(Follow.user_id == user.id)
        .options(joinedload(Follow.proposal).selectinload(Proposal.consultation))
        .order_by(Follow.created_at.desc(), Follow.id.desc())
    ).unique()
    groups: dict[str, list[Follow]] = {name: [] for name in FollowTarget.ALL}
    for row in rows:
        groups[row.target_type].append(row)
    return Following(
        consultations=groups[FollowTarget.CONSULTATION],
        proposals=groups[FollowTarget.PROPOSAL],
        organisations=groups[FollowTarget.ORGANISATION],
    )
