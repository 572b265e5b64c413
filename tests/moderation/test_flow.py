"""Reports, automatic hiding, decisions and their audit log, and the concurrent decision."""

import pytest
from sqlalchemy import select

from app.core.errors import DomainError
from app.core.models import ModerationState
from app.extensions import db
from app.moderation import services
from app.moderation.models import DecisionAction, ModerationDecision, Report
from app.proposals.models import Proposal
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_user, make_user_with_role


@pytest.fixture
def world(app):
    moderator = make_user_with_role("moderator", locale="en")
    region = moderator.roles[0].region
    consultation = build.consultation(region=region, phase="discussion")
    author = make_user()
    proposal = build.proposal(consultation, author)
    comment = build.comment(proposal, author, body="Ein Kommentar")
    proposal.comment_count = 1
    db.session.commit()
    return moderator, proposal, comment


def test_three_distinct_reports_hide_a_comment_until_reviewed(world):
    _moderator, proposal, comment = world
    reporters = [make_user() for _ in range(3)]
    for reporter in reporters[:2]:
        services.report_contribution(reporter, comment, "insult")
    assert comment.moderation_state == ModerationState.PUBLISHED
    services.report_contribution(reporters[2], comment, "spam")
    db.session.commit()
    db.session.refresh(comment)
    assert comment.moderation_state == ModerationState.HIDDEN
    assert db.session.get(Proposal, proposal.id).comment_count == 0
    (decision,) = db.session.scalars(select(ModerationDecision)).all()
    assert decision.action == DecisionAction.AUTO_HIDE and decision.moderator_id is None


def test_one_report_per_user_and_contribution(world):
    _moderator, _proposal, comment = world
    reporter = make_user()
    services.report_contribution(reporter, comment, "spam")
    with pytest.raises(DomainError):
        services.report_contribution(reporter, comment, "other")
    assert db.session.query(Report).count() == 1


def test_authors_cannot_report_themselves(world):
    _moderator, _proposal, comment = world
    with pytest.raises(DomainError):
        services.report_contribution(comment.author, comment, "spam")


def test_hide_needs_a_reason_and_restore_brings_it_back(world):
    moderator, proposal, comment = world
    with pytest.raises(DomainError):
        services.decide(moderator, comment, DecisionAction.HIDE, ModerationState.PUBLISHED)
    services.decide(
        moderator,
        comment,
        DecisionAction.HIDE,
        ModerationState.PUBLISHED,
        "insult",
        "Bitte sachlich.",
    )
    services.decide(moderator, comment, DecisionAction.RESTORE, ModerationState.HIDDEN)
    db.session.commit()
    db.session.refresh(comment)
    assert comment.moderation_state == ModerationState.PUBLISHED
    actions = [d.action for d in db.session.scalars(select(ModerationDecision).order_by("id"))]
    assert actions == ["hide", "restore"]
    assert db.session.get(Proposal, proposal.id).comment_count == 1


def test_the_second_of_two_simultaneous_decisions_is_refused(world):
    moderator, _proposal, comment = world
    other = make_user_with_role("moderator", region=moderator.roles[0].region)
    services.decide(moderator, comment, DecisionAction.HIDE, ModerationState.PUBLISHED, "spam")
    # The second moderator's form still shows "published".
    with pytest.raises(DomainError) as refused:
        services.decide(other, comment, DecisionAction.HIDE, ModerationState.PUBLISHED, "spam")
    assert refused.value.status_code == 409
    assert db.session.query(ModerationDecision).count() == 1


def test_a_moderator_of_another_region_may_not_decide(world):
    _moderator, _proposal, comment = world
    stranger = make_user_with_role("moderator")
    with pytest.raises(DomainError):
        services.decide(stranger, comment, DecisionAction.HIDE, ModerationState.PUBLISHED, "spam")


def test_hidden_comment_shows_its_reason_to_the_public(app, world):
    moderator, proposal, comment = world
    services.decide(moderator, comment, DecisionAction.HIDE, ModerationState.PUBLISHED, "insult")
    db.session.commit()
    page = (
        app.test_client()
        .get(build.proposal_url(proposal), headers={"Accept-Language": "en"})
        .get_data(as_text=True)
    )
    assert "Hidden by moderation: Insult or hate" in page
    assert "Ein Kommentar" not in page


@pytest.mark.parametrize("path", ["/moderation/", "/moderation/contributions/{id}"])
def test_queue_and_item_pages(client, world, path):
    moderator, _proposal, comment = world
    log_in(client, moderator)
    assert client.get(path.format(id=comment.id)).status_code == 200
    stranger = make_user_with_role("moderator")
    db.session.commit()
    log_in(client, stranger)
    expected = 200 if path == "/moderation/" else 403
    assert client.get(path.format(id=comment.id)).status_code == expected
    log_in(client, make_user())
    db.session.commit()
    assert client.get(path.format(id=comment.id)).status_code in (403, 404)


def test_decide_through_the_page_and_see_it_in_the_log(client, world):
    moderator, _proposal, comment = world
    log_in(client, moderator)
    response = post_form(
        client,
        f"/moderation/contributions/{comment.id}",
        {"action": "hide", "reason": "spam", "note": "Werbung", "seen_state": "published"},
    )
    assert response.status_code == 302
    page = client.get("/moderation/?view=decided").get_data(as_text=True)
    assert f"/moderation/contributions/{comment.id}" in page


def test_bulk_approval_of_waiting_items(client, world):
    moderator, proposal, _comment = world
    waiting = [
        build.comment(proposal, make_user(), moderation_state=ModerationState.PENDING)
        for _ in range(3)
    ]
    db.session.commit()
    log_in(client, moderator)
    response = post_form(client, "/moderation/approve", {"ids": [str(c.id) for c in waiting]})
    assert response.status_code == 302
    states = {db.session.get(type(c), c.id).moderation_state for c in waiting}
    assert states == {ModerationState.PUBLISHED}


def test_report_through_the_page(client, world):
    _moderator, _proposal, comment = world
    reporter = make_user()
    db.session.commit()
    log_in(client, reporter)
    assert client.get(f"/moderation/report/{comment.id}").status_code == 200
    response = post_form(client, f"/moderation/report/{comment.id}", {"reason": "spam"})
    assert response.status_code == 302
    assert db.session.query(Report).count() == 1


def test_a_moderator_confirms_an_automatic_hiding_once(world):
    moderator, _proposal, comment = world
    for _ in range(3):
        services.report_contribution(make_user(), comment, "insult")
    db.session.commit()
    other = make_user_with_role("moderator", region=moderator.roles[0].region)
    services.decide(moderator, comment, DecisionAction.HIDE, ModerationState.HIDDEN, "insult")
    with pytest.raises(DomainError) as refused, db.session.begin_nested():
        services.decide(other, comment, DecisionAction.HIDE, ModerationState.HIDDEN, "spam")
    assert refused.value.status_code == 409
    actions = [d.action for d in db.session.scalars(select(ModerationDecision).order_by("id"))]
    assert actions == ["auto_hide", "hide"]
