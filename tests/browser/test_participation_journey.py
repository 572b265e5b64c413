"""A consultation from proposal to answer, in a real browser.

A resident with a Turkish UI submits a proposal, a second resident comments and the first
replies; the consultation moves into its voting phase and both vote; the coordinator answers
and the author sees the answer.
"""

from datetime import timedelta

from app.consultations.models import Phase
from app.core.clock import utcnow_naive
from app.extensions import db
from tests.browser.second_factor import pass_second_step
from tests.factories import (
    PASSWORD,
    enrol_second_factor,
    make_field_of_action,
    make_user,
    make_user_with_role,
)
from tests.participation_builders import consultation as make_consultation


def log_in(page, email: str) -> None:
    page.goto("/account/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()
    pass_second_step(page, email)
    assert page.locator("form[action='/account/logout']").count() == 1


def log_out(page) -> None:
    page.locator("form[action='/account/logout'] button").click()


def start_voting_now(consultation_id: int) -> None:
    """Move the consultation on: the proposal phase ends, the voting phase begins."""
    now = utcnow_naive()
    phases = {
        phase.kind: phase
        for phase in db.session.scalars(
            db.select(Phase).where(Phase.consultation_id == consultation_id)
        )
    }
    phases["proposals"].ends_at = now - timedelta(hours=2)
    phases["voting"].starts_at = now - timedelta(hours=1)
    phases["voting"].ends_at = now + timedelta(days=7)
    db.session.commit()


def test_proposal_comment_vote_answer(page, app):
    field = make_field_of_action(de="Sprache und Bildung", tr="Dil ve eğitim")
    coordinator = make_user_with_role("coordinator", email="koordination@example.org")
    enrol_second_factor(coordinator)
    region = coordinator.roles[0].region
    region.fields_of_action = [field]
    consultation = make_consultation(
        region=region,
        phase="proposals",
        phases=["information", "proposals", "voting", "results"],
        title={"de": "Sprachkurse in unserer Stadt", "tr": "Şehrimizde dil kursları"},
    )
    make_user(email="ayse@example.org", display_name="Ayşe", locale="tr")
    make_user(email="olena@example.org", display_name="Olena", locale="de")
    db.session.commit()
    url = f"/consultations/{consultation.id}"

    # Ayşe, Turkish UI, submits a proposal (with a preview first).
    log_in(page, "ayse@example.org")
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == "tr"
    assert page.locator("h1").inner_text() == "Şehrimizde dil kursları"
    page.locator(f"a[href='{url}/proposals/new']").first.click()
    page.locator("#title").fill("Akşamları çocuk bakımlı dil kursları")
    page.locator("#body").fill(
        "Çalışan anneler için akşam saatlerinde **çocuk bakımı** olan Almanca kursları."
    )
    page.locator("#field_of_action").select_option(str(field.id))
    page.locator("#language").select_option("tr")
    page.locator("#preview").click()
    assert page.locator(".preview strong").inner_text() == "çocuk bakımı"
    page.locator("#save").click()
    assert page.locator("h1").inner_text() == "Akşamları çocuk bakımlı dil kursları"
    proposal_url = page.url.split("#")[0]
    log_out(page)

    # Olena (German UI) comments in Ukrainian; Ayşe replies to her.
    log_in(page, "olena@example.org")
    page.goto(proposal_url)
    page.locator("#body").fill("Дуже потрібна ідея, у нас те саме.")
    page.locator("#stance").select_option("in_favour")
    page.locator("#language").select_option("uk")
    page.locator("#reply-form button[type=submit]").click()
    comment = page.locator(".comment").first
    assert "Дуже потрібна ідея" in comment.inner_text()
    assert comment.locator(".comment__body").get_attribute("lang") == "uk"
    log_out(page)

    log_in(page, "ayse@example.org")
    page.goto(proposal_url)
    page.locator(".comment__actions a").first.click()  # "Reply"
    page.locator("#body").fill("Teşekkürler Olena!")
    page.locator("#reply-form button[type=submit]").click()
    reply = page.locator(".comment-thread--replies .comment").first
    assert "Teşekkürler Olena!" in reply.inner_text()

    # Voting starts; both vote (Ayşe with JavaScript, no reload).
    start_voting_now(consultation.id)
    page.goto(proposal_url)
    page.locator("form[data-vote-form] button[type=submit]").click()
    page.locator("[data-vote-counts]").filter(has_text="1").wait_for()
    log_out(page)

    log_in(page, "olena@example.org")
    page.goto(proposal_url)
    page.locator("form[data-vote-form] button[type=submit]").click()
    page.locator("[data-vote-counts]").filter(has_text="2").wait_for()
    log_out(page)

    # The coordinator answers; Ayşe sees the answer.
    log_in(page, "koordination@example.org")
    page.goto(proposal_url + "/answer")
    page.locator("#status").select_option("accepted")
    page.locator("#body").fill(
        "Die Volkshochschule bietet ab März zwei Abendkurse mit Kinderbetreuung an."
    )
    page.locator("form.form button[type=submit]").click()
    log_out(page)

    log_in(page, "ayse@example.org")
    page.goto(proposal_url)
    answer = page.locator("#official-answers .answer").first
    assert "Volkshochschule bietet ab März" in answer.inner_text()
    assert page.locator(".badge--accepted").first.is_visible()
