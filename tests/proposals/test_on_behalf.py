"""Submitting a proposal on behalf of a verified organisation: who may, how it shows, what a
tampered form gets."""

import html
import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.organisations.models import OrganisationStatus
from app.proposals.models import Proposal
from tests import organisation_builders as orgs
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_user

TEXT = "Wir brauchen mehr Sprachkurse am Abend, damit Berufstätige teilnehmen können."
BADGE = 'class="badge badge--verified"'
REFUSAL = (
    "You can write on behalf of an organisation only as its member, and only while it is verified."
)


def proposal_form(**changes) -> dict:
    data = {
        "title": "Mehr Sprachkurse am Abend",
        "body": TEXT,
        "field_of_action": "0",
        "language": "de",
        "save": "Submit proposal",
    }
    data.update(changes)
    return data


def page_text(response) -> str:
    page = response.get_data(as_text=True)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def proposal_count() -> int:
    return db.session.scalar(select(func.count(Proposal.id)))


@pytest.fixture
def setting():
    consultation = build.consultation(phase="proposals")
    member = make_user(display_name="Mira Mitglied", locale="en")
    db.session.commit()
    return consultation, member


def new_url(consultation) -> str:
    return f"/consultations/{consultation.id}/proposals/new"


def test_a_member_publishes_a_proposal_on_behalf_of_a_verified_organisation(client, setting):
    consultation, member = setting
    org = orgs.organisation(consultation.region, name="Kulturbrücke e. V.", members=[member])
    db.session.commit()
    log_in(client, member)

    form = client.get(new_url(consultation)).get_data(as_text=True)
    assert '<legend class="fieldset__legend">Publish as</legend>' in form
    assert "As myself (\u2068Mira Mitglied\u2069)" in form
    assert re.search(rf'<input[^>]*name="speak_as"[^>]*value="{org.id}"', form)

    response = post_form(client, new_url(consultation), proposal_form(speak_as=str(org.id)))

    assert response.status_code == 302
    proposal = db.session.scalar(select(Proposal))
    assert proposal.organisation_id == org.id
    assert proposal.author_id == member.id
    detail = page_text(client.get(response.headers["Location"]))
    assert "On behalf of Kulturbrücke e. V. Verified organisation , written by Mira Mitglied" in (
        detail
    )
    listing = client.get(build.consultation_url(consultation)).get_data(as_text=True)
    card = listing[listing.index(f'id="proposal-{proposal.id}"') :]
    assert "Kulturbrücke e. V." in card and BADGE in card


def test_as_myself_stores_no_organisation(client, setting):
    consultation, member = setting
    orgs.organisation(consultation.region, members=[member])
    db.session.commit()
    log_in(client, member)
    assert post_form(client, new_url(consultation), proposal_form(speak_as="0")).status_code == 302
    assert db.session.scalar(select(Proposal.organisation_id)) is None


def test_people_without_a_verified_organisation_see_no_choice(client, setting):
    consultation, member = setting
    orgs.organisation(consultation.region, status=OrganisationStatus.REQUESTED, admins=[member])
    db.session.commit()
    log_in(client, member)
    form = client.get(new_url(consultation)).get_data(as_text=True)
    assert 'name="speak_as"' not in form
    assert "Publish as" not in form


@pytest.mark.parametrize(
    "status, membership",
    [
        (OrganisationStatus.REQUESTED, "member"),
        (OrganisationStatus.SUSPENDED, "member"),
        (OrganisationStatus.VERIFIED, None),  # a tampered form from someone outside
    ],
)
def test_a_refused_organisation_gets_the_error_at_the_field_and_nothing_is_stored(
    client, setting, status, membership
):
    consultation, member = setting
    org = orgs.organisation(
        consultation.region, status=status, members=[member] if membership else []
    )
    db.session.commit()
    log_in(client, member)

    response = post_form(client, new_url(consultation), proposal_form(speak_as=str(org.id)))

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    error = re.search(r'<p class="field-error" id="speak_as-error">(.*?)</p>', page, re.S)
    assert error and REFUSAL in html.unescape(error.group(1))
    assert TEXT in html.unescape(page)  # the typed text stays
    assert proposal_count() == 0


def test_editing_keeps_the_organisation(client, setting):
    consultation, member = setting
    org = orgs.organisation(consultation.region, name="Kulturbrücke e. V.", members=[member])
    proposal = build.proposal(consultation, member, organisation_id=org.id)
    db.session.commit()
    log_in(client, member)
    edit = build.proposal_url(proposal, "/edit")

    form = page_text(client.get(edit))
    assert "Published on behalf of Kulturbrücke e. V." in form

    response = post_form(
        client,
        edit,
        proposal_form(
            title="Ein neuer Titel hier", revision="0", save="Save changes", speak_as="0"
        ),
    )

    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).organisation_id == org.id
    assert db.session.get(Proposal, proposal.id).title == "Ein neuer Titel hier"


def test_after_suspension_earlier_proposals_show_no_badge(client, setting):
    consultation, member = setting
    org = orgs.organisation(consultation.region, name="Kulturbrücke e. V.", members=[member])
    proposal = build.proposal(consultation, member, organisation_id=org.id)
    db.session.commit()
    url = build.proposal_url(proposal)
    assert BADGE in client.get(url).get_data(as_text=True)

    org.status = OrganisationStatus.SUSPENDED
    db.session.commit()

    detail = client.get(url).get_data(as_text=True)
    assert "Kulturbrücke e. V." in detail
    assert BADGE not in detail
    listing = client.get(build.consultation_url(consultation)).get_data(as_text=True)
    assert f'id="proposal-{proposal.id}"' in listing
    assert BADGE not in listing
