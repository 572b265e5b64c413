"""Entering, changing and deleting context indicators (rule "context.manage").

A figure belongs to one region, one entry of the catalogue (`context.CONTEXT_INDICATORS`) and
one year; the database keeps one figure per region, entry and year. The rules on values live
here, and the form asks the same functions, so both give the same message.
"""

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from sqlalchemy.exc import IntegrityError

from app.core.errors import DomainError
from app.core.i18n import _
from app.core.locking import insert_unique
from app.core.permissions import require
from app.extensions import db
from app.funding.deadlines import today_in_hesse
from app.monitoring.context import CONTEXT_INDICATORS, Unit, context_kind
from app.monitoring.models import ContextIndicator

FIRST_YEAR = 1950
# Far above any region's (or Germany's) population, so a slip of the keyboard is caught.
MOST_PERSONS = 100_000_000
MAX_SOURCE = 300
MAX_SOURCE_URL = 500
MAX_NOTE = 2000


@dataclass
class ContextDetails:
    key: str
    year: int
    value: Decimal
    source: str
    source_url: str = ""
    note: str = ""


def latest_year() -> int:
    """The current year in Hesse: figures describe years that have begun."""
    return today_in_hesse().year


def year_problem(year: int | None) -> str | None:
    """Why `year` cannot be a figure's year, or None."""
    last = latest_year()
    if year is None or not FIRST_YEAR <= year <= last:
        return _("Please enter a year from %(first)d to %(last)d.", first=FIRST_YEAR, last=last)
    return None


def value_problem(unit: str, value: Decimal | None) -> str | None:
    """Why `value` cannot be a figure in `unit`, or None.

    Percentages have at most one decimal place (as official statistics publish them, and as
    the pages show them); persons are whole numbers typed without separators, so "254.000"
    (a German thousands point) is refused instead of being read as 254.
    """
    if value is None or not value.is_finite():
        return _("Please enter a number, for example 23,4.")
    if value < 0:
        return _("A figure cannot be negative. Please enter 0 or more.")
    decimals = -value.as_tuple().exponent
    if unit == Unit.PERCENT:
        if value > 100:
            return _("A share cannot be more than 100 per cent.")
        if decimals > 1:
            return _("Please enter the share with at most one decimal place, for example 23,4.")
    elif unit == Unit.PERSONS:
        if decimals > 0:
            return _(
                "Please enter a whole number of persons without points or commas, "
                "for example 254000."
            )
        if value > MOST_PERSONS:
            return _("Please check the number: it is larger than any region's population.")
    return None


def source_url_problem(url: str) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or "." not in parts.hostname
        or any(ch.isspace() for ch in url)
        or len(url) > MAX_SOURCE_URL
    ):
        return _(
            "Please enter a web address starting with https://, for example https://verein.de."
        )
    return None


def _apply(indicator: ContextIndicator, details: ContextDetails) -> None:
    kind = context_kind(details.key)
    if kind is None:
        raise DomainError(_("Please choose a figure from the list."), field="indicator")
    for field, problem in (
        ("year", year_problem(details.year)),
        ("value", value_problem(kind.unit, details.value)),
        ("source_url", source_url_problem(details.source_url.strip())),
    ):
        if problem:
            raise DomainError(problem, field=field)
    source = details.source.strip()
    if not source:
        raise DomainError(_("Please name the source of the figure."), field="source")
    if len(source) > MAX_SOURCE:
        raise DomainError(_("Please shorten the source."), field="source")
    if len(details.note.strip()) > MAX_NOTE:
        raise DomainError(_("Please shorten the note."), field="note")
    indicator.key = details.key
    indicator.year = details.year
    indicator.value = float(details.value)
    indicator.source = source
    indicator.source_url = details.source_url.strip()
    indicator.note = details.note.strip()


def _duplicate(details: ContextDetails) -> DomainError:
    return DomainError(
        _(
            "There is already a figure for “%(name)s” in %(year)d. Please change that one "
            "instead, or choose another year.",
            name=CONTEXT_INDICATORS[details.key].name,
            year=details.year,
        ),
        status_code=409,
        field="year",
    )


def add_indicator(user, region, details: ContextDetails) -> ContextIndicator:
    require(user, "context.manage", region)
    indicator = ContextIndicator(region_id=region.id, region=region, entered_by_id=user.id)
    _apply(indicator, details)
    insert_unique(indicator, _duplicate(details))
    return indicator


def edit_indicator(user, indicator: ContextIndicator, details: ContextDetails) -> None:
    """Change a figure; the person who saves it is recorded as the one who entered it."""
    require(user, "context.manage", indicator)
    _apply(indicator, details)
    indicator.entered_by_id = user.id
    try:
        db.session.flush()
    except IntegrityError:
        # Another figure of the region already has this entry and year (the caller rolls back).
        raise _duplicate(details) from None


def delete_indicator(user, indicator: ContextIndicator) -> None:
    require(user, "context.manage", indicator)
    db.session.delete(indicator)
    db.session.flush()
