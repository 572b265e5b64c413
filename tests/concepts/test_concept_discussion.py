"""Comments on a draft of the action concept that a consultation puts up for comment: the page,
writing comments (phases, moderation, errors), moderation links, and the consultation form."""

from datetime import UTC, datetime

import pytest

from app.concepts.models import ConceptComment
from app.consultations.models import Consultation
from app.extensions import db
from app.moderation.models import ModerationDecision
from tests.concepts import page_builders as build
from tests.conftest import post_form
from tests.factories import make_consultation, make_field_of_action, make_region, make_user
from tests.organisation_builders import organisation
from tests.participation_builders import consultation


@pytest.fixture
def kassel():
    region = make_region("kassel", de="Stadt Kassel", en="City of Kassel")
    region.fields_of_action = [make_field_of_action("language", en="Language", de="Sprache")]
    db.session.commit()
    return region


@pytest.fixture
def draft(kassel):
    """Kassel's draft (version 1): one goal with one measure."""
    version = build.version(kassel, 1, state="draft")
    goal = build.goal(
        version, kassel.fields_of_action[0], "Mehr Menschen sprechen Deutsch", key="g-language"
    )
    build.measure(goal, "Sprachcafés", key="m-cafes")
    db.session.commit()
    return version


def offering(region, version, phase="discussion", **settings) -> Consultation:
    item = consultation(region, phase=phase, **settings)
    item.concept_version = version
    db.session.commit()
    return item


def item_id(version, key: str) -> int:
    return next(each.id for each in version.items if each.key == key)


def comment_path(consultation_, version, key="m-cafes") -> str:
    return f"/consultations/{consultation_.id}/concept/items/{item_id(version, key)}/comments"


def comment(consultation_, version, author, body, key="m-cafes", state="published", **columns):
    obj = ConceptComment(
        consultation_id=consultation_.id,
        author_id=author.id,
        item_id=item_id(version, key),
        body=body,
        language="de",
        moderation_state=state,
        **columns,
    )
    db.session.add(obj)
    db.session.flush()
    return obj


def comments() -> list[ConceptComment]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(ConceptComment).order_by(ConceptComment.id)))


# --- the page ---------------------------------------------------------------------------------


def test_page_shows_the_draft_with_comments(client, login_as, kassel, draft):
    c = offering(kassel, draft)
    author, other = make_user(display_name="Ayşe"), make_user(display_name="Bernd")
    shown = comment(c, draft, author, "Gute Idee, aber *abends* bitte.", stance="in_favour")
    hidden = comment(c, draft, other, "Beleidigung", state="hidden")
    db.session.add(
        ModerationDecision(
            contribution_id=hidden.id,
            action="hide",
            reason="insult",
            state_before="published",
            state_after="hidden",
        )
    )
    waiting = comment(c, draft, author, "Wartet noch", key="g-language", state="pending")
    rejected = comment(c, draft, other, "Abgelehnt", state="rejected")
    db.session.commit()

    login_as("participant", locale="en")
    response = client.get(f"/consultations/{c.id}/concept")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Draft of the action concept (version 1)" in page
    assert 'id="item-g-language"' in page and 'id="item-m-cafes"' in page
    assert f'id="concept-comment-{shown.id}"' in page
    assert "Gute Idee, aber <em>abends</em> bitte." in page
    assert 'badge--in_favour">In favour</span>' in page
    assert "Hidden by moderation: " in page and "Beleidigung" not in page
    assert "Wartet noch" not in page  # someone else's comment waiting for review
    assert "Abgelehnt" not in page and f"concept-comment-{rejected.id}" not in page
    # Report link per visible comment, none on one's own or hidden ones
    assert f'href="/moderation/report/{shown.id}"' in page
    assert f'href="/moderation/report/{hidden.id}"' not in page
    # A form per goal and measure, each with its own field ids
    assert f'action="{comment_path(c, draft)}"' in page
    assert f'action="{comment_path(c, draft, "g-language")}"' in page
    assert f'id="item-{item_id(draft, "m-cafes")}-body"' in page

    # The author sees her waiting comment, marked
    log_in_as(client, author)
    page = client.get(f"/consultations/{c.id}/concept").get_data(as_text=True)
    assert "Wartet noch" in page
    assert f'id="concept-comment-{waiting.id}"' in page
    assert f'href="/moderation/report/{shown.id}"' not in page  # not one's own


def log_in_as(client, user):
    from tests.conftest import log_in

    user.locale = "en"
    db.session.commit()
    log_in(client, user)


def test_page_is_404_without_an_offered_draft(client, kassel, draft):
    plain = consultation(kassel, phase="discussion")
    db.session.commit()
    assert client.get(f"/consultations/{plain.id}/concept").status_code == 404
    assert client.get("/consultations/999999/concept").status_code == 404


def test_page_of_a_consultation_draft_is_404_for_the_public(client, login_as, kassel, draft):
    unpublished = offering(kassel, draft, state="draft")
    assert client.get(f"/consultations/{unpublished.id}/concept").status_code == 404
    login_as("coordinator", region=kassel)
    assert client.get(f"/consultations/{unpublished.id}/concept").status_code == 200


def test_anonymous_visitors_are_invited_to_log_in(client, kassel, draft):
    c = offering(kassel, draft)
    client.set_cookie("mitreden_locale", "en")
    page = client.get(f"/consultations/{c.id}/concept").get_data(as_text=True)
    assert "Log in to comment." in page
    assert "/concept/items/" not in page


def test_published_since_comments_closed_but_readable(client, login_as, kassel, draft):
    c = offering(kassel, draft)
    comment(c, draft, make_user(), "Schon früher gesagt")
    draft.state = "published"
    db.session.commit()
    login_as("participant", locale="en")
    page = client.get(f"/consultations/{c.id}/concept").get_data(as_text=True)
    assert "has since been published as version 1" in page
    assert "Schon früher gesagt" in page
    assert "/concept/items/" not in page
    response = post_form(
        client, comment_path(c, draft), {f"item-{item_id(draft, 'm-cafes')}-body": "Spät"}
    )
    assert response.status_code == 403


def test_consultation_page_links_the_discussion(client, kassel, draft):
    c = offering(kassel, draft)
    client.set_cookie("mitreden_locale", "en")
    page = client.get(f"/consultations/{c.id}").get_data(as_text=True)
    assert f'href="/consultations/{c.id}/concept"' in page
    assert "Read the draft and comment" in page
    plain = consultation(kassel)
    db.session.commit()
    assert "/concept" not in client.get(f"/consultations/{plain.id}").get_data(as_text=True)


# --- writing comments ---------------------------------------------------------------------------


def form(version, key="m-cafes", **values) -> dict:
    prefix = f"item-{item_id(version, key)}-"
    data = {"body": "Bitte auch am Wochenende.", "stance": "in_favour", "language": "de"}
    data.update(values)
    return {prefix + name: value for name, value in data.items()}


def test_comment_in_the_discussion_phase_is_published(client, login_as, kassel, draft):
    c = offering(kassel, draft)
    user = login_as("participant")
    response = post_form(client, comment_path(c, draft), form(draft))
    assert response.status_code == 302
    [saved] = comments()
    assert response.location == f"/consultations/{c.id}/concept#concept-comment-{saved.id}"
    assert (saved.author_id, saved.item_id, saved.stance, saved.moderation_state) == (
        user.id,
        item_id(draft, "m-cafes"),
        "in_favour",
        "published",
    )
    assert saved.body == "Bitte auch am Wochenende."


def test_a_member_comments_on_behalf_of_a_verified_organisation(client, login_as, kassel, draft):
    c = offering(kassel, draft)
    user = login_as("participant")
    verein = organisation(kassel, name="Elternverein Kassel", members=[user])
    db.session.commit()
    page = client.get(f"/consultations/{c.id}/concept").get_data(as_text=True)
    assert "Elternverein Kassel" in page  # offered in the "publish as" choice
    response = post_form(client, comment_path(c, draft), form(draft, speak_as=str(verein.id)))
    assert response.status_code == 302
    [saved] = comments()
    assert (saved.author_id, saved.organisation_id) == (user.id, verein.id)


def test_speaking_for_an_organisation_one_is_not_a_member_of_is_refused(
    client, login_as, kassel, draft
):
    c = offering(kassel, draft)
    login_as("participant")
    other = organisation(kassel, name="Fremder Verein", admins=[make_user()])
    db.session.commit()
    response = post_form(client, comment_path(c, draft), form(draft, speak_as=str(other.id)))
    assert response.status_code == 400
    assert "Bitte auch am Wochenende." in response.get_data(as_text=True)
    assert comments() == []


def test_pre_moderation_keeps_the_comment_pending(client, login_as, kassel, draft):
    c = offering(kassel, draft, moderation_mode="pre")
    login_as("participant", locale="en")
    response = post_form(client, comment_path(c, draft, "g-language"), form(draft, "g-language"))
    assert response.status_code == 302
    [saved] = comments()
    assert saved.moderation_state == "pending"
    page = client.get(f"/consultations/{c.id}/concept").get_data(as_text=True)
    assert "A moderator reviews it before others can see it." in page
    assert "Awaiting review – only you can see this" in page
    # Others do not see it
    client.set_cookie("mitreden_locale", "en")
    with client.session_transaction() as session:
        session.clear()
    assert "Bitte auch am Wochenende." not in client.get(f"/consultations/{c.id}/concept").get_data(
        as_text=True
    )


@pytest.mark.parametrize("phase", ["information", "voting", "results"])
def test_no_comments_outside_the_comment_phases(client, login_as, kassel, draft, phase):
    c = offering(kassel, draft, phase=phase)
    login_as("participant")
    response = post_form(client, comment_path(c, draft), form(draft))
    assert response.status_code == 403
    assert comments() == []
    page = client.get(f"/consultations/{c.id}/concept").get_data(as_text=True)
    assert "/concept/items/" not in page


def test_comments_in_the_proposals_phase_too(client, login_as, kassel, draft):
    c = offering(kassel, draft, phase="proposals")
    login_as("participant")
    assert post_form(client, comment_path(c, draft), form(draft)).status_code == 302
    assert len(comments()) == 1


def test_no_comments_when_the_consultation_offers_no_draft(client, login_as, kassel, draft):
    plain = consultation(kassel, phase="discussion")
    db.session.commit()
    login_as("participant")
    response = post_form(
        client,
        f"/consultations/{plain.id}/concept/items/{item_id(draft, 'm-cafes')}/comments",
        form(draft),
    )
    assert response.status_code == 404
    assert comments() == []


def test_item_of_another_version_is_404(client, login_as, kassel, draft):
    c = offering(kassel, draft)
    other = build.version(make_region(), 1)
    foreign = build.goal(other, kassel.fields_of_action[0])
    db.session.commit()
    login_as("participant")
    response = post_form(
        client, f"/consultations/{c.id}/concept/items/{foreign.id}/comments", form(draft)
    )
    assert response.status_code == 404
    assert comments() == []


def test_residents_only_consultation_refuses_others(client, login_as, kassel, draft):
    c = offering(kassel, draft, eligibility="residents")
    login_as("participant")
    assert post_form(client, comment_path(c, draft), form(draft)).status_code == 403
    assert comments() == []


def test_anonymous_post_is_sent_to_login(client, kassel, draft):
    c = offering(kassel, draft)
    response = post_form(client, comment_path(c, draft), form(draft))
    assert response.status_code == 302
    assert "/account/login" in response.location


def test_refused_comment_keeps_the_text_at_its_item(client, login_as, kassel, draft):
    c = offering(kassel, draft)
    login_as("participant", locale="en")
    measure = item_id(draft, "m-cafes")
    response = post_form(client, comment_path(c, draft), form(draft, body="x", stance="against"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    error = build.field_error(page, f"item-{measure}-body")
    assert "Please enter between 2 and 5000 characters." in error
    assert f'id="item-{measure}-body"' in page and "x</textarea>" in page
    assert '<option selected value="against">' in page
    # That item's form is open, the others stay folded
    assert '<details class="concept-comment-form" open>' in page
    assert page.count('<details class="concept-comment-form" open>') == 1
    assert comments() == []


def test_the_same_text_twice_is_refused_at_the_field(client, login_as, kassel, draft):
    c = offering(kassel, draft)
    login_as("participant", locale="en")
    post_form(client, comment_path(c, draft), form(draft))
    response = post_form(client, comment_path(c, draft), form(draft))
    assert response.status_code == 400
    measure = item_id(draft, "m-cafes")
    assert "You posted the same text a moment ago." in build.field_error(
        response.get_data(as_text=True), f"item-{measure}-body"
    )
    assert len(comments()) == 1


# --- moderation -------------------------------------------------------------------------------


def test_moderation_queue_and_item_name_and_link_concept_comments(client, login_as, kassel, draft):
    c = offering(kassel, draft, moderation_mode="pre")
    waiting = comment(c, draft, make_user(), "Bitte prüfen", state="pending")
    db.session.commit()
    login_as("moderator", region=kassel, locale="en")
    page = client.get("/moderation/").get_data(as_text=True)
    assert f"Comment on the action concept no. {waiting.id}" in page
    page = client.get(f"/moderation/contributions/{waiting.id}").get_data(as_text=True)
    assert "<dd>Comment on the action concept</dd>" in page
    assert "On the goal or measure of the action concept:" in page
    assert f'href="/consultations/{c.id}/concept#concept-comment-{waiting.id}"' in page
    assert "Sprachcafés" in page


def test_report_leads_back_to_the_comment(client, login_as, kassel, draft):
    c = offering(kassel, draft)
    shown = comment(c, draft, make_user(), "Etwas Unpassendes")
    db.session.commit()
    login_as("participant")
    response = post_form(client, f"/moderation/report/{shown.id}", {"reason": "spam"})
    assert response.status_code == 302
    assert response.location == f"/consultations/{c.id}/concept#concept-comment-{shown.id}"


# --- the consultation form --------------------------------------------------------------------


def consultation_form(**changes) -> dict:
    from tests.consultations.test_manage_routes import form_data

    return form_data(**changes)


def test_new_consultation_puts_the_draft_up_for_comment(client, login_as, kassel, draft):
    login_as("coordinator", region=kassel, locale="en")
    page = client.get("/consultations/new?region=kassel").get_data(as_text=True)
    assert "Draft of the action concept put up for comment" in page
    assert f'<option value="{draft.id}">Draft of version 1</option>' in page
    response = post_form(
        client, "/consultations/new?region=kassel", consultation_form(concept_version=str(draft.id))
    )
    assert response.status_code == 302
    created = db.session.scalar(db.select(Consultation))
    assert created.concept_version_id == draft.id


def test_without_a_draft_the_form_says_so(client, login_as, kassel):
    login_as("coordinator", region=kassel, locale="en")
    page = client.get("/consultations/new?region=kassel").get_data(as_text=True)
    assert "The region has no draft of its action concept at the moment." in page
    response = post_form(client, "/consultations/new?region=kassel", consultation_form())
    assert response.status_code == 302
    assert db.session.scalar(db.select(Consultation)).concept_version_id is None


def test_another_regions_draft_is_refused(client, login_as, kassel, draft):
    foreign = build.version(make_region(), 1, state="draft")
    db.session.commit()
    login_as("coordinator", region=kassel, locale="en")
    response = post_form(
        client,
        "/consultations/new?region=kassel",
        consultation_form(concept_version=str(foreign.id)),
    )
    assert response.status_code == 200
    assert "Please choose one of the options." in build.field_error(
        response.get_data(as_text=True), "concept_version"
    )
    assert db.session.scalar(db.select(db.func.count(Consultation.id))) == 0


@pytest.fixture
def summer(kassel, time_machine):
    time_machine.move_to(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False)
    return make_consultation(kassel, state="draft", phases={})


def test_edit_offers_and_withdraws_the_draft(client, login_as, kassel, draft, summer):
    db.session.commit()
    login_as("coordinator", region=kassel, locale="en")
    path = f"/consultations/{summer.id}/edit"
    assert (
        post_form(client, path, consultation_form(concept_version=str(draft.id))).status_code == 302
    )
    db.session.expire_all()
    assert db.session.get(Consultation, summer.id).concept_version_id == draft.id
    page = client.get(path).get_data(as_text=True)
    assert f'<option selected value="{draft.id}">Draft of version 1</option>' in page
    assert post_form(client, path, consultation_form(concept_version="0")).status_code == 302
    db.session.expire_all()
    assert db.session.get(Consultation, summer.id).concept_version_id is None


def test_a_version_published_since_stays_offered_when_saved_unchanged(
    client, login_as, kassel, draft, summer
):
    summer.concept_version = draft
    draft.state = "published"
    db.session.commit()
    login_as("coordinator", region=kassel, locale="en")
    path = f"/consultations/{summer.id}/edit"
    page = client.get(path).get_data(as_text=True)
    assert (
        f'<option selected value="{draft.id}">Version 1 (published; comments closed)</option>'
        in page
    )
    response = post_form(client, path, consultation_form(concept_version=str(draft.id)))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Consultation, summer.id).concept_version_id == draft.id


def test_draft_page_names_the_consultation_and_counts_comments(client, login_as, kassel, draft):
    c = offering(kassel, draft)
    comment(c, draft, make_user(), "Eins")
    comment(c, draft, make_user(), "Zwei")
    comment(c, draft, make_user(), "Wartet", state="pending")
    db.session.commit()
    login_as("coordinator", region=kassel, locale="en")
    page = client.get("/regions/kassel/concept/draft").get_data(as_text=True)
    assert "Put up for comment" in page
    assert f'href="/consultations/{c.id}/concept"' in page
    assert (
        f'href="/consultations/{c.id}/concept#item-m-cafes">2 comments from the consultation'
        in page
    )
    assert (
        "comment from the consultation"
        not in page.split('id="item-m-cafes"')[0].split('id="item-g-language"')[1]
    )
