"""The monitoring's public participation figures per region and month."""

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import func, select

from app.core.i18n import _l
from app.core.models import Contribution, ModerationState
from app.extensions import db
from app.monitoring.filters import Filters
from app.monitoring.participation import ParticipationFigures, active_persons, participation
from app.monitoring.periods import Period
from app.monitoring.suppression import Cell
from app.opendata.datasets.base import Column, ColumnType, Dataset, register
from app.regions.models import Region, RegionKind
from app.votes.models import Vote

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
