"""Comment threads: three nested levels, deeper replies flattened with "in reply to", stance
badges and the stance filter with counts, oldest/newest order, permalinks."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest

from app.comments.queries import MAX_DEPTH, comment_thread
from app.core.clock import utcnow_naive
from app.core.models import ModerationState
from app.extensions import db
from tests import participation_builders as build
from tests.conftest import log_in
from tests.factories import make_user


class CommentTree(HTMLParser):
    """The comment <li>s of a page: their order, their depth class and the comment they sit in."""

    def __init__(self, page: str):
        super().__init__()
        self.order: list[int] = []
        self.depth: dict[int, int] = {}
        self.inside: dict[int, int | None] = {}
        self._stack: list[int | None] = []  # one entry per open <li>
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag != "li":
            return
        attrs = dict(attrs)
        match = re.fullmatch(r"comment-(\d+)", attrs.get("id") or "")
        classes = attrs.get("class") or ""
        if match and "comment--depth-" in classes:
            number = int(match.group(1))
            self.order.append(number)
            self.depth[number] = int(re.search(r"comment--depth-(\d+)", classes).group(1))
            enclosing = [entry for entry in self._stack if entry is not None]
            self.inside[number] = enclosing[-1] if enclosing else None
            self._stack.append(number)
        else:
            self._stack.append(None)

    def handle_endtag(self, tag):
        if tag == "li" and self._stack:
            self._stack.pop()


def comment_html(page: str, comment_id: int) -> str:
    """The markup of one comment, up to where the next comment starts."""
    start = page.index(f'id="comment-{comment_id}"')
    following = page.find('<li class="comment comment--depth-', start)
    return page[start : following if following != -1 else len(page)]


def page_of(client, proposal, **args) -> str:
    response = client.get(build.proposal_url(proposal), query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture
def english(client):
    client.set_cookie("mitreden_locale", "en")
    return client


@pytest.fixture
def deep():
    """c1 <- c2 <- c3 <- c4 <- c5 (each answers the one before), and a second root c6."""
    c = build.consultation(phase="discussion")
    proposal = build.proposal(c, make_user())
    names = ["Anna", "Berk", "Chiara", "Dmitri", "Esra", "Farid"]
    people = {name: make_user(display_name=name) for name in names}
    start = utcnow_naive() - timedelta(hours=10)
    comments = {}
    parent = None
    for n, name in enumerate(names[:5], start=1):
        parent = build.comment(
            proposal, people[name], body=f"Beitrag {n}", parent=parent,
            created_at=start + timedelta(minutes=n),
        )  # fmt: skip
        comments[f"c{n}"] = parent
    comments["c6"] = build.comment(
        proposal, people["Farid"], body="Beitrag 6", created_at=start + timedelta(minutes=6)
    )
    db.session.commit()
    return proposal, {key: comment.id for key, comment in comments.items()}


# --- the thread as data -----------------------------------------------------------------------


def test_three_levels_nest_and_deeper_replies_stay_at_the_third(deep):
    proposal, ids = deep
    thread = comment_thread(proposal, None)
    assert MAX_DEPTH == 3
    assert [node.comment.id for node in thread.nodes] == [ids["c1"], ids["c6"]]
    c1 = thread.nodes[0]
    (c2,) = c1.replies
    assert (c2.comment.id, c2.depth, c2.in_reply_to) == (ids["c2"], 1, None)
    assert [(n.comment.id, n.depth) for n in c2.replies] == [
        (ids["c3"], 2),
        (ids["c4"], 2),
        (ids["c5"], 2),
    ]
    c3, c4, c5 = c2.replies
    assert c3.in_reply_to is None  # third level: still nested, nothing to explain
    assert c4.in_reply_to.id == ids["c3"]
    assert c5.in_reply_to.id == ids["c4"]
    assert thread.count == 6


def test_newest_first_reverses_the_threads_not_the_replies(deep):
    proposal, ids = deep
    thread = comment_thread(proposal, None, newest_first=True)
    assert [node.comment.id for node in thread.nodes] == [ids["c6"], ids["c1"]]
    assert [n.comment.id for n in thread.nodes[1].replies[0].replies] == [
        ids["c3"],
        ids["c4"],
        ids["c5"],
    ]


# --- the thread on the page -------------------------------------------------------------------


def test_the_page_nests_three_levels_and_says_whom_deeper_replies_answer(english, deep):
    proposal, ids = deep
    page = page_of(english, proposal)
    tree = CommentTree(page)
    assert tree.order == [ids[key] for key in ("c1", "c2", "c3", "c4", "c5", "c6")]
    assert [tree.depth[ids[key]] for key in ("c1", "c2", "c3", "c4", "c5", "c6")] == [
        0, 1, 2, 2, 2, 0,
    ]  # fmt: skip
    assert tree.inside[ids["c1"]] is None
    assert tree.inside[ids["c2"]] == ids["c1"]
    assert tree.inside[ids["c3"]] == ids["c2"]
    assert tree.inside[ids["c4"]] == ids["c2"]  # shown beside c3, not inside it
    assert tree.inside[ids["c5"]] == ids["c2"]
    assert tree.inside[ids["c6"]] is None

    c4 = comment_html(page, ids["c4"])
    assert "In reply to" in c4
    assert "Chiara" in c4
    assert f'href="#comment-{ids["c3"]}"' in c4
    c5 = comment_html(page, ids["c5"])
    assert "In reply to" in c5 and "Dmitri" in c5
    for key in ("c1", "c2", "c3", "c6"):
        assert "In reply to" not in comment_html(page, ids[key])
    assert "6 comments" in page


def test_every_comment_has_a_permalink_anchor(english, deep):
    proposal, ids = deep
    page = page_of(english, proposal)
    for comment_id in ids.values():
        assert f'id="comment-{comment_id}"' in page
        assert f'class="comment__permalink" href="#comment-{comment_id}"' in page


def test_oldest_first_is_the_default_and_newest_first_can_be_chosen(english, deep):
    proposal, ids = deep
    assert CommentTree(page_of(english, proposal)).order[0] == ids["c1"]
    newest = CommentTree(page_of(english, proposal, order="newest")).order
    assert newest[0] == ids["c6"]
    assert newest[1:] == [ids[key] for key in ("c1", "c2", "c3", "c4", "c5")]
    assert CommentTree(page_of(english, proposal, order="sideways")).order[0] == ids["c1"]


def test_a_hidden_comment_stays_as_a_placeholder_and_keeps_its_replies(english):
    c = build.consultation(phase="discussion")
    proposal = build.proposal(c, make_user())
    hidden = build.comment(
        proposal, make_user(), body="Beleidigender Text", moderation_state=ModerationState.HIDDEN
    )
    reply = build.comment(proposal, make_user(), parent=hidden)
    db.session.commit()
    page = page_of(english, proposal)
    tree = CommentTree(page)
    assert tree.order == [hidden.id, reply.id]
    assert tree.depth[reply.id] == 1
    assert "Hidden by moderation." in page
    assert "Beleidigender Text" not in page


def test_pending_comments_are_shown_to_their_author_only(app, english):
    c = build.consultation(phase="discussion")
    proposal = build.proposal(c, make_user())
    writer = make_user(locale="en")
    pending = build.comment(
        proposal, writer, body="Wartet noch", moderation_state=ModerationState.PENDING
    )
    db.session.commit()
    assert f'id="comment-{pending.id}"' not in page_of(english, proposal)
    own = app.test_client()
    log_in(own, writer)
    page = page_of(own, proposal)
    assert f'id="comment-{pending.id}"' in page
    assert "Awaiting review – only you can see this" in comment_html(page, pending.id)


# --- stance -----------------------------------------------------------------------------------


@pytest.fixture
def stances():
    c = build.consultation(phase="discussion")
    proposal = build.proposal(c, make_user())
    people = [make_user() for _ in range(6)]
    made = {
        "pro1": build.comment(proposal, people[0], body="Dafür eins", stance="in_favour"),
        "pro2": build.comment(proposal, people[1], body="Dafür zwei", stance="in_favour"),
        "none": build.comment(proposal, people[2], body="Ohne Haltung"),
    }
    made["contra"] = build.comment(
        proposal, people[3], body="Dagegen", stance="against", parent=made["pro1"]
    )
    made["removed"] = build.comment(
        proposal, people[4], body="", stance=None, deleted_at=utcnow_naive()
    )
    made["removed_pro"] = build.comment(
        proposal, people[5], body="", stance="in_favour", deleted_at=utcnow_naive()
    )
    db.session.commit()
    return proposal, {key: comment.id for key, comment in made.items()}


def test_a_stance_is_shown_as_a_badge(english, stances):
    proposal, ids = stances
    page = page_of(english, proposal)
    assert '<span class="badge badge--stance badge--in_favour">In favour</span>' in comment_html(
        page, ids["pro1"]
    )
    assert '<span class="badge badge--stance badge--against">Against</span>' in comment_html(
        page, ids["contra"]
    )
    assert "badge--stance" not in comment_html(page, ids["none"])
    assert "badge--stance" not in comment_html(page, ids["removed_pro"])


def test_the_stance_filter_counts_each_stance(english, stances):
    proposal, _ids = stances
    page = page_of(english, proposal)
    assert "In favour (2)" in page  # the removed comment does not count
    assert "Against (1)" in page
    assert "Neutral (0)" in page


@pytest.mark.parametrize(
    ("stance", "expected"),
    [("in_favour", ["pro1", "pro2"]), ("against", ["contra"]), ("neutral", [])],
)
def test_the_stance_filter_shows_only_that_stance(english, stances, stance, expected):
    proposal, ids = stances
    page = page_of(english, proposal, stance=stance)
    tree = CommentTree(page)
    assert tree.order == [ids[key] for key in expected]
    assert all(depth == 0 for depth in tree.depth.values())  # a filtered view is flat
    link = f"{build.proposal_url(proposal)}?stance={stance}#comments"
    assert f'href="{link}" aria-current="true"' in page


def test_a_filtered_reply_says_whom_it_answers(english, stances):
    proposal, ids = stances
    page = page_of(english, proposal, stance="against")
    contra = comment_html(page, ids["contra"])
    assert "In reply to" in contra
    assert f'href="#comment-{ids["pro1"]}"' in contra


def test_an_unknown_stance_shows_everything(english, stances):
    proposal, ids = stances
    tree = CommentTree(page_of(english, proposal, stance="<script>"))
    assert sorted(tree.order) == sorted(ids.values())


def test_the_stance_filter_can_be_combined_with_the_order(english, stances):
    proposal, ids = stances
    tree = CommentTree(page_of(english, proposal, stance="in_favour", order="newest"))
    assert tree.order == [ids["pro2"], ids["pro1"]]


def test_removed_comments_keep_their_place_but_not_their_text(english, stances):
    proposal, ids = stances
    page = page_of(english, proposal)
    removed = comment_html(page, ids["removed"])
    assert "Removed by the author." in removed
    assert "4 comments" in page  # two removed of six
