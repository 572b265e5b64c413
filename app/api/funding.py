"""Funding programmes: the public catalogue, filtered as on its page (app/funding).

The catalogue is small (dozens to a few hundred programmes) and ordered by the next application
deadline, which recurring deadlines make a calendar computation rather than a column: the list
is given whole, in the page's order, through the page's own query (`funding.queries`). The
funder's contact stays on the programme's page (`url`): the API gives no one's e-mail address.
"""

from collections import defaultdict
from datetime import date
from typing import Literal

from flask import url_for
from pydantic import BaseModel, Field
from sqlalchemy import select

from app.api.models import Collection, Day, Schema, TranslatedText, UtcDateTime, texts
from app.api.spec import endpoint
from app.extensions import db
from app.funding import queries
from app.funding.deadlines import today_in_hesse
from app.funding.models import FunderLevel, FundingProgramme, ProgrammeStatus, Recurrence
from app.projects.models import FundingState, ProjectFunding
from app.regions import queries as region_queries

TAG = "Funding programmes"
Level = Literal[FunderLevel.ALL]


class ProgrammeQuery(BaseModel):
    q: str | None = Field(
        default=None, max_length=100, description="Words in the name, funder or target groups."
    )
    level: Level | None = Field(default=None, description="The funder's level.")
    field: str | None = Field(
        default=None, max_length=60, description="Supports this field of action (its slug)."
    )
    region: str | None = Field(
        default=None,
        max_length=60,
        description="This region may apply (its slug): programmes open to every region and "
        "those naming it.",
    )
    open: bool = Field(default=False, description="Only programmes open for applications now.")
    within_weeks: int | None = Field(
        default=None,
        ge=1,
        le=104,
        description="Only programmes whose next application deadline lies within this many "
        "weeks (closed programmes never).",
    )


class ProgrammeDeadlineOut(Schema):
    due_on: Day = Field(description="The date, or the first date of a series.")
    recurrence: Literal[Recurrence.ALL] = Field(
        description="`none` (once), or repeating `yearly`, `half_yearly`, `quarterly` from "
        "`due_on` on."
    )
    label: str = Field(description="What the deadline is for; may be empty.")
    next_on: Day | None = Field(
        description="Its next date from today (the calendar day in Hesse); null once passed."
    )


class FundingOfProgramme(Schema):
    project_id: int
    state: Literal[FundingState.ALL] = Field(
        description="`applied` (no decision yet), `granted` or `declined`."
    )
    amount: int | None = Field(description="Whole euros, if stated.")
    project: str = Field(description="The API address of the project approach.")


class ProgrammeOut(Schema):
    id: int
    name: str
    funder: str
    funder_level: Level
    status: Literal[ProgrammeStatus.ALL] = Field(
        description="`announced`, `open` (applications possible) or `closed`."
    )
    fields_of_action: list[str] = Field(
        description="Slugs of the fields of action it supports; empty when not limited."
    )
    all_regions: bool = Field(description="Every region may apply.")
    regions: list[str] = Field(
        description="Slugs of the regions that may apply; empty when all may."
    )
    target_groups: str
    amount_min: int | None = Field(description="Smallest amount in whole euros, if stated.")
    amount_max: int | None = Field(description="Largest amount in whole euros, if stated.")
    co_funding_percent: int | None = Field(
        description="Share in per cent the applicant pays, if stated."
    )
    next_deadline: Day | None = Field(
        description="The next application deadline from today (the calendar day in Hesse)."
    )
    deadlines: list[ProgrammeDeadlineOut] = Field(description="By date.")
    description: TranslatedText
    website: str | None = Field(description="The programme's own web page, if known.")
    projects: list[FundingOfProgramme] = Field(
        description="Project approaches that applied to it, and what became of that."
    )
    updated_at: UtcDateTime
    url: str = Field(description="The programme's page on the site.")

    @classmethod
    def of(
        cls, programme: FundingProgramme, today: date, fundings: list["FundingOfProgramme"]
    ) -> "ProgrammeOut":
        upcoming = programme.next_deadline(today)
        return cls(
            id=programme.id,
            name=programme.name,
            funder=programme.funder,
            funder_level=programme.funder_level,
            status=programme.status,
            fields_of_action=[field.slug for field in programme.fields_of_action],
            all_regions=programme.all_regions,
            regions=[] if programme.all_regions else [region.slug for region in programme.regions],
            target_groups=programme.target_groups,
            amount_min=programme.amount_min,
            amount_max=programme.amount_max,
            co_funding_percent=programme.co_funding_percent,
            next_deadline=upcoming[0] if upcoming else None,
            deadlines=[
                ProgrammeDeadlineOut(
                    due_on=deadline.due_on,
                    recurrence=deadline.recurrence,
                    label=deadline.label,
                    next_on=deadline.next_occurrence(today),
                )
                for deadline in programme.deadlines
            ],
            description=texts(programme.description),
            website=programme.url or None,
            projects=fundings,
            updated_at=programme.updated_at,
            url=url_for("funding.detail", programme_id=programme.id, _external=True),
        )


class ProgrammeList(Collection):
    data: list[ProgrammeOut] = Field(
        description="Programmes with a next deadline first, soonest first; then the rest by name."
    )


def fundings_of(programme_ids: list[int]) -> dict[int, list]:
    """{programme id: [its project fundings]} in one statement, by project."""
    if not programme_ids:
        return {}
    rows = db.session.execute(
        select(
            ProjectFunding.programme_id,
            ProjectFunding.project_id,
            ProjectFunding.state,
            ProjectFunding.amount,
        )
        .where(ProjectFunding.programme_id.in_(programme_ids))
        .order_by(ProjectFunding.programme_id, ProjectFunding.project_id)
    ).all()
    found = defaultdict(list)
    for programme_id, project_id, state, amount in rows:
        found[programme_id].append(
            FundingOfProgramme(
                project_id=project_id,
                state=state,
                amount=amount,
                project=url_for("api.project_approach", approach_id=project_id, _external=True),
            )
        )
    return found


def _filters(query: ProgrammeQuery) -> queries.ProgrammeFilters | None:
    """The page's filters from the API's parameters; None when a slug names nothing (then
    nothing matches, rather than the filter being dropped as the page's form does)."""
    if query.region and query.region not in {r.slug for r in region_queries.regions_in_order()}:
        return None
    if query.field and query.field not in {f.slug for f in region_queries.fields_of_action()}:
        return None
    # The page's own parsing normalises the search words (control characters, length).
    filters = queries.ProgrammeFilters.from_args(
        {"q": query.q or ""}, region_slugs=set(), field_slugs=set()
    )
    filters.field, filters.region, filters.level = query.field, query.region, query.level
    filters.open_now, filters.within_weeks = query.open, query.within_weeks
    return filters


@endpoint(
    "/funding-programmes",
    tag=TAG,
    summary="The catalogue of funding programmes",
    description="Filtered as on the catalogue page: search words, funder level, field of "
    "action, eligible region, open for applications, next deadline within some weeks.",
    query=ProgrammeQuery,
    response=ProgrammeList,
)
def funding_programmes(query: ProgrammeQuery):
    filters = _filters(query)
    if filters is None:
        return ProgrammeList(data=[])
    today = today_in_hesse()
    rows = queries.programmes(filters, today)
    fundings = fundings_of([programme.id for programme, _due in rows])
    return ProgrammeList(
        data=[
            ProgrammeOut.of(programme, today, fundings.get(programme.id, []))
            for programme, _due in rows
        ]
    )


@endpoint(
    "/funding-programmes/<int:programme_id>",
    tag=TAG,
    summary="One funding programme",
    response=ProgrammeOut,
)
def funding_programme(programme_id: int):
    programme = queries.programme_or_404(programme_id)
    return ProgrammeOut.of(
        programme, today_in_hesse(), fundings_of([programme.id]).get(programme.id, [])
    )
