"""Membership services: invitations by e-mail, join requests, roles, leaving — and the rule that
an organisation always keeps an admin, also when two admins step down at the same moment."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.core.clock import utcnow_naive
from app.core.errors import DomainError, PermissionDenied
from app.extensions import db
from app.organisations import membership as services
from app.organisations.models import (
    Invitation,
    JoinRequest,
    MemberRole,
    Membership,
    Organisation,
    OrganisationStatus,
    RequestState,
)
from tests import organisation_builders as org_build
from tests.factories import make_region, make_user

ADMIN, MEMBER = MemberRole.ADMIN, MemberRole.MEMBER


@pytest.fixture
def _request(app):
    """Services translate their refusals and build links: they run inside a request."""
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


pytestmark = pytest.mark.usefixtures("_request")


@pytest.fixture
def org():
    """A verified organisation with one admin and one member."""
    admin = make_user(display_name="Ayşe Admin", locale="en")
    member = make_user(display_name="Mehmet Mitglied")
    organisation = org_build.organisation(make_region(), admins=[admin], members=[member])
    db.session.commit()
    return organisation


def admin_of(organisation) -> User:
    return next(m.user for m in organisation.memberships if m.role == ADMIN)


def member_of(organisation) -> User:
    return next(m.user for m in organisation.memberships if m.role == MEMBER)


def membership_of(organisation, user) -> Membership:
    return next(m for m in organisation.memberships if m.user_id == user.id)


def roles(organisation_id: int) -> dict[int, str]:
    rows = db.session.execute(
        select(Membership.user_id, Membership.role).where(
            Membership.organisation_id == organisation_id
        )
    )
    return dict(rows.all())


def invitation_count() -> int:
    return db.session.scalar(select(func.count(Invitation.id)))


# --- invitations ------------------------------------------------------------------------------


def test_invite_stores_an_open_invitation_and_mails_a_link(org, mailbox):
    admin = admin_of(org)
    invitation = services.invite(admin, org, "  Neue.Person@Example.org ", MEMBER)
    db.session.commit()

    stored = db.session.get(Invitation, invitation.id)
    assert (stored.email, stored.role, stored.state) == ("neue.person@example.org", MEMBER, "open")
    assert stored.invited_by_id == admin.id
    (message,) = mailbox.to("neue.person@example.org")
    assert org.name in message["Subject"]
    link = mailbox.last_link("neue.person@example.org", "/organisations/invitations/")
    token = link.rsplit("/", 1)[-1]
    assert services.read_invitation(token).id == invitation.id


def test_the_mail_speaks_the_invitees_language_when_they_have_an_account(org, mailbox):
    make_user(email="leyla@example.org", locale="ar")
    db.session.commit()
    services.invite(admin_of(org), org, "leyla@example.org", MEMBER)
    (message,) = mailbox.to("leyla@example.org")
    html = message.get_body(preferencelist=("html",)).get_content()
    assert '<html lang="ar" dir="rtl">' in html
    assert "منصة المشاركة" in html  # the footer, from the Arabic catalogue


def test_without_an_account_the_mail_speaks_the_inviters_language(org, mailbox):
    services.invite(admin_of(org), org, "noch-kein-konto@example.org", ADMIN)
    (message,) = mailbox.to("noch-kein-konto@example.org")
    html = message.get_body(preferencelist=("html",)).get_content()
    assert '<html lang="en" dir="ltr">' in html
    assert "The participation platform" in html


def test_a_second_open_invitation_to_the_same_address_is_refused(org, mailbox):
    admin = admin_of(org)
    first = services.invite(admin, org, "neu@example.org", MEMBER)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.invite(admin, org, "NEU@example.org", ADMIN)
    assert refused.value.field == "email"
    assert "already waiting" in refused.value.message
    db.session.rollback()
    assert invitation_count() == 1
    assert len(mailbox.to("neu@example.org")) == 1
    # Once the first one is withdrawn, a new invitation may go out.
    services.withdraw_invitation(admin, first)
    services.invite(admin, org, "neu@example.org", ADMIN)
    db.session.commit()
    assert invitation_count() == 2


def test_the_same_address_may_be_invited_by_two_organisations(org):
    other = org_build.organisation(make_region(), name="Zweiter Verein", admins=[make_user()])
    db.session.commit()
    services.invite(admin_of(org), org, "beide@example.org", MEMBER)
    services.invite(admin_of(other), other, "beide@example.org", MEMBER)
    db.session.commit()
    assert invitation_count() == 2


def test_inviting_a_member_is_refused(org, mailbox):
    member = member_of(org)
    with pytest.raises(DomainError) as refused:
        services.invite(admin_of(org), org, member.email.upper(), ADMIN)
    assert refused.value.field == "email"
    assert "already a member" in refused.value.message
    db.session.rollback()
    assert invitation_count() == 0
    assert mailbox.messages() == []


def test_inviting_with_an_unknown_role_is_refused(org):
    with pytest.raises(DomainError) as refused:
        services.invite(admin_of(org), org, "neu@example.org", "owner")
    assert refused.value.field == "role"


@pytest.mark.parametrize("who", ["member", "outsider", "blocked_admin"])
def test_only_unblocked_admins_invite(org, who, mailbox):
    if who == "member":
        user = member_of(org)
    elif who == "outsider":
        user = make_user()
    else:
        user = admin_of(org)
        user.blocked_until = utcnow_naive() + timedelta(days=2)
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.invite(user, org, "neu@example.org", MEMBER)
    db.session.rollback()
    assert invitation_count() == 0
    assert mailbox.messages() == []


def test_a_withdrawn_invitation_cannot_be_withdrawn_again(org):
    admin = admin_of(org)
    invitation = services.invite(admin, org, "neu@example.org", MEMBER)
    services.withdraw_invitation(admin, invitation)
    db.session.commit()
    assert invitation.state == RequestState.WITHDRAWN
    assert invitation.decided_at is not None
    with pytest.raises(DomainError, match="already been answered"):
        services.withdraw_invitation(admin, invitation)


# --- reading the link -------------------------------------------------------------------------


@pytest.fixture
def invitation(org):
    item = services.invite(admin_of(org), org, "eingeladen@example.org", MEMBER)
    db.session.commit()
    return item


def reason(token: str) -> str:
    with pytest.raises(services.InvitationError) as refused:
        services.read_invitation(token)
    return refused.value.reason


def test_a_valid_link_reads_its_invitation(invitation):
    assert services.read_invitation(services.invitation_token(invitation)) is invitation


@pytest.mark.parametrize("tamper", ["flip", "truncate", "garbage"])
def test_a_tampered_link_is_invalid(invitation, tamper):
    token = services.invitation_token(invitation)
    changed = {
        "flip": token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        "truncate": token[:-5],
        "garbage": "not-a-token",
    }[tamper]
    assert reason(changed) == "invalid"


def test_a_link_signed_with_another_key_is_invalid(app, invitation):
    forged = URLSafeTimedSerializer("another key", salt="mitreden-organisation-invitation").dumps(
        {"invitation": invitation.id}
    )
    assert reason(forged) == "invalid"


def test_a_link_to_an_invitation_that_does_not_exist_is_invalid(invitation):
    token = services._serializer().dumps({"invitation": invitation.id + 1000})
    assert reason(token) == "invalid"


def test_a_link_expires_after_fourteen_days(invitation, time_machine):
    token = services.invitation_token(invitation)
    start = datetime.now(UTC)
    time_machine.move_to(start + timedelta(days=13), tick=False)
    assert services.read_invitation(token).id == invitation.id
    time_machine.move_to(start + services.INVITATION_VALID_FOR + timedelta(minutes=1), tick=False)
    assert reason(token) == "expired"


@pytest.mark.parametrize(
    "state", [RequestState.ACCEPTED, RequestState.DECLINED, RequestState.WITHDRAWN]
)
def test_an_answered_or_withdrawn_invitation_is_used(invitation, state):
    invitation.state = state
    db.session.commit()
    assert reason(services.invitation_token(invitation)) == "used"


# --- answering ----------------------------------------------------------------------------------


def test_the_invited_account_accepts_and_becomes_a_member_with_the_invited_role(org):
    invited = make_user(email="eingeladen@example.org")
    db.session.commit()
    invitation = services.invite(admin_of(org), org, "Eingeladen@Example.org", ADMIN)
    db.session.commit()
    membership = services.answer_invitation(invited, invitation, accept=True)
    db.session.commit()
    assert membership.role == ADMIN
    assert roles(org.id)[invited.id] == ADMIN
    stored = db.session.get(Invitation, invitation.id)
    assert stored.state == RequestState.ACCEPTED
    assert stored.decided_at is not None


def test_accepting_closes_the_persons_open_join_request(org):
    invited = make_user(email="eingeladen@example.org")
    request = services.ask_to_join(invited, org, "Ich möchte mitmachen.")
    invitation = services.invite(admin_of(org), org, invited.email, MEMBER)
    db.session.commit()
    services.answer_invitation(invited, invitation, accept=True)
    db.session.commit()
    stored = db.session.get(JoinRequest, request.id)
    assert stored.state == RequestState.ACCEPTED
    assert stored.decided_by_id == invited.id
    assert roles(org.id)[invited.id] == MEMBER


def test_the_invited_account_declines(invitation):
    invited = make_user(email="eingeladen@example.org")
    db.session.commit()
    assert services.answer_invitation(invited, invitation, accept=False) is None
    db.session.commit()
    assert db.session.get(Invitation, invitation.id).state == RequestState.DECLINED
    assert invited.id not in roles(invitation.organisation_id)


@pytest.mark.parametrize("who", ["other_address", "unconfirmed"])
def test_only_the_confirmed_account_with_that_address_may_answer(invitation, who):
    if who == "other_address":
        user = make_user(email="jemand-anderes@example.org")
    else:
        user = make_user(email="eingeladen@example.org", confirmed=False)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.answer_invitation(user, invitation, accept=True)
    assert refused.value.status_code == 403
    assert "another e-mail address" in refused.value.message
    db.session.rollback()
    assert db.session.get(Invitation, invitation.id).state == RequestState.OPEN
    assert user.id not in roles(invitation.organisation_id)


def test_a_blocked_account_cannot_accept_an_invitation(invitation):
    invited = make_user(email="eingeladen@example.org")
    invited.blocked_until = utcnow_naive() + timedelta(days=1)
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.answer_invitation(invited, invitation, accept=True)
    db.session.rollback()
    assert db.session.get(Invitation, invitation.id).state == RequestState.OPEN
    assert invited.id not in roles(invitation.organisation_id)


def test_an_invitation_is_answered_once(invitation):
    invited = make_user(email="eingeladen@example.org")
    db.session.commit()
    services.answer_invitation(invited, invitation, accept=False)
    db.session.commit()
    with pytest.raises(DomainError, match="already been answered"):
        services.answer_invitation(invited, invitation, accept=True)
    db.session.rollback()
    assert invited.id not in roles(invitation.organisation_id)


def test_an_old_invitation_cannot_be_accepted_even_with_a_fresh_link(invitation):
    """The stored creation time counts, not only the signature's age."""
    invited = make_user(email="eingeladen@example.org")
    invitation.created_at = utcnow_naive() - timedelta(days=15)
    db.session.commit()
    fresh_token = services.invitation_token(invitation)
    assert services.read_invitation(fresh_token).id == invitation.id
    with pytest.raises(DomainError, match="expired"):
        services.answer_invitation(invited, invitation, accept=True)
    db.session.rollback()
    assert invited.id not in roles(invitation.organisation_id)


# --- join requests ---------------------------------------------------------------------------


def test_asking_to_join_once(org):
    person = make_user()
    request = services.ask_to_join(person, org, "  Ich helfe gern bei Übersetzungen.  ")
    db.session.commit()
    assert (request.state, request.message) == ("open", "Ich helfe gern bei Übersetzungen.")
    with pytest.raises(DomainError, match="already asked"):
        services.ask_to_join(person, org, "Nochmal")
    db.session.rollback()
    assert db.session.scalar(select(func.count(JoinRequest.id))) == 1
    # After withdrawing, one may ask again.
    services.withdraw_join_request(person, request)
    services.ask_to_join(person, org, "Jetzt aber")
    db.session.commit()
    assert db.session.scalar(select(func.count(JoinRequest.id))) == 2


@pytest.mark.parametrize(
    "status",
    [OrganisationStatus.REQUESTED, OrganisationStatus.DECLINED, OrganisationStatus.SUSPENDED],
)
def test_unverified_organisations_take_no_join_requests(status):
    organisation = org_build.organisation(make_region(), status=status, admins=[make_user()])
    person = make_user()
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.ask_to_join(person, organisation, "")


def test_members_do_not_ask_to_join(org):
    with pytest.raises(PermissionDenied):
        services.ask_to_join(member_of(org), org, "")


def test_only_the_asker_withdraws_a_join_request(org):
    person = make_user()
    request = services.ask_to_join(person, org, "")
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.withdraw_join_request(admin_of(org), request)
    assert refused.value.status_code == 403
    db.session.rollback()
    assert db.session.get(JoinRequest, request.id).state == RequestState.OPEN


@pytest.mark.parametrize("accept", [True, False])
def test_an_admin_decides_a_join_request(org, accept):
    admin, person = admin_of(org), make_user()
    request = services.ask_to_join(person, org, "")
    db.session.commit()
    services.decide_join_request(admin, request, accept)
    db.session.commit()
    stored = db.session.get(JoinRequest, request.id)
    assert stored.state == (RequestState.ACCEPTED if accept else RequestState.DECLINED)
    assert stored.decided_by_id == admin.id
    assert stored.decided_at is not None
    assert roles(org.id).get(person.id) == (MEMBER if accept else None)
    with pytest.raises(DomainError, match="already been answered"):
        services.decide_join_request(admin, stored, not accept)


def test_a_member_cannot_decide_join_requests(org):
    request = services.ask_to_join(make_user(), org, "")
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.decide_join_request(member_of(org), request, True)


# --- roles, removing, leaving, and the last admin --------------------------------------------


def test_an_admin_makes_a_member_admin_and_steps_down_afterwards(org):
    admin, member = admin_of(org), member_of(org)
    services.change_role(admin, org, membership_of(org, member).id, ADMIN)
    db.session.commit()
    services.change_role(admin, org, membership_of(org, admin).id, MEMBER)
    db.session.commit()
    assert roles(org.id) == {admin.id: MEMBER, member.id: ADMIN}


def test_the_last_admin_cannot_step_down(org):
    admin = admin_of(org)
    with pytest.raises(DomainError, match="at least one admin"):
        services.change_role(admin, org, membership_of(org, admin).id, MEMBER)
    db.session.rollback()
    assert roles(org.id)[admin.id] == ADMIN


def test_the_last_admin_cannot_be_removed_or_leave(org):
    admin = admin_of(org)
    with pytest.raises(DomainError, match="at least one admin"):
        services.remove_member(admin, org, membership_of(org, admin).id)
    db.session.rollback()
    with pytest.raises(DomainError, match="at least one admin"):
        services.leave(admin, org)
    db.session.rollback()
    assert roles(org.id)[admin.id] == ADMIN


def test_an_admin_removes_a_member(org):
    admin, member = admin_of(org), member_of(org)
    services.remove_member(admin, org, membership_of(org, member).id)
    db.session.commit()
    assert roles(org.id) == {admin.id: ADMIN}
    assert db.session.get(User, member.id) is not None


def test_a_member_leaves(org):
    admin, member = admin_of(org), member_of(org)
    services.leave(member, org)
    db.session.commit()
    assert roles(org.id) == {admin.id: ADMIN}


def test_an_admin_leaves_when_another_admin_remains(org):
    admin, member = admin_of(org), member_of(org)
    services.change_role(admin, org, membership_of(org, member).id, ADMIN)
    db.session.commit()
    services.leave(admin, org)
    db.session.commit()
    assert roles(org.id) == {member.id: ADMIN}


def test_changing_an_unknown_membership_is_not_found(org):
    other = org_build.organisation(make_region(), name="Anderer Verein", members=[make_user()])
    db.session.commit()
    foreign = other.memberships[0].id
    with pytest.raises(DomainError) as refused:
        services.change_role(admin_of(org), org, foreign, ADMIN)
    assert refused.value.status_code == 404
    db.session.rollback()
    with pytest.raises(DomainError) as refused:
        services.remove_member(admin_of(org), org, foreign)
    assert refused.value.status_code == 404


def test_changing_to_an_unknown_role_is_refused(org):
    with pytest.raises(DomainError) as refused:
        services.change_role(admin_of(org), org, membership_of(org, member_of(org)).id, "owner")
    assert refused.value.field == "role"


def test_members_do_not_change_roles_or_remove_others(org):
    admin, member = admin_of(org), member_of(org)
    with pytest.raises(PermissionDenied):
        services.change_role(member, org, membership_of(org, member).id, ADMIN)
    with pytest.raises(PermissionDenied):
        services.remove_member(member, org, membership_of(org, admin).id)
    db.session.rollback()
    assert roles(org.id) == {admin.id: ADMIN, member.id: MEMBER}


def test_outsiders_cannot_leave(org):
    with pytest.raises(PermissionDenied):
        services.leave(make_user(), org)


# --- two admins step down at the same moment --------------------------------------------------


def step_down_at_once(app, organisation_id: int, user_ids: list[int], how: str):
    """Each admin, in a thread with its own session, steps down (`how`: "change_role" to member,
    or "leave") at the same moment. Returns (successes, refusals, unexpected errors)."""
    barrier = threading.Barrier(len(user_ids))
    successes, refusals, errors = [], [], []

    def worker(user_id: int):
        with app.app_context():
            user = db.session.get(User, user_id)
            organisation = db.session.get(Organisation, organisation_id)
            own = next(m.id for m in organisation.memberships if m.user_id == user_id)
            db.session.commit()  # hand the connection back while waiting for the others
            barrier.wait(timeout=30)
            try:
                if how == "leave":
                    services.leave(user, organisation)
                else:
                    services.change_role(user, organisation, own, MEMBER)
                db.session.commit()
                successes.append(user_id)
            except DomainError:
                db.session.rollback()
                refusals.append(user_id)
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


@pytest.mark.parametrize("how", ["change_role", "leave"])
def test_two_admins_stepping_down_at_once_leave_one_admin(app, how):
    first, second = make_user(), make_user()
    organisation = org_build.organisation(make_region(), admins=[first, second])
    db.session.commit()

    successes, refusals, errors = step_down_at_once(
        app, organisation.id, [first.id, second.id], how
    )

    assert errors == []
    assert len(successes) == 1
    assert len(refusals) == 1
    remaining = roles(organisation.id)
    assert remaining[refusals[0]] == ADMIN
    assert list(remaining.values()).count(ADMIN) == 1
    if how == "leave":
        assert successes[0] not in remaining
    else:
        assert remaining[successes[0]] == MEMBER


# --- the database keeps one open invitation and one open join request --------------------------


def test_the_database_keeps_one_open_invitation_per_address(org):
    def add(state: str) -> None:
        db.session.add(Invitation(organisation=org, email="neu@example.org", state=state))
        db.session.flush()

    add(RequestState.WITHDRAWN)
    add(RequestState.DECLINED)
    add(RequestState.OPEN)
    db.session.commit()
    with pytest.raises(IntegrityError):
        add(RequestState.OPEN)
    db.session.rollback()
    assert invitation_count() == 3


def test_the_database_keeps_one_open_join_request_per_person(org):
    person = make_user()
    db.session.commit()

    def add(state: str) -> None:
        db.session.add(JoinRequest(organisation=org, user=person, state=state))
        db.session.flush()

    add(RequestState.DECLINED)
    add(RequestState.OPEN)
    db.session.commit()
    with pytest.raises(IntegrityError):
        add(RequestState.OPEN)
    db.session.rollback()
    assert db.session.scalar(select(func.count(JoinRequest.id))) == 2


# --- the same invitation or join request twice at the same moment ------------------------------


def at_once(app, count: int, action):
    """Run `action()` in `count` threads with their own sessions, released together. Returns
    (successes, refusals, unexpected errors)."""
    barrier = threading.Barrier(count)
    successes, refusals, errors = [], [], []

    def worker():
        with app.test_request_context("/", headers={"Accept-Language": "en"}):
            prepared = action()
            db.session.commit()  # hand the connection back while waiting for the others
            barrier.wait(timeout=30)
            try:
                prepared()
                db.session.commit()
                successes.append(True)
            except DomainError:
                db.session.rollback()
                refusals.append(True)
            except Exception as error:  # anything else would be a 500
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    db.session.rollback()  # end this thread's snapshot, so it sees what the others wrote
    return len(successes), len(refusals), errors


def test_two_admins_inviting_the_same_address_at_once_make_one_invitation(app, org):
    second_admin = make_user()
    org.memberships.append(Membership(user=second_admin, role=ADMIN))
    db.session.commit()
    admin_ids = iter([admin_of(org).id, second_admin.id])
    organisation_id = org.id

    def prepare():
        user = db.session.get(User, next(admin_ids))
        organisation = db.session.get(Organisation, organisation_id)
        return lambda: services.invite(user, organisation, "begehrt@example.org", MEMBER)

    succeeded, refused, errors = at_once(app, 2, prepare)

    assert errors == []
    assert (succeeded, refused) == (1, 1)
    assert invitation_count() == 1


def test_asking_to_join_twice_at_once_makes_one_request(app, org):
    person = make_user()
    db.session.commit()
    person_id, organisation_id = person.id, org.id

    def prepare():
        user = db.session.get(User, person_id)
        organisation = db.session.get(Organisation, organisation_id)
        return lambda: services.ask_to_join(user, organisation, "Hallo")

    succeeded, refused, errors = at_once(app, 4, prepare)

    assert errors == []
    assert (succeeded, refused) == (1, 3)
    assert db.session.scalar(select(func.count(JoinRequest.id))) == 1


def test_a_join_request_that_loses_the_race_is_refused_not_a_500(org, monkeypatch):
    person = make_user()
    services.ask_to_join(person, org, "Hallo")
    db.session.commit()
    monkeypatch.setattr(services, "_open_join_request", lambda organisation, user: None)
    with pytest.raises(DomainError, match="already asked"):
        services.ask_to_join(person, org, "Nochmal")
    db.session.rollback()  # as apply_change does after a refusal
    assert db.session.scalar(select(func.count(JoinRequest.id))) == 1
