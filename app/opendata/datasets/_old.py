"""The open-data datasets: what anyone may download, described column by column.

A dataset has a stable name (part of its download address), a title and a description, its
columns (stable snake_case names, each with a type and a description) and two functions: one
yields the rows as dicts from the database, one says when the data last changed. Only public
data goes in: no accounts, no e-mail addresses, no unpublished contributions, no drafts.

Rows hold plain Python values (int, str, bool, date, datetime as naive UTC, None, lists of
these); `formats.py` writes them as CSV or JSON. To add a dataset, build a `Dataset` and pass it
to `register()`: the open-data page and both download formats pick it up.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Table, func, select
from sqlalchemy.orm import lazyload

from app.concepts.models import (
    ConceptItem,
    ConceptVersion,
    ItemKind,
    VersionState,
    measure_projects,
    measure_proposals,
)
from app.consultations.models import Consultation, ConsultationState
from app.core.i18n import _l, pick_translation
from app.core.models import Contribution, ModerationState
from app.extensions import db
from app.funding.deadlines import today_in_hesse
from app.funding.models import FundingProgramme, ProgrammeDeadline, Recurrence
from app.monitoring.filters import Filters
from app.monitoring.participation import ParticipationFigures, active_persons, participation
from app.monitoring.periods import Period
from app.monitoring.suppression import Cell
from app.projects.models import FundingState, ProjectApproach, project_proposals
from app.regions.models import Region, RegionKind
from app.votes.models import Vote

LICENCE = {
    "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    "url": "https://www.govdata.de/dl-de/by-2-0",
}


class ColumnType:
    """Stable type codes; the page explains them, the writers convert by them."""

    INTEGER = "integer"
    TEXT = "text"
    BOOLEAN = "boolean"
    DATE = "date"  # ISO 8601 day
    DATETIME = "datetime"  # ISO 8601, UTC
    ALL = (INTEGER, TEXT, BOOLEAN, DATE, DATETIME)


TYPE_NAMES = {
    ColumnType.INTEGER: _l("Whole number"),
    ColumnType.TEXT: _l("Text"),
    ColumnType.BOOLEAN: _l("true or false"),
    ColumnType.DATE: _l("Date (YYYY-MM-DD)"),
    ColumnType.DATETIME: _l("Date and time in UTC (ISO 8601)"),
}

LIST_TYPE_NAMES = {
    ColumnType.INTEGER: _l("List of whole numbers"),
    ColumnType.TEXT: _l("List of texts"),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: object  # lazy gettext string
    is_list: bool = False

    @property
    def type_name(self):
        return (LIST_TYPE_NAMES if self.is_list else TYPE_NAMES)[self.type]


@dataclass(frozen=True)
class Dataset:
    name: str
    title: object  # lazy gettext string
    description: object
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[dict]]
    last_changed: Callable[[], datetime | None]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


_REGISTRY: dict[str, Dataset] = {}


def register(dataset: Dataset) -> Dataset:
    if dataset.name in _REGISTRY:
        raise ValueError(f"dataset {dataset.name!r} is registered twice")
    for column in dataset.columns:
        if column.type not in ColumnType.ALL:
            raise ValueError(f"column {column.name!r} has an unknown type {column.type!r}")
        if column.is_list and column.type not in LIST_TYPE_NAMES:
            raise ValueError(f"column {column.name!r} cannot be a list of {column.type!r}")
    _REGISTRY[dataset.name] = dataset
    return dataset


def get(name: str) -> Dataset | None:
    return _REGISTRY.get(name)


def all_datasets() -> list[Dataset]:
    return list(_REGISTRY.values())


# --- Shared pieces ------------------------------------------------------------------------------


def _public_proposal_ids(link: Table, owner_column: str, owner_ids: list[int]) -> dict:
    """{owner id: [proposal ids]} of the links to proposals anyone may read now: published
    (not pending, hidden or rejected) in a published or archived consultation."""
    if not owner_ids:
        return {}
    owner = link.c[owner_column]
    rows = db.session.execute(
        select(owner, link.c.proposal_id)
        .join(Contribution, Contribution.id == link.c.proposal_id)
        .join(Consultation, Consultation.id == Contribution.consultation_id)
        .where(
            owner.in_(owner_ids),
            Contribution.moderation_state.in_(ModerationState.VISIBLE),
            Consultation.state.in_((ConsultationState.PUBLISHED, ConsultationState.ARCHIVED)),
        )
        .order_by(owner, link.c.proposal_id)
    ).all()
    linked = defaultdict(list)
    for owner_id, proposal_id in rows:
        linked[owner_id].append(proposal_id)
    return linked


def _german(texts: dict | None) -> tuple[str, str | None]:
    """An official text in German, or in the language it exists in (and which that is)."""
    return pick_translation(texts, "de")


# --- Funding programmes -------------------------------------------------------------------------

_PERIODS = {
    Recurrence.YEARLY: "P1Y",
    Recurrence.HALF_YEARLY: "P6M",
    Recurrence.QUARTERLY: "P3M",
}


def deadline_code(deadline: ProgrammeDeadline) -> str:
    """A deadline in ISO 8601: a day ("2025-03-31"), or a series repeating without end from
    that day ("R/2025-03-31/P1Y", every six months P6M, every three months P3M)."""
    day = deadline.due_on.isoformat()
    period = _PERIODS.get(deadline.recurrence)
    return f"R/{day}/{period}" if period else day


def _programme_rows() -> Iterator[dict]:
    today = today_in_hesse()
    programmes = db.session.scalars(select(FundingProgramme).order_by(FundingProgramme.id)).all()
    for programme in programmes:
        description, description_language = _german(programme.description)
        next_deadline = programme.next_deadline(today)
        yield {
            "id": programme.id,
            "name": programme.name,
            "funder_level": programme.funder_level,
            "funder": programme.funder,
            "status": programme.status,
            "field_of_action_slugs": [field.slug for field in programme.fields_of_action],
            "all_regions": programme.all_regions,
            "region_slugs": [] if programme.all_regions else [r.slug for r in programme.regions],
            "target_groups": programme.target_groups,
            "amount_min_eur": programme.amount_min,
            "amount_max_eur": programme.amount_max,
            "co_funding_percent": programme.co_funding_percent,
            "deadlines": [deadline_code(deadline) for deadline in programme.deadlines],
            "next_deadline": next_deadline[0] if next_deadline else None,
            "url": programme.url,
            "contact": programme.contact,
            "description": description,
            "description_language": description_language,
            "updated_at": programme.updated_at,
        }


def _programmes_changed() -> datetime | None:
    return db.session.scalar(select(func.max(FundingProgramme.updated_at)))


register(
    Dataset(
        name="programmes",
        title=_l("Funding programmes"),
        description=_l(
            "The catalogue of funding programmes that the coordination maintains: funder, "
            "eligible regions and fields of action, funding range and application deadlines."
        ),
        columns=(
            Column("id", ColumnType.INTEGER, _l("Number of the programme on Mitreden.")),
            Column("name", ColumnType.TEXT, _l("Name of the programme.")),
            Column(
                "funder_level",
                ColumnType.TEXT,
                _l("Level of the funder: eu, federal, state, municipal, foundation or other."),
            ),
            Column("funder", ColumnType.TEXT, _l("Who funds the programme.")),
            Column(
                "status",
                ColumnType.TEXT,
                _l("announced, open (applications possible) or closed."),
            ),
            Column(
                "field_of_action_slugs",
                ColumnType.TEXT,
                _l("Fields of action the programme supports (their short names)."),
                is_list=True,
            ),
            Column(
                "all_regions",
                ColumnType.BOOLEAN,
                _l("true when every region may apply."),
            ),
            Column(
                "region_slugs",
                ColumnType.TEXT,
                _l("The regions that may apply (short names); empty when all may apply."),
                is_list=True,
            ),
            Column("target_groups", ColumnType.TEXT, _l("Whom the programme is meant for.")),
            Column(
                "amount_min_eur",
                ColumnType.INTEGER,
                _l("Smallest amount of funding in euros; empty when not stated."),
            ),
            Column(
                "amount_max_eur",
                ColumnType.INTEGER,
                _l("Largest amount of funding in euros; empty when not stated."),
            ),
            Column(
                "co_funding_percent",
                ColumnType.INTEGER,
                _l("Share in per cent that applicants pay themselves; empty when not stated."),
            ),
            Column(
                "deadlines",
                ColumnType.TEXT,
                _l(
                    "Application deadlines in ISO 8601: a day (2025-03-31) or a series "
                    "repeating from that day (R/2025-03-31/P1Y every year, P6M every six "
                    "months, P3M every three months)."
                ),
                is_list=True,
            ),
            Column(
                "next_deadline",
                ColumnType.DATE,
                _l("The next application deadline from the day of the download; empty if none."),
            ),
            Column("url", ColumnType.TEXT, _l("Web address of the programme.")),
            Column("contact", ColumnType.TEXT, _l("Contact at the funder.")),
            Column(
                "description",
                ColumnType.TEXT,
                _l("Description in German, or in the language it was written in."),
            ),
            Column(
                "description_language",
                ColumnType.TEXT,
                _l("Language code of the description (de, en, …); empty without description."),
            ),
            Column("updated_at", ColumnType.DATETIME, _l("Last change of the entry.")),
        ),
        rows=_programme_rows,
        last_changed=_programmes_changed,
    )
)


# --- Project approaches -------------------------------------------------------------------------


def _project_rows() -> Iterator[dict]:
    projects = db.session.scalars(
        select(ProjectApproach)
        .options(lazyload(ProjectApproach.proposals))
        .order_by(ProjectApproach.id)
    ).all()
    proposals = _public_proposal_ids(project_proposals, "project_id", [p.id for p in projects])
    for project in projects:
        field = project.field_of_action
        field_name, _language = _german(field.name) if field else ("", None)

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


# --- Measures of the action concepts --------------------------------------------------------------


def _current_versions() -> list[ConceptVersion]:
    """Each region's latest published version (drafts never)."""
    latest = (
        select(ConceptVersion.region_id, func.max(ConceptVersion.number).label("number"))
        .where(ConceptVersion.state == VersionState.PUBLISHED)
        .group_by(ConceptVersion.region_id)
        .subquery()
    )
    return list(
        db.session.scalars(
            select(ConceptVersion).join(
                latest,
                (ConceptVersion.region_id == latest.c.region_id)
                & (ConceptVersion.number == latest.c.number),
            )
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
    proposals = _public_proposal_ids(measure_proposals, "item_id", measure_ids)
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
            "field_of_action_name_de": _german(field.name)[0],
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


# --- Participation per region and month (the monitoring's public indicators) ---------------------

PARTICIPATION_MONTHS = 24
_PARTICIPATION_COUNTS = ("proposals", "comments", "statements", "votes", "on_site", "on_behalf")


def _participation_rows() -> Iterator[dict]:
    """Every region and every month of the last 24, zeros included, in one grouped query
    (`monitoring.participation`, which also says what counts). Active persons below 5, and
    those hidden with them, are suppressed: the value is empty and `active_persons_suppressed`
    true."""

    filters = Filters(Period.recent(PARTICIPATION_MONTHS))
    figures = participation(filters, ("region", "month"))
    # The same suppression as the dashboard's (regions and months as one table), so the
    # dashboard's monthly figure for all regions minus these rows reveals no hidden region.
    persons_table = active_persons(filters)
    regions = db.session.scalars(
        select(Region).order_by(
            Region.kind != RegionKind.MODEL_REGION, Region.position, Region.slug
        )
    ).all()
    for region in regions:
        for month in filters.period.month_keys:
            group = figures.get((region.id, month), ParticipationFigures())
            persons = persons_table.cells.get((region.id, month), Cell(0))
            yield {
                "region_slug": region.slug,
                "month": month,
                **{name: getattr(group, name) for name in _PARTICIPATION_COUNTS},
                # Nobody active in a group with no rows: 0, not "no value".
                "active_persons": None if persons.suppressed else (persons.value or 0),
                "active_persons_suppressed": persons.suppressed,
            }


def _participation_changed() -> datetime | None:
    """The time of the latest published contribution or vote."""
    return max(
        (
            moment
            for moment in db.session.execute(
                select(
                    select(func.max(Contribution.created_at))
                    .where(Contribution.moderation_state.in_(ModerationState.VISIBLE))
                    .scalar_subquery(),
                    select(func.max(Vote.created_at)).scalar_subquery(),
                )
            ).one()
            if moment is not None
        ),
        default=None,
    )


register(
    Dataset(
        name="participation-by-region-month",
        title=_l("Participation per region and month"),
        description=_l(
            "The public participation figures of the monitoring for each region and calendar "
            "month (German time) of the last 24 months: proposals, comments, statements and "
            "votes, contributions collected on site or published on behalf of an organisation, "
            "and active persons. Only published contributions of published consultations "
            "count. To protect privacy, a number of active persons from 1 to 4 is not given."
        ),
        columns=(
            Column("region_slug", ColumnType.TEXT, _l("The region (short name).")),
            Column("month", ColumnType.TEXT, _l("The calendar month, as YYYY-MM.")),
            Column(
                "proposals",
                ColumnType.INTEGER,
                _l("Proposals written in the month (published, not withdrawn)."),
            ),
            Column(
                "comments",
                ColumnType.INTEGER,
                _l("Comments on proposals and on draft action concepts written in the month."),
            ),
            Column(
                "statements",
                ColumnType.INTEGER,
                _l("Statements of organisations published in the month."),
            ),
            Column("votes", ColumnType.INTEGER, _l("Votes cast in the month.")),
            Column(
                "on_site",
                ColumnType.INTEGER,
                _l("Of the contributions, those collected at on-site events."),
            ),
            Column(
                "on_behalf",
                ColumnType.INTEGER,
                _l("Of the contributions, those published on behalf of an organisation."),
            ),
            Column(
                "active_persons",
                ColumnType.INTEGER,
                _l(
                    "People who wrote a contribution online or voted in the month; empty when "
                    "fewer than 5 (see the next column)."
                ),
            ),
            Column(
                "active_persons_suppressed",
                ColumnType.BOOLEAN,
                _l("true when active_persons is left empty because it lies between 1 and 4."),
            ),
        ),
        rows=_participation_rows,
        last_changed=_participation_changed,
    )
)
