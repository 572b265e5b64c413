"""Notifications in a real browser: the bell and its count, the list, the settings by keyboard,
one-click unsubscribe from a mail, and the Arabic list on a phone.

Resident A follows a consultation with its button; resident B, in a browser of her own,
comments on A's proposal and replies to A's comment; A sees "2" on the bell, opens one
notification (it leads to the reply on the proposal page), comes back to "1" and marks all as
read. The other journeys use the same data: the settings page, the link of a real mail, and
the list in Arabic at 390 pixels.
"""

import re

from app.accounts.models import User
from app.comments.services import add_comment
from app.consultations.models import Consultation
from app.extensions import db
from app.notifications import kinds
from app.notifications.follows import is_following
from app.notifications.models import Notification
from app.notifications.settings import delivery_for
from app.proposals.services import submit_proposal
from tests.browser.test_participation_journey import log_in
from tests.factories import make_user
from tests.participation_builders import comment, consultation, proposal_url

PHONE_390 = {"width": 390, "height": 844}


class World:
    """Two residents, A's proposal (which she follows, as every author does) with a comment of
    hers; ids and paths only, read after the commit."""

    def __init__(self, locale: str = "de"):
        self.a = make_user(email="amira@example.org", display_name="Amira S.", locale=locale)
        self.b = make_user(email="birgit@example.org", display_name="Birgit K.")
        self.c = make_user(email="carla@example.org", display_name="Carla M.")
        self.consultation = consultation(
            phase="proposals",
            title={"de": "Sprachcafés im Quartier", "ar": "مقاهي اللغة في الحي"},
        )
        self.proposal = submit_proposal(
            self.a,
            self.consultation,
            "Sprachcafé am Samstag",
            "Ein Sprachcafé jeden Samstag im Stadtteilzentrum, mit Kinderbetreuung.",
            "de",
            None,
        )
        self.comment = comment(self.proposal, self.a, body="Ich helfe gern beim Aufbau.")
        db.session.commit()
        self.a_id, self.c_id = self.a.id, self.consultation.id
        self.consultation_path = f"/consultations/{self.consultation.id}"
        self.proposal_path = proposal_url(self.proposal)
        self.comment_id = self.comment.id


def bell(page):
    return page.locator("a.bell")


def bell_name(page) -> str:
    """The bell link's accessible name as the browser computes it."""
    snapshot = bell(page).aria_snapshot()  # e.g. '- link "Benachrichtigungen, 2 ungelesen":'
    return re.search(r'link "([^"]*)"', snapshot)[1]


def unread_on_bell(page) -> str | None:
    """The badge's number, or None when the bell shows none."""
    badge = bell(page).locator(".bell__count")
    return badge.inner_text() if badge.count() else None


def test_follow_comment_reply_bell_open_and_mark_all_read(page, browser, live_server):
    world = World()

    # A follows the consultation with its button.
    log_in(page, "amira@example.org")
    page.goto(world.consultation_path)
    page.locator("form.follow-form button").click()
    assert page.locator("form.follow-form--following").count() == 1
    assert is_following(db.session.get(User, world.a_id), db.session.get(Consultation, world.c_id))
    assert unread_on_bell(page) is None
    assert not re.search(r"\d", bell_name(page))

    # B, in a browser of her own, comments on A's proposal and replies to A's comment.
    other = browser.new_context(base_url=live_server, locale="de-DE")
    b_page = other.new_page()
    log_in(b_page, "birgit@example.org")
    b_page.goto(world.proposal_path)
    b_page.locator("#body").fill("Samstag passt gut, dann können auch Berufstätige kommen.")
    b_page.locator("#language").select_option("de")
    b_page.locator("#reply-form button[type=submit]").click()
    b_page.locator(f"#comment-{world.comment_id} .comment__actions a").first.click()
    b_page.locator("#body").fill("Ich auch! Ich kann Tische und Stühle organisieren.")
    b_page.locator("#language").select_option("de")
    b_page.locator("#reply-form button[type=submit]").click()
    assert b_page.locator(".comment-thread--replies .comment").count() == 1
    other.close()
    notices = dict(
        db.session.execute(
            db.select(Notification.kind, Notification.id).where(Notification.user_id == world.a_id)
        ).all()
    )
    assert set(notices) == {kinds.COMMENT_REPLY, kinds.PROPOSAL_COMMENT}
    reply = db.session.get(Notification, notices[kinds.COMMENT_REPLY])
    reply_id = reply.contribution_id

    # A reloads: the bell says 2, in its accessible name too.
    page.reload()
    assert unread_on_bell(page) == "2"
    assert re.search(r"\b2\b", bell_name(page))
    bell(page).click()
    assert page.url.endswith("/notifications/")
    assert page.locator(".notification-list > li").count() == 2
    assert page.locator(".notification--unread").count() == 2
    for notice_id in notices.values():
        item = page.locator(f"#notification-{notice_id}")
        assert "Birgit K." in item.inner_text()
        assert "Sprachcafé am Samstag" in item.inner_text()

    # Opening the reply's notification leads to the reply on the proposal page.
    page.locator(f"#notification-{reply.id} .notification__text").click()
    assert page.url.endswith(f"{world.proposal_path}#comment-{reply_id}")
    assert page.locator(f"#comment-{reply_id}").is_visible()
    assert "Tische und Stühle" in page.locator(f"#comment-{reply_id}").inner_text()
    assert unread_on_bell(page) == "1"

    # Back in the list: one unread; "Mark all as read" and the badge is gone.
    bell(page).click()
    assert page.locator(".notification--unread").count() == 1
    unread_item = f"#notification-{notices[kinds.PROPOSAL_COMMENT]}.notification--unread"
    assert page.locator(unread_item).count() == 1
    page.locator("form[action='/notifications/read-all'] button").click()
    assert page.locator(".notification--unread").count() == 0
    assert page.locator(".notification-list > li").count() == 2
    assert unread_on_bell(page) is None
    assert not re.search(r"\d", bell_name(page))
    unread = db.session.scalar(
        db.select(db.func.count(Notification.id)).where(
            Notification.user_id == world.a_id, Notification.read_at.is_(None)
        )
    )
    assert unread == 0


def test_settings_by_keyboard_only(page):
    world = World()
    log_in(page, "amira@example.org")
    page.goto("/notifications/settings")
    assert page.locator("input[name=comment_reply][value=immediately]").is_checked()

    # Tab into the group "Replies to my comments", arrow to "Weekly summary", tab to save.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "comment_reply":
            break
    assert page.evaluate("document.activeElement.value") == "immediately"
    page.keyboard.press("ArrowDown")  # daily
    page.keyboard.press("ArrowDown")  # weekly
    assert page.locator("input[name=comment_reply][value=weekly]").is_checked()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    assert page.evaluate("!!document.activeElement.closest('form.notification-settings')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".flash-messages").count() == 1

    page.reload()
    assert page.locator("input[name=comment_reply][value=weekly]").is_checked()
    assert page.locator("input[name=proposal_comment][value=daily]").is_checked()  # untouched
    assert delivery_for(world.a_id, kinds.COMMENT_REPLY) == kinds.WEEKLY


def test_unsubscribe_from_a_mail_without_logging_in(page, mailbox):
    world = World()
    add_comment(
        world.b,
        world.proposal,
        "Das Stadtteilzentrum hat samstags offen.",
        "de",
        parent_id=world.comment_id,
    )
    db.session.commit()
    report = mailbox.run_sender()
    assert report.queued == 1
    link = mailbox.last_link("amira@example.org", "/notifications/unsubscribe/")

    page.goto(link)  # nobody is logged in
    assert page.locator("form[action='/account/logout']").count() == 0
    assert page.locator("main ul li").count() == 1  # the one kind this mail was about
    assert delivery_for(world.a_id, kinds.COMMENT_REPLY) == kinds.IMMEDIATELY  # GET changes nothing
    page.locator("form.form button[type=submit]").click()
    assert page.locator(".panel--success h1").is_visible()
    assert page.locator(".panel--success li").count() == 1
    db.session.expire_all()
    assert delivery_for(world.a_id, kinds.COMMENT_REPLY) == kinds.OFF
    assert delivery_for(world.a_id, kinds.PROPOSAL_COMMENT) == kinds.DAILY  # only that kind


def test_arabic_list_is_right_to_left_and_the_badge_stays_on_a_phone(page):
    world = World(locale="ar")
    add_comment(world.b, world.proposal, "فكرة جميلة، سأحضر مع أطفالي.", "ar")
    add_comment(
        world.c, world.proposal, "Gern, ich bringe Spiele mit.", "de", parent_id=world.comment_id
    )
    db.session.commit()

    page.set_viewport_size(PHONE_390)
    log_in(page, "amira@example.org")
    page.goto("/notifications/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator(".notification--unread").count() == 2
    badge = page.locator("a.bell .bell__count")
    assert badge.inner_text() == "٢" or badge.inner_text() == "2"
    box = badge.bounding_box()
    assert box is not None and box["width"] > 0
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_390["width"], box
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE_390["height"], box
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_390["width"], f"{width}px wide"
