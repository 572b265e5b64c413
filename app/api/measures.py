"""Measures of the regions' action concepts: those of published versions only (drafts are the
coordination's working copy), by default each region's current version, as the open-data
dataset `measures` gives them (the rule lives in app/opendata/public.py for both)."""

from collections import defaultdict
from typing import Literal

from flask import url_for
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import lazyload, selectinload

from app.api.listing import ListQuery, Page, first_or_404, page_of
from app.api.models import Day, Schema, UtcDateTime
from app.api.pagination import Order, fetch_page
from app.api.spec import endpoint
from app.concepts.models import (
    ConceptItem,
    ConceptVersion,
    ItemKind,
    MeasureStatus,
    measure_projects,
    measure_proposals,
)
from app.extensions import db
from app.opendata.public import current_version_ids, public_proposal_ids, published_version_ids
from app.regions.models import FieldOfAction, Region

TAG = "Action concepts"
Status = Literal[MeasureStatus.ALL]
BY_ID = Order("id", (ConceptItem.id,), descending=False)


class MeasureQuery(ListQuery):
    region: str | None = Field(default=None, max_length=60, description="A region's slug.")
    field: str | None = Field(default=None, max_length=60, description="A field of action's slug.")
    status: Status | None = Field(default=None, description="The measure's status.")
    versions: Literal["current", "all"] = Field(
        default="current",
        description="`current`: each region's latest published version of its action concept; "
        "`all`: every published version (a measure appears once per version, with the same "
        "`key`).",
    )


class ConceptGoalOut(Schema):
    id: int
    key: str = Field(description="Stays the same across versions.")
    title: str
    description: str = Field(description="Markdown.")


class ConceptVersionOut(Schema):
    number: int
    valid_from: Day | None
    published_at: UtcDateTime | None
    current: bool = Field(description="The region's latest published version.")


class MeasureOut(Schema):
    id: int = Field(description="The measure in this version; each version has its own ids.")
    key: str = Field(description="Stays the same across versions: compares them.")
    region: str = Field(description="The region's slug.")
    version: ConceptVersionOut
    field_of_action: str = Field(description="The field of action's slug.")
    goal: ConceptGoalOut = Field(description="The goal the measure serves.")
    title: str
    description: str = Field(description="Markdown.")
    responsible: str = Field(description="Who is responsible; may be empty.")
    timeframe: str = Field(description="When it is to happen; may be empty.")
    status: Status
    proposal_ids: list[int] = Field(
        description="Published proposals it takes up (only those anyone may read)."
    )
    project_ids: list[int] = Field(description="Project approaches that carry it out.")
    url: str = Field(description="The measure in its version of the action concept on the site.")

    @classmethod
    def of(
        cls, measure: ConceptItem, current: bool, proposal_ids: list[int], project_ids: list[int]
    ) -> "MeasureOut":
        version, goal = measure.version, measure.goal
        slug = version.region.slug
        if current:
            page = url_for(
                "concepts.current", slug=slug, _external=True, _anchor=f"item-{measure.key}"
            )
        else:
            page = url_for(
                "concepts.version",
                slug=slug,
                number=version.number,
                _external=True,
                _anchor=f"item-{measure.key}",
            )
        return cls(
            id=measure.id,
            key=measure.key,
            region=slug,
            version=ConceptVersionOut(
                number=version.number,
                valid_from=version.valid_from,
                published_at=version.published_at,
                current=current,
            ),
            field_of_action=measure.field_of_action.slug,
            goal=ConceptGoalOut(
                id=goal.id, key=goal.key, title=goal.title, description=goal.description
            ),
            title=measure.title,
            description=measure.description,
            responsible=measure.responsible,
            timeframe=measure.timeframe,
            status=measure.status,
            proposal_ids=proposal_ids,
            project_ids=project_ids,
            url=page,
        )


class MeasurePage(Page[MeasureOut]):
    pass


def _measures(versions: str = "all"):
    """Measures of published versions (or of the current ones), with their version, region
    and goal loaded in a fixed number of statements; their links are read apart."""
    version_ids = current_version_ids() if versions == "current" else published_version_ids()
    return (
        select(ConceptItem)
        .where(ConceptItem.kind == ItemKind.MEASURE, ConceptItem.version_id.in_(version_ids))
        .options(
            lazyload(ConceptItem.proposals),
            lazyload(ConceptItem.projects),
            selectinload(ConceptItem.version),
            selectinload(ConceptItem.goal).options(
                lazyload(ConceptItem.proposals), lazyload(ConceptItem.projects)
            ),
        )
    )


def _project_ids(measure_ids: list[int]) -> dict[int, list[int]]:
    if not measure_ids:
        return {}
    found = defaultdict(list)
    for item_id, project_id in db.session.execute(
        select(measure_projects.c.item_id, measure_projects.c.project_id)
        .where(measure_projects.c.item_id.in_(measure_ids))
        .order_by(measure_projects.c.item_id, measure_projects.c.project_id)
    ).all():
        found[item_id].append(project_id)
    return found


def _out(measures: list[ConceptItem]) -> list[MeasureOut]:
    ids = [measure.id for measure in measures]
    current = set(db.session.scalars(current_version_ids())) if measures else set()
    proposals = public_proposal_ids(measure_proposals, "item_id", ids)
    projects = _project_ids(ids)
    return [
        MeasureOut.of(
            measure,
            measure.version_id in current,
            proposals.get(measure.id, []),
            projects.get(measure.id, []),
        )
        for measure in measures
    ]


def _filtered(query, filters: MeasureQuery):
    if filters.region:
        query = query.where(
            ConceptItem.version_id.in_(
                select(ConceptVersion.id)
                .join(Region, Region.id == ConceptVersion.region_id)
                .where(Region.slug == filters.region)
            )
        )
    if filters.field:
        query = query.where(
            ConceptItem.field_of_action_id.in_(
                select(FieldOfAction.id).where(FieldOfAction.slug == filters.field)
            )
        )
    if filters.status:
        query = query.where(ConceptItem.status == filters.status)
    return query


@endpoint(
    "/measures",
    tag=TAG,
    summary="Measures of the published action concepts",
    description="By default those of each region's current version; filtered by region, "
    "field of action and status. Drafts never appear.",
    query=MeasureQuery,
    response=MeasurePage,
    paginated=True,
)
def measures(query: MeasureQuery):
    window = fetch_page(
        db.session,
        _filtered(_measures(query.versions), query),
        BY_ID,
        query.limit,
        query.cursor,
        lambda measure: (measure.id,),
    )
    return page_of(MeasurePage, _out(window.items), window, query.limit)


@endpoint(
    "/measures/<int:measure_id>",
    tag=TAG,
    summary="One measure of a published action concept",
    response=MeasureOut,
)
def measure(measure_id: int):
    found = first_or_404(_measures().where(ConceptItem.id == measure_id))
    return _out([found])[0]
