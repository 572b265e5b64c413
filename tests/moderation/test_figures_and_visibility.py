"""Waiting contributions staying invisible to everyone else, and moderation across regions.

The moderation figures are tested in tests/monitoring/test_moderation_figures.py."""

import pytest

from app.consultations.models import ModerationMode
from app.core.models import ModerationState
from app.extensions import db
from app.moderation import services
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_user, make_user_with_role


@pytest.fixture
def region_world(app):
    moderator = make_user_with_role("moderator")
    coordinator = make_user_with_role("coordinator", region=moderator.roles[0].region)
    consultation = build.consultation(
        region=moderator.roles[0].region, phase="discussion", moderation_mode=ModerationMode.PRE
    )
    db.session.commit()
    return moderator, coordinator, consultation


def test_waiting_proposals_stay_out_of_lists_search_counts_and_results(client, region_world):
    _moderator, _coordinator, consultation = region_world
    author = make_user()
    build.proposal(
        consultation,
        author,
        title="Geheimer Wartevorschlag",
        moderation_state=ModerationState.PENDING,
        votes_for=5,
    )
    db.session.commit()
    url = f"/consultations/{consultation.id}"
    for page_url in (url, f"{url}?q=Wartevorschlag", f"{url}/results"):
        assert "Geheimer Wartevorschlag" not in client.get(page_url).get_data(as_text=True)
    assert "Geheimer Wartevorschlag" not in client.get(
        f"{url}/proposals/similar?title=Geheimer"
    ).get_data(as_text=True)
    log_in(client, author)
    assert "Geheimer Wartevorschlag" in client.get(url).get_data(as_text=True)


def test_changing_the_moderation_mode_keeps_waiting_items_waiting(client, region_world):
    _moderator, _coordinator, consultation = region_world
    author = make_user()
    proposal = build.proposal(consultation, author, moderation_state=ModerationState.PENDING)
    consultation.moderation_mode = ModerationMode.POST
    db.session.commit()
    db.session.refresh(proposal)
    assert proposal.moderation_state == ModerationState.PENDING
    assert proposal.title not in client.get(f"/consultations/{consultation.id}").get_data(
        as_text=True
    )


def _moderator_of(consultation):
    return make_user_with_role("moderator", region=consultation.region)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/moderation/contributions/{id}"),
        ("post", "/moderation/contributions/{id}"),
        ("post", "/moderation/contributions/{id}/block"),
        ("post", "/moderation/appeals/{appeal}/resolve"),
    ],
)
def test_a_moderator_of_another_region_gets_403(client, region_world, method, path):
    _moderator, _coordinator, consultation = region_world
    moderator = _moderator_of(consultation)
    author = make_user()
    comment = build.comment(build.proposal(consultation, make_user()), author)
    decision = services.decide(moderator, comment, "hide", ModerationState.PUBLISHED, "spam")
    appeal = services.appeal_decision(author, decision, "Bitte prüfen.")
    stranger = make_user_with_role("coordinator")  # coordinates (and moderates) another region
    db.session.commit()
    log_in(client, stranger)

    url = path.format(id=comment.id, appeal=appeal.id)
    response = client.get(url) if method == "get" else post_form(client, url, {"action": "hide"})
    assert response.status_code == 403


@pytest.mark.parametrize("state", [ModerationState.HIDDEN, ModerationState.PENDING])
def test_hidden_or_waiting_proposals_take_no_comments_or_votes(app, state):
    from app.core.permissions import can

    voter = make_user()
    for phase, action in (("discussion", "comment.create"), ("voting", "vote.cast")):
        consultation = build.consultation(phase=phase)
        proposal = build.proposal(consultation, make_user(), moderation_state=state)
        db.session.commit()
        assert not can(voter, action, proposal)
        proposal.moderation_state = ModerationState.PUBLISHED
        assert can(voter, action, proposal)
