"""Project approaches: the public register of every region (app/projects), filtered as on its
page by region, field of action and status.

A project's links follow the pages' visibility: proposals only while anyone may read them
(published, in a published or archived consultation), measures only of the region's current
action concept, the results summary only once the project has ended.
"""

from collections import defaultdict
from typing import Literal

from flask import url_for
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import lazyload, selectinload

from app.api.listing import ListQuery, Page, first_or_404, page_of
from app.api.models import Day, OrganisationRef, Schema, UtcDateTime
from app.api.pagination import Order, fetch_page
from app.api.spec import endpoint
from app.concepts.models import ConceptItem, measure_projects
from app.extensions import db
from app.opendata.public import current_version_ids, public_proposal_ids
from app.projects.models import (
    FundingState,
    ProjectApproach,
    ProjectFunding,
    ProjectStatus,
    project_proposals,
)
from app.regions.models import FieldOfAction, Region

TAG = "Project approaches"
Status = Literal[ProjectStatus.ALL]
ENDED = (ProjectStatus.COMPLETED, ProjectStatus.DISCONTINUED)

ORDERS = {
    "newest": Order("newest", (ProjectApproach.id,), descending=True),
    "oldest": Order("oldest", (ProjectApproach.id,), descending=False),
}


class ProjectQuery(ListQuery):
    region: str | None = Field(default=None, max_length=60, description="A region's slug.")
    field: str | None = Field(default=None, max_length=60, description="A field of action's slug.")
    status: Status | None = Field(default=None, description="The project's status.")
    sort: Literal["newest", "oldest"] = Field(
        default="newest", description="By the time the project approach was entered."
    )


class ProjectParty(Schema):
    """A lead or partner as the pages name it: an organisation of the directory, or a name."""

    name: str
    organisation: OrganisationRef | None = Field(
        description="The organisation of the directory, when it is one."
    )

    @classmethod
    def of(cls, organisation, name: str) -> "ProjectParty":
        if organisation is None:
            return cls(name=name, organisation=None)
        return cls(
            name=organisation.name,
            organisation=OrganisationRef(
                id=organisation.id, name=organisation.name, verified=organisation.is_verified
            ),
        )


class ProjectFundingOut(Schema):
    programme_id: int
    state: Literal[FundingState.ALL] = Field(
        description="`applied` (no decision yet), `granted` or `declined`."
    )
    amount: int | None = Field(description="Whole euros, if stated.")
    programme: str = Field(description="The API address of the funding programme.")


class ProjectOut(Schema):
    id: int
    region: str = Field(description="The region's slug.")
    title: str
    description: str = Field(description="As written (a small Markdown subset).")
    language: str = Field(description="The language title and description are written in.")
    field_of_action: str | None = Field(description="The field of action's slug.")
    status: Status
    lead: ProjectParty
    partners: list[ProjectParty]
    starts_on: Day | None
    ends_on: Day | None = Field(description="Null when open or not yet known.")
    budget: int | None = Field(description="Total budget in whole euros, if stated.")
    granted_amount: int = Field(description="Sum of the granted funding in whole euros.")
    fundings: list[ProjectFundingOut] = Field(description="Programmes applied to.")
    proposal_ids: list[int] = Field(
        description="Published proposals it came from (only those anyone may read)."
    )
    measure_ids: list[int] = Field(
        description="Measures of the region's current action concept it carries out."
    )
    results_summary: str | None = Field(
        description="What came of it, once completed or discontinued (Markdown); else null."
    )
    created_at: UtcDateTime
    updated_at: UtcDateTime
    url: str = Field(description="The project's page on the site.")

    @classmethod
    def of(
        cls, project: ProjectApproach, proposal_ids: list[int], measure_ids: list[int]
    ) -> "ProjectOut":
        ended = project.status in ENDED and project.results_summary
        return cls(
            id=project.id,
            region=project.region.slug,
            title=project.title,
            description=project.description,
            language=project.language,
            field_of_action=project.field_of_action.slug if project.field_of_action else None,
            status=project.status,
            lead=ProjectParty.of(project.lead_organisation, project.lead_name),
            partners=[
                ProjectParty.of(partner.organisation, partner.name) for partner in project.partners
            ],
            starts_on=project.starts_on,
            ends_on=project.ends_on,
            budget=project.budget,
            granted_amount=project.granted_amount,
            fundings=[
                ProjectFundingOut(
                    programme_id=funding.programme_id,
                    state=funding.state,
                    amount=funding.amount,
                    programme=url_for(
                        "api.funding_programme", programme_id=funding.programme_id, _external=True
                    ),
                )
                for funding in project.fundings
            ],
            proposal_ids=proposal_ids,
            measure_ids=measure_ids,
            results_summary=project.results_summary if ended else None,
            created_at=project.created_at,
            updated_at=project.updated_at,
            url=url_for("projects.detail", project_id=project.id, _external=True),
        )


class ProjectPage(Page[ProjectOut]):
    pass


def _projects():
    """Projects with what the API shows loaded in a fixed number of statements (the linked
    proposals are read apart, public ones only; the programmes are named by id)."""
    return select(ProjectApproach).options(
        lazyload(ProjectApproach.proposals),
        selectinload(ProjectApproach.fundings).lazyload(ProjectFunding.programme),
    )


def current_measure_ids(project_ids: list[int]) -> dict[int, list[int]]:
    """{project id: [measure ids]} of the current action concepts, in one statement."""
    if not project_ids:
        return {}
    rows = db.session.execute(
        select(measure_projects.c.project_id, measure_projects.c.item_id)
        .join(ConceptItem, ConceptItem.id == measure_projects.c.item_id)
        .where(
            measure_projects.c.project_id.in_(project_ids),
            ConceptItem.version_id.in_(current_version_ids()),
        )
        .order_by(measure_projects.c.project_id, measure_projects.c.item_id)
    ).all()
    found = defaultdict(list)
    for project_id, item_id in rows:
        found[project_id].append(item_id)
    return found


def _out(projects: list[ProjectApproach]) -> list[ProjectOut]:
    ids = [project.id for project in projects]
    proposals = public_proposal_ids(project_proposals, "project_id", ids)
    measures = current_measure_ids(ids)
    return [
        ProjectOut.of(project, proposals.get(project.id, []), measures.get(project.id, []))
        for project in projects
    ]


def _filtered(query, filters: ProjectQuery):
    if filters.region:
        query = query.where(
            ProjectApproach.region_id.in_(select(Region.id).where(Region.slug == filters.region))
        )
    if filters.field:
        query = query.where(
            ProjectApproach.field_of_action_id.in_(
                select(FieldOfAction.id).where(FieldOfAction.slug == filters.field)
            )
        )
    if filters.status:
        query = query.where(ProjectApproach.status == filters.status)
    return query


@endpoint(
    "/project-approaches",
    tag=TAG,
    summary="The project approaches of all regions",
    description="Filtered as on the register's page by region, field of action and status.",
    query=ProjectQuery,
    response=ProjectPage,
    paginated=True,
)
def project_approaches(query: ProjectQuery):
    window = fetch_page(
        db.session,
        _filtered(_projects(), query),
        ORDERS[query.sort],
        query.limit,
        query.cursor,
        lambda project: (project.id,),
    )
    return page_of(ProjectPage, _out(window.items), window, query.limit)


@endpoint(
    "/project-approaches/<int:approach_id>",
    tag=TAG,
    summary="One project approach",
    response=ProjectOut,
)
def project_approach(approach_id: int):
    found = first_or_404(_projects().where(ProjectApproach.id == approach_id))
    return _out([found])[0]
