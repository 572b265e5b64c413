"""Monitoring in a real browser: the voluntary participation profile, a context figure from
official statistics, the public dashboard with its tables and downloads, and the withdrawal.

Setup: two model regions with consultations, proposals, comments and votes in two different
months; profiles of residents of Nordstadt (enough for its share to be published) and of two
residents of Südstadt (a group of fewer than 5, hidden); the coordinator of Nordstadt.

1. A resident with an Arabic UI answers the profile from her account page: without the consent
   she gets an error and keeps her answers; with it, her profile is stored.
2. The coordinator of Nordstadt adds the share of the population with a migration background
   for 2024 as "27,5"; the region's page shows 27,5 % beside the share among the participants.
3. A visitor sees Südstadt's profiles only as "fewer than 5", opens a chart's data table with
   the keyboard and downloads its CSV, which holds the numbers of the table.
4. The resident withdraws her consent: her answers are gone from the database at once.

Everything after the setup happens through clicks and typing; elements are found by id, name,
href, class or data, never by (translated) wording.
"""

import csv
import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import func, select

from app.extensions import db
from app.funding.deadlines import add_months, today_in_hesse
from app.monitoring.charts import fewer_than_text
from app.monitoring.models import ContextIndicator, ParticipationProfile, ProfileLanguage
from app.monitoring.periods import month_key
from app.proposals.models import ProposalStatus
from tests.browser.conftest import DESKTOP
from tests.browser.test_participation_journey import log_in, log_out
from tests.factories import (
    enrol_second_factor,
    make_field_of_action,
    make_region,
    make_user,
    make_user_with_role,
)
from tests.monitoring.builders import decision, participation_profiles, report, vote_at
from tests.monitoring.page_data import context_figure
from tests.participation_builders import comment, consultation, official_answer, proposal

RESIDENT = "layla@example.org"
COORDINATOR = "koordination@example.org"
SOURCE = "Hessisches Statistisches Landesamt, Mikrozensus 2024"
SOURCE_URL = "https://statistik.hessen.de/mikrozensus"


def _noon(month) -> datetime:
    """The 15th of a month at noon UTC: far from any Berlin month boundary."""
    return datetime(month.year, month.month, 15, 12, 0)


class World:
    """Two model regions with contributions in two months, profiles, a coordinator and a
    resident; ids, slugs and the hand-counted figures only, read after the commit."""

    def __init__(self):
        current = today_in_hesse().replace(day=1)
        self.months = (add_months(current, -3), add_months(current, -1))
        early, late = (_noon(month) for month in self.months)

        nordstadt = make_region(slug="nordstadt", de="Nordstadt", en="Nordstadt", ar="نوردشتات")
        suedstadt = make_region(slug="suedstadt", de="Südstadt", en="Südstadt", ar="زودشتات")
        language = make_field_of_action(
            slug="sprache", de="Sprache und Bildung", en="Language", ar="اللغة والتعليم"
        )
        work = make_field_of_action(slug="arbeit", de="Arbeit", en="Work", ar="العمل")
        nordstadt.fields_of_action = [language, work]
        suedstadt.fields_of_action = [language]
        coordinator = make_user_with_role("coordinator", region=nordstadt, email=COORDINATOR)
        enrol_second_factor(coordinator)
        self.resident = make_user(email=RESIDENT, display_name="Layla Haddad", locale="ar")
        people = [
            make_user(display_name=f"Mitglied {number}", home_region_id=nordstadt.id)
            for number in range(6)
        ]

        # Nordstadt: 3 proposals (2 early, 1 late), 5 comments, 7 votes.
        north = consultation(
            nordstadt,
            phase="discussion",
            title={"de": "Sprachkurse in der Nordstadt", "ar": "دورات اللغة في نوردشتات"},
            fields_of_action=[language, work],
        )
        first = proposal(north, people[0], field_of_action=language, created_at=early)
        proposal(north, people[1], field_of_action=work, created_at=early)
        third = proposal(north, people[2], field_of_action=language, language="ar", created_at=late)
        for author in people[3:6]:
            comment(first, author, created_at=early)
        comment(third, people[0], created_at=late)
        comment(third, people[4], language="tr", created_at=late)
        for voter in people[:4]:
            vote_at(first, voter, early)
        for voter in people[3:6]:
            vote_at(third, voter, late)
        official_answer(first, coordinator, ProposalStatus.ACCEPTED, "Wir nehmen das auf.")
        # A reported comment, hidden by the coordinator: not counted, but in the ministry view.
        spam = comment(first, people[5], moderation_state="hidden", created_at=early)
        report(spam, people[1], early)
        decision(spam, coordinator, early + timedelta(hours=5), action="hide", reason="spam")

        # Südstadt: 3 proposals (1 early, 2 late), 2 comments, 4 votes.
        south = consultation(
            suedstadt, phase="discussion", title={"de": "Lernhilfe in der Südstadt"}
        )
        fourth = proposal(south, people[5], field_of_action=language, created_at=early)
        proposal(south, people[4], field_of_action=language, created_at=late)
        proposal(south, people[3], created_at=late)
        comment(fourth, people[1], created_at=early)
        comment(fourth, people[2], created_at=late)
        for voter in people[:4]:
            vote_at(fourth, voter, late)

        # Profiles: 20 in Nordstadt (10 yes, 10 no), 2 in Südstadt, 10 without a home region.
        # The third group is needed: with two groups, a hidden Südstadt would give Nordstadt's
        # figures away as the total minus the rest, so Nordstadt would be hidden as well.
        for answer in ("yes", "no"):
            participation_profiles(
                10, region=nordstadt, migration=answer, age_band="30_44", languages=("de",)
            )
            participation_profiles(5, migration=answer, age_band="45_64", languages=("de",))
        participation_profiles(
            2, region=suedstadt, migration="yes", age_band="18_29", languages=("ar",)
        )
        context_figure(suedstadt, 31.0, year=2023, source="Statistik Südstadt")
        db.session.commit()

        self.nordstadt_id = nordstadt.id
        self.suedstadt_id = suedstadt.id
        self.language_field_id = language.id
        self.resident_id = self.resident.id
        self.coordinator_id = coordinator.id
        self.consultation_path = f"/consultations/{north.id}"
        self.proposal_path = f"/consultations/{north.id}/proposals/{first.id}"
        self.names = {
            "nordstadt": ("Nordstadt", "نوردشتات"),
            "suedstadt": ("Südstadt", "زودشتات"),
        }
        # Hand-counted: (proposals, comments, statements) per region in the default period.
        self.contributions = {"Nordstadt": (3, 5, 0), "Südstadt": (3, 2, 0)}
        self.period = {"from": month_key(self.months[0]), "to": month_key(self.months[1])}


def new_page(browser, live_server, locale: str = "de-DE"):
    context = browser.new_context(base_url=live_server, viewport=DESKTOP, locale=locale)
    return context.new_page()


def plain(text: str) -> str:
    """Text with the no-break spaces of number formats as plain spaces, trimmed."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def german_number(text: str) -> float:
    """'27,5 %' -> 27.5, '1.234' -> 1234.0."""
    digits = plain(text).replace("%", "").replace(" ", "").replace(".", "").replace(",", ".")
    return float(digits)


def table_of(page, chart_id: str) -> dict[tuple[str, int], tuple[str, str]]:
    """{(row label, series index): (cell text, state class)} of a chart's data table (read
    also while its <details> is closed)."""
    rows = page.locator(f"#chart-{chart_id} table.chart__table tbody tr")
    table = {}
    for index in range(rows.count()):
        row = rows.nth(index)
        label = plain(row.locator("th").text_content())
        cells = row.locator("td")
        for column in range(cells.count()):
            cell = cells.nth(column)
            state = re.search(r"chart__cell--(\w+)", cell.get_attribute("class")).group(1)
            table[(label, column)] = (plain(cell.text_content()), state)
    return table


def profile_rows(user_id: int):
    """The stored answers of one account: (profile, its language codes) or (None, [])."""
    db.session.rollback()  # see what the server committed
    profile = db.session.scalar(
        select(ParticipationProfile).where(ParticipationProfile.user_id == user_id)
    )
    if profile is None:
        return None, []
    return profile, sorted(row.language for row in profile.languages)


def test_profile_context_figure_dashboard_and_withdrawal(browser, live_server, app):
    world = World()
    profile_path = "/account/participation-profile"

    # 1. Layla (Arabic UI) answers the participation profile from her account page.
    page = new_page(browser, live_server)
    log_in(page, RESIDENT)
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.goto("/account/")
    page.locator(f"a[href='{profile_path}']").click()
    page.wait_for_url(f"**{profile_path}")
    assert page.locator("h1").count() == 1
    assert page.locator("#withdraw").count() == 0  # nothing to withdraw yet
    page.locator("input[name=age_band][value='30_44']").check()
    page.locator("input[name=home_languages][value=ar]").check()
    page.locator("input[name=home_languages][value=de]").check()
    page.locator("input[name=migration_experience][value=yes]").check()
    page.locator("#home_region").select_option(str(world.nordstadt_id))
    assert not page.locator("#consent").is_checked()
    page.locator("form.profile-form button[type=submit]").click()

    # Without consent: the error at the box and in the summary, her answers still there.
    page.locator("#consent-error").wait_for()
    assert page.locator(".error-summary a[href='#consent']").count() == 1
    assert page.locator("#consent").get_attribute("aria-invalid") == "true"
    assert page.locator("input[name=age_band][value='30_44']").is_checked()
    assert page.locator("input[name=home_languages][value=ar]").is_checked()
    assert page.locator("input[name=home_languages][value=de]").is_checked()
    assert not page.locator("input[name=home_languages][value=tr]").is_checked()
    assert page.locator("input[name=migration_experience][value=yes]").is_checked()
    assert page.locator("#home_region").input_value() == str(world.nordstadt_id)
    assert profile_rows(world.resident_id) == (None, [])

    page.locator("#consent").check()
    page.locator("form.profile-form button[type=submit]").click()
    page.locator("#withdraw").wait_for()  # shown once there is something to withdraw
    assert urlsplit(page.url).path == profile_path
    assert page.locator(".error-summary").count() == 0
    assert page.locator(".profile-status").count() == 1
    # The form shows the stored answers again (never the consent: it is given anew).
    assert page.locator("input[name=home_languages][value=ar]").is_checked()
    assert page.locator("input[name=migration_experience][value=yes]").is_checked()
    assert not page.locator("#consent").is_checked()
    profile, languages = profile_rows(world.resident_id)
    assert profile is not None
    assert languages == ["ar", "de"]
    assert (profile.age_band, profile.migration_experience, profile.home_region_id) == (
        "30_44",
        "yes",
        world.nordstadt_id,
    )
    assert profile.consent_given_at is not None
    log_out(page)
    page.context.close()

    # 2. The coordinator of Nordstadt adds the share of the population with a migration
    #    background, from the region's monitoring page.
    page = new_page(browser, live_server)
    log_in(page, COORDINATOR)
    page.goto("/monitoring/")
    page.locator("a.card__link[href^='/monitoring/regions/nordstadt']").click()
    page.wait_for_url("**/monitoring/regions/nordstadt*")
    context_index = "/monitoring/regions/nordstadt/context"
    page.locator(f"a[href='{context_index}']").first.click()
    page.wait_for_url(f"**{context_index}")
    assert page.locator("#context-migration_background_share .context-figure").count() == 0
    page.locator(f"a.button[href='{context_index}/new']").click()
    page.wait_for_url(f"**{context_index}/new")
    page.locator("#indicator").select_option("migration_background_share")
    page.locator("#year").fill("2024")
    page.locator("#value").fill("27,5")
    page.locator("#source").fill(SOURCE)
    page.locator("#source_url").fill(SOURCE_URL)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(f"**{context_index}#context-migration_background_share")
    figure = page.locator("#context-migration_background_share .context-figure")
    assert figure.count() == 1
    assert plain(figure.locator(".context-figure__year").inner_text()) == "2024"
    assert plain(figure.locator("[data-value]").inner_text()) == "27,5 %"
    assert figure.locator(f"[data-source] a[href='{SOURCE_URL}']").inner_text() == SOURCE

    page.goto("/monitoring/regions/nordstadt")
    # The reach chart of one region: the participants' share and the population's, side by
    # side (11 of 21 profiles answered yes, Layla's included).
    reach = table_of(page, "reach")
    rows = page.locator("#chart-reach table.chart__table tbody tr")
    assert rows.count() == 2
    participants = plain(rows.nth(0).locator("td").text_content())
    population = plain(rows.nth(1).locator("td").text_content())
    assert (participants, population) == ("52,4 %", "27,5 %"), reach
    assert page.locator("#chart-reach svg rect.chart__bar").count() == 2
    context = page.locator("#context .monitoring-context__item")
    assert context.count() == 1
    assert plain(context.locator(".monitoring-context__value").inner_text()) == "27,5 %"
    assert context.locator(f"a[href='{SOURCE_URL}']").inner_text() == SOURCE
    db.session.rollback()
    stored = db.session.scalars(select(ContextIndicator)).all()
    assert sorted((c.region_id, c.key, c.year, c.value, c.source) for c in stored) == [
        (world.nordstadt_id, "migration_background_share", 2024, 27.5, SOURCE),
        (world.suedstadt_id, "migration_background_share", 2023, 31.0, "Statistik Südstadt"),
    ]
    nordstadt_figure = next(c for c in stored if c.region_id == world.nordstadt_id)
    assert nordstadt_figure.entered_by_id == world.coordinator_id
    log_out(page)
    page.context.close()

    # 3. A visitor reads the dashboard.
    page = new_page(browser, live_server)
    page.goto("/monitoring/")
    assert page.locator("h1").count() == 1
    assert page.locator("form[action='/account/logout']").count() == 0

    # Südstadt has 2 profiles: its share is hidden (marked as such), Nordstadt's shown.
    reach = table_of(page, "reach")
    hidden_text, hidden_state = reach[("Südstadt", 0)]
    assert hidden_state == "suppressed"
    assert re.findall(r"\d+", hidden_text) == ["5"]  # "fewer than 5", no number of its own
    assert reach[("Südstadt", 1)] == ("31 %", "value")  # the population, from statistics
    assert reach[("Nordstadt", 0)] == ("52,4 %", "value")
    assert reach[("Nordstadt", 1)] == ("27,5 %", "value")
    assert page.locator("#chart-reach svg text.chart__suppressed").count() >= 1
    # Bars only for the figures shown: Nordstadt's two and Südstadt's population.
    assert page.locator("#chart-reach svg rect.chart__bar").count() == 3
    # The note on the profiles counted per region: Südstadt's count is "fewer than 5".
    with app.test_request_context(headers={"Accept-Language": "de"}):
        fewer_than = plain(fewer_than_text())
    notes = [
        plain(text) for text in page.locator("#chart-reach .chart__notes li").all_inner_texts()
    ]
    south_note = next(note for note in notes if note.startswith("Südstadt"))
    assert fewer_than in south_note
    assert re.findall(r"\d+", south_note.replace("2023", "")) == ["5"]
    north_note = next(note for note in notes if note.startswith("Nordstadt"))
    assert "21" in north_note

    # The data table of the reach chart, opened with the keyboard: the table of contents'
    # link to the section (Enter), then Tab to the chart's summary and Enter.
    details = page.locator("#chart-reach details.chart__data")
    assert details.get_attribute("open") is None
    assert not details.locator("table").is_visible()
    page.locator("nav.monitoring-toc a[href='#reach']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/monitoring/#reach")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "document.activeElement.matches('#chart-reach details.chart__data > summary')"
    )
    assert focused, page.evaluate("document.activeElement.outerHTML")
    page.keyboard.press("Enter")
    assert details.get_attribute("open") is not None
    cell = details.locator("tbody tr").nth(1).locator("td").nth(0)  # Südstadt, participants
    assert cell.is_visible()
    assert "chart__cell--suppressed" in cell.get_attribute("class")

    # The CSV of that chart holds exactly the table's numbers.
    with page.expect_download() as download_info:
        page.locator("#chart-reach .chart__downloads a[href*='/charts/reach.csv']").click()
    download = download_info.value
    assert download.suggested_filename.startswith("mitreden-reach")
    assert download.suggested_filename.endswith(".csv")
    with Path(download.path()).open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    series_keys = ["participants", "population"]
    assert [(r["category_key"], r["series_key"]) for r in records] == [
        (region, key) for region in ("nordstadt", "suedstadt") for key in series_keys
    ]
    labels = {"nordstadt": "Nordstadt", "suedstadt": "Südstadt"}
    for record in records:
        text, state = reach[
            (labels[record["category_key"]], series_keys.index(record["series_key"]))
        ]
        if state == "suppressed":
            assert (record["value"], record["suppressed"]) == ("", "true")
        else:
            assert record["suppressed"] == "false"
            assert float(record["value"]) == german_number(text), (record, text)
    assert {(r["category_key"], r["value"]) for r in records} == {
        ("nordstadt", "52.4"),
        ("nordstadt", "27.5"),
        ("suedstadt", ""),
        ("suedstadt", "31"),
    }

    # The same for a chart of counts: contributions per region, hand-counted.
    contributions = table_of(page, "contributions")
    for region, counts in world.contributions.items():
        assert [contributions[(region, index)] for index in range(3)] == [
            (str(count), "value") for count in counts
        ]
    with page.expect_download() as download_info:
        page.locator("#chart-contributions a[href*='/charts/contributions.csv']").click()
    with Path(download_info.value.path()).open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    assert len(records) == 6
    order = ["proposals", "comments", "statements"]
    for record in records:
        text, _state = contributions[(record["category"], order.index(record["series_key"]))]
        assert record["value"] == text
        assert record["suppressed"] == "false"

    # Südstadt's own page: its two profiles give no figure at all, every age band is hidden.
    page.locator("a.card__link[href^='/monitoring/regions/suedstadt']").click()
    page.wait_for_url("**/monitoring/regions/suedstadt*")
    ages = table_of(page, "age-bands")
    assert ages and {state for _text, state in ages.values()} == {"suppressed"}
    assert all(re.findall(r"\d+", text) == ["5"] for text, _state in ages.values())
    assert page.locator("#chart-age-bands svg rect.chart__bar").count() == 0
    assert page.locator("#chart-age-bands svg text.chart__suppressed").count() >= 1
    share = page.locator("#chart-reach table.chart__table tbody tr").nth(0).locator("td")
    assert "chart__cell--suppressed" in share.get_attribute("class")  # the participants' share
    page.context.close()

    # 4. Layla withdraws her consent: her answers are deleted at once.
    page = new_page(browser, live_server)
    log_in(page, RESIDENT)
    page.goto(profile_path)
    page.once("dialog", lambda dialog: dialog.accept())  # "Delete all your answers now?"
    page.locator(f"form[action='{profile_path}/withdraw'] button[type=submit]").click()
    page.wait_for_url(f"**{profile_path}")
    page.locator(".flash-messages").wait_for()
    assert page.locator("#withdraw").count() == 0
    assert not page.locator("input[name=home_languages][value=ar]").is_checked()
    assert profile_rows(world.resident_id) == (None, [])
    # Only the other profiles' languages are left: 20 in Nordstadt, 10 without region, 2.
    assert db.session.scalar(select(func.count(ProfileLanguage.id))) == 20 + 10 + 2
    assert db.session.scalar(select(func.count(ParticipationProfile.id))) == 20 + 10 + 2
    # Back to Nordstadt's 20 profiles: 10 of 20 answered yes.
    page.goto("/monitoring/")
    share, state = table_of(page, "reach")[(world.names["nordstadt"][1], 0)]
    assert state == "value"
    assert re.findall(r"\d+", share) == ["50"]
    page.context.close()
