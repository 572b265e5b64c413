"""Following consultations, proposals and organisations."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.core.permissions import require
from app.extensions import db
from app.notifications.models import Follow


def _column_and_id(target) -> tuple:
    from app.consultations.models import Consultation
    from app.organisations.models import Organisation
    from app.proposals.models import Proposal

    if isinstance(target, Consultation):
        return Follow.consultation_id, target.id
    if isinstance(target, Proposal):
        return Follow.proposal_id, target.id
    if isinstance(target, Organisation):
        return Follow.organisation_id, target.id
    raise TypeError(f"cannot follow {target!r}")


def is_following(user, target) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    column, target_id = _column_and_id(target)
    found = db.session.scalar(
        select(Follow.id).where(Follow.user_id == user.id, column == target_id)
    )
    return found is not None


def follow(user, target, *, check: bool = True) -> None:
    """Follow `target`; following twice is no error. `check=False` for automatic follows
    (an author of their own proposal), which need no permission of their own."""
    if check:
        require(user, "follow.create", target)
    column, target_id = _column_and_id(target)
    row = Follow(user_id=user.id, **{column.key: target_id})
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        pass  # already followed, perhaps by a second click at the same moment


def unfollow(user, target) -> None:
    column, target_id = _column_and_id(target)
    db.session.execute(db.delete(Follow).where(Follow.user_id == user.id, column == target_id))


def follower_ids(target) -> set[int]:
    column, target_id = _column_and_id(target)
    return set(db.session.scalars(select(Follow.user_id).where(column == target_id)))


def followed_by(user) -> list[Follow]:
    """What the user follows, newest first."""
    return list(
        db.session.scalars(
            select(Follow).where(Follow.user_id == user.id).order_by(Follow.created_at.desc())
        ).unique()
    )
