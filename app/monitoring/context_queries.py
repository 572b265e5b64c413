"""Read side of the context indicators: a region's figures, the latest figure per region and
catalogue entry (for the dashboards), and how a figure reads in the reader's locale."""

import copy
from decimal import Decimal

from flask import abort
from flask_babel import format_decimal, get_locale
from sqlalchemy import func

from app.accounts.models import User
from app.extensions import db
from app.monitoring.context import CONTEXT_INDICATORS, Unit
from app.monitoring.models import ContextIndicator


def indicator_or_404(indicator_id: int) -> ContextIndicator:
    indicator = db.session.get(ContextIndicator, indicator_id)
    if indicator is None:
        abort(404)
    return indicator


def indicators_of_region(region_id: int) -> list[ContextIndicator]:
    """All figures of a region, by catalogue key and year (newest first)."""
    query = (
        db.select(ContextIndicator)
        .where(ContextIndicator.region_id == region_id)
        .order_by(ContextIndicator.key, ContextIndicator.year.desc())
    )
    return list(db.session.scalars(query))


def latest_context(region_ids) -> dict[tuple[int, str], ContextIndicator]:
    """{(region_id, key): the figure of the latest year} for catalogue entries, in one query.

    A region without a figure for an entry has no key in the result.
    """
    region_ids = list(region_ids)
    if not region_ids:
        return {}
    newest = (
        db.select(
            ContextIndicator.region_id.label("region_id"),
            ContextIndicator.key.label("key"),
            func.max(ContextIndicator.year).label("year"),
        )
        .where(
            ContextIndicator.region_id.in_(region_ids),
            ContextIndicator.key.in_(list(CONTEXT_INDICATORS)),
        )
        .group_by(ContextIndicator.region_id, ContextIndicator.key)
        .subquery()
    )
    query = db.select(ContextIndicator).join(
        newest,
        (ContextIndicator.region_id == newest.c.region_id)
        & (ContextIndicator.key == newest.c.key)
        & (ContextIndicator.year == newest.c.year),
    )
    return {(row.region_id, row.key): row for row in db.session.scalars(query)}


def entered_by_names(indicators) -> dict[int, str]:
    """{user id: display name} of the people who entered `indicators` (one query, none when
    there is nobody to look up). A deleted account has no entry."""
    ids = {item.entered_by_id for item in indicators if item.entered_by_id is not None}
    if not ids:
        return {}
    rows = db.session.execute(db.select(User.id, User.display_name).where(User.id.in_(ids)))
    return dict(rows.tuples().all())


def grouped_by_kind(indicators) -> list[tuple[object, list[ContextIndicator]]]:
    """[(ContextKind, its figures newest first)] in catalogue order, every entry included
    (an empty list where the region has no figure yet)."""
    by_key: dict[str, list[ContextIndicator]] = {key: [] for key in CONTEXT_INDICATORS}
    for item in indicators:
        if item.key in by_key:
            by_key[item.key].append(item)
    return [
        (kind, sorted(by_key[key], key=lambda item: item.year, reverse=True))
        for key, kind in CONTEXT_INDICATORS.items()
    ]


def format_value(value: float, unit: str) -> str:
    """A figure as readers of the current locale write it: "23,4 %" (de), "%23,4" (tr),
    "254.000" persons (de), "254,000" (en)."""
    if unit == Unit.PERCENT:
        locale = get_locale()
        pattern = copy.copy(locale.percent_formats[None])
        pattern.frac_prec = (1, 1)
        return pattern.apply(Decimal(str(value)) / 100, locale)
    return format_decimal(round(value))
