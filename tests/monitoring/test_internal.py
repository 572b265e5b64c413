"""The ministry view (/monitoring/internal): who may see it and its downloads, its figures
against the indicator functions and a hand-computed fixture, the list of proposals waiting for
an answer, and a constant number of statements.

"Now" is 1 July 2026, 12:00 UTC; the period is January to June 2026 (tests.monitoring.page_data).
"""

import csv
import io
import re
from datetime import UTC, date, datetime

import pytest

from app.core.models import ModerationState
from app.extensions import db
from app.monitoring import internal
from app.monitoring.filters import Filters
from app.monitoring.participation import registrations
from app.monitoring.periods import Period
from app.monitoring.responsiveness import ModerationFigures, moderation
from app.proposals.models import ProposalStatus
from app.regions.models import Region
from tests.conftest import log_in
from tests.factories import make_user, make_user_with_role
from tests.monitoring.builders import answer, appeal, at, confirmed_user, decision, report
from tests.monitoring.page_data import PERIOD, Tables, chart_table, grow, key_figure, populated
from tests.participation_builders import comment, proposal

NOW = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
FILTERS = Filters(Period(date(2026, 1, 1), date(2026, 6, 1)))
INTERNAL_CHARTS = [
    "internal-moderation-queue",
    "internal-moderation-oldest",
    "internal-moderation-decisions",
    "internal-moderation-hours",
    "internal-moderation-reasons",
    "internal-appeals",
    "internal-accounts",
    "internal-new-accounts-by-month",
    "internal-accounts-by-month",
]
EN = {"Accept-Language": "en"}


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW.replace(tzinfo=None)


@pytest.fixture
def world(app, now):
    return populated(moment=now)


def get(client, path="/monitoring/internal", **args):
    return client.get(path, query_string={**PERIOD, **args}, headers=EN)


def staff(client, role="coordinator", region=None):
    """A user of `role` who reads English, logged in on `client` (a regional role in the first
    model region unless `region` is given)."""
    if region is None and role in ("moderator", "coordinator"):
        region = db.session.scalar(db.select(Region).order_by(Region.position))
    user = make_user_with_role(role, region=region, locale="en")
    db.session.commit()
    log_in(client, user)
    return user


def name_of(region) -> str:
    return str(region.title("en"))


# --- Who may see it ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 302),
        ("participant", 403),
        ("moderator", 403),
        ("coordinator", 200),
        ("administrator", 200),
    ],
)
def test_only_coordinators_and_administrators_see_the_ministry_view(client, world, role, status):
    if role is not None:
        staff(client, role, region=world.regions[2])
    response = get(client)
    assert response.status_code == status
    if status == 302:
        assert "/account/login" in response.headers["Location"]
        assert "next=%2Fmonitoring%2Finternal" in response.headers["Location"]
    if status == 200:
        page = response.get_data(as_text=True)
        assert page.count("<h1") == 1
        assert "Ministry view" in page


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 302),
        ("participant", 403),
        ("moderator", 403),
        ("coordinator", 200),
        ("administrator", 200),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_downloads_of_the_ministry_view_follow_the_same_rule(client, world, role, status, fmt):
    if role is not None:
        staff(client, role, region=world.regions[0])
    for chart_id in INTERNAL_CHARTS:
        response = get(client, f"/monitoring/charts/{chart_id}.{fmt}")
        assert response.status_code == status, chart_id
        if status == 302:
            assert "/account/login" in response.headers["Location"]
        if status == 200:
            assert chart_id in response.headers["Content-Disposition"]
            assert response.headers["Content-Type"].startswith(
                "text/csv" if fmt == "csv" else "application/json"
            )


def test_the_charts_are_registered_as_not_public():
    from app.monitoring import dashboard

    for chart_id in INTERNAL_CHARTS:
        spec = dashboard.chart_spec(chart_id)
        assert spec is not None and spec.public is False, chart_id
    # The public charts stay public.
    assert dashboard.chart_spec("contributions").public is True


def test_the_public_dashboard_leaves_the_internal_charts_out(client, world):
    page = client.get("/monitoring/", query_string=PERIOD, headers=EN).get_data(as_text=True)
    for chart_id in INTERNAL_CHARTS:
        assert f"chart-{chart_id}" not in page
        assert f"/monitoring/charts/{chart_id}." not in page
    assert "Ministry view" not in page


def test_the_dashboard_links_the_ministry_view_for_those_who_may_see_it(client, world):
    anonymous = client.get("/monitoring/", query_string=PERIOD, headers=EN).get_data(as_text=True)
    assert "/monitoring/internal" not in anonymous
    staff(client, "moderator", region=world.regions[0])
    moderator = client.get("/monitoring/", query_string=PERIOD).get_data(as_text=True)
    assert "/monitoring/internal" not in moderator
    staff(client, "coordinator", region=world.regions[0])
    coordinator = client.get("/monitoring/", query_string=PERIOD).get_data(as_text=True)
    assert re.search(
        r'href="/monitoring/internal\?(?=[^"]*from=2026-01)(?=[^"]*to=2026-06)[^"]*"',
        coordinator,
    )
    assert "Ministry view (not public)" in coordinator


def test_the_administration_links_the_ministry_view(client, world):
    staff(client, "administrator")
    page = client.get("/admin/").get_data(as_text=True)
    assert 'href="/monitoring/internal"' in page


# --- Moderation ----------------------------------------------------------------------------------


@pytest.fixture
def moderated(world):
    """Moderation in the first region, by hand: two items waiting (the older since 28 June,
    72 hours before now), three decisions in the period with reasons, two reports, an appeal
    reversed and one open; plus a decision outside the period and one by the platform."""
    region = world.regions[0]
    target = world.consultations[region.id]
    moderator = make_user_with_role("moderator", region=region)
    author, reporter = world.users[0], world.users[1]
    item = proposal(target, author, created_at=at(2026, 3, 1))
    comment(item, author, moderation_state=ModerationState.PENDING, created_at=at(2026, 6, 28))
    comment(item, author, moderation_state=ModerationState.PENDING, created_at=at(2026, 6, 30))
    first = comment(item, author, created_at=at(2026, 3, 2, 10))
    second = comment(item, author, created_at=at(2026, 3, 3, 10))
    third = comment(item, author, created_at=at(2026, 3, 4, 10))
    hide_first = decision(first, moderator, at(2026, 3, 2, 12), "hide", "spam")  # 2 h
    hide_second = decision(second, moderator, at(2026, 3, 3, 16), "hide", "spam")  # 6 h
    decision(third, moderator, at(2026, 3, 4, 20), "reject", "insult", "pending", "rejected")
    decision(third, None, at(2026, 3, 4, 11), "auto_hide", "insult")  # the platform
    decision(item, moderator, at(2025, 12, 20), "hide", "off_topic")  # before the period
    report(first, reporter, at(2026, 3, 2, 11))
    report(second, reporter, at(2026, 3, 3, 11))
    appeal(hide_first, author, at(2026, 3, 5), outcome="reversed")
    appeal(hide_second, author, at(2026, 3, 6))
    db.session.commit()
    return region


def test_moderation_figures_by_hand(client, moderated):
    staff(client)
    page = get(client).get_data(as_text=True)
    name = name_of(moderated)
    assert chart_table(page, "internal-moderation-queue")[(name, "Waiting for review")] == "2"
    assert chart_table(page, "internal-moderation-oldest")[(name, "Days waiting")] == "3"
    decisions = chart_table(page, "internal-moderation-decisions")
    assert decisions[(name, "Decisions")] == "3"
    assert decisions[(name, "Reports")] == "2"
    # First decisions in the period after 2, 6 and 10 hours (the platform's hiding does not
    # count as a decision by a person).
    assert chart_table(page, "internal-moderation-hours")[(name, "Median hours")] == "6"
    reasons = chart_table(page, "internal-moderation-reasons")
    assert reasons[(name, "Spam or advertising")] == "2"
    assert reasons[(name, "Insult or hate")] == "1"
    assert (name, "Off-topic") not in reasons  # given only before the period
    appeals = chart_table(page, "internal-appeals")
    assert appeals[(name, "Appeals lodged")] == "2"
    assert appeals[(name, "Still open")] == "1"
    assert appeals[(name, "Decision reversed")] == "1"
    other = name_of(next(region for region in internal_regions() if region.id != moderated.id))
    assert chart_table(page, "internal-moderation-queue")[(other, "Waiting for review")] == "0"
    assert (
        chart_table(page, "internal-moderation-oldest")[(other, "Days waiting")] == "–not defined"
    )
    # Totals over the regions: counts of contributions and decisions, not of persons.
    assert key_figure(page, "queue").startswith("Waiting for review 2 ")
    assert key_figure(page, "oldest").startswith("Oldest waiting item 3 days ")
    assert key_figure(page, "decisions").startswith("Moderation decisions 3 ")


def internal_regions():
    from app.monitoring import dashboard

    return dashboard.all_regions()


def test_moderation_downloads_equal_the_indicator_function(client, moderated):
    staff(client)
    expected = moderation(FILTERS)
    regions = internal_regions()
    rows = {
        (row["category_key"], row["series_key"]): row["value"]
        for row in csv.DictReader(
            io.StringIO(get(client, "/monitoring/charts/internal-appeals.csv").get_data(True))
        )
    }
    decisions = get(client, "/monitoring/charts/internal-moderation-decisions.json").get_json()
    values = {
        series["key"]: [cell["value"] for cell in series["values"]]
        for series in decisions["series"]
    }
    assert [item["key"] for item in decisions["categories"]] == [r.slug for r in regions]
    for index, region in enumerate(regions):
        figures = expected.get(region.id, ModerationFigures())
        assert rows[(region.slug, "appeals")] == str(figures.appeals)
        assert rows[(region.slug, "appeals_open")] == str(figures.appeals_open)
        assert rows[(region.slug, "reversals")] == str(figures.reversals)
        assert values["decisions"][index] == figures.decisions
        assert values["reports"][index] == figures.reports


def test_the_field_filter_does_not_change_moderation(client, moderated, world):
    staff(client)
    plain = chart_table(get(client).get_data(as_text=True), "internal-moderation-decisions")
    narrowed = get(client, field=world.fields[1].id).get_data(as_text=True)
    assert chart_table(narrowed, "internal-moderation-decisions") == plain


# --- Accounts ------------------------------------------------------------------------------------


@pytest.fixture
def accounts(world):
    """Six accounts of the first region confirmed in March, two of the second in April (hidden:
    fewer than 5), five without a home region in May. Everyone else is confirmed now (July),
    after the period."""
    first, second = world.regions[:2]
    for _ in range(6):
        confirmed_user(at(2026, 3, 10), first)
    for _ in range(2):
        confirmed_user(at(2026, 4, 10), second)
    for _ in range(5):
        confirmed_user(at(2026, 5, 10), None)
    db.session.commit()
    return world


def test_accounts_by_hand_with_small_groups_hidden(client, accounts):
    staff(client)
    page = get(client).get_data(as_text=True)
    first, second, third = (name_of(region) for region in accounts.regions[:3])
    table = chart_table(page, "internal-accounts")
    assert table[(first, "Accounts at the end of the period")] == "6"
    assert table[(first, "New in the period")] == "6"
    assert table[(second, "Accounts at the end of the period")] == "fewer than 5"
    assert table[(second, "New in the period")] == "fewer than 5"
    assert table[(third, "New in the period")] == "0"
    assert table[("No home region given", "New in the period")] == "5"
    by_month = chart_table(page, "internal-new-accounts-by-month")
    assert by_month[("Feb 2026", first)] == "0"
    assert by_month[("Mar 2026", first)] == "6"
    assert by_month[("Apr 2026", first)] == "0"
    assert by_month[("Apr 2026", second)] == "fewer than 5"
    totals = chart_table(page, "internal-accounts-by-month")
    assert totals[("Jun 2026", first)] == "6"
    assert totals[("Jun 2026", second)] == "fewer than 5"
    # The hidden number appears nowhere: not in the chart, not in its downloads.
    chart = re.search(
        r'<figure class="chart" id="chart-internal-accounts">.*?</figure>', page, re.S
    )
    assert f"<title>{first}, Accounts at the end of the period: 6</title>" in chart.group(0)
    assert f"<title>{second}, " not in chart.group(0)  # no bar but "< 5"
    assert re.search(r"<tr>\s*<th scope=\"row\">" + re.escape(second), chart.group(0))
    data = get(client, "/monitoring/charts/internal-accounts.json").get_json()
    second_index = [item["key"] for item in data["categories"]].index(accounts.regions[1].slug)
    for series in data["series"]:
        assert series["values"][second_index] == {"value": None, "suppressed": True}
    assert "fewer than 5" in page


def test_accounts_equal_the_indicator_function(client, accounts):
    staff(client)
    expected = registrations(FILTERS, by_month=False)
    rows = list(
        csv.DictReader(
            io.StringIO(get(client, "/monitoring/charts/internal-accounts.csv").get_data(True))
        )
    )
    by_key = {(row["category_key"], row["series_key"]): row for row in rows}
    for region in internal_regions():
        figures = expected.get((region.id,))
        for series in ("registered", "new"):
            row = by_key[(region.slug, series)]
            cell = getattr(figures, series) if figures else None
            if cell is None:
                assert row["value"] == "0"
            elif cell.suppressed:
                assert (row["value"], row["suppressed"]) == ("", "true")
            else:
                assert (row["value"], row["suppressed"]) == (str(cell.value), "false")


# --- Proposals waiting for an answer -------------------------------------------------------------


@pytest.fixture
def waiting(world):
    """Threshold 3 in the first region: the world's proposal (5 votes) and two of ours wait;
    one under the threshold, one answered, one hidden, one pending, one withdrawn do not.
    Twelve more wait in the second region (threshold 6: the world's proposal there, with 5
    votes, does not)."""
    first, second = world.regions[:2]
    target = world.consultations[first.id]
    target.answer_threshold = 3
    author = world.users[0]
    made = {
        "old": proposal(
            target,
            author,
            "Mehr Bänke am Marktplatz",
            votes_for=3,
            field_of_action=world.fields[1],
            created_at=at(2025, 11, 5),
        ),
        "recent": proposal(target, author, "Spielplatz sanieren", votes_for=8, language="tr"),
        "few": proposal(target, author, "Zu wenige Stimmen", votes_for=2),
        "hidden": proposal(
            target, author, "Versteckt", votes_for=9, moderation_state=ModerationState.HIDDEN
        ),
        "pending": proposal(
            target, author, "Wartet", votes_for=9, moderation_state=ModerationState.PENDING
        ),
        "withdrawn": proposal(
            target, author, "Zurückgezogen", votes_for=9, status=ProposalStatus.WITHDRAWN
        ),
    }
    made["answered"] = proposal(target, author, "Schon beantwortet", votes_for=9)
    answer(made["answered"], at(2026, 6, 1))
    other = world.consultations[second.id]
    other.answer_threshold = 6
    made["many"] = [
        proposal(other, author, f"Antrag {number:02d}", votes_for=6, created_at=at(2026, 5, number))
        for number in range(1, 13)
    ]
    db.session.commit()
    return made


def waiting_list(page: str, region) -> str:
    start = rf'<li class="waiting-list" id="waiting-{region.slug}">'
    match = re.search(start + r'(.*?)</li>\s*(?=<li class="waiting-list"|</ul>)', page, re.S)
    assert match, region.slug
    return match.group(1)


def test_waiting_proposals_are_listed_per_region(client, world, waiting):
    staff(client)
    page = get(client).get_data(as_text=True)
    first, second = world.regions[:2]
    listed = waiting_list(page, first)
    assert f"{name_of(first)}</span>: 3 proposals" in listed
    titles = re.findall(r'<a href="/consultations/\d+/proposals/(\d+)"[^>]*>([^<]+)</a>', listed)
    assert titles[0][1] == "Mehr Bänke am Marktplatz"  # oldest first
    assert {title for _id, title in titles} >= {"Mehr Bänke am Marktplatz", "Spielplatz sanieren"}
    for left_out in ("Zu wenige Stimmen", "Versteckt", "Wartet", "Zurückgezogen", "Schon beant"):
        assert left_out not in page
    item = waiting["recent"]
    assert (
        f'<a href="/consultations/{item.consultation_id}/proposals/{item.id}" lang="tr" dir="auto">'
        in listed
    )
    assert "8 votes (answer threshold: 3)" in listed
    # The number is the public figure "over-threshold"; the list is bounded.
    many = waiting_list(page, second)
    assert f"{name_of(second)}</span>: 12 proposals" in many
    assert len(re.findall(r"<li>", many)) == internal.LIST_LIMIT
    assert "Antrag 01" in many and "Antrag 10" in many and "Antrag 11" not in many
    assert "and 2 more" in many
    public = client.get("/monitoring/", query_string=PERIOD, headers=EN).get_data(as_text=True)
    over = chart_table(public, "over-threshold")
    assert over[(name_of(first), "Unanswered over the threshold")] == "3"
    assert over[(name_of(second), "Unanswered over the threshold")] == "12"
    quiet = waiting_list(page, world.regions[3])
    assert ": 0 proposals" in quiet and "None." in quiet


def test_waiting_proposals_follow_the_field_filter(client, world, waiting):
    staff(client)
    page = get(client, field=world.fields[1].id).get_data(as_text=True)
    listed = waiting_list(page, world.regions[0])
    assert ": 1 proposal<" in listed
    assert "Mehr Bänke am Marktplatz" in listed
    assert "Spielplatz sanieren" not in listed


def test_waiting_proposals_one_statement_with_a_limit(app, world, waiting, count_queries):
    with app.test_request_context(), count_queries() as counter:
        listed = internal.waiting_proposals(FILTERS, limit=4)
    assert len(counter) == 1
    first, second = world.regions[:2]
    assert [item.title for item in listed[second.id]] == [f"Antrag {n:02d}" for n in range(1, 5)]
    assert listed[first.id][0].title == "Mehr Bänke am Marktplatz"
    assert listed[first.id][0].threshold == 3
    assert len(listed[first.id]) == 3


# --- Links and shape -----------------------------------------------------------------------------


def test_each_region_links_its_report_with_the_filters(client, world):
    staff(client)
    page = get(client, field=world.fields[0].id).get_data(as_text=True)
    for region in internal_regions():
        assert re.search(
            rf'href="/monitoring/regions/{region.slug}/report\?(?=[^"]*from=2026-01)'
            rf'(?=[^"]*to=2026-06)(?=[^"]*field={world.fields[0].id})[^"]*"',
            page,
        ), region.slug
    # Downloads keep the filters too.
    assert re.search(
        r'href="/monitoring/charts/internal-accounts\.csv\?(?=[^"]*from=2026-01)[^"]*"', page
    )


def test_every_region_is_shown_model_regions_first(client, world):
    staff(client)
    page = get(client).get_data(as_text=True)
    rows = Tables(page).tables["chart-internal-moderation-queue-table-caption"][1:]
    assert [row[0] for row in rows] == [
        *(name_of(region) for region in world.regions),
        name_of(world.kompetenzkreis),
    ]


def test_hostile_filters_give_the_defaults(client, world):
    staff(client)
    for args in ({"from": "2026-13"}, {"from": "2026-05", "to": "2026-02"}, {"field": "1 OR 1"}):
        response = client.get("/monitoring/internal", query_string=args, headers=EN)
        assert response.status_code == 200, args


def test_the_page_runs_a_constant_number_of_statements(client, world, waiting, count_queries):
    # (With no account confirmed before the period's end, the accounts need one statement less.)
    confirmed_user(at(2026, 1, 20), world.regions[0])
    staff(client)
    get(client)  # warm up (first request of the app)
    with count_queries() as small:
        assert get(client).status_code == 200
    grow(world, scale=3)
    target = world.consultations[world.regions[2].id]
    target.answer_threshold = 1
    for number in range(15):
        proposal(target, world.users[0], f"Weitere {number}", votes_for=2)
        confirmed_user(at(2026, 2, 1 + number), world.regions[number % 6])
    db.session.commit()
    with count_queries() as large:
        assert get(client).status_code == 200
    assert len(large) == len(small)


def test_a_platform_without_anything_shows_zeros(client, now):
    user = make_user(is_administrator=True, locale="en")
    db.session.commit()
    log_in(client, user)
    page = get(client).get_data(as_text=True)
    assert key_figure(page, "queue").startswith("Waiting for review 0 ")
    assert "no value" in key_figure(page, "oldest")
