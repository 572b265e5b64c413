"""Reading a proposal's comments as a thread (one query, however many comments)."""

from dataclasses import dataclass, field

from sqlalchemy import and_, or_, select

from app.comments.models import Comment, Stance
from app.core.models import ModerationState
from app.extensions import db

# Levels shown nested; replies deeper than this are shown at the last level with "in reply to".
MAX_DEPTH = 3


@dataclass
class ThreadNode:
    comment: Comment
    depth: int
    in_reply_to: Comment | None = None  # set when the reply is flattened
    replies: list["ThreadNode"] = field(default_factory=list)
    holder: "ThreadNode | None" = None  # the node whose replies list holds this one


@dataclass
class Thread:
    nodes: list[ThreadNode]
    count: int
    stance: str | None
    stance_counts: dict[str, int]
    hidden_reasons: dict[int, object] = field(default_factory=dict)  # comment id -> reason
    language: str | None = None  # the language filter, when one is set


def _visible(user):
    # Hidden comments stay in the thread as placeholders, so their replies keep their place.
    condition = Comment.moderation_state.in_((*ModerationState.VISIBLE, ModerationState.HIDDEN))
    if getattr(user, "is_authenticated", False):
        condition = or_(
            condition,
            and_(Comment.author_id == user.id, Comment.moderation_state == ModerationState.PENDING),
        )
    return condition


def comment_thread(
    proposal,
    user,
    stance: str | None = None,
    newest_first: bool = False,
    language: str | None = None,
) -> Thread:
    """The proposal's comments as a thread. With `stance` or `language` (written in it or
    with a published translation into it) the view is flat: each match with what it answers."""
    from app.multilingual.queries import available_in

    query = (
        select(Comment)
        .where(Comment.proposal_id == proposal.id, _visible(user))
        .order_by(Comment.created_at, Comment.id)
    )
    if language:
        rows = db.session.execute(query.add_columns(available_in(Comment, language))).all()
        comments = [comment for comment, _match in rows]
        in_language = {comment.id for comment, match in rows if match}
    else:
        comments = db.session.scalars(query).all()
        in_language = None
    hidden = [
        comment.id for comment in comments if comment.moderation_state == ModerationState.HIDDEN
    ]
    hidden_reasons = hiding_reasons(hidden)
    shown = [
        comment
        for comment in comments
        if not comment.is_deleted and comment.moderation_state != ModerationState.HIDDEN
    ]
    stance_counts = {code: 0 for code in Stance.ALL}
    for comment in shown:
        if comment.stance in stance_counts:
            stance_counts[comment.stance] += 1
    count = len(shown)

    if stance not in Stance.ALL:
        stance = None
    if stance or in_language is not None:
        # A filtered view is flat: each matching comment with what it answers.
        by_id = {comment.id: comment for comment in comments}
        nodes = [
            ThreadNode(comment, 0, in_reply_to=by_id.get(comment.parent_id))
            for comment in shown
            if (stance is None or comment.stance == stance)
            and (in_language is None or comment.id in in_language)
        ]
        if newest_first:
            nodes.reverse()
        return Thread(nodes, count, stance, stance_counts, hidden_reasons, language)

    nodes_by_id: dict[int, ThreadNode] = {}
    roots: list[ThreadNode] = []
    for comment in comments:  # oldest first, so a parent is always seen before its replies
        parent = nodes_by_id.get(comment.parent_id) if comment.parent_id else None
        if parent is None:
            node = ThreadNode(comment, 0)
            roots.append(node)
        elif parent.depth + 1 < MAX_DEPTH:
            node = ThreadNode(comment, parent.depth + 1, holder=parent)
            parent.replies.append(node)
        else:
            # Too deep to indent further: shown beside its parent, saying whom it answers.
            node = ThreadNode(
                comment, parent.depth, in_reply_to=parent.comment, holder=parent.holder
            )
            parent.holder.replies.append(node)
        nodes_by_id[comment.id] = node
    if newest_first:
        roots.reverse()
    return Thread(roots, count, None, stance_counts, hidden_reasons)


def hiding_reasons(contribution_ids) -> dict[int, object]:
    """The reason of the latest hiding decision of each contribution (one query)."""
    if not contribution_ids:
        return {}
    from app.moderation.models import REASON_NAMES, ModerationDecision

    rows = db.session.execute(
        select(ModerationDecision.contribution_id, ModerationDecision.reason)
        .where(
            ModerationDecision.contribution_id.in_(list(contribution_ids)),
            ModerationDecision.action.in_(("hide", "auto_hide")),
        )
        .order_by(ModerationDecision.id)
    )
    return {contribution_id: REASON_NAMES.get(reason) for contribution_id, reason in rows}
