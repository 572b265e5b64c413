"""Registration and e-mail confirmation, including bad input and enumeration safety."""

import pytest

from app.accounts.models import User
from app.extensions import db
from tests.conftest import post_form, without_csrf_tokens
from tests.factories import make_user

GOOD = {
    "email": "Zeynep.Demir@Example.org",
    "display_name": "Zeynep",
    "password": "sonnenblume am main 2026",
    "locale": "tr",
    "accept_privacy": "y",
}


def register(client, **changes):
    return post_form(client, "/account/register", {**GOOD, **changes})


def users():
    return db.session.scalars(db.select(User)).all()


def test_register_creates_unconfirmed_account_with_normalised_email(client, mailbox):
    response = register(client)
    assert response.status_code == 200
    assert "zeynep.demir@example.org" in response.get_data(as_text=True).lower()
    (user,) = users()
    assert user.email == "zeynep.demir@example.org"
    assert user.display_name == "Zeynep"
    assert user.locale == "tr"
    assert user.confirmed_at is None
    assert user.password_hash.startswith("$argon2id$")
    assert "sonnenblume" not in user.password_hash
    (message,) = mailbox.to("zeynep.demir@example.org")
    assert "/account/confirm/" in mailbox.text(message)


def test_confirmation_mail_is_in_the_chosen_language(client, mailbox):
    register(client, locale="en")
    (message,) = mailbox.to("zeynep.demir@example.org")
    assert message["Subject"] == "Please confirm your e-mail address"
    assert message.get_body(preferencelist=("html",)) is not None


def test_confirm_link_shows_a_button_and_confirms_on_post(client, mailbox):
    register(client)
    link = mailbox.last_link("zeynep.demir@example.org", "/account/confirm/")
    page = client.get(link)
    assert page.status_code == 200
    assert users()[0].confirmed_at is None  # a GET changes nothing
    response = post_form(client, link)
    assert response.status_code == 302
    assert users()[0].confirmed_at is not None


def test_confirm_link_used_twice_says_already_confirmed(client, mailbox):
    register(client)
    link = mailbox.last_link("zeynep.demir@example.org", "/account/confirm/")
    post_form(client, link)
    confirmed_at = users()[0].confirmed_at
    response = post_form(client, link, follow_redirects=True, headers={"Accept-Language": "en"})
    assert "already confirmed" in response.get_data(as_text=True)
    assert users()[0].confirmed_at == confirmed_at


def test_expired_confirm_link_is_refused(client, mailbox, time_machine):
    time_machine.move_to("2026-11-26 10:00", tick=False)
    register(client)
    link = mailbox.last_link("zeynep.demir@example.org", "/account/confirm/")
    time_machine.move_to("2026-12-01 10:00", tick=False)
    response = post_form(client, link, follow_redirects=True, headers={"Accept-Language": "en"})
    assert "expired" in response.get_data(as_text=True)
    assert users()[0].confirmed_at is None


def test_tampered_confirm_link_is_refused(client, mailbox):
    register(client)
    link = mailbox.last_link("zeynep.demir@example.org", "/account/confirm/")
    response = post_form(client, link[:-3] + "abc", follow_redirects=True)
    assert response.status_code == 200
    assert users()[0].confirmed_at is None


def test_same_email_in_other_letter_case_creates_no_second_account(client, mailbox):
    make_user(email="zeynep.demir@example.org", display_name="Original")
    db.session.commit()
    first_page = register(client).get_data(as_text=True)
    assert len(users()) == 1
    assert users()[0].display_name == "Original"
    # The owner learns of the attempt; the page looks like a normal registration.
    (notice,) = mailbox.to("zeynep.demir@example.org")
    assert "/account/reset" in mailbox.text(notice)
    fresh = register(client, email="someone.new@example.org").get_data(as_text=True)
    assert without_csrf_tokens(first_page).replace(GOOD["email"], "X") == without_csrf_tokens(
        fresh
    ).replace("someone.new@example.org", "X")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"password": "kurz"}, "password", "at least 8 characters"),
        ({"password": "x" * 129}, "password", "at most 128 characters"),
        ({"password": "passwort123"}, "password", "too common"),
        ({"password": "Password1"}, "password", "too common"),
        ({"email": "not-an-address"}, "email", "valid e-mail address"),
        ({"email": ""}, "email", "fill in this field"),
        ({"display_name": "A"}, "display_name", "between 2 and 60"),
        ({"accept_privacy": ""}, "accept_privacy", "agree to the processing of your data"),
        ({"locale": "xx"}, "locale", "Not a valid choice"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_kept(client, changes, field, message):
    data = {**GOOD, **changes}
    if not data["accept_privacy"]:
        del data["accept_privacy"]
    response = post_form(client, "/account/register", data, headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert f'id="{field}-error"' in page
    assert f'aria-describedby="{field}-hint {field}-error"' in page or (
        f'aria-describedby="{field}-error"' in page
    )
    # What was typed stays (except the password), and nothing is stored.
    if field != "display_name":
        assert 'value="Zeynep"' in page
    assert GOOD["password"] not in page
    assert users() == []


def test_password_of_128_characters_is_accepted(client):
    register(client, password="lang " * 25 + "abc")
    assert len(users()) == 1


def test_registration_without_csrf_token_is_refused(client):
    response = client.post("/account/register", data=GOOD)
    assert response.status_code == 400
    assert users() == []


def test_registration_is_rate_limited(client, app):
    statuses = [
        register(client, email=f"person{number}@example.org").status_code for number in range(6)
    ]
    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429
