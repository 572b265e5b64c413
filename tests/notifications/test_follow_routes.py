"""Following and unfollowing consultations, proposals and organisations: the buttons on their
pages, the POST routes with their refusals and redirects, and the page of what one follows."""

import html
import re
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from app.consultations.models import ConsultationState
from app.core.models import ModerationState
from app.extensions import db
from app.notifications.models import Follow
from app.organisations.models import OrganisationStatus
from tests import organisation_builders as orgs
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_region, make_user, make_user_with_role


def page_of(response) -> str:
    return response.get_data(as_text=True)


def flashes(page: str) -> list[str]:
    return [
        html.unescape(message)
        for message in re.findall(r'<div class="alert alert--success"[^>]*>\s*<p>(.*?)</p>', page)
    ]


def follows_of(user) -> list[tuple]:
    db.session.expire_all()
    return db.session.execute(
        select(Follow.consultation_id, Follow.proposal_id, Follow.organisation_id).where(
            Follow.user_id == user.id
        )
    ).all()


@pytest.fixture
def places():
    region = make_region()
    author = make_user(display_name="Amira Haddad")
    consultation = build.consultation(
        region, title={"de": "Sprachkurse in Kassel", "en": "Language courses in Kassel"}
    )
    proposal = build.proposal(consultation, author, title="Abendkurse für Berufstätige")
    organisation = orgs.organisation(region, name="Kulturverein Brücke e. V.", admins=[author])
    draft = build.consultation(region, state=ConsultationState.DRAFT)
    hidden = build.proposal(
        consultation, author, title="Versteckter Vorschlag", moderation_state=ModerationState.HIDDEN
    )
    requested = orgs.organisation(
        region,
        name="Noch nicht geprüft e. V.",
        status=OrganisationStatus.REQUESTED,
        admins=[author],
    )
    db.session.commit()
    return SimpleNamespace(
        region=region,
        author=author,
        consultation=consultation,
        proposal=proposal,
        organisation=organisation,
        draft=draft,
        hidden=hidden,
        requested=requested,
    )


def urls(places) -> dict[str, str]:
    return {
        "consultation": f"/consultations/{places.consultation.id}",
        "proposal": f"/consultations/{places.consultation.id}/proposals/{places.proposal.id}",
        "organisation": f"/organisations/{places.organisation.id}",
    }


def targets(places) -> dict[str, int]:
    return {
        "consultation": places.consultation.id,
        "proposal": places.proposal.id,
        "organisation": places.organisation.id,
    }


# --- follow and unfollow -----------------------------------------------------------------------


@pytest.mark.parametrize("target_type", ["consultation", "proposal", "organisation"])
def test_follow_then_unfollow_from_the_targets_page(client, login_as, places, target_type):
    user = login_as("participant", locale="en")
    target_id = targets(places)[target_type]
    page_url = urls(places)[target_type]
    page = page_of(client.get(page_url))
    assert f'action="/notifications/follow/{target_type}/{target_id}"' in page
    assert f'name="next" value="{page_url}"' in page

    response = post_form(
        client, f"/notifications/follow/{target_type}/{target_id}", {"next": page_url}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == page_url
    (row,) = follows_of(user)
    assert row == tuple(target_id if name == target_type else None for name in targets(places))

    page = page_of(client.get(page_url))
    (message,) = flashes(page)
    assert message.startswith("You now follow “") and message.endswith("”.")
    assert f'action="/notifications/unfollow/{target_type}/{target_id}"' in page
    assert "Following – stop following" in page
    assert f'action="/notifications/follow/{target_type}/{target_id}"' not in page

    response = post_form(
        client, f"/notifications/unfollow/{target_type}/{target_id}", {"next": page_url}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == page_url
    assert follows_of(user) == []
    (message,) = flashes(page_of(client.get(page_url)))
    assert message.startswith("You no longer follow “")


def test_the_flash_names_what_was_followed(client, login_as, places):
    login_as("participant", locale="en")
    post_form(client, f"/notifications/follow/proposal/{places.proposal.id}")
    page = page_of(client.get("/notifications/following"))
    assert flashes(page) == ["You now follow “Abendkurse für Berufstätige”."]


def test_following_twice_keeps_one_row(client, login_as, places):
    user = login_as("participant", locale="en")
    path = f"/notifications/follow/consultation/{places.consultation.id}"
    assert post_form(client, path).status_code == 303
    assert post_form(client, path).status_code == 303
    assert follows_of(user) == [(places.consultation.id, None, None)]


def test_unfollowing_what_one_does_not_follow_changes_nothing(client, login_as, places):
    user = login_as("participant", locale="en")
    other = make_user()
    db.session.add(Follow(user_id=other.id, consultation_id=places.consultation.id))
    db.session.commit()
    response = post_form(client, f"/notifications/unfollow/consultation/{places.consultation.id}")
    assert response.status_code == 303
    assert follows_of(user) == []
    assert follows_of(other) == [(places.consultation.id, None, None)]  # only one's own row


def test_without_next_the_redirect_goes_to_the_targets_page(client, login_as, places):
    login_as("participant", locale="en")
    response = post_form(client, f"/notifications/follow/organisation/{places.organisation.id}")
    assert response.headers["Location"] == f"/organisations/{places.organisation.id}"


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "x"],
)
def test_an_outside_next_is_ignored(client, login_as, places, next_url):
    login_as("participant", locale="en")
    for action in ("follow", "unfollow"):
        response = post_form(
            client,
            f"/notifications/{action}/consultation/{places.consultation.id}",
            {"next": next_url},
        )
        assert response.status_code == 303
        assert response.headers["Location"] == f"/consultations/{places.consultation.id}"


@pytest.mark.parametrize(
    ("target_type", "attribute"),
    [("consultation", "draft"), ("proposal", "hidden"), ("organisation", "requested")],
)
def test_what_may_not_be_followed_is_refused(client, login_as, places, target_type, attribute):
    user = login_as("participant", locale="en")
    target = getattr(places, attribute)
    response = post_form(client, f"/notifications/follow/{target_type}/{target.id}")
    assert response.status_code == 403
    assert follows_of(user) == []


def test_a_coordinator_cannot_follow_a_draft_either(client, login_as, places):
    coordinator = login_as("coordinator", region=places.region, locale="en")
    page = page_of(client.get(f"/consultations/{places.draft.id}"))
    assert "/notifications/follow/" not in page
    response = post_form(client, f"/notifications/follow/consultation/{places.draft.id}")
    assert response.status_code == 403
    assert follows_of(coordinator) == []


def test_an_unconfirmed_account_cannot_follow(client, places):
    user = make_user(confirmed=False, locale="en")
    db.session.commit()
    log_in(client, user)
    assert "/notifications/follow/" not in page_of(client.get(urls(places)["consultation"]))
    response = post_form(client, f"/notifications/follow/consultation/{places.consultation.id}")
    assert response.status_code == 403
    assert follows_of(user) == []


@pytest.mark.parametrize(
    "path",
    [
        "/notifications/follow/region/1",
        "/notifications/follow/consultation/999999",
        "/notifications/follow/proposal/999999",
        "/notifications/unfollow/organisation/999999",
        "/notifications/unfollow/comment/1",
    ],
)
def test_unknown_targets_are_not_found(client, login_as, places, path):
    login_as("participant", locale="en")
    assert post_form(client, path).status_code == 404


def test_follow_without_csrf_token_is_refused(client, login_as, places):
    user = login_as("participant", locale="en")
    response = client.post(f"/notifications/follow/consultation/{places.consultation.id}")
    assert response.status_code == 400
    assert follows_of(user) == []


def test_one_can_stop_following_what_is_no_longer_public(client, login_as, places):
    user = login_as("participant", locale="en")
    db.session.add(Follow(user_id=user.id, proposal_id=places.proposal.id))
    db.session.commit()
    places.proposal.moderation_state = ModerationState.HIDDEN
    db.session.commit()
    response = post_form(client, f"/notifications/unfollow/proposal/{places.proposal.id}")
    assert response.status_code == 303
    assert follows_of(user) == []
    # The title of a proposal hidden by moderation is not repeated.
    (message,) = flashes(page_of(client.get("/notifications/following")))
    assert message == "You no longer follow “a proposal that is no longer public”."


# --- the buttons on the pages -------------------------------------------------------------------


@pytest.mark.parametrize("target_type", ["consultation", "proposal", "organisation"])
def test_visitors_see_no_follow_button(client, places, target_type):
    page = page_of(client.get(urls(places)[target_type]))
    assert "/notifications/follow/" not in page
    assert "follow-form" not in page


@pytest.mark.parametrize("target_type", ["consultation", "proposal", "organisation"])
def test_each_page_asks_once_whether_the_user_follows(
    client, login_as, places, count_queries, target_type
):
    login_as("participant", locale="en")
    with count_queries() as counter:
        page = page_of(client.get(urls(places)[target_type]))
    assert "follow-form" in page
    asked = [statement for statement in counter.statements if "FROM follows" in statement]
    assert len(asked) == 1


# --- what I follow -------------------------------------------------------------------------------


def test_the_following_page_groups_with_links_and_unfollow_buttons(client, login_as, places):
    user = login_as("participant", locale="en")
    db.session.add_all(
        [
            Follow(user_id=user.id, consultation_id=places.consultation.id),
            Follow(user_id=user.id, proposal_id=places.proposal.id),
            Follow(user_id=user.id, organisation_id=places.organisation.id),
        ]
    )
    db.session.commit()
    page = page_of(client.get("/notifications/following"))
    sections = dict(
        re.findall(
            r'class="section follow-group" aria-labelledby="(\w+)-heading">(.*?)</section>',
            page,
            re.S,
        )
    )
    assert set(sections) == {"consultation", "proposal", "organisation"}
    assert f'href="{urls(places)["consultation"]}"' in sections["consultation"]
    assert "Language courses in Kassel" in sections["consultation"]
    assert f'href="{urls(places)["proposal"]}"' in sections["proposal"]
    assert "Abendkurse für Berufstätige" in sections["proposal"]
    assert f'href="{urls(places)["organisation"]}"' in sections["organisation"]
    for target_type, target_id in targets(places).items():
        form = f'action="/notifications/unfollow/{target_type}/{target_id}"'
        assert form in sections[target_type]
    assert page.count('name="next" value="/notifications/following"') == 3


def test_unfollowing_from_the_following_page_returns_there(client, login_as, places):
    user = login_as("participant", locale="en")
    db.session.add(Follow(user_id=user.id, organisation_id=places.organisation.id))
    db.session.commit()
    response = post_form(
        client,
        f"/notifications/unfollow/organisation/{places.organisation.id}",
        {"next": "/notifications/following"},
    )
    assert response.headers["Location"] == "/notifications/following"
    page = page_of(client.get("/notifications/following"))
    assert "You do not follow anything yet." in page


def test_the_following_page_is_the_users_own(client, login_as, places):
    other = make_user_with_role("participant")
    db.session.add(Follow(user_id=other.id, proposal_id=places.proposal.id))
    db.session.commit()
    login_as("participant", locale="en")
    page = page_of(client.get("/notifications/following"))
    assert "Abendkurse für Berufstätige" not in page
    assert db.session.scalar(select(func.count(Follow.id))) == 1
