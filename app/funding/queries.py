"""Reading the programme catalogue: filters, the deadlines-soon view."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_

from app.extensions import db
from app.funding.deadlines import today_in_hesse
from app.funding.models import (
    FunderLevel,
    FundingProgramme,
    ProgrammeStatus,
    programme_fields_of_action,
    programme_regions,
)
from app.regions.models import FieldOfAction, Region

WEEK_CHOICES = (2, 4, 8, 12, 26)


@dataclass
class ProgrammeFilters:
    q: str = ""
    field: str | None = None  # field-of-action slug
    region: str | None = None  # region slug
    level: str | None = None
    open_now: bool = False
    within_weeks: int | None = None

    @classmethod
    def from_args(cls, args, region_slugs: set[str], field_slugs: set[str]) -> "ProgrammeFilters":
        """Only known values count; anything else is ignored, never an error."""
        # Compared as text: int() refuses some digits ("²") and very long numbers.
        weeks = args.get("within", "")
        weeks = weeks if weeks in {str(choice) for choice in WEEK_CHOICES} else ""
        return cls(
            # Control characters become spaces: a NUL would end SQLite's LIKE pattern early
            # (matching everything) and PostgreSQL refuses it in a string (an error page).
            q=" ".join(
                "".join(
                    ch if ch.isprintable() else " " for ch in (args.get("q") or "")[:100]
                ).split()
            ),
            field=args.get("field") if args.get("field") in field_slugs else None,
            region=args.get("region") if args.get("region") in region_slugs else None,
            level=args.get("level") if args.get("level") in FunderLevel.ALL else None,
            open_now=args.get("open") == "1",
            within_weeks=int(weeks) if weeks else None,
        )

    def as_args(self) -> dict:
        args = {
            "q": self.q or None,
            "field": self.field,
            "region": self.region,
            "level": self.level,
            "open": "1" if self.open_now else None,
            "within": self.within_weeks,
        }
        return {key: value for key, value in args.items() if value}


def programmes(filters: ProgrammeFilters, today: date | None = None) -> list[tuple]:
    """[(programme, next deadline date or None)] matching the filters, by next deadline.

    The catalogue is small (dozens to a few hundred programmes), so the deadline filter runs in
    Python over the rows SQL has already narrowed down; recurring deadlines need the calendar
    arithmetic of deadlines.py anyway.
    """
    today = today or today_in_hesse()
    query = db.select(FundingProgramme)
    if filters.q:
        query = query.where(
            FundingProgramme.search_key.contains(filters.q.casefold(), autoescape=True)
        )
    if filters.level:
        query = query.where(FundingProgramme.funder_level == filters.level)
    if filters.open_now:
        query = query.where(FundingProgramme.status == ProgrammeStatus.OPEN)
    if filters.field:
        query = query.where(
            FundingProgramme.id.in_(
                db.select(programme_fields_of_action.c.programme_id)
                .join(
                    FieldOfAction,
                    FieldOfAction.id == programme_fields_of_action.c.field_of_action_id,
                )
                .where(FieldOfAction.slug == filters.field)
            )
        )
    if filters.region:
        query = query.where(
            or_(
                FundingProgramme.all_regions.is_(True),
                FundingProgramme.id.in_(
                    db.select(programme_regions.c.programme_id)
                    .join(Region, Region.id == programme_regions.c.region_id)
                    .where(Region.slug == filters.region)
                ),
            )
        )
    rows = []
    horizon = today + timedelta(weeks=filters.within_weeks) if filters.within_weeks else None
    for programme in db.session.scalars(query.order_by(FundingProgramme.name)).all():
        upcoming = programme.next_deadline(today)
        due = upcoming[0] if upcoming else None
        # A closed programme takes no applications: no deadline of it is "soon" (as in
        # deadlines_soon).
        if horizon is not None and (
            due is None or due > horizon or programme.status == ProgrammeStatus.CLOSED
        ):
            continue
        rows.append((programme, due))
    # Programmes with a deadline first, soonest first; then the rest by name.
    rows.sort(key=lambda row: (row[1] is None, row[1] or date.max, row[0].name.casefold()))
    return rows


def deadlines_soon(weeks: int = 8, today: date | None = None) -> list[tuple]:
    """[(date, programme, deadline)] of every deadline in the next `weeks`, soonest first
    (a recurring deadline counts with its next occurrence)."""
    today = today or today_in_hesse()
    horizon = today + timedelta(weeks=weeks)
    found = []
    for programme in db.session.scalars(
        db.select(FundingProgramme).where(FundingProgramme.status != ProgrammeStatus.CLOSED)
    ).all():
        for deadline in programme.deadlines:
            due = deadline.next_occurrence(today)
            if due is not None and due <= horizon:
                found.append((due, programme, deadline))
    found.sort(key=lambda row: (row[0], row[1].name.casefold()))
    return found


def programme_or_404(programme_id: int) -> FundingProgramme:
    return db.get_or_404(FundingProgramme, programme_id)


def fundings_of_programme(programme: FundingProgramme) -> list:
    """The ProjectFunding rows of a programme with their projects and regions, by region and
    project title."""
    from sqlalchemy.orm import contains_eager

    from app.projects.models import ProjectApproach, ProjectFunding

    rows = (
        db.session.scalars(
            db.select(ProjectFunding)
            .join(ProjectApproach, ProjectApproach.id == ProjectFunding.project_id)
            .join(Region, Region.id == ProjectApproach.region_id)
            .options(contains_eager(ProjectFunding.project).contains_eager(ProjectApproach.region))
            .where(ProjectFunding.programme_id == programme.id)
            .order_by(Region.position, ProjectApproach.title, ProjectFunding.id)
        )
        .unique()
        .all()
    )
    return list(rows)
