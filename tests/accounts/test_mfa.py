"""The second factor's rules: the code window, replay, enrolment, recovery codes, events."""

import logging
import re
from datetime import UTC, datetime

import pyotp
import pytest
from sqlalchemy.orm.attributes import set_committed_value

from app.accounts import mfa
from app.accounts.models import RecoveryCode, User
from app.core.errors import DomainError, PermissionDenied
from app.core.permissions import can
from app.extensions import db
from tests.factories import enrol_second_factor, make_user, make_user_with_role

# 12:00:10 UTC: ten seconds into a 30-second step, so neighbouring steps are clearly apart.
NOON = datetime(2026, 3, 2, 12, 0, 10, tzinfo=UTC)


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOON, tick=False)
    return int(NOON.timestamp()) // mfa.STEP_SECONDS


@pytest.fixture
def enrolled():
    user = make_user()
    enrol_second_factor(user)
    db.session.commit()
    return user


def code(user, step):
    return mfa.code_at(user.totp_secret, step)


def test_code_of_the_current_and_each_neighbouring_step_is_accepted(enrolled, frozen):
    assert pyotp.TOTP(enrolled.totp_secret).now() == code(enrolled, frozen)
    for step in (frozen - 1, frozen, frozen + 1):
        enrolled.totp_last_step = None
        assert mfa.verify_code(enrolled, code(enrolled, step)) is True
        assert enrolled.totp_last_step == step


def test_codes_two_steps_away_and_malformed_codes_are_refused(enrolled, frozen):
    assert mfa.verify_code(enrolled, code(enrolled, frozen - 2)) is False
    assert mfa.verify_code(enrolled, code(enrolled, frozen + 2)) is False
    for wrong in ("", "12345", "1234567", "abcdef", None):
        assert mfa.verify_code(enrolled, wrong) is False
    assert enrolled.totp_last_step is None


def test_spaces_and_dashes_in_a_code_are_ignored(enrolled, frozen):
    current = code(enrolled, frozen)
    assert mfa.verify_code(enrolled, f" {current[:3]} {current[3:]} ") is True


def test_a_code_is_accepted_once(enrolled, frozen):
    current = code(enrolled, frozen)
    assert mfa.verify_code(enrolled, current) is True
    db.session.commit()
    assert mfa.verify_code(enrolled, current) is False
    # An older step is refused after a newer one, even inside the window.
    assert mfa.verify_code(enrolled, code(enrolled, frozen - 1)) is False
    # The next step's code still works.
    assert mfa.verify_code(enrolled, code(enrolled, frozen + 1)) is True
    db.session.commit()
    assert db.session.get(User, enrolled.id).totp_last_step == frozen + 1


def test_a_step_claimed_meanwhile_by_another_request_is_refused(enrolled, frozen):
    # Another request accepted the same code a moment ago: this object has not seen it.
    db.session.execute(db.update(User).where(User.id == enrolled.id).values(totp_last_step=frozen))
    db.session.commit()
    set_committed_value(enrolled, "totp_last_step", None)  # what this request loaded before
    assert mfa.verify_code(enrolled, code(enrolled, frozen)) is False
    assert enrolled.totp_last_step == frozen


def test_a_user_without_an_active_second_factor_has_no_valid_code(frozen):
    user = make_user(totp_secret=mfa.new_secret())  # set up but never confirmed
    assert not user.has_mfa
    assert mfa.verify_code(user, mfa.code_at(user.totp_secret, frozen)) is False


def test_enrolment_becomes_active_only_with_a_valid_first_code(app, frozen, caplog):
    user = make_user()
    secret = mfa.new_secret()
    with app.test_request_context(), caplog.at_level(logging.INFO, "mitreden.security"):
        with pytest.raises(DomainError) as refused:
            mfa.confirm_enrolment(user, secret, mfa.code_at(secret, frozen + 3))
        assert refused.value.field == "code"
        assert not user.has_mfa and user.totp_secret is None

        codes = mfa.confirm_enrolment(user, secret, mfa.code_at(secret, frozen))
    assert user.has_mfa and user.totp_secret == secret
    # The confirming code cannot be used again to log in.
    assert mfa.verify_code(user, mfa.code_at(secret, frozen)) is False
    assert len(codes) == mfa.RECOVERY_CODE_COUNT == 10
    assert len(set(codes)) == 10
    assert all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", c) for c in codes)
    events = [record.getMessage() for record in caplog.records]
    assert any(e.startswith("mfa.failed ") and f"user={user.id}" in e for e in events)
    assert any(e.startswith("mfa.enabled ") and f"user={user.id}" in e for e in events)
    for event in events:
        assert secret not in event
        assert mfa.code_at(secret, frozen) not in event


def test_recovery_codes_are_stored_hashed(app, enrolled):
    with app.test_request_context():
        codes = mfa.issue_recovery_codes(enrolled)
    stored = db.session.scalars(
        db.select(RecoveryCode.code_hash).where(RecoveryCode.user_id == enrolled.id)
    ).all()
    assert len(stored) == 10
    assert all(h.startswith("$argon2id$") for h in stored)
    plain = {mfa.normalise_recovery_code(c) for c in codes} | set(codes)
    assert not plain & set(stored)
    assert not any(c.replace("-", "") in h for c in codes for h in stored)


def test_a_recovery_code_works_once(app, enrolled, caplog):
    with app.test_request_context(), caplog.at_level(logging.INFO, "mitreden.security"):
        codes = mfa.issue_recovery_codes(enrolled)
        db.session.commit()
        assert mfa.use_recovery_code(enrolled, codes[3].upper().replace("-", " ")) is True
        db.session.commit()
        assert mfa.use_recovery_code(enrolled, codes[3]) is False
        assert mfa.use_recovery_code(enrolled, "aaaaa-bbbbb") is False
        assert mfa.use_recovery_code(enrolled, codes[4]) is True
    assert mfa.unused_recovery_codes(enrolled) == 8
    used = db.session.scalars(
        db.select(RecoveryCode).where(RecoveryCode.used_at.is_not(None))
    ).all()
    assert len(used) == 2
    events = [r.getMessage() for r in caplog.records if r.getMessage().startswith("mfa.")]
    assert [e.split()[0] for e in events] == ["mfa.recovery_used", "mfa.recovery_used"]
    assert "left=9" in events[0] and "left=8" in events[1]
    assert not any(codes[3] in e or codes[4] in e for e in events)


def test_new_recovery_codes_replace_the_old_ones_and_need_a_code(app, enrolled, frozen):
    with app.test_request_context():
        old = mfa.issue_recovery_codes(enrolled)
        with pytest.raises(DomainError):
            mfa.renew_recovery_codes(enrolled, "000000")
        new = mfa.renew_recovery_codes(enrolled, code(enrolled, frozen))
        assert mfa.use_recovery_code(enrolled, old[0]) is False
        assert mfa.use_recovery_code(enrolled, new[0]) is True
    assert db.session.scalar(db.select(db.func.count(RecoveryCode.id))) == 10


def test_participants_may_turn_it_off_staff_may_not(app, frozen, caplog):
    participant = make_user()
    enrol_second_factor(participant)
    coordinator = make_user_with_role("coordinator")
    enrol_second_factor(coordinator)
    with app.test_request_context(), caplog.at_level(logging.INFO, "mitreden.security"):
        mfa.issue_recovery_codes(participant)
        with pytest.raises(PermissionDenied):
            mfa.disable(coordinator, code(coordinator, frozen))
        with pytest.raises(DomainError):
            mfa.disable(participant, "123456")
        mfa.disable(participant, code(participant, frozen))
    assert not participant.has_mfa and participant.totp_secret is None
    assert participant.totp_last_step is None
    assert db.session.scalar(db.select(db.func.count(RecoveryCode.id))) == 0
    assert coordinator.has_mfa
    assert any(r.getMessage().startswith("mfa.disabled ") for r in caplog.records)


def test_only_administrators_reset_and_the_person_is_logged_out(app, caplog):
    admin = make_user_with_role("administrator")
    coordinator = make_user_with_role("coordinator")
    enrol_second_factor(coordinator)
    token = coordinator.session_token
    with app.test_request_context(), caplog.at_level(logging.INFO, "mitreden.security"):
        mfa.issue_recovery_codes(coordinator)
        with pytest.raises(PermissionDenied):
            mfa.reset(make_user_with_role("coordinator"), coordinator)
        mfa.reset(admin, coordinator)
    assert not coordinator.has_mfa
    assert coordinator.session_token != token
    assert db.session.scalar(db.select(db.func.count(RecoveryCode.id))) == 0
    (event,) = [r.getMessage() for r in caplog.records if r.getMessage().startswith("mfa.")]
    assert event.startswith("mfa.reset ")
    assert f"actor={admin.id}" in event and f"user={coordinator.id}" in event


def test_the_qr_code_is_an_accessible_svg_of_the_provisioning_uri(enrolled):
    uri = mfa.provisioning_uri("zeynep@example.org", enrolled.totp_secret)
    assert uri.startswith("otpauth://totp/Mitreden:zeynep%40example.org?")
    assert f"secret={enrolled.totp_secret}" in uri and "issuer=Mitreden" in uri
    svg = str(mfa.qr_code_svg(uri, 'QR "code"'))
    assert svg.startswith('<svg role="img" aria-label="QR &#34;code&#34;" ')
    assert "<script" not in svg and "style=" not in svg
    assert pyotp.parse_uri(uri).secret == enrolled.totp_secret


def test_the_secret_is_shown_in_groups_of_four():
    assert mfa.grouped_secret("ABCDEFGHIJKLMNOP") == "ABCD EFGH IJKL MNOP"
    assert len(mfa.new_secret()) == 32


@pytest.mark.parametrize(
    ("role", "may_turn_off"),
    [("participant", True), ("moderator", False), ("coordinator", False), ("administrator", False)],
)
def test_everyone_manages_their_own_second_factor_only_participants_turn_it_off(role, may_turn_off):
    user = make_user_with_role(role)
    other = make_user()
    assert can(user, "mfa.manage", user) is True
    assert can(user, "mfa.manage", other) is False
    assert can(user, "mfa.disable", user) is may_turn_off
    assert can(user, "mfa.disable", other) is False
    assert can(user, "mfa.required", user) is not may_turn_off
