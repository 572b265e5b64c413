"""Real-browser fixtures: the app served on 127.0.0.1 in a thread, headless Chromium.

Chromium comes from Debian (/usr/bin/chromium); Playwright never downloads a browser here.
Under CI a missing browser fails the run; on a developer machine the tests are skipped.
"""

import logging
import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import IN_CI

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def _require(path: Path | str, what: str) -> None:
    if Path(path).exists():
        return
    message = f"{what} not found at {path}"
    if IN_CI:
        pytest.fail(message + " (required in CI)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def live_server(app):
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no access log in test output
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    _require(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport=DESKTOP, locale="de-DE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe_page(browser, live_server):
    """A page whose context lets the axe-core script in despite our strict CSP."""
    _require(AXE_SCRIPT, "axe-core (npm ci)")
    context = browser.new_context(
        base_url=live_server, viewport=DESKTOP, locale="de-DE", bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


def run_axe(page) -> list[dict]:
    """Serious and critical WCAG 2.1 A/AA violations on the current page."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations'],
        })"""
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
