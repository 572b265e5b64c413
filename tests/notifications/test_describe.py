"""What a notification says once its proposal is no longer public."""

import pytest
from flask import current_app
from flask_babel import force_locale

from app.extensions import db
from app.notifications import kinds
from app.notifications.describe import describe
from tests.notifications import words
from tests.notifications.ui_builders import notify, world


@pytest.fixture
def w(app):
    built = world()
    db.session.commit()
    return built


def described(notification):
    with current_app.test_request_context("/"), force_locale("en"):
        return describe(notification)


@pytest.mark.parametrize("state", ["hidden", "pending", "rejected"])
def test_a_follower_is_told_nothing_about_a_proposal_that_is_no_longer_public(w, state):
    note = notify(
        w.reader,
        kinds.PROPOSAL_UPDATE,
        proposal=w.proposal,
        actor=w.author,
        params={"status": "accepted", "answered": True},
    )
    w.proposal.moderation_state = state
    db.session.commit()

    said = described(note)

    assert said.text == "This was about a proposal that is no longer public."
    assert said.url == ""
    assert w.proposal.title not in said.text


def test_its_author_still_reads_the_title(w):
    note = notify(
        w.author,
        kinds.MODERATION_DECISION,
        proposal=w.proposal,
        contribution=w.proposal,
        params={"action": "hide"},
    )
    w.proposal.moderation_state = "hidden"
    db.session.commit()

    said = described(note)

    assert words(said.text) == "Your contribution on “Abendkurse für Berufstätige” was hidden."
    assert said.url == "/moderation/mine"


def test_a_public_proposal_is_named(w):
    note = notify(w.reader, kinds.NEW_PROPOSAL, proposal=w.proposal, actor=w.author)
    db.session.commit()

    assert words(described(note).text) == "New proposal: “Abendkurse für Berufstätige”."
