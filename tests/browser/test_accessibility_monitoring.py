"""axe-core scans of the monitoring pages in German and Arabic: the public dashboard and region
view (with and without filters), the printable report (also as printed), the ministry view,
the context figures of the coordination and the participation profile, with forms sent with
mistakes.

Zero serious or critical WCAG 2.1 A/AA violations and exactly one h1 per page; at phone width
(360 px) the pages do not scroll sideways; in forced-colours mode the charts' bars and lines
are drawn in a visible system colour.
"""

from urllib.parse import urlencode

import pytest

from app.accounts.models import User
from app.extensions import db
from app.monitoring.models import ContextIndicator
from tests.browser.conftest import run_axe
from tests.browser.test_accessibility import LANGUAGES, assert_accessible, use_language
from tests.browser.test_accessibility_organisations import log_in_as
from tests.browser.test_monitoring_journey import World

PHONE_360 = {"width": 360, "height": 780}
NORDSTADT = "/monitoring/regions/nordstadt"
CONTEXT = f"{NORDSTADT}/context"
PROFILE = "/account/participation-profile"


def filtered(path: str, world: World) -> str:
    return f"{path}?{urlencode({**world.period, 'field': world.language_field_id})}"


def assert_page_accessible(page, path: str, shows: str) -> None:
    """The page at `path` shows `shows` (so an error page cannot pass), one h1, no violations."""
    assert_accessible(page, path)
    assert page.locator(shows).count() >= 1, f"{path}: no {shows}"


def assert_errors_accessible(page, *error_ids: str) -> None:
    """After a form was sent with mistakes: each error shown (waits for the answer, fails if
    never shown), the summary above, one h1, no violations."""
    for error_id in error_ids:
        page.locator(f"#{error_id}").wait_for()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("h1").count() == 1
    violations = run_axe(page)
    assert violations == [], f"{page.url} with errors: {violations}"


def assert_no_sideways_scrolling(page, path: str) -> None:
    page.goto(path)
    assert page.locator("h1").count() == 1, path
    sizes = page.evaluate(
        "({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert sizes["scroll"] <= sizes["inner"], f"{path}: {sizes['scroll']}px wide on a phone"


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages(axe_page, live_server, language):
    world = World()
    use_language(axe_page, live_server, language)
    for path, shows in [
        ("/monitoring/", "#chart-reach"),
        (filtered("/monitoring/", world), "#chart-contributions"),
        (NORDSTADT, "#chart-region-activity-by-month"),
        (filtered(NORDSTADT, world), "#chart-region-fields"),
        ("/monitoring/regions/suedstadt", "#chart-reach"),
        (f"{NORDSTADT}/report", ".monitoring-report #chart-reach"),
        (filtered(f"{NORDSTADT}/report", world), ".monitoring-report #chart-region-fields"),
    ]:
        assert_page_accessible(axe_page, path, shows)
        assert axe_page.locator("html").get_attribute("lang") == language

    # The pages show what they are scanned for: charts with tables and downloads, the hidden
    # small group, the filters applied.
    axe_page.goto(filtered("/monitoring/", world))
    assert axe_page.locator("#monitoring-field").input_value() == str(world.language_field_id)
    assert axe_page.locator("#monitoring-from").input_value() == world.period["from"]
    assert axe_page.locator("figure.chart svg[role=img]").count() >= 10
    assert axe_page.locator("#chart-reach td.chart__cell--suppressed").count() >= 1
    assert axe_page.locator("a[href*='/monitoring/charts/contributions.csv']").count() == 1
    # Opened data tables are scanned too.
    for summary in axe_page.locator("details.chart__data > summary").all()[:4]:
        summary.click()
    assert run_axe(axe_page) == []

    # The report as printed: navigation, filters and downloads left out, every table shown.
    axe_page.goto(f"{NORDSTADT}/report")
    axe_page.emulate_media(media="print")
    assert axe_page.locator("h1").count() == 1
    assert not axe_page.locator(".monitoring-filters").is_visible()
    assert not axe_page.locator(".site-header").is_visible()
    assert not axe_page.locator("nav.breadcrumbs").is_visible()
    tables = axe_page.locator(".report-chart table.chart__table")
    assert tables.count() >= 5
    assert all(table.is_visible() for table in tables.all())
    violations = run_axe(axe_page)
    assert violations == [], f"report, printed: {violations}"
    axe_page.emulate_media(media="screen")


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_of_the_coordination(axe_page, live_server, language):
    world = World()
    coordinator = db.session.get(User, world.coordinator_id)
    log_in_as(axe_page, coordinator, language)
    for path, shows in [
        ("/monitoring/internal", "#chart-internal-moderation-decisions svg[role=img]"),
        (filtered("/monitoring/internal", world), "figure.chart"),
        (NORDSTADT, f"a[href='{CONTEXT}']"),
        (CONTEXT, f"a.button[href='{CONTEXT}/new']"),  # no figures yet
        (f"{CONTEXT}/new", "#indicator"),
        (f"{CONTEXT}/new?indicator=population", "#indicator option[value=population][selected]"),
    ]:
        assert_page_accessible(axe_page, path, shows)
        assert axe_page.locator("html").get_attribute("lang") == language

    # The form sent empty, then with a value that is no number, a year far off and an address
    # that is none.
    axe_page.goto(f"{CONTEXT}/new")
    axe_page.locator("form.form button[type=submit]").click()
    assert_errors_accessible(axe_page, "year-error", "value-error", "source-error")
    axe_page.locator("#year").fill("1850")
    axe_page.locator("#value").fill("etwa ein Viertel")
    axe_page.locator("#source").fill("Statistik")
    axe_page.locator("#source_url").fill("kein Link")
    axe_page.locator("form.form button[type=submit]").click()
    assert_errors_accessible(axe_page, "year-error", "value-error", "source_url-error")
    assert axe_page.locator("#value").input_value() == "etwa ein Viertel"  # kept

    # A figure added: the list, its edit form (also with a mistake) and the deletion question.
    axe_page.goto(f"{CONTEXT}/new")
    axe_page.locator("#indicator").select_option("migration_background_share")
    axe_page.locator("#year").fill("2024")
    axe_page.locator("#value").fill("27,5")
    axe_page.locator("#source").fill("Hessisches Statistisches Landesamt, Mikrozensus 2024")
    axe_page.locator("#note").fill("Personen mit eigener oder elterlicher Zuwanderung.")
    axe_page.locator("form.form button[type=submit]").click()
    axe_page.wait_for_url(f"**{CONTEXT}#context-migration_background_share")
    assert axe_page.locator("#context-migration_background_share .context-figure").count() == 1
    assert axe_page.locator("h1").count() == 1
    assert run_axe(axe_page) == []
    db.session.rollback()
    indicator = db.session.scalar(
        db.select(ContextIndicator).where(ContextIndicator.region_id == world.nordstadt_id)
    )
    edit = f"/monitoring/context/{indicator.id}/edit"
    delete = f"/monitoring/context/{indicator.id}/delete"
    assert_page_accessible(axe_page, edit, "#value")
    assert axe_page.locator("#value").input_value() == ("27,5" if language == "de" else "27.5")
    assert_page_accessible(axe_page, delete, f"form[action='{delete}'] button[type=submit]")
    assert_page_accessible(axe_page, NORDSTADT, "#context .monitoring-context__item")
    axe_page.goto(edit)
    axe_page.locator("#value").fill("")
    axe_page.locator("form.form button[type=submit]").click()
    assert_errors_accessible(axe_page, "value-error")


@pytest.mark.parametrize("language", LANGUAGES)
def test_participation_profile_page(axe_page, live_server, language):
    world = World()
    log_in_as(axe_page, world.resident, language)
    assert_page_accessible(axe_page, PROFILE, "form.profile-form #consent")  # empty
    assert axe_page.locator("#withdraw").count() == 0
    axe_page.locator("input[name=age_band][value='18_29']").check()
    axe_page.locator("input[name=home_languages][value=ar]").check()
    axe_page.locator("input[name=migration_experience][value=prefer_not]").check()
    axe_page.locator("form.profile-form button[type=submit]").click()
    assert_errors_accessible(axe_page, "consent-error")  # no consent
    axe_page.locator("#consent").check()
    axe_page.locator("form.profile-form button[type=submit]").click()
    axe_page.locator("#withdraw").wait_for()
    assert_page_accessible(axe_page, PROFILE, "#withdraw form button")  # filled
    assert axe_page.locator("input[name=home_languages][value=ar]").is_checked()
    # The languages are named in themselves too, each marked with its language.
    assert axe_page.locator(".profile-languages__endonym[lang=tr]").count() == 1
    assert axe_page.locator(".profile-languages__endonym[lang=fa][dir=rtl]").count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_main_pages_at_phone_width(axe_page, live_server, language):
    world = World()
    log_in_as(axe_page, world.resident, language)
    axe_page.set_viewport_size(PHONE_360)
    for path in [
        "/monitoring/",
        filtered("/monitoring/", world),
        NORDSTADT,
        f"{NORDSTADT}/report",
        PROFILE,
    ]:
        assert_no_sideways_scrolling(axe_page, path)
        assert run_axe(axe_page) == [], path
    # Opened data tables scroll in their own box, not the page.
    axe_page.goto("/monitoring/")
    for summary in axe_page.locator("details.chart__data > summary").all():
        summary.click()
    width = axe_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_360["width"], f"/monitoring/ with open tables: {width}px"


FORCED_COLOURS_CHECK = """() => {
    const probe = document.createElement('span');
    probe.style.color = 'CanvasText';
    probe.style.backgroundColor = 'Canvas';
    document.body.append(probe);
    const text = getComputedStyle(probe).color;
    const canvas = getComputedStyle(probe).backgroundColor;
    probe.remove();
    const invisible = (colour) =>
        !colour || colour === 'none' || colour === 'transparent' || colour === canvas
        || /rgba\\(.*, 0\\)$/.test(colour);
    const problems = [];
    const check = (selector, property) => {
        const found = document.querySelectorAll(selector);
        for (const element of found) {
            const style = getComputedStyle(element);
            const value = style[property];
            const width = parseFloat(style.strokeWidth);
            if (invisible(value) || (property === 'stroke' && !(width > 0))) {
                problems.push(`${selector} ${property}=${value} width=${style.strokeWidth}`);
            }
        }
        return found.length;
    };
    return {
        forced: matchMedia('(forced-colors: active)').matches,
        text,
        canvas,
        bars: check('svg.chart__svg rect.chart__bar', 'stroke'),
        fills: check('svg.chart__svg pattern .chart__fg', 'fill'),
        lines: check('svg.chart__svg polyline.chart__line', 'stroke'),
        points: check('svg.chart__svg .chart__point', 'fill'),
        barStrokes: [...new Set([...document.querySelectorAll('svg.chart__svg rect.chart__bar')]
            .map((element) => getComputedStyle(element).stroke))],
        problems,
    };
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_charts_in_forced_colours(browser, live_server, language):
    """Bars, pattern fills, lines and points in the system's text colour, never transparent or
    in the background colour: with a light palette (German) and a dark one (Arabic)."""
    World()
    context = browser.new_context(
        base_url=live_server,
        viewport={"width": 1280, "height": 900},
        forced_colors="active",
        color_scheme="dark" if language == "ar" else "light",
    )
    page = context.new_page()
    use_language(page, live_server, language)
    for path in ["/monitoring/", NORDSTADT, f"{NORDSTADT}/report"]:
        page.goto(path)
        result = page.evaluate(FORCED_COLOURS_CHECK)
        assert result["forced"], "forced colours are not active"
        assert result["problems"] == [], f"{path}: {result['problems']}"
        assert result["bars"] >= 5 and result["fills"] >= 1, (path, result)
        assert result["lines"] >= 1 and result["points"] >= 1, (path, result)
        # Every bar is outlined in the text colour of the system palette.
        assert result["barStrokes"] == [result["text"]], (path, result)
    context.close()
