"""The proposal page loads the translations of its discussion in one query: 3 or 30 translated
comments cost the same number of SQL statements."""

import itertools
from functools import cache

import pytest

from app.accounts import passwords
from app.accounts.models import RoleAssignment, User
from app.core.clock import utcnow_naive
from app.extensions import db
from tests import organisation_builders as orgs
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.multilingual.page_builders import person, scene

_numbers = itertools.count(1)


@cache
def _password_hash() -> str:
    return passwords.hash_password("correct horse battery staple")


def quick_user(coordinates=None) -> User:
    """A confirmed user without hashing a password each time (many are needed here)."""
    number = next(_numbers)
    user = User(
        email=f"reader{number}@example.org",
        display_name=f"Leser {number}",
        password_hash=_password_hash(),
        confirmed_at=utcnow_naive(),
        locale="en",
    )
    db.session.add(user)
    if coordinates is not None:
        db.session.add(RoleAssignment(user=user, role="coordinator", region=coordinates))
    db.session.flush()
    return user


def discussion_with_translated_comments(count: int):
    s = scene()
    org = orgs.organisation(s.region, name=f"Verein {count}")
    for number in range(count):
        commenter = quick_user()
        comment = build.comment(
            s.proposal,
            commenter,
            body=f"Kommentar {number}",
            organisation_id=org.id if number % 3 == 0 else None,
        )
        orgs.translation(comment, commenter, language="en", body=f"Comment {number}")
        orgs.translation(
            comment, quick_user(coordinates=s.region), language="ar", body=f"تعليق {number}"
        )
    orgs.translation(s.proposal, s.author, language="en", title="Title", body="Body text")
    db.session.commit()
    return s


def statements_for(client, count_queries, url: str) -> int:
    client.get(url)  # warm: the session exists afterwards
    with count_queries() as counted:
        response = client.get(url)
    assert response.status_code == 200
    return len(counted)


@pytest.mark.parametrize("translated_first", [False, True])
def test_a_thread_costs_the_same_with_3_and_30_translated_comments(
    client, count_queries, translated_first
):
    reader = person(locale="en")
    log_in(client, reader)
    if translated_first:
        post_form(client, "/reading-preference", {"translated_first": "1", "next": "/"})

    small = discussion_with_translated_comments(3)
    small_count = statements_for(client, count_queries, build.proposal_url(small.proposal))
    large = discussion_with_translated_comments(30)
    large_page = client.get(build.proposal_url(large.proposal)).get_data(as_text=True)
    large_count = statements_for(client, count_queries, build.proposal_url(large.proposal))

    assert large_page.count('<details class="translation-item"') >= 30
    assert large_count == small_count
