"""Statement pages: who may publish and when, one statement per organisation, editing with
history and conflicts, pre-moderation, hidden statements, the consultation page's list, and
that statements are no votes."""

import html
import re

import pytest
from sqlalchemy import func, select

from app.consultations.models import ModerationMode
from app.core.models import ModerationState
from app.extensions import db
from app.moderation import services as moderation
from app.organisations.models import (
    MemberRole,
    Membership,
    OrganisationStatus,
    Statement,
    StatementRevision,
)
from app.votes.models import Vote
from tests import participation_builders as build
from tests.conftest import log_in, post_form, without_csrf_tokens
from tests.factories import make_region, make_user, make_user_with_role
from tests.organisation_builders import organisation, statement

BODY = (
    "Der Verein unterstützt die Ziele der Beteiligung. Wir schlagen vor, Beratung auch in "
    "Türkisch, Arabisch und Russisch anzubieten."
)


# --- helpers ----------------------------------------------------------------------------------


def new_url(c) -> str:
    return f"/consultations/{c.id}/statements/new"


def statement_url(item, suffix: str = "") -> str:
    return f"/consultations/{item.consultation_id}/statements/{item.id}{suffix}"


def form(org, **changes) -> dict:
    data = {
        "organisation": str(org.id),
        "title": "Beratung in mehreren Sprachen",
        "body": BODY,
        "language": "de",
        "save": "Publish statement",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def page_of(response) -> str:
    return response.get_data(as_text=True)


def field_error(page: str, field_id: str) -> str:
    match = re.search(rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', page, re.S)
    assert match, f"no error shown next to {field_id}"
    return html.unescape(match.group(1))


def textarea_text(page: str, field_id: str) -> str:
    match = re.search(rf'<textarea[^>]*id="{field_id}"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, f"no textarea {field_id}"
    return html.unescape(match.group(1)).strip()


def statement_count() -> int:
    return db.session.scalar(select(func.count(Statement.id)))


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response.location.startswith("/account/login")


@pytest.fixture
def english(client):
    client.set_cookie("mitreden_locale", "en")
    return client


@pytest.fixture
def region():
    return make_region()


@pytest.fixture
def discussion(region):
    return build.consultation(region, phase="discussion")


@pytest.fixture
def admin():
    return make_user(display_name="Ayşe Demir", locale="en")


@pytest.fixture
def org(region, admin):
    return organisation(region, name="Kulturverein Brücke e. V.", admins=[admin])


# --- who may publish --------------------------------------------------------------------------


def test_an_admin_of_a_verified_organisation_publishes(client, english, discussion, org, admin):
    db.session.commit()
    log_in(client, admin)
    page = page_of(client.get(new_url(discussion)))
    assert "Publish a statement" in page
    assert "Kulturverein Brücke e. V." in page  # in whose name, even as the only choice
    assert "one statement per consultation" in page
    assert "until the discussion phase ends" in page
    assert "A statement is not a vote" in page

    response = post_form(client, new_url(discussion), form(org))
    assert response.status_code == 302
    item = db.session.scalars(select(Statement)).one()
    assert response.location == statement_url(item)
    assert item.organisation_id == org.id
    assert item.author_id == admin.id
    assert item.moderation_state == ModerationState.PUBLISHED

    detail = page_of(client.get(response.location))
    assert "The statement has been published." in detail
    assert "Beratung in mehreren Sprachen" in detail
    assert "Verified organisation" in detail
    assert "written by" in detail and "Ayşe Demir" in detail
    assert f'href="/organisations/{org.id}"' in detail


def test_the_preview_shows_the_text_and_saves_nothing(client, english, discussion, org, admin):
    db.session.commit()
    log_in(client, admin)
    response = post_form(client, new_url(discussion), form(org, save=None, preview="Preview"))
    assert response.status_code == 200
    page = page_of(response)
    assert "Not published yet" in page
    assert "Türkisch, Arabisch und Russisch" in page
    assert statement_count() == 0


REFUSED = ["member", "admin_of_requested", "admin_of_suspended", "participant"]


@pytest.mark.parametrize("who", REFUSED)
def test_others_may_not_publish(client, discussion, region, org, who):
    user = make_user(locale="en")
    if who == "member":
        target = organisation(region, name="Anderer Verein", members=[user])
    elif who == "admin_of_requested":
        target = organisation(
            region, name="Neuer Verein", status=OrganisationStatus.REQUESTED, admins=[user]
        )
    elif who == "admin_of_suspended":
        target = organisation(
            region, name="Alter Verein", status=OrganisationStatus.SUSPENDED, admins=[user]
        )
    else:
        target = org
    db.session.commit()
    log_in(client, user)
    assert client.get(new_url(discussion)).status_code == 403
    assert post_form(client, new_url(discussion), form(target)).status_code == 403
    assert statement_count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client, discussion, org):
    db.session.commit()
    assert is_login_redirect(client.get(new_url(discussion)))
    assert is_login_redirect(post_form(client, new_url(discussion), form(org)))
    assert statement_count() == 0


@pytest.mark.parametrize("phase", ["information", "proposals", "voting", "results"])
def test_statements_only_in_the_discussion_phase(client, region, admin, org, phase):
    c = build.consultation(region, phase=phase)
    db.session.commit()
    log_in(client, admin)
    assert client.get(new_url(c)).status_code == 403
    assert post_form(client, new_url(c), form(org)).status_code == 403
    assert statement_count() == 0


def test_the_admin_cannot_publish_for_an_organisation_of_someone_else(
    client, english, discussion, region, org, admin
):
    other = organisation(region, name="Fremder Verein", admins=[make_user(locale="en")])
    db.session.commit()
    log_in(client, admin)
    response = post_form(client, new_url(discussion), form(other))
    assert response.status_code == 400
    assert "Only admins of a verified organisation" in field_error(
        page_of(response), "organisation"
    )
    assert statement_count() == 0


# --- one per organisation ---------------------------------------------------------------------


def test_a_second_statement_of_the_same_organisation_is_refused(
    client, english, discussion, org, admin
):
    statement(discussion, org, admin, title="Erste Stellungnahme")
    db.session.commit()
    log_in(client, admin)
    # Nothing left to publish for: the page links the existing statement instead of a form.
    page = page_of(client.get(new_url(discussion)))
    assert "Erste Stellungnahme" in page
    assert 'name="body"' not in page

    response = post_form(client, new_url(discussion), form(org))
    assert response.status_code == 400
    page = page_of(response)
    assert "has already published a statement in this consultation" in field_error(
        page, "organisation"
    )
    assert textarea_text(page, "body") == BODY  # the typed text stays
    assert statement_count() == 1


def test_the_choice_offers_only_organisations_without_a_statement(
    client, english, discussion, region, org, admin
):
    second = organisation(region, name="Frauenverband Mosaik", admins=[admin])
    statement(discussion, org, admin)
    db.session.commit()
    log_in(client, admin)
    page = page_of(client.get(new_url(discussion)))
    options = re.findall(r'<option[^>]*value="(\d+)"', page)
    assert options == [str(second.id)]

    response = post_form(client, new_url(discussion), form(org))
    assert response.status_code == 400
    assert "has already published" in field_error(page_of(response), "organisation")
    response = post_form(client, new_url(discussion), form(second))
    assert response.status_code == 302
    assert statement_count() == 2


# --- reading ----------------------------------------------------------------------------------


def test_a_statement_of_another_consultation_is_not_found(client, region, discussion, org, admin):
    other = build.consultation(region, phase="discussion")
    item = statement(other, org, admin)
    db.session.commit()
    assert client.get(f"/consultations/{discussion.id}/statements/{item.id}").status_code == 404
    assert client.get(statement_url(item)).status_code == 200


def test_links_on_the_statement_follow_the_rules(client, english, region, discussion, org, admin):
    item = statement(discussion, org, admin)
    reader = make_user(locale="en")
    moderator = make_user_with_role("moderator", region=region, locale="en")
    db.session.commit()

    page = page_of(client.get(statement_url(item)))
    assert "Report this statement" not in page and "/edit" not in page

    log_in(client, reader)
    page = page_of(client.get(statement_url(item)))
    assert f"/moderation/report/{item.id}" in page
    assert statement_url(item, "/edit") not in page
    assert f"/moderation/contributions/{item.id}" not in page

    log_in(client, moderator)
    page = page_of(client.get(statement_url(item)))
    assert f"/moderation/contributions/{item.id}" in page

    log_in(client, admin)
    page = page_of(client.get(statement_url(item)))
    assert statement_url(item, "/edit") in page
    assert f"/moderation/report/{item.id}" not in page  # not one's own


def test_a_hidden_statement_shows_the_placeholder_with_the_reason(
    client, english, region, discussion, org, admin
):
    item = statement(discussion, org, admin, title="Ein verborgener Titel")
    moderator = make_user_with_role("moderator", region=region, locale="en")
    moderation.decide(moderator, item, "hide", ModerationState.PUBLISHED, "insult")
    db.session.commit()
    response = client.get(statement_url(item))
    assert response.status_code == 200
    page = page_of(response)
    assert "Hidden by moderation: Insult or hate" in page
    assert "Ein verborgener Titel" not in page
    assert "Muttersprachen" not in page
    consultation_page = page_of(client.get(build.consultation_url(discussion)))
    assert "Ein verborgener Titel" not in consultation_page


# --- editing ----------------------------------------------------------------------------------


def test_editing_keeps_the_earlier_version_and_shows_the_changes(
    client, english, region, discussion, org, admin
):
    second_admin = make_user(display_name="Jonas Weber", locale="en")
    org.memberships.append(Membership(user=second_admin, role=MemberRole.ADMIN))
    item = statement(discussion, org, admin, title="Unsere Position zur Beratung")
    db.session.commit()
    log_in(client, second_admin)
    page = page_of(client.get(statement_url(item, "/edit")))
    assert re.search(r'name="revision"[^>]*value="0"', page)
    assert "Unsere Position zur Beratung" in page

    response = post_form(
        client,
        statement_url(item, "/edit"),
        {
            "title": "Unsere Position zur Beratung vor Ort",
            "body": BODY,
            "language": "de",
            "revision": "0",
            "save": "Save changes",
        },
    )
    assert response.status_code == 302
    assert response.location == statement_url(item)
    db.session.refresh(item)
    assert item.title == "Unsere Position zur Beratung vor Ort"
    assert item.edited_by_id == second_admin.id
    revision = db.session.scalars(select(StatementRevision)).one()
    assert revision.title == "Unsere Position zur Beratung"
    assert revision.written_by_id == admin.id

    detail = page_of(client.get(statement_url(item)))
    assert statement_url(item, "/history") in detail
    history = page_of(client.get(statement_url(item, "/history")))
    assert re.search(r"<ins>\s*vor Ort</ins>", history)
    assert "Saved by" in history and "Jonas Weber" in history
    assert "First version" in history and "Ayşe Demir" in history


def test_a_stale_edit_form_is_refused_and_keeps_the_text(client, english, discussion, org, admin):
    item = statement(discussion, org, admin)
    item.revisions.append(
        StatementRevision(title="Alt", body="Alter Text", language="de", written_by_id=admin.id)
    )
    db.session.commit()
    log_in(client, admin)
    changed = BODY + " Ergänzung."
    response = post_form(
        client,
        statement_url(item, "/edit"),
        {"title": "Neuer Titel", "body": changed, "language": "de", "revision": "0"},
    )
    assert response.status_code == 409
    page = page_of(response)
    assert "changed after you opened the form" in page
    assert textarea_text(page, "body") == changed
    db.session.refresh(item)
    assert item.title == "Stellungnahme des Vereins"


@pytest.mark.parametrize("phase", ["voting", "results"])
def test_editing_is_refused_after_the_discussion_phase(client, region, org, admin, phase):
    c = build.consultation(region, phase=phase)
    item = statement(c, org, admin)
    db.session.commit()
    log_in(client, admin)
    assert client.get(statement_url(item, "/edit")).status_code == 403
    response = post_form(
        client,
        statement_url(item, "/edit"),
        {"title": "Späte Änderung", "body": BODY, "language": "de", "revision": "0"},
    )
    assert response.status_code == 403
    db.session.refresh(item)
    assert item.title == "Stellungnahme des Vereins"
    assert db.session.scalar(select(func.count(StatementRevision.id))) == 0


def test_a_plain_member_may_not_edit(client, region, discussion, admin):
    member = make_user(locale="en")
    org = organisation(region, admins=[admin], members=[member])
    item = statement(discussion, org, admin)
    db.session.commit()
    log_in(client, member)
    assert client.get(statement_url(item, "/edit")).status_code == 403


# --- pre-moderation ---------------------------------------------------------------------------


def test_pre_moderation_keeps_the_statement_pending_and_invisible_to_others(
    client, english, region, org, admin
):
    c = build.consultation(region, phase="discussion", moderation_mode=ModerationMode.PRE)
    co_admin = make_user(locale="en")
    org.memberships.append(Membership(user=co_admin, role=MemberRole.ADMIN))
    reader = make_user(locale="en")
    db.session.commit()
    log_in(client, admin)
    response = post_form(client, new_url(c), form(org, title="Wartende Stellungnahme"))
    assert response.status_code == 302
    item = db.session.scalars(select(Statement)).one()
    assert item.moderation_state == ModerationState.PENDING
    page = page_of(client.get(response.location))
    assert "A moderator reviews it before others can see it." in page
    assert "Awaiting review" in page
    assert "Wartende Stellungnahme" in page_of(client.get(build.consultation_url(c)))

    log_in(client, co_admin)  # answers for it together with the author
    assert client.get(statement_url(item)).status_code == 200

    log_in(client, reader)
    assert client.get(statement_url(item)).status_code == 404
    assert "Wartende Stellungnahme" not in page_of(client.get(build.consultation_url(c)))

    anonymous = client.application.test_client()
    assert anonymous.get(statement_url(item)).status_code == 404
    assert "Wartende Stellungnahme" not in page_of(anonymous.get(build.consultation_url(c)))


# --- statements are not votes ------------------------------------------------------------------


def test_a_statement_changes_no_votes_and_not_the_results(client, english, region, org, admin):
    c = build.consultation(region, phase="discussion")
    proposal = build.proposal(c, make_user(locale="en"), title="Mehr Beratung")
    build.vote(proposal, make_user(locale="en"))
    build.vote(proposal, make_user(locale="en"))
    db.session.commit()
    results_url = f"/consultations/{c.id}/results"
    results_before = without_csrf_tokens(page_of(client.get(results_url)))

    log_in(client, admin)
    assert post_form(client, new_url(c), form(org)).status_code == 302

    db.session.refresh(proposal)
    assert (proposal.votes_for, proposal.votes_against) == (2, 0)
    assert db.session.scalar(select(func.count(Vote.id))) == 2
    anonymous = client.application.test_client()
    anonymous.set_cookie("mitreden_locale", "en")
    assert without_csrf_tokens(page_of(anonymous.get(results_url))) == results_before


# --- the consultation page --------------------------------------------------------------------


def test_the_consultation_page_lists_the_statements(client, english, region, discussion, admin):
    first = organisation(region, name="Kulturverein Brücke e. V.", admins=[admin])
    second = organisation(region, name="Frauenverband Mosaik", admins=[make_user(locale="en")])
    statement(discussion, first, admin, title="Beratung in Muttersprachen")
    statement(
        discussion,
        second,
        second.memberships[0].user,
        title="Kinderbetreuung während der Kurse",
        body="Ohne **Kinderbetreuung** können viele Mütter nicht an den Kursen teilnehmen.",
    )
    db.session.commit()
    page = page_of(client.get(build.consultation_url(discussion)))
    section = page[page.index('id="statements"') : page.index('id="proposals"')]
    assert "Statements of organisations" in section
    assert "Beratung in Muttersprachen" in section
    assert "Kinderbetreuung während der Kurse" in section
    assert "Kulturverein Brücke e. V." in section and "Frauenverband Mosaik" in section
    assert "Verified organisation" in section
    # The excerpt is plain text of the body.
    assert "Ohne Kinderbetreuung können viele Mütter" in section
    assert "**" not in section
    assert "Publish a statement" not in section  # anonymous


def test_the_consultation_page_offers_publishing_to_whom_may(
    client, english, region, discussion, org, admin
):
    db.session.commit()
    page = page_of(client.get(build.consultation_url(discussion)))
    assert "No organisation has published a statement yet." in page
    assert new_url(discussion) not in page

    log_in(client, make_user(locale="en"))
    assert new_url(discussion) not in page_of(client.get(build.consultation_url(discussion)))

    log_in(client, admin)
    assert new_url(discussion) in page_of(client.get(build.consultation_url(discussion)))


def test_the_statement_list_runs_a_fixed_number_of_queries(
    client, region, discussion, admin, count_queries
):
    def statements_of_organisations(number: int) -> None:
        for index in range(number):
            org = organisation(
                region, name=f"Verein {index}", admins=[make_user(locale="en")], fields=[]
            )
            statement(discussion, org, org.memberships[0].user, title=f"Stellungnahme {index}")
        db.session.commit()

    statements_of_organisations(1)
    with count_queries() as few:
        assert client.get(build.consultation_url(discussion)).status_code == 200
    statements_of_organisations(6)
    with count_queries() as many:
        page = page_of(client.get(build.consultation_url(discussion)))
    assert "Stellungnahme 5" in page
    assert len(many) == len(few)
