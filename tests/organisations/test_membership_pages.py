"""Managing an organisation: details, invitations, join requests, roles, leaving."""

from datetime import timedelta

import pytest

from app.core.clock import utcnow_naive
from app.extensions import db
from app.organisations.models import (
    Invitation,
    JoinRequest,
    MemberRole,
    Membership,
    OrganisationStatus,
)
from tests import organisation_builders as org_build
from tests.conftest import log_in, post_form
from tests.factories import make_region, make_user

EN = {"Accept-Language": "en"}


@pytest.fixture
def kassel(app):
    region = make_region("kassel")
    db.session.commit()
    return region


@pytest.fixture
def people(kassel):
    """An organisation with one admin (Aylin) and one member (Bilal)."""
    aylin = make_user("aylin@example.org", "Aylin", locale="en")
    bilal = make_user("bilal@example.org", "Bilal", locale="en")
    org = org_build.organisation(kassel, name="Verein Sonne", admins=[aylin], members=[bilal])
    db.session.commit()
    return org, aylin, bilal


def membership_of(org, user) -> Membership | None:
    db.session.expire_all()
    return db.session.scalar(
        db.select(Membership).where(
            Membership.organisation_id == org.id, Membership.user_id == user.id
        )
    )


def log_out(client) -> None:
    with client.session_transaction() as session:
        session.clear()


# --- Management page ----------------------------------------------------------------------------


def test_manage_page_is_for_admins_and_reviewers_only(client, people, kassel):
    org, aylin, bilal = people
    log_in(client, bilal)
    assert client.get(f"/organisations/{org.id}/manage").status_code == 403
    log_in(client, aylin)
    page = client.get(f"/organisations/{org.id}/manage").get_data(as_text=True)
    assert "Invite someone" in page
    assert "Bilal" in page
    assert "Name, kind and regions of a verified organisation are changed" in page


def test_admin_of_a_verified_organisation_edits_details_but_not_the_checked_ones(client, people):
    org, aylin, _ = people
    log_in(client, aylin)
    response = post_form(
        client,
        f"/organisations/{org.id}/edit",
        {
            "name": "Ganz anderer Name",
            "kind": "welfare",
            "description_de": "Neue Beschreibung.",
            "contact_email": "neu@sonne.example.org",
            "website": "",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert org.name == "Verein Sonne"
    assert org.kind == "migrant_organisation"
    assert org.description == {"de": "Neue Beschreibung."}
    assert org.contact_email == "neu@sonne.example.org"


def test_requested_organisation_may_change_its_name(client, kassel):
    admin = make_user(locale="en")
    org = org_build.organisation(kassel, status=OrganisationStatus.REQUESTED, admins=[admin])
    db.session.commit()
    log_in(client, admin)
    page = client.get(f"/organisations/{org.id}/manage").get_data(as_text=True)
    assert 'name="name"' in page
    response = post_form(
        client,
        f"/organisations/{org.id}/edit",
        {
            "name": "Verein Sonne e. V.",
            "kind": "association",
            "regions": [str(kassel.id)],
            "description_en": "An association.",
            "contact_email": "info@sonne.example.org",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert (org.name, org.kind) == ("Verein Sonne e. V.", "association")


def test_declined_organisation_asks_again(client, kassel):
    admin = make_user(locale="en")
    org = org_build.organisation(kassel, status=OrganisationStatus.DECLINED, admins=[admin])
    db.session.commit()
    log_in(client, admin)
    assert "Ask again for verification" in client.get(f"/organisations/{org.id}/manage").get_data(
        as_text=True
    )
    assert post_form(client, f"/organisations/{org.id}/ask-again").status_code == 302
    db.session.expire_all()
    assert org.status == OrganisationStatus.REQUESTED
    assert [d.action for d in org.decisions] == ["request"]


# --- Invitations --------------------------------------------------------------------------------


def invite(client, org, email: str, role: str = MemberRole.MEMBER):
    return post_form(client, f"/organisations/{org.id}/invite", {"email": email, "role": role})


def test_invitation_is_mailed_and_accepted_by_the_invited_address(client, people, mailbox):
    org, aylin, _ = people
    log_in(client, aylin)
    response = invite(client, org, "Chiara@Example.org")
    assert response.status_code == 302
    messages = mailbox.to("chiara@example.org")
    assert len(messages) == 1
    assert "Verein Sonne" in messages[0]["Subject"]
    link = mailbox.last_link("chiara@example.org", "/organisations/invitations/")

    page = client.get(link).get_data(as_text=True)  # still logged in as Aylin: another address
    assert "You are logged in with another address" in page
    assert "Accept the invitation" not in page

    log_out(client)
    anonymous = client.get(link, headers=EN).get_data(as_text=True)
    assert "c***@example.org" in anonymous
    assert "chiara@example.org" not in anonymous
    assert "/account/login?next=" in anonymous

    chiara = make_user("chiara@example.org", "Chiara", locale="en")
    db.session.commit()
    log_in(client, chiara)
    assert "Accept the invitation" in client.get(link).get_data(as_text=True)
    response = post_form(client, link, {"answer": "accept"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/organisations/{org.id}")
    assert membership_of(org, chiara).role == MemberRole.MEMBER
    invitation = db.session.scalar(db.select(Invitation))
    assert invitation.state == "accepted"
    # Used: the link now says so, with 410.
    used = client.get(link)
    assert used.status_code == 410
    assert "already been answered" in used.get_data(as_text=True)


def test_another_account_cannot_accept_an_invitation(client, people, mailbox):
    org, aylin, _ = people
    log_in(client, aylin)
    invite(client, org, "chiara@example.org")
    link = mailbox.last_link("chiara@example.org", "/organisations/invitations/")
    intruder = make_user("dario@example.org", locale="en")
    db.session.commit()
    log_in(client, intruder)
    response = post_form(client, link, {"answer": "accept"})
    assert response.status_code == 403
    assert "sent to another e-mail address" in response.get_data(as_text=True)
    assert membership_of(org, intruder) is None
    assert db.session.scalar(db.select(Invitation)).state == "open"


def test_posting_an_answer_requires_login(client, people, mailbox):
    org, aylin, _ = people
    log_in(client, aylin)
    invite(client, org, "chiara@example.org")
    link = mailbox.last_link("chiara@example.org", "/organisations/invitations/")
    log_out(client)
    response = post_form(client, link, {"answer": "accept"})
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]


def test_declining_an_invitation_creates_no_membership(client, people, mailbox):
    org, aylin, _ = people
    log_in(client, aylin)
    invite(client, org, "chiara@example.org")
    link = mailbox.last_link("chiara@example.org", "/organisations/invitations/")
    chiara = make_user("chiara@example.org", locale="en")
    db.session.commit()
    log_in(client, chiara)
    assert post_form(client, link, {"answer": "decline"}).status_code == 302
    assert membership_of(org, chiara) is None
    assert db.session.scalar(db.select(Invitation)).state == "declined"


def test_expired_and_broken_invitation_links(client, people, mailbox, time_machine):
    org, aylin, _ = people
    log_in(client, aylin)
    invite(client, org, "chiara@example.org")
    link = mailbox.last_link("chiara@example.org", "/organisations/invitations/")
    broken = client.get(link[:-3] + "xyz")
    assert broken.status_code == 400
    assert "not valid" in broken.get_data(as_text=True)
    time_machine.move_to(utcnow_naive() + timedelta(days=15), tick=False)
    chiara = make_user("chiara@example.org", locale="en")
    db.session.commit()
    log_in(client, chiara)
    expired = client.get(link)
    assert expired.status_code == 410
    assert "This invitation has expired" in expired.get_data(as_text=True)
    assert post_form(client, link, {"answer": "accept"}).status_code == 410
    assert membership_of(org, chiara) is None


def test_withdrawn_invitation_no_longer_works(client, people, mailbox):
    org, aylin, _ = people
    log_in(client, aylin)
    invite(client, org, "chiara@example.org")
    invitation = db.session.scalar(db.select(Invitation))
    page = client.get(f"/organisations/{org.id}/manage").get_data(as_text=True)
    assert "chiara@example.org" in page
    response = post_form(client, f"/organisations/{org.id}/invitations/{invitation.id}/withdraw")
    assert response.status_code == 302
    db.session.expire_all()
    assert invitation.state == "withdrawn"
    link = mailbox.last_link("chiara@example.org", "/organisations/invitations/")
    assert client.get(link).status_code == 410


def test_inviting_twice_or_a_member_is_refused_at_the_field(client, people, mailbox):
    org, aylin, _ = people
    log_in(client, aylin)
    invite(client, org, "chiara@example.org")
    again = invite(client, org, "chiara@example.org")
    assert again.status_code == 400
    assert "already waiting for an answer" in again.get_data(as_text=True)
    member = invite(client, org, "bilal@example.org")
    assert "This person is already a member." in member.get_data(as_text=True)
    assert 'value="bilal@example.org"' in member.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 1
    assert len(mailbox.messages()) == 1


def test_only_admins_invite(client, people, mailbox):
    org, _, bilal = people
    log_in(client, bilal)
    assert invite(client, org, "chiara@example.org").status_code == 403
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 0
    assert mailbox.messages() == []


def test_open_invitations_show_on_my_organisations(client, people, mailbox):
    org, aylin, _ = people
    log_in(client, aylin)
    invite(client, org, "chiara@example.org", MemberRole.ADMIN)
    chiara = make_user("chiara@example.org", locale="en")
    db.session.commit()
    log_in(client, chiara)
    page = client.get("/organisations/mine").get_data(as_text=True)
    assert "Invitations for you" in page
    assert "Invited as Organisation admin" in page
    assert "/organisations/invitations/" in page


# --- Join requests ------------------------------------------------------------------------------


def ask_to_join(client, org, message: str = "Ich helfe beim Sommerfest."):
    return post_form(client, f"/organisations/{org.id}/join", {"message": message})


def test_join_request_accepted_by_an_admin(client, people):
    org, aylin, _ = people
    dilan = make_user(display_name="Dilan", locale="en")
    db.session.commit()
    log_in(client, dilan)
    assert ask_to_join(client, org).status_code == 302
    page = client.get(f"/organisations/{org.id}").get_data(as_text=True)
    assert "You asked to join" in page
    request = db.session.scalar(db.select(JoinRequest))
    log_in(client, aylin)
    manage = client.get(f"/organisations/{org.id}/manage").get_data(as_text=True)
    assert "Ich helfe beim Sommerfest." in manage
    response = post_form(
        client, f"/organisations/{org.id}/join-requests/{request.id}", {"answer": "accept"}
    )
    assert response.status_code == 302
    assert membership_of(org, dilan).role == MemberRole.MEMBER
    assert db.session.scalar(db.select(JoinRequest)).state == "accepted"


def test_join_request_declined(client, people):
    org, aylin, _ = people
    dilan = make_user()
    db.session.commit()
    log_in(client, dilan)
    ask_to_join(client, org)
    request = db.session.scalar(db.select(JoinRequest))
    log_in(client, aylin)
    post_form(client, f"/organisations/{org.id}/join-requests/{request.id}", {"answer": "decline"})
    assert membership_of(org, dilan) is None
    assert db.session.scalar(db.select(JoinRequest)).state == "declined"


def test_members_cannot_decide_join_requests(client, people):
    org, _, bilal = people
    dilan = make_user()
    db.session.commit()
    log_in(client, dilan)
    ask_to_join(client, org)
    request = db.session.scalar(db.select(JoinRequest))
    log_in(client, bilal)
    response = post_form(
        client, f"/organisations/{org.id}/join-requests/{request.id}", {"answer": "accept"}
    )
    assert response.status_code == 403
    assert membership_of(org, dilan) is None


def test_join_request_withdrawn_by_its_author_only(client, people):
    org, _, bilal = people
    dilan = make_user()
    db.session.commit()
    log_in(client, dilan)
    ask_to_join(client, org)
    request = db.session.scalar(db.select(JoinRequest))
    log_in(client, bilal)
    assert (
        post_form(client, f"/organisations/join-requests/{request.id}/withdraw").status_code == 404
    )
    log_in(client, dilan)
    assert (
        post_form(client, f"/organisations/join-requests/{request.id}/withdraw").status_code == 302
    )
    db.session.expire_all()
    assert request.state == "withdrawn"


def test_cannot_ask_to_join_an_unverified_organisation_or_twice(client, kassel):
    requested = org_build.organisation(kassel, status=OrganisationStatus.REQUESTED)
    verified = org_build.organisation(kassel)
    dilan = make_user(locale="en")
    db.session.commit()
    log_in(client, dilan)
    assert ask_to_join(client, requested).status_code == 404
    assert ask_to_join(client, verified).status_code == 302
    again = ask_to_join(client, verified)
    assert again.status_code == 302
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "You have already asked to join." in page
    assert db.session.scalar(db.select(db.func.count(JoinRequest.id))) == 1


# --- Roles and leaving: the organisation always keeps an admin ----------------------------------


def test_last_admin_cannot_leave_be_demoted_or_removed(client, people):
    org, aylin, _ = people
    mine = membership_of(org, aylin)
    log_in(client, aylin)

    response = post_form(client, f"/organisations/{org.id}/leave")
    assert response.status_code == 302
    assert "needs at least one admin" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert membership_of(org, aylin).role == MemberRole.ADMIN

    response = post_form(
        client, f"/organisations/{org.id}/members/{mine.id}/role", {"role": MemberRole.MEMBER}
    )
    assert "needs at least one admin" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert membership_of(org, aylin).role == MemberRole.ADMIN

    response = post_form(client, f"/organisations/{org.id}/members/{mine.id}/remove")
    assert "needs at least one admin" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert membership_of(org, aylin) is not None


def test_after_handing_over_the_former_admin_can_step_down_and_leave(client, people):
    org, aylin, bilal = people
    log_in(client, aylin)
    theirs = membership_of(org, bilal)
    response = post_form(
        client, f"/organisations/{org.id}/members/{theirs.id}/role", {"role": MemberRole.ADMIN}
    )
    assert response.status_code == 302
    assert membership_of(org, bilal).role == MemberRole.ADMIN
    mine = membership_of(org, aylin)
    post_form(client, f"/organisations/{org.id}/members/{mine.id}/role", {"role": "member"})
    assert membership_of(org, aylin).role == MemberRole.MEMBER
    response = post_form(client, f"/organisations/{org.id}/leave")
    assert response.headers["Location"].endswith("/organisations/mine")
    assert membership_of(org, aylin) is None


def test_admin_removes_a_member(client, people):
    org, aylin, bilal = people
    log_in(client, aylin)
    theirs = membership_of(org, bilal)
    assert (
        post_form(client, f"/organisations/{org.id}/members/{theirs.id}/remove").status_code == 302
    )
    assert membership_of(org, bilal) is None


def test_member_of_another_organisation_is_404(client, people, kassel):
    org, aylin, _ = people
    stranger = make_user()
    other = org_build.organisation(kassel, name="Anderer Verein", members=[stranger])
    db.session.commit()
    foreign = membership_of(other, stranger)
    log_in(client, aylin)
    response = post_form(client, f"/organisations/{org.id}/members/{foreign.id}/remove")
    assert response.status_code == 404
    assert membership_of(other, stranger) is not None


def test_members_cannot_change_roles(client, people):
    org, aylin, bilal = people
    log_in(client, bilal)
    theirs = membership_of(org, aylin)
    response = post_form(
        client, f"/organisations/{org.id}/members/{theirs.id}/role", {"role": "member"}
    )
    assert response.status_code == 403
    assert membership_of(org, aylin).role == MemberRole.ADMIN


# --- CSRF on every POST -------------------------------------------------------------------------


def test_every_post_without_csrf_token_is_refused(client, people):
    org, aylin, bilal = people
    dilan = make_user()
    request = JoinRequest(organisation=org, user=dilan)
    invitation = Invitation(organisation=org, email="x@example.org", invited_by_id=aylin.id)
    db.session.add_all([request, invitation])
    db.session.commit()
    bilal_membership = membership_of(org, bilal)
    log_in(client, aylin)
    paths = [
        "/organisations/new",
        f"/organisations/{org.id}/edit",
        f"/organisations/{org.id}/ask-again",
        f"/organisations/{org.id}/invite",
        f"/organisations/{org.id}/invitations/{invitation.id}/withdraw",
        f"/organisations/{org.id}/join-requests/{request.id}",
        f"/organisations/{org.id}/members/{bilal_membership.id}/role",
        f"/organisations/{org.id}/members/{bilal_membership.id}/remove",
        f"/organisations/{org.id}/leave",
        f"/organisations/{org.id}/join",
        f"/organisations/join-requests/{request.id}/withdraw",
        f"/organisations/{org.id}/review",
        "/organisations/invitations/anything",
    ]
    for path in paths:
        response = client.post(path, data={"answer": "accept", "role": "admin"})
        assert response.status_code == 400, path
    assert membership_of(org, bilal).role == MemberRole.MEMBER
    db.session.expire_all()
    assert request.state == "open"
    assert invitation.state == "open"
