"""An organisation speaks in a consultation, in a real browser.

The admin of a verified migrant organisation (Arabic UI) comments on a proposal on behalf of
the organisation, publishes the organisation's statement in Arabic and adds a German
translation; a resident with a German UI reads the statement and opens the translation.
Everything after the setup happens through clicks and typing.
"""

from urllib.parse import urlsplit

from app.comments.models import Comment
from app.extensions import db
from app.multilingual.models import ContributionTranslation
from app.organisations.models import Statement
from tests.browser.test_participation_journey import log_in, log_out
from tests.factories import make_user
from tests.organisation_builders import organisation as make_organisation
from tests.participation_builders import consultation as make_consultation
from tests.participation_builders import proposal as make_proposal

ORGANISATION = "Arabischer Frauenverein Nordstadt e. V."
MEMBER = "ليلى حداد"
COMMENT = "نحن في الجمعية نؤيد هذا الاقتراح، فكثير من الأمهات ينتظرن دورات مسائية."
STATEMENT_TITLE = "موقف الجمعية من دورات اللغة"
STATEMENT_BODY = (
    "نرحب بهذه المشاركة ونقترح دورات لغة مسائية مع رعاية للأطفال في الأحياء، "
    "وإرشادًا بلغات الأمهات للعائلات الجديدة في المدينة."
)
GERMAN_TITLE = "Position des Vereins zu den Sprachkursen"
GERMAN_BODY = (
    "Wir begrüßen diese Beteiligung und schlagen abendliche Sprachkurse mit Kinderbetreuung "
    "in den Stadtteilen sowie Beratung in den Muttersprachen für neue Familien vor."
)


def test_organisation_comments_publishes_a_statement_and_translates_it(page, app):
    consultation = make_consultation(
        phase="discussion",
        title={"de": "Sprachkurse in der Nordstadt", "ar": "دورات اللغة في الحي الشمالي"},
    )
    idea = make_proposal(
        consultation,
        make_user(display_name="Olena"),
        title="Abendkurse mit Kinderbetreuung",
        body="Sprachkurse am Abend, während die Kinder betreut werden, für berufstätige Eltern.",
    )
    member = make_user(email="leila@example.org", display_name=MEMBER, locale="ar")
    make_user(email="anwohnerin@example.org", display_name="Anna Berger", locale="de")
    org = make_organisation(consultation.region, name=ORGANISATION, admins=[member])
    db.session.commit()
    consultation_url = f"/consultations/{consultation.id}"
    proposal_path = f"{consultation_url}/proposals/{idea.id}"

    # 1. The member logs in; her account speaks Arabic, so the page is right to left.
    log_in(page, "leila@example.org")
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"

    # 2. She opens the proposal and comments on behalf of the organisation.
    page.goto(consultation_url)
    page.locator(f"a[href='{proposal_path}']").first.click()
    page.wait_for_url(f"**{proposal_path}")
    page.locator("#body").fill(COMMENT)
    page.locator("#language").select_option("ar")
    speak_as = page.locator(f"#reply-form input[name=speak_as][value='{org.id}']")
    assert not speak_as.is_checked()  # oneself is the default
    page.locator("#reply-form .speak-as label").filter(has_text=ORGANISATION).click()
    assert speak_as.is_checked()
    page.locator("#reply-form button[type=submit]").click()
    comment = page.locator(".comment").filter(has_text=COMMENT)
    assert comment.count() == 1
    meta = comment.locator(".comment__meta")
    assert meta.locator(f"a[href='/organisations/{org.id}']").inner_text() == ORGANISATION
    assert meta.locator(".badge--verified").is_visible()
    assert MEMBER in meta.inner_text()
    assert comment.locator(".comment__body").get_attribute("lang") == "ar"

    # 3. From the consultation page she publishes the organisation's statement in Arabic.
    page.goto(consultation_url)
    page.locator(f"#statements a[href='{consultation_url}/statements/new']").click()
    assert page.locator("#organisation").input_value() == str(org.id)
    page.locator("#title").fill(STATEMENT_TITLE)
    page.locator("#body").fill(STATEMENT_BODY)
    page.locator("#language").select_option("ar")
    page.locator("#save").click()
    page.wait_for_url(f"**{consultation_url}/statements/*")
    assert page.locator("h1").inner_text() == STATEMENT_TITLE
    statement_path = urlsplit(page.url).path

    page.goto(consultation_url)
    card = page.locator("#statements .statement-card").filter(has_text=STATEMENT_TITLE)
    assert card.count() == 1
    assert ORGANISATION in card.locator(".statement-card__organisation").inner_text()

    # 4. She adds a German translation of the statement.
    card.locator(".statement-card__title a").click()
    page.locator("a[href$='/translations/new']").click()
    page.locator("#language").select_option("de")
    page.locator("#title").fill(GERMAN_TITLE)
    page.locator("#body").fill(GERMAN_BODY)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(f"**{statement_path}#translation-*")
    assert page.locator("details.translation-item").count() == 1
    log_out(page)

    # 5. A resident with a German UI reads the statement and opens the translation.
    log_in(page, "anwohnerin@example.org")
    page.goto(consultation_url)
    assert page.locator("html").get_attribute("lang") == "de"
    card = page.locator("#statements .statement-card").filter(has_text=STATEMENT_TITLE)
    assert card.locator(f"a[href='/organisations/{org.id}']").inner_text() == ORGANISATION
    assert card.locator(".badge--verified").is_visible()
    card.locator(".statement-card__title a").click()
    page.wait_for_url(f"**{statement_path}")

    body = page.locator(".statement .layout-sidebar > div > .prose")
    assert STATEMENT_BODY in body.inner_text()
    assert body.get_attribute("lang") == "ar"
    assert body.get_attribute("dir") == "auto"

    translation = page.locator("details.translation-item")
    german = translation.locator(".translation-item__content .prose")
    assert translation.locator("summary [lang=de]").count() == 1  # "Show in Deutsch"
    assert not german.is_visible()
    translation.locator("summary").click()
    assert german.is_visible()
    assert GERMAN_BODY in german.inner_text()
    assert german.get_attribute("lang") == "de"
    assert translation.locator(".translation-item__title").inner_text() == GERMAN_TITLE

    # What the clicks left in the database.
    db.session.rollback()
    statements = db.session.scalars(db.select(Statement)).all()
    assert [(s.organisation_id, s.author_id, s.language, s.title) for s in statements] == [
        (org.id, member.id, "ar", STATEMENT_TITLE)
    ]
    comments = db.session.scalars(db.select(Comment)).all()
    assert [(c.organisation_id, c.author_id, c.proposal_id) for c in comments] == [
        (org.id, member.id, idea.id)
    ]
    translations = db.session.scalars(db.select(ContributionTranslation)).all()
    assert [(t.translation_of_id, t.language, t.author_id, t.title) for t in translations] == [
        (statements[0].id, "de", member.id, GERMAN_TITLE)
    ]
