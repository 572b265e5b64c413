"""The open-data dataset `participation-by-region-month`: the monitoring's public figures per
region and Berlin month over the last 24 months, against a hand-made fixture, with active
persons below 5 left empty and flagged.

"Now" is 15 July 2026, so the months run from August 2024 to July 2026.
"""

import csv
import io
from datetime import UTC, datetime

import pytest

from app.core.models import ModerationState
from app.extensions import db
from app.opendata import datasets
from app.regions.models import RegionKind
from tests.factories import make_region, make_user
from tests.organisation_builders import on_site_event, organisation, statement
from tests.participation_builders import comment, consultation, proposal, vote

NAME = "participation-by-region-month"
NOW = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)
COLUMNS = [
    "region_slug",
    "month",
    "proposals",
    "comments",
    "statements",
    "votes",
    "on_site",
    "on_behalf",
    "active_persons",
    "active_persons_suppressed",
]
MONTHS = [f"{2024 + (7 + i) // 12}-{(7 + i) % 12 + 1:02d}" for i in range(24)]


def zero(slug: str, month: str) -> dict:
    return {
        "region_slug": slug,
        "month": month,
        **dict.fromkeys(COLUMNS[2:9], 0),
        "active_persons_suppressed": False,
    }


@pytest.fixture
def fixture(app, time_machine):
    """alpha: six people write in March 2026 (one on behalf of an organisation), two comment,
    three vote, the coordination enters one contribution collected on site; in April only the
    organisation's statement (one person: hidden). A hidden proposal and a vote from before the
    24 months do not count; a proposal at 00:30 on 1 June Berlin time counts in June.
    beta: two people in May (hidden). kreis (Kompetenzkreis): nothing."""
    time_machine.move_to(NOW, tick=False)
    alpha, beta = make_region("alpha"), make_region("beta")
    kreis = make_region("kreis", kind=RegionKind.KOMPETENZKREIS)
    in_alpha, in_beta = consultation(alpha, "discussion"), consultation(beta, "discussion")
    club = organisation(alpha, name="Nachbarschaftsverein e. V.")
    people = [make_user() for _ in range(6)]
    march = datetime(2026, 3, 10, 12, 0)
    written = [proposal(in_alpha, person, created_at=march) for person in people]
    written[0].organisation_id = club.id
    comment(written[1], people[2], created_at=march)
    comment(written[1], people[3], created_at=march)
    for person in people[:3]:
        vote(written[4], person).created_at = march
    coordinator = make_user()
    event = on_site_event(in_alpha, coordinator, name="Forum Nord")
    on_site = proposal(in_alpha, coordinator, created_at=march)
    on_site.on_site_event_id = event.id
    proposal(
        in_alpha,
        people[5],
        moderation_state=ModerationState.HIDDEN,
        created_at=datetime(2026, 6, 20, 12, 0),
    )
    vote(written[5], people[0]).created_at = datetime(2024, 7, 20, 12, 0)  # too long ago
    # 22:30 UTC on 31 May is 00:30 on 1 June in Berlin.
    proposal(in_alpha, people[1], created_at=datetime(2026, 5, 31, 22, 30))
    item = statement(in_alpha, club, people[0])
    item.created_at = datetime(2026, 4, 2, 9, 0)
    pair = [make_user(), make_user()]
    voted = proposal(in_beta, pair[0], created_at=datetime(2026, 5, 2, 12, 0))
    for person in pair:
        vote(voted, person).created_at = datetime(2026, 5, 3, 12, 0)
    db.session.commit()
    return {"alpha": alpha, "beta": beta, "kreis": kreis}


def test_the_dataset_is_registered_with_stable_columns():
    dataset = datasets.get(NAME)
    assert dataset is not None
    assert dataset.column_names == COLUMNS
    assert {column.name: column.type for column in dataset.columns}[
        "active_persons_suppressed"
    ] == (datasets.ColumnType.BOOLEAN)


def test_rows_for_every_region_and_month_by_hand(fixture):
    rows = list(datasets.get(NAME).rows())
    assert len(rows) == 3 * 24
    assert [row["region_slug"] for row in rows[::24]] == ["alpha", "beta", "kreis"]
    assert [row["month"] for row in rows[:24]] == MONTHS
    by_key = {(row["region_slug"], row["month"]): row for row in rows}
    assert by_key[("alpha", "2026-03")] == {
        "region_slug": "alpha",
        "month": "2026-03",
        "proposals": 7,  # six online, one collected on site
        "comments": 2,
        "statements": 0,
        "votes": 3,
        "on_site": 1,
        "on_behalf": 1,
        "active_persons": 6,  # the coordinator who entered the on-site one is no participant
        "active_persons_suppressed": False,
    }
    assert by_key[("alpha", "2026-04")] == {
        **zero("alpha", "2026-04"),
        "statements": 1,
        "on_behalf": 1,
        "active_persons": None,
        "active_persons_suppressed": True,
    }
    assert by_key[("alpha", "2026-05")] == zero("alpha", "2026-05")
    assert by_key[("alpha", "2026-06")] == {
        **zero("alpha", "2026-06"),
        "proposals": 1,
        "active_persons": None,
        "active_persons_suppressed": True,
    }
    assert by_key[("beta", "2026-05")] == {
        **zero("beta", "2026-05"),
        "proposals": 1,
        "votes": 2,
        "active_persons": None,
        "active_persons_suppressed": True,
    }
    # Everything else is zero: nothing before August 2024, nothing in the Kompetenzkreis.
    special = {("alpha", m) for m in ("2026-03", "2026-04", "2026-06")} | {("beta", "2026-05")}
    for key, row in by_key.items():
        if key not in special:
            assert row == zero(*key), key
    assert ("alpha", "2024-07") not in by_key


def test_csv_and_json_leave_hidden_counts_empty(client, fixture):
    response = client.get(f"/open-data/{NAME}.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert f"mitreden-{NAME}-2026-07-15.csv" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    rows = {(row["region_slug"], row["month"]): row for row in csv.DictReader(io.StringIO(text))}
    assert "beta,2026-05,1,0,0,2,0,0,,true" in text.splitlines()
    assert rows[("alpha", "2026-03")]["active_persons"] == "6"
    assert rows[("alpha", "2026-03")]["active_persons_suppressed"] == "false"
    assert rows[("kreis", "2026-07")]["active_persons"] == "0"

    document = client.get(f"/open-data/{NAME}.json").get_json()
    assert document["dataset"] == NAME
    assert document["columns"] == COLUMNS
    json_rows = {(row["region_slug"], row["month"]): row for row in document["rows"]}
    assert json_rows[("beta", "2026-05")]["active_persons"] is None
    assert json_rows[("beta", "2026-05")]["active_persons_suppressed"] is True
    assert json_rows[("alpha", "2026-03")]["active_persons"] == 6
    assert len(document["rows"]) == 72


def test_the_dataset_runs_a_fixed_number_of_statements(app, fixture, count_queries):
    dataset = datasets.get(NAME)
    with app.test_request_context(), count_queries() as small:
        list(dataset.rows())
    beta = fixture["beta"]
    target = consultation(beta, "discussion")
    for _ in range(10):
        proposal(target, make_user(), created_at=datetime(2026, 2, 2, 12, 0))
    db.session.commit()
    with app.test_request_context(), count_queries() as large:
        rows = list(dataset.rows())
    # The figures, the four active-person groupings (one suppressed table) and the regions.
    assert len(large) == len(small) == 6
    february = next(
        row for row in rows if row["region_slug"] == "beta" and row["month"] == "2026-02"
    )
    assert (february["proposals"], february["active_persons"]) == (10, 10)


def test_last_changed_is_the_latest_published_contribution_or_vote(app, fixture):
    # The hidden proposal of 20 June is later but does not count.
    assert datasets.get(NAME).last_changed() == datetime(2026, 5, 31, 22, 30)


def test_the_open_data_page_describes_it(client, fixture):
    page = client.get("/open-data/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f'id="dataset-{NAME}"' in page
    assert "Participation per region and month" in page
    assert "active_<wbr>persons_<wbr>suppressed" in page
    assert f'href="/open-data/{NAME}.csv"' in page
