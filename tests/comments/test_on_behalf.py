"""Commenting on behalf of a verified organisation: who may, how it shows, what a tampered
form gets."""

import html
import re

import pytest
from sqlalchemy import func, select

from app.comments.models import Comment
from app.extensions import db
from app.organisations.models import OrganisationStatus
from tests import organisation_builders as orgs
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_user

BADGE = 'class="badge badge--verified"'
REFUSAL = (
    "You can write on behalf of an organisation only as its member, and only while it is verified."
)
TEXT = "Unser Verein unterstützt diesen Vorschlag ausdrücklich."


def comment_form(**changes) -> dict:
    data = {"body": TEXT, "stance": "in_favour", "language": "de"}
    data.update(changes)
    return data


def comment_count() -> int:
    return db.session.scalar(select(func.count(Comment.id)))


def text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture
def setting():
    consultation = build.consultation(phase="discussion")
    proposal = build.proposal(consultation, make_user())
    member = make_user(display_name="Mira Mitglied", locale="en")
    db.session.commit()
    return proposal, member


def create_url(proposal) -> str:
    return build.proposal_url(proposal, "/comments/")


def test_a_member_comments_on_behalf_of_a_verified_organisation(client, setting):
    proposal, member = setting
    org = orgs.organisation(
        proposal.consultation.region, name="Kulturbrücke e. V.", members=[member]
    )
    db.session.commit()
    log_in(client, member)

    page = client.get(build.proposal_url(proposal)).get_data(as_text=True)
    form = page[page.index('id="reply-form"') :]
    assert "Publish as" in form
    assert "As myself (\u2068Mira Mitglied\u2069)" in form

    response = post_form(client, create_url(proposal), comment_form(speak_as=str(org.id)))

    assert response.status_code == 302
    comment = db.session.scalar(select(Comment))
    assert (comment.organisation_id, comment.author_id) == (org.id, member.id)
    page = client.get(build.proposal_url(proposal)).get_data(as_text=True)
    meta = re.search(
        rf'<p class="comment__meta" id="comment-{comment.id}-meta">(.*?)</p>', page, re.S
    )
    assert meta
    assert "Kulturbrücke e. V." in meta.group(1)
    assert BADGE in meta.group(1)
    assert "written by Mira Mitglied" in text_of(meta.group(1))


def test_as_myself_stores_no_organisation(client, setting):
    proposal, member = setting
    orgs.organisation(proposal.consultation.region, members=[member])
    db.session.commit()
    log_in(client, member)
    assert post_form(client, create_url(proposal), comment_form(speak_as="0")).status_code == 302
    assert db.session.scalar(select(Comment.organisation_id)) is None


def test_without_a_verified_organisation_there_is_no_choice(client, setting):
    proposal, member = setting
    orgs.organisation(
        proposal.consultation.region, status=OrganisationStatus.SUSPENDED, members=[member]
    )
    db.session.commit()
    log_in(client, member)
    page = client.get(build.proposal_url(proposal)).get_data(as_text=True)
    assert 'name="body"' in page
    assert 'name="speak_as"' not in page


@pytest.mark.parametrize(
    "status, is_member",
    [
        (OrganisationStatus.REQUESTED, True),
        (OrganisationStatus.SUSPENDED, True),
        (OrganisationStatus.VERIFIED, False),  # a tampered form from someone outside
    ],
)
def test_a_refused_organisation_gets_the_error_at_the_field_and_nothing_is_stored(
    client, setting, status, is_member
):
    proposal, member = setting
    org = orgs.organisation(
        proposal.consultation.region, status=status, members=[member] if is_member else []
    )
    db.session.commit()
    log_in(client, member)

    response = post_form(client, create_url(proposal), comment_form(speak_as=str(org.id)))

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    error = re.search(r'<p class="field-error" id="speak_as-error">(.*?)</p>', page, re.S)
    assert error and REFUSAL in html.unescape(error.group(1))
    body = re.search(r'<textarea[^>]*id="body"[^>]*>(.*?)</textarea>', page, re.S)
    assert html.unescape(body.group(1)).strip() == TEXT
    assert comment_count() == 0


def test_after_suspension_earlier_comments_show_no_badge(client, setting):
    proposal, member = setting
    org = orgs.organisation(
        proposal.consultation.region, name="Kulturbrücke e. V.", members=[member]
    )
    comment = build.comment(proposal, member, body="Im Namen des Vereins", organisation_id=org.id)
    db.session.commit()
    assert BADGE in client.get(build.proposal_url(proposal)).get_data(as_text=True)

    org.status = OrganisationStatus.SUSPENDED
    db.session.commit()

    page = client.get(build.proposal_url(proposal)).get_data(as_text=True)
    meta = re.search(
        rf'<p class="comment__meta" id="comment-{comment.id}-meta">(.*?)</p>', page, re.S
    )
    assert "Kulturbrücke e. V." in meta.group(1)
    assert BADGE not in page
