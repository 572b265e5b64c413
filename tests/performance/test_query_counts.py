"""Each benchmark page runs the same number of SQL statements at a small and a large scale.

The world of tests/performance/world.py is measured, grown (about ten times the proposals,
comments, people, votes, organisations, translations and consultations) and measured again on
the same URL. An N+1 query shows as a difference, and the message names the statements that
differ. The budget states the count itself, so a new statement on a page is a decision, not an
accident.

Anonymous pages are measured cold: a committed write before each measured request starts a new
content generation, so the page cache cannot answer from memory (a cache hit fails the test).
The shuffled list order is pinned by the session's seed, so every run shows the same page.
"""

import re
from collections import Counter

import pytest
from sqlalchemy import func, select, update

from app.comments.models import Comment
from app.extensions import db
from app.regions.models import Region
from app.votes.models import Vote
from tests import participation_builders as build
from tests.conftest import csrf_token, log_in
from tests.performance.world import LARGE, SEARCH_WORD, SMALL, Scale, World, grow

SHUFFLE_SEED = 20261

# A list whose second page holds 8 proposals at the small scale and a full one at the large.
PAGE_TWO_SMALL = Scale(
    proposals=42, comments=6, people=4, consultations=1, voters_per_proposal=1, own_votes=1
)
PAGE_TWO_LARGE = Scale(
    proposals=72, comments=6, people=24, consultations=6, voters_per_proposal=6, own_votes=6
)


def _list(world, arguments: str = "") -> str:
    return build.consultation_url(world.listed) + arguments


# name: (path in a world, small scale, large scale, {visitor: statement budget})
PAGES = {
    "start": (lambda w: "/", SMALL, LARGE, {"anonymous": 6, "participant": 7}),
    "region": (
        lambda w: f"/regions/{w.region.slug}",
        SMALL,
        LARGE,
        {"anonymous": 8, "participant": 9},
    ),
    "consultation": (_list, SMALL, LARGE, {"anonymous": 14, "participant": 19}),
    "list_field": (
        lambda w: _list(w, f"?field={w.fields[0].slug}"),
        SMALL,
        LARGE,
        {"anonymous": 14, "participant": 19},
    ),
    "list_search": (
        lambda w: _list(w, f"?q={SEARCH_WORD}"),
        SMALL,
        LARGE,
        {"anonymous": 14, "participant": 19},
    ),
    "list_page_2": (
        lambda w: _list(w, "?page=2"),
        PAGE_TWO_SMALL,
        PAGE_TWO_LARGE,
        {"anonymous": 14, "participant": 19},
    ),
    "proposal": (
        lambda w: build.proposal_url(w.detail),
        SMALL,
        LARGE,
        {"anonymous": 17, "participant": 21},
    ),
}
CAST_BUDGET = 14
RETRACT_BUDGET = 13
COMMENT_BUDGET = 24


# --- measuring --------------------------------------------------------------------------------


def _shape(statement: str) -> str:
    """A statement without its parameter lists, to compare the SQL of two requests."""
    without_lists = re.sub(r"\(([?%s(),\s]|\$\d+|__\[POSTCOMPILE_\w+\])+\)", "(…)", statement)
    return re.sub(r"\s+", " ", without_lists)


def _new_generation(world: World) -> None:
    """A committed write, so a page cache keyed by the content generation has nothing yet."""
    db.session.execute(
        update(Region).where(Region.id == world.region.id).values(position=Region.position)
    )
    db.session.commit()


@pytest.fixture
def measure(client, count_queries):
    """measure(world, path) -> the statements of a cold GET; measure.post(...) for a POST."""

    class Measure:
        def __call__(self, world: World, path: str) -> list[str]:
            with client.session_transaction() as session:
                session["shuffle_seed"] = SHUFFLE_SEED  # the same order in every run
            client.get(path)  # warm: the session cookie exists afterwards
            _new_generation(world)
            with count_queries() as counted:
                response = client.get(path)
            assert response.status_code == 200, path
            assert response.headers.get("X-Cache") != "hit", f"{path} came from the page cache"
            return [_shape(statement) for statement in counted.statements]

        def post(self, path: str, data: dict, token: str):
            with count_queries() as counted:
                response = client.post(path, data={"csrf_token": token, **data})
            return [_shape(statement) for statement in counted.statements], response

    return Measure()


def assert_flat(small: list[str], large: list[str], budget: int) -> None:
    if len(small) != len(large):
        more, fewer = Counter(large) - Counter(small), Counter(small) - Counter(large)
        differing = [f"+{n} {s[:300]}" for s, n in more.items()]
        differing += [f"-{n} {s[:300]}" for s, n in fewer.items()]
        pytest.fail(
            f"{len(small)} statements at the small scale, {len(large)} at the large; "
            "only in one of them:\n" + "\n".join(differing)
        )
    assert len(large) <= budget, f"{len(large)} statements, budget {budget}:\n" + "\n".join(
        statement[:200] for statement in large
    )


# --- pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("visitor", ["anonymous", "participant"])
def test_a_page_costs_the_same_at_both_scales(client, measure, page, visitor):
    path_of, small_scale, large_scale, budgets = PAGES[page]
    world = grow(World(), small_scale)
    if visitor == "participant":
        log_in(client, world.participant)
    small = measure(world, path_of(world))
    grow(world, large_scale)
    large = measure(world, path_of(world))
    assert_flat(small, large, budgets[visitor])


def _cards(page: str) -> int:
    return len(re.findall(r'<article class="proposal-card[^"]*" id="proposal-\d+"', page))


def test_the_large_pages_show_what_was_grown(client):
    """The measured pages really hold the grown rows (so an N+1 would have something to do)."""
    world = grow(World(), LARGE)
    listing = client.get(_list(world)).get_data(as_text=True)
    assert _cards(listing) == 20  # a full first page
    assert "Verein Nummer" in listing  # proposals said for organisations
    second = client.get(_list(world, "?page=2")).get_data(as_text=True)
    published = sum(p.moderation_state == "published" for p in world.proposals)
    assert published > 20
    assert _cards(second) == min(20, published - 20)
    found = client.get(_list(world, f"?q={SEARCH_WORD}")).get_data(as_text=True)
    assert 0 < _cards(found) <= 20
    assert "Treffpunkte" not in found
    page = client.get(build.proposal_url(world.detail)).get_data(as_text=True)
    shown = [c for c in world.comments if c.deleted_at is None and c.moderation_state != "hidden"]
    assert all(f'id="comment-{c.id}"' in page for c in world.comments)  # placeholders too
    assert all(c.body in page for c in shown)
    assert "Übersetzung 2" in page  # translations of comments
    assert "comment-thread--replies" in page


# --- writes -----------------------------------------------------------------------------------


def _vote_of(world: World):
    return db.session.scalar(
        select(Vote.value).where(
            Vote.user_id == world.participant.id, Vote.proposal_id == world.vote_target.id
        )
    )


def _cast_and_retract(client, measure, world: World) -> tuple[list[str], list[str]]:
    token = csrf_token(client, build.proposal_url(world.vote_target))
    path = build.proposal_url(world.vote_target, "/vote")
    cast, response = measure.post(path, {"value": "1"}, token)
    assert response.status_code == 302
    assert _vote_of(world) == 1
    retract, response = measure.post(path, {"value": "0"}, token)
    assert response.status_code == 302
    assert _vote_of(world) is None
    return cast, retract


def test_casting_and_retracting_a_vote_cost_the_same_at_both_scales(client, measure):
    world = grow(World(), SMALL)
    log_in(client, world.participant)
    small_cast, small_retract = _cast_and_retract(client, measure, world)
    grow(world, LARGE)
    large_cast, large_retract = _cast_and_retract(client, measure, world)
    assert_flat(small_cast, large_cast, CAST_BUDGET)
    assert_flat(small_retract, large_retract, RETRACT_BUDGET)


def _comments_on(world: World) -> int:
    return db.session.scalar(
        select(func.count(Comment.id)).where(Comment.proposal_id == world.detail.id)
    )


def _reply(client, measure, world: World, body: str) -> list[str]:
    """Reply to the first comment of the discussed proposal (its followers are told)."""
    token = csrf_token(client, build.proposal_url(world.detail))
    before = _comments_on(world)
    statements, response = measure.post(
        build.proposal_url(world.detail, "/comments/"),
        {
            "body": body,
            "language": "de",
            "stance": "in_favour",
            "parent_id": str(world.comments[0].id),
            "speak_as": "0",
        },
        token,
    )
    assert response.status_code == 302
    assert _comments_on(world) == before + 1
    return statements


def test_commenting_costs_the_same_at_both_scales(client, measure):
    world = grow(World(), SMALL)
    log_in(client, world.participant)
    small = _reply(client, measure, world, "Eine erste Antwort auf den Kommentar.")
    grow(world, LARGE)
    large = _reply(client, measure, world, "Eine zweite, andere Antwort darauf.")
    assert_flat(small, large, COMMENT_BUDGET)
