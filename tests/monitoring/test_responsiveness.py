"""Responsiveness and transparency figures against hand-computed fixtures.

The reporting period is January to March 2026 (Berlin months) unless a test says otherwise.
"""

from datetime import date

import pytest

from app.concepts.models import VersionState
from app.consultations.models import ConsultationState
from app.core.models import ModerationState
from app.extensions import db
from app.monitoring.filters import Filters
from app.monitoring.periods import Period
from app.monitoring.responsiveness import (
    ResponsivenessFigures,
    TransparencyFigures,
    responsiveness,
    transparency,
)
from app.monitoring.suppression import EMPTY, Cell
from app.projects.models import FundingState, ProjectStatus
from app.proposals.models import ProposalStatus
from tests import participation_builders as build
from tests.concepts import page_builders as concept
from tests.factories import make_field_of_action, make_region, make_user
from tests.monitoring.builders import answer, at
from tests.projects import builders as projects

QUARTER = Period(date(2026, 1, 1), date(2026, 3, 1))
ALL_FIELDS = Filters(QUARTER)


@pytest.fixture
def world(app):
    """Two regions with one consultation each (A with an answer threshold of 3), two fields."""
    kassel, fulda = make_region("kassel"), make_region("fulda")
    language, work = make_field_of_action("sprache"), make_field_of_action("arbeit")
    in_kassel = build.consultation(region=kassel, phase="voting", answer_threshold=3)
    in_fulda = build.consultation(region=fulda, phase="voting")
    author = make_user()
    db.session.commit()
    return {
        "kassel": kassel,
        "fulda": fulda,
        "language": language,
        "work": work,
        "in_kassel": in_kassel,
        "in_fulda": in_fulda,
        "author": author,
    }


def proposal(world, created, consultation="in_kassel", **columns):
    return build.proposal(world[consultation], world["author"], created_at=created, **columns)


def answered(world, created, answered_at, **columns):
    item = proposal(world, created, **columns)
    answer(item, answered_at)
    return item


# --- answers ------------------------------------------------------------------------------------


def test_counts_answered_share_and_median_of_an_odd_count(world):
    answered(world, at(2026, 1, 10), at(2026, 1, 11))  # 1 day
    second = answered(world, at(2026, 1, 20), at(2026, 1, 22))  # 2 days ...
    answer(second, at(2026, 1, 30))  # ... the first answer counts, not this one
    answered(world, at(2026, 2, 1), at(2026, 2, 11))  # 10 days
    proposal(world, at(2026, 2, 5))  # no answer
    db.session.commit()

    figures = responsiveness(ALL_FIELDS, ("region",))

    assert figures == {
        (world["kassel"].id,): ResponsivenessFigures(
            proposals=4, answered=3, median_days_to_answer=2.0
        )
    }
    assert figures[(world["kassel"].id,)].answered_share == Cell(75.0)


def test_median_of_an_even_count_is_the_mean_of_the_middle_two(world):
    for created, answered_at in (
        (at(2026, 1, 5), at(2026, 1, 6)),  # 1
        (at(2026, 1, 5), at(2026, 1, 7)),  # 2
        (at(2026, 1, 5), at(2026, 1, 9)),  # 4
        (at(2026, 1, 5), at(2026, 1, 15)),  # 10
    ):
        answered(world, created, answered_at)
    db.session.commit()

    (figures,) = responsiveness(ALL_FIELDS, ()).values()
    assert figures.median_days_to_answer == 3.0
    assert (figures.proposals, figures.answered) == (4, 4)


def test_fractional_days_are_rounded_to_one_decimal(world):
    answered(world, at(2026, 1, 5, 0), at(2026, 1, 5, 6))  # 6 hours = 0.25 days
    answered(world, at(2026, 1, 5, 0), at(2026, 1, 6, 12))  # 1.5 days
    db.session.commit()

    (figures,) = responsiveness(ALL_FIELDS, ()).values()
    assert figures.median_days_to_answer == round((0.25 + 1.5) / 2, 1)


def test_answers_given_after_the_period_still_count(world):
    answered(world, at(2026, 3, 20), at(2026, 4, 15))  # 26 days, answered in April
    proposal(world, at(2026, 3, 21))
    db.session.commit()

    figures = responsiveness(ALL_FIELDS, ("month",))
    assert figures == {
        ("2026-03",): ResponsivenessFigures(proposals=2, answered=1, median_days_to_answer=26.0)
    }
    assert figures[("2026-03",)].answered_share == Cell(50.0)


def test_withdrawn_hidden_pending_rejected_and_other_periods_do_not_count(world):
    counted = answered(world, at(2026, 2, 1), at(2026, 2, 3))
    for columns in (
        {"status": ProposalStatus.WITHDRAWN},
        {"moderation_state": ModerationState.HIDDEN},
        {"moderation_state": ModerationState.PENDING},
        {"moderation_state": ModerationState.REJECTED},
    ):
        item = proposal(world, at(2026, 2, 1), **columns)
        answer(item, at(2026, 2, 2), status=item.status)  # in a day: would move the median
    answered(world, at(2025, 12, 15), at(2025, 12, 16))  # before the period
    answered(world, at(2026, 4, 2), at(2026, 4, 3))  # after it
    draft = build.consultation(region=world["kassel"], state=ConsultationState.DRAFT)
    answered(world | {"draft": draft}, at(2026, 2, 1), at(2026, 2, 2), consultation="draft")
    build.comment(counted, world["author"], created_at=at(2026, 2, 1))  # not a proposal
    db.session.commit()

    assert responsiveness(ALL_FIELDS, ("region",)) == {
        (world["kassel"].id,): ResponsivenessFigures(
            proposals=1, answered=1, median_days_to_answer=2.0
        )
    }


def test_an_archived_consultation_counts(world):
    archived = build.consultation(region=world["fulda"], state=ConsultationState.ARCHIVED)
    answered(
        world | {"archived": archived}, at(2026, 1, 3), at(2026, 1, 4), consultation="archived"
    )
    db.session.commit()

    assert responsiveness(ALL_FIELDS, ("region",)) == {
        (world["fulda"].id,): ResponsivenessFigures(
            proposals=1, answered=1, median_days_to_answer=1.0
        )
    }


def test_months_are_berlin_months_at_both_ends_of_the_period(world):
    def created(*moment):
        proposal(world, at(*moment, berlin=True))

    created(2025, 12, 31, 23, 59)  # before the period
    created(2026, 1, 1, 0, 30)  # 23:30 UTC on 31 December: January
    created(2026, 2, 28, 23, 59)  # February
    created(2026, 3, 1, 0, 30)  # 23:30 UTC on 28 February: March
    created(2026, 3, 31, 23, 59)  # summer time: 21:59 UTC, still March
    created(2026, 4, 1, 0, 30)  # 22:30 UTC on 31 March: April, after the period
    db.session.commit()
    assert at(2026, 3, 1, 0, 30, berlin=True) == at(2026, 2, 28, 23, 30)

    figures = responsiveness(ALL_FIELDS, ("month",))
    assert {key: value.proposals for key, value in figures.items()} == {
        ("2026-01",): 1,
        ("2026-02",): 1,
        ("2026-03",): 2,
    }


def test_groups_by_region_month_consultation_and_field(world):
    second = build.consultation(region=world["kassel"], phase="voting")
    language, work = world["language"], world["work"]
    answered(world, at(2026, 1, 10), at(2026, 1, 12), field_of_action=language)
    proposal(world, at(2026, 1, 11), field_of_action=language)
    answered(world, at(2026, 2, 10), at(2026, 2, 11), field_of_action=work)
    proposal(world | {"second": second}, at(2026, 2, 12), consultation="second")
    answered(world, at(2026, 3, 1), at(2026, 3, 5), consultation="in_fulda")
    db.session.commit()
    kassel, fulda = world["kassel"].id, world["fulda"].id
    first = world["in_kassel"].id

    figures = responsiveness(ALL_FIELDS, ("region", "month", "consultation", "field"))

    assert figures == {
        (kassel, "2026-01", first, language.id): ResponsivenessFigures(2, 1, 2.0),
        (kassel, "2026-02", first, work.id): ResponsivenessFigures(1, 1, 1.0),
        (kassel, "2026-02", second.id, None): ResponsivenessFigures(1, 0, None),
        (fulda, "2026-03", world["in_fulda"].id, None): ResponsivenessFigures(1, 1, 4.0),
    }
    by_field = responsiveness(ALL_FIELDS, ("field",))
    assert {key: (f.proposals, f.answered) for key, f in by_field.items()} == {
        (language.id,): (2, 1),
        (work.id,): (1, 1),
        (None,): (2, 1),
    }


def test_region_and_field_filters(world):
    language = world["language"]
    answered(world, at(2026, 1, 10), at(2026, 1, 12), field_of_action=language)
    answered(world, at(2026, 1, 10), at(2026, 1, 20), field_of_action=world["work"])
    proposal(world, at(2026, 1, 10))
    answered(world, at(2026, 1, 10), at(2026, 1, 11), consultation="in_fulda")
    db.session.commit()
    kassel, fulda = world["kassel"].id, world["fulda"].id

    assert responsiveness(ALL_FIELDS, ("region",), region_id=fulda) == {
        (fulda,): ResponsivenessFigures(1, 1, 1.0)
    }
    assert responsiveness(Filters(QUARTER, language.id), ("region",)) == {
        (kassel,): ResponsivenessFigures(1, 1, 2.0)
    }
    assert responsiveness(Filters(QUARTER, language.id), ("region",), region_id=fulda) == {}


def test_an_empty_period_has_no_groups(world):
    answered(world, at(2026, 1, 10), at(2026, 1, 12))
    db.session.commit()
    long_ago = Filters(Period(date(2024, 1, 1), date(2024, 12, 1)))

    assert responsiveness(long_ago, ("region", "month")) == {}
    assert responsiveness(long_ago, ()) == {}
    assert responsiveness(ALL_FIELDS, (), region_id=world["fulda"].id) == {}


def test_an_empty_group_has_no_share_and_no_median():
    figures = ResponsivenessFigures()
    assert figures.answered_share == EMPTY
    assert figures.median_days_to_answer is None


def test_unknown_dimensions_are_refused(app):
    with pytest.raises(ValueError):
        responsiveness(ALL_FIELDS, ("week",))
    with pytest.raises(ValueError):
        responsiveness(ALL_FIELDS, ("region", "region"))


# --- over the answer threshold -------------------------------------------------------------------


def test_over_threshold_unanswered_is_the_current_state(world):
    over = proposal(world, at(2025, 11, 3), votes_for=3)  # created before the period
    proposal(world, at(2026, 1, 3), votes_for=7)  # in the period, also over
    answered(world, at(2026, 1, 3), at(2026, 1, 9), votes_for=5)  # answered
    proposal(world, at(2026, 1, 3), votes_for=2)  # under the threshold
    proposal(world, at(2026, 1, 3), votes_for=4, status=ProposalStatus.WITHDRAWN)
    proposal(world, at(2026, 1, 3), votes_for=4, moderation_state=ModerationState.HIDDEN)
    proposal(world, at(2026, 1, 3), votes_for=4, moderation_state=ModerationState.PENDING)
    # Threshold 0 means no threshold, however many supports.
    proposal(world, at(2026, 1, 3), votes_for=100, consultation="in_fulda")
    db.session.commit()
    kassel = world["kassel"].id

    by_region = responsiveness(ALL_FIELDS, ("region",))
    assert by_region == {
        (kassel,): ResponsivenessFigures(
            proposals=3, answered=1, median_days_to_answer=6.0, over_threshold_unanswered=2
        ),
        (world["fulda"].id,): ResponsivenessFigures(proposals=1),
    }

    # By month: the state sits under month None, the months carry none of it.
    by_month = responsiveness(ALL_FIELDS, ("region", "month"))
    assert by_month[(kassel, None)] == ResponsivenessFigures(over_threshold_unanswered=2)
    assert by_month[(kassel, "2026-01")] == ResponsivenessFigures(3, 1, 6.0, 0)
    assert set(by_month) == {(kassel, None), (kassel, "2026-01"), (world["fulda"].id, "2026-01")}

    # Not bound to the period: a period without proposals still shows it.
    long_ago = Filters(Period(date(2024, 1, 1), date(2024, 1, 1)))
    assert responsiveness(long_ago, ("region",)) == {
        (kassel,): ResponsivenessFigures(over_threshold_unanswered=2)
    }
    assert responsiveness(long_ago, ()) == {(): ResponsivenessFigures(over_threshold_unanswered=2)}

    over.votes_for = 2  # supports withdrawn: no longer over
    db.session.commit()
    assert responsiveness(long_ago, ("month",)) == {
        (None,): ResponsivenessFigures(over_threshold_unanswered=1)
    }


def test_over_threshold_follows_the_field_filter_and_the_groups(world):
    language, work = world["language"], world["work"]
    proposal(world, at(2025, 6, 1), votes_for=3, field_of_action=language)
    proposal(world, at(2025, 6, 1), votes_for=3, field_of_action=work)
    proposal(world, at(2025, 6, 1), votes_for=3)
    db.session.commit()
    consultation_id = world["in_kassel"].id

    assert responsiveness(Filters(QUARTER, language.id), ("field",)) == {
        (language.id,): ResponsivenessFigures(over_threshold_unanswered=1)
    }
    grouped = responsiveness(ALL_FIELDS, ("month", "consultation", "field"))
    assert {key: f.over_threshold_unanswered for key, f in grouped.items()} == {
        (None, consultation_id, language.id): 1,
        (None, consultation_id, work.id): 1,
        (None, consultation_id, None): 1,
    }
    assert responsiveness(ALL_FIELDS, ("region",), region_id=world["fulda"].id) == {}


# --- statements --------------------------------------------------------------------------------


def _some_answers(world, count: int) -> None:
    fields = (world["language"], world["work"], None)
    for number in range(count):
        month = 1 + number % 3
        item = proposal(
            world,
            at(2026, month, 1 + number % 20),
            consultation=("in_kassel", "in_fulda")[number % 2],
            field_of_action=fields[number % 3],
            votes_for=number % 5,
        )
        if number % 4:
            answer(item, at(2026, month, 25))


def test_the_number_of_statements_does_not_depend_on_the_data(world, count_queries):
    by = ("region", "month", "consultation", "field")
    _some_answers(world, 3)
    db.session.commit()
    with count_queries() as small:
        few = responsiveness(ALL_FIELDS, by)

    _some_answers(world, 60)
    db.session.commit()
    with count_queries() as large:
        many = responsiveness(ALL_FIELDS, by)

    assert len(small) == len(large) == 3
    assert sum(f.proposals for f in few.values()) == 3
    assert sum(f.proposals for f in many.values()) == 63


# --- transparency --------------------------------------------------------------------------------


@pytest.fixture
def concepts(world):
    """Kassel: versions 1 and 2 published, 3 a draft, measures in two fields; Fulda: a draft."""
    kassel, fulda = world["kassel"], world["fulda"]
    language, work = world["language"], world["work"]
    old = concept.version(kassel, 1)
    old_goal = concept.goal(old, language)
    for _ in range(2):
        concept.measure(old_goal, status="planned")
    current = concept.version(kassel, 2)
    goal_language, goal_work = concept.goal(current, language), concept.goal(current, work)
    concept.measure(goal_language, status="planned")
    concept.measure(goal_language, status="in_progress")
    concept.measure(goal_work, status="in_progress")
    concept.measure(goal_work, status="done")
    draft = concept.version(kassel, 3, state=VersionState.DRAFT)
    draft_goal = concept.goal(draft, language)
    for _ in range(3):
        concept.measure(draft_goal, status="dropped")
    fulda_draft = concept.version(fulda, 1, state=VersionState.DRAFT)
    concept.measure(concept.goal(fulda_draft, language), status="done")

    first, second, third = (projects.programme(name) for name in ("WIR", "ESF", "Stiftung"))
    projects.project(
        kassel,
        "Sprachcafé",
        field=language,
        status=ProjectStatus.RUNNING,
        fundings=[
            (first, FundingState.GRANTED, 10_000),
            (second, FundingState.APPLIED, 5_000),
            (third, FundingState.DECLINED, 7_000),
        ],
    )
    projects.project(
        kassel,
        "Netzwerk",
        status=ProjectStatus.PLANNED,
        fundings=[(first, FundingState.GRANTED, 2_000), (second, FundingState.APPLIED, None)],
    )
    projects.project(
        kassel,
        "Jobmesse",
        field=work,
        status=ProjectStatus.COMPLETED,
        fundings=[(third, FundingState.APPLIED, 3_000)],
    )
    projects.project(fulda, "Lernpaten", field=language, status=ProjectStatus.IDEA)
    db.session.commit()
    return world


def _measures(**counts) -> dict:
    return {"planned": 0, "in_progress": 0, "done": 0, "dropped": 0} | counts


def _projects(**counts) -> dict:
    return {"idea": 0, "planned": 0, "running": 0, "completed": 0, "discontinued": 0} | counts


def test_transparency_counts_the_current_concept_projects_and_funding(concepts):
    kassel, fulda = concepts["kassel"].id, concepts["fulda"].id

    figures = transparency(ALL_FIELDS)

    assert figures == {
        kassel: TransparencyFigures(
            measures_by_status=_measures(planned=1, in_progress=2, done=1),
            projects_by_status=_projects(planned=1, running=1, completed=1),
            funding_granted_euros=12_000,
            funding_applied_euros=8_000,
        ),
        fulda: TransparencyFigures(
            measures_by_status=_measures(),  # its only version is a draft
            projects_by_status=_projects(idea=1),
        ),
    }
    assert list(figures[kassel].measures_by_status) == ["planned", "in_progress", "done", "dropped"]


def test_transparency_follows_field_and_region_and_ignores_the_period(concepts):
    kassel, fulda = concepts["kassel"].id, concepts["fulda"].id
    language = concepts["language"].id

    assert transparency(Filters(QUARTER, language)) == {
        kassel: TransparencyFigures(
            measures_by_status=_measures(planned=1, in_progress=1),
            projects_by_status=_projects(running=1),  # the project without a field drops out
            funding_granted_euros=10_000,
            funding_applied_euros=5_000,
        ),
        fulda: TransparencyFigures(_measures(), _projects(idea=1)),
    }
    assert set(transparency(ALL_FIELDS, region_id=fulda)) == {fulda}
    long_ago = Filters(Period(date(2020, 1, 1), date(2020, 1, 1)))
    assert transparency(long_ago) == transparency(ALL_FIELDS)


def test_a_newly_published_version_replaces_the_current_one(concepts):
    kassel = concepts["kassel"]
    newest = concept.version(kassel, 4)
    concept.measure(concept.goal(newest, concepts["work"]), status="dropped")
    db.session.commit()

    assert transparency(ALL_FIELDS)[kassel.id].measures_by_status == _measures(dropped=1)


def test_transparency_without_anything_is_empty(app, count_queries):
    with count_queries() as statements:
        assert transparency(ALL_FIELDS) == {}
    assert len(statements) == 3


def test_transparency_statements_do_not_depend_on_the_data(concepts, count_queries):
    with count_queries() as small:
        transparency(ALL_FIELDS)
    prog = projects.programme("Mehr")
    for number in range(30):
        region = make_region()
        version = concept.version(region, 1)
        concept.measure(concept.goal(version, concepts["work"]), status="done")
        projects.project(region, f"Projekt {number}", fundings=[(prog, FundingState.GRANTED, 10)])
    db.session.commit()

    with count_queries() as large:
        figures = transparency(ALL_FIELDS)

    assert len(small) == len(large) == 3
    assert sum(f.funding_granted_euros for f in figures.values()) == 12_000 + 300
