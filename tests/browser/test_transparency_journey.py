"""From a proposal to the money, in a real browser.

The region's coordinator adds a funding programme, a project approach funded by it that came
from a resident's accepted proposal, and a new version of the action concept whose measure
takes up the proposal and names the project. The resident then follows the thread from her
proposal: "what became of it" -> the measure in the concept -> the project -> the programme.
Everything after the setup happens through clicks and typing; elements are found by id, name,
href or data, never by (translated) wording.
"""

import re
from datetime import date
from urllib.parse import urlsplit

from app.concepts.models import ConceptItem, ConceptVersion, ItemKind, VersionState
from app.extensions import db
from app.funding.models import FundingProgramme
from app.projects.models import FundingState, ProjectApproach, ProjectStatus
from app.proposals.models import ProposalStatus
from tests.browser.test_participation_journey import log_in, log_out
from tests.concepts import page_builders as concept_builders
from tests.factories import (
    enrol_second_factor,
    make_field_of_action,
    make_region,
    make_user,
    make_user_with_role,
)
from tests.organisation_builders import organisation as make_organisation
from tests.participation_builders import consultation as make_consultation
from tests.participation_builders import official_answer
from tests.participation_builders import proposal as make_proposal

PROGRAMME = "WIR – Vielfalt ist Hessens Zukunft"
FUNDER = "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales"
PROJECT = "Sprachcafé mit Kinderbetreuung"
PROJECT_TEXT = "Jeden Dienstagabend Deutsch üben, während die Kinder betreut werden."
MEASURE = "Abendliche Sprachkurse mit Kinderbetreuung in allen Stadtteilen"
GOAL = "Mehr Eltern sprechen Deutsch"
NOTE = "Neue Maßnahme aus der Beteiligung zu Sprachkursen."


class World:
    """The setup; ids and paths only, read after the commit."""

    def __init__(self):
        region = make_region(slug="nordstadt", de="Nordstadt", en="Nordstadt", ar="نوردشتات")
        field = make_field_of_action(
            slug="sprache", de="Sprache und Bildung", en="Language", ar="اللغة والتعليم"
        )
        region.fields_of_action = [field]
        coordinator = make_user_with_role(
            "coordinator", region=region, email="koordination@example.org"
        )
        enrol_second_factor(coordinator)
        resident = make_user(email="olena@example.org", display_name="Olena Kovalenko")
        org = make_organisation(region, name="Arabischer Frauenverein Nordstadt e. V.")
        consultation = make_consultation(
            region=region, phase="discussion", title={"de": "Sprachkurse in der Nordstadt"}
        )
        idea = make_proposal(
            consultation,
            resident,
            title="Abendkurse mit Kinderbetreuung",
            body="Sprachkurse am Abend, während die Kinder betreut werden.",
            field_of_action=field,
        )
        official_answer(idea, coordinator, ProposalStatus.ACCEPTED, "Wir nehmen das auf.")
        first = concept_builders.version(region, 1, valid_from=date(2025, 3, 1))
        goal = concept_builders.goal(first, field, GOAL, key="g-eltern")
        db.session.commit()

        self.region_slug = region.slug
        self.field_id = field.id
        self.org_id = org.id
        self.proposal_id = idea.id
        self.proposal_path = f"/consultations/{consultation.id}/proposals/{idea.id}"
        self.goal_key = goal.key
        self.concept_path = f"/regions/{region.slug}/concept"


def test_from_proposal_to_measure_project_and_programme(page, app):
    world = World()

    # 1. The coordinator adds a funding programme.
    log_in(page, "koordination@example.org")
    page.goto("/funding/new")
    page.locator("#name").fill(PROGRAMME)
    page.locator("#funder").fill(FUNDER)
    page.locator("#funder_level").select_option("state")
    assert page.locator("#all_regions").is_checked()  # open to all regions by default
    page.locator(f"input[name=fields][value='{world.field_id}']").check()
    page.locator("#amount_min").fill("5000")
    page.locator("#amount_max").fill("50000")
    page.locator("#deadline_0_due_on").fill("2030-03-31")
    page.locator("#deadline_0_recurrence").select_option("yearly")
    page.locator("#deadline_0_label").fill("Jahresantrag")
    page.locator("#description_de").fill("Fördert Integrationsarbeit vor Ort.")
    page.locator("form.programme-form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/funding/\d+$"))
    programme_path = urlsplit(page.url).path
    assert programme_path.split("/")[-1].isdigit(), page.url
    assert page.locator("h1").inner_text() == PROGRAMME
    deadline = page.locator("table.deadline-table tbody tr")
    assert deadline.count() == 1
    assert "Jahresantrag" in deadline.locator("th").inner_text()
    assert deadline.locator("td time[datetime='2030-03-31']").count() == 1  # the next date

    page.goto("/funding/")
    card = page.locator(".programme-card").filter(has=page.locator(f"a[href='{programme_path}']"))
    assert card.count() == 1
    assert card.locator("h2 a").inner_text() == PROGRAMME
    programme_id = int(programme_path.split("/")[-1])

    # 2. A project approach of the region, led by the organisation, funded by the programme,
    #    that came from the resident's proposal.
    page.goto(f"/projects/new?region={world.region_slug}")
    page.locator("#title").fill(PROJECT)
    page.locator("#description").fill(PROJECT_TEXT)
    page.locator("#language").select_option("de")
    page.locator("#field_of_action").select_option(str(world.field_id))
    page.locator("#status").select_option(ProjectStatus.RUNNING)
    page.locator("#lead_organisation").select_option(str(world.org_id))
    page.locator("#starts_on").fill("2026-01-01")
    page.locator("#ends_on").fill("2027-12-31")
    page.locator("#fundings-0-programme").select_option(str(programme_id))
    page.locator("#fundings-0-state").select_option(FundingState.GRANTED)
    page.locator("#fundings-0-amount").fill("24000")
    came_from = page.locator(f"#proposals-{world.proposal_id}")
    came_from.check()
    assert came_from.is_checked()
    page.locator(".project-form form.form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/projects/\d+$"))
    project_path = urlsplit(page.url).path
    assert project_path.split("/")[-1].isdigit(), page.url
    project_id = int(project_path.split("/")[-1])
    assert page.locator("h1#project-title").inner_text() == PROJECT
    funding_row = page.locator("ul.project-fundings li")
    assert funding_row.count() == 1
    assert funding_row.locator(f"a[href='{programme_path}']").inner_text() == PROGRAMME
    assert funding_row.locator(f".badge--funding-{FundingState.GRANTED}").count() == 1
    assert "24" in funding_row.locator("bdi.amount").inner_text()
    assert page.locator(f"a[href='{world.proposal_path}']").count() == 1
    assert page.locator(f".facts a[href='/organisations/{world.org_id}']").count() == 1

    # 3. A new draft of the action concept (a copy of version 1), a measure under the goal
    #    that takes up the proposal and names the project, and publishing it as version 2.
    page.goto(world.concept_path)
    page.locator(f"form[action='{world.concept_path}/draft/start'] button[type=submit]").click()
    page.wait_for_url(f"**{world.concept_path}/draft")
    goal = page.locator(f"#item-{world.goal_key}")
    assert goal.count() == 1  # copied from version 1
    goal.locator("a[href*='/measures/new']").click()
    page.wait_for_url("**/measures/new")
    page.locator("#title").fill(MEASURE)
    page.locator("#responsible").fill("Amt für Integration")
    page.locator("#timeframe").fill("2026 bis 2027")
    page.locator("#status").select_option("in_progress")
    page.locator(f"input[name=proposals][value='{world.proposal_id}']").check()
    page.locator(f"input[name=projects][value='{project_id}']").check()
    page.locator("form.concept-item-form button[type=submit]").click()
    page.wait_for_url(f"**{world.concept_path}/draft#item-*")
    measure_key = urlsplit(page.url).fragment.removeprefix("item-")
    measure = page.locator(f"li.concept-measure#item-{measure_key}")
    assert measure.locator(f"#item-{measure_key}-title").inner_text().endswith(MEASURE)

    page.locator(f"a[href='{world.concept_path}/publish']").click()
    page.wait_for_url(f"**{world.concept_path}/publish")
    assert page.locator("#valid_from").input_value()  # today, filled in
    page.locator("#valid_from").fill("2026-02-01")
    page.locator("#note").fill(NOTE)
    page.locator(f"form[action='{world.concept_path}/publish'] button[type=submit]").click()
    page.wait_for_url(f"**{world.concept_path}")
    assert page.locator(".concept-facts dd").first.inner_text().strip() == "2"
    published = page.locator(f"li.concept-measure#item-{measure_key}")
    assert published.locator(f"a[href$='{world.proposal_path}']").count() == 1
    assert published.locator(f"a[href$='{project_path}']").count() == 1
    assert page.locator(f"a[href='{world.concept_path}/versions/1']").count() >= 1
    log_out(page)

    # 4. The resident follows the thread from her proposal.
    log_in(page, "olena@example.org")
    page.goto(world.proposal_path)
    outcome = page.locator("section#what-became-of-it")
    assert outcome.is_visible()
    measure_link = outcome.locator(f"a[href='{world.concept_path}#item-{measure_key}']")
    assert measure_link.inner_text() == MEASURE
    assert outcome.locator(f"a[href='{project_path}']").inner_text() == PROJECT
    measure_link.click()
    page.wait_for_url(f"**{world.concept_path}#item-{measure_key}")
    target = page.locator(f"#item-{measure_key}")
    assert target.is_visible()
    assert target.locator(f"a[href$='{project_path}']").count() == 1

    page.goto(world.proposal_path)
    page.locator(f"section#what-became-of-it a[href='{project_path}']").click()
    page.wait_for_url(f"**{project_path}")
    assert page.locator("h1#project-title").inner_text() == PROJECT
    assert page.locator(f"a[href='{world.concept_path}#item-{measure_key}']").count() == 1
    page.locator(f"ul.project-fundings a[href='{programme_path}']").click()
    page.wait_for_url(f"**{programme_path}")
    assert page.locator("h1").inner_text() == PROGRAMME
    assert page.locator(f"#projects a[href='{project_path}']").inner_text() == PROJECT
    # The resident may read, not maintain, the catalogue.
    assert page.locator(f"a[href='{programme_path}/edit']").count() == 0

    # What the clicks left in the database.
    db.session.rollback()
    programmes = db.session.scalars(db.select(FundingProgramme)).all()
    assert [(p.id, p.name, p.funder, p.funder_level, p.all_regions) for p in programmes] == [
        (programme_id, PROGRAMME, FUNDER, "state", True)
    ]
    programme = programmes[0]
    assert (programme.amount_min, programme.amount_max) == (5000, 50000)
    assert [f.id for f in programme.fields_of_action] == [world.field_id]
    assert [(d.due_on, d.recurrence, d.label) for d in programme.deadlines] == [
        (date(2030, 3, 31), "yearly", "Jahresantrag")
    ]

    projects = db.session.scalars(db.select(ProjectApproach)).all()
    assert [(p.id, p.title, p.status, p.lead_organisation_id) for p in projects] == [
        (project_id, PROJECT, ProjectStatus.RUNNING, world.org_id)
    ]
    project = projects[0]
    assert (project.starts_on, project.ends_on) == (date(2026, 1, 1), date(2027, 12, 31))
    assert [proposal.id for proposal in project.proposals] == [world.proposal_id]
    assert [(f.programme_id, f.state, f.amount) for f in project.fundings] == [
        (programme_id, FundingState.GRANTED, 24000)
    ]

    versions = db.session.scalars(db.select(ConceptVersion).order_by(ConceptVersion.number)).all()
    assert [(v.number, v.state) for v in versions] == [
        (1, VersionState.PUBLISHED),
        (2, VersionState.PUBLISHED),
    ]
    assert (versions[1].valid_from, versions[1].note) == (date(2026, 2, 1), NOTE)
    measures = db.session.scalars(
        db.select(ConceptItem).where(
            ConceptItem.version_id == versions[1].id, ConceptItem.kind == ItemKind.MEASURE
        )
    ).all()
    assert [(m.key, m.title, m.status, m.goal.key) for m in measures] == [
        (measure_key, MEASURE, "in_progress", world.goal_key)
    ]
    assert [p.id for p in measures[0].proposals] == [world.proposal_id]
    assert [p.id for p in measures[0].projects] == [project_id]
