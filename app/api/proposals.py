"""Proposals: the published ones of public consultations, filtered as on the pages."""

from typing import Literal

from flask import url_for
from flask_login import AnonymousUserMixin
from pydantic import Field
from sqlalchemy import exists, literal, select
from sqlalchemy.orm import defaultload, selectinload

from app.api.listing import ListQuery, Page, first_or_404, page_of
from app.api.models import MAX_ID, Author, Schema, UtcDateTime
from app.api.pagination import (
    Order,
    Window,
    after,
    decode_cursor,
    encode_cursor,
    fetch_page,
    ordering,
)
from app.api.spec import endpoint
from app.consultations.models import Consultation
from app.core.models import Contribution
from app.extensions import db
from app.multilingual.queries import available_in
from app.proposals import search
from app.proposals.models import OfficialResponse, Proposal, ProposalStatus
from app.proposals.queries import visible_condition
from app.regions.models import FieldOfAction, Region
from config import LANGUAGES

TAG = "Proposals"
PUBLIC_CONSULTATION_STATES = ("published", "archived")
ANONYMOUS = AnonymousUserMixin()
Language = Literal[LANGUAGES]
Status = Literal[ProposalStatus.ALL]

ORDERS = {
    "newest": Order("newest", (Contribution.id,), descending=True),
    "oldest": Order("oldest", (Contribution.id,), descending=False),
    # By the proposals table's own id, the second column of ix_proposals_support and
    # ix_proposals_discussion (the same value as the contribution's id).
    "most_supported": Order(
        "most_supported",
        (Proposal.votes_for - Proposal.votes_against, Proposal.__table__.c.id),
        True,
    ),
    "most_discussed": Order(
        "most_discussed", (Proposal.comment_count, Proposal.__table__.c.id), True
    ),
}
# The orders on the proposals table alone, for lists across consultations (see
# _page_from_proposals_table).
_LISTED = Proposal.__table__.alias("listed")
ACROSS_CONSULTATIONS = {
    "newest": Order("newest", (_LISTED.c.id,), descending=True),
    "oldest": Order("oldest", (_LISTED.c.id,), descending=False),
    "most_supported": Order(
        "most_supported", (_LISTED.c.votes_for - _LISTED.c.votes_against, _LISTED.c.id), True
    ),
    "most_discussed": Order("most_discussed", (_LISTED.c.comment_count, _LISTED.c.id), True),
}
SORT_KEYS = {
    "newest": lambda proposal: (proposal.id,),
    "oldest": lambda proposal: (proposal.id,),
    "most_supported": lambda proposal: (proposal.score, proposal.id),
    "most_discussed": lambda proposal: (proposal.comment_count, proposal.id),
}


class ProposalQuery(ListQuery):
    consultation: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="A consultation's id."
    )
    region: str | None = Field(default=None, max_length=60, description="A region's slug.")
    field: str | None = Field(default=None, max_length=60, description="A field of action's slug.")
    status: Status | None = Field(default=None, description="The answer status.")
    language: Language | None = Field(
        default=None,
        description="Available in this language: written in it or with a published translation.",
    )
    answered: Literal["yes", "no"] | None = Field(
        default=None, description="With (yes) or without (no) an official answer."
    )
    q: str | None = Field(
        default=None, max_length=200, description="Words to search in the title and text."
    )
    sort: Literal["newest", "oldest", "most_supported", "most_discussed"] = Field(
        default="newest",
        description="`newest` and `oldest`: by submission; `most_supported`: support minus "
        "rejection; `most_discussed`: comments. New proposals never disturb a paging by "
        "`newest` or `oldest`; the other orders follow votes and comments as they come in.",
    )


class OfficialResponseOut(Schema):
    status: str = Field(description="The status the answer gave the proposal.")
    text: str
    answered_at: UtcDateTime


class ProposalOut(Schema):
    id: int
    consultation_id: int
    region: str = Field(description="The region's slug.")
    title: str
    text: str = Field(description="The text as written (a small Markdown subset).")
    language: str = Field(description="The language it was written in.")
    field_of_action: str | None = Field(description="The field of action's slug.")
    status: Status
    author: Author
    created_at: UtcDateTime
    edited_at: UtcDateTime | None
    votes_for: int
    votes_against: int
    comment_count: int
    official_responses: list[OfficialResponseOut] = Field(description="Oldest first.")
    url: str = Field(description="The proposal's page on the site.")
    comments: str = Field(description="The API address of its comments.")

    @classmethod
    def of(cls, proposal: Proposal) -> "ProposalOut":
        return cls(
            id=proposal.id,
            consultation_id=proposal.consultation_id,
            region=proposal.consultation.region.slug,
            title=proposal.title,
            text=proposal.body,
            language=proposal.language,
            field_of_action=proposal.field_of_action.slug if proposal.field_of_action else None,
            status=proposal.status,
            author=Author.of(proposal),
            created_at=proposal.created_at,
            edited_at=proposal.edited_at,
            votes_for=proposal.votes_for,
            votes_against=proposal.votes_against,
            comment_count=proposal.comment_count,
            official_responses=[
                OfficialResponseOut(
                    status=response.status, text=response.body, answered_at=response.created_at
                )
                for response in proposal.responses
            ],
            url=url_for(
                "proposals.detail",
                consultation_id=proposal.consultation_id,
                proposal_id=proposal.id,
                _external=True,
            ),
            comments=url_for("api.proposal_comments", proposal_id=proposal.id, _external=True),
        )


class ProposalPage(Page[ProposalOut]):
    pass


def public_consultation_ids():
    return select(Consultation.id).where(Consultation.state.in_(PUBLIC_CONSULTATION_STATES))


def public_proposals():
    """Proposals anyone may read: published, in a published or archived consultation.

    The consultation's state is a condition on the proposal (IN a subquery) rather than a join,
    and so are the filters below: the proposals stay the outer loop of the plan, and an index in
    the list's order gives the pages without sorting.
    """
    return select(Proposal).where(
        # Said outright (the join to the proposals table implies it), so an index on
        # (consultation, kind, state, id) gives a consultation's proposals in id order.
        Contribution.kind == "proposal",
        visible_condition(ANONYMOUS),  # the proposal pages' rule, for a visitor
        Proposal.consultation_id.in_(public_consultation_ids()),
    )


def _filtered(query, filters: ProposalQuery):
    if filters.consultation:
        query = query.where(Proposal.consultation_id == filters.consultation)
    if filters.region:
        in_region = select(Consultation.id).join(Region, Region.id == Consultation.region_id)
        query = query.where(
            Proposal.consultation_id.in_(in_region.where(Region.slug == filters.region))
        )
    if filters.field:
        field_ids = select(FieldOfAction.id).where(FieldOfAction.slug == filters.field)
        query = query.where(Proposal.field_of_action_id.in_(field_ids))
    if filters.status:
        query = query.where(Proposal.status == filters.status)
    if filters.language:
        query = query.where(available_in(Proposal, filters.language))
    if filters.answered:
        answered = exists().where(OfficialResponse.proposal_id == Proposal.id)
        query = query.where(answered if filters.answered == "yes" else ~answered)
    if filters.q and filters.q.strip():
        condition = search.matching_condition(filters.q.strip())
        if condition is not None:
            query = query.where(condition)
    return query


# What a page of proposals shows, each in one statement for the whole page; the writers' roles
# and memberships, the organisations' regions and fields, the answers' writers and the
# consultations' phases, which the models load eagerly for the pages, are not shown here.
NOT_SHOWN = (
    defaultload(Proposal.author).lazyload("*"),
    defaultload(Proposal.organisation).lazyload("*"),
)
PAGE_LOADING = (
    *NOT_SHOWN,
    selectinload(Proposal.responses).lazyload("*"),
    selectinload(Proposal.consultation).joinedload(Consultation.region).lazyload("*"),
    defaultload(Proposal.consultation).lazyload(Consultation.phases),
)


@endpoint(
    "/proposals",
    tag=TAG,
    summary="Published proposals",
    description="Across all public consultations, or filtered by consultation, region, field "
    "of action, status, language, answer and search words.",
    query=ProposalQuery,
    response=ProposalPage,
    paginated=True,
)
def proposals(query: ProposalQuery):
    statement = _filtered(public_proposals(), query)
    order, key_of = ORDERS[query.sort], SORT_KEYS[query.sort]
    if not query.consultation:
        window = _page_from_proposals_table(statement, order, query.limit, query.cursor)
    else:
        statement = statement.options(*PAGE_LOADING)
        window = fetch_page(db.session, statement, order, query.limit, query.cursor, key_of)
    return page_of(
        ProposalPage, [ProposalOut.of(item) for item in window.items], window, query.limit
    )


def _page_from_proposals_table(statement, order: Order, limit: int, cursor: str | None) -> Window:
    """A page across consultations, in one statement: the proposals whose ids a subquery finds.

    The subquery reads the proposals table alone, walked in the order's index (its primary key,
    ix_proposals_support or ix_proposals_discussion), checks each against the list's conditions
    (an EXISTS on that proposal) and stops after one page. Walking the contributions instead
    would pass every comment between two proposals, and joined to them SQLite's planner would
    rather sort every proposal for a page by support. The page is put in order here, by the
    same key.
    """
    listed = ACROSS_CONSULTATIONS[order.name]
    table = listed.columns[-1].table
    matching = statement.with_only_columns(literal(1), maintain_column_froms=True).where(
        Contribution.id == table.c.id
    )
    ids = select(table.c.id).where(matching.exists())
    if cursor:
        ids = ids.where(after(listed, decode_cursor(cursor, listed)))
    ids = ids.order_by(*ordering(listed)).limit(limit + 1).scalar_subquery()
    loaded = db.session.scalars(
        select(Proposal).where(Proposal.id.in_(ids)).options(*PAGE_LOADING)
    ).unique()
    key_of = SORT_KEYS[order.name]
    rows = sorted(loaded, key=key_of, reverse=order.descending)
    items = rows[:limit]
    next_cursor = encode_cursor(listed, key_of(items[-1])) if len(rows) > limit else None
    return Window(items=items, next_cursor=next_cursor)


def public_proposal_or_404(proposal_id: int) -> Proposal:
    return first_or_404(public_proposals().where(Proposal.id == proposal_id).options(*NOT_SHOWN))


@endpoint(
    "/proposals/<int:proposal_id>", tag=TAG, summary="One published proposal", response=ProposalOut
)
def proposal(proposal_id: int):
    return ProposalOut.of(public_proposal_or_404(proposal_id))
