"""Participation profiles: the owner's own profile, and the only aggregate reading of them.

Profiles are read in two ways only: the owner's own form (`own_profile`), and
`profile_tables()`, which returns suppressed tables (see suppression.py). Writing (saving with
consent, withdrawing) is in profile_services.py. Profiles are a snapshot of everyone who
consented; they are not filtered by period or field of action, so two filter choices can never
be subtracted from one another to single out a person.

The three tables share their row totals (profiles per region) and grand total; `build_tables`
hides those alike in all three (see there), so figures of one table cannot open another.
"""

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.monitoring.models import (
    AgeBand,
    MigrationExperience,
    ParticipationProfile,
    ProfileLanguage,
)
from app.monitoring.profile_forms import HOME_LANGUAGES
from app.monitoring.suppression import (
    EMPTY,
    SUPPRESSED,
    Cell,
    SuppressedTable,
    share,
    suppress_table,
)
from app.regions.models import Region, RegionKind

# Columns of the tables; None stands for "not answered".
QUESTIONS = ("age_band", "migration_experience", "home_languages")


def own_profile(user) -> ParticipationProfile | None:
    """The user's own profile with its languages, or None (also for anonymous visitors)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(
        select(ParticipationProfile)
        .where(ParticipationProfile.user_id == user.id)
        .options(selectinload(ParticipationProfile.languages))
    )


def _language_order(code: str) -> tuple:
    return (0, HOME_LANGUAGES.index(code), "") if code in HOME_LANGUAGES else (1, 0, code)


def profile_tables() -> dict[str, SuppressedTable]:
    """For each question: rows are region ids (None: no home region given) with at least one
    profile, columns the answer codes (plus None for not answered; for languages, each language
    named by anyone), cells person counts with primary and complementary suppression; row totals
    are the number of profiles of the region (for languages not a sum: additive_rows=False).

    Three grouped queries, however many profiles there are. Rows come in the order of the
    region lists (model regions first, by position), None last.
    """
    profile = ParticipationProfile
    region = profile.home_region_id

    # 1. Age bands per region; their sums are the profiles per region (every profile has one
    #    age answer, None included), so this query also gives the rows and their totals.
    age_rows = db.session.execute(
        select(
            region,
            Region.kind,
            Region.position,
            profile.age_band,
            func.count(profile.id),
        )
        .outerjoin(Region, Region.id == region)
        .group_by(region, Region.kind, Region.position, profile.age_band)
    ).all()
    # 2. Migration experience per region.
    migration_rows = db.session.execute(
        select(region, profile.migration_experience, func.count(profile.id)).group_by(
            region, profile.migration_experience
        )
    ).all()
    # 3. Languages per region: a profile counts once in each language it names; profiles that
    #    name none come out with language NULL ("not answered").
    language_rows = db.session.execute(
        select(region, ProfileLanguage.language, func.count(func.distinct(profile.id)))
        .select_from(profile)
        .outerjoin(ProfileLanguage, ProfileLanguage.profile_id == profile.id)
        .group_by(region, ProfileLanguage.language)
    ).all()

    order: dict = {}
    age_counts: dict = {}
    for region_id, kind, position, answer, count in age_rows:
        order[region_id] = (
            region_id is None,
            kind != RegionKind.MODEL_REGION,
            position or 0,
            region_id or 0,
        )
        age_counts[(region_id, answer)] = count
    return build_tables(
        sorted(order, key=order.__getitem__),
        age_counts,
        {(region_id, answer): count for region_id, answer, count in migration_rows},
        {(region_id, code): count for region_id, code, count in language_rows},
    )


def build_tables(
    rows: list, age_counts: dict, migration_counts: dict, language_counts: dict
) -> dict[str, SuppressedTable]:
    """The three suppressed tables from the counts per (region id, answer), rows in order.

    Each table is suppressed on its own, then their shared figures are aligned: all three
    publish the same profiles per region and the same grand total, so a total hidden in one
    table is hidden in all, or it could be taken from one table into another's lines. In the
    tables whose rows add up (age, migration), every cell of a row with a hidden total is
    hidden too. Then the hidden totals are linked through their rows' hidden cells in each
    table alike, so no combination of lines from the three tables solves for one of them, and
    every other hidden figure stays undetermined even by someone who knew every total.
    """
    profiles_per_region: dict = {}
    for (region_id, _answer), count in age_counts.items():
        profiles_per_region[region_id] = profiles_per_region.get(region_id, 0) + count
    named = sorted(
        {code for _region, code in language_counts if code is not None}, key=_language_order
    )
    tables = {
        "age_band": suppress_table(age_counts, rows, [*AgeBand.ALL, None]),
        "migration_experience": suppress_table(
            migration_counts, rows, [*MigrationExperience.ALL, None]
        ),
        "home_languages": suppress_table(
            language_counts,
            rows,
            [*named, None],
            row_totals={row: profiles_per_region.get(row, 0) for row in rows},
            additive_rows=False,
        ),
    }
    _align_shared_totals(tables, additive=("age_band", "migration_experience"))
    return tables


def _align_shared_totals(tables: dict[str, SuppressedTable], additive: tuple[str, ...]) -> None:
    if any(table.grand_total.suppressed for table in tables.values()):
        # Fewer than 5 profiles in all (or a table had to give up its grand total): nothing
        # can be shown without pointing at someone.
        for table in tables.values():
            _hide_everything(table)
        return
    hidden_rows = [
        row
        for row in next(iter(tables.values())).rows
        if any(table.row_totals[row].suppressed for table in tables.values())
    ]
    for name, table in tables.items():
        for row in hidden_rows:
            table.row_totals[row] = SUPPRESSED
            if name in additive:
                for column in table.columns:
                    table.cells[(row, column)] = SUPPRESSED


def _hide_everything(table: SuppressedTable) -> None:
    table.cells = dict.fromkeys(table.cells, SUPPRESSED)
    table.row_totals = dict.fromkeys(table.row_totals, SUPPRESSED)
    table.column_totals = dict.fromkeys(table.column_totals, SUPPRESSED)
    table.grand_total = SUPPRESSED


def _yes_share(yes: Cell, no: Cell) -> Cell:
    if yes.suppressed or no.suppressed:
        return SUPPRESSED
    if yes.value is None or no.value is None:
        return EMPTY
    return share(yes, Cell(yes.value + no.value))


def migration_experience_share(table: SuppressedTable) -> dict:
    """Per row (and "total"): the share answering yes among those answering yes or no, as a Cell,
    suppressed when either count is suppressed (else the share would reveal a hidden count)."""
    yes, no = MigrationExperience.YES, MigrationExperience.NO
    shares = {row: _yes_share(table.cell(row, yes), table.cell(row, no)) for row in table.rows}
    shares["total"] = _yes_share(table.column_totals[yes], table.column_totals[no])
    return shares


def profile_count(table: SuppressedTable) -> Cell:
    return table.grand_total
