"""Demo content for organisations, statements, on-site events, translations and Leichte Sprache:
consistent with the rules of the platform, dated in the past, and loaded only once."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from app.accounts import passwords
from app.accounts.models import User
from app.comments.models import Comment
from app.consultations.models import Consultation, ModerationMode
from app.core.clock import utcnow_naive
from app.core.models import Contribution, ModerationState
from app.core.permissions import can
from app.demo_content import ORGANISATION_ACCOUNTS, ORGANISATIONS
from app.extensions import db
from app.multilingual.models import ContributionTranslation
from app.onsite.models import EventFormat, OnSiteEvent
from app.organisations.models import (
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    OrganisationStatus,
    RequestState,
    Statement,
    StatementRevision,
    VerificationDecision,
)
from app.proposals.models import Proposal
from app.proposals.search import matching_condition
from app.seed import DEMO_PASSWORD, load_demo_data
from app.votes.models import Vote
from tests.conftest import post_form
from tests.database_template import DEMO


@pytest.fixture
def demo(app):
    """The demo data as `load_demo_data()` leaves it: loaded once per run, restored per test."""
    DEMO.restore()


def all_of(model):
    return db.session.scalars(db.select(model)).all()


def by_email(address: str) -> User:
    return db.session.scalar(db.select(User).where(User.email == address))


def organisation_named(name: str) -> Organisation:
    return db.session.scalar(db.select(Organisation).where(Organisation.name == name))


def consultation_titled(german_title: str) -> Consultation:
    return next(c for c in all_of(Consultation) if c.title["de"] == german_title)


def started(consultation: Consultation, kind: str) -> bool:
    phase = consultation.phase(kind)
    return phase is not None and phase.starts_at <= utcnow_naive()


def test_organisations_show_every_verification_state(demo):
    organisations = all_of(Organisation)
    assert len(organisations) == len(ORGANISATIONS) == 8
    statuses = sorted(o.status for o in organisations)
    assert statuses.count(OrganisationStatus.VERIFIED) == 6
    assert statuses.count(OrganisationStatus.REQUESTED) == 1
    assert statuses.count(OrganisationStatus.DECLINED) == 1
    assert {o.kind for o in organisations} >= {
        "migrant_organisation",
        "welfare",
        "religious_community",
        "municipal_office",
    }
    for organisation in organisations:
        actions = [d.action for d in organisation.decisions]
        assert actions[0] == "request"
        assert organisation.decisions[0].decided_by_id == organisation.requested_by_id
        assert organisation.admins, organisation.name
        # Only example.org addresses: nobody real is linked or written to.
        for address in filter(None, [organisation.website, organisation.contact_email]):
            host = urlsplit(address).hostname or address.rpartition("@")[2]
            assert host == "example.org" or host.endswith(".example.org"), address
        assert organisation.description["de"]
        assert len(organisation.description) >= 2  # German and the community's language
        if organisation.status == OrganisationStatus.VERIFIED:
            assert actions == ["request", "verify"]
            decision = organisation.decisions[1]
            # Decided by the coordination of one of its regions, after the request.
            assert can(decision.decided_by, "organisation.review", organisation)
            assert not decision.decided_by.is_administrator
            assert decision.created_at > organisation.decisions[0].created_at
            assert organisation.verified_at == decision.created_at
        elif organisation.status == OrganisationStatus.DECLINED:
            assert actions == ["request", "decline"]
            assert len(organisation.decisions[1].reason) > 50
            assert can(organisation.decisions[1].decided_by, "organisation.review", organisation)
        else:
            assert actions == ["request"]
            assert organisation.verified_at is None


def test_organisation_accounts_log_in_with_the_demo_password(demo, client):
    for data in ORGANISATION_ACCOUNTS:
        user = by_email(data["email"])
        assert user.is_confirmed
        assert passwords.verify_password(user.password_hash, DEMO_PASSWORD)
        assert user.memberships, data["email"]
    response = post_form(
        client,
        "/account/login",
        {"email": "elternverein.offenbach@demo.mitreden.example", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    admin = by_email("elternverein.offenbach@demo.mitreden.example")
    elternverein = organisation_named("Türkisch-Deutscher Elternverein Offenbach e. V.")
    assert admin.organisation_role(elternverein.id) == "admin"


def test_an_open_join_request_and_an_open_invitation(demo):
    (request,) = all_of(JoinRequest)
    assert request.state == RequestState.OPEN
    assert request.organisation.is_verified
    assert request.user.organisation_role(request.organisation_id) is None
    assert can(request.user, "organisation.join", request.organisation) is True
    (invitation,) = all_of(Invitation)
    assert invitation.state == RequestState.OPEN
    assert invitation.invited_by.organisation_role(invitation.organisation_id) == "admin"
    invitee = by_email(invitation.email)
    assert invitee is not None and invitee.organisation_role(invitation.organisation_id) is None


def test_members_and_coordinators_of_every_region(demo):
    users = all_of(User)
    for consultation in all_of(Consultation):
        assert any(u.has_role_in("coordinator", consultation.region_id) for u in users)
    memberships = all_of(Membership)
    assert {m.role for m in memberships} == {"admin", "member"}
    for membership in memberships:
        if membership.role == "member":
            # Members join a verified organisation after its verification.
            assert membership.created_at >= membership.organisation.verified_at


def test_statements_appear_where_the_discussion_has_begun(demo):
    statements = all_of(Statement)
    assert statements
    for consultation in all_of(Consultation):
        own = [s for s in statements if s.consultation_id == consultation.id]
        if started(consultation, "discussion") and consultation.is_published:
            assert 1 <= len(own) <= 3, consultation.title["de"]
        else:
            assert own == [], consultation.title["de"]
    for statement in statements:
        discussion = statement.consultation.phase("discussion")
        assert discussion.starts_at <= statement.created_at < discussion.ends_at
        assert statement.moderation_state == ModerationState.PUBLISHED
        assert can(statement.author, "statement.publish_for", statement.organisation)
    revised = [s for s in statements if s.revisions]
    assert revised
    for statement in revised:
        (revision,) = statement.revisions
        assert revision.created_at == statement.edited_at > statement.created_at
        assert statement.edited_at < statement.consultation.phase("discussion").ends_at
        assert (revision.title, revision.body) != (statement.title, statement.body)
        assert revision.written_by_id == statement.author_id
    assert len(all_of(StatementRevision)) == len(revised)
    # Where the discussion runs now, the admins may still edit their statements.
    hochtaunus = consultation_titled(
        "Wohnen und Nachbarschaft: Wohnraumberatung und Treffpunkte im Kreis"
    )
    current = [s for s in statements if s.consultation_id == hochtaunus.id]
    assert len(current) == 2
    assert all(can(s.author, "statement.edit", s) for s in current)


def test_organisations_speak_in_the_consultations(demo):
    spoken = db.session.scalars(
        db.select(Contribution).where(
            Contribution.organisation_id.is_not(None), Contribution.kind != "statement"
        )
    ).all()
    proposals = [c for c in spoken if c.kind == "proposal"]
    comments = [c for c in spoken if c.kind == "comment"]
    assert len(proposals) >= 5 and len(comments) >= 8
    for contribution in spoken:
        assert contribution.organisation.is_verified
        assert contribution.author.organisation_role(contribution.organisation_id) is not None
        assert contribution.created_at > contribution.organisation.verified_at
    with_proposals = {p.consultation_id for p in all_of(Proposal)}
    assert {c.consultation_id for c in spoken} == with_proposals


def test_on_site_events_with_contributions_in_their_languages(demo):
    events = {event.format: event for event in all_of(OnSiteEvent)}
    assert set(events) == {EventFormat.MEETING, EventFormat.PAPER_FORM}
    assert events[EventFormat.MEETING].consultation.region.slug == "kassel"
    assert events[EventFormat.PAPER_FORM].consultation.region.slug == "offenbach"
    today = utcnow_naive().date()
    for event in events.values():
        assert event.held_on < today
        assert event.participant_count > 0
        assert can(event.recorded_by, "onsite.record", event.consultation)
        collected = db.session.scalars(
            db.select(Contribution).where(
                Contribution.on_site_event_id == event.id, Contribution.kind != "translation"
            )
        ).all()
        assert 3 <= len([c for c in collected if c.kind == "proposal"]) <= 6
        assert [c for c in collected if c.kind == "comment"]
        assert len({c.language for c in collected}) >= 3
        for contribution in collected:
            assert contribution.author_id == event.recorded_by_id
            # Staff enter them: published even where the consultation pre-moderates.
            assert contribution.moderation_state == ModerationState.PUBLISHED
            assert contribution.created_at.date() > event.held_on
            if isinstance(contribution, Comment) and contribution.proposal.on_site_event != event:
                # Said about a proposal that already existed at the event.
                assert contribution.proposal.created_at.date() <= event.held_on
    assert events[EventFormat.PAPER_FORM].consultation.moderation_mode == ModerationMode.PRE


def test_translations_follow_the_rules(demo):
    translations = all_of(ContributionTranslation)
    assert len(translations) >= 15
    pairs = set()
    for translation in translations:
        original = translation.original
        assert original.translation_of_id is None
        assert translation.language != original.language
        assert translation.consultation_id == original.consultation_id
        # Made by the author, a member of the organisation or the region's coordination.
        assert can(translation.author, "contribution.translate", original), translation.body
        assert (translation.title is not None) == (original.kind in ("proposal", "statement"))
        assert not translation.is_outdated()
        assert translation.created_at > max(
            original.created_at, original.edited_at or original.created_at
        )
        pairs.add((original.language, translation.language))
    assert {("tr", "de"), ("ar", "de"), ("uk", "de"), ("de", "tr"), ("de", "ar")} <= pairs
    pending = [t for t in translations if t.moderation_state == ModerationState.PENDING]
    assert len(pending) == 1
    (waiting,) = pending
    assert waiting.consultation.moderation_mode == ModerationMode.PRE
    assert not can(waiting.author, "contribution.moderate", waiting.original)
    assert {t.moderation_state for t in translations} == {"published", "pending"}


def test_every_consultation_has_a_summary_in_leichte_sprache(demo):
    consultations = all_of(Consultation)
    assert len(consultations) == 8  # demo_content: 7, demo_monitoring: the earlier round
    for consultation in consultations:
        summary = consultation.easy_language_summary
        lines = [line.strip("- ").strip() for line in summary.splitlines() if line.strip()]
        assert len(lines) >= 7, consultation.title["de"]
        for line in lines:
            # One short statement per line.
            assert len(line.split()) <= 12, line
            assert not re.search(r"[.!?] \S", line), line
    kassel = consultation_titled("Deutsch lernen und im Beruf ankommen")
    assert "Anerkennung bedeutet:" in kassel.easy_language_summary


def test_counts_votes_and_search_index_stay_consistent(demo):
    for proposal in all_of(Proposal):
        visible = db.session.scalar(
            db.select(db.func.count(Comment.id)).where(
                Comment.proposal_id == proposal.id,
                Comment.moderation_state == ModerationState.PUBLISHED,
            )
        )
        assert proposal.comment_count == visible, proposal.title
        votes = db.session.scalar(
            db.select(db.func.count(Vote.id)).where(Vote.proposal_id == proposal.id)
        )
        assert proposal.votes_for == votes, proposal.title
    # Proposals collected on paper are found like any other, in their own language.
    found = db.session.scalars(
        db.select(Proposal.title).where(matching_condition("Apartmanlarda kuralları"))
    ).all()
    assert found == ["Apartmanlarda çok dilli ev kuralları"]


def test_nothing_is_dated_in_the_future(demo):
    now = utcnow_naive() + timedelta(seconds=1)
    for model in (
        Contribution,
        Organisation,
        VerificationDecision,
        Membership,
        JoinRequest,
        Invitation,
        OnSiteEvent,
        StatementRevision,
    ):
        latest = db.session.scalar(db.select(db.func.max(model.created_at)))
        assert latest is not None and latest <= now, model.__name__
    latest_edit = db.session.scalar(db.select(db.func.max(Contribution.edited_at)))
    assert latest_edit <= now


def test_an_existing_organisation_is_left_alone(demo):
    organisation = organisation_named("Ukrainisches Hilfsnetzwerk Hanau")
    organisation.description = {"de": "Neu geschrieben."}
    db.session.delete(organisation.memberships[-1])
    db.session.commit()
    members = len(organisation.memberships)

    assert load_demo_data() == 0
    db.session.expire_all()
    organisation = organisation_named("Ukrainisches Hilfsnetzwerk Hanau")
    assert organisation.description == {"de": "Neu geschrieben."}
    assert len(organisation.memberships) == members
