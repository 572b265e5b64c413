"""/api/v1/indicators: the monitoring's public participation figures per region and Berlin
month, counted by hand; active persons from 1 to 4 withheld with every figure that would reveal
them, exactly as the pages withhold them; filters by region, field of action and period; bad
parameters as problems; a fixed number of statements however much data there is.

"Now" is 15 July 2026.
"""

from datetime import UTC, datetime

import pytest

from app.consultations.models import ConsultationState
from app.core.models import ModerationState
from app.extensions import db
from app.monitoring import participation
from app.monitoring.filters import Filters
from app.monitoring.periods import Period, parse_month
from app.regions.models import Region, RegionKind
from tests.factories import make_field_of_action, make_region, make_user
from tests.organisation_builders import on_site_event, organisation
from tests.participation_builders import comment, consultation, proposal, vote

API = "/api/v1/indicators"
NOW = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)
PERIOD = "?from_month=2026-03&to_month=2026-05"
MARCH, MAY = datetime(2026, 3, 10, 12, 0), datetime(2026, 5, 5, 12, 0)
NOTHING = {
    "proposals": 0,
    "comments": 0,
    "statements": 0,
    "votes": 0,
    "on_site": 0,
    "on_behalf": 0,
    "active_persons": 0,
    "active_persons_suppressed": False,
}


@pytest.fixture
def world(app, time_machine):
    """alpha: in March six people write (one on behalf of an organisation; two of the proposals
    in the field "language"), two comment, three vote, the coordination enters one proposal
    collected on site; in May five others write. beta: two people in May (withheld). kreis:
    nothing. Not counted: a hidden proposal, one in a draft consultation."""
    time_machine.move_to(NOW, tick=False)
    alpha, beta = make_region("alpha"), make_region("beta")
    make_region("kreis", kind=RegionKind.KOMPETENZKREIS)
    language = make_field_of_action("language")
    in_alpha, in_beta = consultation(alpha, "discussion"), consultation(beta, "discussion")
    draft = consultation(alpha, state=ConsultationState.DRAFT)
    club = organisation(alpha, name="Nachbarschaftsverein e. V.")
    people = [make_user(email=f"person{n}@example.org") for n in range(6)]
    written = [proposal(in_alpha, person, created_at=MARCH) for person in people]
    written[0].organisation_id = club.id
    written[0].field_of_action_id = written[1].field_of_action_id = language.id
    comment(written[1], people[2], created_at=MARCH)
    comment(written[1], people[3], created_at=MARCH)
    for person in people[:3]:
        vote(written[4], person).created_at = MARCH
    coordinator = make_user()
    event = on_site_event(in_alpha, coordinator, name="Forum Nord")
    proposal(in_alpha, coordinator, created_at=MARCH).on_site_event_id = event.id
    proposal(in_alpha, people[5], moderation_state=ModerationState.HIDDEN, created_at=MARCH)
    proposal(draft, people[5], created_at=MARCH)
    for _ in range(5):
        proposal(in_alpha, make_user(), created_at=MAY)
    pair = [make_user(), make_user()]
    voted = proposal(in_beta, pair[0], created_at=MAY)
    for person in pair:
        vote(voted, person).created_at = MAY
    db.session.commit()


def fetch(client, arguments: str = PERIOD) -> dict:
    response = client.get(f"{API}{arguments}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def region_of(body: dict, slug: str) -> dict:
    return next(item for item in body["regions"] if item["region"] == slug)


def month_of(figures: dict, month: str) -> dict:
    return next(item for item in figures["months"] if item["month"] == month)


def test_figures_per_region_and_month_counted_by_hand(client, world):
    body = fetch(client)
    assert body["period"] == {"from_month": "2026-03", "to_month": "2026-05"}
    assert body["field_of_action"] is None
    assert [item["region"] for item in body["regions"]] == ["alpha", "beta", "kreis"]
    alpha = region_of(body, "alpha")
    assert [item["month"] for item in alpha["months"]] == ["2026-03", "2026-04", "2026-05"]
    assert month_of(alpha, "2026-03") == {
        "month": "2026-03",
        "proposals": 7,  # six online, one collected on site; not the hidden or the draft's
        "comments": 2,
        "statements": 0,
        "votes": 3,
        "on_site": 1,
        "on_behalf": 1,
        "active_persons": 6,  # the coordinator who entered the on-site one is no participant
        "active_persons_suppressed": False,
    }
    assert month_of(alpha, "2026-04") == {"month": "2026-04", **NOTHING}
    assert month_of(region_of(body, "kreis"), "2026-05") == {"month": "2026-05", **NOTHING}
    assert alpha["period"]["proposals"] == 12
    assert body["all_regions"]["period"]["proposals"] == 13
    assert body["all_regions"]["period"]["votes"] == 5
    assert body["dashboard"].endswith("/monitoring/?from=2026-03&to=2026-05")


def test_small_groups_are_withheld_with_what_would_reveal_them(client, world):
    body = fetch(client)
    beta, alpha = region_of(body, "beta"), region_of(body, "alpha")
    may = month_of(beta, "2026-05")
    assert (may["proposals"], may["votes"]) == (1, 2)  # counts of contributions stay
    assert (may["active_persons"], may["active_persons_suppressed"]) == (None, True)
    assert (beta["period"]["active_persons"], beta["period"]["active_persons_suppressed"]) == (
        None,
        True,
    )
    # May for all regions minus alpha's May would be beta's two: one of them is withheld too.
    everyone_may = month_of(body["all_regions"], "2026-05")
    assert (
        everyone_may["active_persons_suppressed"]
        or month_of(alpha, "2026-05")["active_persons_suppressed"]
    )
    # Withheld figures carry no value anywhere.
    figures = [
        body["all_regions"]["period"],
        *body["all_regions"]["months"],
        *[item["period"] for item in body["regions"]],
        *[month for item in body["regions"] for month in item["months"]],
    ]
    assert all(f["active_persons"] is None for f in figures if f["active_persons_suppressed"])
    assert all(
        f["active_persons"] is not None for f in figures if not f["active_persons_suppressed"]
    )


def test_every_active_person_figure_is_the_pages_own(client, world):
    """The pages take every active-person figure from one suppressed table; so does the API."""
    body = fetch(client)
    table = participation.active_persons(
        Filters(Period(parse_month("2026-03"), parse_month("2026-05")))
    )
    regions = {item["region"]: item for item in body["regions"]}
    for region in db.session.scalars(db.select(Region)):
        published = regions[region.slug]
        expected = table.row_totals.get(region.id)
        if expected is not None:
            assert published["period"]["active_persons"] == expected.value
            assert published["period"]["active_persons_suppressed"] == expected.suppressed
        for month in published["months"]:
            cell = table.cells.get((region.id, month["month"]))
            if cell is not None:
                assert (month["active_persons"], month["active_persons_suppressed"]) == (
                    cell.value,
                    cell.suppressed,
                )
    for month in body["all_regions"]["months"]:
        cell = table.column_totals[month["month"]]
        assert (month["active_persons"], month["active_persons_suppressed"]) == (
            cell.value,
            cell.suppressed,
        )
    grand = table.grand_total
    assert body["all_regions"]["period"]["active_persons"] == grand.value


def test_the_monitoring_page_hides_the_same_small_group(client, world):
    page = client.get("/monitoring/regions/beta?from=2026-03&to=2026-05").get_data(as_text=True)
    assert "fewer than 5" in page or "weniger als 5" in page
    assert region_of(fetch(client, PERIOD + "&region=beta"), "beta")["period"][
        "active_persons_suppressed"
    ]


def test_one_region(client, world):
    whole, one = fetch(client), fetch(client, PERIOD + "&region=beta")
    assert [item["region"] for item in one["regions"]] == ["beta"]
    assert one["regions"][0] == region_of(whole, "beta")
    assert one["all_regions"] == whole["all_regions"]
    assert one["dashboard"].endswith("/monitoring/regions/beta?from=2026-03&to=2026-05")


def test_one_field_of_action(client, world):
    body = fetch(client, PERIOD + "&field=language")
    assert body["field_of_action"] == "language"
    march = month_of(region_of(body, "alpha"), "2026-03")
    # Two proposals of the field and the two comments on one of them; votes were on another.
    assert (march["proposals"], march["comments"], march["votes"], march["on_behalf"]) == (
        2,
        2,
        0,
        1,
    )
    assert (march["active_persons"], march["active_persons_suppressed"]) == (None, True)


def test_the_last_twelve_months_by_default(client, world):
    body = fetch(client, "")
    assert body["period"] == {"from_month": "2025-08", "to_month": "2026-07"}
    assert len(body["all_regions"]["months"]) == 12


def test_one_end_of_the_period_keeps_the_other_default(client, world):
    assert fetch(client, "?from_month=2026-05")["period"] == {
        "from_month": "2026-05",
        "to_month": "2026-07",
    }


@pytest.mark.parametrize(
    "arguments",
    [
        "?from_month=2026-05&to_month=2026-03",  # reversed
        "?from_month=2023-01&to_month=2026-01",  # 37 months
    ],
)
def test_a_period_the_pages_cannot_show_gives_their_default(client, world, arguments):
    assert fetch(client, arguments)["period"] == {"from_month": "2025-08", "to_month": "2026-07"}


def test_slugs_of_nothing_give_nothing(client, world):
    nowhere = fetch(client, PERIOD + "&region=nowhere")
    assert nowhere["regions"] == []
    assert nowhere["dashboard"].endswith("/monitoring/?from=2026-03&to=2026-05")
    no_field = fetch(client, PERIOD + "&field=nothing")
    assert no_field["field_of_action"] == "nothing"
    assert no_field["all_regions"]["period"] == NOTHING


@pytest.mark.parametrize(
    ("arguments", "parameter"),
    [
        ("?from_month=2026-13", "from_month"),
        ("?from_month=26-01", "from_month"),
        ("?to_month=1999-12", "to_month"),
        ("?to_month=2026-7", "to_month"),
        ("?region=" + "x" * 61, "region"),
    ],
)
def test_bad_parameters_are_problems(client, world, arguments, parameter):
    response = client.get(f"{API}{arguments}")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert [error["parameter"] for error in response.get_json()["errors"]] == [parameter]


def test_no_personal_data(client, world):
    text = client.get(f"{API}{PERIOD}").get_data(as_text=True)
    assert "@example.org" not in text


def test_the_same_statements_for_little_and_much_data(client, world, count_queries):
    client.get(f"{API}{PERIOD}")
    with count_queries() as little:
        fetch(client)
    for month in (3, 4, 5):
        region = make_region()
        running = consultation(region, "discussion")
        for _ in range(6):
            person = make_user()
            written = proposal(running, person, created_at=datetime(2026, month, 2, 12, 0))
            comment(written, person, created_at=datetime(2026, month, 3, 12, 0))
            vote(written, person).created_at = datetime(2026, month, 4, 12, 0)
    db.session.commit()
    with count_queries() as much:
        body = fetch(client)
    assert body["all_regions"]["period"]["proposals"] == 13 + 18
    assert len(much) == len(little)
