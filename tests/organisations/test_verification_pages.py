"""Verifying organisations: who may decide, reasons, conflicts, the queue and the record."""

import re

import pytest

from app.accounts.models import RoleAssignment
from app.extensions import db
from app.organisations.models import (
    Organisation,
    OrganisationStatus,
    VerificationDecision,
)
from tests import organisation_builders as org_build
from tests.conftest import log_in, post_form
from tests.factories import make_region, make_user


@pytest.fixture
def regions(app):
    kassel = make_region("kassel", de="Kassel", en="Kassel")
    fulda = make_region("fulda", de="Fulda", en="Fulda")
    db.session.commit()
    return kassel, fulda


@pytest.fixture
def requested(regions):
    kassel, _ = regions
    admin = make_user(locale="en")
    org = org_build.organisation(
        kassel, name="Eritreischer Verein", status=OrganisationStatus.REQUESTED, admins=[admin]
    )
    db.session.commit()
    return org


def coordinator_of(region):
    user = make_user(locale="en")
    db.session.add(RoleAssignment(user=user, role="coordinator", region=region))
    db.session.commit()
    return user


def review_url(org) -> str:
    return f"/organisations/{org.id}/review"


def decide(client, org, action: str, reason: str = "", seen: str | None = None):
    return post_form(
        client,
        review_url(org),
        {"action": action, "reason": reason, "seen_status": seen or org.status},
    )


def state_of(org) -> tuple[str, list[str]]:
    db.session.expire_all()
    fresh = db.session.get(Organisation, org.id)
    return fresh.status, [d.action for d in fresh.decisions]


def test_coordinator_of_the_region_verifies(client, regions, requested):
    kassel, _ = regions
    coordinator = coordinator_of(kassel)
    log_in(client, coordinator)
    page = client.get(review_url(requested)).get_data(as_text=True)
    assert "Eritreischer Verein" in page
    assert 'value="verify"' in page and 'value="decline"' in page
    assert 'value="suspend"' not in page
    assert 'name="seen_status" type="hidden" value="requested"' in page
    response = decide(client, requested, "verify")
    assert response.status_code == 302
    status, actions = state_of(requested)
    assert status == OrganisationStatus.VERIFIED
    assert actions == ["verify"]
    decision = db.session.scalar(db.select(VerificationDecision))
    assert decision.decided_by_id == coordinator.id
    assert db.session.get(Organisation, requested.id).verified_at is not None
    # Now listed in the directory.
    assert "Eritreischer Verein" in client.get("/organisations/").get_data(as_text=True)


def test_coordinator_of_another_region_gets_403_and_nothing_changes(client, regions, requested):
    _, fulda = regions
    log_in(client, coordinator_of(fulda))
    assert client.get(review_url(requested)).status_code == 403
    assert decide(client, requested, "verify").status_code == 403
    assert state_of(requested) == (OrganisationStatus.REQUESTED, [])


def test_participant_gets_403(client, requested):
    log_in(client, make_user())
    db.session.commit()
    assert client.get(review_url(requested)).status_code == 403
    assert decide(client, requested, "verify").status_code == 403
    assert client.get("/organisations/review").status_code == 403
    assert state_of(requested) == (OrganisationStatus.REQUESTED, [])


def test_the_organisations_own_admin_cannot_verify_it(client, requested):
    admin = requested.admins[0].user
    log_in(client, admin)
    assert decide(client, requested, "verify").status_code == 403
    assert state_of(requested)[0] == OrganisationStatus.REQUESTED


def test_administrator_may_decide_anywhere(client, requested):
    admin = make_user(is_administrator=True, locale="en")
    db.session.commit()
    log_in(client, admin)
    assert decide(client, requested, "verify").status_code == 302
    assert state_of(requested) == (OrganisationStatus.VERIFIED, ["verify"])


def test_anonymous_is_sent_to_login(client, requested):
    response = client.get(review_url(requested))
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]


def test_decline_needs_a_reason_and_keeps_the_typed_text(client, regions, requested):
    kassel, _ = regions
    log_in(client, coordinator_of(kassel))
    response = decide(client, requested, "decline", reason="   ")
    assert response.status_code == 400
    assert "Please give the reason" in response.get_data(as_text=True)
    assert state_of(requested) == (OrganisationStatus.REQUESTED, [])

    response = post_form(
        client,
        review_url(requested),
        {"action": "decline", "reason": "", "seen_status": "requested"},
    )
    assert "Please give the reason" in response.get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="decline"', response.get_data(as_text=True))

    response = decide(client, requested, "decline", reason="Kein Bezug zur Region erkennbar.")
    assert response.status_code == 302
    status, actions = state_of(requested)
    assert (status, actions) == (OrganisationStatus.DECLINED, ["decline"])
    decision = db.session.scalar(db.select(VerificationDecision))
    assert decision.reason == "Kein Bezug zur Region erkennbar."


def test_reason_text_is_kept_when_the_decision_is_refused(client, regions, requested):
    kassel, _ = regions
    log_in(client, coordinator_of(kassel))
    response = decide(client, requested, "", reason="Mein sorgfältig getippter Grund")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Please choose a decision from the list." in page
    assert "Mein sorgfältig getippter Grund</textarea>" in page


def test_suspend_needs_a_reason_too(client, regions):
    kassel, _ = regions
    org = org_build.organisation(kassel)
    db.session.commit()
    log_in(client, coordinator_of(kassel))
    page = client.get(review_url(org)).get_data(as_text=True)
    assert 'value="suspend"' in page and 'value="decline"' not in page
    assert decide(client, org, "suspend").status_code == 400
    assert state_of(org) == (OrganisationStatus.VERIFIED, [])
    assert decide(client, org, "suspend", reason="Verein aufgelöst.").status_code == 302
    assert state_of(org) == (OrganisationStatus.SUSPENDED, ["suspend"])


def test_stale_seen_status_gives_409_and_changes_nothing(client, regions, requested):
    kassel, _ = regions
    first = coordinator_of(kassel)
    second = coordinator_of(kassel)
    log_in(client, first)
    assert decide(client, requested, "decline", reason="Unklar.").status_code == 302
    log_in(client, second)
    # The second coordinator opened the form while the request was still waiting.
    response = decide(client, requested, "verify", seen="requested")
    assert response.status_code == 409
    assert "Someone else decided about this organisation" in response.get_data(as_text=True)
    assert state_of(requested) == (OrganisationStatus.DECLINED, ["decline"])


def test_decision_history_is_shown(client, regions, requested):
    kassel, _ = regions
    coordinator = coordinator_of(kassel)
    log_in(client, coordinator)
    decide(client, requested, "decline", reason="Bitte Satzung beifügen.")
    page = client.get(review_url(requested)).get_data(as_text=True)
    assert "Declined" in page
    assert "Bitte Satzung beifügen." in page
    assert coordinator.display_name in page
    assert "No decision is possible now" in page


def test_queue_lists_requests_in_the_coordinators_regions_oldest_first(client, regions):
    from datetime import timedelta

    from app.core.clock import utcnow_naive

    kassel, fulda = regions
    newer = org_build.organisation(kassel, name="Neuer Verein", status="requested")
    older = org_build.organisation(kassel, name="Alter Verein", status="requested")
    older.created_at = utcnow_naive() - timedelta(days=3)
    org_build.organisation(fulda, name="Verein in Fulda", status="requested")
    org_build.organisation(kassel, name="Schon geprüft")
    db.session.commit()
    log_in(client, coordinator_of(kassel))
    page = client.get("/organisations/review").get_data(as_text=True)
    assert "Verein in Fulda" not in page
    assert "Schon geprüft" not in page
    assert page.index("Alter Verein") < page.index("Neuer Verein")
    assert newer.name in page


def test_queue_shows_recently_decided(client, regions, requested):
    kassel, _ = regions
    log_in(client, coordinator_of(kassel))
    decide(client, requested, "verify")
    waiting = client.get("/organisations/review").get_data(as_text=True)
    assert "No organisation is waiting for verification." in waiting
    decided = client.get("/organisations/review?view=decided").get_data(as_text=True)
    assert "Eritreischer Verein" in decided and "Verified" in decided


def test_administrator_sees_every_request(client, regions, requested):
    _, fulda = regions
    org_build.organisation(fulda, name="Verein in Fulda", status="requested")
    db.session.commit()
    log_in(client, make_user(is_administrator=True))
    db.session.commit()
    page = client.get("/organisations/review").get_data(as_text=True)
    assert "Verein in Fulda" in page and "Eritreischer Verein" in page


def test_staff_find_the_queue(client, regions):
    kassel, _ = regions
    log_in(client, coordinator_of(kassel))
    page = client.get("/moderation/").get_data(as_text=True)
    assert 'href="/organisations/review"' in page


def test_ask_again_then_verify_records_every_step(client, regions):
    kassel, _ = regions
    admin = make_user()
    org = org_build.organisation(kassel, status="requested", admins=[admin])
    db.session.commit()
    coordinator = coordinator_of(kassel)
    log_in(client, coordinator)
    decide(client, org, "decline", reason="Website fehlt.")
    log_in(client, admin)
    post_form(client, f"/organisations/{org.id}/ask-again")
    log_in(client, coordinator)
    decide(client, org, "verify")
    assert state_of(org) == (OrganisationStatus.VERIFIED, ["decline", "request", "verify"])
