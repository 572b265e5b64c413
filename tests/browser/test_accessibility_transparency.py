"""axe-core scan of the funding programme, project approach, action concept and open-data pages,
in German and Arabic, as the people who use them: the region's coordinator and a resident.

Zero serious or critical WCAG 2.1 A/AA violations and exactly one h1 per page, also with the
forms sent with mistakes; on a phone the main pages do not scroll sideways.
"""

from datetime import date, timedelta

import pytest

from app.concepts.models import ConceptComment, VersionState
from app.extensions import db
from app.funding.deadlines import today_in_hesse
from app.funding.models import FunderLevel, ProgrammeDeadline, ProgrammeStatus, Recurrence
from app.projects.models import ProjectStatus
from app.proposals.models import ProposalStatus
from tests.browser.conftest import PHONE, run_axe
from tests.browser.test_accessibility import LANGUAGES, assert_accessible
from tests.browser.test_accessibility_organisations import (
    assert_form_errors_accessible,
    log_in_as,
)
from tests.concepts import page_builders as concept
from tests.factories import (
    enrol_second_factor,
    make_field_of_action,
    make_region,
    make_user,
    make_user_with_role,
)
from tests.organisation_builders import organisation
from tests.participation_builders import consultation, official_answer, proposal
from tests.projects.builders import APPLIED, GRANTED, programme, project

IDEA = "Abendkurse mit Kinderbetreuung"


class World:
    """Two regions, two programmes, four projects, three versions of Nordstadt's action concept
    (the third a draft put up for comment); ids and paths only, read after the commit."""

    def __init__(self):
        today = today_in_hesse()
        nordstadt = make_region(slug="nordstadt", de="Nordstadt", en="Nordstadt", ar="نوردشتات")
        suedstadt = make_region(slug="suedstadt", de="Südstadt", en="Südstadt", ar="زودشتات")
        language = make_field_of_action(
            slug="sprache", de="Sprache und Bildung", en="Language", ar="اللغة والتعليم"
        )
        work = make_field_of_action(slug="arbeit", de="Arbeit", en="Work", ar="العمل")
        nordstadt.fields_of_action = [language, work]
        suedstadt.fields_of_action = [language]
        self.coordinator = make_user_with_role(
            "coordinator", region=nordstadt, email="koordination@example.org"
        )
        enrol_second_factor(self.coordinator)
        self.resident = make_user(email="olena@example.org", display_name="Olena Kovalenko")
        org = organisation(nordstadt, name="Arabischer Frauenverein Nordstadt e. V.")

        # Funding programmes: one for all regions with deadlines soon, one for Nordstadt only.
        wir = programme(
            "WIR – Vielfalt ist Hessens Zukunft",
            fields=[language],
            funder="Hessisches Ministerium für Soziales und Integration",
        )
        wir.target_groups = "Vereine, Kommunen, Migrantenorganisationen"
        wir.amount_min, wir.amount_max, wir.co_funding_percent = 5000, 150000, 10
        wir.url = "https://soziales.hessen.example.org/wir"
        wir.contact = "wir@hessen.example.org"
        wir.description = {
            "de": "Fördert **Integrationsarbeit** vor Ort:\n\n- Sprachkurse\n- Beratung",
            "ar": "يدعم أعمال الاندماج المحلية.",
        }
        wir.deadlines = [
            ProgrammeDeadline(due_on=today + timedelta(days=10), label="Erste Antragsrunde"),
            ProgrammeDeadline(due_on=date(2025, 3, 31), recurrence=Recurrence.YEARLY),
        ]
        amif = programme(
            "Asyl-, Migrations- und Integrationsfonds (AMIF)",
            all_regions=False,
            regions=[nordstadt],
            funder="Europäische Union",
            level=FunderLevel.EU,
        )
        amif.deadlines = [ProgrammeDeadline(due_on=today + timedelta(days=40))]
        programme(
            "Stiftungsfonds Teilhabe", level=FunderLevel.FOUNDATION, status=ProgrammeStatus.CLOSED
        )

        # A consultation in its discussion phase; the resident's proposal was accepted.
        talk = consultation(
            region=nordstadt,
            phase="discussion",
            title={"de": "Sprachkurse in der Nordstadt", "ar": "دورات اللغة في الحي الشمالي"},
            fields_of_action=[language],
        )
        idea = proposal(
            talk,
            self.resident,
            title=IDEA,
            body="Sprachkurse am Abend, während die Kinder betreut werden.",
            field_of_action=language,
        )
        proposal(talk, self.resident, title="Sprachpatenschaften für Neuangekommene")
        official_answer(idea, self.coordinator, ProposalStatus.ACCEPTED, "Wir nehmen das auf.")

        # Project approaches: two overlapping in Nordstadt, one completed, one elsewhere.
        cafe = project(
            nordstadt,
            "Sprachcafé mit Kinderbetreuung",
            field=language,
            starts_on=date(2026, 1, 1),
            ends_on=date(2027, 12, 31),
            lead=org,
            partners=[org, "Stadtbibliothek Nordstadt"],
            fundings=[(wir, GRANTED, 24000), (amif, APPLIED, 10000)],
            proposals=[idea],
            budget=40000,
            description="Jeden Dienstagabend Deutsch üben, während die Kinder betreut werden.",
        )
        project(
            nordstadt,
            "Sprachpaten Nordstadt",
            field=language,
            starts_on=date(2026, 3, 1),
            ends_on=date(2026, 12, 31),
            lead_name="Volkshochschule Nordstadt",
        )
        done = project(
            nordstadt,
            "Bewerbungstraining für Frauen",
            field=work,
            status=ProjectStatus.COMPLETED,
            starts_on=date(2024, 1, 1),
            ends_on=date(2024, 12, 31),
            fundings=[(wir, GRANTED, 8000)],
            results_summary="32 Teilnehmerinnen, 11 fanden eine Stelle.",
        )
        project(suedstadt, "Lernhilfe Südstadt", field=language, starts_on=date(2025, 9, 1))

        # The action concept: version 1, version 2 (current) and the draft of version 3.
        first = concept.version(nordstadt, 1, valid_from=date(2025, 3, 1), note="Erste Fassung.")
        goal = concept.goal(first, language, "Mehr Eltern sprechen Deutsch", key="g-eltern")
        concept.measure(goal, "Sprachcafés in jedem Stadtteil", key="m-cafes")
        concept.measure(goal, "Sprachkurse im Rathaus", key="m-rathaus")

        second = concept.version(
            nordstadt, 2, valid_from=date(2026, 2, 1), note="Maßnahmen aus der Beteiligung."
        )
        goal = concept.goal(
            second, language, "Mehr Eltern und Großeltern sprechen Deutsch", key="g-eltern"
        )
        self.measure = concept.measure(
            goal,
            "Sprachcafés mit Kinderbetreuung in jedem Stadtteil",
            key="m-cafes",
            status="in_progress",
            responsible="Amt für Integration",
            timeframe="2026 bis 2027",
            proposals=[idea],
            projects=[cafe],
        )
        concept.measure(
            goal, "Abendkurse in Schulen", key="m-abend", description="Zweimal pro Woche."
        )
        work_goal = concept.goal(second, work, "Mehr Frauen finden Arbeit", key="g-arbeit")
        concept.measure(work_goal, "Bewerbungstrainings", key="m-bewerbung", projects=[done])

        draft = concept.version(nordstadt, 3, state=VersionState.DRAFT)
        draft_goal = concept.goal(
            draft, language, "Mehr Eltern und Großeltern sprechen Deutsch", key="g-eltern"
        )
        concept.measure(draft_goal, "Sprachcafés mit Kinderbetreuung", key="m-cafes")
        draft_measure = concept.measure(draft_goal, "Abendkurse in allen Schulen", key="m-abend")
        talk.concept_version = draft
        db.session.add(
            ConceptComment(
                consultation_id=talk.id,
                author_id=self.resident.id,
                item_id=draft_measure.id,
                body="Bitte auch *samstags*, viele arbeiten abends.",
                language="de",
                stance="in_favour",
                moderation_state="published",
            )
        )
        db.session.commit()

        self.draft_measure_key = draft_measure.key
        self.programme = f"/funding/{wir.id}"
        self.programme_list = (
            "/funding/?q=vielfalt&field=sprache&region=nordstadt&level=state&within=26&open=1"
        )
        self.projects = "/projects/?region=nordstadt"
        self.filtered_projects = "/projects/?region=nordstadt&field=sprache&status=running"
        self.project = f"/projects/{cafe.id}"
        self.completed_project = f"/projects/{done.id}"
        self.new_project = "/projects/new?region=nordstadt"
        base = "/regions/nordstadt/concept"
        self.concept = base
        self.earlier_version = f"{base}/versions/1"
        self.comparison = f"{base}/compare?from=1&to=2"
        self.draft_comparison = f"{base}/compare?from=2&to=3"
        self.draft = f"{base}/draft"
        self.edit_goal = f"{base}/items/{draft_goal.id}/edit"
        self.edit_measure = f"{base}/items/{draft_measure.id}/edit"
        self.new_measure = f"{base}/goals/{draft_goal.id}/measures/new"
        self.publish = f"{base}/publish"
        self.discussion = f"/consultations/{talk.id}/concept"
        self.proposal = f"/consultations/{talk.id}/proposals/{idea.id}"


def assert_comment_errors_accessible(page, world) -> None:
    """An empty comment on the draft's measure: the page again with the error at that form."""
    page.goto(world.discussion)
    measure = page.locator(f"li#item-{world.draft_measure_key}")
    measure.locator("details.concept-comment-form summary").click()
    measure.locator("details.concept-comment-form button[type=submit]").click()
    form = page.locator(f"li#item-{world.draft_measure_key} details.concept-comment-form")
    form.locator(".error-summary").wait_for()  # waits for the answer; fails if never shown
    assert form.get_attribute("open") is not None  # opened by the server, with the error
    assert page.locator("h1").count() == 1
    violations = run_axe(page)
    assert violations == [], f"{world.discussion} with errors: {violations}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_of_the_coordination(axe_page, live_server, language):
    world = World()
    log_in_as(axe_page, world.coordinator, language)

    for path in [
        world.programme_list,
        "/funding/deadlines",
        "/funding/deadlines?weeks=26",
        world.programme,
        "/funding/new",
        f"{world.programme}/edit",
        "/projects/",
        world.projects,
        world.filtered_projects,
        world.project,
        world.completed_project,
        world.new_project,
        f"{world.project}/edit",
        "/projects/coordination",
        world.concept,
        world.earlier_version,
        world.comparison,
        world.draft_comparison,
        world.draft,
        world.edit_goal,
        world.edit_measure,
        world.new_measure,
        world.publish,
        world.discussion,
        "/open-data/",
        world.proposal,
    ]:
        assert_accessible(axe_page, path)
        assert axe_page.locator("html").get_attribute("lang") == language

    # The pages show what they are scanned for.
    axe_page.goto(world.programme_list)
    assert axe_page.locator(".programme-card").count() == 1
    axe_page.goto("/funding/deadlines")
    assert axe_page.locator(f"a[href='{world.programme}']").count() >= 1
    axe_page.goto(world.programme)
    assert axe_page.locator("table.deadline-table tbody tr").count() == 2
    assert axe_page.locator(f"#projects a[href='{world.project}']").count() == 1
    axe_page.goto(world.project)
    assert axe_page.locator("ul.project-fundings li").count() == 2
    # Amounts are isolated, so the euro sign stays after its number in right-to-left pages.
    assert axe_page.locator("ul.project-fundings bdi.amount").count() == 2
    assert axe_page.locator(".project-overlaps").count() == 1
    assert axe_page.locator(f"a[href='{world.proposal}']").count() == 1
    axe_page.goto(world.completed_project)
    assert axe_page.locator(".project-results").count() == 1
    axe_page.goto(world.comparison)
    assert axe_page.locator(".concept-change--added").count() >= 1
    assert axe_page.locator(".concept-change--removed").count() >= 1
    assert axe_page.locator(".concept-change--changed").count() >= 1
    axe_page.goto(world.discussion)
    assert axe_page.locator(".concept-comments .comment").count() == 1
    assert axe_page.locator("details.concept-comment-form").count() >= 1
    axe_page.goto(world.proposal)
    outcome = axe_page.locator("#what-became-of-it")
    assert outcome.locator(f"a[href='{world.concept}#item-{world.measure.key}']").count() == 1
    assert outcome.locator(f"a[href='{world.project}']").count() == 1

    # Forms sent with mistakes; wait_for() waits until each error shows (or fails).
    axe_page.goto("/funding/new")
    axe_page.locator("#amount_min").fill("9000")
    axe_page.locator("#amount_max").fill("100")
    axe_page.locator("#all_regions").uncheck()  # and no region chosen
    axe_page.locator("#deadline_0_label").fill("Ohne Datum")
    axe_page.locator("form.programme-form button[type=submit]").click()
    axe_page.locator("#amount_max-error").wait_for()
    axe_page.locator("#deadline_0_due_on-error").wait_for()
    axe_page.locator("#regions-error").wait_for()
    axe_page.locator(".error-summary").wait_for()
    assert axe_page.locator("h1").count() == 1
    assert run_axe(axe_page) == []

    axe_page.goto(world.new_project)
    axe_page.locator("#starts_on").fill("2027-01-01")
    axe_page.locator("#ends_on").fill("2026-01-01")
    axe_page.locator("#fundings-0-amount").fill("500")
    axe_page.locator(".project-form form.form button[type=submit]").click()
    axe_page.locator("#title-error").wait_for()
    axe_page.locator("#ends_on-error").wait_for()
    axe_page.locator("#fundings-0-amount-error").wait_for()
    axe_page.locator(".error-summary").wait_for()
    assert axe_page.locator("h1").count() == 1
    assert run_axe(axe_page) == []

    axe_page.goto(world.edit_measure)
    axe_page.locator("#title").fill("")
    axe_page.locator("#position").fill("1000")
    axe_page.locator("form.concept-item-form button[type=submit]").click()
    axe_page.locator("#title-error").wait_for()
    axe_page.locator("#position-error").wait_for()
    assert run_axe(axe_page) == []
    assert_form_errors_accessible(axe_page, world.new_measure, "form.concept-item-form button")
    assert_form_errors_accessible(axe_page, world.draft, "#add-goal form button[type=submit]")
    axe_page.goto(world.publish)
    axe_page.locator("#valid_from").fill("")
    axe_page.locator(f"form[action='{world.publish}'] button[type=submit]").click()
    axe_page.locator("#valid_from-error").wait_for()
    assert axe_page.locator("h1").count() == 1
    assert run_axe(axe_page) == []
    assert_comment_errors_accessible(axe_page, world)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_of_a_resident(axe_page, live_server, language):
    world = World()
    log_in_as(axe_page, world.resident, language)
    for path in [
        world.proposal,
        world.concept,
        world.project,
        world.programme,
        world.discussion,
        "/projects/",
        "/funding/",
    ]:
        assert_accessible(axe_page, path)
    # Readers get no editing controls; she may comment on the draft put up for comment.
    axe_page.goto(world.concept)
    assert axe_page.locator("form[action$='/draft/start']").count() == 0
    assert axe_page.locator(f"a[href='{world.draft}']").count() == 0
    axe_page.goto(world.discussion)
    assert axe_page.locator("details.concept-comment-form").count() >= 1
    assert_comment_errors_accessible(axe_page, world)


@pytest.mark.parametrize("language", LANGUAGES)
def test_main_pages_on_a_phone(axe_page, live_server, language):
    world = World()
    log_in_as(axe_page, world.coordinator, language)
    axe_page.set_viewport_size(PHONE)
    for path in [
        world.programme_list,
        "/funding/",
        world.programme,
        world.project,
        world.concept,
        world.comparison,
        world.draft,
        world.discussion,
        world.proposal,
        world.new_project,
        "/projects/coordination",
        "/open-data/",
    ]:
        assert_accessible(axe_page, path)
        width = axe_page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path}: {width}px wide on a phone"
