"""Appeals (once per decision, decided by the region's coordination) and the audit log CSV."""

import csv
import io

import pytest

from app.core.errors import DomainError
from app.core.models import ModerationState
from app.extensions import db
from app.moderation import services
from app.moderation.models import Appeal, ModerationDecision
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_user, make_user_with_role


@pytest.fixture
def world(app):
    coordinator = make_user_with_role("coordinator", locale="en")
    region = coordinator.roles[0].region
    moderator = make_user_with_role("moderator", region=region)
    consultation = build.consultation(region=region, phase="discussion")
    author = make_user(locale="en")
    proposal = build.proposal(consultation, author)
    comment = build.comment(proposal, author, body="=HYPERLINK(1)")
    decision = services.decide(
        moderator, comment, "hide", ModerationState.PUBLISHED, "insult", "=cmd|calc"
    )
    db.session.commit()
    return coordinator, moderator, author, comment, decision


def test_the_author_appeals_once(world):
    _coordinator, _moderator, author, _comment, decision = world
    services.appeal_decision(author, decision, "Das war keine Beleidigung.")
    with pytest.raises(DomainError):
        services.appeal_decision(author, decision, "Noch einmal.")
    assert db.session.query(Appeal).count() == 1


def test_nobody_else_appeals_and_approvals_are_not_appealable(world):
    _coordinator, moderator, _author, comment, decision = world
    with pytest.raises(DomainError):
        services.appeal_decision(make_user(), decision, "Ich auch.")
    restored = services.decide(moderator, comment, "restore", ModerationState.HIDDEN)
    with pytest.raises(DomainError):
        services.appeal_decision(comment.author, restored, "Warum?")


def test_the_coordinator_reverses_and_the_contribution_is_published_again(world):
    coordinator, _moderator, author, comment, decision = world
    appeal = services.appeal_decision(author, decision, "Bitte prüfen.")
    services.resolve_appeal(coordinator, appeal, "reversed", "Die Aussage ist zulässig.")
    db.session.commit()
    db.session.refresh(comment)
    assert comment.moderation_state == ModerationState.PUBLISHED
    assert appeal.outcome == "reversed"
    actions = [d.action for d in db.session.scalars(db.select(ModerationDecision).order_by("id"))]
    assert actions == ["hide", "restore"]
    with pytest.raises(DomainError):
        services.resolve_appeal(coordinator, appeal, "confirmed", "Doch nicht.")


def test_moderators_and_other_regions_cannot_decide_appeals(world):
    _coordinator, moderator, author, _comment, decision = world
    appeal = services.appeal_decision(author, decision, "Bitte prüfen.")
    for stranger in (moderator, make_user_with_role("coordinator")):
        with pytest.raises(DomainError):
            services.resolve_appeal(stranger, appeal, "confirmed", "Nein.")


def test_appeal_and_resolution_through_the_pages(client, world):
    coordinator, _moderator, author, _comment, decision = world
    log_in(client, author)
    page = client.get("/moderation/mine").get_data(as_text=True)
    assert "Appeal against this decision" in page
    post_form(client, f"/moderation/decisions/{decision.id}/appeal", {"note": "Bitte prüfen."})
    assert "waiting for a decision" in client.get("/moderation/mine").get_data(as_text=True)
    log_in(client, coordinator)
    appeal = db.session.scalar(db.select(Appeal))
    assert "Bitte prüfen." in client.get("/moderation/appeals").get_data(as_text=True)
    post_form(
        client,
        f"/moderation/appeals/{appeal.id}/resolve",
        {"outcome": "confirmed", "note": "Die Entscheidung bleibt."},
    )
    log_in(client, author)
    page = client.get("/moderation/mine").get_data(as_text=True)
    assert "The decision was confirmed." in page and "Die Entscheidung bleibt." in page


def test_the_audit_log_exports_every_decision_safely(client, world):
    coordinator, _moderator, _author, comment, _decision = world
    log_in(client, coordinator)
    response = client.get("/moderation/log.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(row["contribution_id"], row["action"], row["reason"]) for row in rows] == [
        (str(comment.id), "hide", "insult")
    ]
    assert rows[0]["note_to_author"] == "'=cmd|calc"  # no formula injection in spreadsheets


def test_the_audit_log_is_for_coordinators_and_administrators(client, world):
    _coordinator, moderator, _author, _comment, _decision = world
    log_in(client, moderator)
    assert client.get("/moderation/log.csv").status_code == 403
    log_in(client, make_user_with_role("coordinator"))
    db.session.commit()
    rows = list(csv.reader(io.StringIO(client.get("/moderation/log.csv").get_data(as_text=True))))
    assert len(rows) == 1  # only the header: another region's decisions are not in reach
