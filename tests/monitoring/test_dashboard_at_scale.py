"""The dashboard and a region view run the same number of SQL statements with a handful of
contributions as with 100,000 proposals and 500,000 comments (the scale the monitoring is
designed for; timings belong to the benchmarks, not here)."""

from datetime import datetime

from app.extensions import db
from tests.monitoring.page_data import PERIOD, key_figure, populate
from tests.monitoring.scale import add_proposals_and_comments

PROPOSALS = 100_002  # a multiple of the six consultations, so comments stay in their region
COMMENTS = 500_000
PATHS = ("/monitoring/", "/monitoring/regions/model-0")


def render(client, count_queries, path: str) -> tuple[list[str], str]:
    with count_queries() as counter:
        response = client.get(path, query_string=PERIOD, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    return counter.statements, response.get_data(as_text=True)


def contributions_shown(page: str) -> int:
    return int("".join(ch for ch in key_figure(page, "contributions") if ch.isdigit()))


def test_statements_do_not_grow_with_a_hundred_thousand_proposals(client, count_queries):
    world = populate(scale=1)
    db.session.commit()
    client.get(PATHS[0])  # the first request of a client may do more (session, shuffle seed)
    small = {path: render(client, count_queries, path) for path in PATHS}

    add_proposals_and_comments(
        consultation_ids=[world.consultations[region.id].id for region in world.regions],
        author_ids=[user.id for user in world.users],
        proposals=PROPOSALS,
        comments=COMMENTS,
        until=datetime(2026, 6, 30, 12, 0),
        spread_minutes=150 * 24 * 60,  # within the period (January to June 2026)
    )
    large = {path: render(client, count_queries, path) for path in PATHS}

    for path in PATHS:
        assert len(large[path][0]) == len(small[path][0]), path
    # The rows are really counted, not skipped.
    added = contributions_shown(large[PATHS[0]][1]) - contributions_shown(small[PATHS[0]][1])
    assert added == PROPOSALS + COMMENTS
