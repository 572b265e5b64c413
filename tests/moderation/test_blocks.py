"""Blocking an author: no posting, voting or reporting; sessions end; contributions stay."""

from datetime import timedelta

import pytest

from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.core.permissions import can
from app.extensions import db
from app.moderation import services
from app.moderation.models import PERMANENT, UserBlock
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_user, make_user_with_role


@pytest.fixture
def world(app):
    moderator = make_user_with_role("moderator", locale="en")
    consultation = build.consultation(region=moderator.roles[0].region, phase="proposals")
    author = make_user(locale="en")
    proposal = build.proposal(consultation, author)
    comment = build.comment(proposal, author, body="Ein Kommentar")
    db.session.commit()
    return moderator, author, proposal, comment


def test_a_blocked_author_can_no_longer_take_part(world):
    moderator, author, proposal, comment = world
    other_comment = build.comment(proposal, make_user())
    assert can(author, "comment.create", proposal)
    services.block_author(moderator, comment, "7", "Wiederholte Beleidigungen")
    db.session.commit()
    for action, obj in [
        ("proposal.submit", proposal.consultation),
        ("comment.create", proposal),
        ("contribution.report", other_comment),
    ]:
        assert not can(author, action, obj), action
    assert comment.moderation_state == "published"  # contributions stay


def test_blocks_end_after_their_period(world, time_machine):
    moderator, author, proposal, comment = world
    services.block_author(moderator, comment, "7", "Spam")
    db.session.commit()
    time_machine.move_to(utcnow_naive() + timedelta(days=8), tick=False)
    assert can(author, "comment.create", proposal)


def test_a_permanent_block_has_no_end(world):
    moderator, author, _proposal, comment = world
    block = services.block_author(moderator, comment, "permanent", "Drohungen")
    assert block.is_permanent
    assert author.blocked_until == PERMANENT


def test_blocking_ends_the_authors_sessions(app, world):
    moderator, author, _proposal, comment = world
    authors_browser = app.test_client()
    log_in(authors_browser, author)
    assert authors_browser.get("/account/").status_code == 200
    services.block_author(moderator, comment, "30", "Spam")
    db.session.commit()
    assert authors_browser.get("/account/").status_code == 302


@pytest.mark.parametrize(("duration", "reason"), [("365", "Grund"), ("7", "  ")])
def test_a_block_needs_a_known_duration_and_a_reason(world, duration, reason):
    moderator, _author, _proposal, comment = world
    with pytest.raises(DomainError):
        services.block_author(moderator, comment, duration, reason)
    assert db.session.query(UserBlock).count() == 0


def test_only_moderators_of_the_region_may_block(world):
    _moderator, _author, _proposal, comment = world
    with pytest.raises(DomainError):
        services.block_author(make_user_with_role("moderator"), comment, "7", "Spam")
    with pytest.raises(DomainError):
        services.block_author(make_user(), comment, "7", "Spam")


def test_block_through_the_page_keeps_input_on_error(client, world):
    moderator, _author, _proposal, comment = world
    log_in(client, moderator)
    refused = post_form(
        client,
        f"/moderation/contributions/{comment.id}/block",
        {"duration": "7", "block_reason": ""},
    )
    assert "Please give the reason for the block." in refused.get_data(as_text=True)
    response = post_form(
        client,
        f"/moderation/contributions/{comment.id}/block",
        {"duration": "30", "block_reason": "Spam"},
    )
    assert response.status_code == 302
    assert db.session.query(UserBlock).count() == 1


def test_the_author_reads_decisions_and_the_reporter_the_outcome(client, world):
    moderator, author, _proposal, comment = world
    reporter = make_user(locale="en")
    services.report_contribution(reporter, comment, "insult")
    services.decide(moderator, comment, "hide", "published", "insult", "Bitte sachlich bleiben.")
    db.session.commit()
    log_in(client, author)
    page = client.get("/moderation/mine").get_data(as_text=True)
    assert "Reason: Insult or hate" in page and "Bitte sachlich bleiben." in page
    log_in(client, reporter)
    page = client.get("/moderation/mine").get_data(as_text=True)
    assert "Outcome: Hidden" in page
