"""Statements of organisations: the published ones of public consultations, as a visitor who is
not signed in sees them on the consultation pages."""

from flask import url_for
from flask_login import AnonymousUserMixin
from pydantic import Field
from sqlalchemy import select

from app.api.listing import ListQuery, Page, first_or_404, page_of
from app.api.models import MAX_ID, Author, OrganisationRef, Schema, UtcDateTime
from app.api.pagination import Order, fetch_page
from app.api.proposals import PUBLIC_CONSULTATION_STATES
from app.api.spec import endpoint
from app.consultations.models import Consultation
from app.core.models import Contribution
from app.extensions import db
from app.organisations.models import Statement
from app.organisations.statement_queries import visible_condition
from app.regions.models import Region

TAG = "Statements"
NEWEST_FIRST = Order("newest", (Contribution.id,), descending=True)


class StatementQuery(ListQuery):
    consultation: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="A consultation's id."
    )
    organisation: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="An organisation's id."
    )
    region: str | None = Field(
        default=None, max_length=60, description="The slug of the consultation's region."
    )


class StatementOut(Schema):
    id: int
    consultation_id: int
    organisation: OrganisationRef | None = Field(
        description="The organisation it speaks for (`verified` is false when its verification "
        "was withdrawn later); null when the organisation was removed."
    )
    title: str
    text: str = Field(description="The text as written (a small Markdown subset).")
    language: str = Field(description="The language it was written in.")
    author: Author
    created_at: UtcDateTime
    edited_at: UtcDateTime | None
    url: str = Field(description="The statement's page on the site.")

    @classmethod
    def of(cls, statement: Statement) -> "StatementOut":
        author = Author.of(statement)
        return cls(
            id=statement.id,
            consultation_id=statement.consultation_id,
            organisation=author.organisation,
            title=statement.title,
            text=statement.body,
            language=statement.language,
            author=author,
            created_at=statement.created_at,
            edited_at=statement.edited_at,
            url=url_for(
                "statements.detail",
                consultation_id=statement.consultation_id,
                statement_id=statement.id,
                _external=True,
            ),
        )


class StatementPage(Page[StatementOut]):
    pass


def public_statements():
    """Statements anyone may read: what the consultation page shows a visitor who is not signed
    in (published), in a published or archived consultation."""
    return (
        select(Statement)
        .join(Consultation, Consultation.id == Statement.consultation_id)
        .where(
            Statement.kind == "statement",
            visible_condition(AnonymousUserMixin()),
            Consultation.state.in_(PUBLIC_CONSULTATION_STATES),
        )
    )


def _filtered(query, filters: StatementQuery):
    if filters.consultation:
        query = query.where(Statement.consultation_id == filters.consultation)
    if filters.organisation:
        query = query.where(Statement.organisation_id == filters.organisation)
    if filters.region:
        query = query.join(Region, Region.id == Consultation.region_id).where(
            Region.slug == filters.region
        )
    return query


@endpoint(
    "/statements",
    tag=TAG,
    summary="Published statements of organisations",
    description="Newest first; across all public consultations, or filtered by consultation, "
    "organisation and region.",
    query=StatementQuery,
    response=StatementPage,
    paginated=True,
)
def statements(query: StatementQuery):
    window = fetch_page(
        db.session,
        _filtered(public_statements(), query),
        NEWEST_FIRST,
        query.limit,
        query.cursor,
        lambda statement: (statement.id,),
    )
    items = [StatementOut.of(statement) for statement in window.items]
    return page_of(StatementPage, items, window, query.limit)


@endpoint(
    "/statements/<int:statement_id>",
    tag=TAG,
    summary="One published statement",
    response=StatementOut,
)
def statement(statement_id: int):
    found = first_or_404(public_statements().where(Statement.id == statement_id))
    return StatementOut.of(found)
