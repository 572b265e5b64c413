"""Organisation services: asking to register, editing, and the verification decisions — including
two coordinators deciding at the same moment."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.accounts.models import User
from app.core.clock import utcnow_naive
from app.core.errors import DomainError, PermissionDenied
from app.extensions import db
from app.organisations import services
from app.organisations.models import (
    MemberRole,
    Membership,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    VerificationDecision,
)
from tests import organisation_builders as org_build
from tests.factories import make_field_of_action, make_region, make_user, make_user_with_role

REQUESTED = OrganisationStatus.REQUESTED
VERIFIED = OrganisationStatus.VERIFIED
DECLINED = OrganisationStatus.DECLINED
SUSPENDED = OrganisationStatus.SUSPENDED


@pytest.fixture
def _request(app):
    """Services translate their refusals: they run inside a request, as in the app."""
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


pytestmark = pytest.mark.usefixtures("_request")


def details(region_ids, **changes) -> services.OrganisationDetails:
    values = {
        "name": "  Kulturverein Brücke e. V. ",
        "kind": OrganisationKind.MIGRANT_ORGANISATION,
        "description": {"de": " Ein Verein in Kassel. ", "tr": "  ", "en": "A club."},
        "website": " https://bruecke.example.org ",
        "contact_email": " Info@Bruecke.Example.org ",
        "region_ids": list(region_ids),
        "field_ids": [],
    }
    values.update(changes)
    return services.OrganisationDetails(**values)


def decisions(org) -> list[tuple[str, int | None, str]]:
    rows = db.session.scalars(
        select(VerificationDecision)
        .where(VerificationDecision.organisation_id == org.id)
        .order_by(VerificationDecision.id)
    )
    return [(row.action, row.decided_by_id, row.reason) for row in rows]


def decision_count() -> int:
    return db.session.scalar(select(func.count(VerificationDecision.id)))


# --- asking to register -------------------------------------------------------------------------


def test_request_makes_the_requester_admin_and_records_the_request():
    region = make_region()
    field = make_field_of_action()
    user = make_user()
    org = services.request_organisation(user, details([region.id], field_ids=[field.id]))
    db.session.commit()

    stored = db.session.get(Organisation, org.id)
    assert stored.status == REQUESTED
    assert stored.name == "Kulturverein Brücke e. V."
    assert stored.search_key == "kulturverein brücke e. v."
    assert stored.description == {"de": "Ein Verein in Kassel.", "en": "A club."}
    assert stored.website == "https://bruecke.example.org"
    assert stored.contact_email == "info@bruecke.example.org"
    assert stored.requested_by_id == user.id
    assert stored.verified_at is None
    assert [r.id for r in stored.regions] == [region.id]
    assert [f.id for f in stored.fields_of_action] == [field.id]
    assert [(m.user_id, m.role) for m in stored.memberships] == [(user.id, MemberRole.ADMIN)]
    assert decisions(stored) == [("request", user.id, "")]
    assert db.session.get(User, user.id).organisation_role(org.id) == MemberRole.ADMIN


@pytest.mark.parametrize("who", ["unconfirmed", "blocked"])
def test_request_refused_for_unconfirmed_and_blocked_accounts(who):
    region = make_region()
    if who == "unconfirmed":
        user = make_user(confirmed=False)
    else:
        user = make_user(blocked_until=utcnow_naive() + timedelta(days=1))
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.request_organisation(user, details([region.id]))
    db.session.rollback()
    assert db.session.scalar(select(func.count(Organisation.id))) == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"region_ids": []}, "regions"),
        ({"region_ids": [987654]}, "regions"),
        ({"kind": "secret_society"}, "kind"),
        ({"field_ids": [987654]}, "fields"),
    ],
)
def test_request_refuses_unknown_choices(changes, field):
    region = make_region()
    user = make_user()
    db.session.commit()
    wanted = details([region.id])
    for name, value in changes.items():
        setattr(wanted, name, value)
    with pytest.raises(DomainError) as refused:
        services.request_organisation(user, wanted)
    assert refused.value.field == field
    db.session.rollback()
    assert db.session.scalar(select(func.count(Organisation.id))) == 0


def test_request_refuses_a_known_and_an_unknown_region_together():
    region = make_region()
    user = make_user()
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.request_organisation(user, details([region.id, 987654]))
    assert refused.value.field == "regions"


def test_request_refuses_inactive_fields_of_action():
    region = make_region()
    field = make_field_of_action()
    field.is_active = False
    user = make_user()
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.request_organisation(user, details([region.id], field_ids=[field.id]))
    assert refused.value.field == "fields"


# --- editing --------------------------------------------------------------------------------------


@pytest.fixture
def verified():
    region, other_region = make_region(), make_region()
    admin = make_user()
    coordinator = make_user_with_role("coordinator", region=region)
    org = org_build.organisation(region, admins=[admin], description={"de": "Alt."})
    db.session.commit()
    return org, admin, coordinator, region, other_region


def same_details(org, **changes) -> services.OrganisationDetails:
    """The organisation's checked details as they are, with `changes`."""
    values = {"name": org.name, "kind": org.kind, **changes}
    return details([r.id for r in org.regions], **values)


def test_admin_of_a_verified_organisation_changes_the_description(verified):
    org, admin, _coordinator, _region, _other = verified
    services.edit_organisation(admin, org, same_details(org, description={"de": "Neu."}))
    db.session.commit()
    stored = db.session.get(Organisation, org.id)
    assert stored.description == {"de": "Neu."}
    assert stored.website == "https://bruecke.example.org"


@pytest.mark.parametrize(
    "change",
    [
        {"name": "Ganz anderer Name"},
        {"kind": OrganisationKind.WELFARE},
        "add_region",
    ],
)
def test_admin_of_a_verified_organisation_cannot_change_name_kind_or_regions(verified, change):
    org, admin, _coordinator, region, other_region = verified
    if change == "add_region":
        wanted = details([region.id, other_region.id], name=org.name, kind=org.kind)
    else:
        wanted = same_details(org, **change)
    with pytest.raises(DomainError) as refused:
        services.edit_organisation(admin, org, wanted)
    assert refused.value.field == "name"
    assert "coordination of its regions" in refused.value.message
    db.session.rollback()
    stored = db.session.get(Organisation, org.id)
    assert stored.name == "Kulturverein Brücke e. V."
    assert stored.kind == OrganisationKind.MIGRANT_ORGANISATION
    assert [r.id for r in stored.regions] == [region.id]
    assert stored.description == {"de": "Alt."}


def test_surrounding_spaces_and_region_order_are_no_change(verified):
    org, admin, _coordinator, region, _other = verified
    wanted = details([region.id, region.id], name=f"  {org.name} ", kind=org.kind)
    services.edit_organisation(admin, org, wanted)
    db.session.commit()
    assert db.session.get(Organisation, org.id).name == "Kulturverein Brücke e. V."


def test_the_coordinator_changes_name_kind_and_regions_of_a_verified_organisation(verified):
    org, _admin, coordinator, region, other_region = verified
    wanted = details(
        [region.id, other_region.id], name="Brücke Kassel", kind=OrganisationKind.ASSOCIATION
    )
    services.edit_organisation(coordinator, org, wanted)
    db.session.commit()
    stored = db.session.get(Organisation, org.id)
    assert stored.name == "Brücke Kassel"
    assert stored.search_key == "brücke kassel"
    assert stored.kind == OrganisationKind.ASSOCIATION
    assert {r.id for r in stored.regions} == {region.id, other_region.id}
    assert stored.status == VERIFIED


def test_admin_of_an_unverified_organisation_corrects_every_detail():
    region, other_region = make_region(), make_region()
    admin = make_user()
    org = org_build.organisation(region, status=DECLINED, admins=[admin])
    db.session.commit()
    wanted = details([other_region.id], name="Neuer Name", kind=OrganisationKind.OTHER)
    services.edit_organisation(admin, org, wanted)
    db.session.commit()
    stored = db.session.get(Organisation, org.id)
    assert (stored.name, stored.kind, [r.id for r in stored.regions]) == (
        "Neuer Name",
        OrganisationKind.OTHER,
        [other_region.id],
    )


def test_a_member_who_is_no_admin_cannot_edit(verified):
    org, _admin, _coordinator, _region, _other = verified
    member = make_user()
    org.memberships.append(Membership(user=member, role=MemberRole.MEMBER))
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.edit_organisation(member, org, same_details(org, description={"de": "X"}))


def test_ask_again_only_after_a_decline(verified):
    org, admin, _coordinator, _region, _other = verified
    with pytest.raises(DomainError, match="Only a declined request"):
        services.ask_again(admin, org)
    db.session.rollback()
    org.status = DECLINED
    db.session.commit()
    services.ask_again(admin, org)
    db.session.commit()
    assert db.session.get(Organisation, org.id).status == REQUESTED
    assert decisions(org) == [("request", admin.id, "")]


# --- verification decisions -------------------------------------------------------------------

# (action, status before) -> status after, or None when the decision is not possible.
TRANSITIONS = {
    ("verify", REQUESTED): VERIFIED,
    ("verify", VERIFIED): None,
    ("verify", DECLINED): None,
    ("verify", SUSPENDED): VERIFIED,
    ("decline", REQUESTED): DECLINED,
    ("decline", VERIFIED): None,
    ("decline", DECLINED): None,
    ("decline", SUSPENDED): None,
    ("suspend", REQUESTED): None,
    ("suspend", VERIFIED): SUSPENDED,
    ("suspend", DECLINED): None,
    ("suspend", SUSPENDED): None,
}


@pytest.fixture
def review():
    region = make_region()
    coordinator = make_user_with_role("coordinator", region=region)
    admin = make_user()
    return region, coordinator, admin


@pytest.mark.parametrize(("action", "before"), sorted(TRANSITIONS))
def test_decision_transitions(review, action, before):
    region, coordinator, admin = review
    org = org_build.organisation(region, status=before, admins=[admin])
    org.verified_at = None
    db.session.commit()
    after = TRANSITIONS[(action, before)]

    if after is None:
        with pytest.raises(DomainError, match="not possible in the organisation's current state"):
            services.decide(coordinator, org, action, "Begründung", before)
        db.session.rollback()
        assert db.session.get(Organisation, org.id).status == before
        assert decisions(org) == []
        return

    services.decide(coordinator, org, action, "  Begründung  ", before)
    db.session.commit()
    stored = db.session.get(Organisation, org.id)
    assert stored.status == after
    assert decisions(stored) == [(action, coordinator.id, "Begründung")]
    assert (stored.verified_at is not None) is (action == "verify")


@pytest.mark.parametrize(("action", "before"), [("decline", REQUESTED), ("suspend", VERIFIED)])
def test_decline_and_suspend_need_a_reason(review, action, before):
    region, coordinator, admin = review
    org = org_build.organisation(region, status=before, admins=[admin])
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.decide(coordinator, org, action, "   ", before)
    assert refused.value.field == "reason"
    db.session.rollback()
    assert db.session.get(Organisation, org.id).status == before
    assert decision_count() == 0


def test_verify_needs_no_reason(review):
    region, coordinator, admin = review
    org = org_build.organisation(region, status=REQUESTED, admins=[admin])
    db.session.commit()
    services.decide(coordinator, org, "verify", "", REQUESTED)
    db.session.commit()
    assert decisions(org) == [("verify", coordinator.id, "")]


def test_an_unknown_decision_is_refused(review):
    region, coordinator, admin = review
    org = org_build.organisation(region, status=REQUESTED, admins=[admin])
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.decide(coordinator, org, "delete", "weg", REQUESTED)
    assert refused.value.field == "action"


def test_a_stale_status_gives_a_conflict_and_records_nothing(review):
    region, coordinator, admin = review
    org = org_build.organisation(region, status=REQUESTED, admins=[admin])
    db.session.commit()
    # Another coordinator declined while this one still saw the request.
    org.status = DECLINED
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.decide(coordinator, org, "verify", "", REQUESTED)
    assert refused.value.status_code == 409
    assert "in the meantime" in refused.value.message
    db.session.rollback()
    assert db.session.get(Organisation, org.id).status == DECLINED
    assert decision_count() == 0


@pytest.mark.parametrize("who", ["coordinator_elsewhere", "moderator", "admin", "participant"])
def test_only_the_regions_coordination_and_administrators_decide(review, who):
    region, _coordinator, admin = review
    org = org_build.organisation(region, status=REQUESTED, admins=[admin])
    user = {
        "coordinator_elsewhere": lambda: make_user_with_role("coordinator"),
        "moderator": lambda: make_user_with_role("moderator", region=region),
        "admin": lambda: admin,
        "participant": make_user,
    }[who]()
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.decide(user, org, "verify", "", REQUESTED)
    db.session.rollback()
    assert db.session.get(Organisation, org.id).status == REQUESTED
    assert decision_count() == 0


def test_an_administrator_decides_anywhere(review):
    region, _coordinator, admin = review
    org = org_build.organisation(region, status=REQUESTED, admins=[admin])
    administrator = make_user_with_role("administrator")
    db.session.commit()
    services.decide(administrator, org, "verify", "", REQUESTED)
    db.session.commit()
    assert db.session.get(Organisation, org.id).status == VERIFIED


def test_the_record_keeps_the_whole_story(review):
    region, coordinator, admin = review
    org = services.request_organisation(admin, details([region.id]))
    db.session.commit()
    services.decide(coordinator, org, "decline", "Bitte Satzung nennen", REQUESTED)
    db.session.commit()
    services.ask_again(admin, org)
    db.session.commit()
    services.decide(coordinator, org, "verify", "", REQUESTED)
    db.session.commit()
    services.decide(coordinator, org, "suspend", "Kein Kontakt mehr", VERIFIED)
    db.session.commit()
    assert decisions(org) == [
        ("request", admin.id, ""),
        ("decline", coordinator.id, "Bitte Satzung nennen"),
        ("request", admin.id, ""),
        ("verify", coordinator.id, ""),
        ("suspend", coordinator.id, "Kein Kontakt mehr"),
    ]


# --- two coordinators at the same moment -----------------------------------------------------


def decide_at_once(app, organisation_id: int, choices: list[tuple[int, str, str]]):
    """Each thread, with its own session, decides (user id, action, reason) on what it saw:
    the request. Returns (successes, conflicts, unexpected errors)."""
    barrier = threading.Barrier(len(choices))
    successes, conflicts, errors = [], [], []

    def worker(user_id: int, action: str, reason: str):
        with app.app_context():
            user = db.session.get(User, user_id)
            org = db.session.get(Organisation, organisation_id)
            db.session.commit()  # hand the connection back while waiting for the others
            barrier.wait(timeout=30)
            try:
                services.decide(user, org, action, reason, REQUESTED)
                db.session.commit()
                successes.append(action)
            except DomainError as error:
                db.session.rollback()
                conflicts.append(error.status_code)
            except Exception as error:  # anything else would be a 500 for the coordinator
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=choice) for choice in choices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    db.session.rollback()  # end this thread's snapshot, so it sees what the others wrote
    return successes, conflicts, errors


def test_two_coordinators_deciding_at_once_make_exactly_one_decision(app):
    region = make_region()
    first = make_user_with_role("coordinator", region=region)
    second = make_user_with_role("coordinator", region=region)
    org = org_build.organisation(region, status=REQUESTED, admins=[make_user()])
    db.session.commit()

    successes, conflicts, errors = decide_at_once(
        app,
        org.id,
        [(first.id, "verify", ""), (second.id, "decline", "Unklar, wer dahinter steht")],
    )

    assert errors == []
    assert len(successes) == 1
    assert conflicts == [409]
    rows = decisions(org)
    assert len(rows) == 1
    action = rows[0][0]
    assert action == successes[0]
    expected_status = VERIFIED if action == "verify" else DECLINED
    assert db.session.get(Organisation, org.id).status == expected_status
