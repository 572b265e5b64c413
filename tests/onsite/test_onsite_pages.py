"""On-site event pages: who may record, events in the past only, proposals and comments
collected on site (published, marked, counted), deleting, and the consultation page's summary."""

import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.comments.models import Comment
from app.core.clock import utcnow_naive
from app.core.models import ModerationState
from app.extensions import db
from app.onsite.models import OnSiteEvent
from app.proposals.models import Proposal
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_field_of_action, make_region, make_user, make_user_with_role
from tests.organisation_builders import on_site_event

TODAY = utcnow_naive().date()


# --- helpers ----------------------------------------------------------------------------------


def base_url(c) -> str:
    return f"/consultations/{c.id}/on-site"


def index_url(c) -> str:
    return base_url(c) + "/"


def event_url(event, suffix: str = "") -> str:
    return f"/consultations/{event.consultation_id}/on-site/{event.id}{suffix}"


def event_form(**changes) -> dict:
    data = {
        "name": "Bürgerforum Nordstadt",
        "place": "Stadtteilzentrum Nordstadt",
        "held_on": (TODAY - timedelta(days=2)).isoformat(),
        "format": "meeting",
        "participant_count": "35",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def proposal_form(**changes) -> dict:
    data = {
        "proposal-title": "Sprechstunde im Stadtteilzentrum",
        "proposal-body": "Einmal im Monat sollte jemand von der Stadt im Stadtteilzentrum sein.",
        "proposal-field_of_action": "0",
        "proposal-language": "de",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def comment_form(proposal, **changes) -> dict:
    data = {
        "comment-proposal": str(proposal.id),
        "comment-body": "Das wünschen sich viele hier, besonders die Älteren.",
        "comment-stance": "in_favour",
        "comment-language": "de",
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
    match = re.search(rf'<input[^>]*id="{field_id}"[^>]*>', page)
    assert match, f"no input {field_id}"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return html.unescape(value.group(1)) if value else ""


def textarea_text(page: str, field_id: str) -> str:
    match = re.search(rf'<textarea[^>]*id="{field_id}"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, f"no textarea {field_id}"
    return html.unescape(match.group(1)).strip()


def event_card(page: str, event) -> str:
    match = re.search(rf'<li class="card onsite-event" id="event-{event.id}">.*?</li>', page, re.S)
    assert match, f"event {event.id} is not listed"
    return match.group(0)


def count(model) -> int:
    return db.session.scalar(select(func.count(model.id)))


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
def consultation(region):
    return build.consultation(region, phase="discussion")


@pytest.fixture
def coordinator(region):
    return make_user_with_role("coordinator", region=region, locale="en")


@pytest.fixture
def event(consultation, coordinator):
    return on_site_event(consultation, coordinator, name="Bürgerforum Nordstadt")


@pytest.fixture
def proposal(consultation):
    return build.proposal(consultation, make_user(), title="Mehr Bänke im Park")


# --- who may record ---------------------------------------------------------------------------


def test_the_coordinator_of_the_region_adds_an_event(client, english, consultation, coordinator):
    db.session.commit()
    log_in(client, coordinator)
    page = page_of(client.get(index_url(consultation)))
    assert "No on-site events yet." in page
    assert f"{base_url(consultation)}/new" in page

    response = post_form(client, f"{base_url(consultation)}/new", event_form())
    assert response.status_code == 302
    event = db.session.scalars(select(OnSiteEvent)).one()
    assert response.location == event_url(event)
    assert (event.name, event.place, event.format) == (
        "Bürgerforum Nordstadt",
        "Stadtteilzentrum Nordstadt",
        "meeting",
    )
    assert event.participant_count == 35
    assert event.recorded_by_id == coordinator.id

    listing = page_of(client.get(index_url(consultation)))
    card = event_card(listing, event)
    assert "Bürgerforum Nordstadt" in card
    assert "Citizens&#39; meeting" in card or "Citizens' meeting" in card
    assert "Stadtteilzentrum Nordstadt" in card
    assert "<dd data-participants>35</dd>" in card
    assert "<dd data-contributions>0</dd>" in card  # no contributions yet


OTHERS = [
    ("coordinator", "other", 403),
    ("moderator", "same", 403),
    ("participant", None, 403),
]


@pytest.mark.parametrize(("role", "where", "status"), OTHERS)
def test_others_may_not_record(client, consultation, region, event, proposal, role, where, status):
    user = make_user_with_role(role, region=region if where == "same" else make_region())
    db.session.commit()
    log_in(client, user)
    assert client.get(index_url(consultation)).status_code == status
    assert client.get(event_url(event)).status_code == status
    assert post_form(client, f"{base_url(consultation)}/new", event_form()).status_code == status
    assert post_form(client, event_url(event, "/proposals"), proposal_form()).status_code == status
    response = post_form(client, event_url(event, "/comments"), comment_form(proposal))
    assert response.status_code == status
    assert count(OnSiteEvent) == 1
    assert count(Proposal) == 1
    assert count(Comment) == 0


def test_anonymous_visitors_are_sent_to_log_in(client, consultation, event):
    db.session.commit()
    assert is_login_redirect(client.get(index_url(consultation)))
    assert is_login_redirect(post_form(client, event_url(event, "/proposals"), proposal_form()))
    assert count(Proposal) == 0


def test_an_administrator_may_record(client, consultation, event):
    admin = make_user_with_role("administrator")
    db.session.commit()
    log_in(client, admin)
    assert client.get(event_url(event)).status_code == 200


def test_an_event_of_another_consultation_is_not_found(client, region, coordinator, event):
    other = build.consultation(region, phase="discussion")
    db.session.commit()
    log_in(client, coordinator)
    assert client.get(f"{base_url(other)}/{event.id}").status_code == 404


# --- the event form ---------------------------------------------------------------------------


def test_an_event_in_the_future_is_refused(client, english, consultation, coordinator):
    db.session.commit()
    log_in(client, coordinator)
    tomorrow = (TODAY + timedelta(days=2)).isoformat()
    response = post_form(client, f"{base_url(consultation)}/new", event_form(held_on=tomorrow))
    assert response.status_code == 400
    page = page_of(response)
    assert "Please enter events after they took place" in field_error(page, "held_on")
    assert input_value(page, "name") == "Bürgerforum Nordstadt"
    assert count(OnSiteEvent) == 0


def test_a_negative_number_of_participants_is_refused(client, english, consultation, coordinator):
    db.session.commit()
    log_in(client, coordinator)
    response = post_form(
        client, f"{base_url(consultation)}/new", event_form(participant_count="-3")
    )
    assert response.status_code == 200
    assert "0 or more" in field_error(page_of(response), "participant_count")
    assert count(OnSiteEvent) == 0


def test_the_number_of_participants_is_optional(client, consultation, coordinator):
    db.session.commit()
    log_in(client, coordinator)
    response = post_form(client, f"{base_url(consultation)}/new", event_form(participant_count=""))
    assert response.status_code == 302
    assert db.session.scalars(select(OnSiteEvent)).one().participant_count is None


def test_the_coordinator_corrects_an_event(client, english, coordinator, event):
    db.session.commit()
    log_in(client, coordinator)
    page = page_of(client.get(event_url(event, "/edit")))
    assert input_value(page, "name") == "Bürgerforum Nordstadt"
    response = post_form(
        client, event_url(event, "/edit"), event_form(name="Bürgerforum Nordstadt (Herbst)")
    )
    assert response.status_code == 302
    db.session.refresh(event)
    assert event.name == "Bürgerforum Nordstadt (Herbst)"


# --- recording contributions ------------------------------------------------------------------


def test_a_recorded_proposal_is_published_and_marked_as_collected_on_site(
    client, english, consultation, coordinator, event
):
    field = make_field_of_action()
    consultation.fields_of_action = [field]
    db.session.commit()
    log_in(client, coordinator)
    response = post_form(
        client,
        event_url(event, "/proposals"),
        proposal_form(**{"proposal-field_of_action": str(field.id)}),
    )
    assert response.status_code == 302
    assert response.location == event_url(event) + "#record-proposal"
    proposal = db.session.scalars(select(Proposal)).one()
    assert proposal.on_site_event_id == event.id
    assert proposal.moderation_state == ModerationState.PUBLISHED
    assert proposal.author_id == coordinator.id
    assert proposal.field_of_action_id == field.id

    # Back on the event page: the message, an empty form for the next paper form, the list.
    page = page_of(client.get(response.location))
    assert "The proposal has been saved. You can enter the next one." in page
    assert input_value(page, "proposal-title") == ""
    assert textarea_text(page, "proposal-body") == ""
    assert "Sprechstunde im Stadtteilzentrum" in page

    anonymous = client.application.test_client()
    anonymous.set_cookie("mitreden_locale", "en")
    listing = page_of(anonymous.get(build.consultation_url(consultation)))
    assert "Collected on site at Bürgerforum Nordstadt" in listing
    detail = page_of(anonymous.get(build.proposal_url(proposal)))
    assert "Collected on site at Bürgerforum Nordstadt" in detail


def test_a_recorded_comment_is_published_and_counted(
    client, english, consultation, coordinator, event, proposal
):
    db.session.commit()
    log_in(client, coordinator)
    page = page_of(client.get(event_url(event)))
    assert re.search(rf'<option[^>]*value="{proposal.id}"', page)

    response = post_form(client, event_url(event, "/comments"), comment_form(proposal))
    assert response.status_code == 302
    assert response.location == event_url(event) + "#record-comment"
    comment = db.session.scalars(select(Comment)).one()
    assert comment.on_site_event_id == event.id
    assert comment.proposal_id == proposal.id
    assert comment.moderation_state == ModerationState.PUBLISHED
    assert comment.stance == "in_favour"
    db.session.refresh(proposal)
    assert proposal.comment_count == 1

    page = page_of(client.get(response.location))
    assert "The comment has been saved. You can enter the next one." in page
    assert textarea_text(page, "comment-body") == ""
    assert "besonders die Älteren" in page
    detail = page_of(client.get(build.proposal_url(proposal)))
    assert "besonders die Älteren" in detail


def test_a_refused_proposal_keeps_what_was_typed(client, english, coordinator, event):
    db.session.commit()
    log_in(client, coordinator)
    response = post_form(
        client, event_url(event, "/proposals"), proposal_form(**{"proposal-body": "Zu kurz"})
    )
    assert response.status_code == 200
    page = page_of(response)
    assert "Please enter between 20 and 10000 characters." in field_error(page, "proposal-body")
    assert input_value(page, "proposal-title") == "Sprechstunde im Stadtteilzentrum"
    assert count(Proposal) == 0


def test_a_comment_needs_a_published_proposal_of_the_consultation(
    client, english, region, consultation, coordinator, event
):
    hidden = build.proposal(consultation, make_user(), moderation_state=ModerationState.HIDDEN)
    elsewhere = build.proposal(build.consultation(region, phase="discussion"), make_user())
    build.proposal(consultation, make_user())  # so that the form is offered
    db.session.commit()
    log_in(client, coordinator)
    for target in (hidden, elsewhere):
        response = post_form(client, event_url(event, "/comments"), comment_form(target))
        assert response.status_code == 400
        page = page_of(response)
        assert (
            "Please choose a published, not withdrawn proposal of this consultation."
            in field_error(page, "comment-proposal")
        )
        assert textarea_text(page, "comment-body").startswith("Das wünschen sich viele")
    response = post_form(
        client, event_url(event, "/comments"), {**comment_form(hidden), "comment-proposal": "0"}
    )
    assert response.status_code == 400
    assert count(Comment) == 0


# --- deleting ---------------------------------------------------------------------------------


def test_an_event_with_contributions_cannot_be_deleted(
    client, english, consultation, coordinator, event
):
    build.proposal(consultation, coordinator, on_site_event=event)
    db.session.commit()
    log_in(client, coordinator)
    response = post_form(client, event_url(event, "/delete"))
    assert response.status_code == 302
    assert response.location == event_url(event)
    page = page_of(client.get(response.location))
    assert "This event has contributions and cannot be deleted." in page
    assert count(OnSiteEvent) == 1


def test_an_event_without_contributions_can_be_deleted(client, consultation, coordinator, event):
    db.session.commit()
    log_in(client, coordinator)
    response = post_form(client, event_url(event, "/delete"))
    assert response.status_code == 302
    assert response.location == index_url(consultation)
    assert count(OnSiteEvent) == 0


def test_deleting_needs_a_post(client, coordinator, event):
    db.session.commit()
    log_in(client, coordinator)
    assert client.get(event_url(event, "/delete")).status_code == 405
    assert count(OnSiteEvent) == 1


# --- the consultation page --------------------------------------------------------------------


def test_the_consultation_page_sums_up_what_was_collected_on_site(
    client, english, region, consultation, coordinator, event, proposal
):
    second = on_site_event(consultation, coordinator, name="Papierbögen Bibliothek")
    build.proposal(consultation, coordinator, on_site_event=event)
    build.comment(proposal, coordinator, on_site_event=event)
    build.comment(proposal, coordinator, on_site_event=second)
    build.proposal(
        consultation, coordinator, on_site_event=second, moderation_state=ModerationState.HIDDEN
    )
    db.session.commit()
    page = page_of(client.get(build.consultation_url(consultation)))
    assert "3 contributions collected on site at 2 events" in page
    assert base_url(consultation) not in page  # the link is for the coordination

    log_in(client, coordinator)
    page = page_of(client.get(build.consultation_url(consultation)))
    assert f'href="{base_url(consultation)}/"' in page
    assert f'href="{base_url(consultation)}/"' in page_of(
        client.get(f"/consultations/{consultation.id}/edit")
    )


def test_no_summary_without_on_site_contributions(client, english, consultation, event):
    db.session.commit()
    page = page_of(client.get(build.consultation_url(consultation)))
    assert "collected on site" not in page


def test_the_event_list_counts_contributions(
    client, english, consultation, coordinator, event, proposal
):
    build.proposal(consultation, coordinator, on_site_event=event)
    build.comment(proposal, coordinator, on_site_event=event)
    db.session.commit()
    log_in(client, coordinator)
    listing = page_of(client.get(index_url(consultation)))
    assert "<dd data-contributions>2</dd>" in event_card(listing, event)
