"""Stored XSS in a real browser: with the payload corpus in every user text field, Chromium
opens the pages that show it. No dialog may open (alert, confirm, prompt), the Content Security
Policy reports no violation (neither in the console nor as a `securitypolicyviolation` event),
no script error occurs and no request leaves the host.
"""

from urllib.parse import urlsplit

import pytest

from app.accounts.models import User
from app.extensions import db
from app.seed import DEMO_PASSWORD
from tests.browser.second_factor import pass_second_step
from tests.factories import PASSWORD, enrol_second_factor
from tests.security.xss_corpus import (
    DEMO_RESIDENT,
    MARKER,
    pages_of_planted_rows,
    planted_world,
    start_paths,
)

pytestmark = pytest.mark.browser

# Collects violations reported to the page, before any of the page's own scripts run.
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}` +
      ` at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


class Watch:
    """Everything a page did that it must not: dialogs, CSP reports, errors, foreign requests."""

    def __init__(self, page, live_server: str):
        self.page = page
        self.host = urlsplit(live_server).netloc
        self.findings: list[str] = []
        self.path = ""
        page.add_init_script(COLLECT_VIOLATIONS)
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.findings.append(f"{self.path}: error {error}"))
        page.on("request", self._request)

    def _dialog(self, dialog):
        self.findings.append(f"{self.path}: {dialog.type} dialog {dialog.message!r}")
        dialog.dismiss()

    def _console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Refused to" in text:
            self.findings.append(f"{self.path}: console {text[:200]}")

    def _request(self, request):
        host = urlsplit(request.url).netloc
        if request.url.startswith(("http:", "https:")) and host != self.host:
            self.findings.append(f"{self.path}: request to {request.url[:120]}")

    def visit(self, path: str) -> str:
        self.path = path
        self.page.goto(path, wait_until="load")
        self.page.wait_for_timeout(50)
        self.collect()
        return self.page.content()

    def collect(self) -> None:
        reported = self.page.evaluate("window.__cspViolations || []")
        self.findings += [f"{self.path}: CSP {item}" for item in reported]
        self.page.evaluate("window.__cspViolations = []")


def _html_pages(app, world, actor, paths: list[str]) -> list[str]:
    """The paths that answer this visitor with a page (not a download, redirect or refusal)."""
    client = world.log_in_client(actor)
    pages = []
    for path in dict.fromkeys(paths):
        response = client.get(path)
        if response.status_code == 200 and response.mimetype == "text/html":
            pages.append(path)
    return pages


def _log_in(page, user: User, password: str = PASSWORD) -> None:
    page.goto("/account/login")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(password)
    with page.expect_navigation():
        page.locator("form.form button[type=submit]").click()
    pass_second_step(page, user.email)
    assert page.locator("form[action='/account/logout']").count() == 1, page.inner_text("main")


def test_stored_payloads_run_nothing_in_chromium(page, app, live_server):
    world = planted_world()
    for name in ("moderator", "coordinator", "administrator"):
        enrol_second_factor(world.user(name))
    resident = db.session.scalar(db.select(User).where(User.email == DEMO_RESIDENT))
    db.session.commit()
    starts = start_paths(app, world) + pages_of_planted_rows(world)
    watch = Watch(page, live_server)
    markers: set[str] = set()

    # Anonymous visitors see the public pages.
    for path in _html_pages(app, world, "anonymous", starts):
        markers.update(MARKER.findall(watch.visit(path)))

    # The administrator sees every page, the administration and moderation included.
    _log_in(page, world.user("administrator"))
    for path in _html_pages(app, world, "administrator", starts):
        markers.update(MARKER.findall(watch.visit(path)))

    # While a title is typed, similar proposals arrive as HTML and go into the page.
    watch.visit(world.path_for("proposals.new"))
    page.locator("input[data-similar-source]").fill("alert script")
    page.locator("#similar-proposals a").first.wait_for(timeout=5000)
    watch.collect()
    markers.update(MARKER.findall(page.locator("#similar-proposals").inner_html()))
    page.locator("form[action='/account/logout'] button").click()

    # The author reads the decisions and the block; a resident her many notifications.
    for who, password in ((world.user("author"), PASSWORD), (resident, DEMO_PASSWORD)):
        _log_in(page, who, password)
        for endpoint in ("moderation.mine", "notifications.index", "notifications.following"):
            markers.update(MARKER.findall(watch.visit(world.path_for(endpoint))))
        page.locator("form[action='/account/logout'] button").click()

    assert not watch.findings, "\n".join(watch.findings)
    # The payloads were on the pages, as text: names, titles, bodies, organisation names.
    codes = {found[-3:] for found in markers}
    assert {"usr", "prt", "cbo", "orn", "fpn", "pjt", "cit", "mdn", "ubr"} <= codes, codes
