"""The measures of the regions' action concepts (the latest published versions)."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import lazyload

from app.concepts.models import (
    ConceptItem,
    ConceptVersion,
    ItemKind,
    VersionState,
    measure_projects,
    measure_proposals,
)
from app.core.i18n import _l
from app.extensions import db
from app.opendata.datasets.base import (
    Column,
    ColumnType,
    Dataset,
    german,
    register,
)
from app.opendata.public import current_version_ids, public_proposal_ids

# --- Measures of the action concepts --------------------------------------------------------------


def _current_versions() -> list[ConceptVersion]:
    """Each region's latest published version (drafts never)."""
    return list(
        db.session.scalars(
            select(ConceptVersion).where(ConceptVersion.id.in_(current_version_ids()))
        ).all()
    )


def _measure_rows() -> Iterator[dict]:
    versions = {version.id: version for version in _current_versions()}
    if not versions:
        return
    items = db.session.scalars(
        select(ConceptItem)
        .options(lazyload(ConceptItem.proposals), lazyload(ConceptItem.projects))
        .where(ConceptItem.version_id.in_(list(versions)))
    ).all()
    by_id = {item.id: item for item in items}
    measures = [item for item in items if item.kind == ItemKind.MEASURE]
    measure_ids = [measure.id for measure in measures]
    proposals = public_proposal_ids(measure_proposals, "item_id", measure_ids)
    projects = defaultdict(list)
    for item_id, project_id in db.session.execute(
        select(measure_projects.c.item_id, measure_projects.c.project_id)
        .where(measure_projects.c.item_id.in_(measure_ids))
        .order_by(measure_projects.c.item_id, measure_projects.c.project_id)
    ).all():
        projects[item_id].append(project_id)

    def order(measure: ConceptItem) -> tuple:
        region = versions[measure.version_id].region
        goal = by_id[measure.goal_id]
        field = goal.field_of_action
        return (
            region.position,
            region.slug,
            field.position,
            field.slug,
            goal.position,
            goal.id,
            measure.position,
            measure.id,
        )

    for measure in sorted(measures, key=order):
        version = versions[measure.version_id]
        goal = by_id[measure.goal_id]
        field = measure.field_of_action
        yield {
            "region_slug": version.region.slug,
            "version_number": version.number,
            "valid_from": version.valid_from,
            "field_of_action_slug": field.slug,
            "field_of_action_name_de": german(field.name)[0],
            "goal_key": goal.key,
            "goal_title": goal.title,
            "measure_key": measure.key,
            "measure_title": measure.title,
            "measure_description": measure.description,
            "responsible": measure.responsible,
            "timeframe": measure.timeframe,
            "status": measure.status,
            "proposal_ids": proposals.get(measure.id, []),
            "project_ids": projects.get(measure.id, []),
        }


def _measures_changed() -> datetime | None:
    return db.session.scalar(
        select(func.max(ConceptVersion.published_at)).where(
            ConceptVersion.state == VersionState.PUBLISHED
        )
    )


register(
    Dataset(
        name="measures",
        title=_l("Measures of the action concepts"),
        description=_l(
            "The measures of each region's action concept as it stands now (the latest "
            "published version), with their goal, who is responsible, the timeframe and the "
            "status, and the proposals and project approaches linked to them."
        ),
        columns=(
            Column("region_slug", ColumnType.TEXT, _l("The region (short name).")),
            Column(
                "version_number",
                ColumnType.INTEGER,
                _l("Number of the published version of the action concept."),
            ),
            Column(
                "valid_from",
                ColumnType.DATE,
                _l("The date from which this version applies."),
            ),
            Column(
                "field_of_action_slug",
                ColumnType.TEXT,
                _l("Field of action (short name)."),
            ),
            Column(
                "field_of_action_name_de",
                ColumnType.TEXT,
                _l("German name of the field of action."),
            ),
            Column(
                "goal_key",
                ColumnType.TEXT,
                _l("Key of the goal; stays the same across versions."),
            ),
            Column("goal_title", ColumnType.TEXT, _l("The goal the measure serves.")),
            Column(
                "measure_key",
                ColumnType.TEXT,
                _l("Key of the measure; stays the same across versions."),
            ),
            Column("measure_title", ColumnType.TEXT, _l("Title of the measure.")),
            Column(
                "measure_description",
                ColumnType.TEXT,
                _l("Description of the measure (Markdown)."),
            ),
            Column("responsible", ColumnType.TEXT, _l("Who is responsible.")),
            Column("timeframe", ColumnType.TEXT, _l("When the measure is to happen.")),
            Column(
                "status",
                ColumnType.TEXT,
                _l("planned, in_progress, done or dropped."),
            ),
            Column(
                "proposal_ids",
                ColumnType.INTEGER,
                _l("Published proposals the measure takes up (their numbers on Mitreden)."),
                is_list=True,
            ),
            Column(
                "project_ids",
                ColumnType.INTEGER,
                _l("Project approaches that carry the measure out (id in project_approaches)."),
                is_list=True,
            ),
        ),
        rows=_measure_rows,
        last_changed=_measures_changed,
    )
)
