"""What participants wrote: proposals, the official answers to them, comments, statements.

Only what anyone may read on the pages: published contributions (never pending, hidden or
rejected) of published or archived consultations (never drafts); comments only on such
proposals. Proposals follow the read API's rule (`app.api.proposals.public_proposals`), imported
when the rows are read (the API's modules import the open-data writers). Authors appear by
display name only, as on the pages, never by e-mail address.

These tables grow large (100,000 proposals, 500,000 comments): rows are selected as plain
columns and read in keyset batches, so a download holds one batch in memory at a time.
"""

from collections.abc import Iterator
from datetime import datetime

from flask_login import AnonymousUserMixin
from sqlalchemy import func, select

from app.accounts.models import User
from app.comments.models import Comment
from app.consultations.models import Consultation
from app.core.i18n import _l
from app.core.models import ModerationState
from app.extensions import db
from app.onsite.models import OnSiteEvent
from app.opendata.datasets.base import Column, ColumnType, Dataset, in_batches, register
from app.organisations.models import Organisation, Statement
from app.organisations.statement_queries import visible_condition
from app.proposals.models import OfficialResponse, Proposal
from app.regions.models import FieldOfAction, Region

PUBLIC_CONSULTATION_STATES = ("published", "archived")


def _public_proposals():
    from app.api.proposals import public_proposals

    return public_proposals()


def _public_proposal_ids():
    """The ids of the proposals anyone may read, as a subquery to join."""
    return _public_proposals().with_only_columns(Proposal.id.label("proposal_id")).subquery()


def _public_among(proposal_ids) -> set[int]:
    """Which of these proposals anyone may read: one indexed look-up per batch, so the batches
    themselves stay plain reads in id order (joining the rule into every batch made the
    database evaluate it anew each time)."""
    ids = sorted(set(proposal_ids))
    if not ids:
        return set()
    return set(
        db.session.scalars(
            _public_proposals().with_only_columns(Proposal.id).where(Proposal.id.in_(ids))
        )
    )


# --- Who wrote it (shared by the contribution datasets) -----------------------------------------

AUTHOR_COLUMNS = (
    Column(
        "author_display_name",
        ColumnType.TEXT,
        _l(
            "Display name of the person who wrote it (for contributions collected on site: who "
            "entered them); empty when the account was deleted."
        ),
    ),
    Column(
        "organisation_id",
        ColumnType.INTEGER,
        _l("The organisation it was written on behalf of (id in organisations); empty if none."),
    ),
    Column("organisation_name", ColumnType.TEXT, _l("Name of that organisation.")),
    Column(
        "on_site_event_name",
        ColumnType.TEXT,
        _l("The on-site event it was collected at; empty when it was written online."),
    ),
    Column("on_site_event_place", ColumnType.TEXT, _l("Place of the on-site event.")),
    Column("on_site_event_held_on", ColumnType.DATE, _l("Day of the on-site event.")),
)


def _with_author(statement, contribution):
    """The statement joined to the author's display name, the organisation and the on-site
    event of `contribution` (a mapped class); selects the AUTHOR_COLUMNS' values."""
    return (
        statement.add_columns(
            User.display_name.label("author_display_name"),
            Organisation.id.label("organisation_id"),
            Organisation.name.label("organisation_name"),
            OnSiteEvent.name.label("on_site_event_name"),
            OnSiteEvent.place.label("on_site_event_place"),
            OnSiteEvent.held_on.label("on_site_event_held_on"),
        )
        .outerjoin(User, User.id == contribution.author_id)
        .outerjoin(Organisation, Organisation.id == contribution.organisation_id)
        .outerjoin(OnSiteEvent, OnSiteEvent.id == contribution.on_site_event_id)
    )


def _author_values(row) -> dict:
    return {
        "author_display_name": row.author_display_name,
        "organisation_id": row.organisation_id,
        "organisation_name": row.organisation_name,
        "on_site_event_name": row.on_site_event_name,
        "on_site_event_place": row.on_site_event_place,
        "on_site_event_held_on": row.on_site_event_held_on,
    }


# --- Proposals --------------------------------------------------------------------------------


def _proposal_rows() -> Iterator[dict]:
    statement = _with_author(
        select(
            Proposal.id.label("id"),
            Proposal.consultation_id,
            Region.slug.label("region_slug"),
            Proposal.title,
            Proposal.body,
            Proposal.language,
            FieldOfAction.slug.label("field_of_action_slug"),
            Proposal.status,
            Proposal.created_at,
            Proposal.edited_at,
            Proposal.votes_for,
            Proposal.votes_against,
            Proposal.comment_count,
        )
        .join(Consultation, Consultation.id == Proposal.consultation_id)
        .join(Region, Region.id == Consultation.region_id)
        .outerjoin(FieldOfAction, FieldOfAction.id == Proposal.field_of_action_id)
        .where(Proposal.moderation_state.in_(ModerationState.VISIBLE)),
        Proposal,
    )
    for batch in in_batches(statement, Proposal.id):
        public = _public_among(row.id for row in batch)
        for row in batch:
            if row.id not in public:
                continue
            yield {
                "id": row.id,
                "consultation_id": row.consultation_id,
                "region_slug": row.region_slug,
                "title": row.title,
                "text": row.body,
                "language": row.language,
                "field_of_action_slug": row.field_of_action_slug,
                "status": row.status,
                **_author_values(row),
                "created_at": row.created_at,
                "edited_at": row.edited_at,
                "votes_for": row.votes_for,
                "votes_against": row.votes_against,
                "comment_count": row.comment_count,
            }


def _proposals_changed() -> datetime | None:
    latest = _public_proposals().with_only_columns(Proposal.updated_at.label("moment")).subquery()
    return db.session.scalar(select(func.max(latest.c.moment)))


register(
    Dataset(
        name="proposals",
        title=_l("Proposals"),
        description=_l(
            "The published proposals of all running and finished consultations: title and text "
            "as written, language, field of action, status, who wrote them (display name, or "
            "the organisation or the on-site event), and the votes and comments they received. "
            "The official answers are in the dataset official_responses."
        ),
        columns=(
            Column("id", ColumnType.INTEGER, _l("Number of the proposal on Mitreden.")),
            Column("consultation_id", ColumnType.INTEGER, _l("The consultation (id).")),
            Column("region_slug", ColumnType.TEXT, _l("The region (short name).")),
            Column("title", ColumnType.TEXT, _l("Title.")),
            Column("text", ColumnType.TEXT, _l("Text as written (a small subset of Markdown).")),
            Column(
                "language",
                ColumnType.TEXT,
                _l("Language code of title and text (de, en, …)."),
            ),
            Column(
                "field_of_action_slug",
                ColumnType.TEXT,
                _l("Field of action (short name); empty when none is given."),
            ),
            Column(
                "status",
                ColumnType.TEXT,
                _l(
                    "submitted, under_review, accepted, partially_accepted, rejected, "
                    "implemented or withdrawn."
                ),
            ),
            *AUTHOR_COLUMNS,
            Column("created_at", ColumnType.DATETIME, _l("When it was submitted.")),
            Column(
                "edited_at",
                ColumnType.DATETIME,
                _l("Last edit by its author; empty when never edited."),
            ),
            Column("votes_for", ColumnType.INTEGER, _l("Votes in favour (or of support).")),
            Column(
                "votes_against",
                ColumnType.INTEGER,
                _l("Votes against (only where votes against are possible)."),
            ),
            Column("comment_count", ColumnType.INTEGER, _l("Published comments.")),
        ),
        rows=_proposal_rows,
        last_changed=_proposals_changed,
    )
)


# --- Official answers -------------------------------------------------------------------------


def _response_rows() -> Iterator[dict]:
    public = _public_proposal_ids()
    statement = select(
        OfficialResponse.id.label("id"),
        OfficialResponse.proposal_id,
        OfficialResponse.status,
        OfficialResponse.body,
        OfficialResponse.created_at,
    ).join(public, public.c.proposal_id == OfficialResponse.proposal_id)
    for batch in in_batches(statement, OfficialResponse.id):
        for row in batch:
            yield {
                "id": row.id,
                "proposal_id": row.proposal_id,
                "status": row.status,
                "text": row.body,
                "answered_at": row.created_at,
            }


def _responses_changed() -> datetime | None:
    public = _public_proposal_ids()
    return db.session.scalar(
        select(func.max(OfficialResponse.created_at)).join(
            public, public.c.proposal_id == OfficialResponse.proposal_id
        )
    )


register(
    Dataset(
        name="official_responses",
        title=_l("Official answers to proposals"),
        description=_l(
            "The region's public, reasoned answers to published proposals. Each answer sets "
            "the proposal's status, so together they are its status history."
        ),
        columns=(
            Column("id", ColumnType.INTEGER, _l("Number of the answer.")),
            Column("proposal_id", ColumnType.INTEGER, _l("The proposal (id in proposals).")),
            Column(
                "status",
                ColumnType.TEXT,
                _l("The status the answer gave the proposal (as in proposals)."),
            ),
            Column("text", ColumnType.TEXT, _l("Text of the answer (Markdown).")),
            Column("answered_at", ColumnType.DATETIME, _l("When it was published.")),
        ),
        rows=_response_rows,
        last_changed=_responses_changed,
    )
)


# --- Comments ---------------------------------------------------------------------------------


def _public_comments():
    """Published comments on proposals anyone may read."""
    public = _public_proposal_ids()
    return (
        select(Comment.id.label("id"))
        .join(public, public.c.proposal_id == Comment.proposal_id)
        .where(Comment.moderation_state.in_(ModerationState.VISIBLE))
    )


def _comment_rows() -> Iterator[dict]:
    statement = _with_author(
        select(Comment.id.label("id"))
        .where(Comment.moderation_state.in_(ModerationState.VISIBLE))
        .add_columns(
            Comment.proposal_id,
            Comment.consultation_id,
            Comment.parent_id,
            Comment.body,
            Comment.language,
            Comment.stance,
            Comment.deleted_at,
            Comment.created_at,
            Comment.edited_at,
        ),
        Comment,
    )
    for batch in in_batches(statement, Comment.id):
        public = _public_among(row.proposal_id for row in batch)
        for row in batch:
            if row.proposal_id not in public:
                continue
            # Removed by its author: the place in the thread stays, the text does not (as on
            # the page, which shows neither its stance nor that it was edited).
            removed = row.deleted_at is not None
            yield {
                "id": row.id,
                "proposal_id": row.proposal_id,
                "consultation_id": row.consultation_id,
                "parent_id": row.parent_id,
                "text": "" if removed else row.body,
                "removed": removed,
                "language": row.language,
                "stance": None if removed else row.stance,
                **_author_values(row),
                "created_at": row.created_at,
                "edited_at": None if removed else row.edited_at,
            }


def _comments_changed() -> datetime | None:
    latest = _public_comments().add_columns(Comment.updated_at.label("moment")).subquery()
    return db.session.scalar(select(func.max(latest.c.moment)))


register(
    Dataset(
        name="comments",
        title=_l("Comments"),
        description=_l(
            "The published comments on published proposals, oldest first; parent_id builds "
            "the threads. The text of a comment its author removed is empty."
        ),
        columns=(
            Column("id", ColumnType.INTEGER, _l("Number of the comment on Mitreden.")),
            Column("proposal_id", ColumnType.INTEGER, _l("The proposal (id in proposals).")),
            Column("consultation_id", ColumnType.INTEGER, _l("The consultation (id).")),
            Column(
                "parent_id",
                ColumnType.INTEGER,
                _l(
                    "The comment it answers; empty for a comment on the proposal itself. It may "
                    "be missing from the file when moderation hid it."
                ),
            ),
            Column(
                "text",
                ColumnType.TEXT,
                _l("Text as written (a small subset of Markdown); empty when removed."),
            ),
            Column(
                "removed",
                ColumnType.BOOLEAN,
                _l("true when its author removed the comment."),
            ),
            Column("language", ColumnType.TEXT, _l("Language code of the text.")),
            Column(
                "stance",
                ColumnType.TEXT,
                _l("in_favour, against or neutral; empty when none was given."),
            ),
            *AUTHOR_COLUMNS,
            Column("created_at", ColumnType.DATETIME, _l("When it was written.")),
            Column(
                "edited_at",
                ColumnType.DATETIME,
                _l("Last edit by its author; empty when never edited."),
            ),
        ),
        rows=_comment_rows,
        last_changed=_comments_changed,
    )
)


# --- Statements of organisations --------------------------------------------------------------


def _public_statements():
    """Published statements (as an anonymous visitor sees them) of public consultations."""
    return (
        select(Statement.id.label("id"))
        .join(Consultation, Consultation.id == Statement.consultation_id)
        .where(
            visible_condition(AnonymousUserMixin()),
            Consultation.state.in_(PUBLIC_CONSULTATION_STATES),
        )
    )


def _statement_rows() -> Iterator[dict]:
    statement = _with_author(
        _public_statements()
        .add_columns(
            Statement.consultation_id,
            Region.slug.label("region_slug"),
            Statement.title,
            Statement.body,
            Statement.language,
            Statement.created_at,
            Statement.edited_at,
        )
        .join(Region, Region.id == Consultation.region_id),
        Statement,
    )
    for batch in in_batches(statement, Statement.id):
        for row in batch:
            yield {
                "id": row.id,
                "consultation_id": row.consultation_id,
                "region_slug": row.region_slug,
                "organisation_id": row.organisation_id,
                "organisation_name": row.organisation_name,
                "title": row.title,
                "text": row.body,
                "language": row.language,
                "author_display_name": row.author_display_name,
                "created_at": row.created_at,
                "edited_at": row.edited_at,
            }


def _statements_changed() -> datetime | None:
    latest = _public_statements().add_columns(Statement.updated_at.label("moment")).subquery()
    return db.session.scalar(select(func.max(latest.c.moment)))


register(
    Dataset(
        name="statements",
        title=_l("Statements of organisations"),
        description=_l(
            "The published statements (Stellungnahmen) that organisations gave on running and "
            "finished consultations: one per organisation and consultation."
        ),
        columns=(
            Column("id", ColumnType.INTEGER, _l("Number of the statement on Mitreden.")),
            Column("consultation_id", ColumnType.INTEGER, _l("The consultation (id).")),
            Column("region_slug", ColumnType.TEXT, _l("The region (short name).")),
            Column(
                "organisation_id",
                ColumnType.INTEGER,
                _l("The organisation that gives it (id in organisations)."),
            ),
            Column("organisation_name", ColumnType.TEXT, _l("Name of the organisation.")),
            Column("title", ColumnType.TEXT, _l("Title.")),
            Column("text", ColumnType.TEXT, _l("Text as written (Markdown).")),
            Column("language", ColumnType.TEXT, _l("Language code of title and text.")),
            Column(
                "author_display_name",
                ColumnType.TEXT,
                _l("Display name of the member who wrote it; empty when the account was deleted."),
            ),
            Column("created_at", ColumnType.DATETIME, _l("When it was published.")),
            Column(
                "edited_at",
                ColumnType.DATETIME,
                _l("Last edit; empty when never edited."),
            ),
        ),
        rows=_statement_rows,
        last_changed=_statements_changed,
    )
)
