"""Deleting an account: no trace of the person's address, name or IP anywhere in the database;
contributions kept as "Deleted participant" or removed; votes counted; organisations handed over;
the platform's last administrator refused; every session ended."""

from types import SimpleNamespace

import pytest
from flask import current_app
from flask_babel import force_locale
from sqlalchemy import inspect, select, text

from app.accounts.models import User
from app.comments.models import Comment
from app.core.errors import DomainError
from app.core.models import Contribution, ModerationState
from app.extensions import db
from app.moderation.models import Report
from app.monitoring.models import CONSENT_VERSION, ParticipationProfile, ProfileLanguage
from app.notifications import kinds
from app.notifications.models import (
    Follow,
    Notification,
    NotificationSetting,
    OutboxMessage,
)
from app.notifications.outbox import queue_mail
from app.organisations import membership as membership_services
from app.organisations.models import (
    Invitation,
    JoinRequest,
    MemberRole,
    Membership,
    Organisation,
    Statement,
    StatementRevision,
)
from app.pages.models import AccessibilityFeedback
from app.privacy.deletion import delete_account
from app.proposals.models import Proposal, ProposalRevision
from app.votes.models import Vote
from tests.conftest import log_in, post_form
from tests.factories import PASSWORD, make_region, make_user, make_user_with_role
from tests.organisation_builders import organisation, statement, translation
from tests.participation_builders import comment, consultation, proposal, proposal_url, vote

EMAIL = "zephyrine.quarkwood-7731@example.org"
NAME = "Zephyrine Quarkwood"
IP = "203.0.113.77"
# Words only the person's own texts contain (gone when they ask to remove their contributions).
OWN_TEXTS = (
    "Xylophonwerkstatt",
    "Quokkabrunnen",
    "Wombatgarten",
    "Kiwifestival",
    "Okapipavillon",
    "Axolotlbibliothek",
)


# --- the world of one person ------------------------------------------------------------------


def _person_with_data_everywhere(client) -> SimpleNamespace:
    """A person with data in every area; their requests come from IP."""
    region = make_region()
    make_user_with_role("administrator")
    person = make_user(email=EMAIL, display_name=NAME, locale="en")
    founder = make_user(display_name="Bruno Longstanding")
    newcomer = make_user(display_name="Carla Newcomer")
    other_admin = make_user(display_name="Dana Admin")
    neighbour = make_user(display_name="Emil Neighbour")
    c = consultation(region, phase="proposals")

    own_proposal = proposal(
        c, person, title="Xylophonwerkstatt im Quartier", body="Ein Quokkabrunnen für alle."
    )
    db.session.add(
        ProposalRevision(
            proposal=own_proposal, title="Erste Fassung", body="Okapipavillon am Markt."
        )
    )
    other_proposal = proposal(c, neighbour, title="Mehr Bänke im Park")
    vote(other_proposal, person, 1)
    vote(other_proposal, neighbour, 1)
    vote(own_proposal, neighbour, 1)
    own_comment = comment(other_proposal, person, body="Ein Wombatgarten wäre schön.")
    reply = comment(other_proposal, neighbour, body="Dem stimme ich zu.", parent=own_comment)
    neighbours_comment = comment(own_proposal, neighbour, body="Gute Idee, danke!")
    translation(
        other_proposal, person, language="en", title="More benches", body="Axolotlbibliothek."
    )
    db.session.add(
        Report(
            contribution_id=neighbours_comment.id,
            reporter_id=person.id,
            reason="other",
            note="Gemeldet von Zephyrine",
        )
    )

    # Organisations: the only admin of one (members: founder first, then newcomer), a member of
    # another, and a request to join a third.
    sole = organisation(region, name="Verein Sonnenblume", admins=[person])
    db.session.add(Membership(organisation=sole, user=founder, role=MemberRole.MEMBER))
    db.session.flush()
    db.session.add(Membership(organisation=sole, user=newcomer, role=MemberRole.MEMBER))
    sole.contact_email = EMAIL
    shared = organisation(region, name="Nachbarschaftshilfe", admins=[other_admin])
    db.session.add(Membership(organisation=shared, user=person, role=MemberRole.MEMBER))
    third = organisation(region, name="Chor International", admins=[other_admin])
    db.session.add(JoinRequest(organisation=third, user_id=person.id, message="Ich singe gern."))
    db.session.add(Invitation(organisation=third, email=EMAIL, invited_by_id=other_admin.id))
    own_statement = statement(c, sole, person, title="Kiwifestival", body="Unsere Stellungnahme.")
    db.session.add(
        StatementRevision(
            statement=own_statement,
            title="Kiwifestival",
            body="Okapipavillon, erste Fassung.",
            language="de",
            written_by_id=person.id,
        )
    )

    # Following, notifications (to the person, and about them to someone else), settings.
    db.session.add(Follow(user_id=person.id, consultation_id=c.id))
    db.session.add(
        Notification(
            user_id=person.id,
            kind=kinds.COMMENT_REPLY,
            proposal_id=other_proposal.id,
            contribution_id=reply.id,
        )
    )
    db.session.add(
        Notification(
            user_id=neighbour.id,
            kind=kinds.COMMENT_REPLY,
            actor_id=person.id,
            proposal_id=own_proposal.id,
            contribution_id=neighbours_comment.id,
        )
    )
    db.session.add(
        NotificationSetting(user_id=person.id, kind=kinds.COMMENT_REPLY, delivery="daily")
    )

    # The voluntary participation profile.
    profile = ParticipationProfile(
        user_id=person.id, age_band="30_44", consent_version=CONSENT_VERSION
    )
    profile.languages.append(ProfileLanguage(language="tr"))
    db.session.add(profile)

    # Mail: to the person's account, to the bare address, and an invitation the person sent
    # (to someone else, naming the person).
    queue_mail(EMAIL, "Hello Zephyrine", f"Hello {NAME}", f"<p>Hello {NAME}</p>", user_id=person.id)
    queue_mail(EMAIL, "Invitation", "You are invited.")
    db.session.commit()
    with current_app.test_request_context():
        membership_services.invite(person, sole, "friend-of-z@example.org", MemberRole.MEMBER)
    db.session.commit()

    # Requests from the person's IP: logging in, commenting, accessibility feedback.
    client.environ_base["REMOTE_ADDR"] = IP
    response = post_form(client, "/account/login", {"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    response = post_form(
        client,
        proposal_url(other_proposal, "/comments/"),
        {"body": "Noch ein Wombatgarten-Gedanke.", "language": "de", "stance": ""},
    )
    assert response.status_code == 302
    response = post_form(
        client,
        "/accessibility",
        {"message": "Die Schrift ist zu klein für mich.", "name": NAME, "email": EMAIL},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(AccessibilityFeedback.id)) is not None
    assert db.session.scalar(
        select(OutboxMessage.id).where(OutboxMessage.text_body.contains(EMAIL))
    ), "the feedback mail to the administrators quotes the address"

    return SimpleNamespace(
        person_id=person.id,
        consultation=c,
        own_proposal_id=own_proposal.id,
        other_proposal_id=other_proposal.id,
        own_comment_id=own_comment.id,
        reply_id=reply.id,
        sole_id=sole.id,
        shared_id=shared.id,
        founder_id=founder.id,
        newcomer_id=newcomer.id,
        statement_id=own_statement.id,
    )


def _database_dump() -> str:
    """Every row of every table as text (SQLite: the full SQL dump, with the FTS tables)."""
    db.session.commit()
    if db.engine.dialect.name == "sqlite":
        raw = db.engine.raw_connection()
        try:
            return "\n".join(raw.driver_connection.iterdump())
        finally:
            raw.close()
    tables = inspect(db.engine).get_table_names()
    assert "users" in tables
    lines = []
    for table in tables:
        rows = db.session.execute(text(f'SELECT t::text FROM "{table}" t')).scalars()
        lines.extend(f"{table}: {row}" for row in rows)
    return "\n".join(lines)


def _assert_no_trace(dump: str) -> None:
    folded = dump.casefold()
    assert EMAIL.casefold() not in folded
    assert NAME.casefold() not in folded
    assert "zephyrine" not in folded
    assert "quarkwood" not in folded
    assert IP not in dump


def _delete_through_the_page(client, choice: str = "keep"):
    return post_form(
        client,
        "/account/delete",
        {"contributions": choice, "password": PASSWORD, "confirm": "y"},
    )


# --- keeping contributions (the default) ----------------------------------------------------


def test_deleted_account_leaves_no_address_name_or_ip_in_the_database(client):
    world = _person_with_data_everywhere(client)
    before = _database_dump()
    assert EMAIL in before and NAME in before  # the dump does see them while they exist

    response = _delete_through_the_page(client)

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/")
    assert db.session.get(User, world.person_id) is None
    _assert_no_trace(_database_dump())


def test_kept_contributions_show_deleted_participant_and_votes_still_count(client):
    world = _person_with_data_everywhere(client)
    votes_before = {
        p.id: (p.votes_for, p.votes_against) for p in db.session.scalars(select(Proposal))
    }
    vote_rows_before = db.session.scalar(select(db.func.count(Vote.id)))

    _delete_through_the_page(client)
    db.session.expire_all()

    own = db.session.get(Proposal, world.own_proposal_id)
    assert own.author_id is None
    assert own.title == "Xylophonwerkstatt im Quartier"
    assert own.moderation_state == ModerationState.PUBLISHED
    assert db.session.get(Comment, world.own_comment_id).author_id is None
    assert db.session.get(Comment, world.own_comment_id).body == "Ein Wombatgarten wäre schön."
    assert db.session.get(Statement, world.statement_id).author_id is None
    assert {
        p.id: (p.votes_for, p.votes_against) for p in db.session.scalars(select(Proposal))
    } == votes_before
    assert db.session.scalar(select(db.func.count(Vote.id))) == vote_rows_before
    assert db.session.scalar(select(db.func.count(Vote.id)).where(Vote.user_id.is_(None))) == 1

    page = client.get(proposal_url(own), headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Xylophonwerkstatt im Quartier" in html
    assert "Deleted participant" in html
    assert NAME not in html


def test_personal_rows_in_every_area_are_gone(client):
    world = _person_with_data_everywhere(client)
    person_id = world.person_id

    _delete_through_the_page(client)
    db.session.expire_all()

    def count(model, *conditions):
        return db.session.scalar(select(db.func.count()).select_from(model).where(*conditions))

    assert count(Follow, Follow.user_id == person_id) == 0
    assert count(Notification, Notification.user_id == person_id) == 0
    assert count(NotificationSetting, NotificationSetting.user_id == person_id) == 0
    assert count(ParticipationProfile) == 0
    assert count(ProfileLanguage) == 0
    assert count(Membership, Membership.user_id == person_id) == 0
    assert count(JoinRequest) == 0
    assert count(Invitation, Invitation.email == EMAIL) == 0
    assert count(AccessibilityFeedback) == 0
    assert count(OutboxMessage, OutboxMessage.to_address == EMAIL) == 0
    # The report stays for the moderators, without reporter; the notification the person
    # caused stays for its recipient, without actor.
    assert count(Report, Report.reporter_id.is_(None)) == 1
    assert count(Notification, Notification.actor_id.is_(None)) == 1
    # The invitation the person sent still reaches the friend, without the person's name.
    invitation_mail = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.to_address == "friend-of-z@example.org")
    ).one()
    assert NAME not in invitation_mail.text_body
    assert NAME not in (invitation_mail.html_body or "")
    assert "Verein Sonnenblume" in invitation_mail.text_body
    assert db.session.get(Organisation, world.sole_id).contact_email == ""


def test_the_longest_standing_member_becomes_admin_where_the_person_was_the_only_one(client):
    world = _person_with_data_everywhere(client)

    _delete_through_the_page(client)
    db.session.expire_all()

    sole = db.session.get(Organisation, world.sole_id)
    roles = {m.user_id: m.role for m in sole.memberships}
    assert roles == {world.founder_id: MemberRole.ADMIN, world.newcomer_id: MemberRole.MEMBER}
    shared = db.session.get(Organisation, world.shared_id)
    assert [m.role for m in shared.memberships] == [MemberRole.ADMIN]  # the other admin only


def test_the_handover_is_logged(client, caplog):
    world = _person_with_data_everywhere(client)
    caplog.set_level("INFO", logger="mitreden.security")

    _delete_through_the_page(client)

    lines = [record.getMessage() for record in caplog.records]
    handover = f"organisation={world.sole_id} to_user={world.founder_id}"
    assert any(
        line.startswith("organisation.admin_handed_over") and handover in line for line in lines
    )
    assert any(
        line.startswith(f"account.deleted user={world.person_id} reason=own_request")
        for line in lines
    )
    assert not any(NAME in line or EMAIL in line for line in lines)


# --- removing contributions too -------------------------------------------------------------


def test_removing_contributions_leaves_none_of_their_text(client):
    world = _person_with_data_everywhere(client)
    comment_count = db.session.get(Proposal, world.other_proposal_id).comment_count
    votes = db.session.get(Proposal, world.own_proposal_id).votes_for

    response = _delete_through_the_page(client, "remove")

    assert response.status_code == 302
    dump = _database_dump()
    _assert_no_trace(dump)
    for word in OWN_TEXTS:
        assert word.casefold() not in dump.casefold(), word
    db.session.expire_all()

    own = db.session.get(Proposal, world.own_proposal_id)
    assert (own.title, own.body, own.search_text.strip()) == ("", "", "")
    assert own.moderation_state == ModerationState.HIDDEN
    assert own.votes_for == votes  # the votes others gave stay counted
    assert (
        db.session.scalar(
            select(db.func.count(ProposalRevision.id)).where(ProposalRevision.proposal_id == own.id)
        )
        == 0
    )
    removed = db.session.get(Comment, world.own_comment_id)
    assert removed.body == "" and removed.deleted_at is not None
    reply = db.session.get(Comment, world.reply_id)
    assert reply.body == "Dem stimme ich zu." and reply.parent_id == removed.id
    # Both of the person's comments on it (one written through the page) count no more.
    assert db.session.get(Proposal, world.other_proposal_id).comment_count == comment_count - 2
    assert db.session.get(Statement, world.statement_id) is None
    assert (
        db.session.scalar(
            select(db.func.count(Contribution.id)).where(Contribution.kind == "translation")
        )
        == 0
    )


def test_a_removed_proposal_keeps_the_discussion_of_others_readable(client):
    world = _person_with_data_everywhere(client)

    _delete_through_the_page(client, "remove")

    own = db.session.get(Proposal, world.own_proposal_id)
    page = client.get(proposal_url(own), headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Gute Idee, danke!" in html  # the neighbour's comment
    assert "Xylophonwerkstatt" not in html
    listing = client.get(f"/consultations/{world.consultation.id}/proposals")
    assert "Xylophonwerkstatt" not in listing.get_data(as_text=True)


def test_removed_proposals_are_not_found_by_the_search(client):
    region = make_region()
    person = make_user()
    c = consultation(region, phase="proposals")
    own = proposal(c, person, title="Zebrastreifen am Bahnhof", body="Sicherer Schulweg.")
    proposal(c, make_user(), title="Zebrastreifen an der Schule", body="Auch hier.")
    db.session.commit()

    delete_account(person, remove_contributions=True)
    db.session.commit()

    from app.proposals.search import matching_condition

    found = db.session.scalars(select(Proposal.id).where(matching_condition("Bahnhof"))).all()
    assert found == []
    found = db.session.scalars(select(Proposal.id).where(matching_condition("Zebrastreifen")))
    assert own.id not in set(found)


# --- refusals and sessions ------------------------------------------------------------------


def test_the_last_administrator_of_the_platform_is_refused():
    admin = make_user_with_role("administrator")
    db.session.commit()

    with pytest.raises(DomainError) as refused, force_locale("en"):
        delete_account(admin, remove_contributions=False)
    db.session.rollback()

    assert "only administrator" in str(refused.value.message)
    assert db.session.get(User, admin.id) is not None


def test_an_administrator_may_leave_when_another_one_remains():
    admin = make_user_with_role("administrator")
    make_user_with_role("administrator")
    db.session.commit()

    delete_account(admin, remove_contributions=False)
    db.session.commit()

    assert db.session.get(User, admin.id) is None


def test_someone_else_cannot_delete_the_account():
    from app.core.errors import PermissionDenied

    person, stranger = make_user(), make_user()
    db.session.commit()

    with pytest.raises(PermissionDenied):
        delete_account(person, remove_contributions=False, actor=stranger)
    db.session.rollback()
    assert db.session.get(User, person.id) is not None


def test_every_other_session_of_the_person_ends(app, client):
    make_user_with_role("administrator")
    person = make_user(locale="en")
    db.session.commit()
    other_device = app.test_client()
    log_in(client, person)
    log_in(other_device, person)
    assert other_device.get("/account/").status_code == 200

    response = _delete_through_the_page(client)

    assert response.status_code == 302
    assert other_device.get("/account/").status_code == 302  # to the login page
    assert client.get("/account/").status_code == 302
    start = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Your account has been deleted." in start


def test_a_person_without_any_data_can_be_deleted():
    make_user_with_role("administrator")
    person = make_user(confirmed=False)
    db.session.commit()

    result = delete_account(person, remove_contributions=True)
    db.session.commit()

    assert result.handed_over == [] and result.removed_contributions == 0
    assert db.session.get(User, person.id) is None
