"""The summary in Leichte Sprache: entered on the management form, shown on the consultation
page in a panel marked as German, with its line breaks; and the languages of the texts."""

import re

import pytest

from app.consultations.models import Consultation
from app.extensions import db
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_consultation, make_region, make_user_with_role

SUMMARY = (
    "Die Stadt will neue Sprach·cafés machen.\nSie können mit·machen.\nSagen Sie uns Ihre Idee."
)


def form_data(**changes) -> dict:
    values = {
        "title_de": "Sprachcafés in Kassel",
        "summary_de": "Wo sollen neue Sprachcafés entstehen?",
        "description_de": "Wir sammeln *Ideen*.",
        "information_starts_at": "2026-07-01T10:00",
        "information_ends_at": "2026-07-08T10:00",
        "moderation_mode": "post",
        "voting_mode": "support",
        "vote_budget": "0",
        "answer_threshold": "0",
        "eligibility": "registered",
    }
    values.update(changes)
    return values


def easy_language_panel(page: str) -> str:
    match = re.search(r'<section class="panel easy-language-panel".*?</section>', page, re.S)
    assert match, "no panel in easy language"
    return match.group(0)


@pytest.fixture
def region():
    return make_region()


@pytest.fixture
def coordinator(region):
    return make_user_with_role("coordinator", region=region, locale="en")


def test_a_new_consultation_keeps_the_summary(client, region, coordinator):
    db.session.commit()
    log_in(client, coordinator)
    form = client.get(f"/consultations/new?region={region.slug}").get_data(as_text=True)
    assert re.search(r'<textarea[^>]*id="easy_language_summary"[^>]*lang="de"', form)
    response = post_form(
        client,
        f"/consultations/new?region={region.slug}",
        form_data(easy_language_summary=SUMMARY),
    )
    assert response.status_code == 302
    consultation = db.session.scalars(db.select(Consultation)).one()
    assert consultation.easy_language_summary == SUMMARY


def test_editing_saves_the_summary_and_the_page_shows_it_in_german(client, region, coordinator):
    consultation = make_consultation(region, state="draft", easy_language_summary="Alt.")
    db.session.commit()
    log_in(client, coordinator)
    url = f"/consultations/{consultation.id}/edit"
    assert "Alt.</textarea>" in client.get(url).get_data(as_text=True)
    response = post_form(client, url, form_data(easy_language_summary=SUMMARY))
    assert response.status_code == 302
    db.session.refresh(consultation)
    assert consultation.easy_language_summary == SUMMARY

    client.set_cookie("mitreden_locale", "en")
    page = client.get(f"/consultations/{consultation.id}").get_data(as_text=True)
    panel = easy_language_panel(page)
    assert "In easy language" in panel
    assert re.search(r'<div class="prose easy-language easy-language-panel__text" lang="de"', panel)
    # One thought per line: the line breaks stay.
    assert re.search(r"Sprach·cafés machen\.<br ?/?>\s*Sie können mit·machen\.<br", panel)
    assert 'href="/leichte-sprache"' in panel


def test_no_panel_without_a_summary(client, region):
    consultation = build.consultation(region, phase="proposals")
    db.session.commit()
    page = client.get(f"/consultations/{consultation.id}").get_data(as_text=True)
    assert "easy-language-panel" not in page


def test_a_too_long_summary_is_refused(client, region, coordinator):
    db.session.commit()
    log_in(client, coordinator)
    client.set_cookie("mitreden_locale", "en")
    response = post_form(
        client,
        f"/consultations/new?region={region.slug}",
        form_data(easy_language_summary="Satz. " * 1000),
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="easy_language_summary-error"' in page
    assert db.session.scalar(db.select(db.func.count(Consultation.id))) == 0


def test_the_page_says_in_which_languages_the_texts_exist(client, region):
    consultation = build.consultation(
        region,
        phase="proposals",
        title={"de": "Sprachcafés", "tr": "Dil kafeleri"},
        description={"de": "Wir sammeln Ideen.", "ar": "نجمع الأفكار."},
    )
    db.session.commit()
    client.set_cookie("mitreden_locale", "en")
    page = client.get(f"/consultations/{consultation.id}").get_data(as_text=True)
    languages = re.findall(r'<p class="text-languages">.*?</p>', page, re.S)
    assert len(languages) == 2
    assert 'lang="tr"' in languages[0] and 'lang="de"' in languages[0]
    assert 'lang="ar"' in languages[1] and 'lang="de"' in languages[1]
    assert "This text is not available in English" in languages[0]
