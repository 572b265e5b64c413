"""A newcomer's first visit in a real browser: register, confirm, log in, Arabic, log out."""

import re

from app.seed import load_base_data
from tests.conftest import Mailbox

PASSWORD = "ein sicheres passwort für mitreden"


def test_register_confirm_login_switch_to_arabic_logout(page, app):
    load_base_data()
    mailbox = Mailbox(app)

    page.goto("/")
    page.get_by_role("link", name="Registrieren").first.click()
    page.get_by_label("E-Mail-Adresse").fill("Leyla@Example.org")
    page.get_by_label("Anzeigename").fill("Leyla")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_label("Bevorzugte Sprache").select_option("de")
    page.get_by_label(re.compile("Datenschutzerklärung gelesen")).check()
    page.get_by_role("button", name="Konto anlegen").click()
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Bitte prüfen Sie Ihr E-Mail-Postfach"
    )

    link = mailbox.last_link("leyla@example.org", "/account/confirm/")
    page.goto(link)
    page.get_by_role("button", name="E-Mail-Adresse bestätigen").click()
    assert "bestätigt" in page.get_by_role("status").first.inner_text()

    page.get_by_label("E-Mail-Adresse").fill("leyla@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    assert page.get_by_role("link", name="Leyla").is_visible()

    page.get_by_label("Sprache", exact=True).select_option("ar")
    page.get_by_role("button", name="Ändern").click()
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    # The choice is kept in the profile, not only in this browser.
    page.context.clear_cookies(name="mitreden_locale")
    page.reload()
    assert page.locator("html").get_attribute("dir") == "rtl"

    page.locator("form[action='/account/logout'] button").click()
    assert page.get_by_role("link", name="Leyla").count() == 0
    assert page.locator("a[href='/account/login']").first.is_visible()


def test_form_errors_are_announced_and_tied_to_fields(page):
    page.goto("/account/register")
    page.get_by_label("E-Mail-Adresse").fill("kein-at-zeichen")
    page.get_by_label("Anzeigename").fill("Ali")
    page.get_by_role("button", name="Konto anlegen").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    # Focus moves to the summary, so screen readers read it first.
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    email = page.get_by_label("E-Mail-Adresse")
    assert email.get_attribute("aria-invalid") == "true"
    assert "email-error" in email.get_attribute("aria-describedby")
    assert email.input_value() == "kein-at-zeichen"
    assert page.get_by_label("Anzeigename").input_value() == "Ali"


def test_skip_link_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Hauptinhalt springen")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
