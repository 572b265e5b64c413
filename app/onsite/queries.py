"""Reading on-site events: the coordination's list, one event with what was collected there,
and the consultation page's one-line summary. Each runs a fixed number of SQL statements."""

from dataclasses import dataclass

from flask import abort
from sqlalchemy import distinct, func, select
from sqlalchemy.orm import joinedload

from app.comments.models import Comment
from app.core.models import Contribution, ModerationState
from app.extensions import db
from app.onsite.models import OnSiteEvent
from app.proposals.models import Proposal, ProposalStatus


@dataclass
class EventRow:
    event: OnSiteEvent
    contributions: int


@dataclass
class OnSiteSummary:
    contributions: int
    events: int


def event_or_404(consultation, event_id: int) -> OnSiteEvent:
    event = db.session.scalar(
        select(OnSiteEvent).where(
            OnSiteEvent.id == event_id, OnSiteEvent.consultation_id == consultation.id
        )
    )
    if event is None:
        abort(404)
    return event


def events_of(consultation) -> list[EventRow]:
    """The consultation's events, latest first, each with its number of contributions (all
    states: the coordination entered them) — one statement."""
    counts = (
        select(Contribution.on_site_event_id, func.count(Contribution.id).label("number"))
        .where(
            Contribution.consultation_id == consultation.id,
            Contribution.on_site_event_id.is_not(None),
        )
        .group_by(Contribution.on_site_event_id)
        .subquery()
    )
    rows = db.session.execute(
        select(OnSiteEvent, func.coalesce(counts.c.number, 0))
        .outerjoin(counts, counts.c.on_site_event_id == OnSiteEvent.id)
        .where(OnSiteEvent.consultation_id == consultation.id)
        .order_by(OnSiteEvent.held_on.desc(), OnSiteEvent.id.desc())
    )
    return [EventRow(event, number) for event, number in rows]


def recorded_proposals(event: OnSiteEvent) -> list[Proposal]:
    return list(
        db.session.scalars(
            select(Proposal)
            .where(Proposal.on_site_event_id == event.id)
            .order_by(Proposal.created_at.desc(), Proposal.id.desc())
        )
    )


def recorded_comments(event: OnSiteEvent) -> list[Comment]:
    return list(
        db.session.scalars(
            select(Comment)
            .where(Comment.on_site_event_id == event.id)
            .options(joinedload(Comment.proposal))
            .order_by(Comment.created_at.desc(), Comment.id.desc())
        ).unique()
    )


def proposals_to_comment_on(consultation) -> list[Proposal]:
    """Published, not withdrawn proposals of the consultation, by title (for the select)."""
    return list(
        db.session.scalars(
            select(Proposal)
            .where(
                Proposal.consultation_id == consultation.id,
                Proposal.moderation_state.in_(ModerationState.VISIBLE),
                Proposal.status != ProposalStatus.WITHDRAWN,
            )
            .order_by(Proposal.title, Proposal.id)
        )
    )


def on_site_summary(consultation) -> OnSiteSummary:
    """How many published contributions were collected on site, at how many events (one
    statement; translations are not contributions of their own here)."""
    comments = Comment.__table__
    contributions, events = db.session.execute(
        select(func.count(Contribution.id), func.count(distinct(Contribution.on_site_event_id)))
        .outerjoin(comments, comments.c.id == Contribution.id)
        .where(
            Contribution.consultation_id == consultation.id,
            # Through the consultation's events (a few rows), not its contributions (many).
            Contribution.on_site_event_id.in_(
                select(OnSiteEvent.id).where(OnSiteEvent.consultation_id == consultation.id)
            ),
            Contribution.moderation_state.in_(ModerationState.VISIBLE),
            Contribution.translation_of_id.is_(None),
            comments.c.deleted_at.is_(None),  # a comment its author removed no longer counts
        )
    ).one()
    return OnSiteSummary(contributions=contributions, events=events)
