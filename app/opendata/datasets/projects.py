"""The project approaches of all regions."""

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import lazyload

from app.core.i18n import _l
from app.extensions import db
from app.opendata.datasets.base import (
    Column,
    ColumnType,
    Dataset,
    german,
    register,
)
from app.opendata.public import public_proposal_ids
from app.projects.models import FundingState, ProjectApproach, project_proposals

# --- Project approaches -------------------------------------------------------------------------


def _project_rows() -> Iterator[dict]:
    projects = db.session.scalars(
        select(ProjectApproach)
        .options(lazyload(ProjectApproach.proposals))
        .order_by(ProjectApproach.id)
    ).all()
    proposals = public_proposal_ids(project_proposals, "project_id", [p.id for p in projects])
    for project in projects:
        field = project.field_of_action
        field_name, _language = german(field.name) if field else ("", None)

        def programme_ids(state: str, project=project) -> list[int]:
            return sorted(f.programme_id for f in project.fundings if f.state == state)

        yield {
            "id": project.id,
            "region_slug": project.region.slug,
            "title": project.title,
            "description": project.description,
            "language": project.language,
            "field_of_action_slug": field.slug if field else None,
            "field_of_action_name_de": field_name if field else None,
            "lead": project.lead,
            "partners": [partner.display_name for partner in project.partners],
            "status": project.status,
            "starts_on": project.starts_on,
            "ends_on": project.ends_on,
            "budget_eur": project.budget,
            "programmes_applied_ids": programme_ids(FundingState.APPLIED),
            "programmes_granted_ids": programme_ids(FundingState.GRANTED),
            "programmes_declined_ids": programme_ids(FundingState.DECLINED),
            "granted_amount_eur": project.granted_amount,
            "proposal_ids": proposals.get(project.id, []),
            "results_summary": project.results_summary,
            "updated_at": project.updated_at,
        }


def _projects_changed() -> datetime | None:
    return db.session.scalar(select(func.max(ProjectApproach.updated_at)))


register(
    Dataset(
        name="project_approaches",
        title=_l("Project approaches"),
        description=_l(
            "The project approaches of all regions: who carries them, their period and budget, "
            "the funding programmes they applied to, and the proposals they came from."
        ),
        columns=(
            Column("id", ColumnType.INTEGER, _l("Number of the project approach on Mitreden.")),
            Column("region_slug", ColumnType.TEXT, _l("The region (short name).")),
            Column("title", ColumnType.TEXT, _l("Title.")),
            Column("description", ColumnType.TEXT, _l("Description (Markdown).")),
            Column(
                "language",
                ColumnType.TEXT,
                _l("Language code of title and description (de, en, …)."),
            ),
            Column(
                "field_of_action_slug",
                ColumnType.TEXT,
                _l("Field of action (short name); empty when none is given."),
            ),
            Column(
                "field_of_action_name_de",
                ColumnType.TEXT,
                _l("German name of the field of action."),
            ),
            Column(
                "lead",
                ColumnType.TEXT,
                _l("Name of the organisation that leads the project."),
            ),
            Column(
                "partners",
                ColumnType.TEXT,
                _l("Names of the partner organisations."),
                is_list=True,
            ),
            Column(
                "status",
                ColumnType.TEXT,
                _l("idea, planned, running, completed or discontinued."),
            ),
            Column("starts_on", ColumnType.DATE, _l("Start; empty when not yet known.")),
            Column("ends_on", ColumnType.DATE, _l("End; empty when open or not yet known.")),
            Column("budget_eur", ColumnType.INTEGER, _l("Total budget in euros.")),
            Column(
                "programmes_applied_ids",
                ColumnType.INTEGER,
                _l("Funding programmes applied to, without a decision yet (id in programmes)."),
                is_list=True,
            ),
            Column(
                "programmes_granted_ids",
                ColumnType.INTEGER,
                _l("Funding programmes that granted funding (id in programmes)."),
                is_list=True,
            ),
            Column(
                "programmes_declined_ids",
                ColumnType.INTEGER,
                _l("Funding programmes that declined the application (id in programmes)."),
                is_list=True,
            ),
            Column(
                "granted_amount_eur",
                ColumnType.INTEGER,
                _l("Sum of the granted funding in euros, as far as amounts are known."),
            ),
            Column(
                "proposal_ids",
                ColumnType.INTEGER,
                _l("Published proposals the project came from (their numbers on Mitreden)."),
                is_list=True,
            ),
            Column(
                "results_summary",
                ColumnType.TEXT,
                _l("Summary of the results once the project is completed (Markdown)."),
            ),
            Column("updated_at", ColumnType.DATETIME, _l("Last change of the entry.")),
        ),
        rows=_project_rows,
        last_changed=_projects_changed,
    )
)
