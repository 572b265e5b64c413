"""Reading action concepts: versions a visitor may open, the document structure per field of
action, comments on a draft under discussion, traceability from a proposal, export rows."""

from dataclasses import dataclass, field

from flask import abort
from sqlalchemy import and_, or_
from sqlalchemy.orm import lazyload, noload

from app.concepts.models import (
    ConceptComment,
    ConceptItem,
    ConceptVersion,
    VersionState,
    measure_proposals,
)
from app.consultations.models import Consultation
from app.core.models import ModerationState
from app.core.permissions import can
from app.extensions import db
from app.projects.models import ProjectApproach, project_proposals
from app.proposals.models import Proposal
from app.regions.models import FieldOfAction, Region

LICENCE_NAME = "Datenlizenz Deutschland – Namensnennung 2.0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"

# The columns of the CSV export, in this order; their names never change.
CSV_COLUMNS = (
    "region",
    "version",
    "valid_from",
    "field_of_action",
    "goal_key",
    "goal",
    "item_key",
    "kind",
    "title",
    "description",
    "responsible",
    "timeframe",
    "status",
    "proposal_ids",
    "project_ids",
)


# --- versions ----------------------------------------------------------------------------------


def may_see(user, version: ConceptVersion) -> bool:
    """Published versions are public; the draft only for those who may edit the concept."""
    return not version.is_draft or can(user, "concept.edit", version)


def version_or_404(region: Region, number: int, user) -> ConceptVersion:
    if not 0 < number < 2**31:
        abort(404)  # no such version; larger numbers (from the query string) overflow the database
    version = db.session.scalar(
        db.select(ConceptVersion).where(
            ConceptVersion.region_id == region.id, ConceptVersion.number == number
        )
    )
    if version is None or not may_see(user, version):
        abort(404)
    return version


def published_versions(region: Region) -> list[ConceptVersion]:
    """The published versions, newest first."""
    return list(
        db.session.scalars(
            db.select(ConceptVersion)
            .where(
                ConceptVersion.region_id == region.id,
                ConceptVersion.state == VersionState.PUBLISHED,
            )
            .order_by(ConceptVersion.number.desc())
        ).all()
    )


def previous_published(version: ConceptVersion) -> ConceptVersion | None:
    """The published version before `version` (for a draft: the current version)."""
    return db.session.scalar(
        db.select(ConceptVersion)
        .where(
            ConceptVersion.region_id == version.region_id,
            ConceptVersion.state == VersionState.PUBLISHED,
            ConceptVersion.number < version.number,
        )
        .order_by(ConceptVersion.number.desc())
        .limit(1)
    )


def item_of_region_or_404(region: Region, item_id: int) -> ConceptItem:
    item = db.get_or_404(ConceptItem, item_id)
    if item.version.region_id != region.id:
        abort(404)
    return item


# --- the document ------------------------------------------------------------------------------


@dataclass
class GoalBlock:
    goal: ConceptItem
    measures: list[ConceptItem] = field(default_factory=list)


@dataclass
class FieldBlock:
    field_of_action: FieldOfAction
    goals: list[GoalBlock] = field(default_factory=list)


def _order(item: ConceptItem):
    return (item.position, item.id)


def structure(version: ConceptVersion) -> list[FieldBlock]:
    """The version as a document: per field of action (in the catalogue's order) its goals,
    each with its measures, both by position. Uses the items already loaded with the version."""
    goals = sorted((item for item in version.items if item.is_goal), key=_order)
    measures: dict[int, list[ConceptItem]] = {}
    for item in version.items:
        if not item.is_goal:
            measures.setdefault(item.goal_id, []).append(item)
    blocks: dict[int, FieldBlock] = {}
    for goal in goals:
        block = blocks.setdefault(goal.field_of_action_id, FieldBlock(goal.field_of_action))
        block.goals.append(GoalBlock(goal, sorted(measures.get(goal.id, []), key=_order)))
    return sorted(
        blocks.values(),
        key=lambda block: (block.field_of_action.position, block.field_of_action.id),
    )


def visible_proposals(item: ConceptItem) -> list[Proposal]:
    """The linked proposals a reader may follow (a proposal hidden since is left out)."""
    return [
        proposal
        for proposal in item.proposals
        if proposal.moderation_state == ModerationState.PUBLISHED
    ]


def fields_for_goals(region: Region) -> list[FieldOfAction]:
    """The fields a goal can be filed under: the region's own, else every active field."""
    if region.fields_of_action:
        return list(region.fields_of_action)
    return list(
        db.session.scalars(
            db.select(FieldOfAction)
            .where(FieldOfAction.is_active.is_(True))
            .order_by(FieldOfAction.position, FieldOfAction.id)
        ).all()
    )


def linkable_proposals(region: Region) -> list[Proposal]:
    """Published proposals of the region's consultations, grouped by consultation."""
    return list(
        db.session.scalars(
            db.select(Proposal)
            .join(Consultation, Consultation.id == Proposal.consultation_id)
            .where(
                Consultation.region_id == region.id,
                Proposal.moderation_state == ModerationState.PUBLISHED,
            )
            .order_by(Consultation.id.desc(), Proposal.title, Proposal.id)
        ).all()
    )


def linkable_projects(region: Region) -> list[ProjectApproach]:
    return list(
        db.session.scalars(
            db.select(ProjectApproach)
            .where(ProjectApproach.region_id == region.id)
            .order_by(ProjectApproach.title, ProjectApproach.id)
        ).all()
    )


# --- traceability ------------------------------------------------------------------------------


def measures_taking_up(proposal: Proposal, region_id: int) -> list[ConceptItem]:
    """The measures of the region's current concept that take up `proposal` (one query)."""
    current = (
        db.select(ConceptVersion.id)
        .where(
            ConceptVersion.region_id == region_id,
            ConceptVersion.state == VersionState.PUBLISHED,
        )
        .order_by(ConceptVersion.number.desc())
        .limit(1)
        .scalar_subquery()
    )
    return list(
        db.session.scalars(
            db.select(ConceptItem)
            .join(measure_proposals, measure_proposals.c.item_id == ConceptItem.id)
            .where(
                measure_proposals.c.proposal_id == proposal.id,
                ConceptItem.version_id == current,
            )
            .options(noload(ConceptItem.proposals), noload(ConceptItem.projects))
            .order_by(ConceptItem.position, ConceptItem.id)
        ).all()
    )


def projects_from(proposal: Proposal) -> list[ProjectApproach]:
    """The projects that came from `proposal` (as projects.queries.projects_from_proposal),
    in one query: their partners, fundings and proposals load only if someone asks."""
    return list(
        db.session.scalars(
            db.select(ProjectApproach)
            .join(project_proposals, project_proposals.c.project_id == ProjectApproach.id)
            .where(project_proposals.c.proposal_id == proposal.id)
            .options(
                lazyload(ProjectApproach.partners),
                lazyload(ProjectApproach.fundings),
                lazyload(ProjectApproach.proposals),
            )
            .order_by(ProjectApproach.title)
        ).all()
    )


# --- comments on a draft under discussion ------------------------------------------------------


def consultations_offering(version: ConceptVersion) -> list[Consultation]:
    """The consultations that put this version up for comment, newest first."""
    return list(
        db.session.scalars(
            db.select(Consultation)
            .where(Consultation.concept_version_id == version.id)
            .order_by(Consultation.id.desc())
        ).all()
    )


def comment_counts(version: ConceptVersion) -> dict[int, int]:
    """{item id: number of published comments} on the items of `version` (one query)."""
    rows = db.session.execute(
        db.select(ConceptComment.item_id, db.func.count(ConceptComment.id))
        .join(ConceptItem, ConceptItem.id == ConceptComment.item_id)
        .where(
            ConceptItem.version_id == version.id,
            ConceptComment.moderation_state == ModerationState.PUBLISHED,
        )
        .group_by(ConceptComment.item_id)
    ).all()
    return dict(rows)


def concept_comments(consultation: Consultation, user) -> dict[int, list[ConceptComment]]:
    """{item id: comments}, oldest first: published and hidden ones (shown as placeholders),
    plus the viewer's own that wait for review."""
    visible = ConceptComment.moderation_state.in_(
        (*ModerationState.VISIBLE, ModerationState.HIDDEN)
    )
    if getattr(user, "is_authenticated", False):
        visible = or_(
            visible,
            and_(
                ConceptComment.author_id == user.id,
                ConceptComment.moderation_state == ModerationState.PENDING,
            ),
        )
    comments = db.session.scalars(
        db.select(ConceptComment)
        .where(ConceptComment.consultation_id == consultation.id, visible)
        .order_by(ConceptComment.created_at, ConceptComment.id)
    ).all()
    by_item: dict[int, list[ConceptComment]] = {}
    for comment in comments:
        by_item.setdefault(comment.item_id, []).append(comment)
    return by_item


# --- export ------------------------------------------------------------------------------------


def csv_rows(version: ConceptVersion) -> list[dict]:
    """One row per goal and measure, in document order; texts as stored (the route makes
    them safe for spreadsheets)."""
    rows = []
    region = version.region.slug
    valid_from = version.valid_from.isoformat() if version.valid_from else ""
    for block in structure(version):
        for goal_block in block.goals:
            goal = goal_block.goal
            for item in [goal, *goal_block.measures]:
                rows.append(
                    {
                        "region": region,
                        "version": version.number,
                        "valid_from": valid_from,
                        "field_of_action": block.field_of_action.slug,
                        "goal_key": goal.key,
                        "goal": goal.title,
                        "item_key": item.key,
                        "kind": item.kind,
                        "title": item.title,
                        "description": item.description,
                        "responsible": item.responsible,
                        "timeframe": item.timeframe,
                        "status": item.status or "",
                        "proposal_ids": " ".join(
                            str(proposal.id)
                            for proposal in sorted(visible_proposals(item), key=lambda p: p.id)
                        ),
                        "project_ids": " ".join(
                            str(project.id) for project in sorted(item.projects, key=lambda p: p.id)
                        ),
                    }
                )
    return rows
