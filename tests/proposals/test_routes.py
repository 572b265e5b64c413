"""Proposal pages: submit with preview and similar proposals, read, edit with history and
conflicts, withdraw, official answers; the consultation's proposal list with filters, sorts,
pagination and its query budget."""

import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.consultations.models import ModerationMode
from app.core.clock import utcnow_naive
from app.core.models import ModerationState
from app.extensions import db
from app.proposals.models import OfficialResponse, Proposal, ProposalRevision, ProposalStatus
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_field_of_action, make_region, make_user, make_user_with_role

TEXT = "Wir brauchen mehr Sprachkurse am Abend, damit Berufstätige teilnehmen können."


# --- helpers ----------------------------------------------------------------------------------


def new_url(c) -> str:
    return f"/consultations/{c.id}/proposals/new"


def proposal_form(**changes) -> dict:
    data = {
        "title": "Mehr Sprachkurse am Abend",
        "body": TEXT,
        "field_of_action": "0",
        "language": "de",
        "save": "Submit proposal",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def page_of(response) -> str:
    return response.get_data(as_text=True)


def field_error(page: str, field_id: str) -> str:
    match = re.search(rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', page, re.S)
    assert match, f"no error shown next to {field_id}"
    return html.unescape(match.group(1))


def input_value(page: str, field_id: str) -> str:
    match = re.search(rf'<input[^>]*id="{field_id}"[^>]*value="([^"]*)"', page)
    assert match, f"no value in input {field_id}"
    return html.unescape(match.group(1))


def textarea_text(page: str, field_id: str) -> str:
    match = re.search(rf'<textarea[^>]*id="{field_id}"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, f"no textarea {field_id}"
    return html.unescape(match.group(1)).strip()


def listed_ids(page: str) -> list[int]:
    """The proposals on a list page, in their order."""
    return [
        int(number)
        for number in re.findall(r'class="proposal-card[^"]*" id="proposal-(\d+)"', page)
    ]


def listed(client, c, **args) -> list[int]:
    response = client.get(build.consultation_url(c), query_string=args)
    assert response.status_code == 200
    return listed_ids(page_of(response))


def proposal_count() -> int:
    return db.session.scalar(select(func.count(Proposal.id)))


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response.location.startswith("/account/login")


@pytest.fixture
def english(client):
    client.set_cookie("mitreden_locale", "en")
    return client


# --- submit -----------------------------------------------------------------------------------


def test_the_form_asks_anonymous_visitors_to_log_in(client):
    c = build.consultation(phase="proposals")
    db.session.commit()
    assert is_login_redirect(client.get(new_url(c)))


def test_submit_in_post_moderation_publishes_and_shows_the_proposal(client, login_as):
    c = build.consultation(phase="proposals", moderation_mode=ModerationMode.POST)
    author = login_as("participant", locale="en")
    form = client.get(new_url(c))
    assert form.status_code == 200
    assert "Submit a proposal" in page_of(form)

    response = post_form(client, new_url(c), proposal_form())
    assert response.status_code == 302
    proposal = db.session.scalars(select(Proposal)).one()
    assert response.location == build.proposal_url(proposal)
    assert proposal.moderation_state == ModerationState.PUBLISHED
    assert proposal.author_id == author.id
    assert proposal.title == "Mehr Sprachkurse am Abend"

    page = page_of(client.get(response.location))
    assert "Thank you. Your proposal has been submitted." in page
    assert "Mehr Sprachkurse am Abend" in page
    assert "Awaiting review" not in page


def test_submit_in_pre_moderation_is_visible_only_to_its_author(app, client, login_as):
    c = build.consultation(phase="proposals", moderation_mode=ModerationMode.PRE)
    login_as("participant", locale="en")
    assert "a moderator reviews every contribution" in page_of(client.get(new_url(c)))
    response = post_form(client, new_url(c), proposal_form(title="Wartet auf Prüfung"))
    assert response.status_code == 302
    proposal = db.session.scalars(select(Proposal)).one()
    assert proposal.moderation_state == ModerationState.PENDING

    detail = page_of(client.get(build.proposal_url(proposal)))
    assert "Awaiting review – only you can see this" in detail
    assert listed(client, c) == [proposal.id]

    other = app.test_client()
    log_in(other, make_user())
    assert other.get(build.proposal_url(proposal)).status_code == 404
    assert listed(other, c) == []
    anonymous = app.test_client()
    assert anonymous.get(build.proposal_url(proposal)).status_code == 404
    assert listed(anonymous, c) == []
    assert "Wartet auf Prüfung" not in page_of(anonymous.get(build.consultation_url(c)))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Please fill in this field."),
        ({"title": "   "}, "title", "Please fill in this field."),
        ({"title": "x" * 161}, "title", "Please enter between 5 and 160 characters."),
        ({"title": "Kurz"}, "title", "Please enter between 5 and 160 characters."),
        ({"body": "Zu kurzer Text"}, "body", "Please enter between 20 and 10000 characters."),
        ({"body": ""}, "body", "Please fill in this field."),
    ],
)
def test_bad_input_keeps_the_typed_text_and_shows_errors_next_to_fields(
    client, login_as, changes, field, message
):
    c = build.consultation(phase="proposals")
    login_as("participant", locale="en")
    typed = proposal_form(**changes)
    response = post_form(client, new_url(c), typed)
    assert response.status_code == 200
    page = page_of(response)
    assert field_error(page, field).strip().endswith(message)
    assert "Please correct the following:" in page
    if field != "title":
        assert input_value(page, "title") == typed["title"]
    if field != "body":
        assert textarea_text(page, "body") == typed["body"]
    if typed[field].strip():
        kept = input_value(page, "title") if field == "title" else textarea_text(page, "body")
        assert kept == typed[field]
    assert proposal_count() == 0


@pytest.mark.parametrize("phase", ["information", "discussion", "voting", "results"])
def test_outside_the_proposal_phase_the_form_is_forbidden_and_nothing_stored(
    client, login_as, phase
):
    c = build.consultation(phase=phase)
    login_as("participant", locale="en")
    assert client.get(new_url(c)).status_code == 403
    assert post_form(client, new_url(c), proposal_form()).status_code == 403
    assert proposal_count() == 0


def test_submit_becomes_forbidden_when_the_phase_ends(client, login_as, time_machine):
    c = build.consultation(phase="proposals")
    login_as("participant", locale="en")
    time_machine.move_to(c.phase("proposals").ends_at + timedelta(minutes=1))
    assert post_form(client, new_url(c), proposal_form()).status_code == 403
    assert proposal_count() == 0


def test_the_submit_link_is_shown_only_when_submitting_is_possible(client, login_as):
    open_c = build.consultation(phase="proposals")
    closed_c = build.consultation(phase="discussion")
    login_as("participant", locale="en")
    assert f'href="{new_url(open_c)}"' in page_of(client.get(build.consultation_url(open_c)))
    assert new_url(closed_c) not in page_of(client.get(build.consultation_url(closed_c)))


def test_a_field_of_another_consultation_is_refused_next_to_the_field(client, login_as):
    own, foreign = make_field_of_action(), make_field_of_action()
    c = build.consultation(phase="proposals", fields_of_action=[own])
    build.consultation(phase="proposals", fields_of_action=[foreign])
    login_as("participant", locale="en")
    response = post_form(client, new_url(c), proposal_form(field_of_action=str(foreign.id)))
    assert response.status_code == 200
    page = page_of(response)
    assert field_error(page, "field_of_action")
    assert input_value(page, "title") == "Mehr Sprachkurse am Abend"
    assert proposal_count() == 0


def test_a_field_of_the_consultation_is_stored(client, login_as):
    own = make_field_of_action()
    c = build.consultation(phase="proposals", fields_of_action=[own])
    login_as("participant", locale="en")
    response = post_form(client, new_url(c), proposal_form(field_of_action=str(own.id)))
    assert response.status_code == 302
    assert db.session.scalars(select(Proposal)).one().field_of_action_id == own.id


# --- preview and similar proposals ------------------------------------------------------------


def test_preview_renders_sanitized_markdown_and_stores_nothing(client, login_as):
    c = build.consultation(phase="proposals")
    login_as("participant", locale="en")
    body = (
        "Ein **fetter** Vorschlag mit *Betonung*.\n\n"
        "<script>alert('x')</script>\n\n"
        "[Klick](javascript:alert(1)) und <img src=x onerror=alert(2)>"
    )
    response = post_form(client, new_url(c), proposal_form(body=body, save=None, preview="Preview"))
    assert response.status_code == 200
    page = page_of(response)
    start = page.index('id="preview-heading"')
    preview = page[start : page.index("</section>", start)]
    assert "<strong>fetter</strong>" in preview
    assert "<em>Betonung</em>" in preview
    assert "<script>alert" not in page
    assert 'href="javascript:' not in page
    assert "<img" not in preview
    assert "Not submitted yet." in page
    assert textarea_text(page, "body") == body
    assert proposal_count() == 0


@pytest.fixture
def similar_world():
    """Published, pending and hidden "Sprachkurs..." proposals here, one in another consultation."""
    c = build.consultation(phase="proposals")
    other = build.consultation(c.region, phase="proposals")
    author = make_user()
    world = {
        "published": build.proposal(c, author, title="Sprachkurse für Eltern"),
        "pending": build.proposal(
            c, author, title="Sprachkurse am Abend", moderation_state=ModerationState.PENDING
        ),
        "hidden": build.proposal(
            c, author, title="Sprachkurse im Park", moderation_state=ModerationState.HIDDEN
        ),
        "elsewhere": build.proposal(other, author, title="Sprachkurse für alle"),
        "unrelated": build.proposal(c, author, title="Fahrradwege ausbauen"),
    }
    db.session.commit()
    return c, world


def similar_titles(page: str) -> list[str]:
    return [
        html.unescape(title)
        for title in re.findall(
            r'<li><a href="/consultations/\d+/proposals/\d+"[^>]*>([^<]*)</a>', page
        )
    ]


def test_similar_endpoint_lists_published_proposals_of_the_same_consultation(client, similar_world):
    c, _world = similar_world
    response = client.get(
        f"/consultations/{c.id}/proposals/similar", query_string={"title": "sprachkur"}
    )
    assert response.status_code == 200
    assert similar_titles(page_of(response)) == ["Sprachkurse für Eltern"]


def test_similar_endpoint_never_shows_the_authors_own_pending_proposal(client, similar_world):
    c, world = similar_world
    log_in(client, world["pending"].author)
    response = client.get(f"/consultations/{c.id}/proposals/similar?title=Sprachkurse")
    assert similar_titles(page_of(response)) == ["Sprachkurse für Eltern"]


@pytest.mark.parametrize("title", ["", "Spr", "zzzzzz", "&&&&&&", '"*"*"*'])
def test_similar_endpoint_gives_nothing_for_short_or_unmatched_titles(client, similar_world, title):
    c, _world = similar_world
    response = client.get(f"/consultations/{c.id}/proposals/similar", query_string={"title": title})
    assert response.status_code == 200
    assert similar_titles(page_of(response)) == []


def test_preview_lists_similar_proposals_of_the_same_consultation_only(
    client, login_as, similar_world
):
    c, _world = similar_world
    login_as("participant", locale="en")
    response = post_form(
        client, new_url(c), proposal_form(title="Sprachkurs", save=None, preview="Preview")
    )
    page = page_of(response)
    assert "Someone may already have proposed this" in page
    assert similar_titles(page) == ["Sprachkurse für Eltern"]


def test_similar_endpoint_for_a_draft_consultation_is_not_found(client):
    c = build.consultation(phase="proposals", state="draft")
    db.session.commit()
    assert (
        client.get(f"/consultations/{c.id}/proposals/similar?title=Sprachkurse").status_code == 404
    )


# --- edit, history, conflicts -----------------------------------------------------------------


@pytest.fixture
def authored(client, login_as):
    """A proposal of the logged-in author (English UI) in the proposal phase."""
    c = build.consultation(phase="proposals")
    author = login_as("participant", locale="en")
    proposal = build.proposal(c, author, title="Alter Titel für den Vorschlag", body=TEXT)
    db.session.commit()
    return proposal


def edit_form(**changes) -> dict:
    data = {
        "title": "Neuer Titel für den Vorschlag",
        "body": TEXT,
        "field_of_action": "0",
        "language": "de",
        "revision": "0",
        "save": "Save changes",
    }
    data.update(changes)
    return data


def test_the_edit_form_shows_the_current_text_and_revision(client, authored):
    response = client.get(build.proposal_url(authored, "/edit"))
    assert response.status_code == 200
    page = page_of(response)
    assert input_value(page, "title") == "Alter Titel für den Vorschlag"
    assert textarea_text(page, "body") == TEXT
    assert input_value(page, "revision") == "0"


def test_edit_keeps_a_revision_per_change_and_marks_edited(client, authored):
    url = build.proposal_url(authored, "/edit")
    first = post_form(client, url, edit_form(revision="0"))
    assert first.status_code == 302
    assert first.location == build.proposal_url(authored)
    second = post_form(
        client, url, edit_form(title="Neuester Titel", body=TEXT + " Auch samstags.", revision="1")
    )
    assert second.status_code == 302

    proposal = db.session.get(Proposal, authored.id)
    db.session.refresh(proposal)
    assert proposal.title == "Neuester Titel"
    assert [r.title for r in proposal.revisions] == [
        "Alter Titel für den Vorschlag",
        "Neuer Titel für den Vorschlag",
    ]
    page = page_of(client.get(build.proposal_url(proposal)))
    assert "edited on" in page
    assert f'href="{build.proposal_url(proposal, "/history")}"' in page
    assert "Your changes have been saved." in page


def test_a_proposal_never_edited_is_not_marked(client, authored):
    page = page_of(client.get(build.proposal_url(authored)))
    assert "edited on" not in page
    history = page_of(client.get(build.proposal_url(authored, "/history")))
    assert "This proposal has not been changed since it was submitted." in history


def test_the_history_shows_insertions_and_deletions(client, authored):
    post_form(
        client,
        build.proposal_url(authored, "/edit"),
        edit_form(title="Neuer Titel für den Vorschlag", body=TEXT.replace("Abend", "Wochenende")),
    )
    response = client.get(build.proposal_url(authored, "/history"))
    assert response.status_code == 200
    page = page_of(response)
    assert "<del>Alter</del>" in page
    assert "<ins>Neuer</ins>" in page
    assert "<del>Abend</del>" in page
    assert "<ins>Wochenende</ins>" in page


def test_the_history_escapes_what_authors_wrote(client, authored):
    post_form(
        client,
        build.proposal_url(authored, "/edit"),
        edit_form(body=TEXT + " <b onclick=alert(1)>fett</b>"),
    )
    page = page_of(client.get(build.proposal_url(authored, "/history")))
    assert "<b onclick" not in page
    assert "&lt;b" in page


def test_a_stale_revision_is_a_conflict_and_overwrites_nothing(client, authored):
    url = build.proposal_url(authored, "/edit")
    assert (
        post_form(client, url, edit_form(title="Erste Änderung hier", revision="0")).status_code
        == 302
    )
    response = post_form(client, url, edit_form(title="Zweite Änderung hier", revision="0"))
    page = page_of(response)
    assert "This proposal was changed after you opened the form." in page
    assert input_value(page, "title") == "Zweite Änderung hier"  # the typed text is kept
    proposal = db.session.get(Proposal, authored.id)
    db.session.refresh(proposal)
    assert proposal.title == "Erste Änderung hier"
    assert db.session.scalar(select(func.count(ProposalRevision.id))) == 1


def test_a_stale_revision_answers_409_conflict(client, authored):
    url = build.proposal_url(authored, "/edit")
    post_form(client, url, edit_form(title="Erste Änderung hier", revision="0"))
    response = post_form(client, url, edit_form(title="Zweite Änderung hier", revision="0"))
    assert response.status_code == 409


@pytest.mark.parametrize("revision", ["", "abc", "-1", "7"])
def test_a_missing_or_tampered_revision_is_refused(client, authored, revision):
    response = post_form(
        client, build.proposal_url(authored, "/edit"), edit_form(revision=revision)
    )
    assert response.status_code != 302
    assert "This proposal was changed after you opened the form." in page_of(response)
    assert db.session.get(Proposal, authored.id).title == "Alter Titel für den Vorschlag"


def test_only_the_author_edits(app, client, authored):
    other = app.test_client()
    log_in(other, make_user())
    url = build.proposal_url(authored, "/edit")
    assert other.get(url).status_code == 403
    assert post_form(other, url, edit_form()).status_code == 403
    assert db.session.get(Proposal, authored.id).title == "Alter Titel für den Vorschlag"
    assert f'href="{url}"' not in page_of(other.get(build.proposal_url(authored)))
    assert f'href="{url}"' in page_of(client.get(build.proposal_url(authored)))


def test_editing_ends_with_the_proposal_phase(client, authored, time_machine):
    time_machine.move_to(authored.consultation.phase("discussion").starts_at + timedelta(hours=1))
    url = build.proposal_url(authored, "/edit")
    assert client.get(url).status_code == 403
    assert post_form(client, url, edit_form()).status_code == 403
    assert db.session.get(Proposal, authored.id).revisions == []


# --- withdraw ---------------------------------------------------------------------------------


def test_the_author_withdraws_and_the_proposal_stays_visible_and_marked(app, client, authored):
    response = post_form(client, build.proposal_url(authored, "/withdraw"))
    assert response.status_code == 302
    proposal = db.session.get(Proposal, authored.id)
    db.session.refresh(proposal)
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert proposal.withdrawn_at is not None
    assert "Your proposal has been withdrawn." in page_of(client.get(response.location))

    anonymous = app.test_client()
    anonymous.set_cookie("mitreden_locale", "en")
    detail = anonymous.get(build.proposal_url(proposal))
    assert detail.status_code == 200
    assert "The author withdrew this proposal on" in page_of(detail)
    assert "badge--withdrawn" in page_of(detail)
    listing = page_of(anonymous.get(build.consultation_url(proposal.consultation)))
    assert "proposal-card--withdrawn" in listing
    assert listed_ids(listing) == [proposal.id]


def test_a_withdrawn_proposal_takes_no_comments(client, authored):
    post_form(client, build.proposal_url(authored, "/withdraw"))
    response = post_form(
        client,
        build.proposal_url(authored, "/comments/"),
        {"body": "Noch ein Kommentar", "language": "de", "stance": ""},
    )
    assert response.status_code in (400, 403)
    page = page_of(client.get(build.proposal_url(authored)))
    assert "A withdrawn proposal cannot be commented on." in page
    assert db.session.get(Proposal, authored.id).comment_count == 0


def test_a_proposal_withdrawn_in_the_voting_phase_takes_no_votes(client, login_as):
    c = build.consultation(phase="voting")
    author = login_as("participant", locale="en")
    proposal = build.proposal(c, author)
    db.session.commit()
    assert post_form(client, build.proposal_url(proposal, "/withdraw")).status_code == 302
    response = post_form(client, build.proposal_url(proposal, "/vote"), {"value": "1"})
    assert response.status_code == 302
    db.session.refresh(proposal)
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert proposal.votes_for == 0
    page = page_of(client.get(build.proposal_url(proposal)))
    assert 'name="value"' not in page  # no vote buttons


def test_nobody_else_withdraws(app, authored):
    other = app.test_client()
    log_in(other, make_user(locale="en"))
    response = post_form(other, build.proposal_url(authored, "/withdraw"))
    assert response.status_code == 403  # as for edit and answer
    assert db.session.get(Proposal, authored.id).status == ProposalStatus.SUBMITTED


def test_a_refused_withdrawal_gives_a_reason_not_none(app, authored):
    other = app.test_client()
    log_in(other, make_user(locale="en"))
    response = post_form(other, build.proposal_url(authored, "/withdraw"))
    page = page_of(other.get(response.location) if response.status_code == 302 else response)
    assert "<p>None</p>" not in page
    assert db.session.get(Proposal, authored.id).status == ProposalStatus.SUBMITTED


def test_withdraw_needs_a_login(app, authored):
    anonymous = app.test_client()
    response = post_form(anonymous, build.proposal_url(authored, "/withdraw"))
    assert is_login_redirect(response)
    assert db.session.get(Proposal, authored.id).status == ProposalStatus.SUBMITTED


# --- official answers -------------------------------------------------------------------------


ANSWER = "Die Region hat den Vorschlag geprüft und setzt ihn im nächsten Jahr um."


@pytest.fixture
def answerable():
    c = build.consultation(phase="voting")
    proposal = build.proposal(c, make_user(), title="Mehr Bänke im Park")
    db.session.commit()
    return proposal


def test_the_answer_form_opens_for_the_regions_coordinator(client, login_as, answerable):
    login_as("coordinator", region=answerable.consultation.region, locale="en")
    response = client.get(build.proposal_url(answerable, "/answer"))
    assert response.status_code == 200
    page = page_of(response)
    assert "Answer officially" in page
    assert "Mehr Bänke im Park" in page
    assert 'value="accepted"' in page


def test_the_regions_coordinator_answers_officially(client, login_as, answerable):
    coordinator = login_as("coordinator", region=answerable.consultation.region, locale="en")
    url = build.proposal_url(answerable, "/answer")
    response = post_form(client, url, {"status": "under_review", "body": ANSWER})
    assert response.status_code == 302
    assert response.location == build.proposal_url(answerable) + "#official-answers"
    post_form(client, url, {"status": "accepted", "body": ANSWER + " Versprochen."})

    proposal = db.session.get(Proposal, answerable.id)
    db.session.refresh(proposal)
    assert proposal.status == ProposalStatus.ACCEPTED
    assert [(r.status, r.author_id) for r in proposal.responses] == [
        ("under_review", coordinator.id),
        ("accepted", coordinator.id),
    ]
    page = page_of(client.get(build.proposal_url(proposal)))
    assert "The answer has been published." in page
    answers = page[page.index('id="official-answers"') : page.index('id="comments"')]
    assert "status “Accepted”" in answers
    assert "status “Under review”" in answers
    assert answers.index("Accepted") < answers.index("Under review")  # newest first
    assert coordinator.display_name in answers
    assert "badge--accepted" in page


def test_the_answer_link_is_shown_to_the_coordinator_only(app, client, login_as, answerable):
    url = build.proposal_url(answerable, "/answer")
    login_as("coordinator", region=answerable.consultation.region, locale="en")
    assert f'href="{url}"' in page_of(client.get(build.proposal_url(answerable)))
    anonymous = app.test_client()
    assert url not in page_of(anonymous.get(build.proposal_url(answerable)))


@pytest.mark.parametrize("role", ["participant", "coordinator_elsewhere", "moderator"])
def test_nobody_else_answers(client, login_as, answerable, role):
    if role == "coordinator_elsewhere":
        login_as("coordinator", region=make_region(), locale="en")
    elif role == "moderator":
        login_as("moderator", region=answerable.consultation.region, locale="en")
    else:
        login_as(role, locale="en")
    url = build.proposal_url(answerable, "/answer")
    assert client.get(url).status_code == 403
    assert post_form(client, url, {"status": "accepted", "body": ANSWER}).status_code == 403
    assert db.session.scalar(select(func.count(OfficialResponse.id))) == 0
    assert db.session.get(Proposal, answerable.id).status == ProposalStatus.SUBMITTED


@pytest.mark.parametrize("status", ["withdrawn", "submitted", "bogus", ""])
def test_answering_with_an_unknown_status_is_refused(client, login_as, answerable, status):
    login_as("coordinator", region=answerable.consultation.region, locale="en")
    response = post_form(
        client, build.proposal_url(answerable, "/answer"), {"status": status, "body": ANSWER}
    )
    assert response.status_code == 200
    assert field_error(page_of(response), "status")
    assert textarea_text(page_of(response), "body") == ANSWER
    assert db.session.scalar(select(func.count(OfficialResponse.id))) == 0
    assert db.session.get(Proposal, answerable.id).status == ProposalStatus.SUBMITTED


def test_an_answer_needs_reasons(client, login_as, answerable):
    login_as("coordinator", region=answerable.consultation.region, locale="en")
    response = post_form(
        client, build.proposal_url(answerable, "/answer"), {"status": "rejected", "body": "Nein."}
    )
    assert "Please enter between 20 and 10000 characters." in field_error(page_of(response), "body")
    assert db.session.scalar(select(func.count(OfficialResponse.id))) == 0


def test_the_coordinator_sees_proposals_due_for_an_answer(app, client, login_as):
    c = build.consultation(phase="voting", answer_threshold=2)
    author = make_user()
    due = build.proposal(c, author, title="Viel Unterstützung", votes_for=4)
    build.proposal(c, author, title="Wenig Unterstützung", votes_for=1)
    answered = build.proposal(c, author, title="Schon beantwortet", votes_for=5)
    build.official_answer(answered, None, ProposalStatus.REJECTED)
    login_as("coordinator", region=c.region, locale="en")
    page = page_of(client.get(build.consultation_url(c)))
    assert "1 proposal needs an official answer" in page
    section = page[page.index('id="due-heading"') :]
    section = section[: section.index("</section>")]
    assert f'href="{build.proposal_url(due, "/answer")}"' in section
    assert "Wenig Unterstützung" not in section
    assert "Schon beantwortet" not in section

    participant = app.test_client()
    log_in(participant, make_user(locale="en"))
    assert "need an official answer" not in page_of(participant.get(build.consultation_url(c)))
    assert "needs an official answer" not in page_of(participant.get(build.consultation_url(c)))


# --- the list: filters, sorts, pagination -----------------------------------------------------


@pytest.fixture
def listing():
    """Proposals with different fields, statuses, languages, answers, ages, votes, comments."""
    field_a = make_field_of_action("bildung")
    field_b = make_field_of_action("wohnen")
    c = build.consultation(phase="voting", fields_of_action=[field_a, field_b])
    author = make_user()
    coordinator = make_user_with_role("coordinator", region=c.region)
    now = utcnow_naive()
    # newest: a c b d · most supported (for - against): b c a d · most discussed: c a b d
    p = {
        "a": build.proposal(
            c, author, title="Alpha", field_of_action=field_a, created_at=now - timedelta(days=1),
            votes_for=5, votes_against=4, comment_count=3,
        ),
        "b": build.proposal(
            c, author, title="Beta", field_of_action=field_b, language="en",
            created_at=now - timedelta(days=3), votes_for=3, comment_count=1,
        ),
        "c": build.proposal(
            c, author, title="Gamma", field_of_action=field_a, language="tr",
            created_at=now - timedelta(days=2), votes_for=2, comment_count=7,
        ),
        "d": build.proposal(
            c, author, title="Delta", created_at=now - timedelta(days=4), votes_for=0,
            status=ProposalStatus.WITHDRAWN,
        ),
    }  # fmt: skip
    build.official_answer(p["c"], coordinator, ProposalStatus.ACCEPTED)
    build.official_answer(p["b"], coordinator, ProposalStatus.UNDER_REVIEW)
    # Never listed: waiting for review, hidden, another consultation's.
    build.proposal(c, author, title="Pending", moderation_state=ModerationState.PENDING)
    build.proposal(c, author, title="Hidden", moderation_state=ModerationState.HIDDEN)
    build.proposal(build.consultation(c.region, phase="voting"), author, title="Elsewhere")
    db.session.commit()
    return c, {key: proposal.id for key, proposal in p.items()}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({"field": "bildung"}, {"a", "c"}),
        ({"field": "wohnen"}, {"b"}),
        ({"status": "accepted"}, {"c"}),
        ({"status": "under_review"}, {"b"}),
        ({"status": "submitted"}, {"a"}),
        ({"status": "withdrawn"}, {"d"}),
        ({"language": "en"}, {"b"}),
        ({"language": "tr"}, {"c"}),
        ({"language": "de"}, {"a", "d"}),
        ({"answered": "yes"}, {"b", "c"}),
        ({"answered": "no"}, {"a", "d"}),
        ({"field": "bildung", "answered": "no"}, {"a"}),
        ({"field": "bildung", "language": "tr", "status": "accepted"}, {"c"}),
        ({}, {"a", "b", "c", "d"}),
    ],
)
def test_every_filter(client, listing, args, expected):
    c, ids = listing
    assert sorted(listed(client, c, **args)) == sorted(ids[key] for key in expected)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", ["a", "c", "b", "d"]),
        ("most_supported", ["b", "c", "a", "d"]),
        ("most_discussed", ["c", "a", "b", "d"]),
    ],
)
def test_every_sort(client, listing, sort, expected):
    c, ids = listing
    assert listed(client, c, sort=sort) == [ids[key] for key in expected]


def test_most_supported_counts_votes_against(client):
    c = build.consultation(phase="voting", voting_mode="for_against")
    author = make_user()
    liked = build.proposal(c, author, votes_for=3, votes_against=0)
    disputed = build.proposal(c, author, votes_for=5, votes_against=4)
    disliked = build.proposal(c, author, votes_for=0, votes_against=2)
    db.session.commit()
    assert listed(client, c, sort="most_supported") == [liked.id, disputed.id, disliked.id]


def shuffle_seed(client, seed: int) -> None:
    with client.session_transaction() as session:
        session["shuffle_seed"] = seed


@pytest.fixture
def many():
    c = build.consultation(phase="proposals")
    author = make_user()
    ids = [build.proposal(c, author, title=f"Vorschlag {n:02d}").id for n in range(25)]
    db.session.commit()
    return c, ids


def test_random_order_is_stable_for_a_visitor(client, many):
    c, ids = many
    first = listed(client, c)
    assert len(first) == 20
    assert listed(client, c) == first
    assert listed(client, c, sort="random") == first
    second_page = listed(client, c, page=2)
    assert len(second_page) == 5
    assert sorted(first + second_page) == sorted(ids)  # every proposal once over the pages


def test_random_order_differs_with_another_seed(client, many):
    c, ids = many
    shuffle_seed(client, 1)
    one = listed(client, c) + listed(client, c, page=2)
    shuffle_seed(client, 2**30)
    other = listed(client, c) + listed(client, c, page=2)
    assert sorted(one) == sorted(other) == sorted(ids)
    assert one != other
    assert one != sorted(ids)


def test_two_signed_in_visitors_get_their_own_random_order(app, many):
    # Anonymous visitors share the seed of the hour (tests/core/test_page_cache.py).
    c, _ids = many
    orders = set()
    for _ in range(8):  # eight random seeds all giving one order: practically impossible
        visitor = app.test_client()
        log_in(visitor, make_user())
        orders.add(tuple(listed(visitor, c)))
    assert len(orders) > 1


@pytest.mark.parametrize(
    "args",
    [
        {"sort": "evil"},
        {"sort": "id; DROP TABLE proposals"},
        {"status": "nonsense"},
        {"field": "not-a-field"},
        {"language": "xx"},
        {"answered": "maybe"},
        {"page": "abc"},
        {"page": "-5"},
        {"page": "0"},
        {"sort": "evil", "status": "x", "field": "y", "language": "z", "answered": "w"},
        {"unknown": "1"},
    ],
)
def test_unknown_filter_and_sort_values_are_ignored(client, listing, args):
    c, ids = listing
    assert sorted(listed(client, c, **args)) == sorted(ids.values())


def test_a_page_beyond_the_last_is_empty_not_an_error(client, listing):
    c, _ids = listing
    response = client.get(build.consultation_url(c), query_string={"page": "99999"})
    assert response.status_code == 200
    assert listed_ids(page_of(response)) == []


def test_a_field_of_another_consultation_is_ignored_as_a_filter(client, listing):
    c, ids = listing
    make_field_of_action("fremd")
    db.session.commit()
    assert sorted(listed(client, c, field="fremd")) == sorted(ids.values())


def test_script_in_the_search_is_escaped(english, listing):
    c, _ids = listing
    attack = '"><script>alert(1)</script>'
    response = english.get(build.consultation_url(c), query_string={"q": attack})
    assert response.status_code == 200
    page = page_of(response)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "No proposal matches these filters." in page


def test_pagination(english):
    c = build.consultation(phase="proposals")
    author = make_user()
    now = utcnow_naive()
    ids = [
        build.proposal(c, author, created_at=now - timedelta(minutes=n)).id for n in range(45)
    ]  # newest first: ids in creation order
    db.session.commit()
    pages = [listed(english, c, sort="newest", page=n) for n in (1, 2, 3)]
    assert [len(page) for page in pages] == [20, 20, 5]
    assert pages[0] + pages[1] + pages[2] == ids

    first = page_of(english.get(build.consultation_url(c), query_string={"sort": "newest"}))
    assert "Page 1 of 3" in first
    assert "45 proposals found" in first
    assert f'href="/consultations/{c.id}?sort=newest&amp;page=2"' in first
    assert 'rel="prev"' not in first
    last = page_of(
        english.get(build.consultation_url(c), query_string={"sort": "newest", "page": 3})
    )
    assert "Page 3 of 3" in last
    assert 'rel="next"' not in last
    assert f'href="/consultations/{c.id}?sort=newest&amp;page=2"' in last


def test_filters_survive_pagination(english):
    field = make_field_of_action("bildung")
    c = build.consultation(phase="proposals", fields_of_action=[field])
    author = make_user()
    for _ in range(21):
        build.proposal(c, author, field_of_action=field)
    build.proposal(c, author)
    db.session.commit()
    page = page_of(english.get(build.consultation_url(c), query_string={"field": "bildung"}))
    assert "21 proposals found" in page
    assert f'href="/consultations/{c.id}?field=bildung&amp;page=2"' in page


# --- the query budget -------------------------------------------------------------------------


def fill(c, proposals: int, authors: list) -> None:
    coordinator = make_user_with_role("coordinator", region=c.region)
    for n in range(proposals):
        p = build.proposal(c, authors[n % len(authors)], votes_for=n % 7, comment_count=n % 5)
        if n % 10 == 0:
            build.official_answer(p, coordinator, ProposalStatus.UNDER_REVIEW)


def statements(client, count_queries, url: str, size: int) -> int:
    client.get(url)  # warm up: first visit sets the session's shuffle seed
    db.session.commit()
    with count_queries() as counted:
        response = client.get(url)
    assert response.status_code == 200
    assert len(listed_ids(page_of(response))) == min(size, 20)
    return len(counted)


@pytest.mark.parametrize("who", ["anonymous", "participant"])
@pytest.mark.parametrize("sort", ["random", "most_supported"])
def test_the_consultation_page_runs_as_many_queries_for_300_proposals_as_for_30(
    app, count_queries, who, sort
):
    """No query per proposal: neither per listed card (3 vs 20 cards) nor per stored one."""
    region = make_region()
    sizes = (3, 30, 300)
    consultations = [build.consultation(region, phase="voting", vote_budget=3) for _ in sizes]
    authors = [make_user() for _ in range(12)]
    for c, size in zip(consultations, sizes, strict=True):
        fill(c, size, authors)
    client = app.test_client()
    if who == "participant":
        voter = make_user()
        for c in consultations:
            for proposal in db.session.scalars(
                select(Proposal).where(Proposal.consultation_id == c.id).limit(2)
            ):
                build.vote(proposal, voter)
        log_in(client, voter)
    db.session.commit()
    counts = [
        statements(client, count_queries, f"{build.consultation_url(c)}?sort={sort}", size)
        for c, size in zip(consultations, sizes, strict=True)
    ]
    assert counts[0] == counts[1] == counts[2], counts


def comment_threads(proposal, count: int, authors: list) -> None:
    previous = None
    for n in range(count):
        parent = previous if n % 5 else None  # chains of five: replies nested and flattened
        stance = ("in_favour", "against", "neutral", None)[n % 4]
        previous = build.comment(proposal, authors[n % len(authors)], parent=parent, stance=stance)


@pytest.mark.parametrize("who", ["anonymous", "participant"])
def test_the_proposal_page_runs_as_many_queries_for_300_comments_as_for_30(app, count_queries, who):
    c = build.consultation(phase="proposals", vote_budget=2)
    authors = [make_user() for _ in range(9)]
    small = build.proposal(c, authors[0])
    large = build.proposal(c, authors[0])
    comment_threads(small, 30, authors)
    comment_threads(large, 300, authors)
    client = app.test_client()
    if who == "participant":
        log_in(client, authors[1])  # author of some of the comments: edit and remove links
    db.session.commit()

    def count(proposal) -> int:
        url = build.proposal_url(proposal)
        client.get(url)
        db.session.commit()
        with count_queries() as counted:
            response = client.get(url)
        assert response.status_code == 200
        assert page_of(response).count('class="comment comment--depth-') == proposal.comment_count
        return len(counted)

    counts = [count(small), count(large)]
    assert counts[0] == counts[1], counts
