"""Changes to comments: write, reply, edit, delete. Each checks, writes and flushes."""

from app.comments.models import Comment, Stance
from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.core.i18n import _
from app.core.models import ModerationState
from app.core.permissions import require
from app.extensions import db
from app.moderation.abuse import check_new_text
from app.notifications import events
from app.organisations.services import speaking_for
from app.proposals.models import Proposal


def _stance(value: str | None) -> str | None:
    if not value:
        return None
    if value not in Stance.ALL:
        raise DomainError(_("Please choose a stance from the list."), field="stance")
    return value


def add_comment(
    user,
    proposal: Proposal,
    body: str,
    language: str,
    stance: str | None = None,
    parent_id: int | None = None,
    organisation_id: int | None = None,
) -> Comment:
    require(user, "comment.create", proposal)
    organisation = speaking_for(user, organisation_id)
    check_new_text(user, body)
    parent = None
    if parent_id:
        parent = db.session.get(Comment, parent_id)
        # A reply belongs to the same proposal; anything else is a tampered form.
        if parent is None or parent.proposal_id != proposal.id or not parent.is_visible:
            raise DomainError(_("The comment you wanted to answer does not exist here."))
    consultation = proposal.consultation
    comment = Comment(
        consultation_id=consultation.id,
        proposal_id=proposal.id,
        parent_id=parent.id if parent else None,
        author_id=user.id,
        organisation=organisation,
        body=body.strip(),
        language=language,
        stance=_stance(stance),
        moderation_state=consultation.initial_moderation_state(),
    )
    db.session.add(comment)
    if comment.moderation_state == ModerationState.PUBLISHED:
        proposal.comment_count = Proposal.comment_count + 1
    db.session.flush()
    events.contribution_written(comment, user.id)
    return comment


def edit_comment(user, comment: Comment, body: str, stance: str | None) -> None:
    require(user, "comment.edit", comment)
    body = body.strip()
    stance = _stance(stance)
    if (body, stance) == (comment.body, comment.stance):
        return
    comment.body = body
    comment.stance = stance
    comment.edited_at = utcnow_naive()
    db.session.flush()


def delete_comment(user, comment: Comment) -> None:
    """The author removes their text; the place in the thread and the replies stay."""
    require(user, "comment.delete", comment)
    if comment.moderation_state == ModerationState.PUBLISHED:
        db.session.execute(
            Proposal.__table__.update()
            .where(Proposal.__table__.c.id == comment.proposal_id)
            .values(comment_count=Proposal.__table__.c.comment_count - 1)
        )
    comment.body = ""
    comment.stance = None
    comment.deleted_at = utcnow_naive()
    db.session.flush()
