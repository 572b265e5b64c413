"""Aggregate tables of participation profiles: hand-computed fixtures with primary and
complementary suppression, several languages per person, the share of migration experience,
a constant number of queries, and random populations checked against an attacker who
combines all three tables (their totals are the same figures).
"""

import random

import pytest
from sqlalchemy import delete

from app.extensions import db
from app.monitoring.models import AgeBand, MigrationExperience, ParticipationProfile
from app.monitoring.profiles import (
    QUESTIONS,
    build_tables,
    migration_experience_share,
    profile_count,
    profile_tables,
)
from app.monitoring.suppression import EMPTY, MIN_GROUP, SUPPRESSED, Cell, suppress_table
from app.regions.models import RegionKind
from tests.factories import make_region
from tests.monitoring.builders import participation_profiles
from tests.monitoring.disclosure import (
    as_equations,
    determined,
    figures,
    hidden_keys,
    lines,
    revealed,
)

U18, A18, A30, A45, A65, PREFER = AgeBand.ALL
YES, NO, PREFER_NOT = MigrationExperience.ALL
AGE_COLUMNS = [*AgeBand.ALL, None]
MIGRATION_COLUMNS = [*MigrationExperience.ALL, None]


def populate_b_and_c():
    """B: 12 profiles, C: 20 profiles (answers below); returns the regions."""
    b, c = make_region("region-b"), make_region("region-c")
    participation_profiles(6, region=b, age_band=A18, migration=YES, languages=["tr", "de"])
    participation_profiles(5, region=b, age_band=A30, migration=NO, languages=["de"])
    participation_profiles(1, region=b, age_band=A45, migration=NO, languages=["ar"])
    participation_profiles(5, region=c, age_band=A30, migration=YES, languages=["de", "ar"])
    participation_profiles(5, region=c, age_band=A30, migration=NO, languages=["de"])
    participation_profiles(7, region=c, age_band=A18, migration=NO, languages=["de"])
    participation_profiles(3, region=c, age_band=A18, migration=None, languages=["de"])
    return b, c


# --- hand-computed fixtures ----------------------------------------------------------------------


def test_one_small_cell_in_a_published_row_takes_a_second_cell_with_it():
    """Age in B: 6 + 5 + 1 = 12, published. The 1 alone would be 12 - 6 - 5, so the 5 goes too,
    and in the line of column totals (16 + 15 + 1 = 32) the total of 30-44 goes with the 1."""
    b, c = populate_b_and_c()
    db.session.commit()
    age = profile_tables()["age_band"]

    assert age.rows == [b.id, c.id]
    assert age.columns == AGE_COLUMNS
    assert [age.cell(b.id, column) for column in AGE_COLUMNS] == [
        Cell(0),
        Cell(6),
        SUPPRESSED,  # 5: the complementary cell, smallest other in the row
        SUPPRESSED,  # 1: below 5
        Cell(0),
        Cell(0),
        Cell(0),
    ]
    assert [age.cell(c.id, column) for column in AGE_COLUMNS] == [
        Cell(0),
        Cell(10),
        Cell(10),
        Cell(0),
        Cell(0),
        Cell(0),
        Cell(0),
    ]
    assert age.row_totals == {b.id: Cell(12), c.id: Cell(20)}
    assert [age.column_totals[column] for column in AGE_COLUMNS] == [
        Cell(0),
        Cell(16),
        SUPPRESSED,  # 15: complementary in the line of column totals
        SUPPRESSED,  # 1
        Cell(0),
        Cell(0),
        Cell(0),
    ]
    assert age.grand_total == Cell(32)
    # What is left: B's hidden cells add up to 12 - 6 = 6, the hidden column totals to
    # 32 - 16 = 16, each column to its hidden total: no line has a single unknown.
    assert revealed(age) == set()


def test_migration_experience_and_its_share():
    """Migration in C: yes 5, no 12, not answered 3 (below 5), so the 5 goes too; the shares
    follow: B 6 of 12, C hidden (its yes is hidden), the total hidden (yes total hidden)."""
    b, c = populate_b_and_c()
    db.session.commit()
    migration = profile_tables()["migration_experience"]

    assert migration.columns == MIGRATION_COLUMNS
    assert [migration.cell(b.id, column) for column in MIGRATION_COLUMNS] == [
        Cell(6),
        Cell(6),
        Cell(0),
        Cell(0),
    ]
    assert [migration.cell(c.id, column) for column in MIGRATION_COLUMNS] == [
        SUPPRESSED,
        Cell(12),
        Cell(0),
        SUPPRESSED,
    ]
    assert [migration.column_totals[column] for column in MIGRATION_COLUMNS] == [
        SUPPRESSED,  # 11: complementary to the 3 in the line of column totals
        Cell(18),
        Cell(0),
        SUPPRESSED,  # 3
    ]
    assert revealed(migration) == set()
    assert migration_experience_share(migration) == {
        b.id: Cell(50.0),
        c.id: SUPPRESSED,
        "total": SUPPRESSED,
    }


def test_languages_count_each_person_once_per_language_named():
    """Languages: B de 11, tr 6, ar 1; C de 20, ar 5. Row totals are persons (12 and 20), not
    sums, so only the columns are lines: the 1 in Arabic takes C's 5 with it."""
    b, c = populate_b_and_c()
    db.session.commit()
    languages = profile_tables()["home_languages"]

    assert languages.columns == ["de", "tr", "ar", None]  # in the order of the form
    assert [languages.cell(b.id, column) for column in languages.columns] == [
        Cell(11),
        Cell(6),
        SUPPRESSED,
        Cell(0),
    ]
    assert [languages.cell(c.id, column) for column in languages.columns] == [
        Cell(20),
        Cell(0),
        SUPPRESSED,
        Cell(0),
    ]
    assert languages.row_totals == {b.id: Cell(12), c.id: Cell(20)}
    assert [languages.column_totals[column] for column in languages.columns] == [
        Cell(31),
        Cell(6),
        Cell(6),
        Cell(0),
    ]
    assert languages.grand_total == Cell(32)
    assert profile_count(languages) == Cell(32)
    assert revealed(languages, additive_rows=False) == set()


def test_a_region_with_three_profiles_is_hidden_with_its_partner_in_all_tables():
    """A has 3 profiles: its total is below 5, and in the line of region totals (3 + 12 + 20 =
    35) B's 12 goes with it, in every table alike. In the tables whose rows add up, all cells of
    A and B are hidden too, so that no table's cells give away a total another table hides."""
    a = make_region("region-a")
    b, c = populate_b_and_c()
    participation_profiles(2, region=a, age_band=A18, migration=YES, languages=["ar", "de"])
    participation_profiles(1, region=a, age_band=A18, migration=PREFER_NOT, languages=[])
    db.session.commit()
    tables = profile_tables()

    for name in QUESTIONS:
        table = tables[name]
        assert table.rows == [a.id, b.id, c.id], name
        assert table.row_totals == {a.id: SUPPRESSED, b.id: SUPPRESSED, c.id: Cell(20)}, name
        assert table.grand_total == Cell(35), name

    age = tables["age_band"]
    for region in (a, b):
        assert all(age.cell(region.id, column) == SUPPRESSED for column in AGE_COLUMNS)
    assert [age.cell(c.id, column) for column in AGE_COLUMNS] == [
        Cell(0),
        Cell(10),
        Cell(10),
        Cell(0),
        Cell(0),
        Cell(0),
        Cell(0),
    ]
    assert [age.column_totals[column] for column in AGE_COLUMNS] == [
        Cell(0),
        Cell(19),
        SUPPRESSED,
        SUPPRESSED,
        Cell(0),
        Cell(0),
        Cell(0),
    ]

    migration = tables["migration_experience"]
    for region in (a, b):
        assert all(migration.cell(region.id, column) == SUPPRESSED for column in MIGRATION_COLUMNS)
    assert [migration.column_totals[column] for column in MIGRATION_COLUMNS] == [
        Cell(13),
        Cell(18),
        SUPPRESSED,  # the 1 who prefers not to say
        SUPPRESSED,
    ]
    assert migration_experience_share(migration) == {
        a.id: SUPPRESSED,
        b.id: SUPPRESSED,
        c.id: SUPPRESSED,
        "total": Cell(41.9),  # 13 of 31
    }

    languages = tables["home_languages"]
    assert [languages.cell(a.id, column) for column in languages.columns] == [
        SUPPRESSED,  # de 2
        Cell(0),  # tr
        SUPPRESSED,  # ar 2
        SUPPRESSED,  # none named: 1
    ]
    assert [languages.cell(b.id, column) for column in languages.columns] == [
        SUPPRESSED,  # de 11: complementary to A's 2 in the column
        Cell(6),
        SUPPRESSED,  # ar 1
        Cell(0),
    ]
    assert [languages.column_totals[column] for column in languages.columns] == [
        Cell(33),
        Cell(6),
        Cell(8),
        SUPPRESSED,
    ]
    assert jointly_revealed(tables) == set()


def test_without_a_home_region_is_the_last_row_and_kompetenzkreise_follow_model_regions():
    kreis = make_region("kreis", kind=RegionKind.KOMPETENZKREIS)
    model = make_region("model")
    participation_profiles(5, region=kreis, age_band=A65)
    participation_profiles(5, age_band=A65)
    participation_profiles(5, region=model, age_band=A65)
    db.session.commit()
    age = profile_tables()["age_band"]
    assert age.rows == [model.id, kreis.id, None]
    assert age.row_totals == {model.id: Cell(5), kreis.id: Cell(5), None: Cell(5)}
    assert age.column_totals[A65] == Cell(15)


def test_no_profiles_gives_empty_tables():
    tables = profile_tables()
    assert set(tables) == set(QUESTIONS)
    for table in tables.values():
        assert table.rows == []
        assert table.grand_total == Cell(0)
    assert tables["home_languages"].columns == [None]
    assert migration_experience_share(tables["migration_experience"]) == {"total": EMPTY}


def test_fewer_than_five_profiles_in_all_show_nothing():
    region = make_region()
    participation_profiles(4, region=region, age_band=A30, migration=NO, languages=["de"])
    db.session.commit()
    for table in profile_tables().values():
        assert table.grand_total == SUPPRESSED
        assert all(cell == SUPPRESSED for cell in figures(table).values())


def test_withdrawn_profiles_leave_the_tables_at_once():
    region = make_region()
    profiles = participation_profiles(6, region=region, age_band=A45, languages=["fr"])
    db.session.commit()
    assert profile_tables()["age_band"].cell(region.id, A45) == Cell(6)
    db.session.execute(
        delete(ParticipationProfile).where(ParticipationProfile.id == profiles[0].id)
    )
    db.session.commit()
    tables = profile_tables()
    assert tables["age_band"].cell(region.id, A45) == Cell(5)
    assert tables["home_languages"].cell(region.id, "fr") == Cell(5)


def test_tables_take_three_queries_however_many_profiles(count_queries):
    regions = [make_region() for _ in range(3)]
    participation_profiles(2, region=regions[0], age_band=A18, languages=["de"])
    db.session.commit()
    with count_queries() as few:
        profile_tables()
    for region in regions:
        participation_profiles(8, region=region, age_band=A30, migration=YES, languages=["tr"])
        participation_profiles(6, region=region, migration=NO, languages=["de", "ar", "uk"])
    participation_profiles(7, age_band=A65, languages=["pl"])
    db.session.commit()
    with count_queries() as many:
        profile_tables()
    assert len(few) == len(many) == 3


# --- attacker combining the three tables -------------------------------------------------------


def jointly_revealed(tables) -> set:
    """Hidden figures that follow from all three tables together: the totals per region and
    the grand total are one set of variables shared by the tables (known if any table
    publishes them)."""
    equations, private, shared_hidden = [], set(), []
    for name, table in tables.items():

        def rename(key, name=name):
            shared = key == "grand" or key[0] == "row"
            return ("shared", key) if shared else (name, key)

        additive_rows = name != "home_languages"
        equations += as_equations(
            lines(table.rows, table.columns, additive_rows=additive_rows), rename
        )
        renamed = {rename(key) for key in hidden_keys(table)}
        private |= {key for key in renamed if key[0] != "shared"}
        shared_hidden.append({key for key in renamed if key[0] == "shared"})
    return determined(equations, private | set.intersection(*shared_hidden))


def shared_figures(table) -> dict:
    return {"grand": table.grand_total, **table.row_totals}


AGE_WEIGHTS = [1, 4, 4, 3, 1, 1, 2]  # AgeBand.ALL, then not answered
MIGRATION_WEIGHTS = [3, 4, 1, 2]
LANGUAGE_POOL = ["de", "tr", "ar", "ru", "uk", "ti", "other"]


def random_population(rng: random.Random):
    rows, age, migration, languages = [], {}, {}, {}
    for region in [*range(rng.randint(1, 7)), None]:
        size = rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 20, 40])
        if not size:
            continue
        rows.append(region)
        for _ in range(size):
            band = rng.choices(AGE_COLUMNS, AGE_WEIGHTS)[0]
            answer = rng.choices(MIGRATION_COLUMNS, MIGRATION_WEIGHTS)[0]
            named = rng.sample(LANGUAGE_POOL, rng.choice([0, 1, 1, 2, 3]))
            age[(region, band)] = age.get((region, band), 0) + 1
            migration[(region, answer)] = migration.get((region, answer), 0) + 1
            for code in named or [None]:
                languages[(region, code)] = languages.get((region, code), 0) + 1
    return rows, age, migration, languages


def test_a_total_hidden_in_one_table_is_hidden_in_all():
    """Ten profiles: region 0 has 3, region 1 has 6, 1 has no region. On its own, the age table
    can publish region 1's 6, while the migration table needs it hidden (its cells 2, 3, 1 are
    all small). Taken from the age table, the 6 would give away the migration table's
    hidden 'no' of region 1. So every table hides it."""
    rows = [0, 1, None]
    age = {(0, PREFER): 1, (0, A18): 2, (1, A45): 1, (1, A30): 2, (1, A18): 2, (1, None): 1}
    age[(None, None)] = 1
    migration = {(0, NO): 3, (1, PREFER_NOT): 1, (1, YES): 2, (1, NO): 3, (None, NO): 1}
    languages = {(0, "de"): 3, (1, "de"): 6, (None, "de"): 1}

    # Each on its own: the age table publishes 6, the migration table hides it.
    assert suppress_table(age, rows, AGE_COLUMNS).row_totals[1] == Cell(6)
    assert suppress_table(migration, rows, MIGRATION_COLUMNS).row_totals[1] == SUPPRESSED

    tables = build_tables(rows, age, migration, languages)
    for name in QUESTIONS:
        assert tables[name].row_totals == {0: SUPPRESSED, 1: SUPPRESSED, None: SUPPRESSED}
        assert tables[name].grand_total == Cell(10)
    assert jointly_revealed(tables) == set()


@pytest.mark.parametrize("seed", range(4))
def test_random_populations_reveal_nothing_even_when_tables_are_combined(seed):
    rng = random.Random(seed)
    for _ in range(25):
        rows, age, migration, languages = random_population(rng)
        tables = build_tables(rows, age, migration, languages)
        shared = shared_figures(tables["age_band"])
        for name, table in tables.items():
            assert shared_figures(table) == shared, name
            for cell in figures(table).values():
                assert cell.suppressed or not 0 < cell.value < MIN_GROUP
        assert jointly_revealed(tables) == set(), (rows, age, migration, languages)
