"""The proposal list runs a fixed number of SQL statements, whether it holds 5 or 10,000."""

from datetime import timedelta

import pytest
from sqlalchemy import insert

from app.consultations.models import Consultation, Phase
from app.core.clock import utcnow_naive
from app.core.models import Contribution
from app.extensions import db
from app.proposals.models import Proposal
from tests.conftest import log_in
from tests.factories import make_field_of_action, make_region, make_user


def consultation_with_proposals(count: int) -> tuple[Consultation, object]:
    now = utcnow_naive()
    region = make_region()
    field = make_field_of_action()
    region.fields_of_action = [field]
    consultation = Consultation(region=region, title={"de": "Groß"}, state="published")
    consultation.phases = [
        Phase(
            kind="information", starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=5)
        ),
        Phase(kind="voting", starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=5)),
    ]
    db.session.add(consultation)
    authors = [make_user() for _ in range(20)]
    db.session.flush()
    # Core inserts: an ORM loop over 10,000 objects would make the test slow, not better.
    first_id = 1_000_000
    rows = range(first_id, first_id + count)
    db.session.execute(
        insert(Contribution.__table__),
        [
            {
                "id": number,
                "kind": "proposal",
                "consultation_id": consultation.id,
                "author_id": authors[number % 20].id,
                "body": f"Text des Vorschlags {number}",
                "language": ("de", "tr", "ar", "ru")[number % 4],
                "moderation_state": "published",
                "created_at": now - timedelta(minutes=number - first_id),
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
                "field_of_action_id": field.id if number % 2 else None,
                "status": "submitted",
                "votes_for": number % 37,
                "votes_against": 0,
                "comment_count": number % 11,
                "search_text": f"vorschlag {number}",
            }
            for number in rows
        ],
    )
    db.session.commit()
    return consultation, field


def statements_for(client, count_queries, url: str) -> int:
    client.get(url)  # warm: the session cookie and its shuffle seed exist afterwards
    with count_queries() as counted:
        response = client.get(url)
    assert response.status_code == 200
    return len(counted)


@pytest.mark.parametrize(
    "arguments",
    ["", "?sort=newest&page=3", "?sort=most_supported&field={field}", "?language=tr&answered=no"],
)
def test_list_pages_cost_the_same_at_5_and_10000_proposals(app, client, count_queries, arguments):
    # Fewer than a page: an N+1 query per shown proposal would make the counts differ.
    small, small_field = consultation_with_proposals(5)
    voter = make_user()
    db.session.commit()
    log_in(client, voter)
    small_count = statements_for(
        client,
        count_queries,
        f"/consultations/{small.id}"
        + arguments.format(field=small_field.slug).replace("page=3", "page=1"),
    )

    db.session.execute(Proposal.__table__.delete())
    db.session.execute(Contribution.__table__.delete())
    db.session.commit()
    large, large_field = consultation_with_proposals(10_000)
    large_count = statements_for(
        client,
        count_queries,
        f"/consultations/{large.id}" + arguments.format(field=large_field.slug),
    )
    assert large_count == small_count
