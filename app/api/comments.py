"""Comments on a published proposal: the published ones, oldest first (a thread's order)."""

from typing import Literal

from flask import url_for
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import defaultload

from app.api.listing import ListQuery, Page, page_of
from app.api.models import Author, Schema, UtcDateTime
from app.api.pagination import Order, fetch_page
from app.api.proposals import TAG, public_proposal_or_404
from app.api.spec import endpoint
from app.comments.models import Comment
from app.core.models import ModerationState
from app.extensions import db

OLDEST_FIRST = Order("oldest", (Comment.id,), descending=False)


class CommentQuery(ListQuery):
    pass


class CommentOut(Schema):
    id: int
    proposal_id: int
    parent_id: int | None = Field(
        description="The comment it answers. It may be missing from the list when it was hidden "
        "by moderation."
    )
    text: str | None = Field(description="The text as written; null when its author removed it.")
    language: str
    stance: Literal["in_favour", "against", "neutral"] | None
    author: Author
    created_at: UtcDateTime
    edited_at: UtcDateTime | None
    url: str = Field(description="The comment on the proposal's page.")

    @classmethod
    def of(cls, comment: Comment, consultation_id: int) -> "CommentOut":
        removed = comment.deleted_at is not None
        return cls(
            id=comment.id,
            proposal_id=comment.proposal_id,
            parent_id=comment.parent_id,
            text=None if removed else comment.body,
            language=comment.language,
            stance=comment.stance,
            author=Author.of(comment),
            created_at=comment.created_at,
            edited_at=comment.edited_at,
            url=url_for(
                "proposals.detail",
                consultation_id=consultation_id,
                proposal_id=comment.proposal_id,
                _external=True,
                _anchor=f"comment-{comment.id}",
            ),
        )


class CommentPage(Page[CommentOut]):
    pass


@endpoint(
    "/proposals/<int:proposal_id>/comments",
    tag=TAG,
    summary="The published comments on a proposal",
    description="Oldest first; `parent_id` builds the thread.",
    query=CommentQuery,
    response=CommentPage,
    paginated=True,
)
def proposal_comments(proposal_id: int, query: CommentQuery):
    proposal = public_proposal_or_404(proposal_id)
    statement = (
        select(Comment)
        .where(
            Comment.proposal_id == proposal.id,
            Comment.moderation_state.in_(ModerationState.VISIBLE),
        )
        .options(  # the writers' roles and the organisations' regions are not shown
            defaultload(Comment.author).lazyload("*"),
            defaultload(Comment.organisation).lazyload("*"),
        )
    )
    window = fetch_page(
        db.session, statement, OLDEST_FIRST, query.limit, query.cursor, lambda c: (c.id,)
    )
    items = [CommentOut.of(comment, proposal.consultation_id) for comment in window.items]
    return page_of(CommentPage, items, window, query.limit)
