"""Two-step login through the pages: set-up, login with a code or a recovery code, the pending
state, enforcement for staff, turning off, remember-me sessions, the administrator's reset."""

import logging
import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest

from app.accounts import mfa
from app.accounts.models import RecoveryCode, User
from app.comments.models import Comment
from app.core.models import ModerationState
from app.extensions import db
from tests import participation_builders as build
from tests.conftest import csrf_token, log_in
from tests.factories import (
    PASSWORD,
    enrol_second_factor,
    make_region,
    make_user,
    make_user_with_role,
)

EN = {"Accept-Language": "en"}
PAGE_THAT_ALWAYS_OPENS = "/privacy"
WRONG_CODE = "This code is not correct. Please enter the code your app shows now."


def now_code(user: User) -> str:
    """A code the server accepts now: the current step, or the next one if that was used."""
    db.session.refresh(user)
    step = mfa.current_step()
    if user.totp_last_step is not None and user.totp_last_step >= step:
        step = user.totp_last_step + 1
    return mfa.code_at(user.totp_secret, step)


def post(client, path, data=None, token_from=PAGE_THAT_ALWAYS_OPENS, **kwargs):
    """POST with the session's CSRF token, read from a page that always opens."""
    payload = {"csrf_token": csrf_token(client, token_from), **(data or {})}
    return client.post(path, data=payload, **kwargs)


def password_step(client, user, **extra):
    path = extra.pop("path", "/account/login")
    return post(client, path, {"email": user.email, "password": PASSWORD, **extra}, headers=EN)


def session_without_second_factor(client, user) -> None:
    """Signed in, but the session has not passed a second factor (e.g. one from before)."""
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


def is_signed_in(client) -> bool:
    return client.get("/account/").status_code == 200


@pytest.fixture
def participant():
    user = make_user(email="zeynep@example.org", display_name="Zeynep", locale="en")
    db.session.commit()
    return user


@pytest.fixture
def enrolled(participant):
    enrol_second_factor(participant)
    db.session.commit()
    return participant


# --- Set-up ---------------------------------------------------------------------------------


def test_participant_sets_up_two_step_login(client, participant, mailbox):
    log_in(client, participant)
    page = client.get("/account/two-step/setup", headers=EN)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert re.search(r'<svg role="img" aria-label="QR code for your authenticator app[^"]*"', html)
    shown = re.search(r'<code id="mfa-secret" dir="ltr">([A-Z2-7 ]+)</code>', html).group(1)
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", shown)
    secret = shown.replace(" ", "")
    with client.session_transaction() as session:
        # The cookie holds only a nonce: the secret itself never travels in it.
        nonce = session[mfa.ENROLMENT_KEY]
        assert nonce and secret not in str(dict(session))
    # Showing the page again keeps the same secret; nothing is stored yet.
    assert shown in client.get("/account/two-step/setup").get_data(as_text=True)
    db.session.refresh(participant)
    assert participant.totp_secret is None and not participant.has_mfa

    wrong = post(client, "/account/two-step/setup", {"code": "000000"}, headers=EN)
    assert wrong.status_code == 400
    assert WRONG_CODE in wrong.get_data(as_text=True)
    db.session.refresh(participant)
    assert not participant.has_mfa

    code = mfa.code_at(secret, mfa.current_step())
    done = post(client, "/account/two-step/setup", {"code": code}, headers=EN)
    html = done.get_data(as_text=True)
    assert done.status_code == 200
    assert done.headers["Cache-Control"] == "no-store"
    assert "Two-step login is now turned on." in html
    codes = re.findall(r'<code dir="ltr">([a-z2-9]{5}-[a-z2-9]{5})</code>', html)
    assert len(set(codes)) == 10
    db.session.refresh(participant)
    assert participant.has_mfa and participant.totp_secret == secret
    assert db.session.scalar(db.select(db.func.count(RecoveryCode.id))) == 10
    with client.session_transaction() as session:
        assert mfa.ENROLMENT_KEY not in session
        assert session[mfa.SECOND_FACTOR_PASSED] == participant.id
    # The session goes on; the set-up page now leads to the settings.
    assert is_signed_in(client)
    assert client.get("/account/two-step/setup").headers["Location"] == "/account/two-step"
    settings = client.get("/account/two-step", headers=EN).get_data(as_text=True)
    assert "10 of your recovery codes are still unused." in settings
    # The person is told by mail, without the secret or any code.
    (mail,) = mailbox.to("zeynep@example.org")
    assert mail["Subject"] == "Your two-step login has changed"
    body = mailbox.text(mail)
    assert "Two-step login has been turned on for your Mitreden account." in body
    assert "/account/password" in body
    assert secret not in body and not any(c in body for c in codes)


def shown_secret(client) -> str:
    """The secret the set-up page shows for typing it in by hand."""
    page = client.get("/account/two-step/setup").get_data(as_text=True)
    return re.search(r'<code id="mfa-secret" dir="ltr">([A-Z2-7 ]+)</code>', page)[1].replace(
        " ", ""
    )


def test_the_profile_links_to_the_two_step_page(client, participant):
    log_in(client, participant)
    page = client.get("/account/", headers=EN).get_data(as_text=True)
    assert 'href="/account/two-step">Two-step login</a> (off)' in page


def test_set_up_needs_a_csrf_token(client, participant):
    log_in(client, participant)
    secret = shown_secret(client)
    response = client.post(
        "/account/two-step/setup", data={"code": mfa.code_at(secret, mfa.current_step())}
    )
    assert response.status_code == 400
    db.session.refresh(participant)
    assert not participant.has_mfa


# --- Logging in -----------------------------------------------------------------------------


def test_login_with_a_code(client, enrolled):
    token = enrolled.session_token
    response = password_step(client, enrolled, path="/account/login?next=/account/two-step")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/login/code"
    # Not logged in yet.
    assert not is_signed_in(client)
    page = client.get("/account/login/code", headers=EN)
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in page.get_data(as_text=True)

    done = post(client, "/account/login/code", {"code": now_code(enrolled)}, headers=EN)
    assert done.status_code == 302
    assert done.headers["Location"] == "/account/two-step"
    assert is_signed_in(client)
    db.session.refresh(enrolled)
    assert enrolled.session_token != token
    with client.session_transaction() as session:
        assert session[mfa.SECOND_FACTOR_PASSED] == enrolled.id
        assert mfa.PENDING_LOGIN not in session


def test_a_wrong_code_is_refused_with_a_message_and_logged(client, enrolled, caplog):
    password_step(client, enrolled)
    with caplog.at_level(logging.INFO, "mitreden.security"):
        response = post(client, "/account/login/code", {"code": "000000"}, headers=EN)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert WRONG_CODE in html
    assert 'aria-invalid="true"' in html
    assert 'value="000000"' not in html
    assert not is_signed_in(client)
    events = [r.getMessage() for r in caplog.records]
    assert any(e.startswith(f"mfa.failed user={enrolled.id} purpose=login") for e in events)
    assert not any("000000" in e for e in events)
    # A malformed code gets its own message.
    malformed = post(client, "/account/login/code", {"code": "12ab"}, headers=EN)
    assert "Please enter the 6 digits your app shows." in malformed.get_data(as_text=True)


def test_the_errors_are_translated(client, enrolled):
    password_step(client, enrolled)
    response = post(client, "/account/login/code", {"code": ""}, headers={"Accept-Language": "ar"})
    html = response.get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in html
    assert "يرجى ملء هذا الحقل." in html


def test_a_used_code_cannot_log_in_again(app, client, enrolled):
    code = now_code(enrolled)
    password_step(client, enrolled)
    post(client, "/account/login/code", {"code": code})
    assert is_signed_in(client)

    other = app.test_client()
    password_step(other, enrolled)
    replay = post(other, "/account/login/code", {"code": code}, headers=EN)
    assert WRONG_CODE in replay.get_data(as_text=True)
    assert not is_signed_in(other)


def test_login_with_a_recovery_code(client, app, enrolled):
    with app.test_request_context():
        codes = mfa.issue_recovery_codes(enrolled)
    db.session.commit()
    password_step(client, enrolled)
    page = client.get("/account/login/code", headers=EN).get_data(as_text=True)
    assert 'href="/account/login/recovery"' in page

    wrong = post(client, "/account/login/recovery", {"recovery_code": "aaaaa-bbbbb"}, headers=EN)
    assert "This recovery code is not correct or was already used." in wrong.get_data(as_text=True)
    done = post(client, "/account/login/recovery", {"recovery_code": codes[0]}, headers=EN)
    assert done.status_code == 302
    start = client.get("/", headers=EN).get_data(as_text=True)
    assert "You used a recovery code. 9 codes are left." in start
    assert is_signed_in(client)
    assert mfa.unused_recovery_codes(enrolled) == 9

    # The same code does not work a second time.
    other = app.test_client()
    password_step(other, enrolled)
    again = post(other, "/account/login/recovery", {"recovery_code": codes[0]})
    assert again.status_code == 200
    assert not is_signed_in(other)


def test_the_pending_login_expires_after_five_minutes(client, enrolled, time_machine):
    time_machine.move_to(datetime.now(UTC), tick=False)
    password_step(client, enrolled)
    time_machine.shift(timedelta(minutes=5, seconds=5))
    response = post(client, "/account/login/code", {"code": now_code(enrolled)}, headers=EN)
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/login"
    assert "Your login has expired. Please log in again." in client.get(
        "/account/login", headers=EN
    ).get_data(as_text=True)
    assert not is_signed_in(client)


def test_the_pending_login_ends_after_five_wrong_codes(client, enrolled):
    password_step(client, enrolled)
    for _attempt in range(4):
        assert post(client, "/account/login/code", {"code": "000000"}).status_code == 200
    fifth = post(client, "/account/login/code", {"code": "000000"}, headers=EN)
    assert fifth.headers["Location"] == "/account/login"
    right = post(client, "/account/login/code", {"code": now_code(enrolled)})
    assert right.headers["Location"] == "/account/login"
    assert not is_signed_in(client)


def test_the_second_step_is_rate_limited(client, enrolled):
    password_step(client, enrolled)
    statuses = [
        post(client, "/account/login/code", {"code": "000000"}).status_code for _ in range(11)
    ]
    # Five wrong codes end the pending login; the limit counts every submission.
    assert statuses[:4] == [200] * 4 and statuses[4:10] == [302] * 6
    assert statuses[10] == 429


def test_the_code_page_without_a_pending_login_leads_to_the_login(client):
    response = client.get("/account/login/code")
    assert response.headers["Location"] == "/account/login"
    assert client.get("/account/login/recovery").headers["Location"] == "/account/login"


def test_the_code_step_needs_a_csrf_token(client, enrolled):
    password_step(client, enrolled)
    response = client.post("/account/login/code", data={"code": now_code(enrolled)})
    assert response.status_code == 400
    assert not is_signed_in(client)


def test_participant_without_second_factor_logs_in_with_the_password_alone(client, participant):
    response = password_step(client, participant)
    assert response.headers["Location"] == "/"
    assert is_signed_in(client)
    assert client.get("/consultations/").status_code == 200


def test_a_remembered_session_asks_for_the_code(app, client, enrolled):
    password_step(client, enrolled, remember="y")
    post(client, "/account/login/code", {"code": now_code(enrolled)})
    remember = client.get_cookie(app.config["REMEMBER_COOKIE_NAME"])
    assert remember is not None

    # A new browser session with only the remember-me cookie.
    later = app.test_client()
    later.set_cookie(app.config["REMEMBER_COOKIE_NAME"], remember.value)
    response = later.get("/account/?tab=x")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/login/code?next=/account/?tab%3Dx"
    page = later.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert 'action="/account/login/code?next=' in page
    assert later.get("/consultations/").status_code == 302
    # JSON clients get a refusal instead of a redirect.
    assert later.get("/consultations/", headers={"Accept": "application/json"}).status_code == 403

    done = post(
        later,
        "/account/login/code?next=/account/two-step",
        {"code": now_code(enrolled)},
        token_from="/privacy",
    )
    assert done.headers["Location"] == "/account/two-step"
    assert later.get("/consultations/").status_code == 200


# --- Staff ----------------------------------------------------------------------------------


@pytest.fixture
def moderator():
    region = make_region()
    user = make_user_with_role("moderator", region=region, email="mod@example.org", locale="en")
    db.session.commit()
    return user


ALLOWED = ["/privacy", "/imprint", "/accessibility", "/account/two-step/setup"]
CLOSED = ["/", "/account/", "/moderation/", "/consultations/", "/account/two-step", "/regions/"]


def test_staff_without_a_second_factor_is_sent_to_set_it_up(client, moderator):
    session_without_second_factor(client, moderator)
    first = client.get("/moderation/", headers=EN)
    notice = client.get(first.headers["Location"], headers=EN).get_data(as_text=True)
    assert "Staff accounts need two-step login." in notice
    assert "required for staff accounts" in notice
    for path in CLOSED:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"] == "/account/two-step/setup", path
    for path in ALLOWED:
        assert client.get(path).status_code == 200, path
    assert client.get("/static/css/mitreden.css").status_code == 200
    # JSON gets a 403, not a redirect.
    assert client.get("/moderation/", headers={"Accept": "application/json"}).status_code == 403


def test_staff_without_a_second_factor_cannot_moderate(client, moderator):
    consultation = build.consultation(region=moderator.roles[0].region)
    idea = build.proposal(consultation, make_user())
    waiting = build.comment(idea, make_user(), moderation_state=ModerationState.PENDING)
    db.session.commit()
    session_without_second_factor(client, moderator)
    response = post(client, "/moderation/approve", {"ids": [str(waiting.id)]})
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/two-step/setup"
    db.session.expire_all()
    assert db.session.get(Comment, waiting.id).moderation_state == ModerationState.PENDING

    # Once set up (and passed) the same request goes through.
    log_in(client, moderator)
    done = post(client, "/moderation/approve", {"ids": [str(waiting.id)]})
    assert done.headers["Location"].startswith("/moderation/")
    db.session.expire_all()
    assert db.session.get(Comment, waiting.id).moderation_state == ModerationState.PUBLISHED


def test_staff_without_a_second_factor_may_switch_language_and_log_out(client, moderator):
    session_without_second_factor(client, moderator)
    switched = post(client, "/language", {"ui-language": "ar", "ui-next": "/privacy"})
    assert switched.headers["Location"] == "/privacy"
    assert post(client, "/account/logout").headers["Location"] == "/"
    assert client.get("/account/").headers["Location"].startswith("/account/login")


def test_staff_login_without_a_second_factor_leads_to_the_set_up(client, moderator):
    response = password_step(client, moderator)
    assert response.status_code == 302  # logged in with the password ...
    assert client.get("/moderation/").headers["Location"] == "/account/two-step/setup"
    secret = shown_secret(client)
    post(client, "/account/two-step/setup", {"code": mfa.code_at(secret, mfa.current_step())})
    # ... and after the set-up the staff pages open.
    assert client.get("/moderation/").status_code == 200


def test_staff_with_a_second_factor_logs_in_with_a_code(client, moderator):
    enrol_second_factor(moderator)
    db.session.commit()
    assert password_step(client, moderator).headers["Location"] == "/account/login/code"
    post(client, "/account/login/code", {"code": now_code(moderator)})
    assert client.get("/moderation/").status_code == 200


def test_participant_may_turn_it_off(client, enrolled, mailbox):
    log_in(client, enrolled)
    page = client.get("/account/two-step", headers=EN).get_data(as_text=True)
    assert 'action="/account/two-step/disable"' in page
    wrong = post(client, "/account/two-step/disable", {"disable-code": "111111"}, headers=EN)
    assert WRONG_CODE in wrong.get_data(as_text=True)
    db.session.refresh(enrolled)
    assert enrolled.has_mfa
    done = post(client, "/account/two-step/disable", {"disable-code": now_code(enrolled)})
    assert done.headers["Location"] == "/account/two-step"
    db.session.refresh(enrolled)
    assert not enrolled.has_mfa and enrolled.totp_secret is None
    (mail,) = mailbox.to(enrolled.email)
    assert "Two-step login has been turned off" in mailbox.text(mail)
    # The next login needs the password only.
    post(client, "/account/logout")
    assert password_step(client, enrolled).headers["Location"] == "/"


def test_staff_cannot_turn_it_off(client, moderator):
    log_in(client, moderator)  # enrols the moderator
    page = client.get("/account/two-step", headers=EN).get_data(as_text=True)
    assert 'action="/account/two-step/disable"' not in page
    assert "Staff accounts cannot turn off two-step login." in page
    response = post(client, "/account/two-step/disable", {"disable-code": now_code(moderator)})
    assert response.status_code == 403
    db.session.refresh(moderator)
    assert moderator.has_mfa


def test_new_recovery_codes_after_a_code(client, app, enrolled):
    with app.test_request_context():
        old = mfa.issue_recovery_codes(enrolled)
    db.session.commit()
    log_in(client, enrolled)
    wrong = post(client, "/account/two-step/recovery-codes", {"renew-code": "000000"}, headers=EN)
    assert WRONG_CODE in wrong.get_data(as_text=True)
    done = post(client, "/account/two-step/recovery-codes", {"renew-code": now_code(enrolled)})
    new = re.findall(
        r'<code dir="ltr">([a-z2-9]{5}-[a-z2-9]{5})</code>', done.get_data(as_text=True)
    )
    assert len(new) == 10 and not set(new) & set(old)
    assert done.headers["Cache-Control"] == "no-store"
    with app.test_request_context():
        assert mfa.use_recovery_code(enrolled, old[0]) is False
        assert mfa.use_recovery_code(enrolled, new[0]) is True


# --- The administrator's reset --------------------------------------------------------------


def test_administrator_resets_a_lost_second_factor(app, client, moderator, mailbox):
    enrol_second_factor(moderator)
    db.session.commit()
    # The moderator is logged in elsewhere.
    elsewhere = app.test_client()
    log_in(elsewhere, moderator)
    assert elsewhere.get("/moderation/").status_code == 200

    admin = make_user_with_role("administrator")
    db.session.commit()
    log_in(client, admin)
    page = client.get(f"/admin/users/{moderator.id}", headers=EN).get_data(as_text=True)
    assert f'action="/admin/users/{moderator.id}/second-factor/reset"' in page
    response = post(client, f"/admin/users/{moderator.id}/second-factor/reset")
    assert response.headers["Location"] == f"/admin/users/{moderator.id}"
    db.session.refresh(moderator)
    assert not moderator.has_mfa
    (mail,) = mailbox.to(moderator.email)
    assert "An administrator has reset the two-step login" in mailbox.text(mail)
    # Logged out everywhere; the next login leads to a new set-up.
    assert elsewhere.get("/moderation/").headers["Location"].startswith("/account/login")
    assert password_step(elsewhere, moderator).headers["Location"] == "/"
    assert elsewhere.get("/moderation/").headers["Location"] == "/account/two-step/setup"


def test_only_administrators_may_reset(client, moderator, enrolled):
    coordinator = make_user_with_role("coordinator", region=moderator.roles[0].region)
    db.session.commit()
    log_in(client, coordinator)
    response = post(client, f"/admin/users/{enrolled.id}/second-factor/reset")
    assert response.status_code == 403
    db.session.refresh(enrolled)
    assert enrolled.has_mfa


def test_the_reset_needs_a_csrf_token(client, enrolled):
    admin = make_user_with_role("administrator")
    db.session.commit()
    log_in(client, admin)
    response = client.post(f"/admin/users/{enrolled.id}/second-factor/reset")
    assert response.status_code in (302, 400)
    db.session.refresh(enrolled)
    assert enrolled.has_mfa


# --- Demo data ------------------------------------------------------------------------------


def test_demo_staff_log_in_with_the_documented_secret(client):
    from app.seed import DEMO_PASSWORD, DEMO_TOTP_SECRET, load_demo_data

    load_demo_data()
    staff = db.session.scalars(db.select(User).where(User.email.like("%@demo.mitreden.example")))
    staff = [user for user in staff if user.is_staff]
    assert len(staff) == 8
    assert all(user.has_mfa and user.totp_secret == DEMO_TOTP_SECRET for user in staff)
    resident = db.session.scalar(
        db.select(User).where(User.email == "bewohnerin@demo.mitreden.example")
    )
    assert not resident.has_mfa

    credentials = {"email": "admin@demo.mitreden.example", "password": DEMO_PASSWORD}
    assert post(client, "/account/login", credentials).headers["Location"].endswith("/login/code")
    code = pyotp.TOTP("MITREDENDEMOZWEISTUFIGANMELDUNG2").now()  # as README.md says
    assert post(client, "/account/login/code", {"code": code}).status_code == 302
    assert client.get("/admin/").status_code == 200
