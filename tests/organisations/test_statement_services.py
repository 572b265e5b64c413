"""Statement services: one statement per organisation and consultation (also when two admins
publish at the same moment), who may publish, and edits that keep every earlier version."""

import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.consultations.models import Consultation, ModerationMode
from app.core.errors import DomainError, PermissionDenied
from app.core.models import ModerationState
from app.extensions import db
from app.organisations import statements as services
from app.organisations.models import (
    MemberRole,
    Membership,
    Organisation,
    OrganisationStatus,
    Statement,
    StatementRevision,
)
from tests import organisation_builders as org_build
from tests import participation_builders as build
from tests.factories import make_region, make_user

BODY = "Wir unterstützen die Ziele und schlagen Beratung in mehreren Sprachen vor."


@pytest.fixture
def _request(app):
    """Services translate their refusals: they run inside a request, as in the app."""
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


pytestmark = pytest.mark.usefixtures("_request")


@pytest.fixture
def world():
    region = make_region()
    admin, second_admin, member = make_user(), make_user(), make_user()
    org = org_build.organisation(region, admins=[admin, second_admin], members=[member])
    consultation = build.consultation(region, phase="discussion")
    db.session.commit()
    return org, consultation, admin, second_admin, member


def statement_count() -> int:
    return db.session.scalar(select(func.count(Statement.id)))


def publish(user, consultation, org, title="Unsere Stellungnahme", body=BODY, language="de"):
    return services.publish_statement(user, consultation, org, title, body, language)


# --- publishing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "state"),
    [
        (ModerationMode.POST, ModerationState.PUBLISHED),
        (ModerationMode.PRE, ModerationState.PENDING),
    ],
)
def test_an_admin_publishes_the_statement_of_a_verified_organisation(mode, state):
    region = make_region()
    admin = make_user()
    org = org_build.organisation(region, admins=[admin])
    consultation = build.consultation(region, phase="discussion", moderation_mode=mode)
    db.session.commit()
    statement = publish(admin, consultation, org, "  Unsere Stellungnahme ", f"  {BODY}\n", "tr")
    db.session.commit()

    stored = db.session.get(Statement, statement.id)
    assert stored.kind == "statement"
    assert (stored.title, stored.body, stored.language) == ("Unsere Stellungnahme", BODY, "tr")
    assert stored.author_id == admin.id
    assert stored.organisation_id == org.id
    assert stored.consultation_id == consultation.id
    assert stored.moderation_state == state
    assert stored.revisions == []
    assert services.statement_of(org, consultation).id == statement.id


def test_one_statement_per_organisation_and_consultation(world):
    org, consultation, admin, second_admin, _member = world
    publish(admin, consultation, org)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        publish(second_admin, consultation, org, body="Noch eine ganz andere Meinung dazu.")
    assert refused.value.field == "organisation"
    assert "has already published a statement" in refused.value.message
    db.session.rollback()
    assert statement_count() == 1


def test_other_organisations_and_other_consultations_are_not_affected(world):
    org, consultation, admin, _second_admin, _member = world
    other_admin = make_user()
    other = org_build.organisation(consultation.region, name="Zweiter Verein", admins=[other_admin])
    later = build.consultation(consultation.region, phase="discussion")
    db.session.commit()
    publish(admin, consultation, org)
    publish(other_admin, consultation, other)
    publish(admin, later, org, body="Eine Stellungnahme zum zweiten Verfahren.")
    db.session.commit()
    assert statement_count() == 3


def test_proposals_on_behalf_of_an_organisation_do_not_count_as_its_statement(world):
    """The unique index covers statements only."""
    org, consultation, admin, _second_admin, member = world
    build.proposal(consultation, member, organisation=org)
    build.proposal(consultation, admin, organisation=org)
    db.session.commit()
    publish(admin, consultation, org)
    db.session.commit()
    assert statement_count() == 1


def test_a_member_who_is_no_admin_cannot_publish(world):
    org, consultation, _admin, _second_admin, member = world
    with pytest.raises(PermissionDenied):
        publish(member, consultation, org)
    db.session.rollback()
    assert statement_count() == 0


def test_an_admin_of_another_organisation_cannot_publish_for_this_one(world):
    org, consultation, _admin, _second_admin, _member = world
    stranger = make_user()
    org_build.organisation(consultation.region, name="Zweiter Verein", admins=[stranger])
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        publish(stranger, consultation, org)
    assert refused.value.field == "organisation"
    assert refused.value.status_code == 400
    db.session.rollback()
    assert statement_count() == 0


def test_publishing_needs_an_organisation(world):
    _org, consultation, admin, _second_admin, _member = world
    with pytest.raises(DomainError) as refused:
        publish(admin, consultation, None)
    assert refused.value.field == "organisation"


@pytest.mark.parametrize(
    "status",
    [OrganisationStatus.REQUESTED, OrganisationStatus.DECLINED, OrganisationStatus.SUSPENDED],
)
def test_unverified_organisations_publish_no_statements(world, status):
    org, consultation, admin, _second_admin, _member = world
    org.status = status
    db.session.commit()
    with pytest.raises(PermissionDenied):
        publish(admin, consultation, org)
    # Also not when the admin administers another, verified organisation.
    org_build.organisation(consultation.region, name="Verifizierter Verein", admins=[admin])
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        publish(admin, consultation, org)
    assert refused.value.field == "organisation"
    db.session.rollback()
    assert statement_count() == 0


@pytest.mark.parametrize("phase", ["information", "proposals", "voting", "results", "none"])
def test_statements_belong_to_the_discussion_phase(phase):
    region = make_region()
    admin = make_user()
    org = org_build.organisation(region, admins=[admin])
    consultation = build.consultation(region, phase=phase)
    db.session.commit()
    with pytest.raises(PermissionDenied):
        publish(admin, consultation, org)
    db.session.rollback()
    assert statement_count() == 0


def test_the_same_text_twice_within_minutes_is_refused(world):
    org, consultation, admin, _second_admin, _member = world
    later = build.consultation(consultation.region, phase="discussion")
    db.session.commit()
    publish(admin, consultation, org)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        publish(admin, later, org)
    assert refused.value.field == "body"


def test_a_lost_race_on_the_unique_index_is_a_conflict_not_a_500(world, monkeypatch):
    """When the check finds nothing because the other admin's insert is not committed yet, the
    unique index decides, and the request is rolled back."""
    org, consultation, admin, second_admin, _member = world
    first = publish(admin, consultation, org)
    db.session.commit()
    monkeypatch.setattr(services, "statement_of", lambda organisation, consultation: None)
    with pytest.raises(DomainError) as refused:
        publish(second_admin, consultation, org, body="Unsere andere Sicht auf die Dinge.")
    assert refused.value.status_code == 409
    assert "just published" in refused.value.message
    db.session.rollback()  # as apply_change does after a refusal
    assert statement_count() == 1
    assert db.session.get(Statement, first.id).author_id == admin.id


def test_the_database_refuses_a_second_statement_of_an_organisation(world):
    org, consultation, admin, second_admin, _member = world
    org_build.statement(consultation, org, admin)
    db.session.commit()
    with pytest.raises(IntegrityError):
        org_build.statement(consultation, org, second_admin, title="Zweite")
    db.session.rollback()
    assert statement_count() == 1


def test_organisations_to_publish_for(world):
    org, consultation, admin, _second_admin, member = world
    requested = org_build.organisation(
        consultation.region, name="Antrag e. V.", status="requested", admins=[admin]
    )
    also = org_build.organisation(consultation.region, name="Anderer Verein", admins=[admin])
    db.session.commit()
    assert services.organisations_to_publish_for(admin, consultation) == [also, org]
    assert services.organisations_to_publish_for(member, consultation) == []
    publish(admin, consultation, also)
    db.session.commit()
    assert services.organisations_to_publish_for(admin, consultation) == [org]
    assert requested not in services.organisations_to_publish_for(admin, consultation)


# --- two admins publish at the same moment ------------------------------------------------------


def publish_at_once(app, consultation_id: int, organisation_id: int, user_ids: list[int]):
    barrier = threading.Barrier(len(user_ids))
    successes, refusals, errors = [], [], []

    def worker(user_id: int):
        with app.app_context():
            user = db.session.get(User, user_id)
            consultation = db.session.get(Consultation, consultation_id)
            organisation = db.session.get(Organisation, organisation_id)
            db.session.commit()  # hand the connection back while waiting for the others
            barrier.wait(timeout=30)
            try:
                services.publish_statement(
                    user, consultation, organisation, "Stellungnahme", f"{BODY} ({user_id})", "de"
                )
                db.session.commit()
                successes.append(user_id)
            except DomainError as error:
                db.session.rollback()
                refusals.append(error.status_code)
            except Exception as error:  # anything else would be a 500 for the admin
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(uid,)) for uid in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    db.session.rollback()  # end this thread's snapshot, so it sees what the others wrote
    return successes, refusals, errors


def test_two_admins_publishing_at_once_make_one_statement(app):
    region = make_region()
    admins = [make_user() for _ in range(4)]
    org = org_build.organisation(region, admins=admins)
    consultation = build.consultation(region, phase="discussion")
    db.session.commit()

    successes, refusals, errors = publish_at_once(
        app, consultation.id, org.id, [a.id for a in admins]
    )

    assert errors == []
    assert len(successes) == 1
    assert len(refusals) == 3
    assert set(refusals) <= {400, 409}  # found the other's statement, or lost at the index
    assert statement_count() == 1
    assert services.statement_of(org, consultation).author_id == successes[0]


# --- editing --------------------------------------------------------------------------------------


@pytest.fixture
def published(world):
    org, consultation, admin, second_admin, member = world
    statement = publish(admin, consultation, org, "Erste Fassung", "Der erste Text der Stellung.")
    db.session.commit()
    return statement, admin, second_admin, member


def revisions(statement) -> list[tuple[str, str, str, int | None]]:
    rows = db.session.scalars(
        select(StatementRevision)
        .where(StatementRevision.statement_id == statement.id)
        .order_by(StatementRevision.id)
    )
    return [(r.title, r.body, r.language, r.written_by_id) for r in rows]


def test_an_edit_keeps_the_previous_version_with_who_wrote_it(published):
    statement, admin, second_admin, _member = published
    services.edit_statement(second_admin, statement, " Zweite Fassung ", " Zweiter Text. ", "de", 0)
    db.session.commit()
    stored = db.session.get(Statement, statement.id)
    assert (stored.title, stored.body) == ("Zweite Fassung", "Zweiter Text.")
    assert stored.author_id == admin.id  # the author stays
    assert stored.edited_by_id == second_admin.id
    assert stored.edited_at is not None
    assert revisions(stored) == [("Erste Fassung", "Der erste Text der Stellung.", "de", admin.id)]

    services.edit_statement(admin, stored, "Dritte Fassung", "Dritter Text.", "en", 1)
    db.session.commit()
    assert revisions(stored) == [
        ("Erste Fassung", "Der erste Text der Stellung.", "de", admin.id),
        ("Zweite Fassung", "Zweiter Text.", "de", second_admin.id),
    ]
    assert db.session.get(Statement, statement.id).edited_by_id == admin.id


def test_an_unchanged_save_keeps_no_revision(published):
    statement, admin, _second_admin, _member = published
    services.edit_statement(
        admin, statement, "  Erste Fassung", "Der erste Text der Stellung.  ", "de", 0
    )
    db.session.commit()
    assert revisions(statement) == []
    assert db.session.get(Statement, statement.id).edited_at is None


def test_a_language_correction_alone_is_a_change(published):
    statement, admin, _second_admin, _member = published
    services.edit_statement(
        admin, statement, "Erste Fassung", "Der erste Text der Stellung.", "tr", 0
    )
    db.session.commit()
    assert [r[2] for r in revisions(statement)] == ["de"]
    assert db.session.get(Statement, statement.id).language == "tr"


def test_a_stale_form_gives_a_conflict_and_changes_nothing(published):
    statement, admin, second_admin, _member = published
    services.edit_statement(second_admin, statement, "Zweite Fassung", "Zweiter Text.", "de", 0)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.edit_statement(admin, statement, "Meine Fassung", "Mein Text.", "de", 0)
    assert refused.value.status_code == 409
    db.session.rollback()
    stored = db.session.get(Statement, statement.id)
    assert (stored.title, stored.body) == ("Zweite Fassung", "Zweiter Text.")
    assert len(revisions(stored)) == 1


def test_members_who_are_no_admins_cannot_edit(published):
    statement, _admin, _second_admin, member = published
    with pytest.raises(PermissionDenied):
        services.edit_statement(member, statement, "Andere", "Anderer Text.", "de", 0)


def test_no_edits_after_the_discussion_phase(published):
    statement, admin, _second_admin, _member = published
    consultation = statement.consultation
    discussion = consultation.phase("discussion")
    voting = consultation.phase("voting")
    # Move the schedule back by one phase: voting runs now.
    shift = voting.starts_at - discussion.starts_at
    for phase in consultation.phases:
        phase.starts_at -= shift
        phase.ends_at -= shift
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.edit_statement(admin, statement, "Spät", "Zu spät.", "de", 0)


def test_no_edits_while_the_organisation_is_suspended(published):
    statement, admin, _second_admin, _member = published
    statement.organisation.status = OrganisationStatus.SUSPENDED
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.edit_statement(admin, statement, "Neu", "Neuer Text.", "de", 0)


def test_an_admin_who_joined_later_may_edit(published):
    statement, _admin, _second_admin, _member = published
    newcomer = make_user()
    statement.organisation.memberships.append(Membership(user=newcomer, role=MemberRole.ADMIN))
    db.session.commit()
    services.edit_statement(newcomer, statement, "Neu", "Neuer Text.", "de", 0)
    db.session.commit()
    assert db.session.get(Statement, statement.id).edited_by_id == newcomer.id
