"""Password reset, password change, address change, profile."""

import pytest

from app.accounts import passwords
from app.extensions import db
from tests.conftest import log_in, post_form, without_csrf_tokens
from tests.factories import PASSWORD, make_region, make_user

NEW = "ein neues langes passwort"


@pytest.fixture
def zeynep():
    user = make_user(email="zeynep@example.org", display_name="Zeynep")
    db.session.commit()
    return user


def ask_for_reset(client, email="zeynep@example.org"):
    return post_form(client, "/account/reset", {"email": email})


def test_reset_answer_is_the_same_for_known_and_unknown_addresses(client, zeynep, mailbox):
    known = ask_for_reset(client).get_data(as_text=True).replace("zeynep@example.org", "X")
    unknown = ask_for_reset(client, "nobody@example.org").get_data(as_text=True)
    unknown = unknown.replace("nobody@example.org", "X")
    assert without_csrf_tokens(known) == without_csrf_tokens(unknown)
    assert len(mailbox.to("zeynep@example.org")) == 1
    assert mailbox.to("nobody@example.org") == []


def test_reset_sets_new_password_once(client, zeynep, mailbox):
    ask_for_reset(client)
    link = mailbox.last_link("zeynep@example.org", "/account/reset/")
    assert client.get(link).status_code == 200
    response = post_form(client, link, {"password": NEW, "confirm": NEW})
    assert response.status_code == 302
    db.session.refresh(zeynep)
    assert passwords.verify_password(zeynep.password_hash, NEW)
    # The link is used up.
    again = client.get(link, headers={"Accept-Language": "en"}, follow_redirects=True)
    assert "already been used" in again.get_data(as_text=True)


def test_reset_link_expires_after_an_hour(client, zeynep, mailbox, time_machine):
    time_machine.move_to("2026-11-26 10:00", tick=False)
    ask_for_reset(client)
    link = mailbox.last_link("zeynep@example.org", "/account/reset/")
    time_machine.move_to("2026-11-26 11:01", tick=False)
    response = post_form(
        client, link, {"password": NEW, "confirm": NEW}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 302
    db.session.refresh(zeynep)
    assert passwords.verify_password(zeynep.password_hash, PASSWORD)


def test_reset_refuses_a_weak_password_and_mismatch(client, zeynep, mailbox):
    ask_for_reset(client)
    link = mailbox.last_link("zeynep@example.org", "/account/reset/")
    weak = post_form(
        client,
        link,
        {"password": "12345678", "confirm": "12345678"},
        headers={"Accept-Language": "en"},
    )
    assert "too common" in weak.get_data(as_text=True)
    mismatch = post_form(
        client, link, {"password": NEW, "confirm": NEW + "x"}, headers={"Accept-Language": "en"}
    )
    assert "do not match" in mismatch.get_data(as_text=True)
    db.session.refresh(zeynep)
    assert passwords.verify_password(zeynep.password_hash, PASSWORD)


def test_reset_ends_existing_sessions(app, client, zeynep, mailbox):
    other_device = app.test_client()
    log_in(other_device, zeynep)
    assert other_device.get("/account/").status_code == 200
    ask_for_reset(client)
    link = mailbox.last_link("zeynep@example.org", "/account/reset/")
    post_form(client, link, {"password": NEW, "confirm": NEW})
    assert other_device.get("/account/").status_code == 302


def test_change_password_keeps_this_session_and_ends_the_others(app, client, zeynep):
    other_device = app.test_client()
    log_in(client, zeynep)
    log_in(other_device, zeynep)
    response = post_form(
        client,
        "/account/password",
        {"current_password": PASSWORD, "password": NEW, "confirm": NEW},
    )
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200
    assert other_device.get("/account/").status_code == 302


def test_change_password_needs_the_current_password(client, zeynep):
    zeynep.locale = "en"
    db.session.commit()
    log_in(client, zeynep)
    response = post_form(
        client,
        "/account/password",
        {"current_password": "wrong", "password": NEW, "confirm": NEW},
        headers={"Accept-Language": "en"},
    )
    page = response.get_data(as_text=True)
    assert 'id="current_password-error"' in page
    assert "current password is not correct" in page
    db.session.refresh(zeynep)
    assert passwords.verify_password(zeynep.password_hash, PASSWORD)


def test_change_email_takes_effect_only_after_confirmation(client, zeynep, mailbox):
    log_in(client, zeynep)
    response = post_form(
        client, "/account/email", {"email": "Neu@Example.org", "current_password": PASSWORD}
    )
    assert response.status_code == 302
    db.session.refresh(zeynep)
    assert zeynep.email == "zeynep@example.org"
    link = mailbox.last_link("neu@example.org", "/account/email/confirm/")
    post_form(client, link)
    db.session.refresh(zeynep)
    assert zeynep.email == "neu@example.org"
    # Used once only.
    post_form(client, link)
    db.session.refresh(zeynep)
    assert zeynep.email == "neu@example.org"


def test_change_email_to_a_taken_address_reveals_nothing_and_changes_nothing(
    client, zeynep, mailbox
):
    make_user(email="taken@example.org")
    db.session.commit()
    log_in(client, zeynep)
    response = post_form(
        client, "/account/email", {"email": "taken@example.org", "current_password": PASSWORD}
    )
    assert response.status_code == 302
    assert mailbox.to("taken@example.org") == []


def test_profile_saves_name_language_and_home_region(client, zeynep):
    region = make_region(slug="offenbach")
    db.session.commit()
    log_in(client, zeynep)
    response = post_form(
        client,
        "/account/",
        {"display_name": "Zeynep D.", "locale": "ar", "home_region": str(region.id)},
    )
    assert response.status_code == 302
    db.session.refresh(zeynep)
    assert (zeynep.display_name, zeynep.locale, zeynep.home_region_id) == (
        "Zeynep D.",
        "ar",
        region.id,
    )
    assert 'lang="ar" dir="rtl"' in client.get("/account/").get_data(as_text=True)


def test_profile_refuses_an_unknown_region_and_keeps_the_typed_name(client, zeynep):
    log_in(client, zeynep)
    response = post_form(
        client, "/account/", {"display_name": "Neuer Name", "locale": "de", "home_region": "999"}
    )
    page = response.get_data(as_text=True)
    assert 'id="home_region-error"' in page
    assert 'value="Neuer Name"' in page
    db.session.refresh(zeynep)
    assert zeynep.display_name == "Zeynep"
