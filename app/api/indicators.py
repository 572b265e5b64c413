"""The public participation indicators of the monitoring pages (app/monitoring), per region
and Berlin month, for a period and optionally one field of action.

The figures are the pages' own (`monitoring.dashboard.participation` and `active_persons`, with
their cache): what counts is written in app/monitoring/participation.py. Active persons from 1
to 4 are never given, and neither is any figure that would let one work them out: every
active-person figure (a region's month, a region's period, a month of all regions, the whole)
comes from the one table the pages suppress together, so the API and the pages hide the same
cells. Only the public indicators appear here, never the ministry's internal ones.
"""

from flask import url_for
from pydantic import BaseModel, Field

from app.api.models import Schema
from app.api.spec import endpoint
from app.monitoring import dashboard
from app.monitoring.filters import Filters
from app.monitoring.participation import ParticipationFigures
from app.monitoring.periods import MAX_MONTHS, Period, month_key
from app.monitoring.suppression import Cell

TAG = "Indicators"
# YYYY-MM from 2000-01 to 2100-12, the months the pages accept.
MONTH = r"^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$"
NO_FIELD = 0  # ids start at 1: a filter by it matches nothing
COUNTS = ("proposals", "comments", "statements", "votes", "on_site", "on_behalf")


class IndicatorQuery(BaseModel):
    region: str | None = Field(
        default=None, max_length=60, description="Only this region (its slug)."
    )
    field: str | None = Field(
        default=None,
        max_length=60,
        description="Only contributions and votes of this field of action (its slug); "
        "statements and comments on action concepts have no field and drop out. A slug of no "
        "field counts nothing.",
    )
    from_month: str | None = Field(
        default=None,
        pattern=MONTH,
        description="First month of the period (YYYY-MM, German time). Without `from_month` "
        "and `to_month`: the last 12 months up to the current one; with one of them, the other "
        "end stays as there. As on the pages, a reversed period or one longer than "
        f"{MAX_MONTHS} months gives that default; `period` in the response names the period "
        "the figures cover.",
    )
    to_month: str | None = Field(
        default=None,
        pattern=MONTH,
        description=f"Last month of the period (YYYY-MM); at most {MAX_MONTHS} months in all.",
    )


class IndicatorFigures(Schema):
    proposals: int = Field(description="Proposals written (published, not withdrawn).")
    comments: int = Field(description="Comments on proposals and on draft action concepts.")
    statements: int = Field(description="Statements of organisations.")
    votes: int = Field(description="Votes cast.")
    on_site: int = Field(description="Of the contributions, those collected at on-site events.")
    on_behalf: int = Field(
        description="Of the contributions, those published on behalf of an organisation."
    )
    active_persons: int | None = Field(
        description="People who wrote a contribution online or voted; null when suppressed."
    )
    active_persons_suppressed: bool = Field(
        description="True when `active_persons` is withheld: it lies between 1 and 4, or it "
        "would let a withheld figure be worked out from the others."
    )

    @classmethod
    def of(cls, counts: ParticipationFigures, persons: Cell) -> "IndicatorFigures":
        return cls(
            **{name: getattr(counts, name) for name in COUNTS},
            active_persons=None if persons.suppressed else int(persons.value or 0),
            active_persons_suppressed=persons.suppressed,
        )


class IndicatorMonth(IndicatorFigures):
    month: str = Field(description="YYYY-MM, German time.")


class IndicatorTotals(Schema):
    period: IndicatorFigures = Field(description="The whole period.")
    months: list[IndicatorMonth] = Field(description="Each month of the period, zeros included.")


class RegionIndicators(IndicatorTotals):
    region: str = Field(description="The region's slug.")


class IndicatorPeriod(Schema):
    from_month: str
    to_month: str


class IndicatorsOut(Schema):
    period: IndicatorPeriod
    field_of_action: str | None = Field(description="The field of action filtered by, if any.")
    all_regions: IndicatorTotals = Field(description="All regions together, as on the dashboard.")
    regions: list[RegionIndicators] = Field(
        description="Each region (or the one asked for; none when no region has that slug), "
        "model regions first."
    )
    dashboard: str = Field(description="The monitoring page with these figures on the site.")


def _period(query: IndicatorQuery) -> Period:
    """The period asked for, read as the pages read it: a reversed period, or one longer than
    MAX_MONTHS, gives the default (the response names the period it covers)."""
    return Period.from_args(query.from_month, query.to_month)


@endpoint(
    "/indicators",
    tag=TAG,
    summary="Public participation indicators",
    description="The monitoring's public participation figures per region and month (German "
    "time) of a period, as on the monitoring pages: contributions, votes and active persons. "
    "Active persons from 1 to 4 are withheld, together with any figure that would reveal them.",
    query=IndicatorQuery,
    response=IndicatorsOut,
)
def indicators(query: IndicatorQuery):
    period = _period(query)
    regions = dashboard.all_regions()
    if query.region:  # a slug of no region: no region's figures
        regions = [region for region in regions if region.slug == query.region]
    field_id = None
    if query.field:  # a slug of no (active) field of action: nothing counts
        field = next((f for f in dashboard.fields_of_action() if f.slug == query.field), None)
        field_id = field.id if field is not None else NO_FIELD
    filters = Filters(period, field_id)
    figures = dashboard.participation(filters, ("region", "month"))
    months = period.month_keys

    def counts(region_ids, month_keys) -> ParticipationFigures:
        total = ParticipationFigures()
        for region_id in region_ids:
            for month in month_keys:
                found = figures.get((region_id, month))
                if found is not None:
                    for name in COUNTS:
                        setattr(total, name, getattr(total, name) + getattr(found, name))
        return total

    def of_region(region) -> RegionIndicators:
        return RegionIndicators(
            region=region.slug,
            period=IndicatorFigures.of(
                counts([region.id], months), dashboard.active_persons(filters, region)
            ),
            months=[
                IndicatorMonth(
                    month=month,
                    **IndicatorFigures.of(
                        counts([region.id], [month]),
                        dashboard.active_persons(filters, region, month),
                    ).model_dump(),
                )
                for month in months
            ],
        )

    every_region = {key[0] for key in figures}
    everything = IndicatorTotals(
        period=IndicatorFigures.of(counts(every_region, months), dashboard.active_persons(filters)),
        months=[
            IndicatorMonth(
                month=month,
                **IndicatorFigures.of(
                    counts(every_region, [month]), dashboard.active_persons(filters, month=month)
                ).model_dump(),
            )
            for month in months
        ],
    )
    page_args = {**filters.period.query_args()}
    if field_id not in (None, NO_FIELD):
        page_args["field"] = field_id
    page = (
        url_for("monitoring.region", slug=regions[0].slug, _external=True, **page_args)
        if regions and query.region
        else url_for("monitoring.dashboard", _external=True, **page_args)
    )
    return IndicatorsOut(
        period=IndicatorPeriod(from_month=month_key(period.first), to_month=month_key(period.last)),
        field_of_action=query.field or None,
        all_regions=everything,
        regions=[of_region(region) for region in regions],
        dashboard=page,
    )
