"""The cookies a real browser receives are the ones the privacy notice lists, and no request
leaves the platform's own host.

A visitor opens the start page, switches the language, logs in through the form (staying logged
in, so the remember cookie is set too) and opens a few pages; the browser's cookie jar is then
compared with the notice's cookie table.
"""

import time
from urllib.parse import urlparse

from app.extensions import db
from app.privacy.notice import seconds_of
from tests.factories import PASSWORD, make_user


def test_the_browser_holds_only_cookies_the_notice_lists(page, app, live_server):
    user = make_user(email="cookie@example.org", display_name="Keks")
    db.session.commit()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto("/")
    page.locator(".language-switch select").select_option("en")
    page.locator(".language-switch button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "en"

    page.goto("/account/login")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(PASSWORD)
    page.locator("#remember").check()
    page.locator("form.form button[type=submit]").click()
    assert page.locator("form[action='/account/logout']").count() == 1
    page.goto("/account/")
    page.goto("/account/data")

    page.goto("/privacy")
    listed = {
        " ".join(text.split())
        for text in page.locator("#cookie-table tbody tr td:first-child").all_inner_texts()
    }
    configured = {
        app.config["SESSION_COOKIE_NAME"],
        app.config["REMEMBER_COOKIE_NAME"],
        app.config["LOCALE_COOKIE_NAME"],
    }
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}

    assert set(cookies) <= listed, f"cookies not in the notice: {set(cookies) - listed}"
    assert configured <= listed
    # The journey set every cookie there is, so the comparison above was not vacuous.
    assert set(cookies) == configured

    # Lifetimes as the notice states them: session cookie until the browser closes, the
    # remember cookie for REMEMBER_COOKIE_DURATION, the language for a year.
    now = time.time()
    assert cookies[app.config["SESSION_COOKIE_NAME"]]["expires"] == -1
    remember_days = (cookies[app.config["REMEMBER_COOKIE_NAME"]]["expires"] - now) / 86400
    assert abs(remember_days - seconds_of(app.config["REMEMBER_COOKIE_DURATION"]) / 86400) < 1
    locale_days = (cookies[app.config["LOCALE_COOKIE_NAME"]]["expires"] - now) / 86400
    assert abs(locale_days - 365) < 1
    for cookie in cookies.values():
        assert cookie["httpOnly"] is True
        assert cookie["sameSite"] == "Lax"

    hosts = {
        urlparse(url).hostname for url in requested if urlparse(url).scheme in ("http", "https")
    }
    assert hosts == {"127.0.0.1"}, hosts
    assert len(requested) > 10  # pages, styles, fonts, script, images were all seen
