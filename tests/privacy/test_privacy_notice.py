"""The privacy notice lists the cookies and retention periods of the running configuration."""

import re
from html.parser import HTMLParser

import pytest
from flask_babel import force_locale
from flask_limiter.util import get_remote_address

from app.core import cache
from app.extensions import limiter
from app.privacy.notice import ADDRESS_KEYED_LIMITS, duration_text
from tests.conftest import log_in, post_form
from tests.factories import make_user


class CookieTable(HTMLParser):
    """The rows of <table id="cookie-table">: [name, purpose, lifetime] per cookie."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_table = self._in_body = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and dict(attrs).get("id") == "cookie-table":
            self._in_table = True
        elif self._in_table and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append([])
        elif self._in_body and tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._in_table = self._in_body = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def cookie_rows(page: str) -> dict[str, list[str]]:
    parser = CookieTable()
    parser.feed(page)
    return {row[0]: row[1:] for row in parser.rows}


def notice(client, language: str = "en") -> str:
    response = client.get("/privacy", headers={"Accept-Language": language})
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture
def setting(app):
    """setting(name, value): change a config value for this test only."""
    saved = {}

    def _set(name, value):
        saved.setdefault(name, app.config.get(name))
        app.config[name] = value
        # Settings change with a restart, which starts with a cache of its own; here the app
        # keeps running, so the pages cached under the old value go.
        cache.current().clear()

    yield _set
    for name, value in saved.items():
        app.config[name] = value


def test_the_cookie_table_lists_exactly_the_configured_cookies(app, client):
    rows = cookie_rows(notice(client))
    assert set(rows) == {
        app.config["SESSION_COOKIE_NAME"],
        app.config["REMEMBER_COOKIE_NAME"],
        app.config["LOCALE_COOKIE_NAME"],
    }
    assert rows[app.config["SESSION_COOKIE_NAME"]][1] == "Until you close the browser"
    assert rows[app.config["REMEMBER_COOKIE_NAME"]][1] == "30 days"
    assert all(purpose for purpose, _lifetime in rows.values())


def test_the_cookie_table_follows_the_configuration(client, setting):
    setting("SESSION_COOKIE_NAME", "__Host-mitreden_session")
    setting("REMEMBER_COOKIE_NAME", "__Host-mitreden_remember")
    setting("LOCALE_COOKIE_NAME", "__Host-mitreden_locale")
    setting("REMEMBER_COOKIE_DURATION", 7 * 24 * 3600)
    rows = cookie_rows(notice(client))
    assert set(rows) == {
        "__Host-mitreden_session",
        "__Host-mitreden_remember",
        "__Host-mitreden_locale",
    }
    assert rows["__Host-mitreden_remember"][1] == "7 days"


def test_the_locale_cookie_lifetime_is_the_one_the_language_switch_sets(app, client):
    response = post_form(client, "/language", {"ui-language": "en", "ui-next": "/"})
    name = app.config["LOCALE_COOKIE_NAME"]
    [set_cookie] = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(name + "=")]
    max_age = int(re.search(r"Max-Age=(\d+)", set_cookie).group(1))
    rows = cookie_rows(notice(client))
    with force_locale("en"):
        assert rows[name][1] == duration_text(max_age) == "1 year"


def test_the_cookie_table_is_translated(app, client):
    rows = cookie_rows(notice(client, "de"))
    assert rows[app.config["LOCALE_COOKIE_NAME"]][0] == "Speichert die von Ihnen gewählte Sprache."


@pytest.mark.parametrize(
    ("unconfirmed", "inactive", "notice_days", "mail_days"), [(7, 730, 30, 7), (3, 365, 14, 1)]
)
def test_the_retention_periods_come_from_the_settings(
    client, setting, unconfirmed, inactive, notice_days, mail_days
):
    setting("UNCONFIRMED_ACCOUNT_DAYS", unconfirmed)
    setting("INACTIVE_ACCOUNT_DAYS", inactive)
    setting("INACTIVITY_NOTICE_DAYS", notice_days)
    setting("MAIL_KEEP_SENT_DAYS", mail_days)
    page = notice(client)
    assert f"the unconfirmed account is deleted after {unconfirmed} days." in page
    assert f"If you have not logged in for {inactive} days, we tell you by e-mail" in page
    assert f"Unless you log in within {notice_days} days of that message" in page
    mail_unit = "day" if mail_days == 1 else "days"
    assert f"outgoing mail store after {mail_days} {mail_unit}." in page


def test_the_rate_limit_window_comes_from_the_settings(client, setting):
    page = notice(client)
    assert "IP addresses are not stored." in page
    assert "keep a counter per address in memory for at most 1 hour." in page
    setting("RATELIMIT_FEEDBACK", "5 per minute;30 per day")
    assert "in memory for at most 1 day." in notice(client)


def test_every_limit_counted_per_address_is_covered_by_the_statement(app):
    """Each rate limit keyed by the client address is one the notice counts (its window is at
    most the one stated); the other limits count per account."""
    from app.privacy.notice import longest_window

    stated = longest_window(ADDRESS_KEYED_LIMITS)
    assert stated == 3600
    checked = 0
    for groups in limiter.limit_manager._decorated_limits.values():
        for group in groups:
            for runtime in group:
                if runtime.key_func is get_remote_address:
                    assert runtime.limit.get_expiry() <= stated, runtime.limit
                    checked += 1
    assert checked >= len(ADDRESS_KEYED_LIMITS)


def test_the_rights_link_to_download_and_deletion(client):
    page = notice(client)
    assert 'href="/account/login?next=/account/data"' in page
    assert 'href="/account/login?next=/account/delete"' in page
    log_in(client, make_user())
    page = notice(client)
    assert 'href="/account/data"' in page
    assert 'href="/account/delete"' in page
