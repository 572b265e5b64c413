"""Moderation in a real browser, with the keyboard only.

A resident reports a comment and it is hidden after the third report; the moderator finds it in
the queue and confirms the hiding with a reason; the author appeals; the coordinator reverses
the decision and the comment is back.
"""

from app.extensions import db
from app.moderation import services
from tests import participation_builders as build
from tests.browser.second_factor import pass_second_step
from tests.factories import PASSWORD, enrol_second_factor, make_user, make_user_with_role

MAX_TABS = 250


def tab_to(page, locator) -> None:
    """Press Tab until `locator` has the focus: proof that it is reachable by keyboard."""
    target = locator.element_handle()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("element => element === document.activeElement", target):
            return
    raise AssertionError(f"not reachable with Tab: {locator}")


def type_into(page, locator, text: str) -> None:
    tab_to(page, locator)
    page.keyboard.type(text)


def submit_with_enter(page) -> None:
    """Press Enter on the focused element and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def log_in(page, email: str) -> None:
    page.goto("/account/login")
    type_into(page, page.locator("#email"), email)
    type_into(page, page.locator("#password"), PASSWORD)
    submit_with_enter(page)
    pass_second_step(page, email)
    assert page.locator("form[action='/account/logout']").count() == 1


def log_out(page) -> None:
    tab_to(page, page.locator("form[action='/account/logout'] button"))
    submit_with_enter(page)


def choose_radio(page, name: str, value: str, within=None) -> None:
    """Tab into a radio group, then move with the arrow keys, as keyboard users do."""
    scope = within or page
    tab_to(page, scope.locator(f"input[name={name}]").first)
    wanted = scope.locator(f"input[name={name}][value={value}]")
    for _ in range(10):
        if wanted.is_checked():
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"could not choose {value} with the arrow keys")


def choose(page, select, value: str) -> None:
    tab_to(page, select)
    select.select_option(value)  # a focused select changes with the arrow keys; same effect


def test_report_hide_appeal_restore_with_the_keyboard(page, app):
    coordinator = make_user_with_role("coordinator", email="koordination@example.org", locale="en")
    region = coordinator.roles[0].region
    moderator = make_user_with_role(
        "moderator", region=region, email="moderation@example.org", locale="en"
    )
    enrol_second_factor(coordinator)
    enrol_second_factor(moderator)
    consultation = build.consultation(region=region, phase="discussion")
    author = make_user(email="autor@example.org", locale="en")
    proposal = build.proposal(consultation, make_user(), title="Mehr Bänke im Park")
    comment = build.comment(proposal, author, body="Ein zugespitzter Kommentar")
    proposal.comment_count = 1
    for _ in range(2):
        services.report_contribution(make_user(), comment, "insult")
    make_user(email="meldende@example.org", locale="en")
    db.session.commit()
    proposal_url = build.proposal_url(proposal)

    # The third report hides the comment.
    log_in(page, "meldende@example.org")
    page.goto(proposal_url)
    tab_to(page, page.locator(f"#comment-{comment.id} a[href*='/moderation/report/']"))
    submit_with_enter(page)
    choose_radio(page, "reason", "insult")
    type_into(page, page.locator("#note"), "Beleidigend")
    tab_to(page, page.locator("form.form button[type=submit]"))
    submit_with_enter(page)
    assert "Hidden by moderation" in page.locator(f"#comment-{comment.id}").inner_text()
    log_out(page)

    # The moderator confirms the hiding with a reason and a note to the author.
    log_in(page, "moderation@example.org")
    page.goto("/moderation/?view=hidden")
    tab_to(page, page.locator(f"a[href='/moderation/contributions/{comment.id}']"))
    submit_with_enter(page)
    choose(page, page.locator("#action"), "hide")
    choose(page, page.locator("#reason"), "insult")
    type_into(page, page.locator("#note"), "Bitte bleiben Sie sachlich.")
    tab_to(page, page.locator("form.form button[type=submit]").last)
    submit_with_enter(page)
    log_out(page)

    # The author reads the decision and appeals.
    log_in(page, "autor@example.org")
    page.goto("/moderation/mine")
    assert "Bitte bleiben Sie sachlich." in page.content()
    tab_to(page, page.locator("details summary").first)
    page.keyboard.press("Enter")
    type_into(page, page.locator("textarea[name=note]").first, "Das war Kritik, keine Beleidigung.")
    tab_to(page, page.locator("details button[type=submit]").first)
    submit_with_enter(page)
    assert "waiting for a decision" in page.content()
    log_out(page)

    # The coordinator reverses the decision; the comment is back.
    log_in(page, "koordination@example.org")
    page.goto("/moderation/appeals")
    choose_radio(page, "outcome", "reversed", within=page.locator("article").first)
    type_into(page, page.locator("textarea[name=note]").first, "Zulässige Kritik.")
    tab_to(page, page.locator("article form button[type=submit]").first)
    submit_with_enter(page)
    page.goto(proposal_url)
    assert "Ein zugespitzter Kommentar" in page.locator(f"#comment-{comment.id}").inner_text()
