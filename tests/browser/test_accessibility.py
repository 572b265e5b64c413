"""axe-core scan of every page, in German and Arabic, anonymous and as administrator.

Zero serious or critical WCAG 2.1 A/AA violations are allowed.
"""

import pytest

from app.accounts.models import User
from app.extensions import db
from app.pages.models import AccessibilityFeedback
from app.seed import DEMO_PASSWORD
from tests.browser.conftest import PHONE, run_axe
from tests.browser.second_factor import pass_second_step
from tests.database_template import DEMO

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
    DEMO.restore()
    use_language(axe_page, live_server, language)
    for path in PUBLIC_PAGES:
        assert_accessible(axe_page, path)
        assert axe_page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_behind_login(axe_page, live_server, language):
    DEMO.restore()
    admin = db.session.scalar(db.select(User).where(User.is_administrator.is_(True)))
    admin.locale = language
    db.session.add(AccessibilityFeedback(message="Der Kontrast der Knöpfe ist zu schwach."))
    db.session.commit()

    axe_page.goto("/account/login")
    axe_page.locator("#email").fill(admin.email)
    axe_page.locator("#password").fill(DEMO_PASSWORD)
    axe_page.locator("form.form button[type=submit]").click()
    pass_second_step(axe_page, admin.email)
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


def participation_world():
    """A consultation in its proposal phase with a proposal, an edit, a comment thread and an
    answer; a second one whose voting has ended, for the results page."""
    from app.accounts.models import RoleAssignment
    from app.comments import services as comment_services
    from app.proposals import services as proposal_services
    from app.regions.models import Region
    from tests.participation_builders import consultation, official_answer, proposal

    DEMO.restore()
    region = db.session.scalar(db.select(Region).where(Region.slug == "wiesbaden"))
    coordinator = db.session.scalar(
        db.select(User)
        .join(RoleAssignment, RoleAssignment.user_id == User.id)
        .where(RoleAssignment.region_id == region.id)
    )
    resident = db.session.scalar(db.select(User).where(User.email.like("bewohnerin%")))
    open_one = consultation(region=region, phase="proposals", title={"de": "Offene Beteiligung"})
    idea = proposal(open_one, resident, title="Sprachcafé im Stadtteilzentrum")
    proposal_services.edit_proposal(
        resident, idea, "Sprachcafé im Stadtteilzentrum, jeden Dienstag", idea.body, "de", None, 0
    )
    first = comment_services.add_comment(coordinator, idea, "Gute Idee!", "de", "in_favour")
    comment_services.add_comment(resident, idea, "Danke!", "tr", None, first.id)
    official_answer(idea, coordinator, status="under_review")
    finished = consultation(region=region, phase="results", title={"de": "Abgeschlossen"})
    proposal(finished, resident, title="Mehr Kita-Plätze", votes_for=3)
    db.session.commit()
    return open_one, idea, finished, first, coordinator


@pytest.mark.parametrize("language", LANGUAGES)
def test_participation_pages(axe_page, live_server, language):
    open_one, idea, finished, first_comment, coordinator = participation_world()
    coordinator.locale = language
    db.session.commit()
    axe_page.goto("/account/login")
    axe_page.locator("#email").fill(coordinator.email)
    axe_page.locator("#password").fill(DEMO_PASSWORD)
    axe_page.locator("form.form button[type=submit]").click()
    pass_second_step(axe_page, coordinator.email)
    base = f"/consultations/{open_one.id}"
    for path in [
        "/consultations/",
        base,
        f"{base}?q=sprach&sort=newest",
        f"{base}/proposals/new",
        f"{base}/proposals/{idea.id}",
        f"{base}/proposals/{idea.id}/history",
        f"{base}/proposals/{idea.id}/answer",
        f"{base}/proposals/{idea.id}/comments/{first_comment.id}/edit",
        f"{base}/edit",
        f"/consultations/new?region={open_one.region.slug}",
        f"/consultations/{finished.id}/results",
        "/moderation/",
        "/moderation/?view=decided",
        f"/moderation/contributions/{idea.id}",
        f"/moderation/report/{idea.id}",
        "/moderation/mine",
        "/moderation/appeals",
    ]:
        assert_accessible(axe_page, path)
