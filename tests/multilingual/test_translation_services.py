"""Translation services: who adds them, language and title rules, one translation per language
(also when the check loses a race), where a translation starts in moderation, and when it is
outdated."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.consultations.models import ModerationMode
from app.core.errors import DomainError, PermissionDenied
from app.core.models import ModerationState
from app.extensions import db
from app.multilingual import services
from app.multilingual.models import ContributionTranslation
from app.organisations.models import Membership
from app.proposals import services as proposal_services
from tests import organisation_builders as org_build
from tests import participation_builders as build
from tests.factories import make_user, make_user_with_role


@pytest.fixture
def _request(app):
    """Services translate their refusals: they run inside a request, as in the app."""
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


pytestmark = pytest.mark.usefixtures("_request")


def make_world(mode: str = ModerationMode.POST):
    """A consultation in the proposal phase with a proposal, a comment and a statement."""
    author, admin = make_user(), make_user()
    consultation = build.consultation(phase="proposals", moderation_mode=mode)
    org = org_build.organisation(consultation.region, admins=[admin])
    proposal = build.proposal(consultation, author, title="Mehr Sprachkurse", language="de")
    comment = build.comment(proposal, author, body="Gute Idee, abends bitte.", language="de")
    statement = org_build.statement(consultation, org, admin)
    coordinator = make_user_with_role("coordinator", region=consultation.region)
    db.session.commit()
    return {
        "author": author,
        "admin": admin,
        "coordinator": coordinator,
        "proposal": proposal,
        "comment": comment,
        "statement": statement,
    }


@pytest.fixture
def world():
    return make_world()


def translation_count() -> int:
    return db.session.scalar(select(func.count(ContributionTranslation.id)))


# --- adding -------------------------------------------------------------------------------------


def test_the_author_adds_a_translation(world):
    author, proposal = world["author"], world["proposal"]
    translation = services.add_translation(
        author, proposal, "tr", "  Daha fazla dil kursu ", "  Akşamları da olsun. "
    )
    db.session.commit()
    stored = db.session.get(ContributionTranslation, translation.id)
    assert stored.kind == "translation"
    assert stored.translation_of_id == proposal.id
    assert stored.original.id == proposal.id
    assert stored.consultation_id == proposal.consultation_id
    assert stored.author_id == author.id
    assert (stored.language, stored.title, stored.body) == (
        "tr",
        "Daha fazla dil kursu",
        "Akşamları da olsun.",
    )
    assert stored.moderation_state == ModerationState.PUBLISHED
    assert services.translation_into(proposal, "tr").id == translation.id
    assert services.translation_into(proposal, "ar") is None


def test_the_original_language_is_refused(world):
    with pytest.raises(DomainError) as refused:
        services.add_translation(world["author"], world["proposal"], "de", "Titel", "Text")
    assert refused.value.field == "language"
    db.session.rollback()
    assert translation_count() == 0


@pytest.mark.parametrize("language", ["xx", "", "fr"])
def test_languages_outside_the_list_are_refused(world, language):
    with pytest.raises(DomainError) as refused:
        services.add_translation(world["author"], world["proposal"], language, "Titel", "Text")
    assert refused.value.field == "language"


def test_a_second_translation_into_the_same_language_is_refused(world):
    proposal, coordinator = world["proposal"], world["coordinator"]
    services.add_translation(world["author"], proposal, "tr", "Başlık", "Metin")
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.add_translation(coordinator, proposal, "tr", "Başka başlık", "Başka metin")
    assert refused.value.field == "language"
    assert refused.value.status_code == 400
    db.session.rollback()
    assert translation_count() == 1
    services.add_translation(coordinator, proposal, "ar", "عنوان", "نص")
    db.session.commit()
    assert translation_count() == 2


def test_a_lost_race_on_the_unique_index_is_a_conflict_not_a_500(world, monkeypatch):
    proposal = world["proposal"]
    first = services.add_translation(world["author"], proposal, "tr", "Başlık", "Metin")
    db.session.commit()
    monkeypatch.setattr(services, "translation_into", lambda contribution, language: None)
    with pytest.raises(DomainError) as refused:
        services.add_translation(world["coordinator"], proposal, "tr", "Başka", "Başka metin")
    assert refused.value.status_code == 409
    assert "just added a translation" in refused.value.message
    db.session.rollback()  # as apply_change does after a refusal
    assert translation_count() == 1
    assert db.session.get(ContributionTranslation, first.id).author_id == world["author"].id


def test_the_database_keeps_one_translation_per_original_and_language(world):
    org_build.translation(world["comment"], world["author"], language="uk")
    db.session.commit()
    with pytest.raises(IntegrityError):
        org_build.translation(world["comment"], world["coordinator"], language="uk")
    db.session.rollback()
    assert translation_count() == 1


@pytest.mark.parametrize("kind", ["proposal", "statement"])
@pytest.mark.parametrize("title", [None, "", "   "])
def test_proposals_and_statements_need_a_translated_title(world, kind, title):
    translator = world["author"] if kind == "proposal" else world["admin"]
    with pytest.raises(DomainError) as refused:
        services.add_translation(translator, world[kind], "en", title, "The text.")
    assert refused.value.field == "title"
    db.session.rollback()
    assert translation_count() == 0


def test_a_statement_translation_keeps_its_title(world):
    translation = services.add_translation(
        world["admin"], world["statement"], "en", "Our statement", "We support the aims."
    )
    db.session.commit()
    assert db.session.get(ContributionTranslation, translation.id).title == "Our statement"


def test_comments_have_no_title_so_a_given_one_is_dropped(world):
    translation = services.add_translation(
        world["author"], world["comment"], "en", "A title nobody asked for", "Good idea."
    )
    db.session.commit()
    stored = db.session.get(ContributionTranslation, translation.id)
    assert stored.title is None
    assert stored.body == "Good idea."


@pytest.mark.parametrize("who", ["participant", "coordinator_elsewhere", "moderator"])
def test_others_may_not_translate(world, who):
    region = world["proposal"].consultation.region
    user = {
        "participant": make_user,
        "coordinator_elsewhere": lambda: make_user_with_role("coordinator"),
        "moderator": lambda: make_user_with_role("moderator", region=region),
    }[who]()
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.add_translation(user, world["proposal"], "en", "Title", "Text")
    db.session.rollback()
    assert translation_count() == 0


def test_a_hidden_original_is_not_translated(world):
    world["proposal"].moderation_state = ModerationState.HIDDEN
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.add_translation(world["coordinator"], world["proposal"], "en", "Title", "Text")


def test_a_translation_is_not_translated_again(world):
    translation = services.add_translation(world["author"], world["comment"], "en", None, "Good.")
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.add_translation(world["author"], translation, "tr", None, "İyi.")


# --- where a translation starts -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "who", "state"),
    [
        (ModerationMode.PRE, "author", ModerationState.PENDING),
        (ModerationMode.PRE, "member", ModerationState.PENDING),
        (ModerationMode.PRE, "coordinator", ModerationState.PUBLISHED),
        (ModerationMode.PRE, "administrator", ModerationState.PUBLISHED),
        (ModerationMode.POST, "author", ModerationState.PUBLISHED),
        (ModerationMode.POST, "member", ModerationState.PUBLISHED),
    ],
)
def test_initial_state_of_a_translation(mode, who, state):
    world = make_world(mode)
    statement = world["statement"]
    if who == "member":
        user = make_user()
        statement.organisation.memberships.append(Membership(user=user, role="member"))
    elif who == "administrator":
        user = make_user_with_role("administrator")
    elif who == "author":
        user = world["admin"]  # the statement's author
    else:
        user = world[who]
    db.session.commit()
    translation = services.add_translation(user, statement, "en", "Our statement", "Text.")
    db.session.commit()
    assert db.session.get(ContributionTranslation, translation.id).moderation_state == state


# --- editing and being outdated -------------------------------------------------------------------


def test_the_translator_edits_the_translation(world):
    author, proposal = world["author"], world["proposal"]
    translation = services.add_translation(author, proposal, "en", "More courses", "In the eve.")
    db.session.commit()
    services.edit_translation(author, translation, " More language courses ", " In the evening. ")
    db.session.commit()
    stored = db.session.get(ContributionTranslation, translation.id)
    assert (stored.title, stored.body) == ("More language courses", "In the evening.")
    assert stored.edited_at is not None
    with pytest.raises(DomainError) as refused:
        services.edit_translation(author, stored, "  ", "Without a title.")
    assert refused.value.field == "title"


def test_editing_a_comment_translation_drops_a_title(world):
    author = world["author"]
    translation = services.add_translation(author, world["comment"], "en", None, "Good idea.")
    db.session.commit()
    services.edit_translation(author, translation, "Sneaky title", "Good idea, in the evening.")
    db.session.commit()
    stored = db.session.get(ContributionTranslation, translation.id)
    assert (stored.title, stored.body) == (None, "Good idea, in the evening.")


@pytest.mark.parametrize("who", ["original_author", "coordinator", "administrator"])
def test_only_the_translator_edits(world, who):
    translation = services.add_translation(
        world["admin"], world["statement"], "en", "Our statement", "Text."
    )
    user = {
        "original_author": lambda: world["author"],
        "coordinator": lambda: world["coordinator"],
        "administrator": lambda: make_user_with_role("administrator"),
    }[who]()
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.edit_translation(user, translation, "Changed", "Changed.")
    db.session.rollback()
    assert db.session.get(ContributionTranslation, translation.id).body == "Text."


def test_a_hidden_translation_cannot_be_edited(world):
    translation = services.add_translation(world["author"], world["comment"], "en", None, "Good.")
    translation.moderation_state = ModerationState.HIDDEN
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.edit_translation(world["author"], translation, None, "Better.")


def test_a_translation_is_outdated_after_the_original_is_edited(world, time_machine):
    author, proposal = world["author"], world["proposal"]
    start = datetime.now(UTC)
    time_machine.move_to(start, tick=False)
    translation = services.add_translation(author, proposal, "en", "More courses", "Evenings.")
    db.session.commit()
    assert translation.is_outdated() is False

    time_machine.move_to(start + timedelta(minutes=5), tick=False)
    proposal_services.edit_proposal(
        author, proposal, proposal.title, "Abends und am Wochenende.", "de", None, 0
    )
    db.session.commit()
    stored = db.session.get(ContributionTranslation, translation.id)
    assert stored.is_outdated() is True

    time_machine.move_to(start + timedelta(minutes=10), tick=False)
    services.edit_translation(author, stored, "More courses", "Evenings and weekends.")
    db.session.commit()
    assert db.session.get(ContributionTranslation, translation.id).is_outdated() is False


def test_a_translation_written_after_the_edit_is_current(world, time_machine):
    author, proposal = world["author"], world["proposal"]
    start = datetime.now(UTC)
    time_machine.move_to(start, tick=False)
    proposal_services.edit_proposal(
        author, proposal, proposal.title, "Abends und am Wochenende.", "de", None, 0
    )
    db.session.commit()
    time_machine.move_to(start + timedelta(minutes=1), tick=False)
    translation = services.add_translation(author, proposal, "en", "More courses", "Evenings.")
    db.session.commit()
    assert translation.is_outdated() is False
