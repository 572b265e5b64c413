"""Who may open the translation form and save a translation, through the pages."""

import pytest

from app.core.models import ModerationState
from app.extensions import db
from tests import organisation_builders as orgs
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_region
from tests.multilingual.page_builders import (
    new_url,
    page_of,
    person,
    scene,
    translation_count,
    translations_of,
)

TURKISH = {"language": "tr", "title": "Akşam dil kursları", "body": "Birçok kişi gündüz çalışıyor."}


@pytest.fixture
def s():
    return scene()


def test_the_author_may_translate_and_the_translation_is_stored(client, s):
    log_in(client, s.author)
    page = page_of(client.get(new_url(s.proposal)))
    assert "Mehr Sprachkurse am Abend" in page  # the original is shown
    assert 'lang="de"' in page

    response = post_form(client, new_url(s.proposal), TURKISH)

    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        build.proposal_url(s.proposal) + f"#translation-{translations_of(s.proposal)[0].id}"
    )
    (translation,) = translations_of(s.proposal)
    assert (translation.language, translation.title, translation.author_id) == (
        "tr",
        "Akşam dil kursları",
        s.author.id,
    )
    assert translation.moderation_state == ModerationState.PUBLISHED


def test_a_member_of_the_organisation_the_proposal_speaks_for_may_translate(client, s):
    member = person()
    org = orgs.organisation(s.region, admins=[s.author], members=[member])
    s.proposal.organisation_id = org.id
    db.session.commit()
    log_in(client, member)

    assert client.get(new_url(s.proposal)).status_code == 200
    assert post_form(client, new_url(s.proposal), TURKISH).status_code == 302
    assert translation_count() == 1


@pytest.mark.parametrize("role", ["coordinator", "administrator"])
def test_coordination_of_the_region_and_administrators_may_translate(client, s, role):
    log_in(client, person(role, region=s.region))
    assert client.get(new_url(s.proposal)).status_code == 200
    assert post_form(client, new_url(s.proposal), TURKISH).status_code == 302
    assert translation_count() == 1


def test_another_participant_may_not_translate(client, s):
    log_in(client, person())
    assert client.get(new_url(s.proposal)).status_code == 403
    assert post_form(client, new_url(s.proposal), TURKISH).status_code == 403
    assert translation_count() == 0


def test_a_member_of_another_organisation_may_not_translate(client, s):
    outsider = person()
    orgs.organisation(s.region, admins=[outsider], name="Anderer Verein")
    db.session.commit()
    log_in(client, outsider)
    assert client.get(new_url(s.proposal)).status_code == 403


def test_a_coordinator_of_another_region_may_not_translate(client, s):
    log_in(client, person("coordinator", region=make_region()))
    assert client.get(new_url(s.proposal)).status_code == 403
    assert post_form(client, new_url(s.proposal), TURKISH).status_code == 403
    assert translation_count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client, s):
    response = client.get(new_url(s.proposal))
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]


def test_a_hidden_original_cannot_be_opened_for_translation(client, s):
    s.proposal.moderation_state = ModerationState.HIDDEN
    db.session.commit()
    log_in(client, person("coordinator", region=s.region))
    assert client.get(new_url(s.proposal)).status_code == 404
    assert post_form(client, new_url(s.proposal), TURKISH).status_code == 404
    assert translation_count() == 0


def test_the_author_cannot_translate_a_proposal_still_waiting_for_review(client, s):
    s.proposal.moderation_state = ModerationState.PENDING
    db.session.commit()
    log_in(client, s.author)
    assert client.get(new_url(s.proposal)).status_code == 403
    log_in(client, person())
    assert client.get(new_url(s.proposal)).status_code == 404  # others do not see it at all


def test_a_translation_is_not_translated_again(client, s):
    translation = orgs.translation(s.proposal, s.author, language="tr")
    db.session.commit()
    log_in(client, s.author)
    assert client.get(new_url(translation)).status_code == 403
    assert post_form(client, new_url(translation), {**TURKISH, "language": "en"}).status_code == 403
    assert translation_count() == 1


def test_an_unknown_contribution_is_404(client, s):
    log_in(client, s.author)
    assert client.get("/contributions/999999/translations/new").status_code == 404


def test_a_comment_author_may_translate_their_comment_without_a_title(client, s):
    commenter = person()
    comment = build.comment(s.proposal, commenter, body="Gute Idee, ich bin dabei.")
    db.session.commit()
    log_in(client, commenter)
    page = page_of(client.get(new_url(comment)))
    assert 'name="title"' not in page

    response = post_form(
        client, new_url(comment), {"language": "en", "body": "Good idea, count me in."}
    )

    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        build.proposal_url(s.proposal) + f"#comment-{comment.id}"
    )
    (translation,) = translations_of(comment)
    assert (translation.title, translation.body) == (None, "Good idea, count me in.")


def test_the_translator_edits_their_translation_and_nobody_else_may(client, s):
    translation = orgs.translation(s.proposal, s.author, language="tr", body="Eski metin.")
    db.session.commit()
    edit = f"/contributions/{translation.id}/translation/edit"

    log_in(client, person())
    assert client.get(edit).status_code == 403

    log_in(client, s.author)
    assert client.get(edit).status_code == 200
    response = post_form(client, edit, {"title": "Yeni başlık", "body": "Yeni ve daha iyi metin."})
    assert response.status_code == 302
    (saved,) = translations_of(s.proposal)
    assert (saved.title, saved.body) == ("Yeni başlık", "Yeni ve daha iyi metin.")
    assert saved.edited_at is not None


def test_a_member_translates_the_organisation_s_statement_and_returns_to_it(client, s):
    member = person()
    org = orgs.organisation(s.region, admins=[s.author], members=[member])
    statement = orgs.statement(s.consultation, org, s.author, title="Unsere Stellungnahme")
    db.session.commit()
    log_in(client, member)

    response = post_form(
        client,
        new_url(statement),
        {"language": "en", "title": "Our statement", "body": "We support the aims."},
    )

    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/consultations/{s.consultation.id}/statements/{statement.id}"
        f"#translation-{translations_of(statement)[0].id}"
    )
    page = page_of(client.get(response.headers["Location"].split("#")[0]))
    assert "We support the aims." in page
