"""Paging with cursors stays stable while the list changes: items added between two page
requests never show an item twice nor push one off a page, an item hidden meanwhile drops out,
and the pages put together are in the list's order. Cursors of another order or made up are
refused."""

import base64
import json

import pytest

from app.core.models import ModerationState
from app.extensions import db
from app.proposals.models import Proposal
from tests import factories
from tests import participation_builders as build
from tests.api.planted import API

LIMIT = 3


@pytest.fixture
def running(app):
    author = factories.make_user()
    consultation = build.consultation(phase="proposals")
    proposals = [build.proposal(consultation, author) for _ in range(11)]
    db.session.commit()
    return consultation, author, proposals


def page(client, url: str) -> tuple[list[int], str | None]:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    following = body["links"]["next"]
    assert body["meta"]["limit"] == LIMIT
    assert len(body["data"]) <= LIMIT
    if following:
        assert response.headers["Link"] == f'<{following}>; rel="next"'
    else:
        assert "Link" not in response.headers
    return [item["id"] for item in body["data"]], following


def hide(contribution) -> None:
    contribution.moderation_state = ModerationState.HIDDEN
    db.session.commit()


def walk(client, first_url: str, between) -> list[int]:
    """All pages from `first_url`, calling `between(page_number)` before each next page."""
    seen, url, number = [], first_url, 0
    while url:
        ids, url = page(client, url)
        seen += ids
        number += 1
        if url:
            between(number)
        assert number < 50, "the paging does not end"
    return seen


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_paging_proposals_while_proposals_are_added_and_one_is_hidden(client, running, sort):
    consultation, author, proposals = running
    at_start = [proposal.id for proposal in proposals]
    # Hidden after the first page, before the paging reaches it (in either order).
    hidden = proposals[5]
    added = []

    def between(number):
        # Two new ones before every page; the hidden one after the first.
        for _ in range(2):
            added.append(build.proposal(consultation, author).id)
        if number == 1:
            hide(db.session.get(Proposal, hidden.id))
        db.session.commit()

    seen = walk(
        client,
        f"{API}/proposals?consultation={consultation.id}&sort={sort}&limit={LIMIT}",
        between,
    )
    assert len(seen) == len(set(seen)), f"an item came twice: {seen}"
    assert hidden.id not in seen
    skipped = set(at_start) - {hidden.id} - set(seen)
    assert skipped == set(), f"skipped {skipped}"
    assert seen == sorted(seen, reverse=sort == "newest")
    if sort == "newest":
        # New ones come before the first page: the paging does not see them.
        assert set(seen).isdisjoint(added)
    else:
        # New ones come after the end: the paging reaches them.
        assert set(added) <= set(seen)


def test_paging_comments_while_comments_are_added_and_one_is_hidden(client, running):
    _consultation, author, proposals = running
    proposal = proposals[0]
    comments = [build.comment(proposal, author) for _ in range(10)]
    db.session.commit()
    at_start = [comment.id for comment in comments]
    hidden = comments[6]
    added = []

    def between(number):
        target = db.session.get(Proposal, proposal.id)
        added.append(build.comment(target, author).id)
        if number == 1:
            hide(db.session.get(type(hidden), hidden.id))
        db.session.commit()

    seen = walk(client, f"{API}/proposals/{proposal.id}/comments?limit={LIMIT}", between)
    assert len(seen) == len(set(seen))
    assert hidden.id not in seen
    assert set(at_start) - {hidden.id} - set(seen) == set()
    assert seen == sorted(seen)
    assert set(added) <= set(seen)


def test_the_next_link_keeps_the_filters(client, running):
    consultation, _author, _proposals = running
    _ids, following = page(
        client, f"{API}/proposals?consultation={consultation.id}&sort=oldest&limit={LIMIT}"
    )
    assert f"consultation={consultation.id}" in following
    assert "sort=oldest" in following
    assert f"limit={LIMIT}" in following
    assert "cursor=" in following


def next_cursor(client, arguments: str) -> str:
    body = client.get(f"{API}/proposals?limit={LIMIT}&{arguments}").get_json()
    following = body["links"]["next"]
    assert following
    return following.split("cursor=")[1].split("&")[0]


def assert_cursor_refused(response) -> None:
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert [error["parameter"] for error in response.get_json()["errors"]] == ["cursor"]


@pytest.mark.parametrize(
    "made_with, used_with",
    [
        ("newest", "oldest"),
        ("oldest", "newest"),
        ("newest", "most_supported"),
        ("most_supported", "newest"),
        ("most_discussed", "most_supported"),
    ],
)
def test_a_cursor_of_another_order_is_refused(client, running, made_with, used_with):
    cursor = next_cursor(client, f"sort={made_with}")
    own = client.get(f"{API}/proposals?limit={LIMIT}&sort={made_with}&cursor={cursor}")
    assert own.status_code == 200
    assert_cursor_refused(client.get(f"{API}/proposals?sort={used_with}&cursor={cursor}"))


def encoded(value) -> str:
    raw = json.dumps(value).encode() if not isinstance(value, bytes) else value
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "!!!!",
        encoded(b"\xff\xfe not json"),
        encoded({"newest": 5}),
        encoded(["newest"]),
        encoded(["newest", "5"]),
        encoded(["newest", 5, 6]),
        encoded(["newest", True]),
        encoded(["newest", 5.5]),
        encoded(["newest", None]),
        encoded(["oldest ", 5]),
        encoded("newest"),
        encoded(["most_supported", 5]),
        # Beyond what the databases' integer columns hold.
        encoded(["newest", 2**31]),
        encoded(["newest", -(2**31) - 1]),
        encoded(["newest", 10**20]),
    ],
)
def test_a_tampered_cursor_is_refused(client, running, cursor):
    assert_cursor_refused(client.get(f"{API}/proposals?sort=newest&cursor={cursor}"))


def test_a_tampered_cursor_of_the_comments_is_refused(client, running):
    _consultation, _author, proposals = running
    for cursor in ("garbage", encoded(["newest", 5]), encoded(["oldest", "x"])):
        response = client.get(f"{API}/proposals/{proposals[0].id}/comments?cursor={cursor}")
        assert_cursor_refused(response)


def test_a_cursor_with_a_changed_key_pages_from_there(client, running):
    """A well-formed cursor is only a position: it shows what comes after it, nothing more."""
    consultation, _author, proposals = running
    middle = proposals[4].id
    response = client.get(
        f"{API}/proposals?consultation={consultation.id}&sort=oldest&limit=100"
        f"&cursor={encoded(['oldest', middle])}"
    )
    assert [item["id"] for item in response.get_json()["data"]] == [
        proposal.id for proposal in proposals[5:]
    ]
    # Past the last id: an empty last page, not an error.
    response = client.get(f"{API}/proposals?sort=oldest&cursor={encoded(['oldest', 2**31 - 1])}")
    assert response.status_code == 200
    assert response.get_json()["data"] == []
