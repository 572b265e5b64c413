"""Writing, answering, editing and removing comments through the pages."""

import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.comments.models import Comment
from app.comments.queries import comment_thread
from app.consultations.models import ModerationMode
from app.core.models import ModerationState
from app.extensions import db
from app.proposals.models import Proposal, ProposalStatus
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_user


def create_url(proposal) -> str:
    return build.proposal_url(proposal, "/comments/")


def comment_form(**changes) -> dict:
    data = {"body": "Das finde ich eine gute Idee.", "stance": "", "language": "de"}
    data.update(changes)
    return data


def page_of(response) -> str:
    return response.get_data(as_text=True)


def comment_count() -> int:
    return db.session.scalar(select(func.count(Comment.id)))


def textarea_text(page: str, field_id: str) -> str:
    match = re.search(rf'<textarea[^>]*id="{field_id}"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, f"no textarea {field_id}"
    return html.unescape(match.group(1)).strip()


def field_error(page: str, field_id: str) -> str:
    match = re.search(rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', page, re.S)
    assert match, f"no error shown next to {field_id}"
    return html.unescape(match.group(1))


def fresh(model, obj_id):
    obj = db.session.get(model, obj_id)
    db.session.refresh(obj)
    return obj


@pytest.fixture
def discussion(client, login_as):
    """A proposal in the discussion phase and a logged-in participant (English UI)."""
    c = build.consultation(phase="discussion")
    proposal = build.proposal(c, make_user(), title="Mehr Bänke im Park")
    user = login_as("participant", locale="en")
    db.session.commit()
    return proposal, user


# --- writing ----------------------------------------------------------------------------------


def test_a_comment_is_published_and_linked_by_its_anchor(client, discussion):
    proposal, user = discussion
    response = post_form(client, create_url(proposal), comment_form(stance="in_favour"))
    assert response.status_code == 302
    comment = db.session.scalars(select(Comment)).one()
    assert response.location == build.proposal_url(proposal) + f"#comment-{comment.id}"
    assert (comment.author_id, comment.stance, comment.parent_id) == (user.id, "in_favour", None)
    assert comment.moderation_state == ModerationState.PUBLISHED
    assert fresh(Proposal, proposal.id).comment_count == 1
    page = page_of(client.get(build.proposal_url(proposal)))
    assert "Your comment has been published." in page
    assert f'id="comment-{comment.id}"' in page
    assert "Das finde ich eine gute Idee." in page
    assert "1 comment" in page


def test_in_pre_moderation_a_comment_waits_and_is_not_counted(client, login_as):
    c = build.consultation(phase="discussion", moderation_mode=ModerationMode.PRE)
    proposal = build.proposal(c, make_user())
    login_as("participant", locale="en")
    assert post_form(client, create_url(proposal), comment_form()).status_code == 302
    assert db.session.scalars(select(Comment)).one().moderation_state == ModerationState.PENDING
    assert fresh(Proposal, proposal.id).comment_count == 0


def test_a_reply_is_stored_under_its_parent(client, discussion):
    proposal, _user = discussion
    parent = build.comment(proposal, make_user(display_name="Anna"))
    db.session.commit()
    form_page = page_of(
        client.get(build.proposal_url(proposal), query_string={"reply_to": parent.id})
    )
    assert "Reply to" in form_page and "Anna" in form_page
    assert f'name="parent_id" type="hidden" value="{parent.id}"' in form_page
    response = post_form(client, create_url(proposal), comment_form(parent_id=str(parent.id)))
    assert response.status_code == 302
    reply = db.session.scalars(select(Comment).where(Comment.id != parent.id)).one()
    assert reply.parent_id == parent.id
    assert fresh(Proposal, proposal.id).comment_count == 2


def test_a_reply_to_a_comment_of_another_proposal_is_refused(client, discussion):
    proposal, _user = discussion
    other = build.proposal(proposal.consultation, make_user())
    foreign = build.comment(other, make_user(), body="Anderswo")
    db.session.commit()
    response = post_form(
        client, create_url(proposal), comment_form(body="Antwort", parent_id=str(foreign.id))
    )
    assert response.status_code == 400
    assert "The comment you wanted to answer does not exist here." in page_of(response)
    assert comment_count() == 1
    assert fresh(Proposal, proposal.id).comment_count == 0


@pytest.mark.parametrize("parent_id", ["999999", "abc", "-1", "1.5"])
def test_a_reply_to_an_unknown_comment_is_refused(client, discussion, parent_id):
    proposal, _user = discussion
    response = post_form(client, create_url(proposal), comment_form(parent_id=parent_id))
    assert response.status_code == 400
    assert "The comment you wanted to answer does not exist here." in page_of(response)
    assert comment_count() == 0


def test_a_reply_to_a_hidden_comment_is_refused(client, discussion):
    proposal, _user = discussion
    hidden = build.comment(proposal, make_user(), moderation_state=ModerationState.HIDDEN)
    db.session.commit()
    response = post_form(client, create_url(proposal), comment_form(parent_id=str(hidden.id)))
    assert response.status_code == 400
    assert comment_count() == 1


def test_a_refused_comment_shows_the_page_again_with_the_typed_text(client, discussion):
    proposal, _user = discussion
    response = post_form(client, create_url(proposal), comment_form(body="x", stance="against"))
    assert response.status_code == 400
    page = page_of(response)
    assert "Mehr Bänke im Park" in page  # the proposal page
    assert textarea_text(page, "body") == "x"
    assert "Please enter between 2 and 5000 characters." in field_error(page, "body")
    assert '<option selected value="against">' in page or 'selected value="against"' in page
    assert comment_count() == 0


def test_an_empty_comment_is_refused_with_status_400(client, discussion):
    proposal, _user = discussion
    parent = build.comment(proposal, make_user(display_name="Anna"))
    db.session.commit()
    response = post_form(
        client,
        create_url(proposal),
        comment_form(body="   ", stance="neutral", parent_id=str(parent.id)),
    )
    assert response.status_code == 400
    page = page_of(response)
    assert "Please fill in this field." in field_error(page, "body")
    assert "Please correct the following:" in page
    assert f'value="{parent.id}"' in page  # still answering Anna
    assert "Reply to" in page
    assert 'selected value="neutral"' in page
    assert comment_count() == 1


def test_a_too_long_comment_keeps_its_text(client, discussion):
    proposal, _user = discussion
    body = "Sehr lang. " * 500
    response = post_form(client, create_url(proposal), comment_form(body=body))
    assert response.status_code == 400
    assert textarea_text(page_of(response), "body") == body.strip()
    assert comment_count() == 0


def test_an_unknown_stance_is_refused(client, discussion):
    proposal, _user = discussion
    response = post_form(client, create_url(proposal), comment_form(stance="furious"))
    assert response.status_code == 400
    assert field_error(page_of(response), "stance")
    assert comment_count() == 0


def test_a_withdrawn_proposal_takes_no_comment(client, discussion):
    proposal, _user = discussion
    proposal.status = ProposalStatus.WITHDRAWN
    db.session.commit()
    response = post_form(client, create_url(proposal), comment_form())
    assert response.status_code in (400, 403)
    assert comment_count() == 0
    assert fresh(Proposal, proposal.id).comment_count == 0
    page = page_of(client.get(build.proposal_url(proposal)))
    assert "A withdrawn proposal cannot be commented on." in page
    assert f'action="{create_url(proposal)}"' not in page


@pytest.mark.parametrize("phase", ["information", "voting", "results"])
def test_outside_the_comment_phases_nothing_is_stored(client, login_as, phase):
    c = build.consultation(phase=phase)
    proposal = build.proposal(c, make_user())
    login_as("participant", locale="en")
    response = post_form(client, create_url(proposal), comment_form())
    assert response.status_code in (400, 403)
    assert comment_count() == 0
    assert f'action="{create_url(proposal)}"' not in page_of(
        client.get(build.proposal_url(proposal))
    )


def test_commenting_needs_a_login(app, discussion):
    proposal, _user = discussion
    anonymous = app.test_client()
    response = post_form(anonymous, create_url(proposal), comment_form())
    assert response.status_code == 302
    assert response.location.startswith("/account/login")
    assert comment_count() == 0
    assert "Log in to comment." in page_of(
        anonymous.get(build.proposal_url(proposal), headers={"Accept-Language": "en"})
    )


def test_a_comment_without_csrf_token_is_refused(client, discussion):
    proposal, _user = discussion
    response = client.post(create_url(proposal), data=comment_form())
    assert response.status_code == 400
    assert comment_count() == 0


def test_commenting_on_a_pending_proposal_of_someone_else_is_not_found(client, discussion):
    proposal, _user = discussion
    pending = build.proposal(
        proposal.consultation, make_user(), moderation_state=ModerationState.PENDING
    )
    db.session.commit()
    assert post_form(client, create_url(pending), comment_form()).status_code == 404
    assert comment_count() == 0


# --- editing ----------------------------------------------------------------------------------


@pytest.fixture
def own_comment(discussion):
    proposal, user = discussion
    comment = build.comment(proposal, user, body="Mein erster Gedanke", stance="neutral")
    db.session.commit()
    return comment


def test_the_author_edits_and_the_comment_is_marked_edited(client, own_comment):
    url = build.comment_url(own_comment, "/edit")
    form = client.get(url)
    assert form.status_code == 200
    assert textarea_text(page_of(form), "body") == "Mein erster Gedanke"
    response = post_form(client, url, {"body": "Mein zweiter Gedanke", "stance": "in_favour"})
    assert response.status_code == 302
    assert response.location.endswith(f"#comment-{own_comment.id}")
    comment = fresh(Comment, own_comment.id)
    assert (comment.body, comment.stance) == ("Mein zweiter Gedanke", "in_favour")
    assert comment.edited_at is not None
    page = page_of(client.get(build.proposal_url(comment.proposal)))
    assert "Your comment has been changed." in page
    assert "(edited)" in page
    assert "Mein erster Gedanke" not in page


def test_an_unchanged_comment_is_not_marked_edited(client, own_comment):
    post_form(
        client,
        build.comment_url(own_comment, "/edit"),
        {"body": "Mein erster Gedanke", "stance": "neutral"},
    )
    assert fresh(Comment, own_comment.id).edited_at is None
    assert "(edited)" not in page_of(client.get(build.proposal_url(own_comment.proposal)))


def test_an_edit_with_an_empty_text_is_refused(client, own_comment):
    response = post_form(
        client, build.comment_url(own_comment, "/edit"), {"body": "", "stance": ""}
    )
    assert response.status_code == 200
    assert "Please fill in this field." in field_error(page_of(response), "body")
    assert fresh(Comment, own_comment.id).body == "Mein erster Gedanke"


def test_nobody_else_edits(app, own_comment):
    other = app.test_client()
    log_in(other, make_user(locale="en"))
    url = build.comment_url(own_comment, "/edit")
    assert other.get(url).status_code == 403
    assert post_form(other, url, {"body": "Fremder Text", "stance": ""}).status_code == 403
    assert fresh(Comment, own_comment.id).body == "Mein erster Gedanke"
    assert f'href="{url}"' not in page_of(other.get(build.proposal_url(own_comment.proposal)))


def test_editing_ends_with_the_comment_phases(client, own_comment, time_machine):
    voting = own_comment.proposal.consultation.phase("voting")
    time_machine.move_to(voting.starts_at + timedelta(hours=1))
    url = build.comment_url(own_comment, "/edit")
    assert client.get(url).status_code == 403
    assert post_form(client, url, {"body": "Zu spät", "stance": ""}).status_code == 403
    assert fresh(Comment, own_comment.id).body == "Mein erster Gedanke"


def test_a_comment_is_edited_only_under_its_own_proposal(client, own_comment):
    other = build.proposal(own_comment.proposal.consultation, make_user())
    db.session.commit()
    url = build.proposal_url(other, f"/comments/{own_comment.id}/edit")
    assert client.get(url).status_code == 404


# --- removing ---------------------------------------------------------------------------------


def test_the_author_removes_a_comment_and_the_replies_stay(client, own_comment):
    proposal = own_comment.proposal
    reply = build.comment(proposal, make_user(), body="Eine Antwort darauf", parent=own_comment)
    db.session.commit()
    response = post_form(client, build.comment_url(own_comment, "/delete"))
    assert response.status_code == 302
    assert response.location.endswith(f"#comment-{own_comment.id}")
    comment = fresh(Comment, own_comment.id)
    assert comment.deleted_at is not None
    assert (comment.body, comment.stance) == ("", None)
    assert fresh(Comment, reply.id).parent_id == own_comment.id

    page = page_of(client.get(build.proposal_url(proposal)))
    assert "Your comment has been removed. Replies to it stay visible." in page
    assert "Removed by the author." in page
    assert "Mein erster Gedanke" not in page
    assert "Eine Antwort darauf" in page
    assert f'id="comment-{own_comment.id}"' in page
    assert "1 comment" in page


def test_the_comment_count_stays_correct(client, discussion):
    proposal, _user = discussion
    for text in ("Erster Kommentar", "Zweiter Kommentar", "Dritter Kommentar"):
        assert post_form(client, create_url(proposal), comment_form(body=text)).status_code == 302
    assert fresh(Proposal, proposal.id).comment_count == 3
    first = db.session.scalars(select(Comment).order_by(Comment.id)).first()
    assert post_form(client, build.comment_url(first, "/delete")).status_code == 302
    # Removing twice changes nothing.
    post_form(client, build.comment_url(first, "/delete"))
    proposal = fresh(Proposal, proposal.id)
    visible = comment_thread(proposal, None).count
    assert visible == 2
    assert proposal.comment_count == visible


def test_nobody_else_removes_a_comment(app, own_comment):
    other = app.test_client()
    log_in(other, make_user(locale="en"))
    response = post_form(other, build.comment_url(own_comment, "/delete"))
    assert response.status_code in (302, 403)
    assert fresh(Comment, own_comment.id).deleted_at is None
    page = page_of(other.get(response.location) if response.status_code == 302 else response)
    assert "<p>None</p>" not in page


def test_the_remove_button_is_shown_to_the_author_only(app, client, own_comment):
    url = build.comment_url(own_comment, "/delete")
    assert f'action="{url}"' in page_of(client.get(build.proposal_url(own_comment.proposal)))
    other = app.test_client()
    log_in(other, make_user())
    assert f'action="{url}"' not in page_of(other.get(build.proposal_url(own_comment.proposal)))
