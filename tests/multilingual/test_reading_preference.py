"""The reader's choice "show contributions in my language first", and the language filters
("available in") of the proposal list and the discussion."""

import re

import pytest

from app.core.models import ModerationState
from app.extensions import db
from tests import organisation_builders as orgs
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.multilingual.page_builders import page_of, person, scene, text_of

ENGLISH = {"Accept-Language": "en"}


def switch(client, on: bool, next_url: str):
    return post_form(
        client,
        "/reading-preference",
        {"translated_first": "1" if on else "0", "next": next_url},
    )


@pytest.fixture
def s():
    s = scene()
    orgs.translation(
        s.proposal,
        s.author,
        language="en",
        title="More evening language classes",
        body="Many people work during the day.",
    )
    db.session.commit()
    return s


def test_the_preference_shows_the_translation_first_and_the_original_folded(client, s):
    url = build.proposal_url(s.proposal)
    before = page_of(client.get(url, headers=ENGLISH))
    assert re.search(r"<h1[^>]*>Mehr Sprachkurse am Abend</h1>", before)
    assert 'aria-pressed="false"' in before

    response = switch(client, True, url)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(url)

    after = page_of(client.get(url, headers=ENGLISH))
    assert re.search(
        r'<h1 id="proposal-title"\s+lang="en" dir="auto">More evening language classes</h1>', after
    )
    assert "Translated from Deutsch by Amira Autorin" in text_of(after)
    original = re.search(r'<details class="translated-original">(.*?)</details>', after, re.S)
    assert original, "the original is offered folded"
    assert "Show original" in original.group(1)
    assert re.search(r'lang="de" dir="auto"><p>Viele arbeiten tagsüber', original.group(1))
    assert 'aria-pressed="true"' in after

    switch(client, False, url)
    again = page_of(client.get(url, headers=ENGLISH))
    assert re.search(r"<h1[^>]*>Mehr Sprachkurse am Abend</h1>", again)


def test_the_preference_also_applies_to_the_proposal_list(client, s):
    list_url = build.consultation_url(s.consultation)
    assert "More evening language classes" not in page_of(client.get(list_url, headers=ENGLISH))
    switch(client, True, list_url)
    page = page_of(client.get(list_url, headers=ENGLISH))
    assert re.search(
        r'<h3 class="proposal-card__title"[^>]*lang="en" dir="auto">\s*<a[^>]*>More evening', page
    )
    assert "Translated from Deutsch" in text_of(page)


def test_readers_of_the_original_language_keep_the_original(client, s):
    switch(client, True, "/")
    page = page_of(client.get(build.proposal_url(s.proposal), headers={"Accept-Language": "de"}))
    assert re.search(r"<h1[^>]*>Mehr Sprachkurse am Abend</h1>", page)


def test_comments_are_shown_in_the_reader_s_language_first(client, s):
    commenter = person()
    comment = build.comment(s.proposal, commenter, body="فكرة ممتازة", language="ar")
    orgs.translation(comment, commenter, language="en", body="An excellent idea")
    db.session.commit()
    switch(client, True, "/")
    page = page_of(client.get(build.proposal_url(s.proposal), headers=ENGLISH))
    block = page[page.index(f'id="comment-{comment.id}"') :]
    assert block.index("An excellent idea") < block.index("فكرة ممتازة")
    assert re.search(r'lang="en" dir="auto"><p>An excellent idea', block)


def test_a_translation_waiting_for_review_is_not_shown_first(client):
    s = scene()
    orgs.translation(
        s.proposal, s.author, language="en", title="Waiting title", state=ModerationState.PENDING
    )
    db.session.commit()
    log_in(client, s.author)  # the translator sees it, folded, but not instead of the original
    switch(client, True, "/")
    page = page_of(client.get(build.proposal_url(s.proposal)))
    assert re.search(r"<h1[^>]*>Mehr Sprachkurse am Abend</h1>", page)
    assert "Waiting title" in page


def test_the_switch_goes_back_only_to_pages_of_this_site(client, s):
    response = switch(client, True, "https://evil.example/")
    assert response.status_code == 302
    assert response.headers["Location"] in ("/", "http://localhost/")


def test_the_switch_needs_the_form_token(client, s):
    response = client.post("/reading-preference", data={"translated_first": "1", "next": "/"})
    assert response.status_code == 400
    page = page_of(client.get(build.proposal_url(s.proposal), headers=ENGLISH))
    assert re.search(r"<h1[^>]*>Mehr Sprachkurse am Abend</h1>", page)


# --- Language filters -------------------------------------------------------------------------


def test_the_list_filter_means_available_in_the_language(client):
    s = scene()
    build.proposal(s.consultation, s.author, title="Türkçe öneri burada", language="tr")
    translated = build.proposal(s.consultation, s.author, title="Übersetzter Vorschlag")
    orgs.translation(translated, s.author, language="en", title="Translated proposal")
    hidden_only = build.proposal(s.consultation, s.author, title="Nur versteckt übersetzt")
    orgs.translation(
        hidden_only, s.author, language="en", title="Hidden", state=ModerationState.HIDDEN
    )
    db.session.commit()
    url = build.consultation_url(s.consultation)

    def titles(query: str) -> set[str]:
        page = page_of(client.get(url + query))
        return set(re.findall(r'<h3 class="proposal-card__title".*?<a[^>]*>(.*?)</a>', page, re.S))

    assert titles("?language=en") == {"Übersetzter Vorschlag"}
    assert titles("?language=tr") == {"Türkçe öneri burada"}
    assert titles("?language=de") == {
        "Mehr Sprachkurse am Abend",
        "Übersetzter Vorschlag",
        "Nur versteckt übersetzt",
    }
    assert len(titles("?language=xx")) == 4  # unknown values are ignored
    assert "Translated proposal" not in "".join(titles("?language=en"))  # no preference set


def test_the_discussion_filter_shows_comments_available_in_the_language(client, s):
    commenter = person()
    english = build.comment(s.proposal, commenter, body="Written in English", language="en")
    german = build.comment(s.proposal, commenter, body="Auf Deutsch übersetzt")
    orgs.translation(german, commenter, language="en", body="Translated into English")
    build.comment(s.proposal, commenter, body="Nur auf Deutsch")
    db.session.commit()

    page = page_of(client.get(build.proposal_url(s.proposal, "?comment_language=en")))

    shown = set(re.findall(r'<li class="comment comment--depth-\d+" id="comment-(\d+)"', page))
    assert shown == {str(english.id), str(german.id)}
    assert re.search(r'<option value="en" lang="en" selected>', page)
    unfiltered = page_of(client.get(build.proposal_url(s.proposal, "?comment_language=xx")))
    assert "Nur auf Deutsch" in unfiltered
