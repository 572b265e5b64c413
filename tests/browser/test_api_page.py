"""The API page in a real browser, in German and Arabic: reached from the footer of the start
page, free of serious axe findings, code blocks left to right, the skip link works, every "try
it" link answers JSON, and on a 360 px phone nothing but the code blocks scrolls sideways."""

import pytest

from tests.browser.conftest import run_axe
from tests.browser.test_accessibility import LANGUAGES, use_language

PHONE_360 = {"width": 360, "height": 780}
PATH = "/open-data/api"


def open_from_footer(page):
    page.goto("/")
    page.locator(f"footer.site-footer a[href='{PATH}']").click()
    page.wait_for_url(f"**{PATH}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_api_page_from_the_footer(axe_page, live_server, language):
    use_language(axe_page, live_server, language)
    open_from_footer(axe_page)
    assert axe_page.locator("html").get_attribute("lang") == language
    assert axe_page.locator("h1").count() == 1
    assert run_axe(axe_page) == []

    # Code reads left to right, also inside the right-to-left page.
    blocks = axe_page.locator("pre.api-code")
    assert blocks.count() >= 3
    directions = blocks.evaluate_all("els => els.map(el => getComputedStyle(el).direction)")
    assert set(directions) == {"ltr"}
    page_direction = axe_page.evaluate("getComputedStyle(document.body).direction")
    assert page_direction == ("rtl" if language == "ar" else "ltr")

    # The skip link is the first stop and moves the focus to the main content.
    axe_page.keyboard.press("Tab")
    assert axe_page.evaluate("document.activeElement.className") == "skip-link"
    axe_page.keyboard.press("Enter")
    assert axe_page.evaluate("document.activeElement.id") == "main"

    # Every "try it" address answers with JSON.
    addresses = axe_page.locator("a.api-try__link").evaluate_all("els => els.map(el => el.href)")
    assert any(address.endswith("/api/v1/regions") for address in addresses)
    for address in addresses:
        answer = axe_page.request.get(address)
        assert answer.status == 200, address
        assert answer.headers["content-type"].startswith("application/json"), address


@pytest.mark.parametrize("language", LANGUAGES)
def test_api_page_on_a_small_phone(axe_page, live_server, language):
    use_language(axe_page, live_server, language)
    axe_page.set_viewport_size(PHONE_360)
    open_from_footer(axe_page)
    width = axe_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_360["width"], f"{PATH}: {width}px wide on a 360px phone"
    # Only code blocks may be wider than the screen: the parameter tables fit without scrolling.
    too_wide = axe_page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(el => !el.closest('pre'))
            .filter(el => el.getBoundingClientRect().width > window.innerWidth
                          || el.scrollWidth > el.clientWidth + 1 && el.matches('.table-wrapper'))
            .map(el => el.tagName + ' ' + (el.id || el.textContent.slice(0, 40)))"""
    )
    assert too_wide == []
    assert run_axe(axe_page) == []
