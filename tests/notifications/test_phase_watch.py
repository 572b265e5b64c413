"""Phases that began are announced to the consultation's followers exactly once: not before
they begin, not twice, not for drafts, not for phases that are over by the time the sender
looks, and not twice when two senders look at the same moment."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import event, select

from app.consultations.models import ConsultationState, Phase
from app.extensions import db
from app.notifications import follows, kinds
from app.notifications.describe import describe
from app.notifications.models import Notification
from app.notifications.phase_watch import announce_started_phases
from tests import participation_builders as build
from tests.factories import make_region, make_user
from tests.notifications import words

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


@pytest.fixture
def world(time_machine):
    """A consultation whose five phases all lie ahead: information begins in 5 days, each phase
    lasts 10 days. Two people follow it, a third does not."""
    time_machine.move_to(START, tick=False)
    consultation = build.consultation(
        make_region(), phase=None, title={"de": "Sprachkurse", "en": "Language courses"}
    )
    followers = [make_user(), make_user()]
    for user in followers:
        follows.follow(user, consultation)
    make_user()  # follows nothing
    db.session.commit()
    return consultation, followers


def announce(at: datetime, time_machine) -> int:
    time_machine.move_to(at, tick=False)
    written = announce_started_phases(naive(at))
    db.session.commit()
    return written


def sent() -> list[Notification]:
    return list(db.session.scalars(select(Notification).order_by(Notification.id)))


def announced(consultation) -> dict[str, datetime | None]:
    db.session.expire_all()
    rows = db.session.execute(
        select(Phase.kind, Phase.announced_at).where(Phase.consultation_id == consultation.id)
    )
    return dict(rows.all())


def test_nothing_is_announced_before_a_phase_begins(world, time_machine):
    consultation, _followers = world
    assert announce(START + 4 * DAY, time_machine) == 0
    assert sent() == []
    assert set(announced(consultation).values()) == {None}


def test_a_phase_that_began_is_announced_once_to_the_followers(app, world, time_machine):
    consultation, followers = world
    at = START + 6 * DAY

    assert announce(at, time_machine) == 2
    assert announce(at + timedelta(hours=1), time_machine) == 0

    notes = sent()
    assert sorted(n.user_id for n in notes) == sorted(u.id for u in followers)
    assert {(n.kind, n.consultation_id) for n in notes} == {(kinds.PHASE_STARTED, consultation.id)}
    assert all(n.params == {"phase": "information"} for n in notes)
    assert all(n.actor_id is None for n in notes)
    phases = announced(consultation)
    assert phases["information"] == naive(at)
    assert [phases[kind] for kind in ("proposals", "discussion", "voting", "results")] == [None] * 4

    with app.test_request_context("/"), force_locale("en"):
        described = describe(notes[0])
    assert words(described.text) == "“Language courses” is now in the phase: Information."
    assert described.url == f"/consultations/{consultation.id}"


def test_each_phase_is_announced_when_it_begins(world, time_machine):
    consultation, _followers = world
    announce(START + 6 * DAY, time_machine)  # information
    assert announce(START + 16 * DAY, time_machine) == 2  # proposals
    assert [n.params["phase"] for n in sent()] == ["information"] * 2 + ["proposals"] * 2
    assert announced(consultation)["proposals"] == naive(START + 16 * DAY)


def test_phases_that_ended_meanwhile_are_marked_without_notifying(world, time_machine):
    """The sender was down for weeks: only the phase running now is announced."""
    consultation, _followers = world
    at = START + 28 * DAY  # information and proposals are over, discussion runs

    assert announce(at, time_machine) == 2
    assert {n.params["phase"] for n in sent()} == {"discussion"}
    phases = announced(consultation)
    assert phases["information"] == phases["proposals"] == phases["discussion"] == naive(at)
    assert phases["voting"] is None and phases["results"] is None

    assert announce(at + DAY, time_machine) == 0


@pytest.mark.parametrize("state", [ConsultationState.DRAFT, ConsultationState.ARCHIVED])
def test_drafts_and_archived_consultations_are_never_announced(time_machine, state):
    time_machine.move_to(START, tick=False)
    consultation = build.consultation(make_region(), phase="proposals", state=state)
    follows.follow(make_user(), consultation, check=False)
    db.session.commit()

    assert announce(START + DAY, time_machine) == 0
    assert sent() == []
    assert set(announced(consultation).values()) == {None}


def test_a_consultation_nobody_follows_is_marked_without_notifications(time_machine):
    time_machine.move_to(START, tick=False)
    consultation = build.consultation(make_region(), phase=None)
    db.session.commit()

    assert announce(START + 6 * DAY, time_machine) == 0
    assert announced(consultation)["information"] == naive(START + 6 * DAY)


def test_without_the_callers_commit_nothing_is_claimed(world, time_machine):
    consultation, _followers = world
    time_machine.move_to(START + 6 * DAY, tick=False)
    assert announce_started_phases(naive(START + 6 * DAY)) == 2
    db.session.rollback()

    assert sent() == []
    assert announced(consultation)["information"] is None
    assert announce(START + 6 * DAY, time_machine) == 2


def test_two_senders_at_the_same_moment_announce_once(app, world, time_machine):
    consultation, followers = world
    at = START + 6 * DAY
    time_machine.move_to(at, tick=False)
    start = threading.Barrier(2)
    written, errors = [], []

    def sender():
        with app.app_context():
            try:
                start.wait(timeout=30)
                written.append(announce_started_phases(naive(at)))
                db.session.commit()
            except Exception as error:  # a failed pass would be a bug here
                db.session.rollback()
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    db.session.rollback()

    assert errors == []
    assert sorted(written) == [0, 2]
    assert sorted(n.user_id for n in sent()) == sorted(u.id for u in followers)
    assert announced(consultation)["information"] == naive(at)


def test_a_phase_claimed_by_another_sender_after_this_one_looked_is_skipped(
    app, world, time_machine
):
    """The other sender claims and commits between this sender's query and its claim: the
    conditional update changes nothing, so this sender writes no second announcement."""
    consultation, followers = world
    at = START + 6 * DAY
    time_machine.move_to(at, tick=False)
    other_wrote, started = [], []
    this_thread = threading.current_thread()

    def other_sender():
        with app.app_context():
            other_wrote.append(announce_started_phases(naive(at)))
            db.session.commit()
            db.session.remove()

    def before_claim(conn, cursor, statement, parameters, context, executemany):
        claiming = statement.lstrip().upper().startswith("UPDATE PHASES")
        if claiming and threading.current_thread() is this_thread and not started:
            started.append(True)
            thread = threading.Thread(target=other_sender)
            thread.start()
            thread.join(timeout=30)

    event.listen(db.engine, "before_cursor_execute", before_claim)
    try:
        mine = announce_started_phases(naive(at))
        db.session.commit()
    finally:
        event.remove(db.engine, "before_cursor_execute", before_claim)

    assert (other_wrote, mine) == ([2], 0)
    assert sorted(n.user_id for n in sent()) == sorted(u.id for u in followers)
    assert announced(consultation)["information"] == naive(at)
