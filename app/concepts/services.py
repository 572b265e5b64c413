"""Working on a region's action concept: draft, goals and measures, publish; comments on a
draft put up for comment in a consultation."""

from dataclasses import dataclass, field

from app.comments.models import Stance
from app.concepts.models import (
    ConceptComment,
    ConceptItem,
    ConceptVersion,
    ItemKind,
    MeasureStatus,
    VersionState,
    new_key,
)
from app.consultations.models import Consultation
from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.core.i18n import _, is_supported
from app.core.locking import insert_unique
from app.core.permissions import require
from app.extensions import db
from app.moderation.abuse import check_new_text
from app.notifications import events
from app.organisations.services import speaking_for
from app.projects.models import ProjectApproach
from app.proposals.models import Proposal
from app.regions.models import FieldOfAction, Region


def versions_of(region: Region) -> list[ConceptVersion]:
    return list(
        db.session.scalars(
            db.select(ConceptVersion)
            .where(ConceptVersion.region_id == region.id)
            .order_by(ConceptVersion.number.desc())
        ).all()
    )


def current_version(region: Region) -> ConceptVersion | None:
    """The latest published version: what the region's concept says now."""
    return db.session.scalar(
        db.select(ConceptVersion)
        .where(
            ConceptVersion.region_id == region.id,
            ConceptVersion.state == VersionState.PUBLISHED,
        )
        .order_by(ConceptVersion.number.desc())
        .limit(1)
    )


def draft_of(region: Region) -> ConceptVersion | None:
    return db.session.scalar(
        db.select(ConceptVersion).where(
            ConceptVersion.region_id == region.id, ConceptVersion.state == VersionState.DRAFT
        )
    )


def start_draft(user, region: Region) -> ConceptVersion:
    """A new draft: a copy of the current version (same item keys, so they compare), or empty."""
    require(user, "concept.edit", region)
    if draft_of(region) is not None:
        raise DomainError(_("There is already a draft. Please continue working on it."))
    base = current_version(region)
    number = (
        db.session.scalar(
            db.select(db.func.max(ConceptVersion.number)).where(
                ConceptVersion.region_id == region.id
            )
        )
        or 0
    ) + 1
    draft = ConceptVersion(region=region, number=number, created_by_id=user.id)
    insert_unique(draft, DomainError(_("Someone has just started a draft. Please reload.")))
    if base is not None:
        copies: dict[int, ConceptItem] = {}
        for item in base.items:  # goals come before their measures only by id; copy goals first
            if item.is_goal:
                copies[item.id] = _copy(item, draft, goal=None)
        for item in base.items:
            if not item.is_goal:
                _copy(item, draft, goal=copies[item.goal_id])
    db.session.flush()
    return draft


def _copy(item: ConceptItem, draft: ConceptVersion, goal: ConceptItem | None) -> ConceptItem:
    copy = ConceptItem(
        version=draft,
        key=item.key,
        kind=item.kind,
        field_of_action_id=item.field_of_action_id,
        goal=goal,
        position=item.position,
        title=item.title,
        description=item.description,
        responsible=item.responsible,
        timeframe=item.timeframe,
        status=item.status,
        proposals=list(item.proposals),
        projects=list(item.projects),
    )
    db.session.add(copy)
    return copy


def _require_draft(user, version: ConceptVersion) -> None:
    require(user, "concept.edit", version)
    if not version.is_draft:
        raise DomainError(_("A published version cannot be changed. Please start a new draft."))


@dataclass
class ItemDetails:
    title: str
    description: str = ""
    position: int = 0
    # Goals: the field of action; measures: their goal and the measure's own facts.
    field_id: int | None = None
    responsible: str = ""
    timeframe: str = ""
    status: str = MeasureStatus.PLANNED
    proposal_ids: list[int] = field(default_factory=list)
    project_ids: list[int] = field(default_factory=list)


def _linked(model, ids: list[int], region: Region, message: str, field_name: str) -> list:
    if not ids:
        return []
    if model is Proposal:
        query = (
            db.select(Proposal)
            .join(Consultation, Consultation.id == Proposal.consultation_id)
            .where(
                Proposal.id.in_(ids),
                Consultation.region_id == region.id,
                Proposal.moderation_state == "published",
            )
        )
    else:
        query = db.select(ProjectApproach).where(
            ProjectApproach.id.in_(ids), ProjectApproach.region_id == region.id
        )
    found = db.session.scalars(query).all()
    if len(found) != len(set(ids)):
        raise DomainError(message, field=field_name)
    return list(found)


def _apply_measure(item: ConceptItem, region: Region, details: ItemDetails) -> None:
    if details.status not in MeasureStatus.ALL:
        raise DomainError(_("Please choose a status from the list."), field="status")
    item.responsible = details.responsible.strip()
    item.timeframe = details.timeframe.strip()
    item.status = details.status
    item.proposals = _linked(
        Proposal,
        details.proposal_ids,
        region,
        _("Please choose published proposals from this region's consultations."),
        "proposals",
    )
    item.projects = _linked(
        ProjectApproach,
        details.project_ids,
        region,
        _("Please choose project approaches of this region."),
        "projects",
    )


def add_goal(user, version: ConceptVersion, details: ItemDetails) -> ConceptItem:
    _require_draft(user, version)
    field_of_action = db.session.get(FieldOfAction, details.field_id or 0)
    if field_of_action is None:
        raise DomainError(
            _("Please choose a field of action from the list."), field="field_of_action"
        )
    goal = ConceptItem(
        version=version,
        key=new_key(),
        kind=ItemKind.GOAL,
        field_of_action=field_of_action,
        position=details.position,
        title=details.title.strip(),
        description=details.description.strip(),
    )
    db.session.add(goal)
    db.session.flush()
    return goal


def add_measure(user, goal: ConceptItem, details: ItemDetails) -> ConceptItem:
    version = goal.version
    _require_draft(user, version)
    if not goal.is_goal:
        raise DomainError(_("A measure belongs to a goal."))
    measure = ConceptItem(
        version=version,
        key=new_key(),
        kind=ItemKind.MEASURE,
        field_of_action_id=goal.field_of_action_id,
        goal=goal,
        position=details.position,
        title=details.title.strip(),
        description=details.description.strip(),
    )
    # The new measure hangs in the version's items already; no half-filled INSERT (without its
    # status) while the linked proposals and projects are looked up.
    with db.session.no_autoflush:
        _apply_measure(measure, version.region, details)
    db.session.add(measure)
    db.session.flush()
    return measure


def edit_item(user, item: ConceptItem, details: ItemDetails) -> None:
    version = item.version
    _require_draft(user, version)
    item.title = details.title.strip()
    item.description = details.description.strip()
    item.position = details.position
    if item.is_goal:
        field_of_action = db.session.get(FieldOfAction, details.field_id or 0)
        if field_of_action is None:
            raise DomainError(
                _("Please choose a field of action from the list."), field="field_of_action"
            )
        item.field_of_action = field_of_action
        for measure in version.measures_of(item):
            measure.field_of_action_id = field_of_action.id
    else:
        _apply_measure(item, version.region, details)
    db.session.flush()


def remove_item(user, item: ConceptItem) -> None:
    """Remove a goal (with its measures) or a measure from the draft."""
    version = item.version
    _require_draft(user, version)
    # A goal takes its measures along (the foreign key cascades), and their comments with them:
    # so the comments on its measures count too.
    removed = [*version.measures_of(item), item] if item.is_goal else [item]
    if db.session.scalar(
        db.select(db.func.count(ConceptComment.id)).where(
            ConceptComment.item_id.in_([each.id for each in removed])
        )
    ):
        raise DomainError(
            _("This item has comments from the consultation and stays. You can change its text.")
        )
    for each in removed:  # measures first; out of the version's list, so it stays current
        version.items.remove(each)
    db.session.flush()


def publish(user, version: ConceptVersion, valid_from, note: str) -> None:
    _require_draft(user, version)
    if not version.items:
        raise DomainError(_("An empty concept cannot be published. Please add goals first."))
    version.state = VersionState.PUBLISHED
    version.valid_from = valid_from
    version.published_at = utcnow_naive()
    version.note = note.strip()
    db.session.flush()


# --- Comments on a draft put up for comment --------------------------------------------------


def add_concept_comment(
    user,
    consultation: Consultation,
    item: ConceptItem,
    body: str,
    language: str,
    stance,
    organisation_id: int | None = None,
) -> ConceptComment:
    require(user, "concept.comment", consultation)
    organisation = speaking_for(user, organisation_id)
    if item.version_id != consultation.concept_version_id:
        raise DomainError(_("This goal or measure is not part of the draft under discussion."))
    if not is_supported(language):
        raise DomainError(_("Please choose a language from the list."), field="language")
    if stance and stance not in Stance.ALL:
        raise DomainError(_("Please choose a stance from the list."), field="stance")
    check_new_text(user, body)
    comment = ConceptComment(
        consultation_id=consultation.id,
        author_id=user.id,
        organisation=organisation,
        item=item,
        body=body.strip(),
        language=language,
        stance=stance or None,
        moderation_state=consultation.initial_moderation_state(),
    )
    db.session.add(comment)
    db.session.flush()
    # Concept comments have no replies: only a pre-moderated one is news (for the moderators).
    events.contribution_written(comment, user.id)
    return comment


def offer_for_comment(user, consultation: Consultation, version: ConceptVersion | None) -> None:
    """Put the region's draft up for comment in this consultation (None: no longer)."""
    require(user, "consultation.manage", consultation)
    if version is not None and (
        not version.is_draft or version.region_id != consultation.region_id
    ):
        raise DomainError(
            _("Only a draft of this region's action concept can be put up for comment."),
            field="concept_version",
        )
    consultation.concept_version = version
    db.session.flush()
