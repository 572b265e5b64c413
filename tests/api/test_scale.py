"""/api/v1/proposals at a few thousand proposals: page 1 and a page near the end run the same
few statements, and the list is read through an index in its order instead of sorting every
proposal (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL, as tests/performance/ does).

The proposals are written with core inserts (as tests/proposals/test_list_at_scale.py does): an
ORM loop over thousands of objects would make the test slow, not better.
"""

import re
from datetime import timedelta

import pytest
from sqlalchemy import insert, text

from app.api.pagination import encode_cursor
from app.api.proposals import ORDERS
from app.comments.models import Comment
from app.core.clock import utcnow_naive
from app.core.models import Contribution
from app.extensions import db
from app.proposals.models import OfficialResponse, Proposal
from bench.explain import explain
from tests import factories
from tests import organisation_builders as orgs
from tests import participation_builders as build
from tests.api.planted import API

COUNT = 3000
FIRST_ID = 1_000_000
# One select of the page (authors, organisations, events and fields joined), one for the
# official answers, one for the consultations with their regions.
PAGE_BUDGET = 3


def bulk_proposals(count: int = COUNT):
    """`count` proposals in three consultations of two regions, a few hidden or pending, every
    tenth answered; returns (consultations, fields)."""
    now = utcnow_naive()
    fields = [factories.make_field_of_action() for _ in range(3)]
    regions = [factories.make_region(), factories.make_region()]
    consultations = [
        build.consultation(regions[number % 2], phase="proposals", fields_of_action=fields)
        for number in range(3)
    ]
    authors = [factories.make_user() for _ in range(20)]
    # Some are said on behalf of an organisation or were collected at an on-site event, on
    # every page: what the page loads for them shows in its count, whichever page it is.
    organisation = orgs.organisation(regions[0], admins=[authors[0]], fields=fields)
    event = orgs.on_site_event(consultations[0], authors[1])
    db.session.flush()
    rows = range(FIRST_ID, FIRST_ID + count)
    db.session.execute(
        insert(Contribution.__table__),
        [
            {
                "id": number,
                "kind": "proposal",
                "consultation_id": consultations[number % 3].id,
                "author_id": authors[number % 20].id,
                "body": f"Text des Vorschlags {number}",
                "language": ("de", "tr", "ar", "ru")[number % 4],
                "moderation_state": ("published", "published", "published", "hidden", "pending")[
                    number % 5
                ],
                "organisation_id": organisation.id if number % 7 == 0 else None,
                "on_site_event_id": event.id if number % 3 == 0 and number % 11 == 0 else None,
                "created_at": now - timedelta(minutes=FIRST_ID + count - number),
                "updated_at": now,
            }
            for number in rows
        ],
    )
    db.session.execute(
        insert(Proposal.__table__),
        [
            {
                "id": number,
                "title": f"Vorschlag {number}",
                "field_of_action_id": fields[number % 3].id if number % 4 else None,
                "status": "accepted" if number % 10 == 0 else "submitted",
                "votes_for": number % 37,
                "votes_against": number % 5,
                "comment_count": number % 11,
                "search_text": f"vorschlag {number}",
            }
            for number in rows
        ],
    )
    db.session.execute(
        insert(OfficialResponse.__table__),
        [
            {
                "proposal_id": number,
                "author_id": authors[0].id,
                "status": "accepted",
                "body": "Angenommen.",
                "created_at": now,
            }
            for number in rows
            if number % 10 == 0
        ],
    )
    db.session.commit()
    return consultations, fields


def deep_cursor(sort: str, visible_ids: list[int]) -> str:
    """The cursor of a page near the end of the list in `sort` (the last 30 items remain)."""
    order = ORDERS[sort]
    ordered = sorted(visible_ids, reverse=order.descending)
    return encode_cursor(order, (ordered[-31],))


def statements_for(client, count_queries, url: str) -> tuple[int, list[int]]:
    client.get(url)  # warm: whatever a first request loads once
    with count_queries() as counted:
        response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["X-Cache"] == "miss"  # measured as computed, not from the cache
    return len(counted), [item["id"] for item in response.get_json()["data"]]


def visible_ids() -> list[int]:
    """The published ones of `bulk_proposals()`."""
    return [number for number in range(FIRST_ID, FIRST_ID + COUNT) if number % 5 < 3]


@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize("filtered", [False, True])
def test_the_first_and_a_deep_page_cost_the_same(app, client, count_queries, sort, filtered):
    consultations, _fields = bulk_proposals()
    filters = f"&consultation={consultations[1].id}" if filtered else ""
    ids = [
        number
        for number in visible_ids()
        if not filtered or consultations[number % 3].id == consultations[1].id
    ]
    first, first_page = statements_for(
        client, count_queries, f"{API}/proposals?sort={sort}&limit=20{filters}"
    )
    cursor = deep_cursor(sort, ids)
    deep, deep_page = statements_for(
        client, count_queries, f"{API}/proposals?sort={sort}&limit=20{filters}&cursor={cursor}"
    )
    ordered = sorted(ids, reverse=sort == "newest")
    assert first_page == ordered[:20]
    assert deep_page == ordered[-30:-10]
    assert first == deep, (first, deep)
    assert first <= PAGE_BUDGET, first


def test_comments_pages_cost_the_same_deep_in_a_long_thread(app, client, count_queries):
    author = factories.make_user()
    proposal = build.proposal(build.consultation(phase="proposals"), author)
    db.session.flush()
    now = utcnow_naive()
    db.session.execute(
        insert(Contribution.__table__),
        [
            {
                "id": number,
                "kind": "comment",
                "consultation_id": proposal.consultation_id,
                "author_id": author.id,
                "body": f"Kommentar {number}",
                "language": "de",
                "moderation_state": "published",
                "created_at": now,
                "updated_at": now,
            }
            for number in range(FIRST_ID, FIRST_ID + 1500)
        ],
    )
    db.session.execute(
        insert(Comment.__table__),
        [{"id": number, "proposal_id": proposal.id} for number in range(FIRST_ID, FIRST_ID + 1500)],
    )
    db.session.commit()
    url = f"{API}/proposals/{proposal.id}/comments?limit=50"
    first, first_page = statements_for(client, count_queries, url)
    cursor = encode_cursor(ORDERS["oldest"], (FIRST_ID + 1400,))
    deep, deep_page = statements_for(client, count_queries, f"{url}&cursor={cursor}")
    assert first_page == list(range(FIRST_ID, FIRST_ID + 50))
    assert deep_page == list(range(FIRST_ID + 1401, FIRST_ID + 1451))
    assert first == deep
    assert first <= 2, first  # the proposal, the page


# --- query plans ---------------------------------------------------------------------------------


@pytest.fixture
def analysed(app):
    """A few thousand proposals with the database's statistics taken, as a maintained server
    has them."""
    consultations, fields = bulk_proposals()
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    else:
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    yield consultations, fields
    db.session.rollback()
    if db.engine.dialect.name == "sqlite":
        db.session.execute(text("DELETE FROM sqlite_stat1"))
        db.session.commit()


def list_plan(app, arguments: str = "") -> str:
    """The plan of the statement that selects the page of /proposals (the first one recorded)."""
    view = app.view_functions["api.proposals"]

    def run():
        with app.test_request_context(f"{API}/proposals?limit=20{arguments}"):
            response = view()
        assert response.status_code == 200

    explained = explain("API proposal list", run, analyze=False)
    assert explained.statements, "no statement recorded"
    page = next(
        plan
        for captured, plan in zip(explained.statements, explained.plans, strict=True)
        if "FROM contributions" in captured.statement and "LIMIT" in captured.statement
    )
    return "\n".join(page)


def sqlite() -> bool:
    return db.engine.dialect.name == "sqlite"


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_the_default_list_reads_proposals_in_index_order(app, analysed, sort):
    if not sqlite():
        # Left without a sort step, the planner must find an index in the list's order; if
        # none fits, the plan still sorts (at a prohibitive cost) and the test names it.
        db.session.execute(text("SET LOCAL enable_sort = off"))
    plan = list_plan(app, f"&sort={sort}")
    if sqlite():
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
        # The proposals table's primary key (the rowid) is walked in the list's order.
        assert re.search(r"SCAN (proposals|listed)", plan), plan
    else:
        assert "Sort" not in plan, plan
        assert re.search(r"Index (Only )?Scan (Backward )?using \w+ on proposals", plan), plan


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_a_consultations_list_reads_its_index(app, analysed, sort):
    consultations, _fields = analysed
    if not sqlite():
        db.session.execute(text("SET LOCAL enable_seqscan = off"))
    plan = list_plan(app, f"&sort={sort}&consultation={consultations[0].id}")
    if sqlite():
        index = "ix_contributions_consultation_order"
        assert f"SEARCH contributions USING INDEX {index} (consultation_id=?" in plan
    else:
        assert "Seq Scan on contributions" not in plan, plan


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_a_consultations_list_needs_no_sort(app, analysed, sort):
    consultations, _fields = analysed
    if not sqlite():
        db.session.execute(text("SET LOCAL enable_sort = off"))
    plan = list_plan(app, f"&sort={sort}&consultation={consultations[0].id}")
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
    assert "Sort" not in plan, plan


@pytest.mark.parametrize("sort", ["most_supported", "most_discussed"])
def test_the_orders_by_support_and_comments_need_no_sort(app, analysed, sort):
    if not sqlite():
        db.session.execute(text("SET LOCAL enable_sort = off"))
    plan = list_plan(app, f"&sort={sort}")
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
    assert "Sort" not in plan, plan
