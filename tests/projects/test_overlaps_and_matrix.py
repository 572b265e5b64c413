"""Reading the register: overlapping periods, overlap groups, similar projects elsewhere, the
register of a region, and the coordination matrix of regions x fields of action."""

from datetime import date
from types import SimpleNamespace

import pytest

from app.extensions import db
from app.funding.models import FundingProgramme
from app.projects.models import ProjectApproach, ProjectStatus
from app.projects.queries import (
    coordination_matrix,
    overlap_groups,
    projects_of_region,
    similar_elsewhere,
)
from tests.factories import make_field_of_action, make_region


def period(starts_on=None, ends_on=None) -> ProjectApproach:
    return ProjectApproach(starts_on=starts_on, ends_on=ends_on)


D = date  # short for the tables below

# --- two periods ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # Touching: one ends on the day the other starts; both run that day.
        ((D(2026, 1, 1), D(2026, 3, 31)), (D(2026, 3, 31), D(2026, 6, 30)), True),
        # One day apart: no shared day.
        ((D(2026, 1, 1), D(2026, 3, 30)), (D(2026, 3, 31), D(2026, 6, 30)), False),
        ((D(2026, 1, 1), D(2026, 12, 31)), (D(2026, 4, 1), D(2026, 4, 30)), True),  # inside
        ((D(2026, 5, 1), D(2026, 5, 1)), (D(2026, 5, 1), D(2026, 5, 1)), True),  # same day
        # An open end runs on indefinitely.
        ((D(2026, 1, 1), None), (D(2040, 1, 1), D(2040, 2, 1)), True),
        ((D(2026, 1, 1), None), (D(2020, 1, 1), D(2025, 12, 31)), False),
        # An open start has always been running.
        ((None, D(2026, 1, 1)), (D(2000, 1, 1), D(2000, 1, 2)), True),
        ((None, D(2026, 1, 1)), (D(2026, 1, 2), None), False),
        ((None, D(2026, 1, 1)), (D(2026, 1, 1), None), True),
        ((D(2026, 1, 1), None), (D(2027, 1, 1), None), True),  # both open-ended
        # Without any dates there is nothing to compare.
        ((None, None), (D(2026, 1, 1), D(2026, 12, 31)), False),
        ((None, None), (None, None), False),
        ((None, None), (D(2026, 1, 1), None), False),
    ],
)
def test_overlaps(first, second, expected):
    a, b = period(*first), period(*second)
    assert a.overlaps(b) is expected
    assert b.overlaps(a) is expected  # symmetric


# --- overlap groups ---------------------------------------------------------------------------


@pytest.fixture
def world():
    world = SimpleNamespace(
        a=make_region("vogelsberg"),
        b=make_region("kassel"),
        c=make_region("limburg"),
        education=make_field_of_action("bildung"),
        work=make_field_of_action("arbeit"),
    )
    db.session.commit()
    return world


def project(region, field, title, starts_on=None, ends_on=None, **columns) -> ProjectApproach:
    columns.setdefault("status", ProjectStatus.RUNNING)
    obj = ProjectApproach(
        region=region,
        field_of_action=field,
        title=title,
        lead_name="Stadt",
        starts_on=starts_on,
        ends_on=ends_on,
        **columns,
    )
    db.session.add(obj)
    db.session.flush()
    return obj


def titles(groups) -> list[list[str]]:
    return [[p.title for p in group] for group in groups]


def test_overlapping_projects_of_a_field_are_grouped(world):
    late = project(world.a, world.education, "Spät", D(2026, 6, 1), D(2026, 12, 31))
    early = project(world.a, world.education, "Früh", D(2026, 1, 1), D(2026, 6, 1))
    project(world.a, world.education, "Allein", D(2028, 1, 1), D(2028, 2, 1))
    db.session.commit()
    groups = overlap_groups(projects_of_region(world.a))
    assert titles(groups) == [["Früh", "Spät"]]  # by start
    assert groups[0] == [early, late]


def test_periods_that_only_follow_each_other_are_not_grouped(world):
    project(world.a, world.education, "Erst", D(2026, 1, 1), D(2026, 5, 31))
    project(world.a, world.education, "Dann", D(2026, 6, 1), D(2026, 12, 31))
    db.session.commit()
    assert overlap_groups(projects_of_region(world.a)) == []


def test_grouping_is_transitive(world):
    """A overlaps B, B overlaps C, A and C do not: one group of three."""
    project(world.a, world.education, "C", D(2026, 9, 1), D(2026, 12, 31))
    project(world.a, world.education, "A", D(2026, 1, 1), D(2026, 4, 30))
    project(world.a, world.education, "B", D(2026, 4, 1), D(2026, 9, 30))
    db.session.commit()
    assert titles(overlap_groups(projects_of_region(world.a))) == [["A", "B", "C"]]


def test_open_ended_projects_overlap_what_comes_later(world):
    project(world.a, world.education, "Dauerhaft", D(2020, 1, 1))
    project(world.a, world.education, "Neu", D(2030, 1, 1), D(2030, 6, 30))
    project(world.a, world.education, "Bis 2019", None, D(2019, 12, 31))
    db.session.commit()
    assert titles(overlap_groups(projects_of_region(world.a))) == [["Dauerhaft", "Neu"]]


def test_two_separate_groups_in_one_field(world):
    project(world.a, world.education, "2026a", D(2026, 1, 1), D(2026, 6, 30))
    project(world.a, world.education, "2026b", D(2026, 3, 1), D(2026, 9, 30))
    project(world.a, world.education, "2030a", D(2030, 1, 1), D(2030, 6, 30))
    project(world.a, world.education, "2030b", D(2030, 6, 30), D(2030, 9, 30))
    db.session.commit()
    assert titles(overlap_groups(projects_of_region(world.a))) == [
        ["2026a", "2026b"],
        ["2030a", "2030b"],
    ]


def test_different_fields_do_not_overlap(world):
    project(world.a, world.education, "Bildung", D(2026, 1, 1), D(2026, 12, 31))
    project(world.a, world.work, "Arbeit", D(2026, 1, 1), D(2026, 12, 31))
    project(world.a, None, "Ohne Feld", D(2026, 1, 1), D(2026, 12, 31))
    project(world.a, None, "Auch ohne Feld", D(2026, 1, 1), D(2026, 12, 31))
    db.session.commit()
    assert overlap_groups(projects_of_region(world.a)) == []


def test_discontinued_projects_and_projects_without_dates_are_left_out(world):
    project(world.a, world.education, "Läuft", D(2026, 1, 1), D(2026, 12, 31))
    project(
        world.a,
        world.education,
        "Abgebrochen",
        D(2026, 1, 1),
        D(2026, 12, 31),
        status=ProjectStatus.DISCONTINUED,
    )
    project(world.a, world.education, "Idee ohne Daten", status=ProjectStatus.IDEA)
    db.session.commit()
    assert overlap_groups(projects_of_region(world.a)) == []


def test_projects_of_different_regions_are_never_grouped(world):
    project(world.a, world.education, "Vogelsberg", D(2026, 1, 1), D(2026, 12, 31))
    project(world.b, world.education, "Kassel", D(2026, 1, 1), D(2026, 12, 31))
    db.session.commit()
    everything = db.session.scalars(db.select(ProjectApproach)).all()
    assert overlap_groups(list(everything)) == []


# --- similar projects elsewhere ---------------------------------------------------------------


def test_similar_projects_come_from_other_regions_and_the_same_field(world):
    here = project(world.a, world.education, "Hier")
    project(world.a, world.education, "Auch hier")
    idea = project(world.b, world.education, "Idee", status=ProjectStatus.IDEA)
    completed = project(world.c, world.education, "Fertig", status=ProjectStatus.COMPLETED)
    running = project(world.b, world.education, "Läuft")
    project(world.b, world.education, "Abgebrochen", status=ProjectStatus.DISCONTINUED)
    project(world.b, world.work, "Anderes Feld")
    db.session.commit()
    # Running first, then completed, ... ideas last.
    assert similar_elsewhere(here) == [running, completed, idea]
    assert similar_elsewhere(here, limit=2) == [running, completed]


def test_a_project_without_a_field_has_no_similar_projects(world):
    here = project(world.a, None, "Ohne Feld")
    project(world.b, None, "Auch ohne Feld")
    db.session.commit()
    assert similar_elsewhere(here) == []


# --- the register of a region -----------------------------------------------------------------


def test_the_register_of_a_region_with_filters_and_order(world):
    project(world.a, world.education, "beta", status=ProjectStatus.IDEA)
    project(world.a, world.work, "Zeta", status=ProjectStatus.RUNNING)
    project(world.a, world.education, "Alpha", status=ProjectStatus.RUNNING)
    project(world.a, None, "Gamma", status=ProjectStatus.COMPLETED)
    project(world.b, world.education, "Anderswo")
    db.session.commit()
    assert [p.title for p in projects_of_region(world.a)] == ["Alpha", "Zeta", "Gamma", "beta"]
    assert [p.title for p in projects_of_region(world.a, field_slug="bildung")] == [
        "Alpha",
        "beta",
    ]
    assert [p.title for p in projects_of_region(world.a, status=ProjectStatus.IDEA)] == ["beta"]
    # An unknown status is no filter.
    assert len(projects_of_region(world.a, status="'; DROP TABLE")) == 4


# --- the coordination matrix ------------------------------------------------------------------


def programme(name, fields, regions=None) -> FundingProgramme:
    obj = FundingProgramme(
        name=name,
        funder_level="state",
        funder="Land Hessen",
        all_regions=regions is None,
        status="open",
    )
    obj.fields_of_action = list(fields)
    obj.regions = list(regions or [])
    db.session.add(obj)
    db.session.flush()
    return obj


def small_register(world) -> None:
    project(world.a, world.education, "A Bildung 1")
    project(world.a, world.education, "A Bildung 2", status=ProjectStatus.DISCONTINUED)
    project(world.a, world.work, "A Arbeit")
    project(world.a, None, "A ohne Feld")
    project(world.b, world.education, "B Bildung")
    programme("Für alle, beide Felder", [world.education, world.work])
    programme("Nur Vogelsberg, Bildung", [world.education], regions=[world.a])
    programme("Kassel und Limburg, Arbeit", [world.work], regions=[world.b, world.c])
    programme("Ohne Feld", [])
    db.session.commit()


def counts(cells, region, field) -> tuple[int, int]:
    cell = cells[(region.id, field.id if field else None)]
    return cell["projects"], cell["programmes"]


def test_the_matrix_counts_projects_and_programmes_per_region_and_field(world):
    small_register(world)
    cells = coordination_matrix([world.a, world.b, world.c])
    assert counts(cells, world.a, world.education) == (2, 2)
    assert counts(cells, world.a, world.work) == (1, 1)
    assert counts(cells, world.a, None) == (1, 0)
    assert counts(cells, world.b, world.education) == (1, 1)
    assert counts(cells, world.b, world.work) == (0, 2)
    # A region without projects still counts the programmes open to it.
    assert counts(cells, world.c, world.education) == (0, 1)
    assert counts(cells, world.c, world.work) == (0, 2)


def test_programmes_open_to_all_count_for_every_region_asked_about(world):
    extra = make_region("fulda")
    programme("Bundesweit", [world.education])
    db.session.commit()
    cells = coordination_matrix([world.a, world.b, world.c, extra])
    for region in (world.a, world.b, world.c, extra):
        assert counts(cells, region, world.education) == (0, 1)


def test_the_matrix_of_an_empty_register_is_empty(world):
    cells = coordination_matrix([world.a, world.b])
    assert dict(cells) == {}
    assert counts(cells, world.a, world.education) == (0, 0)


def loaded(*regions) -> list:
    """The regions with their rows loaded again after a commit, so counting sees the matrix
    queries only."""
    assert all(region.id for region in regions)
    return list(regions)


def test_the_matrix_runs_a_fixed_number_of_statements(world, count_queries):
    small_register(world)
    regions = loaded(world.a, world.b, world.c)
    with count_queries() as few:
        coordination_matrix(regions)
    for number in range(20):
        project(world.b, world.work, f"Mehr {number}")
        programme(f"Programm {number}", [world.education, world.work], regions=[world.c])
    db.session.commit()
    regions = loaded(world.a, world.b, world.c)
    with count_queries() as many:
        cells = coordination_matrix(regions)
    assert len(many) == len(few) == 3
    assert counts(cells, world.c, world.work) == (0, 22)
    assert counts(cells, world.b, world.work) == (20, 2)
