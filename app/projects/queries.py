"""Reading the register: per region, the coordination matrix, overlaps, similar projects."""

from collections import defaultdict

from sqlalchemy import func
from sqlalchemy.orm import contains_eager, noload, selectinload

from app.extensions import db
from app.funding.models import FundingProgramme, programme_fields_of_action, programme_regions
from app.organisations.models import Organisation, OrganisationStatus
from app.projects.models import ProjectApproach, ProjectStatus, project_proposals
from app.regions.models import FieldOfAction, Region, RegionKind

# Running and completed projects teach most; ideas least.
STATUS_ORDER = {
    ProjectStatus.RUNNING: 0,
    ProjectStatus.COMPLETED: 1,
    ProjectStatus.PLANNED: 2,
    ProjectStatus.IDEA: 3,
    ProjectStatus.DISCONTINUED: 4,
}


def project_or_404(project_id: int) -> ProjectApproach:
    return db.get_or_404(ProjectApproach, project_id)


def projects_of_region(
    region: Region, field_slug: str | None = None, status: str | None = None
) -> list[ProjectApproach]:
    query = db.select(ProjectApproach).where(ProjectApproach.region_id == region.id)
    if field_slug:
        query = query.join(FieldOfAction, FieldOfAction.id == ProjectApproach.field_of_action_id)
        query = query.where(FieldOfAction.slug == field_slug)
    if status in ProjectStatus.ALL:
        query = query.where(ProjectApproach.status == status)
    projects = db.session.scalars(query).unique().all()
    return sorted(projects, key=lambda p: (STATUS_ORDER[p.status], p.title.casefold()))


def overlap_groups(projects: list[ProjectApproach]) -> list[list[ProjectApproach]]:
    """Groups of projects of the same region and field of action whose periods overlap (each
    group connected: A overlaps B and B overlaps C puts all three together)."""
    by_field = defaultdict(list)
    for project in projects:
        if project.field_of_action_id and project.status != ProjectStatus.DISCONTINUED:
            by_field[(project.region_id, project.field_of_action_id)].append(project)
    groups = []
    for members in by_field.values():
        seen: set[int] = set()
        for project in members:
            if project.id in seen:
                continue
            group, queue = [], [project]
            while queue:
                current = queue.pop()
                if current.id in seen:
                    continue
                seen.add(current.id)
                group.append(current)
                queue.extend(
                    other for other in members if other.id not in seen and current.overlaps(other)
                )
            if len(group) > 1:
                groups.append(sorted(group, key=lambda p: (p.starts_on or p.ends_on, p.id)))
    return groups


def similar_elsewhere(project: ProjectApproach, limit: int = 5) -> list[ProjectApproach]:
    """Projects of the same field of action in other regions, most instructive first."""
    if project.field_of_action_id is None:
        return []
    others = db.session.scalars(
        db.select(ProjectApproach).where(
            ProjectApproach.field_of_action_id == project.field_of_action_id,
            ProjectApproach.region_id != project.region_id,
            ProjectApproach.status != ProjectStatus.DISCONTINUED,
        )
    ).all()
    return sorted(others, key=lambda p: (STATUS_ORDER[p.status], -p.id))[:limit]


def projects_from_proposal(proposal) -> list[ProjectApproach]:
    """The projects that name this proposal as where they came from."""
    return list(
        db.session.scalars(
            db.select(ProjectApproach)
            .join(project_proposals, project_proposals.c.project_id == ProjectApproach.id)
            .where(project_proposals.c.proposal_id == proposal.id)
            .order_by(ProjectApproach.title)
        ).all()
    )


def coordination_matrix(regions: list[Region]) -> dict:
    """{(region_id, field_id): {"projects": n, "programmes": m}} in two grouped queries.

    Programmes count for a region when open to all regions or to that region explicitly.
    """
    cells = defaultdict(lambda: {"projects": 0, "programmes": 0})
    project_counts = db.session.execute(
        db.select(
            ProjectApproach.region_id, ProjectApproach.field_of_action_id, func.count()
        ).group_by(ProjectApproach.region_id, ProjectApproach.field_of_action_id)
    ).all()
    for region_id, field_id, count in project_counts:
        cells[(region_id, field_id)]["projects"] = count
    programme_fields = db.session.execute(
        db.select(
            FundingProgramme.id,
            FundingProgramme.all_regions,
            programme_fields_of_action.c.field_of_action_id,
        ).join(
            programme_fields_of_action,
            programme_fields_of_action.c.programme_id == FundingProgramme.id,
        )
    ).all()
    explicit = defaultdict(set)
    for programme_id, region_id in db.session.execute(
        db.select(programme_regions.c.programme_id, programme_regions.c.region_id)
    ).all():
        explicit[programme_id].add(region_id)
    region_ids = [region.id for region in regions]
    for programme_id, all_regions, field_id in programme_fields:
        for region_id in region_ids if all_regions else explicit[programme_id]:
            cells[(region_id, field_id)]["programmes"] += 1
    return cells


# --- Pages of the register: all regions at once, one project's context, form choices ---------


def projects_of_all_regions(
    field_slug: str | None = None, status: str | None = None
) -> list[ProjectApproach]:
    """The whole register in a fixed number of statements, ordered for grouping by region."""
    query = db.select(ProjectApproach).join(Region, Region.id == ProjectApproach.region_id)
    if field_slug:
        query = query.join(FieldOfAction, FieldOfAction.id == ProjectApproach.field_of_action_id)
        query = query.where(FieldOfAction.slug == field_slug)
    if status in ProjectStatus.ALL:
        query = query.where(ProjectApproach.status == status)
    projects = db.session.scalars(query).unique().all()
    return sorted(
        projects,
        key=lambda p: (
            p.region.kind != RegionKind.MODEL_REGION,
            p.region.position,
            p.region_id,
            STATUS_ORDER[p.status],
            p.title.casefold(),
        ),
    )


def overlapping(project: ProjectApproach) -> list[ProjectApproach]:
    """Other projects of the same region and field of action whose periods overlap this one's."""
    if project.field_of_action_id is None or project.status == ProjectStatus.DISCONTINUED:
        return []
    others = db.session.scalars(
        db.select(ProjectApproach).where(
            ProjectApproach.region_id == project.region_id,
            ProjectApproach.field_of_action_id == project.field_of_action_id,
            ProjectApproach.id != project.id,
            ProjectApproach.status != ProjectStatus.DISCONTINUED,
        )
    ).all()
    return sorted(
        (other for other in others if project.overlaps(other)),
        key=lambda p: (p.starts_on or p.ends_on, p.id),
    )


def visible_proposals(project: ProjectApproach) -> list:
    """The proposals a project came from that the public may read (published, in a published
    or archived consultation), with their consultations, in one statement."""
    from app.consultations.models import Consultation, ConsultationState
    from app.core.models import ModerationState
    from app.proposals.models import Proposal

    return list(
        db.session.scalars(
            db.select(Proposal)
            .join(project_proposals, project_proposals.c.proposal_id == Proposal.id)
            .join(Consultation, Consultation.id == Proposal.consultation_id)
            .where(
                project_proposals.c.project_id == project.id,
                Proposal.moderation_state == ModerationState.PUBLISHED,
                Consultation.state != ConsultationState.DRAFT,
            )
            .options(contains_eager(Proposal.consultation))
            .order_by(Proposal.title)
        ).unique()
    )


def measures_carried_out(project: ProjectApproach) -> list:
    """Measures of the region's current (latest published) action concept that name this
    project as carrying them out."""
    from app.concepts.models import ConceptItem, ConceptVersion, VersionState, measure_projects

    current = (
        db.select(ConceptVersion.id)
        .where(
            ConceptVersion.region_id == project.region_id,
            ConceptVersion.state == VersionState.PUBLISHED,
        )
        .order_by(ConceptVersion.number.desc())
        .limit(1)
        .scalar_subquery()
    )
    return list(
        db.session.scalars(
            db.select(ConceptItem)
            .join(measure_projects, measure_projects.c.item_id == ConceptItem.id)
            .where(measure_projects.c.project_id == project.id, ConceptItem.version_id == current)
            .options(noload(ConceptItem.proposals), noload(ConceptItem.projects))
            .order_by(ConceptItem.position, ConceptItem.id)
        )
    )


def lead_organisation_choices(region: Region) -> tuple[list, list]:
    """Verified organisations: (active in the region, all others), each by name."""
    verified = db.session.scalars(
        db.select(Organisation)
        .where(Organisation.status == OrganisationStatus.VERIFIED)
        .options(selectinload(Organisation.regions))
        .order_by(Organisation.name)
    ).all()
    here = [org for org in verified if any(r.id == region.id for r in org.regions)]
    others = [org for org in verified if all(r.id != region.id for r in org.regions)]
    return here, others


def programme_choices() -> list[FundingProgramme]:
    return list(db.session.scalars(db.select(FundingProgramme).order_by(FundingProgramme.name)))


def proposal_choices(region: Region) -> list[tuple]:
    """The region's published proposals for the "came from" list, grouped by consultation:
    [(consultation, [(id, title, language, status)])], newest consultation first. Columns only,
    so a region with hundreds of proposals stays cheap."""
    from app.consultations.models import Consultation
    from app.core.models import ModerationState
    from app.proposals.models import Proposal

    consultations = {
        consultation.id: consultation
        for consultation in db.session.scalars(
            db.select(Consultation).where(Consultation.region_id == region.id)
        )
    }
    rows = db.session.execute(
        db.select(
            Proposal.consultation_id,
            Proposal.id,
            Proposal.title,
            Proposal.language,
            Proposal.status,
        )
        .where(
            Proposal.consultation_id.in_(list(consultations)),
            Proposal.moderation_state == ModerationState.PUBLISHED,
        )
        .order_by(Proposal.title)
    ).all()
    grouped = defaultdict(list)
    for consultation_id, *proposal in rows:
        grouped[consultation_id].append(tuple(proposal))
    order = sorted(grouped, key=lambda cid: consultations[cid].created_at, reverse=True)
    return [(consultations[cid], grouped[cid]) for cid in order]
