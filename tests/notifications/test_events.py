"""Each event tells exactly the right people, never the one who acted, once per person.

The events are triggered through the real services (as the routes call them); each test
checks the recipients, the references and params the kind needs, and what `describe()` makes
of the notification in English: its text and its link.
"""

import dataclasses
import itertools
from types import SimpleNamespace

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from app.comments import services as comments
from app.concepts.services import (
    ItemDetails,
    add_concept_comment,
    add_goal,
    offer_for_comment,
    start_draft,
)
from app.consultations.models import ModerationMode
from app.core.models import ModerationState
from app.extensions import db
from app.moderation import services as moderation
from app.notifications import follows, kinds
from app.notifications.describe import describe
from app.notifications.models import Notification
from app.organisations import membership, statements
from app.organisations import services as organisations
from app.proposals import services as proposals
from tests import organisation_builders as org_build
from tests import participation_builders as build
from tests.factories import make_field_of_action, make_region, make_user, make_user_with_role
from tests.notifications import words

P, W, H, R = (
    ModerationState.PUBLISHED,
    ModerationState.PENDING,
    ModerationState.HIDDEN,
    ModerationState.REJECTED,
)


@pytest.fixture
def _request(app):
    """Services translate their refusals and describe() builds links: inside a request."""
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


pytestmark = pytest.mark.usefixtures("_request")


@pytest.fixture
def world():
    region, elsewhere = make_region(), make_region()
    people = SimpleNamespace(
        region=region,
        moderator=make_user_with_role("moderator", region=region, display_name="Mona"),
        coordinator=make_user_with_role("coordinator", region=region, display_name="Cem"),
        # Staff of another region never hear about this region's work.
        far_moderator=make_user_with_role("moderator", region=elsewhere),
        far_coordinator=make_user_with_role("coordinator", region=elsewhere),
        author=make_user(display_name="Aylin"),
        follower=make_user(display_name="Farid"),
        other_follower=make_user(display_name="Olga"),
        bystander=make_user(display_name="Ben"),
    )
    people.consultation = build.consultation(
        region, phase="proposals", title={"de": "Sprachkurse", "en": "Language courses"}
    )
    people.pre = build.consultation(
        region,
        phase="proposals",
        moderation_mode=ModerationMode.PRE,
        title={"de": "Vorab geprüft", "en": "Checked first"},
    )
    db.session.commit()
    return people


# --- helpers -----------------------------------------------------------------------------------

_numbers = itertools.count(1)


def sent(kind: str | None = None) -> list[Notification]:
    query = select(Notification).order_by(Notification.id)
    if kind is not None:
        query = query.where(Notification.kind == kind)
    return list(db.session.scalars(query))


def recipients(kind: str | None = None) -> list[int]:
    """Every recipient once per row, so a duplicate shows up twice."""
    return sorted(n.user_id for n in sent(kind))


def ids(*users) -> list[int]:
    return sorted(user.id for user in users)


def english(notification: Notification):
    """The notification described in English, its text without direction isolates."""
    with force_locale("en"):
        described = describe(notification)
    return dataclasses.replace(described, text=words(described.text))


def clear() -> None:
    db.session.execute(db.delete(Notification))
    db.session.commit()


def submit(user, consultation, title="Mehr Abendkurse", body=None):
    body = body or f"Abends nach der Arbeit, bitte: {title}."
    proposal = proposals.submit_proposal(user, consultation, title, body, "de", None)
    db.session.commit()
    return proposal


def reply(user, proposal, parent=None, body=None):
    body = body or f"Antwort von {user.display_name} Nummer {next(_numbers)}"
    comment = comments.add_comment(
        user, proposal, body, "de", parent_id=parent.id if parent else None
    )
    db.session.commit()
    return comment


# --- new proposals -----------------------------------------------------------------------------


def test_a_published_proposal_tells_the_consultations_followers_but_not_its_author(world):
    for user in (world.follower, world.other_follower, world.author):
        follows.follow(user, world.consultation)
    db.session.commit()

    proposal = submit(world.author, world.consultation, title="Mehr Abendkurse")

    assert recipients() == ids(world.follower, world.other_follower)
    note = sent(kinds.NEW_PROPOSAL)[0]
    assert (note.proposal_id, note.consultation_id, note.actor_id) == (
        proposal.id,
        world.consultation.id,
        world.author.id,
    )
    described = english(note)
    assert described.text == "New proposal: “Mehr Abendkurse”."
    assert described.url == f"/consultations/{world.consultation.id}/proposals/{proposal.id}"
    assert described.group == (world.consultation.id, "Language courses")


def test_a_pending_proposal_tells_only_the_moderators_and_coordinators_of_its_region(world):
    follows.follow(world.follower, world.pre)
    db.session.commit()

    proposal = submit(world.author, world.pre, title="Vorab zu prüfen")

    assert proposal.moderation_state == W
    assert recipients() == ids(world.moderator, world.coordinator)
    assert {n.kind for n in sent()} == {kinds.MODERATION_WAITING}
    note = sent()[0]
    assert note.params == {"reported": False}
    assert (note.contribution_id, note.proposal_id, note.consultation_id) == (
        proposal.id,
        proposal.id,
        world.pre.id,
    )
    described = english(note)
    assert described.text == "A new contribution in “Checked first” waits for review."
    assert described.url == f"/moderation/contributions/{proposal.id}"


def test_a_moderator_writing_a_pending_item_is_not_told_about_it(world):
    submit(world.moderator, world.pre, title="Vom Moderator")
    assert recipients() == ids(world.coordinator)


def test_approving_a_pending_proposal_tells_the_author_and_then_the_followers(world):
    for user in (world.follower, world.moderator):
        follows.follow(user, world.pre)
    db.session.commit()
    proposal = submit(world.author, world.pre, title="Vorab zu prüfen")
    clear()

    decision = moderation.decide(world.moderator, proposal, "approve", W)
    db.session.commit()

    # The approving moderator follows the consultation too, but acted.
    assert recipients() == ids(world.author, world.follower)
    (to_author,) = sent(kinds.MODERATION_DECISION)
    assert to_author.user_id == world.author.id
    assert to_author.params == {"action": "approve"}
    assert (to_author.decision_id, to_author.proposal_id, to_author.contribution_id) == (
        decision.id,
        proposal.id,
        proposal.id,
    )
    described = english(to_author)
    assert described.text == "Your contribution on “Vorab zu prüfen” was checked and published."
    assert described.url == "/moderation/mine"
    (to_follower,) = sent(kinds.NEW_PROPOSAL)
    assert to_follower.user_id == world.follower.id
    assert to_follower.actor_id == world.author.id


def test_a_rejected_proposal_tells_its_author_with_the_reason_and_no_follower(world):
    follows.follow(world.follower, world.pre)
    db.session.commit()
    proposal = submit(world.author, world.pre, title="Werbung")
    clear()

    moderation.decide(world.coordinator, proposal, "reject", W, "spam", "Bitte ohne Links.")
    db.session.commit()

    assert recipients() == ids(world.author)
    described = english(sent()[0])
    assert sent()[0].params == {"action": "reject"}
    # The author still sees the title of their own proposal, which is not public.
    assert described.text == "Your contribution on “Werbung” was not published."
    assert described.detail == "Reason: Spam or advertising. Bitte ohne Links."


def test_restoring_a_rejected_proposal_is_its_first_publication(world):
    follows.follow(world.follower, world.pre)
    db.session.commit()
    proposal = submit(world.author, world.pre, title="Doch zulässig")
    moderation.decide(world.moderator, proposal, "reject", W, "spam")
    db.session.commit()
    clear()

    moderation.decide(world.coordinator, proposal, "restore", R)
    db.session.commit()

    assert recipients(kinds.MODERATION_DECISION) == ids(world.author)
    assert recipients(kinds.NEW_PROPOSAL) == ids(world.follower)
    assert english(sent(kinds.MODERATION_DECISION)[0]).text == (
        "Your contribution on “Doch zulässig” is published again."
    )


# --- comments ----------------------------------------------------------------------------------


def test_a_comment_tells_the_proposals_followers_and_its_author(world):
    proposal = submit(world.author, world.consultation, title="Kinderbetreuung")
    for user in (world.follower, world.other_follower):
        follows.follow(user, proposal)
    db.session.commit()
    clear()

    comment = reply(world.follower, proposal)

    # The author follows their proposal automatically; the commenter follows but wrote it.
    assert recipients() == ids(world.author, world.other_follower)
    assert {n.kind for n in sent()} == {kinds.PROPOSAL_COMMENT}
    note = sent()[0]
    assert (note.actor_id, note.proposal_id, note.consultation_id, note.contribution_id) == (
        world.follower.id,
        proposal.id,
        world.consultation.id,
        comment.id,
    )
    described = english(note)
    assert described.text == "Farid commented on “Kinderbetreuung”."
    assert described.url == (
        f"/consultations/{world.consultation.id}/proposals/{proposal.id}#comment-{comment.id}"
    )


def test_a_reply_tells_the_parents_author_once_and_the_followers(world):
    proposal = submit(world.author, world.consultation, title="Kinderbetreuung")
    follows.follow(world.follower, proposal)
    db.session.commit()
    parent = reply(world.author, proposal)  # the proposal's author comments first
    clear()

    answer = reply(world.bystander, proposal, parent=parent)

    # The author wrote the parent and follows the proposal: one notification, the reply.
    assert recipients() == ids(world.author, world.follower)
    (to_author,) = sent(kinds.COMMENT_REPLY)
    assert to_author.user_id == world.author.id
    assert to_author.contribution_id == answer.id
    described = english(to_author)
    assert described.text == "Ben replied to your comment on “Kinderbetreuung”."
    assert described.url.endswith(f"/proposals/{proposal.id}#comment-{answer.id}")
    assert recipients(kinds.PROPOSAL_COMMENT) == ids(world.follower)


def test_names_and_titles_are_isolated_in_the_sentence_for_mixed_directions(world):
    """An Arabic title in an English sentence keeps its quotation marks and word order."""
    proposal = submit(world.author, world.consultation, title="دورات لغة")
    follows.follow(world.follower, proposal)
    db.session.commit()
    clear()

    reply(world.bystander, proposal)

    note = sent(kinds.PROPOSAL_COMMENT)[0]
    with force_locale("en"):
        text = describe(note).text
    assert text == "\u2068Ben\u2069 commented on “\u2068دورات لغة\u2069”."


def test_answering_ones_own_comment_tells_nobody_but_the_followers(world):
    proposal = build.proposal(world.consultation, world.author, title="Ohne Folgende")
    follows.follow(world.follower, proposal)
    db.session.commit()
    parent = reply(world.bystander, proposal)
    clear()

    reply(world.bystander, proposal, parent=parent)

    assert recipients() == ids(world.follower)
    assert sent()[0].kind == kinds.PROPOSAL_COMMENT


def test_a_pending_comment_waits_for_the_region_and_reaches_followers_when_approved(world):
    proposal = build.proposal(world.pre, world.author, title="Vorab kommentiert")
    follows.follow(world.author, proposal, check=False)
    follows.follow(world.follower, proposal)
    db.session.commit()
    parent = build.comment(proposal, world.other_follower)
    db.session.commit()

    comment = reply(world.bystander, proposal, parent=parent)

    assert comment.moderation_state == W
    assert recipients() == ids(world.moderator, world.coordinator)
    assert {n.kind for n in sent()} == {kinds.MODERATION_WAITING}
    clear()

    moderation.decide(world.moderator, comment, "approve", W)
    db.session.commit()

    assert recipients(kinds.MODERATION_DECISION) == ids(world.bystander)
    assert recipients(kinds.COMMENT_REPLY) == ids(world.other_follower)
    assert recipients(kinds.PROPOSAL_COMMENT) == ids(world.author, world.follower)
    assert len(sent()) == 4


def test_a_rejected_comment_never_reaches_followers_or_the_parents_author(world):
    proposal = build.proposal(world.pre, world.author, title="Vorab kommentiert")
    follows.follow(world.follower, proposal)
    parent = build.comment(proposal, world.other_follower)
    db.session.commit()
    comment = reply(world.bystander, proposal, parent=parent)
    clear()

    moderation.decide(world.moderator, comment, "reject", W, "insult")
    db.session.commit()

    assert recipients() == ids(world.bystander)
    assert sent()[0].kind == kinds.MODERATION_DECISION


def test_hiding_and_restoring_a_comment_tells_only_its_author(world):
    proposal = build.proposal(world.consultation, world.author, title="Schon bekannt")
    follows.follow(world.follower, proposal)
    db.session.commit()
    comment = reply(world.bystander, proposal)
    clear()

    moderation.decide(world.moderator, comment, "hide", P, "insult", "Bitte sachlich.")
    db.session.commit()
    assert recipients() == ids(world.bystander)
    hidden = english(sent()[0])
    assert hidden.text == "Your contribution on “Schon bekannt” was hidden."
    assert hidden.detail == "Reason: Insult or hate. Bitte sachlich."
    clear()

    moderation.decide(world.coordinator, comment, "restore", H)
    db.session.commit()
    # Followers heard of it when it was first published: nothing new for them.
    assert recipients() == ids(world.bystander)
    assert sent()[0].params == {"action": "restore"}


# --- reports -----------------------------------------------------------------------------------


def test_the_first_report_and_an_automatic_hiding_tell_the_region_further_reports_not(world):
    proposal = build.proposal(world.consultation, world.author, title="Gemeldet")
    comment = build.comment(proposal, world.bystander)
    db.session.commit()

    # The moderator reports too: staff, but the one who acted this time.
    moderation.report_contribution(world.moderator, comment, "insult")
    db.session.commit()
    assert recipients() == ids(world.coordinator)
    first = sent()[0]
    assert first.kind == kinds.MODERATION_WAITING and first.params == {"reported": True}
    assert (first.contribution_id, first.proposal_id) == (comment.id, proposal.id)
    described = english(first)
    assert described.text == "A contribution in “Language courses” was reported."
    assert described.url == f"/moderation/contributions/{comment.id}"
    clear()

    moderation.report_contribution(world.follower, comment, "insult")
    db.session.commit()
    assert sent() == []

    moderation.report_contribution(world.other_follower, comment, "spam")  # the threshold: 3
    db.session.commit()
    assert recipients(kinds.MODERATION_WAITING) == ids(world.moderator, world.coordinator)
    (to_author,) = sent(kinds.MODERATION_DECISION)
    assert to_author.user_id == world.bystander.id
    assert to_author.params == {"action": "auto_hide"}
    assert english(to_author).text == (
        "Your contribution on “Gemeldet” was hidden after several reports until a moderator "
        "checks it."
    )
    assert len(sent()) == 3


def test_a_decision_tells_each_reporter_whose_report_it_answered(world):
    proposal = build.proposal(world.consultation, world.author, title="Gemeldet")
    comment = build.comment(proposal, world.bystander)
    db.session.commit()
    for reporter in (world.follower, world.other_follower):
        moderation.report_contribution(reporter, comment, "insult")
    db.session.commit()
    clear()

    decision = moderation.decide(world.moderator, comment, "hide", P, "insult")
    db.session.commit()

    assert recipients(kinds.REPORT_OUTCOME) == ids(world.follower, world.other_follower)
    assert recipients(kinds.MODERATION_DECISION) == ids(world.bystander)
    outcome = sent(kinds.REPORT_OUTCOME)[0]
    assert outcome.params == {"hidden": True}
    assert (outcome.decision_id, outcome.contribution_id, outcome.consultation_id) == (
        decision.id,
        comment.id,
        world.consultation.id,
    )
    described = english(outcome)
    assert described.text == "A contribution you reported was hidden. Thank you."
    assert described.url == f"/consultations/{world.consultation.id}"


def test_dismissing_reports_tells_the_reporters_but_not_the_author(world):
    proposal = build.proposal(world.consultation, world.author, title="Harmlos")
    db.session.commit()
    moderation.report_contribution(world.follower, proposal, "off_topic")
    db.session.commit()
    clear()

    moderation.decide(world.moderator, proposal, "approve", P)
    db.session.commit()

    assert recipients() == ids(world.follower)
    note = sent()[0]
    assert note.kind == kinds.REPORT_OUTCOME and note.params == {"hidden": False}
    assert english(note).text == "A contribution you reported was checked and stays published."
    clear()

    # Reports answered by a decision are closed: the next one is a first report again.
    moderation.report_contribution(world.other_follower, proposal, "spam")
    db.session.commit()
    assert recipients() == ids(world.moderator, world.coordinator)


# --- appeals -----------------------------------------------------------------------------------


@pytest.fixture
def hidden_comment(world):
    proposal = build.proposal(world.consultation, world.author, title="Umstritten")
    comment = build.comment(proposal, world.bystander)
    db.session.commit()
    decision = moderation.decide(world.moderator, comment, "hide", P, "insult")
    appeal = moderation.appeal_decision(world.bystander, decision, "Das war sachlich.")
    db.session.commit()
    clear()
    return comment, decision, appeal


def test_a_confirmed_appeal_tells_its_author_the_outcome_and_the_reason(world, hidden_comment):
    _comment, decision, appeal = hidden_comment
    moderation.resolve_appeal(world.coordinator, appeal, "confirmed", "Es bleibt beleidigend.")
    db.session.commit()

    assert recipients() == ids(world.bystander)
    note = sent()[0]
    assert note.kind == kinds.APPEAL_OUTCOME and note.params == {"outcome": "confirmed"}
    assert note.decision_id == decision.id
    described = english(note)
    assert described.text == "Your appeal was not successful: the decision stands."
    assert described.detail == "Reason: Es bleibt beleidigend."
    assert described.url == "/moderation/mine"


def test_a_reversed_appeal_tells_the_author_once_not_also_of_the_restoring(world, hidden_comment):
    comment, _decision, appeal = hidden_comment
    moderation.resolve_appeal(world.coordinator, appeal, "reversed", "Zulässige Kritik.")
    db.session.commit()

    assert db.session.get(type(comment), comment.id).moderation_state == P
    assert recipients() == ids(world.bystander)
    note = sent()[0]
    assert note.kind == kinds.APPEAL_OUTCOME and note.params == {"outcome": "reversed"}
    assert english(note).text == (
        "Your appeal was successful: your contribution is published again."
    )


# --- answers and withdrawals -------------------------------------------------------------------


def test_an_official_answer_tells_the_proposals_followers(world):
    proposal = submit(world.author, world.consultation, title="Mehr Beratung")
    for user in (world.follower, world.coordinator):
        follows.follow(user, proposal)
    db.session.commit()

    proposals.answer_proposal(world.coordinator, proposal, "accepted", "Wir setzen das um.")
    db.session.commit()

    assert recipients() == ids(world.author, world.follower)
    note = sent()[0]
    assert note.kind == kinds.PROPOSAL_UPDATE
    assert note.params == {"status": "accepted", "answered": True}
    assert (note.proposal_id, note.consultation_id, note.actor_id) == (
        proposal.id,
        world.consultation.id,
        world.coordinator.id,
    )
    described = english(note)
    assert described.text == "The region answered “Mehr Beratung”: Accepted."
    assert described.url == f"/consultations/{world.consultation.id}/proposals/{proposal.id}"


def test_an_answer_to_a_hidden_proposal_reaches_only_its_author(world):
    proposal = submit(world.author, world.consultation, title="Versteckt")
    follows.follow(world.follower, proposal)
    moderation.decide(world.moderator, proposal, "hide", P, "off_topic")
    db.session.commit()
    clear()

    proposals.answer_proposal(world.coordinator, proposal, "rejected", "Nicht zuständig.")
    db.session.commit()

    assert recipients() == ids(world.author)


def test_a_withdrawal_tells_the_followers_but_not_the_author(world):
    proposal = submit(world.author, world.consultation, title="Zurückgezogen")
    follows.follow(world.follower, proposal)
    db.session.commit()

    proposals.withdraw_proposal(world.author, proposal)
    db.session.commit()

    assert recipients() == ids(world.follower)
    note = sent()[0]
    assert note.params == {"status": "withdrawn", "answered": False}
    assert english(note).text == "The status of “Zurückgezogen” is now: Withdrawn."


# --- statements --------------------------------------------------------------------------------


@pytest.fixture
def discussion(world):
    world.discussion = build.consultation(
        world.region, phase="discussion", title={"de": "Diskussion", "en": "Discussion time"}
    )
    world.org_admin = make_user(display_name="Ida")
    world.org = org_build.organisation(world.region, name="Brücke e. V.", admins=[world.org_admin])
    db.session.commit()
    return world


def publish(world, consultation):
    statement = statements.publish_statement(
        world.org_admin, consultation, world.org, "Unsere Sicht", "Wir unterstützen das.", "de"
    )
    db.session.commit()
    return statement


def test_a_statement_tells_followers_of_the_organisation_and_the_consultation_once(discussion):
    world = discussion
    follows.follow(world.follower, world.org)
    follows.follow(world.follower, world.discussion)  # both: still one notification
    follows.follow(world.other_follower, world.discussion)
    follows.follow(world.org_admin, world.org)
    db.session.commit()

    statement = publish(world, world.discussion)

    assert recipients() == ids(world.follower, world.other_follower)
    note = sent()[0]
    assert note.kind == kinds.ORGANISATION_STATEMENT
    assert (note.organisation_id, note.consultation_id, note.contribution_id, note.actor_id) == (
        world.org.id,
        world.discussion.id,
        statement.id,
        world.org_admin.id,
    )
    described = english(note)
    assert described.text == "Brücke e. V. made a statement on “Discussion time”."
    assert described.url == f"/consultations/{world.discussion.id}/statements/{statement.id}"


def test_a_pending_statement_reaches_followers_only_when_approved(discussion):
    world = discussion
    pre = build.consultation(
        world.region,
        phase="discussion",
        moderation_mode=ModerationMode.PRE,
        title={"de": "Geprüft", "en": "Checked discussion"},
    )
    follows.follow(world.follower, world.org)
    db.session.commit()

    statement = publish(world, pre)
    assert recipients() == ids(world.moderator, world.coordinator)
    clear()

    moderation.decide(world.moderator, statement, "approve", W)
    db.session.commit()
    assert recipients(kinds.ORGANISATION_STATEMENT) == ids(world.follower)
    (to_author,) = sent(kinds.MODERATION_DECISION)
    assert to_author.user_id == world.org_admin.id and to_author.proposal_id is None
    # A statement belongs to no proposal: the text names the consultation.
    assert english(to_author).text == (
        "Your contribution on “Checked discussion” was checked and published."
    )


# --- organisations -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "before", "text"),
    [
        ("verify", "requested", "Brücke e. V. is now verified."),
        ("decline", "requested", "The verification of Brücke e. V. was declined."),
        ("suspend", "verified", "The verification of Brücke e. V. was withdrawn."),
    ],
)
def test_a_review_tells_the_organisations_admins(world, action, before, text):
    admin, second_admin, member = make_user(), make_user(), make_user()
    org = org_build.organisation(
        world.region,
        name="Brücke e. V.",
        status=before,
        admins=[admin, second_admin, world.coordinator],
        members=[member],
    )
    db.session.commit()

    organisations.decide(world.coordinator, org, action, "Angaben fehlen.", before)
    db.session.commit()

    assert recipients() == ids(admin, second_admin)
    note = sent()[0]
    review = org.decisions[-1]
    assert note.kind == kinds.ORGANISATION_REVIEW
    assert note.params == {"action": action, "review_id": review.id}
    assert note.organisation_id == org.id
    described = english(note)
    assert described.text == text
    assert described.url == f"/organisations/{org.id}/manage"
    if action != "verify":
        assert described.detail == "Reason: Angaben fehlen."


def test_an_invitation_tells_a_confirmed_account_with_that_address(world):
    admin = make_user(display_name="Ida")
    org = org_build.organisation(world.region, name="Brücke e. V.", admins=[admin])
    invitee = make_user(email="leyla@example.org")
    unconfirmed = make_user(email="noch-nicht@example.org", confirmed=False)
    db.session.commit()

    membership.invite(admin, org, "Leyla@Example.org", "admin")
    membership.invite(admin, org, unconfirmed.email, "member")
    membership.invite(admin, org, "ohne-konto@example.org", "member")
    db.session.commit()

    assert recipients() == ids(invitee)
    note = sent()[0]
    assert note.kind == kinds.ORGANISATION_INVITATION
    assert (note.organisation_id, note.actor_id, note.params) == (
        org.id,
        admin.id,
        {"role": "admin"},
    )
    described = english(note)
    assert described.text == "Brücke e. V. invited you to join it on Mitreden."
    assert described.url == "/organisations/mine"


# --- concept comments --------------------------------------------------------------------------


def offering(world, draft, **settings):
    consultation = build.consultation(world.region, phase="discussion", **settings)
    offer_for_comment(world.coordinator, consultation, draft)
    follows.follow(world.follower, consultation)
    db.session.commit()
    return consultation


def test_a_concept_comment_tells_nobody_and_a_pending_one_only_the_region(world):
    field = make_field_of_action()
    draft = start_draft(world.coordinator, world.region)
    goal = add_goal(
        world.coordinator, draft, ItemDetails(title="Deutsch lernen", field_id=field.id)
    )
    consultation = offering(world, draft)

    add_concept_comment(world.bystander, consultation, goal, "Auch abends.", "de", None)
    db.session.commit()
    assert sent() == []

    pre = offering(
        world, draft, moderation_mode=ModerationMode.PRE, title={"de": "K", "en": "Concept"}
    )
    comment = add_concept_comment(world.bystander, pre, goal, "Bitte prüfen.", "de", None)
    db.session.commit()
    assert recipients() == ids(world.moderator, world.coordinator)
    assert english(sent()[0]).url == f"/moderation/contributions/{comment.id}"
    clear()

    moderation.decide(world.moderator, comment, "approve", W)
    db.session.commit()
    # Approved, it tells its author; concept comments have no followers of their own.
    assert recipients() == ids(world.bystander)
    note = sent()[0]
    assert note.proposal_id is None
    assert english(note).text == "Your contribution on “Concept” was checked and published."


# --- nobody following --------------------------------------------------------------------------


def test_the_services_work_when_nobody_follows(world):
    proposal = build.proposal(world.consultation, world.author, title="Allein")
    db.session.commit()

    comment = reply(world.bystander, proposal)
    reply(world.author, proposal, parent=comment, body="Danke!")
    proposals.answer_proposal(world.coordinator, proposal, "under_review", "Wir prüfen.")
    proposals.withdraw_proposal(world.author, proposal)
    db.session.commit()

    # Only the reply reached someone: the author of the comment it answered.
    assert recipients() == ids(world.bystander)
    assert sent()[0].kind == kinds.COMMENT_REPLY


def test_many_followers_cost_no_more_queries_than_one(world, count_queries):
    few = build.proposal(world.consultation, world.author, title="Wenige")
    many = build.proposal(world.consultation, world.author, title="Viele")
    follows.follow(world.follower, few)
    for _ in range(30):
        follows.follow(make_user(), many)
    db.session.commit()

    with count_queries() as one:
        reply(world.bystander, few, body="Erster Kommentar")
    with count_queries() as thirty:
        reply(world.bystander, many, body="Zweiter Kommentar")

    assert len(sent()) == 31
    assert len(thirty) == len(one)
