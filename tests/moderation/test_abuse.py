"""Abuse limits: duplicate texts, links from brand-new accounts, per-account rate limits."""

from datetime import timedelta

import pytest

from app.comments.models import Comment
from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.extensions import db
from app.moderation.abuse import check_new_text
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_user


@pytest.fixture
def proposal(app):
    consultation = build.consultation(phase="discussion")
    proposal = build.proposal(consultation, make_user())
    db.session.commit()
    return proposal


def comment_url(proposal) -> str:
    return f"/consultations/{proposal.consultation_id}/proposals/{proposal.id}/comments/"


def test_the_same_text_twice_within_minutes_is_refused_and_kept_in_the_form(client, proposal):
    writer = make_user(locale="en")
    db.session.commit()
    log_in(client, writer)
    data = {"body": "Das ist  mein Kommentar.", "stance": "", "language": "de"}
    assert post_form(client, comment_url(proposal), data).status_code == 302
    again = post_form(client, comment_url(proposal), {**data, "body": "Das ist mein Kommentar."})
    page = again.get_data(as_text=True)
    assert again.status_code == 400
    assert "You posted the same text a moment ago" in page
    assert "Das ist mein Kommentar.</textarea>" in page
    assert db.session.query(Comment).count() == 1


def test_the_same_text_is_fine_after_the_window(proposal, time_machine):
    writer = make_user()
    build.comment(proposal, writer, body="Noch einmal", created_at=utcnow_naive())
    db.session.commit()
    time_machine.move_to(utcnow_naive() + timedelta(minutes=11), tick=False)
    check_new_text(writer, "Noch einmal")  # no error


def test_new_accounts_may_post_one_link_older_ones_more(proposal):
    newcomer = make_user()
    old_hand = make_user()
    old_hand.created_at = utcnow_naive() - timedelta(days=3)
    db.session.commit()
    two_links = "Siehe https://example.org und www.example.com"
    with pytest.raises(DomainError):
        check_new_text(newcomer, two_links)
    check_new_text(newcomer, "Siehe https://example.org")
    check_new_text(old_hand, two_links)


def test_posting_is_rate_limited_per_account(client, app, proposal):
    writer = make_user()
    db.session.commit()
    log_in(client, writer)
    statuses = [
        post_form(
            client,
            comment_url(proposal),
            {"body": f"Kommentar {n}", "stance": "", "language": "de"},
        ).status_code
        for n in range(11)
    ]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
