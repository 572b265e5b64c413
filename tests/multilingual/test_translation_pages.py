"""Translations through the pages: language rules, moderation, reports, how the proposal page
and its discussion show them."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.core.clock import utcnow_naive
from app.core.models import ModerationState
from app.extensions import db
from app.moderation.models import Report
from tests import organisation_builders as orgs
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.multilingual.page_builders import (
    element_attrs,
    field_error,
    new_url,
    page_of,
    person,
    scene,
    text_of,
    textarea_text,
    translation_count,
    translations_of,
)


@pytest.fixture
def s():
    return scene()


# --- Language rules ---------------------------------------------------------------------------


def test_the_language_of_the_original_is_refused(client, s):
    log_in(client, s.author)
    response = post_form(
        client, new_url(s.proposal), {"language": "de", "title": "Titel", "body": "Derselbe Text."}
    )
    assert response.status_code == 400
    assert field_error(page_of(response), "language") == (
        "The contribution is already written in this language."
    )
    assert translation_count() == 0


def test_a_language_the_site_does_not_offer_is_refused(client, s):
    log_in(client, s.author)
    response = post_form(
        client, new_url(s.proposal), {"language": "xx", "title": "Titel", "body": "Irgendein Text."}
    )
    assert response.status_code == 400
    assert field_error(page_of(response), "language") == "Please choose a language from the list."
    assert translation_count() == 0


def test_a_second_translation_into_the_same_language_is_refused_and_the_text_stays(client, s):
    orgs.translation(s.proposal, s.author, language="tr", body="İlk çeviri.")
    db.session.commit()
    log_in(client, s.author)
    typed = "İkinci bir çeviri, kaybolmamalı."

    response = post_form(
        client, new_url(s.proposal), {"language": "tr", "title": "Başlık", "body": typed}
    )

    page = page_of(response)
    assert response.status_code == 400
    assert field_error(page, "language") == "There is already a translation into this language."
    assert textarea_text(page, "body") == typed
    assert [t.body for t in translations_of(s.proposal)] == ["İlk çeviri."]


def test_the_form_offers_only_languages_still_missing(client, s):
    orgs.translation(s.proposal, s.author, language="tr")
    db.session.commit()
    log_in(client, s.author)
    page = page_of(client.get(new_url(s.proposal, language="en")))
    select_html = re.search(r'<select[^>]*id="language".*?</select>', page, re.S).group(0)
    offered = re.findall(r'<option[^>]*value="(\w+)"', select_html)
    assert "de" not in offered and "tr" not in offered
    assert {"en", "ar", "fa", "uk"} <= set(offered)
    assert re.search(
        r'<option[^>]*selected[^>]*value="en"|<option[^>]*value="en"[^>]*selected', select_html
    )


def test_a_proposal_translation_needs_a_title(client, s):
    log_in(client, s.author)
    response = post_form(
        client, new_url(s.proposal), {"language": "en", "body": "Evening classes."}
    )
    assert response.status_code == 400
    assert field_error(page_of(response), "title") == "Please translate the title too."
    assert textarea_text(page_of(response), "body") == "Evening classes."
    assert translation_count() == 0


# --- Moderation -------------------------------------------------------------------------------


def test_under_pre_moderation_a_translation_waits_and_only_its_translator_sees_it(client):
    s = scene(moderation_mode="pre")
    log_in(client, s.author)
    response = post_form(
        client,
        new_url(s.proposal),
        {"language": "en", "title": "More evening classes", "body": "Many people work by day."},
    )
    assert response.status_code == 302
    (translation,) = translations_of(s.proposal)
    assert translation.moderation_state == ModerationState.PENDING

    own_view = page_of(client.get(build.proposal_url(s.proposal)))
    assert "Many people work by day." in own_view
    assert "awaiting review" in own_view

    log_in(client, person())
    other_view = page_of(client.get(build.proposal_url(s.proposal)))
    assert "Mehr Sprachkurse am Abend" in other_view
    assert "Many people work by day." not in other_view


def test_the_coordination_s_translation_is_published_at_once_under_pre_moderation(client):
    s = scene(moderation_mode="pre")
    coordinator = person("coordinator", region=s.region)
    log_in(client, coordinator)
    post_form(
        client,
        new_url(s.proposal),
        {"language": "en", "title": "More evening classes", "body": "Many people work by day."},
    )
    (translation,) = translations_of(s.proposal)
    assert translation.moderation_state == ModerationState.PUBLISHED

    log_in(client, person())
    page = page_of(client.get(build.proposal_url(s.proposal)))
    assert "Many people work by day." in page
    assert f"Translation by {coordinator.display_name} (coordination)" in text_of(page)


@pytest.mark.parametrize("state", [ModerationState.HIDDEN, ModerationState.REJECTED])
def test_hidden_or_rejected_translations_are_never_shown(client, s, state):
    orgs.translation(s.proposal, s.author, language="en", body="Secret translation.", state=state)
    db.session.commit()
    for viewer in (s.author, person("coordinator", region=s.region), None):
        if viewer is None:
            client.post("/account/logout")
            with client.session_transaction() as session:
                session.clear()
        else:
            log_in(client, viewer)
        page = page_of(client.get(build.proposal_url(s.proposal)))
        assert "Secret translation." not in page


def test_a_translation_can_be_reported_and_waits_in_the_queue_as_translation(client, s):
    translation = orgs.translation(
        s.proposal, s.author, language="en", title="Evening classes", body="Rude translation."
    )
    db.session.commit()
    reader = person()
    log_in(client, reader)
    page = page_of(client.get(build.proposal_url(s.proposal)))
    assert f"/moderation/report/{translation.id}" in page

    response = post_form(client, f"/moderation/report/{translation.id}", {"reason": "insult"})

    assert response.status_code == 302
    assert response.headers["Location"].endswith(build.proposal_url(s.proposal))
    assert (
        db.session.scalar(select(Report.reason).where(Report.contribution_id == translation.id))
        == "insult"
    )

    log_in(client, person("moderator", region=s.region))
    queue = page_of(client.get("/moderation/?view=reported"))
    assert "Translation into" in queue
    assert "Evening classes" in queue
    item = page_of(client.get(f"/moderation/contributions/{translation.id}"))
    assert "<dd>Translation" in item
    assert "Mehr Sprachkurse am Abend" in item  # the original as context
    assert build.proposal_url(s.proposal) in item


# --- How pages show translations --------------------------------------------------------------


def test_the_proposal_page_shows_translations_folded_with_translator_and_links(client, s):
    member = person(display_name="Mira Mitglied")
    org = orgs.organisation(
        s.region, admins=[s.author], members=[member], name="Nachbarschaft e. V."
    )
    s.proposal.organisation_id = org.id
    orgs.translation(
        s.proposal, s.author, language="en", title="Evening classes", body="By the author."
    )
    orgs.translation(s.proposal, member, language="tr", title="Akşam kursları", body="Üyeden.")
    db.session.commit()
    log_in(client, s.author)

    page = page_of(client.get(build.proposal_url(s.proposal)))

    assert re.search(r'<summary>Show in <span lang="en"[^>]*>English</span>', page)
    assert re.search(r'<summary>Show in <span lang="tr"[^>]*>Türkçe</span>', page)
    assert "Translation by Amira Autorin (the author)" in text_of(page)
    assert "Translation by Mira Mitglied (member of Nachbarschaft e. V." in text_of(page)
    assert 'lang="en" dir="auto"' in element_attrs(page, "By the author.")
    assert "Add a translation" in page
    own = translations_of(s.proposal)
    english = next(t for t in own if t.language == "en")
    assert f"/contributions/{english.id}/translation/edit" in page


def test_a_translation_older_than_the_last_edit_of_the_original_is_marked(client, s):
    orgs.translation(s.proposal, s.author, language="en", title="Old", body="Old translation.")
    s.proposal.edited_at = utcnow_naive() + timedelta(minutes=5)
    db.session.commit()
    page = page_of(client.get(build.proposal_url(s.proposal), headers={"Accept-Language": "en"}))
    assert "The original was changed after this translation was written." in page


def test_every_contribution_text_carries_its_language_and_dir_auto(client, s):
    commenter = person()
    arabic = build.comment(s.proposal, commenter, body="فكرة جيدة جدا", language="ar")
    build.comment(s.proposal, commenter, body="Świetny pomysł", language="pl", parent=arabic)
    orgs.translation(arabic, commenter, language="de", body="Eine sehr gute Idee")
    db.session.commit()

    page = page_of(client.get(build.proposal_url(s.proposal)))

    assert re.search(r'<h1 id="proposal-title"\s+lang="de" dir="auto">Mehr Sprachkurse', page)
    assert 'lang="de" dir="auto"' in element_attrs(page, "Viele arbeiten tagsüber.")
    assert 'lang="ar" dir="auto"' in element_attrs(page, "فكرة جيدة جدا")
    assert 'lang="pl" dir="auto"' in element_attrs(page, "Świetny pomysł")
    assert 'lang="de" dir="auto"' in element_attrs(page, "Eine sehr gute Idee")


def test_the_discussion_shows_comment_translations_with_a_translate_link_for_the_author(client, s):
    commenter = person()
    comment = build.comment(s.proposal, commenter, body="Gute Idee!")
    other = build.comment(s.proposal, s.author, body="Danke!")
    orgs.translation(comment, commenter, language="en", body="Good idea!")
    db.session.commit()
    log_in(client, commenter)

    page = page_of(client.get(build.proposal_url(s.proposal)))

    comment_block = page[
        page.index(f'id="comment-{comment.id}"') : page.index(f'id="comment-{other.id}"')
    ]
    assert "Good idea!" in comment_block
    assert f"/contributions/{comment.id}/translations/new" in comment_block
    assert f"/contributions/{other.id}/translations/new" not in page
