"""Log in and out, revocable sessions, `next=` redirects, rate limits."""

import pytest
from flask_babel import force_locale, gettext

from app.extensions import db
from tests.conftest import post_form
from tests.factories import PASSWORD, make_user


@pytest.fixture
def zeynep():
    user = make_user(email="zeynep@example.org", display_name="Zeynep")
    db.session.commit()
    return user


def login(client, email="zeynep@example.org", password=PASSWORD, path="/account/login", **kw):
    headers = kw.pop("headers", None)
    return post_form(client, path, {"email": email, "password": password, **kw}, headers=headers)


def test_login_with_any_letter_case_of_the_address(client, zeynep):
    response = login(client, email="  ZEYNEP@example.ORG ")
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200


def test_wrong_password_gives_one_message_for_both_fields_and_keeps_the_address(client, zeynep):
    response = login(client, password="wrong password", headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The e-mail address or the password is not correct." in page
    assert 'value="zeynep@example.org"' in page
    assert "wrong password" not in page


def test_unknown_address_gets_the_same_answer_as_a_wrong_password(client, zeynep):
    wrong = login(client, password="wrong password", headers={"Accept-Language": "en"})
    unknown = login(client, email="nobody@example.org", headers={"Accept-Language": "en"})
    assert "not correct" in unknown.get_data(as_text=True)
    assert wrong.status_code == unknown.status_code == 200


def test_login_rotates_the_session_token(client, zeynep):
    before = zeynep.session_token
    login(client)
    db.session.refresh(zeynep)
    assert zeynep.session_token != before


def test_logout_needs_post_and_ends_the_session(client, zeynep):
    login(client)
    assert client.get("/account/logout").status_code == 405
    post_form(client, "/account/logout")
    assert client.get("/account/").status_code == 302


def test_after_logout_the_site_keeps_the_persons_language(client, zeynep):
    zeynep.locale = "tr"
    db.session.commit()
    login(client)
    response = post_form(client, "/account/logout")

    # The browser prefers English, but the person used Mitreden in Turkish until now.
    page = client.get(response.headers["Location"], headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    with force_locale("tr"):
        logged_out = gettext("You are logged out.")
    assert '<html lang="tr"' in text
    assert str(logged_out) in text and logged_out != "You are logged out."


def test_rotating_the_token_ends_every_session(app, client, zeynep):
    other_device = app.test_client()
    login(client)
    login(other_device)
    db.session.refresh(zeynep)
    zeynep.rotate_session_token()
    db.session.commit()
    assert client.get("/account/").status_code == 302
    assert other_device.get("/account/").status_code == 302


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/regions/", "/regions/"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
    ],
)
def test_next_stays_on_this_site(client, zeynep, next_url, expected):
    response = login(client, path=f"/account/login?next={next_url}")
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_protected_page_sends_anonymous_visitors_to_login_and_back(client, zeynep):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/login?next=")


def test_login_without_csrf_token_is_refused(client, zeynep):
    response = client.post(
        "/account/login", data={"email": "zeynep@example.org", "password": PASSWORD}
    )
    assert response.status_code == 400
    assert client.get("/account/").status_code == 302


def test_too_many_login_attempts_are_refused(client, zeynep):
    statuses = [login(client, password=f"wrong {n}").status_code for n in range(11)]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    # Even the right password waits until the window has passed.
    assert login(client).status_code == 429


def test_remember_me_sets_a_persistent_cookie(client, zeynep):
    response = login(client, remember="y")
    cookies = response.headers.getlist("Set-Cookie")
    remember = [cookie for cookie in cookies if cookie.startswith("mitreden_remember=")]
    assert remember and "HttpOnly" in remember[0] and "SameSite=Lax" in remember[0]


def test_session_cookie_flags(client, zeynep):
    response = login(client)
    cookies = response.headers.getlist("Set-Cookie")
    session = [cookie for cookie in cookies if cookie.startswith("mitreden_session=")]
    assert session and "HttpOnly" in session[0] and "SameSite=Lax" in session[0]
