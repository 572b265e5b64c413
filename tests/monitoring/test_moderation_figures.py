"""Moderation figures per region against hand-computed fixtures (they replace the former
app/moderation/figures.py and its test).

The reporting period is February 2026 (a Berlin month); "now" is 10 March 2026, 12:00 UTC.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from app.consultations.models import ModerationMode
from app.core.clock import utcnow_naive
from app.core.models import ModerationState
from app.extensions import db
from app.moderation import services
from app.monitoring.filters import Filters
from app.monitoring.periods import Period
from app.monitoring.responsiveness import ModerationFigures, moderation
from tests import participation_builders as build
from tests.factories import make_field_of_action, make_region, make_user, make_user_with_role
from tests.monitoring.builders import appeal, at, decision, report

FEBRUARY = Filters(Period(date(2026, 2, 1), date(2026, 2, 1)))
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW.replace(tzinfo=None)


@pytest.fixture
def world(app, now):
    kassel, fulda = make_region("kassel"), make_region("fulda")
    moderator = make_user_with_role("moderator", region=kassel)
    author, reporter = make_user(), make_user()
    in_kassel = build.consultation(region=kassel, phase="discussion")
    in_fulda = build.consultation(region=fulda, phase="discussion")
    proposal = build.proposal(in_kassel, author, created_at=at(2026, 1, 2))
    fulda_proposal = build.proposal(in_fulda, author, created_at=at(2026, 1, 2))
    db.session.commit()
    return {
        "kassel": kassel,
        "fulda": fulda,
        "moderator": moderator,
        "author": author,
        "reporter": reporter,
        "proposal": proposal,
        "fulda_proposal": fulda_proposal,
    }


def comment(world, created, on="proposal", **columns):
    return build.comment(world[on], world["author"], created_at=created, **columns)


def test_decisions_reasons_median_reports_and_appeals_in_the_period(world):
    moderator, author, reporter = world["moderator"], world["author"], world["reporter"]

    c1 = comment(world, at(2026, 2, 1, 10))
    hide_c1 = decision(c1, moderator, at(2026, 2, 1, 12), "hide", "spam")  # first after 2 h
    decision(c1, moderator, at(2026, 2, 3), "restore", None, "hidden", "published")
    c2 = comment(world, at(2026, 2, 2, 0))
    reject_c2 = decision(
        c2, moderator, at(2026, 2, 2, 4), "reject", "insult", "pending", "rejected"
    )
    c3 = comment(world, at(2026, 1, 30, 12))
    hide_c3 = decision(c3, moderator, at(2026, 2, 1, 0), "hide", "spam")  # 36 h, across months
    c4 = comment(world, at(2026, 1, 10))
    hide_c4 = decision(c4, moderator, at(2026, 1, 20), "hide", "spam")  # first one in January
    decision(c4, moderator, at(2026, 2, 5), "hide", "spam", "hidden", "hidden")  # a confirmation
    c5 = comment(world, at(2026, 2, 6, 0))
    decision(c5, None, at(2026, 2, 6, 1), "auto_hide", "insult")  # the platform: not counted
    decision(c5, moderator, at(2026, 2, 6, 10), "hide", "insult", "hidden", "hidden")  # 10 h
    c6 = comment(world, at(2026, 2, 27))
    # 00:30 on 1 March in Berlin is 23:30 UTC on 28 February: March, outside the period.
    decision(c6, moderator, at(2026, 3, 1, 0, 30, berlin=True), "hide", "off_topic")

    report(c1, reporter, at(2026, 2, 1, 8))
    report(c2, reporter, at(2026, 2, 10))
    report(c3, reporter, at(2026, 1, 31, 22, 59))  # 23:59 Berlin: January
    report(c4, reporter, at(2026, 3, 1, 0, 30, berlin=True))  # March

    appeal(hide_c1, author, at(2026, 2, 2))  # open
    appeal(reject_c2, author, at(2026, 2, 4), outcome="reversed")
    appeal(hide_c3, author, at(2026, 2, 7), outcome="confirmed")
    appeal(hide_c4, author, at(2026, 1, 25), outcome="reversed")  # lodged in January
    db.session.commit()

    assert moderation(FEBRUARY) == {
        world["kassel"].id: ModerationFigures(
            queue_length=0,
            oldest_waiting_hours=None,
            # hide c1, restore c1, reject c2, hide c3, confirmation c4, hide c5
            decisions=6,
            # first decisions in February: 2, 4, 36 and 10 hours -> (4 + 10) / 2
            median_hours_to_decision=7.0,
            decisions_by_reason={"spam": 3, "insult": 2},
            reports=2,
            appeals=3,
            appeals_open=1,
            reversals=1,
        )
    }


def test_median_hours_of_an_odd_count_and_per_region(world):
    moderator = world["moderator"]
    fulda_moderator = make_user_with_role("moderator", region=world["fulda"])
    for created, decided in ((0, 1), (0, 3), (2, 10)):  # 1, 3 and 8 hours
        item = comment(world, at(2026, 2, 14, created), on="fulda_proposal")
        decision(item, fulda_moderator, at(2026, 2, 14, decided), "approve", None, "pending")
    item = comment(world, at(2026, 2, 14, 0))
    decision(item, moderator, at(2026, 2, 14, 0, 30), "hide", "other")  # half an hour
    db.session.commit()

    figures = moderation(FEBRUARY)

    assert figures[world["fulda"].id].median_hours_to_decision == 3.0
    assert figures[world["fulda"].id].decisions == 3
    assert figures[world["fulda"].id].decisions_by_reason == {}
    assert figures[world["kassel"].id].median_hours_to_decision == 0.5
    assert figures[world["kassel"].id].decisions_by_reason == {"other": 1}


def test_the_queue_is_the_state_now_in_every_period(world, now):
    comment(world, now - timedelta(hours=5), moderation_state=ModerationState.PENDING)
    comment(world, now - timedelta(hours=2), moderation_state=ModerationState.PENDING)
    build.proposal(
        world["proposal"].consultation,
        world["author"],
        moderation_state=ModerationState.PENDING,
        created_at=now - timedelta(minutes=90),
    )
    comment(world, now - timedelta(days=30), moderation_state=ModerationState.HIDDEN)
    comment(world, now - timedelta(days=40), moderation_state=ModerationState.REJECTED)
    db.session.commit()

    long_ago = Filters(Period(date(2024, 1, 1), date(2024, 1, 1)))
    for filters in (FEBRUARY, long_ago):
        assert moderation(filters) == {
            world["kassel"].id: ModerationFigures(queue_length=3, oldest_waiting_hours=5.0)
        }


def test_region_filter_and_the_field_filter_does_not_apply(world):
    moderator = world["moderator"]
    fulda_moderator = make_user_with_role("moderator", region=world["fulda"])
    decision(comment(world, at(2026, 2, 3)), moderator, at(2026, 2, 3, 18), "hide", "spam")
    fulda_item = comment(world, at(2026, 2, 3), on="fulda_proposal")
    decision(fulda_item, fulda_moderator, at(2026, 2, 4, 0), "hide", "insult")
    report(fulda_item, world["reporter"], at(2026, 2, 3, 13))
    db.session.commit()
    fulda = world["fulda"].id

    expected = ModerationFigures(
        decisions=1, median_hours_to_decision=12.0, decisions_by_reason={"insult": 1}, reports=1
    )
    assert moderation(FEBRUARY, region_id=fulda) == {fulda: expected}
    field = make_field_of_action()
    db.session.commit()
    assert moderation(Filters(FEBRUARY.period, field.id)) == moderation(FEBRUARY)
    assert moderation(FEBRUARY, region_id=make_region().id) == {}


def test_an_empty_period_shows_nothing(world):
    moderator = world["moderator"]
    item = comment(world, at(2026, 2, 3))
    appeal(decision(item, moderator, at(2026, 2, 4)), world["author"], at(2026, 2, 5))
    report(item, world["reporter"], at(2026, 2, 3))
    db.session.commit()

    assert moderation(Filters(Period(date(2025, 1, 1), date(2025, 12, 1)))) == {}
    assert moderation(FEBRUARY)[world["kassel"].id].appeals == 1


def test_statements_and_translations_wait_in_the_queue_too(world):
    from tests.organisation_builders import organisation, statement, translation

    consultation = world["proposal"].consultation
    org = organisation(world["kassel"], admins=[world["author"]])
    statement(consultation, org, world["author"], state=ModerationState.PENDING)
    translation(world["proposal"], world["author"], state=ModerationState.PENDING)
    db.session.commit()

    assert moderation(FEBRUARY)[world["kassel"].id].queue_length == 2


def _busy_month(world, count: int) -> None:
    moderator = world["moderator"]
    for number in range(count):
        on = ("proposal", "fulda_proposal")[number % 2]
        item = comment(world, at(2026, 2, 1 + number % 27), on=on)
        made = decision(item, moderator, at(2026, 2, 1 + number % 27, 20), "hide", "spam")
        report(item, world["reporter"], at(2026, 2, 1 + number % 27, 13))
        if number % 3 == 0:
            appeal(made, world["author"], at(2026, 2, 28), outcome=(None, "reversed")[number % 2])
        comment(world, at(2026, 3, 1), on=on, moderation_state=ModerationState.PENDING)


def test_the_number_of_statements_does_not_depend_on_the_data(world, count_queries):
    _busy_month(world, 2)
    db.session.commit()
    with count_queries() as small:
        few = moderation(FEBRUARY)

    _busy_month(world, 40)
    db.session.commit()
    with count_queries() as large:
        many = moderation(FEBRUARY)

    assert len(small) == len(large) == 5
    assert sum(f.decisions for f in few.values()) == 2
    assert sum(f.decisions for f in many.values()) == 42
    assert sum(f.queue_length for f in many.values()) == 42


# --- moved from tests/moderation (the former app/moderation/figures.py) -------------------------


def test_figures_after_the_real_moderation_services(app, time_machine):
    """Queue, waiting time, time to decision, reasons and appeals, written by the services."""
    time_machine.move_to(NOW, tick=False)
    moderator = make_user_with_role("moderator")
    coordinator = make_user_with_role("coordinator", region=moderator.roles[0].region)
    consultation = build.consultation(
        region=moderator.roles[0].region, phase="discussion", moderation_mode=ModerationMode.PRE
    )
    start = utcnow_naive()
    author = make_user()
    proposal = build.proposal(consultation, author, created_at=start - timedelta(hours=10))
    build.comment(
        proposal,
        author,
        moderation_state=ModerationState.PENDING,
        created_at=start - timedelta(hours=5),
    )
    hidden = build.comment(proposal, author, created_at=start - timedelta(hours=4))
    db.session.commit()
    decision_ = services.decide(moderator, hidden, "hide", ModerationState.PUBLISHED, "spam")
    appeal_ = services.appeal_decision(author, decision_, "Bitte prüfen.")
    services.resolve_appeal(coordinator, appeal_, "reversed", "Zulässig.")
    db.session.commit()

    figures = moderation(Filters(Period.recent()))
    assert figures == {
        consultation.region_id: ModerationFigures(
            queue_length=1,
            oldest_waiting_hours=5.0,
            decisions=2,  # the hiding and the coordinator's restoring on appeal
            median_hours_to_decision=4.0,
            decisions_by_reason={"spam": 1},
            reports=0,
            appeals=1,
            appeals_open=0,
            reversals=1,
        )
    }
    other_region = make_user_with_role("moderator").roles[0].region_id
    assert moderation(Filters(Period.recent()), region_id=other_region) == {}
