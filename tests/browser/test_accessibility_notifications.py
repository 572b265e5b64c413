"""axe-core scan of the notification pages, in German and Arabic: the list with unread and read
items (one with a moderator's reason), the delivery settings of a resident and of a moderator,
what one follows, and the unsubscribe page before, after and with a broken link.

Zero serious or critical WCAG 2.1 A/AA violations and exactly one h1 per page; on a phone the
pages do not scroll sideways.
"""

import pytest

from app.comments.services import add_comment
from app.extensions import db
from app.moderation.models import DecisionAction, ReportReason
from app.moderation.services import decide
from app.notifications import follows, kinds
from app.notifications.models import Notification
from app.notifications.unsubscribe import make_token
from app.organisations.models import OrganisationKind
from app.proposals.services import submit_proposal
from tests.browser.conftest import PHONE, run_axe
from tests.browser.test_accessibility import LANGUAGES, assert_accessible, use_language
from tests.browser.test_accessibility_organisations import log_in_as
from tests.factories import enrol_second_factor, make_region, make_user, make_user_with_role
from tests.organisation_builders import organisation
from tests.participation_builders import comment, consultation


class World:
    """A resident with notifications of several kinds, what she follows, and a moderator."""

    def __init__(self):
        region = make_region(slug="nordstadt", de="Nordstadt", ar="نوردشتات")
        self.moderator = make_user_with_role(
            "moderator", region=region, email="moderation@example.org"
        )
        enrol_second_factor(self.moderator)
        self.resident = make_user(email="layla@example.org", display_name="ليلى حداد")
        writer = make_user(display_name="Jonas W.")
        open_one = consultation(
            region=region,
            phase="proposals",
            title={"de": "Sprachcafés im Quartier", "ar": "مقاهي اللغة في الحي"},
        )
        idea = submit_proposal(
            self.resident,
            open_one,
            "مقهى لغة يوم السبت",
            "مقهى لغة كل يوم سبت في مركز الحي مع رعاية للأطفال.",
            "ar",
            None,
        )
        own = comment(idea, self.resident, body="سأساعد في التنظيم.", language="ar")
        loud = comment(idea, self.resident, body="Ruft mich an: 0151 0000 0000", language="de")
        add_comment(writer, idea, "Samstag passt gut für Familien.", "de")
        add_comment(writer, idea, "Ich bringe Spiele mit.", "de", parent_id=own.id)
        decide(
            self.moderator,
            loud,
            DecisionAction.HIDE,
            "published",
            reason=ReportReason.PERSONAL_DATA,
            note="Bitte keine Telefonnummern veröffentlichen.",
        )
        club = organisation(
            region, name="Elternverein Nordstadt e. V.", kind=OrganisationKind.ASSOCIATION
        )
        follows.follow(self.resident, open_one)
        follows.follow(self.resident, club)
        # One of them read already, so the list shows both looks.
        oldest = db.session.scalar(
            db.select(Notification)
            .where(Notification.user_id == self.resident.id)
            .order_by(Notification.id)
            .limit(1)
        )
        oldest.read_at = oldest.created_at
        db.session.commit()
        self.unsubscribe = "/notifications/unsubscribe/" + make_token(
            self.resident, [kinds.COMMENT_REPLY, kinds.PROPOSAL_COMMENT]
        )


PAGES = ["/notifications/", "/notifications/settings", "/notifications/following"]


def unread_count(page) -> int:
    return page.locator(".notification--unread").count()


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_of_a_resident(axe_page, live_server, language):
    world = World()
    log_in_as(axe_page, world.resident, language)
    for path in PAGES:
        assert_accessible(axe_page, path)

    # The list is scanned with what it is for: unread and read items, a reason under one.
    axe_page.goto("/notifications/")
    assert axe_page.locator(".notification-list > li").count() == 3
    assert unread_count(axe_page) == 2
    assert axe_page.locator(".notification__detail").count() == 1
    axe_page.goto("/notifications/following")
    assert axe_page.locator(".follow-list__item").count() == 3  # consultation, proposal, club

    # Settings sent without a choice for one kind: the error summary, still accessible.
    axe_page.goto("/notifications/settings")
    axe_page.evaluate(
        "document.querySelectorAll('input[name=comment_reply]').forEach(i => i.checked = false)"
    )
    axe_page.locator("form.notification-settings button[type=submit]").click()
    assert axe_page.locator(".error-summary").is_visible()
    assert axe_page.locator("h1").count() == 1
    assert run_axe(axe_page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_settings_of_a_moderator(axe_page, live_server, language):
    world = World()
    log_in_as(axe_page, world.moderator, language)
    assert_accessible(axe_page, "/notifications/settings")
    # Staff see the kind for work waiting in their region as well.
    assert axe_page.locator("input[name=moderation_waiting]").count() == 4
    assert_accessible(axe_page, "/notifications/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_unsubscribe_pages(axe_page, live_server, language):
    world = World()
    use_language(axe_page, live_server, language)
    assert_accessible(axe_page, world.unsubscribe)
    assert axe_page.locator("main ul li").count() == 2
    axe_page.locator("form.form button[type=submit]").click()
    assert axe_page.locator(".panel--success").is_visible()
    assert axe_page.locator("h1").count() == 1
    assert run_axe(axe_page) == []
    assert_accessible(axe_page, "/notifications/unsubscribe/not-a-valid-token")
    assert axe_page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_on_a_phone(axe_page, live_server, language):
    world = World()
    log_in_as(axe_page, world.resident, language)
    axe_page.set_viewport_size(PHONE)
    for path in [*PAGES, world.unsubscribe]:
        assert_accessible(axe_page, path)
        width = axe_page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path}: {width}px wide on a phone"
