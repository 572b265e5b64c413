"""Reading statements: the consultation page's list and one statement.

Visible: published statements, plus those waiting for review (pre-moderation) to their author
and to the admins of their organisation, who answer for it together. Hidden statements keep
their page, with the moderation placeholder, like proposals.
"""

from flask import abort
from sqlalchemy import and_, or_, select

from app.core.models import ModerationState
from app.extensions import db
from app.organisations.models import MemberRole, Statement


def _administered_organisation_ids(user) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [m.organisation_id for m in user.memberships if m.role == MemberRole.ADMIN]


def visible_condition(user):
    """Published statements, plus the pending ones the viewer wrote or answers for."""
    condition = Statement.moderation_state.in_(ModerationState.VISIBLE)
    if getattr(user, "is_authenticated", False):
        own = Statement.author_id == user.id
        administered = _administered_organisation_ids(user)
        if administered:
            own = or_(own, Statement.organisation_id.in_(administered))
        condition = or_(condition, and_(Statement.moderation_state == ModerationState.PENDING, own))
    return condition


def consultation_statements(consultation, user) -> list[Statement]:
    """The statements shown on the consultation page, newest first. A fixed number of SQL
    statements: author and organisation are joined, the organisations' regions and fields of
    action come in one batch each."""
    return list(
        db.session.scalars(
            select(Statement)
            .where(
                Statement.consultation_id == consultation.id,
                # The kind lets the index on (consultation, kind, state) skip the proposals and
                # comments of a large consultation.
                Statement.kind == "statement",
                visible_condition(user),
            )
            .order_by(Statement.created_at.desc(), Statement.id.desc())
        ).unique()
    )


def statement_or_404(consultation, statement_id: int, user) -> Statement:
    """A statement of this consultation that the viewer may read: visible to them, or hidden
    (its page then shows the moderation placeholder). Anything else looks absent."""
    statement = db.session.scalar(
        select(Statement).where(
            Statement.id == statement_id,
            Statement.consultation_id == consultation.id,
            or_(visible_condition(user), Statement.moderation_state == ModerationState.HIDDEN),
        )
    )
    if statement is None:
        abort(404)
    return statement
