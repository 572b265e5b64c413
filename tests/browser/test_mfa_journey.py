"""Two-step login in Chromium: a coordinator sets it up from the key shown as text, logs out and
logs in with a code; the pages of the second factor in German and Arabic pass axe."""

import re

import pyotp
import pytest
from playwright.sync_api import expect

from app.accounts.models import User
from app.extensions import db
from tests.browser.conftest import PHONE, run_axe
from tests.browser.second_factor import fresh_code, pass_second_step
from tests.factories import PASSWORD, make_user, make_user_with_role

LANGUAGES = ["de", "ar"]


def password_step(page, email: str) -> None:
    page.goto("/account/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()


def log_out(page) -> None:
    page.locator("form[action='/account/logout'] button").click()
    expect(page.locator("a[href='/account/login']").first).to_be_visible()


def send_code(page, selector: str, value: str) -> None:
    page.locator(selector).fill(value)
    with page.expect_navigation():
        page.locator(selector).press("Enter")


def test_coordinator_sets_up_two_step_login_and_logs_in_with_a_code(page):
    coordinator = make_user_with_role("coordinator", email="koordination@example.org", locale="en")
    db.session.commit()

    # The password alone opens only the set-up: staff pages wait for the second factor.
    password_step(page, coordinator.email)
    page.goto("/moderation/")
    assert page.url.endswith("/account/two-step/setup")
    expect(page.locator(".flash-messages")).to_contain_text("Staff accounts need two-step login")
    expect(page.locator("svg[role=img][aria-label]")).to_be_visible()

    # The key as text, in groups of four, typed into an "app" (pyotp) by hand.
    shown = page.locator("#mfa-secret").inner_text()
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", shown)
    app_on_phone = pyotp.TOTP(shown.replace(" ", ""))

    send_code(page, "#code", "000000")
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.locator("#code").input_value() == ""
    send_code(page, "#code", app_on_phone.now())
    expect(page.locator("h1")).to_have_text("Your recovery codes")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", c) for c in codes)
    page.locator("a.button", has_text="I have saved my codes").click()
    expect(page.locator("h1")).to_have_text("Two-step login")

    page.goto("/moderation/")
    expect(page.locator("h1")).not_to_have_text("Set up two-step login")
    assert page.url.endswith("/moderation/")
    log_out(page)

    # Logging in again: password, then a code from the app.
    password_step(page, coordinator.email)
    assert page.url.endswith("/account/login/code")
    assert page.locator("form[action='/account/logout']").count() == 0
    assert page.locator("#code").get_attribute("autocomplete") == "one-time-code"
    send_code(page, "#code", fresh_code(coordinator.email))
    assert page.locator("form[action='/account/logout']").count() == 1
    page.goto("/moderation/")
    assert page.url.endswith("/moderation/")

    # Without the phone: a recovery code, once.
    log_out(page)
    password_step(page, coordinator.email)
    page.locator("a[href='/account/login/recovery']").click()
    send_code(page, "#recovery_code", codes[0].upper())
    expect(page.locator(".flash-messages")).to_contain_text("9 codes are left")
    db.session.expire_all()
    assert db.session.get(User, coordinator.id).has_mfa


def use_language(page, live_server, language):
    page.context.add_cookies([{"name": "mitreden_locale", "value": language, "url": live_server}])


def assert_accessible(page, what: str) -> None:
    assert page.locator("h1").count() == 1, f"{what}: exactly one h1"
    violations = run_axe(page)
    assert violations == [], f"{what}: {violations}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_of_the_second_factor_are_accessible(axe_page, live_server, language):
    page = axe_page
    use_language(page, live_server, language)
    person = make_user(email="layla@example.org", display_name="ليلى حداد", locale=language)
    db.session.commit()
    password_step(page, person.email)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")

    page.goto("/account/two-step")
    assert_accessible(page, "settings, off")
    page.goto("/account/two-step/setup")
    assert_accessible(page, "set-up")
    secret = page.locator("#mfa-secret").inner_text().replace(" ", "")
    assert page.locator("#mfa-secret").get_attribute("dir") == "ltr"
    send_code(page, "#code", "12")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "set-up with an error")

    # On a phone nothing is wider than the screen, the QR code included.
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size({"width": 1280, "height": 900})

    send_code(page, "#code", pyotp.TOTP(secret).now())
    assert_accessible(page, "recovery codes")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    page.goto("/account/two-step")
    assert_accessible(page, "settings, on")
    send_code(page, "#disable-code", "000000")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "settings with an error")

    log_out(page)
    password_step(page, person.email)
    assert page.url.endswith("/account/login/code")
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page, "second step")
    send_code(page, "#code", "000000")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "second step with an error")
    page.locator("a[href='/account/login/recovery']").click()
    assert_accessible(page, "recovery code step")
    send_code(page, "#recovery_code", codes[1])
    pass_second_step(page, person.email)  # no-op: the recovery code logged in
    assert page.locator("form[action='/account/logout']").count() == 1
