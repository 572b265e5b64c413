"""axe-core scan of every page, in German and Arabic, anonymous and as administrator.

Zero serious or critical WCAG 2.1 A/AA violations are allowed.
"""

import pytest

from app.accounts.models import User
from app.extensions import db
from app.pages.models import AccessibilityFeedback
from app.seed import DEMO_PASSWORD, load_demo_data
from tests.browser.conftest import PHONE, run_axe

PUBLIC_PAGES = [
    "/",
    "/regions/",
    "/regions/wiesbaden",
    "/regions/fields-of-action/",
    "/account/login",
    "/account/register",
    "/account/reset",
    "/leichte-sprache",
    "/privacy",
    "/imprint",
    "/accessibility",
    "/does-not-exist",
]

ADMIN_PAGES = [
    "/account/",
    "/account/password",
    "/account/email",
    "/admin/",
    "/admin/users",
    "/admin/imprint",
    "/admin/videos",
    "/admin/feedback",
    "/regions/new",
    "/regions/wiesbaden/edit",
    "/regions/wiesbaden/fields-of-action",
    "/regions/fields-of-action/manage",
    "/regions/fields-of-action/new",
    "/regions/fields-of-action/language-education/edit",
]

LANGUAGES = ["de", "ar"]


def use_language(page, live_server, language):
    page.context.add_cookies([{"name": "mitreden_locale", "value": language, "url": live_server}])


def assert_accessible(page, path):
    page.goto(path)
    assert page.locator("h1").count() == 1, f"{path}: exactly one h1"
    violations = run_axe(page)
    assert violations == [], f"{path}: {violations}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages(axe_page, live_server, language):
    load_demo_data()
    use_language(axe_page, live_server, language)
    for path in PUBLIC_PAGES:
        assert_accessible(axe_page, path)
        assert axe_page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_behind_login(axe_page, live_server, language):
    load_demo_data()
    admin = db.session.scalar(db.select(User).where(User.is_administrator.is_(True)))
    admin.locale = language
    db.session.add(AccessibilityFeedback(message="Der Kontrast der Knöpfe ist zu schwach."))
    db.session.commit()

    axe_page.goto("/account/login")
    axe_page.locator("#email").fill(admin.email)
    axe_page.locator("#password").fill(DEMO_PASSWORD)
    axe_page.locator("form.form button[type=submit]").click()
    assert axe_page.locator("html").get_attribute("lang") == language

    user_page = f"/admin/users/{admin.id}"
    for path in [*ADMIN_PAGES, user_page]:
        assert_accessible(axe_page, path)


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_with_errors_on_a_phone(axe_page, live_server, language):
    use_language(axe_page, live_server, language)
    axe_page.set_viewport_size(PHONE)
    axe_page.goto("/account/register")
    axe_page.locator("#email").fill("kaputt")
    axe_page.locator("form.form button[type=submit]").click()
    assert axe_page.locator(".error-summary").is_visible()
    assert run_axe(axe_page) == []
    # Nothing is wider than the phone: no sideways scrolling.
    assert axe_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
