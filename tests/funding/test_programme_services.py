"""Maintaining the programme catalogue (services) and reading it (queries): validation,
permissions, deletion, filters, and the deadlines-soon view."""

from datetime import date
from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin
from werkzeug.datastructures import MultiDict

from app.core.errors import DomainError, PermissionDenied
from app.extensions import db
from app.funding.models import (
    FunderLevel,
    FundingProgramme,
    ProgrammeDeadline,
    ProgrammeStatus,
    Recurrence,
)
from app.funding.queries import ProgrammeFilters, deadlines_soon, programmes
from app.funding.services import (
    DeadlineDetails,
    ProgrammeDetails,
    create_programme,
    delete_programme,
    edit_programme,
)
from app.projects.models import FundingState, ProjectApproach, ProjectFunding
from tests.factories import make_field_of_action, make_region, make_user_with_role


@pytest.fixture
def world():
    region_a, region_b = make_region("nordhessen"), make_region("wetterau")
    world = SimpleNamespace(
        a=region_a,
        b=region_b,
        integration=make_field_of_action("integration"),
        housing=make_field_of_action("wohnen"),
        coordinator=make_user_with_role("coordinator", region=region_a),
        administrator=make_user_with_role("administrator"),
        moderator=make_user_with_role("moderator", region=region_a),
        participant=make_user_with_role("participant"),
    )
    db.session.commit()
    return world


def details(world, **changes) -> ProgrammeDetails:
    values = {
        "name": "  WIR – Vielfalt und Teilhabe  ",
        "funder_level": FunderLevel.STATE,
        "funder": " Hessisches Ministerium für Soziales und Integration ",
        "all_regions": False,
        "region_ids": [world.a.id],
        "field_ids": [world.integration.id],
        "target_groups": " Vereine, Kommunen ",
        "amount_min": 5000,
        "amount_max": 50000,
        "co_funding_percent": 10,
        "status": ProgrammeStatus.OPEN,
        "url": " https://soziales.hessen.de/wir ",
        "contact": " wir@example.org ",
        "description": {"de": " Förderung von Integration. ", "en": "   "},
        "deadlines": [
            DeadlineDetails(date(2026, 9, 30), Recurrence.YEARLY, " Antragsfrist "),
            DeadlineDetails(date(2026, 3, 31)),
        ],
    }
    values.update(changes)
    return ProgrammeDetails(**values)


def refusal(call) -> DomainError:
    with pytest.raises(DomainError) as raised:
        call()
    db.session.rollback()
    return raised.value


def stored_programmes() -> int:
    return db.session.scalar(db.select(db.func.count(FundingProgramme.id)))


# --- creating ----------------------------------------------------------------------------------


def test_a_coordinator_adds_a_programme(world):
    programme = create_programme(world.coordinator, details(world))
    db.session.commit()
    db.session.expire_all()
    programme = db.session.get(FundingProgramme, programme.id)
    assert programme.name == "WIR – Vielfalt und Teilhabe"
    assert programme.funder == "Hessisches Ministerium für Soziales und Integration"
    assert programme.target_groups == "Vereine, Kommunen"
    assert programme.url == "https://soziales.hessen.de/wir"
    assert programme.contact == "wir@example.org"
    assert (programme.amount_min, programme.amount_max, programme.co_funding_percent) == (
        5000,
        50000,
        10,
    )
    assert programme.all_regions is False
    assert [region.slug for region in programme.regions] == ["nordhessen"]
    assert [field.slug for field in programme.fields_of_action] == ["integration"]
    # Empty languages are not kept; texts are trimmed.
    assert programme.description == {"de": "Förderung von Integration."}
    # Deadlines in date order, labels trimmed.
    assert [(d.due_on, d.recurrence, d.label) for d in programme.deadlines] == [
        (date(2026, 3, 31), Recurrence.NONE, ""),
        (date(2026, 9, 30), Recurrence.YEARLY, "Antragsfrist"),
    ]
    assert programme.created_by_id == world.coordinator.id
    assert "vereine, kommunen" in programme.search_key
    assert "wir – vielfalt" in programme.search_key


def test_an_administrator_adds_a_programme(world):
    programme = create_programme(world.administrator, details(world))
    db.session.commit()
    assert programme.id is not None


@pytest.mark.parametrize("who", ["participant", "moderator", "anonymous"])
def test_others_may_not_add_programmes(world, who):
    user = AnonymousUserMixin() if who == "anonymous" else getattr(world, who)
    with pytest.raises(PermissionDenied):
        create_programme(user, details(world))
    db.session.rollback()
    assert stored_programmes() == 0


def test_a_coordinator_of_another_region_manages_the_shared_catalogue(world):
    """One catalogue for all regions: a coordinator of region B edits a programme for A."""
    programme = create_programme(world.coordinator, details(world))
    db.session.commit()
    coordinator_b = make_user_with_role("coordinator", region=world.b)
    edit_programme(coordinator_b, programme, details(world, name="Neu"))
    db.session.commit()
    assert db.session.get(FundingProgramme, programme.id).name == "Neu"


# --- validation -------------------------------------------------------------------------------


def test_the_smallest_amount_may_not_exceed_the_largest(world):
    error = refusal(
        lambda: create_programme(world.coordinator, details(world, amount_min=9, amount_max=8))
    )
    assert error.field == "amount_max"
    assert stored_programmes() == 0


@pytest.mark.parametrize(
    ("low", "high"), [(7000, 7000), (None, 50000), (5000, None), (None, None), (0, 0)]
)
def test_amount_ranges_that_are_accepted(world, low, high):
    programme = create_programme(world.coordinator, details(world, amount_min=low, amount_max=high))
    db.session.commit()
    assert (programme.amount_min, programme.amount_max) == (low, high)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount_min": -1}, "amount_min"),
        ({"amount_min": None, "amount_max": -1}, "amount_max"),
        ({"co_funding_percent": 101}, "co_funding_percent"),
        ({"co_funding_percent": -5}, "co_funding_percent"),
    ],
)
def test_negative_amounts_and_shares_beyond_a_whole_are_refused_at_their_field(
    world, changes, field
):
    error = refusal(lambda: create_programme(world.coordinator, details(world, **changes)))
    assert error.field == field
    assert stored_programmes() == 0


def test_a_programme_for_selected_regions_needs_regions(world):
    error = refusal(
        lambda: create_programme(
            world.coordinator, details(world, all_regions=False, region_ids=[])
        )
    )
    assert error.field == "regions"
    assert stored_programmes() == 0


def test_a_programme_for_all_regions_keeps_no_region_list(world):
    programme = create_programme(
        world.coordinator, details(world, all_regions=True, region_ids=[world.a.id, world.b.id])
    )
    db.session.commit()
    assert programme.all_regions is True
    assert programme.regions == []
    assert programme.is_open_to(world.b)


def test_a_programme_for_one_region_is_open_to_that_region_only(world):
    programme = create_programme(world.coordinator, details(world))
    db.session.commit()
    assert programme.is_open_to(world.a)
    assert not programme.is_open_to(world.b)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"funder_level": "galactic"}, "funder_level"),
        ({"status": "maybe"}, "status"),
        ({"deadlines": [DeadlineDetails(date(2026, 1, 1), "weekly")]}, "deadlines"),
        ({"region_ids": [999999]}, "regions"),
        ({"field_ids": [999999]}, "fields"),
    ],
)
def test_unknown_choices_are_refused_at_their_field(world, changes, field):
    error = refusal(lambda: create_programme(world.coordinator, details(world, **changes)))
    assert error.field == field
    assert stored_programmes() == 0


def test_editing_replaces_deadlines_regions_and_fields(world):
    programme = create_programme(world.coordinator, details(world))
    db.session.commit()
    edit_programme(
        world.coordinator,
        programme,
        details(
            world,
            all_regions=True,
            field_ids=[world.housing.id, world.integration.id],
            status=ProgrammeStatus.CLOSED,
            deadlines=[DeadlineDetails(date(2027, 1, 15), Recurrence.QUARTERLY)],
        ),
    )
    db.session.commit()
    db.session.expire_all()
    programme = db.session.get(FundingProgramme, programme.id)
    assert programme.status == ProgrammeStatus.CLOSED
    assert programme.regions == []
    assert {field.slug for field in programme.fields_of_action} == {"integration", "wohnen"}
    assert [(d.due_on, d.recurrence) for d in programme.deadlines] == [
        (date(2027, 1, 15), Recurrence.QUARTERLY)
    ]
    # The old deadline rows are gone, not orphaned.
    assert db.session.scalar(db.select(db.func.count(ProgrammeDeadline.id))) == 1


def test_a_refused_edit_keeps_the_stored_programme(world):
    programme = create_programme(world.coordinator, details(world))
    db.session.commit()
    refusal(
        lambda: edit_programme(
            world.coordinator, programme, details(world, name="Anders", amount_min=10, amount_max=1)
        )
    )
    db.session.expire_all()
    assert db.session.get(FundingProgramme, programme.id).name == "WIR – Vielfalt und Teilhabe"


def test_participants_may_not_edit_or_delete(world):
    programme = create_programme(world.coordinator, details(world))
    db.session.commit()
    with pytest.raises(PermissionDenied):
        edit_programme(world.participant, programme, details(world, name="Anders"))
    with pytest.raises(PermissionDenied):
        delete_programme(world.participant, programme)
    db.session.rollback()
    assert stored_programmes() == 1


# --- deleting ---------------------------------------------------------------------------------


def test_a_programme_no_project_refers_to_is_deleted_with_its_deadlines(world):
    programme = create_programme(world.coordinator, details(world))
    db.session.commit()
    delete_programme(world.administrator, programme)
    db.session.commit()
    assert stored_programmes() == 0
    assert db.session.scalar(db.select(db.func.count(ProgrammeDeadline.id))) == 0


@pytest.mark.parametrize("state", FundingState.ALL)
def test_a_programme_a_project_refers_to_is_not_deleted(world, state):
    programme = create_programme(world.coordinator, details(world))
    project = ProjectApproach(region=world.a, title="Sprachcafé", lead_name="Stadt Kassel")
    project.fundings = [ProjectFunding(programme=programme, state=state)]
    db.session.add(project)
    db.session.commit()
    error = refusal(lambda: delete_programme(world.administrator, programme))
    assert "Geschlossen" in str(error.message)  # outside a request the language is German
    assert stored_programmes() == 1
    assert db.session.scalar(db.select(db.func.count(ProjectFunding.id))) == 1


# --- the list and its filters -----------------------------------------------------------------


def add(name: str, world, **columns) -> FundingProgramme:
    """A programme written straight into the tables."""
    deadlines = columns.pop("deadlines", [])
    regions = columns.pop("regions", [])
    fields = columns.pop("fields", [])
    columns.setdefault("funder_level", FunderLevel.STATE)
    columns.setdefault("funder", "Land Hessen")
    columns.setdefault("all_regions", not regions)
    columns.setdefault("status", ProgrammeStatus.OPEN)
    programme = FundingProgramme(name=name, **columns)
    programme.regions = regions
    programme.fields_of_action = fields
    programme.deadlines = [
        ProgrammeDeadline(due_on=due, recurrence=recurrence) for due, recurrence in deadlines
    ]
    programme.refresh_search_key()
    db.session.add(programme)
    db.session.flush()
    return programme


TODAY = date(2025, 12, 20)


def names(rows) -> list[str]:
    return [row[0].name for row in rows]


def test_search_looks_at_name_funder_and_target_groups_ignoring_case(world):
    add("Sprachförderung", world, funder="Bund")
    add("Ehrenamt stärken", world, funder="Stiftung Bürgersinn")
    add("Quartiersarbeit", world, target_groups="Migrantenorganisationen")
    db.session.commit()
    assert names(programmes(ProgrammeFilters(q="SPRACH"), TODAY)) == ["Sprachförderung"]
    assert names(programmes(ProgrammeFilters(q="bürgersinn"), TODAY)) == ["Ehrenamt stärken"]
    assert names(programmes(ProgrammeFilters(q="migranten"), TODAY)) == ["Quartiersarbeit"]


def test_search_terms_are_text_not_patterns(world):
    add("Kultur 100% vor Ort", world)
    add("Sport", world)
    db.session.commit()
    assert names(programmes(ProgrammeFilters(q="%"), TODAY)) == ["Kultur 100% vor Ort"]
    assert names(programmes(ProgrammeFilters(q="_"), TODAY)) == []


def test_filter_by_funder_level(world):
    add("EFRE", world, funder_level=FunderLevel.EU)
    add("Landesprogramm", world, funder_level=FunderLevel.STATE)
    db.session.commit()
    assert names(programmes(ProgrammeFilters(level=FunderLevel.EU), TODAY)) == ["EFRE"]


def test_open_now_shows_only_programmes_open_for_applications(world):
    add("Offen", world, status=ProgrammeStatus.OPEN)
    add("Angekündigt", world, status=ProgrammeStatus.ANNOUNCED)
    add("Geschlossen", world, status=ProgrammeStatus.CLOSED)
    db.session.commit()
    assert names(programmes(ProgrammeFilters(open_now=True), TODAY)) == ["Offen"]
    assert len(programmes(ProgrammeFilters(), TODAY)) == 3


def test_filter_by_field_of_action(world):
    add("Wohnen", world, fields=[world.housing])
    add("Beides", world, fields=[world.housing, world.integration])
    add("Ohne Feld", world)
    db.session.commit()
    assert names(programmes(ProgrammeFilters(field="integration"), TODAY)) == ["Beides"]
    assert names(programmes(ProgrammeFilters(field="wohnen"), TODAY)) == ["Beides", "Wohnen"]


def test_filter_by_region_includes_programmes_open_to_all(world):
    add("Für alle", world)
    add("Nur Nordhessen", world, regions=[world.a])
    add("Nur Wetterau", world, regions=[world.b])
    add("Beide", world, regions=[world.a, world.b])
    db.session.commit()
    assert names(programmes(ProgrammeFilters(region="nordhessen"), TODAY)) == [
        "Beide",
        "Für alle",
        "Nur Nordhessen",
    ]


def test_filters_combine(world):
    add("Treffer", world, regions=[world.a], fields=[world.integration])
    add("Falsches Feld", world, regions=[world.a], fields=[world.housing])
    add("Falsche Region", world, regions=[world.b], fields=[world.integration])
    add("Geschlossen", world, fields=[world.integration], status=ProgrammeStatus.CLOSED)
    db.session.commit()
    filters = ProgrammeFilters(region="nordhessen", field="integration", open_now=True)
    assert names(programmes(filters, TODAY)) == ["Treffer"]


def test_the_list_shows_soonest_deadlines_first_then_the_rest_by_name(world):
    add("Zebra ohne Frist", world)
    add("Alpha ohne Frist", world, deadlines=[(date(2025, 1, 1), Recurrence.NONE)])  # passed
    add("Später", world, deadlines=[(date(2026, 5, 1), Recurrence.NONE)])
    add("Bald", world, deadlines=[(date(2019, 1, 10), Recurrence.YEARLY)])
    db.session.commit()
    rows = programmes(ProgrammeFilters(), TODAY)
    assert [(row[0].name, row[1]) for row in rows] == [
        ("Bald", date(2026, 1, 10)),
        ("Später", date(2026, 5, 1)),
        ("Alpha ohne Frist", None),
        ("Zebra ohne Frist", None),
    ]


def test_within_weeks_reaches_over_the_turn_of_the_year(world):
    add("Jährlich im Januar", world, deadlines=[(date(2019, 1, 10), Recurrence.YEARLY)])
    add("Quartal", world, deadlines=[(date(2024, 10, 15), Recurrence.QUARTERLY)])
    add("Im Februar", world, deadlines=[(date(2026, 2, 20), Recurrence.NONE)])
    add("Vorbei", world, deadlines=[(date(2025, 12, 19), Recurrence.NONE)])
    add("Ohne Frist", world)
    db.session.commit()
    rows = programmes(ProgrammeFilters(within_weeks=4), TODAY)  # until 17 January 2026
    assert [(row[0].name, row[1]) for row in rows] == [
        ("Jährlich im Januar", date(2026, 1, 10)),
        ("Quartal", date(2026, 1, 15)),
    ]
    assert names(programmes(ProgrammeFilters(within_weeks=12), TODAY)) == [
        "Jährlich im Januar",
        "Quartal",
        "Im Februar",
    ]


def test_within_weeks_includes_its_last_day(world):
    add("Genau vier Wochen", world, deadlines=[(date(2026, 1, 17), Recurrence.NONE)])
    add("Einen Tag später", world, deadlines=[(date(2026, 1, 18), Recurrence.NONE)])
    db.session.commit()
    assert names(programmes(ProgrammeFilters(within_weeks=4), TODAY)) == ["Genau vier Wochen"]


def test_within_weeks_leaves_out_closed_programmes(world):
    add("Offen", world, deadlines=[(date(2019, 1, 10), Recurrence.YEARLY)])
    add(
        "Geschlossen",
        world,
        status=ProgrammeStatus.CLOSED,
        deadlines=[(date(2019, 1, 10), Recurrence.YEARLY)],
    )
    db.session.commit()
    assert names(programmes(ProgrammeFilters(within_weeks=4), TODAY)) == ["Offen"]


def test_filters_from_the_query_string():
    args = MultiDict(
        {"q": "  Sprache ", "field": "integration", "region": "wetterau", "level": "eu"}
        | {"open": "1", "within": "8"}
    )
    filters = ProgrammeFilters.from_args(args, {"wetterau"}, {"integration"})
    assert filters == ProgrammeFilters(
        q="Sprache",
        field="integration",
        region="wetterau",
        level="eu",
        open_now=True,
        within_weeks=8,
    )
    assert filters.as_args() == {
        "q": "Sprache",
        "field": "integration",
        "region": "wetterau",
        "level": "eu",
        "open": "1",
        "within": 8,
    }


@pytest.mark.parametrize(
    "args",
    [
        {"within": "3"},  # not one of the choices
        {"within": "²"},  # a digit to str.isdigit(), not to int()
        {"within": "9" * 5000},  # longer than int() converts
        {"within": "-4"},
        {"within": " 4"},
        {"within": "4.0"},
        {"field": "unknown", "region": "atlantis", "level": "galactic", "open": "yes"},
        {"q": "x" * 500},
    ],
)
def test_unknown_or_hostile_values_are_ignored(args):
    filters = ProgrammeFilters.from_args(MultiDict(args), {"wetterau"}, {"integration"})
    assert filters.within_weeks is None
    assert (filters.field, filters.region, filters.level, filters.open_now) == (
        None,
        None,
        None,
        False,
    )
    assert len(filters.q) <= 100


def test_empty_filters_give_no_query_arguments():
    assert ProgrammeFilters().as_args() == {}


# --- deadlines soon ---------------------------------------------------------------------------


def test_deadlines_soon_lists_every_upcoming_deadline_in_date_order(world):
    two = add(
        "Zwei Fristen",
        world,
        deadlines=[(date(2026, 1, 31), Recurrence.NONE), (date(2020, 1, 5), Recurrence.YEARLY)],
    )
    other = add("Angekündigt", world, status=ProgrammeStatus.ANNOUNCED)
    other.deadlines = [ProgrammeDeadline(due_on=date(2026, 1, 5))]
    add("Zu spät", world, deadlines=[(date(2026, 3, 1), Recurrence.NONE)])
    add("Vorbei", world, deadlines=[(date(2025, 12, 1), Recurrence.NONE)])
    db.session.commit()
    found = deadlines_soon(8, TODAY)  # until 14 February 2026
    assert [(due, programme.name) for due, programme, _ in found] == [
        (date(2026, 1, 5), "Angekündigt"),
        (date(2026, 1, 5), "Zwei Fristen"),
        (date(2026, 1, 31), "Zwei Fristen"),
    ]
    assert found[1][2].recurrence == Recurrence.YEARLY
    assert found[1][1] is two


def test_deadlines_soon_leaves_out_closed_programmes(world):
    add("Offen", world, deadlines=[(date(2026, 1, 10), Recurrence.NONE)])
    add(
        "Geschlossen",
        world,
        status=ProgrammeStatus.CLOSED,
        deadlines=[(date(2026, 1, 10), Recurrence.NONE)],
    )
    db.session.commit()
    assert [programme.name for _, programme, _ in deadlines_soon(8, TODAY)] == ["Offen"]


def test_deadlines_soon_includes_the_last_day_and_today(world):
    add("Heute", world, deadlines=[(TODAY, Recurrence.NONE)])
    add("Letzter Tag", world, deadlines=[(date(2026, 1, 3), Recurrence.NONE)])
    add("Danach", world, deadlines=[(date(2026, 1, 4), Recurrence.NONE)])
    db.session.commit()
    assert [p.name for _, p, _ in deadlines_soon(2, TODAY)] == ["Heute", "Letzter Tag"]
