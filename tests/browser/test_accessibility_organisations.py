"""axe-core scan of the organisation, statement, on-site and translation pages, in German and
Arabic, as the people who use them: an organisation's admin and the region's coordinator.

Zero serious or critical WCAG 2.1 A/AA violations and exactly one h1 per page; on a phone the
main pages do not scroll sideways.
"""

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.organisations.membership import invitation_token
from app.organisations.models import (
    Invitation,
    JoinRequest,
    OrganisationKind,
    OrganisationStatus,
    VerificationDecision,
)
from app.organisations.statements import edit_statement
from tests.browser.conftest import PHONE, run_axe
from tests.browser.test_accessibility import LANGUAGES, assert_accessible
from tests.browser.test_participation_journey import log_in
from tests.factories import (
    enrol_second_factor,
    make_field_of_action,
    make_region,
    make_user,
    make_user_with_role,
)
from tests.organisation_builders import on_site_event, organisation, statement, translation
from tests.participation_builders import consultation, proposal

EASY_LANGUAGE = (
    "Die Stadt will wissen:\nWelche Sprach-Kurse brauchen Sie?\nSie können Vorschläge schreiben."
)
STATEMENT_BODY = (
    "Wir unterstützen die Ziele der Beteiligung und schlagen mehr Beratung in den "
    "Muttersprachen der Familien vor, besonders am Abend."
)


class World:
    """Everything the pages need; ids and paths only, read after the commit."""

    def __init__(self):
        region = make_region(slug="nordstadt", de="Nordstadt", en="Nordstadt", ar="نوردشتات")
        field = make_field_of_action(
            slug="sprache", de="Sprache und Bildung", en="Language", ar="اللغة والتعليم"
        )
        region.fields_of_action = [field]
        self.coordinator = make_user_with_role(
            "coordinator", region=region, email="koordination@example.org"
        )
        enrol_second_factor(self.coordinator)
        self.admin = make_user(email="leila@example.org", display_name="ليلى حداد")
        member = make_user(display_name="Yusuf Demir")
        asker = make_user(display_name="Maria Rossi")
        other_admin = make_user(display_name="Ayşe Yılmaz")

        self.org = organisation(
            region,
            name="Arabischer Frauenverein Nordstadt e. V.",
            admins=[self.admin],
            members=[member],
            fields=[field],
            description={
                "de": "Beratung, Sprachcafé und Hausaufgabenhilfe für Familien.",
                "ar": "استشارات ومقهى لغوي ومساعدة في الواجبات المدرسية للعائلات.",
            },
        )
        self.org.website = "https://frauenverein-nordstadt.example.org"
        self.org.contact_email = "kontakt@frauenverein.example.org"
        self.requested = organisation(
            region,
            name="Nachbarschaftshilfe Süd",
            kind=OrganisationKind.ASSOCIATION,
            status=OrganisationStatus.REQUESTED,
            admins=[self.admin],
        )
        declined = organisation(
            region,
            name="Kulturkreis Ost",
            status=OrganisationStatus.DECLINED,
            admins=[other_admin],
        )
        inviting = organisation(region, name="Türkischer Elternverein", admins=[other_admin])
        joining = organisation(region, name="Internationaler Sportverein", admins=[other_admin])

        db.session.add_all(
            [
                # The admin's own organisation: an open invitation and an open join request.
                Invitation(organisation=self.org, email="neu@example.org", invited_by=self.admin),
                JoinRequest(
                    organisation=self.org, user=asker, message="Ich helfe seit 2020 im Sprachcafé."
                ),
                # For "my organisations": an invitation for the admin, a request of her own.
                JoinRequest(organisation=joining, user=self.admin, message=""),
                VerificationDecision(
                    organisation=declined,
                    decided_by_id=self.coordinator.id,
                    action="decline",
                    reason="Bitte nennen Sie die Satzung.",
                ),
            ]
        )
        invitation = Invitation(
            organisation=inviting, email=self.admin.email, invited_by=other_admin
        )
        db.session.add(invitation)

        open_one = consultation(
            region=region,
            phase="discussion",
            title={"de": "Sprachkurse in der Nordstadt", "ar": "دورات اللغة في الحي الشمالي"},
            easy_language_summary=EASY_LANGUAGE,
            fields_of_action=[field],
        )
        second = consultation(region=region, phase="discussion", title={"de": "Spielplätze"})
        idea = proposal(
            open_one,
            self.admin,
            title="Akşam dil kursları",
            body="Çalışan ebeveynler için çocuk bakımlı akşam dil kursları.",
            language="tr",
            field_of_action=field,
        )
        translation(idea, self.coordinator, language="de", title="Abendkurse", body="Abendkurse.")
        translation(idea, self.coordinator, language="ar", title="دورات مسائية", body="دورات.")
        said = statement(open_one, self.org, self.admin, body=STATEMENT_BODY)
        db.session.flush()
        edit_statement(
            self.admin,
            said,
            "Stellungnahme des Frauenvereins",
            STATEMENT_BODY + " Dazu gehört Kinderbetreuung.",
            "de",
            0,
        )
        own_translation = translation(
            said, self.admin, language="ar", title="موقف الجمعية", body="نؤيد أهداف المشاركة."
        )
        event = on_site_event(open_one, self.coordinator, name="Bürgerforum Nordstadt")
        proposal(
            open_one,
            self.coordinator,
            title="Sprachkurse in der Stadtbibliothek",
            on_site_event_id=event.id,
        )
        db.session.commit()

        self.invitation_path = f"/organisations/invitations/{invitation_token(invitation)}"
        base = f"/consultations/{open_one.id}"
        self.consultation = base
        self.proposal = f"{base}/proposals/{idea.id}"
        self.new_statement = f"/consultations/{second.id}/statements/new"
        self.statement = f"{base}/statements/{said.id}"
        self.on_site = f"{base}/on-site/"
        self.event = f"{base}/on-site/{event.id}"
        self.new_translation = f"/contributions/{idea.id}/translations/new"
        self.edit_translation = f"/contributions/{own_translation.id}/translation/edit"
        self.directory = (
            "/organisations/?q=frauen&region=nordstadt&kind=migrant_organisation&field=sprache"
        )
        self.profile = f"/organisations/{self.org.id}"
        self.unverified_profile = f"/organisations/{self.requested.id}"
        self.review = f"/organisations/{self.requested.id}/review"


def log_in_as(page, user, language: str) -> None:
    user.locale = language
    db.session.commit()
    log_in(page, user.email)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")


def assert_form_errors_accessible(page, path: str, submit: str) -> None:
    """Send the form at `path` empty: the error summary shows, still without violations."""
    page.goto(path)
    page.locator(submit).click()
    # The click only starts the form's submission: wait for the answer page to show.
    expect(page.locator(".error-summary").first, f"{path}: no error summary").to_be_visible()
    assert page.locator("h1").count() == 1, f"{path} with errors: exactly one h1"
    violations = run_axe(page)
    assert violations == [], f"{path} with errors: {violations}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_of_an_organisation_admin(axe_page, live_server, language):
    world = World()
    log_in_as(axe_page, world.admin, language)

    for path in [
        world.directory,
        world.profile,
        world.unverified_profile,
        "/organisations/new",
        "/organisations/mine",
        f"{world.profile}/manage",
        world.invitation_path,
        "/organisations/invitations/not-a-valid-token",
        world.new_statement,
        world.statement,
        f"{world.statement}/edit",
        f"{world.statement}/history",
        world.new_translation,
        world.edit_translation,
        world.consultation,
    ]:
        assert_accessible(axe_page, path)

    # The filtered directory finds exactly the one organisation.
    axe_page.goto(world.directory)
    assert axe_page.locator(".organisation-card").count() == 1
    # The management page shows what it is scanned for.
    axe_page.goto(f"{world.profile}/manage")
    assert axe_page.locator("#members .member-list__item").count() == 4  # 2 + request + invite
    assert axe_page.locator("form[action$='/withdraw']").count() == 1
    assert axe_page.locator("button[name=answer][value=accept]").count() == 1
    # The invitation is for her: she sees the buttons to answer it.
    axe_page.goto(world.invitation_path)
    assert axe_page.locator("button[name=answer][value=accept]").count() == 1
    # The consultation page has the statement, the on-site summary and Leichte Sprache.
    axe_page.goto(world.consultation)
    assert axe_page.locator("#statements .statement-card").count() == 1
    assert axe_page.locator(".onsite-summary").count() == 1
    assert axe_page.locator(".easy-language-panel [lang=de]").count() >= 1

    # Forms sent with mistakes.
    assert_form_errors_accessible(
        axe_page, "/organisations/new", "form.organisation-form button[type=submit]"
    )
    assert_form_errors_accessible(axe_page, world.new_statement, "#save")
    assert_form_errors_accessible(axe_page, world.new_translation, "form.form button[type=submit]")

    # The proposal page with its translations, with "my language first" switched on.
    axe_page.goto(world.consultation)
    toggle = axe_page.locator("form.reading-preference button[name=translated_first]")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert_accessible(axe_page, world.proposal)
    assert axe_page.locator(".translated-from").count() >= 1
    assert axe_page.locator("h1").get_attribute("lang") == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_of_the_coordination(axe_page, live_server, language):
    world = World()
    log_in_as(axe_page, world.coordinator, language)

    for path in [
        "/organisations/review",
        "/organisations/review?view=decided",
        world.review,
        world.on_site,
        f"{world.on_site}new",
        world.event,
        f"{world.event}/edit",
        world.consultation,
        world.proposal,
    ]:
        assert_accessible(axe_page, path)

    axe_page.goto("/organisations/review")
    assert axe_page.locator(f"a[href='{world.review}']").count() >= 1
    axe_page.goto(world.event)
    assert axe_page.locator("#record-proposal form").count() == 1
    assert axe_page.locator("#record-comment form").count() == 1

    # Refused forms: the decision without a reason, the event forms sent empty.
    axe_page.goto(world.review)
    axe_page.locator("input[name=action][value=decline]").check()
    axe_page.locator("form.form button[type=submit]").click()
    assert axe_page.locator(".error-summary").is_visible()
    assert run_axe(axe_page) == []
    assert_form_errors_accessible(axe_page, f"{world.on_site}new", "form.form button[type=submit]")
    assert_form_errors_accessible(axe_page, world.event, "#record-proposal button[type=submit]")
    assert_form_errors_accessible(axe_page, world.event, "#record-comment button[type=submit]")


@pytest.mark.parametrize("language", LANGUAGES)
def test_main_pages_on_a_phone(axe_page, live_server, language):
    world = World()
    log_in_as(axe_page, world.coordinator, language)
    axe_page.set_viewport_size(PHONE)
    for path in [
        world.directory,
        world.profile,
        f"{world.profile}/manage",
        world.review,
        world.statement,
        world.consultation,
        world.event,
    ]:
        assert_accessible(axe_page, path)
        width = axe_page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path}: {width}px wide on a phone"
