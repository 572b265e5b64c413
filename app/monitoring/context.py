"""The catalogue of context indicators: figures from official statistics that give the
platform's own figures their meaning ("12 % of participants are under 30" says little without
the region's population).

A fixed catalogue (rather than free labels) keeps the same figure comparable across the six
regions. Each entry has a stable key, a translated name and a unit.
"""

from dataclasses import dataclass

from app.core.i18n import _l


class Unit:
    PERSONS = "persons"
    PERCENT = "percent"
    ALL = (PERSONS, PERCENT)


@dataclass(frozen=True)
class ContextKind:
    key: str
    name: object  # lazy gettext string
    unit: str
    # The platform figure this one is shown beside, if any (see dashboard.py).
    compares_with: str | None = None


CONTEXT_INDICATORS: dict[str, ContextKind] = {
    kind.key: kind
    for kind in (
        ContextKind("population", _l("Population"), Unit.PERSONS),
        ContextKind(
            "migration_background_share",
            _l("Share of the population with a migration background"),
            Unit.PERCENT,
            compares_with="profile_migration_experience_share",
        ),
        ContextKind(
            "foreign_nationals_share",
            _l("Share of the population without German citizenship"),
            Unit.PERCENT,
        ),
        ContextKind(
            "protection_seekers",
            _l("People seeking protection (refugees and asylum seekers)"),
            Unit.PERSONS,
        ),
        ContextKind(
            "under_18_migration_background_share",
            _l("Share of under-18s with a migration background"),
            Unit.PERCENT,
        ),
        ContextKind(
            "unemployment_rate_foreign_nationals",
            _l("Unemployment rate of people without German citizenship"),
            Unit.PERCENT,
        ),
    )
}


def context_kind(key: str) -> ContextKind | None:
    return CONTEXT_INDICATORS.get(key)
