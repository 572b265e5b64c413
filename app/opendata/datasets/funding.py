"""The catalogue of funding programmes."""

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import func, select

from app.core.i18n import _l
from app.extensions import db
from app.funding.deadlines import today_in_hesse
from app.funding.models import FundingProgramme, ProgrammeDeadline, Recurrence
from app.opendata.datasets.base import Column, ColumnType, Dataset, german, register

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
        description, description_language = german(programme.description)
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
