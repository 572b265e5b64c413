"""Working on a region's action concept: drafts, goals and measures, publishing, and comments on
a draft that a consultation puts up for comment."""

import threading
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.concepts.models import (
    ConceptComment,
    ConceptItem,
    ConceptVersion,
    ItemKind,
    MeasureStatus,
    VersionState,
)
from app.concepts.services import (
    ItemDetails,
    add_concept_comment,
    add_goal,
    add_measure,
    current_version,
    draft_of,
    edit_item,
    offer_for_comment,
    publish,
    remove_item,
    start_draft,
    versions_of,
)
from app.consultations.models import Consultation, ModerationMode
from app.core.errors import DomainError, PermissionDenied
from app.core.models import Contribution, ModerationState
from app.extensions import db
from app.projects.models import ProjectApproach
from app.regions.models import Region
from tests import participation_builders as build
from tests.factories import make_field_of_action, make_region, make_user, make_user_with_role


def project(region, title: str) -> ProjectApproach:
    obj = ProjectApproach(region=region, title=title, lead_name="Landkreis")
    db.session.add(obj)
    db.session.flush()
    return obj


@pytest.fixture
def world():
    region_a, region_b = make_region("werra-meissner"), make_region("giessen")
    author = make_user()
    consultation_a = build.consultation(region_a, phase="discussion")
    consultation_b = build.consultation(region_b, phase="discussion")
    world = SimpleNamespace(
        a=region_a,
        b=region_b,
        language=make_field_of_action("sprache"),
        work=make_field_of_action("arbeit"),
        coordinator_a=make_user_with_role("coordinator", region=region_a),
        coordinator_b=make_user_with_role("coordinator", region=region_b),
        moderator_a=make_user_with_role("moderator", region=region_a),
        administrator=make_user_with_role("administrator"),
        participant=make_user_with_role("participant"),
        consultation_a=consultation_a,
        consultation_b=consultation_b,
        proposal_a=build.proposal(consultation_a, author, title="Sprachcafé im Dorf"),
        proposal_b=build.proposal(consultation_b, author, title="Anderswo"),
        pending_a=build.proposal(consultation_a, author, moderation_state=ModerationState.PENDING),
        project_a=project(region_a, "Sprachpaten"),
        project_b=project(region_b, "Gießener Projekt"),
    )
    db.session.commit()
    return world


def refusal(call, error=DomainError) -> DomainError:
    with pytest.raises(error) as raised:
        call()
    db.session.rollback()
    return raised.value


def draft_with_items(world, user=None):
    """A draft of region A: goal "Deutsch lernen" (language) with two measures, goal "Arbeit
    finden" (work) with none."""
    user = user or world.coordinator_a
    draft = start_draft(user, world.a)
    goal = add_goal(
        user,
        draft,
        ItemDetails(
            title=" Deutsch lernen ",
            description="Alle finden einen Kurs.",
            field_id=world.language.id,
        ),
    )
    cafe = add_measure(
        user,
        goal,
        ItemDetails(
            title="Sprachcafés",
            description="Jede Woche in drei Orten.",
            position=1,
            responsible=" Volkshochschule ",
            timeframe=" 2026–2027 ",
            status=MeasureStatus.IN_PROGRESS,
            proposal_ids=[world.proposal_a.id],
            project_ids=[world.project_a.id],
        ),
    )
    courses = add_measure(user, goal, ItemDetails(title="Kurse mit Kinderbetreuung", position=2))
    other = add_goal(
        user, draft, ItemDetails(title="Arbeit finden", field_id=world.work.id, position=1)
    )
    db.session.commit()
    return SimpleNamespace(version=draft, goal=goal, cafe=cafe, courses=courses, other=other)


def published_concept(world):
    concept = draft_with_items(world)
    publish(world.coordinator_a, concept.version, date(2026, 1, 1), "  Erste Fassung. ")
    db.session.commit()
    return concept


def items_by_key(version: ConceptVersion) -> dict[str, ConceptItem]:
    return {item.key: item for item in version.items}


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count(model.id)))


# --- drafts -----------------------------------------------------------------------------------


def test_the_first_draft_of_a_region_is_empty_and_number_one(world):
    draft = start_draft(world.coordinator_a, world.a)
    db.session.commit()
    assert (draft.number, draft.state, draft.items) == (1, VersionState.DRAFT, [])
    assert draft.created_by_id == world.coordinator_a.id
    assert draft_of(world.a) == draft
    assert current_version(world.a) is None


def test_goals_and_measures_of_a_draft(world):
    concept = draft_with_items(world)
    db.session.expire_all()
    goal, cafe = db.session.get(ConceptItem, concept.goal.id), concept.cafe
    cafe = db.session.get(ConceptItem, cafe.id)
    assert (goal.kind, goal.title, goal.status, goal.goal_id) == (
        ItemKind.GOAL,
        "Deutsch lernen",
        None,
        None,
    )
    assert goal.field_of_action_id == world.language.id
    assert (cafe.kind, cafe.goal_id, cafe.field_of_action_id) == (
        ItemKind.MEASURE,
        goal.id,
        world.language.id,  # a measure belongs to its goal's field
    )
    assert (cafe.responsible, cafe.timeframe, cafe.status) == (
        "Volkshochschule",
        "2026–2027",
        MeasureStatus.IN_PROGRESS,
    )
    assert [p.id for p in cafe.proposals] == [world.proposal_a.id]
    assert [p.id for p in cafe.projects] == [world.project_a.id]
    version = db.session.get(ConceptVersion, concept.version.id)
    assert [m.title for m in version.measures_of(goal)] == [
        "Sprachcafés",
        "Kurse mit Kinderbetreuung",
    ]
    assert len({item.key for item in version.items}) == 4


def test_a_region_has_one_draft_at_a_time(world):
    start_draft(world.coordinator_a, world.a)
    db.session.commit()
    refusal(lambda: start_draft(world.administrator, world.a))
    assert len(versions_of(world.a)) == 1
    # Another region has its own draft.
    start_draft(world.coordinator_b, world.b)
    db.session.commit()
    assert draft_of(world.b).region_id == world.b.id


def test_the_database_keeps_one_draft_per_region(world):
    start_draft(world.coordinator_a, world.a)
    db.session.commit()
    db.session.add(ConceptVersion(region_id=world.a.id, number=2, state=VersionState.DRAFT))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def start_drafts_at_once(app, region_id: int, user_ids: list[int]):
    """Each user, in a thread with its own session, starts a draft at the same moment. Returns
    (successes, refusals, unexpected errors)."""
    barrier = threading.Barrier(len(user_ids))
    successes, refusals, errors = [], [], []

    def worker(user_id: int):
        with app.test_request_context("/", headers={"Accept-Language": "en"}):
            user = db.session.get(User, user_id)
            region = db.session.get(Region, region_id)
            assert user.roles or user.is_administrator  # loaded before the race
            db.session.commit()  # hand the connection back while waiting for the others
            barrier.wait(timeout=30)
            try:
                start_draft(user, region)
                db.session.commit()
                successes.append(user_id)
            except DomainError:
                db.session.rollback()
                refusals.append(user_id)
            except Exception as error:  # anything else would be a 500
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(user_id,)) for user_id in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    db.session.rollback()  # end this thread's snapshot, so it sees what the others wrote
    return successes, refusals, errors


@pytest.mark.parametrize("published_before", [False, True])
def test_two_coordinators_starting_a_draft_at_once_get_one_draft(app, world, published_before):
    if published_before:
        published_concept(world)
    second = make_user_with_role("coordinator", region=world.a)
    db.session.commit()

    successes, refusals, errors = start_drafts_at_once(
        app, world.a.id, [world.coordinator_a.id, second.id]
    )

    assert errors == []
    assert (len(successes), len(refusals)) == (1, 1)
    drafts = db.session.scalars(
        db.select(ConceptVersion).where(
            ConceptVersion.region_id == world.a.id, ConceptVersion.state == VersionState.DRAFT
        )
    ).all()
    assert len(drafts) == 1
    assert drafts[0].created_by_id == successes[0]
    if published_before:
        assert drafts[0].number == 2
        assert len(drafts[0].items) == 4  # one copy, not two
        assert count(ConceptItem) == 8


@pytest.mark.parametrize("who", ["coordinator_b", "moderator_a", "participant", "anonymous"])
def test_only_the_regions_coordination_starts_a_draft(world, who):
    user = AnonymousUserMixin() if who == "anonymous" else getattr(world, who)
    refusal(lambda: start_draft(user, world.a), PermissionDenied)
    assert versions_of(world.a) == []


def test_an_administrator_works_on_any_regions_concept(world):
    concept = draft_with_items(world, user=world.administrator)
    publish(world.administrator, concept.version, date(2026, 2, 1), "")
    db.session.commit()
    assert current_version(world.a) == concept.version


@pytest.mark.parametrize("who", ["coordinator_b", "moderator_a", "participant"])
def test_others_may_not_change_a_draft(world, who):
    concept = draft_with_items(world)
    user = getattr(world, who)
    details = ItemDetails(title="Fremd", field_id=world.language.id)
    for call in (
        lambda: add_goal(user, concept.version, details),
        lambda: add_measure(user, concept.goal, details),
        lambda: edit_item(user, concept.goal, details),
        lambda: remove_item(user, concept.courses),
        lambda: publish(user, concept.version, date(2026, 1, 1), ""),
    ):
        refusal(call, PermissionDenied)
    assert count(ConceptItem) == 4
    assert draft_of(world.a).id == concept.version.id


# --- a new draft copies the current version ---------------------------------------------------


def test_a_new_draft_copies_the_current_version_with_keys_and_links(world):
    first = published_concept(world)
    draft = start_draft(world.coordinator_a, world.a)
    db.session.commit()
    db.session.expire_all()
    old = db.session.get(ConceptVersion, first.version.id)
    new = db.session.get(ConceptVersion, draft.id)
    assert (new.number, new.state) == (2, VersionState.DRAFT)
    before, after = items_by_key(old), items_by_key(new)
    assert set(after) == set(before)
    for key, copy in after.items():
        original = before[key]
        assert copy.id != original.id
        assert copy.version_id == new.id
        for column in (
            "kind",
            "field_of_action_id",
            "position",
            "title",
            "description",
            "responsible",
            "timeframe",
            "status",
        ):
            assert getattr(copy, column) == getattr(original, column), column
        assert [p.id for p in copy.proposals] == [p.id for p in original.proposals]
        assert [p.id for p in copy.projects] == [p.id for p in original.projects]
        if original.goal_id is None:
            assert copy.goal_id is None
        else:
            # The copy hangs under the copy of its goal, not under the old goal.
            assert copy.goal.version_id == new.id
            assert copy.goal.key == original.goal.key
    # The published version is untouched.
    assert old.state == VersionState.PUBLISHED
    assert len(old.items) == 4
    assert all(item.version_id == old.id for item in old.items)


def test_a_draft_copies_the_latest_published_version(world):
    first = published_concept(world)
    second = start_draft(world.coordinator_a, world.a)
    db.session.commit()
    copy = items_by_key(second)[first.courses.key]
    edit_item(world.coordinator_a, copy, ItemDetails(title="Kurse am Abend"))
    publish(world.coordinator_a, second, date(2026, 6, 1), "")
    third = start_draft(world.coordinator_a, world.a)
    db.session.commit()
    assert third.number == 3
    assert items_by_key(third)[first.courses.key].title == "Kurse am Abend"
    assert [v.number for v in versions_of(world.a)] == [3, 2, 1]
    assert current_version(world.a).number == 2
    assert draft_of(world.a).number == 3


# --- publishing -------------------------------------------------------------------------------


def test_publishing_dates_and_freezes_the_version(world, time_machine):
    time_machine.move_to(datetime(2026, 1, 5, 9, 30, tzinfo=UTC), tick=False)
    concept = published_concept(world)
    version = db.session.get(ConceptVersion, concept.version.id)
    assert version.state == VersionState.PUBLISHED
    assert version.valid_from == date(2026, 1, 1)
    assert version.published_at == datetime(2026, 1, 5, 9, 30)
    assert version.note == "Erste Fassung."
    assert current_version(world.a) == version
    assert draft_of(world.a) is None


def test_a_published_version_cannot_be_changed(world):
    concept = published_concept(world)
    user = world.coordinator_a
    details = ItemDetails(title="Nachträglich", field_id=world.language.id)
    for call in (
        lambda: add_goal(user, concept.version, details),
        lambda: add_measure(user, concept.goal, details),
        lambda: edit_item(user, concept.cafe, details),
        lambda: edit_item(user, concept.goal, details),
        lambda: remove_item(user, concept.courses),
        lambda: publish(user, concept.version, date(2027, 1, 1), "Noch einmal"),
    ):
        error = refusal(call)
        assert "neuen Entwurf" in str(error.message)  # German outside a request
    db.session.expire_all()
    version = db.session.get(ConceptVersion, concept.version.id)
    assert len(version.items) == 4
    assert {item.title for item in version.items} == {
        "Deutsch lernen",
        "Sprachcafés",
        "Kurse mit Kinderbetreuung",
        "Arbeit finden",
    }
    assert (version.valid_from, version.note) == (date(2026, 1, 1), "Erste Fassung.")


def test_an_empty_draft_cannot_be_published(world):
    draft = start_draft(world.coordinator_a, world.a)
    db.session.commit()
    refusal(lambda: publish(world.coordinator_a, draft, date(2026, 1, 1), ""))
    assert db.session.get(ConceptVersion, draft.id).state == VersionState.DRAFT
    assert current_version(world.a) is None


# --- goals and measures -----------------------------------------------------------------------


def test_a_measure_belongs_to_a_goal(world):
    concept = draft_with_items(world)
    refusal(
        lambda: add_measure(world.coordinator_a, concept.cafe, ItemDetails(title="Unter Maßnahme"))
    )
    assert count(ConceptItem) == 4


def test_a_goal_needs_a_known_field_of_action(world):
    draft = start_draft(world.coordinator_a, world.a)
    db.session.commit()
    for field_id in (None, 999999):
        error = refusal(
            lambda field_id=field_id: add_goal(
                world.coordinator_a, draft, ItemDetails(title="Ziel", field_id=field_id)
            )
        )
        assert error.field == "field_of_action"


def test_moving_a_goal_to_another_field_moves_its_measures(world):
    concept = draft_with_items(world)
    edit_item(
        world.coordinator_a,
        concept.goal,
        ItemDetails(title="Deutsch lernen und arbeiten", field_id=world.work.id),
    )
    db.session.commit()
    db.session.expire_all()
    fields = {
        item.title: item.field_of_action_id
        for item in db.session.get(ConceptVersion, concept.version.id).items
    }
    assert fields == {
        "Deutsch lernen und arbeiten": world.work.id,
        "Sprachcafés": world.work.id,
        "Kurse mit Kinderbetreuung": world.work.id,
        "Arbeit finden": world.work.id,
    }


def test_a_measure_needs_a_known_status(world):
    concept = draft_with_items(world)
    error = refusal(
        lambda: edit_item(
            world.coordinator_a, concept.cafe, ItemDetails(title="Sprachcafés", status="paused")
        )
    )
    assert error.field == "status"


@pytest.mark.parametrize(
    ("links", "field"),
    [
        ({"proposal_ids": ["proposal_b"]}, "proposals"),
        ({"proposal_ids": ["pending_a"]}, "proposals"),
        ({"proposal_ids": [999999]}, "proposals"),
        ({"project_ids": ["project_b"]}, "projects"),
        ({"project_ids": [999999]}, "projects"),
    ],
)
def test_linked_proposals_and_projects_belong_to_the_region(world, links, field):
    concept = draft_with_items(world)
    resolved = {
        name: [getattr(world, each).id if isinstance(each, str) else each for each in ids]
        for name, ids in links.items()
    }
    error = refusal(
        lambda: add_measure(
            world.coordinator_a, concept.goal, ItemDetails(title="Verknüpft", **resolved)
        )
    )
    assert error.field == field
    error = refusal(
        lambda: edit_item(
            world.coordinator_a, concept.cafe, ItemDetails(title="Sprachcafés", **resolved)
        )
    )
    assert error.field == field
    cafe = db.session.get(ConceptItem, concept.cafe.id)
    assert [p.id for p in cafe.proposals] == [world.proposal_a.id]
    assert [p.id for p in cafe.projects] == [world.project_a.id]


def test_editing_a_measure_replaces_its_links(world):
    concept = draft_with_items(world)
    other = project(world.a, "Jobpaten")
    db.session.commit()
    edit_item(
        world.coordinator_a,
        concept.cafe,
        ItemDetails(
            title="Sprachcafés",
            status=MeasureStatus.DONE,
            project_ids=[other.id, world.project_a.id],
        ),
    )
    db.session.commit()
    db.session.expire_all()
    cafe = db.session.get(ConceptItem, concept.cafe.id)
    assert cafe.status == MeasureStatus.DONE
    assert cafe.proposals == []
    assert {p.id for p in cafe.projects} == {other.id, world.project_a.id}


def test_removing_a_measure(world):
    concept = draft_with_items(world)
    remove_item(world.coordinator_a, concept.courses)
    db.session.commit()
    assert {item.title for item in db.session.get(ConceptVersion, concept.version.id).items} == {
        "Deutsch lernen",
        "Sprachcafés",
        "Arbeit finden",
    }
    assert count(ConceptItem) == 3


def test_removing_a_goal_removes_its_measures(world):
    concept = draft_with_items(world)
    version = concept.version
    remove_item(world.coordinator_a, concept.goal)
    # The version's own list is current at once, before anything is read again.
    assert [item.title for item in version.items] == ["Arbeit finden"]
    db.session.commit()
    assert count(ConceptItem) == 1


# --- comments on a draft put up for comment ---------------------------------------------------


def offered(world, **settings):
    """Region A's draft with items, put up for comment in a consultation of region A."""
    concept = draft_with_items(world)
    settings.setdefault("phase", "discussion")
    consultation = build.consultation(world.a, **settings)
    offer_for_comment(world.coordinator_a, consultation, concept.version)
    db.session.commit()
    concept.consultation = consultation
    return concept


def comment_on(world, concept, item, user=None, body="Gute Idee, aber bitte auch abends.", **kw):
    kw.setdefault("language", "de")
    kw.setdefault("stance", "in_favour")
    comment = add_concept_comment(
        user or world.participant, concept.consultation, item, body, kw["language"], kw["stance"]
    )
    db.session.commit()
    return comment


def test_a_resident_comments_on_a_measure_of_the_offered_draft(world):
    concept = offered(world)
    comment = comment_on(world, concept, concept.cafe, body="  Bitte auch in Eschwege.  ")
    db.session.expire_all()
    stored = db.session.get(ConceptComment, comment.id)
    assert (stored.item_id, stored.consultation_id, stored.author_id) == (
        concept.cafe.id,
        concept.consultation.id,
        world.participant.id,
    )
    assert (stored.body, stored.language, stored.stance) == (
        "Bitte auch in Eschwege.",
        "de",
        "in_favour",
    )
    assert stored.kind == "concept_comment"
    assert stored.moderation_state == ModerationState.PUBLISHED


def test_goals_take_comments_too_without_a_stance(world):
    concept = offered(world)
    comment = comment_on(world, concept, concept.goal, stance="")
    assert comment.stance is None


def test_comments_wait_for_review_under_pre_moderation(world):
    concept = offered(world, moderation_mode=ModerationMode.PRE)
    comment = comment_on(world, concept, concept.cafe)
    assert db.session.get(ConceptComment, comment.id).moderation_state == ModerationState.PENDING


@pytest.mark.parametrize("phase", ["information", "voting", "results", "none"])
def test_comments_only_in_a_phase_that_allows_comments(world, phase):
    concept = offered(world, phase=phase)
    refusal(lambda: comment_on(world, concept, concept.cafe), PermissionDenied)
    assert count(ConceptComment) == 0


def test_comments_in_the_proposals_phase(world):
    concept = offered(world, phase="proposals")
    comment_on(world, concept, concept.cafe)
    assert count(ConceptComment) == 1


def test_no_comments_when_the_consultation_offers_no_draft(world):
    concept = draft_with_items(world)
    concept.consultation = world.consultation_a
    refusal(lambda: comment_on(world, concept, concept.cafe), PermissionDenied)
    assert count(ConceptComment) == 0


def test_no_comments_once_the_draft_is_published(world):
    concept = offered(world)
    publish(world.coordinator_a, concept.version, date(2026, 3, 1), "")
    db.session.commit()
    refusal(lambda: comment_on(world, concept, concept.cafe), PermissionDenied)
    assert count(ConceptComment) == 0


def test_no_comments_on_items_of_another_version(world):
    first = published_concept(world)
    concept = offered(world)  # a second draft, copied from the first version
    refusal(lambda: comment_on(world, concept, first.cafe))
    assert count(ConceptComment) == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"stance": "undecided"}, "stance"), ({"language": "xx"}, "language")],
)
def test_unknown_stance_or_language_is_refused(world, changes, field):
    concept = offered(world)
    error = refusal(lambda: comment_on(world, concept, concept.cafe, **changes))
    assert error.field == field


def test_the_same_comment_twice_in_a_row_is_refused(world):
    concept = offered(world)
    comment_on(world, concept, concept.cafe)
    error = refusal(lambda: comment_on(world, concept, concept.goal))
    assert error.field == "body"
    assert count(ConceptComment) == 1


def test_blocked_or_unconfirmed_people_do_not_comment(world):
    concept = offered(world)
    for user in (make_user(confirmed=False), make_user(blocked_until=datetime(2099, 1, 1))):
        db.session.commit()
        refusal(
            lambda user=user: comment_on(world, concept, concept.cafe, user=user), PermissionDenied
        )
    assert count(ConceptComment) == 0


def test_an_item_with_comments_is_not_removed(world):
    concept = offered(world)
    comment = comment_on(world, concept, concept.cafe)
    refusal(lambda: remove_item(world.coordinator_a, concept.cafe))
    assert db.session.get(ConceptItem, concept.cafe.id) is not None
    assert db.session.get(ConceptComment, comment.id) is not None


def test_a_goal_whose_measures_have_comments_is_not_removed(world):
    concept = offered(world)
    comment = comment_on(world, concept, concept.cafe)
    refusal(lambda: remove_item(world.coordinator_a, concept.goal))
    assert count(ConceptItem) == 4
    db.session.expire_all()
    assert db.session.get(ConceptComment, comment.id).item_id == concept.cafe.id
    assert count(Contribution) == count(ConceptComment) + 3  # the three proposals


def test_a_measure_with_comments_can_still_be_edited(world):
    concept = offered(world)
    comment_on(world, concept, concept.cafe)
    edit_item(world.coordinator_a, concept.cafe, ItemDetails(title="Sprachcafés auch abends"))
    db.session.commit()
    assert db.session.get(ConceptItem, concept.cafe.id).title == "Sprachcafés auch abends"


# --- putting a draft up for comment -----------------------------------------------------------


def test_a_draft_is_offered_and_withdrawn_in_a_consultation_of_its_region(world):
    concept = draft_with_items(world)
    offer_for_comment(world.coordinator_a, world.consultation_a, concept.version)
    db.session.commit()
    assert world.consultation_a.concept_version_id == concept.version.id
    offer_for_comment(world.coordinator_a, world.consultation_a, None)
    db.session.commit()
    assert world.consultation_a.concept_version_id is None


def test_only_a_draft_can_be_offered(world):
    concept = published_concept(world)
    error = refusal(
        lambda: offer_for_comment(world.coordinator_a, world.consultation_a, concept.version)
    )
    assert error.field == "concept_version"
    assert world.consultation_a.concept_version_id is None


def test_only_a_draft_of_the_same_region_can_be_offered(world):
    draft_b = start_draft(world.coordinator_b, world.b)
    db.session.commit()
    error = refusal(lambda: offer_for_comment(world.administrator, world.consultation_a, draft_b))
    assert error.field == "concept_version"
    assert db.session.get(Consultation, world.consultation_a.id).concept_version_id is None


@pytest.mark.parametrize("who", ["coordinator_b", "moderator_a", "participant"])
def test_only_the_regions_coordination_offers_a_draft(world, who):
    concept = draft_with_items(world)
    refusal(
        lambda: offer_for_comment(getattr(world, who), world.consultation_a, concept.version),
        PermissionDenied,
    )
