"""Request tests for the monitoring pages: the dashboard and the region view."""

import re
from datetime import datetime

import pytest
from flask import current_app

from app.core.models import ModerationState
from app.extensions import db
from app.monitoring.periods import Period, month_key
from app.proposals.models import ProposalStatus
from tests.conftest import without_csrf_tokens
from tests.factories import make_region, make_user
from tests.monitoring.page_data import (
    PERIOD,
    add_statement,
    chart_table,
    context_figure,
    key_figure,
    populated,
    profiles,
)
from tests.organisation_builders import translation
from tests.participation_builders import comment, consultation, proposal, vote

EN = {"Accept-Language": "en"}


def get(client, path, language="en", **args):
    response = client.get(path, query_string=args, headers={"Accept-Language": language})
    return response


@pytest.fixture
def world():
    return populated()


def region_path(region) -> str:
    return f"/monitoring/regions/{region.slug}"


# --- The pages in every direction ----------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_dashboard_answers_in_each_language(client, world, language):
    response = get(client, "/monitoring/", language, **PERIOD)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<html lang="{language}"' in page
    assert page.count("<h1") == 1
    # Each model region appears in the charts side by side, in position order.
    rows = [label for label, _series in chart_table(page, "contributions")]
    names = [str(region.title(language)) for region in world.regions]
    assert list(dict.fromkeys(rows)) == names


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_region_page_answers_in_each_language(client, world, language):
    region = world.regions[0]
    response = get(client, region_path(region), language, **PERIOD)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert str(region.title(language)) in page
    assert 'id="chart-region-activity-by-month"' in page


def test_an_unknown_region_is_not_found(client, world):
    assert get(client, "/monitoring/regions/atlantis").status_code == 404


def test_navigation_marks_the_monitoring_pages(client, world):
    page = get(client, "/monitoring/").get_data(as_text=True)
    assert re.search(r'<a href="/monitoring/" aria-current="page">Monitoring</a>', page)
    other = get(client, "/regions/").get_data(as_text=True)
    assert '<a href="/monitoring/">Monitoring</a>' in other


def test_region_page_of_the_regions_area_links_its_figures(client, world):
    region = world.regions[1]
    page = get(client, f"/regions/{region.slug}").get_data(as_text=True)
    assert f'href="{region_path(region)}"' in page
    assert "Figures for this region" in page


# --- Figures -------------------------------------------------------------------------------------


def test_dashboard_shows_the_counted_figures_per_region(client, world):
    page = get(client, "/monitoring/", **PERIOD).get_data(as_text=True)
    table = chart_table(page, "contributions")
    first, second = (str(region.title("en")) for region in world.regions[:2])
    # First region: its proposal + the archived consultation's + the on-site one; 3 comments.
    assert table[(first, "Proposals")] == "3"
    assert table[(first, "Comments")] == "3"
    assert table[(second, "Proposals")] == "1"
    assert table[(second, "Comments")] == "3"
    votes = chart_table(page, "votes")
    assert votes[(first, "Votes")] == "6"
    assert votes[(second, "Votes")] == "5"
    # The on-site proposal is written by the coordination: on site, not online.
    on_site = chart_table(page, "online-on-site")
    assert on_site[(first, "On site")] == "1"
    assert on_site[(first, "Online")] == "5"


def test_kompetenzkreis_is_listed_but_not_compared(client, world):
    page = get(client, "/monitoring/", **PERIOD).get_data(as_text=True)
    kreis = world.kompetenzkreis
    labels = {label for label, _series in chart_table(page, "contributions")}
    assert str(kreis.title("en")) not in labels
    assert re.search(rf'href="/monitoring/regions/{kreis.slug}\?[^"]*"', page)
    # Its contributions are in the total of all regions (4 + 3 per place, plus the archived
    # consultation's and the on-site proposal).
    assert "30" in key_figure(page, "contributions")


def test_key_figures_sum_up_all_regions(client, world):
    page = get(client, "/monitoring/", **PERIOD).get_data(as_text=True)
    # 7 places x (1 proposal + 3 comments) + archived + on-site proposal.
    assert key_figure(page, "contributions").startswith("Contributions 30 ")
    assert key_figure(page, "votes").startswith("Votes 36 ")
    assert "Active persons" in key_figure(page, "active-persons")


def test_region_page_figures_and_consultation_table(client, world):
    region = world.regions[0]
    page = get(client, region_path(region), **PERIOD).get_data(as_text=True)
    assert key_figure(page, "contributions").startswith("Contributions 6 ")
    assert key_figure(page, "votes").startswith("Votes 6 ")
    tables = re.search(r'<table class="table monitoring-table">.*?</table>', page, re.DOTALL)
    consultations = tables.group(0)
    current = world.consultations[region.id]
    assert f'href="/consultations/{current.id}"' in consultations
    assert f'href="/consultations/{world.archived.id}"' in consultations
    assert f"/consultations/{world.draft.id}" not in page
    by_month = chart_table(page, "region-activity-by-month")
    assert by_month[("Jan 2026", "Proposals")] == "0"
    assert by_month[("Feb 2026", "Proposals")] == "2"  # its own and the archived one
    assert by_month[("Mar 2026", "Proposals")] == "1"  # on site


def test_region_page_by_field_shows_the_regions_fields(client, world):
    region = world.regions[0]
    page = get(client, region_path(region), **PERIOD).get_data(as_text=True)
    table = chart_table(page, "region-fields")
    chosen, other = (str(field.title("en")) for field in world.fields)
    assert table[(chosen, "Proposals")] == "1"
    assert table[(chosen, "Comments")] == "3"
    # The archived proposal and the on-site one have no field.
    assert table[("No field of action", "Proposals")] == "2"
    assert (other, "Proposals") not in table


def test_field_filter_narrows_every_figure(client, world):
    field = world.fields[1]  # the second, fourth and sixth place wrote about it
    page = get(client, "/monitoring/", field=field.id, **PERIOD).get_data(as_text=True)
    table = chart_table(page, "contributions")
    names = [str(region.title("en")) for region in world.regions]
    assert table[(names[0], "Proposals")] == "0"
    assert table[(names[1], "Proposals")] == "1"
    assert f'<option value="{field.id}" selected' in page
    assert "Only the field of action" in page


def test_period_filter_selects_months(client, world):
    page = get(client, "/monitoring/", **{"from": "2026-03", "to": "2026-04"}).get_data(
        as_text=True
    )
    months = {label for label, _series in chart_table(page, "contributions-by-month")}
    assert months == {"Mar 2026", "Apr 2026"}
    assert '<option value="2026-03" selected' in page
    assert '<option value="2026-04" selected' in page
    assert "March 2026 to April 2026" in page


HOSTILE = [
    {"from": "2026-13"},
    {"to": "9999-99"},
    {"from": "2026-05", "to": "2026-02"},  # reversed
    {"from": "2001-01", "to": "2026-01"},  # longer than the longest period
    {"from": "²²²²-01"},
    {"from": "٢٠٢٦-٠١"},
    {"field": "abc"},
    {"field": "²"},
    {"field": "-1"},
    {"field": "999999999999999999999999999"},
    {"field": "1 OR 1=1"},
    {"from": "2026-01' OR '1'='1", "to": "<script>", "field": "%00"},
    {"from": "x" * 5000},
]


@pytest.mark.parametrize("args", HOSTILE)
def test_hostile_filters_give_the_defaults(client, world, args):
    default = Period.recent()
    for path in ("/monitoring/", region_path(world.regions[0])):
        response = get(client, path, **args)
        page = response.get_data(as_text=True)
        assert response.status_code == 200, args
        if "from" in args or "to" in args:
            assert f'<option value="{month_key(default.first)}" selected' in page
            assert f'<option value="{month_key(default.last)}" selected' in page
        assert '<option value="" selected' not in page
        assert "<script>" not in page.split("</header>", 1)[1]


def test_an_unusable_period_is_explained(client, world):
    page = get(client, "/monitoring/", **{"from": "2026-05", "to": "2026-02"}).get_data(
        as_text=True
    )
    assert "The period you asked for could not be used" in page
    fine = get(client, "/monitoring/", **PERIOD).get_data(as_text=True)
    assert "The period you asked for could not be used" not in fine


def test_filters_are_kept_in_links_and_downloads(client, world):
    field = world.fields[0]
    page = get(client, "/monitoring/", field=field.id, **PERIOD).get_data(as_text=True)
    region = world.regions[2]
    assert re.search(
        rf'href="/monitoring/regions/{region.slug}\?(?=[^"]*from=2026-01)(?=[^"]*to=2026-06)'
        rf'(?=[^"]*field={field.id})[^"]*"',
        page,
    )
    assert re.search(
        r'href="/monitoring/charts/contributions\.csv\?(?=[^"]*from=2026-01)'
        rf'(?=[^"]*field={field.id})[^"]*"',
        page,
    )


# --- Privacy: small groups -----------------------------------------------------------------------


def test_a_small_group_is_shown_as_fewer_than_5_and_its_number_nowhere(client):
    region, quiet = make_region("klein"), make_region("still")
    target = consultation(region, phase="discussion")
    people = [make_user() for _ in range(3)]
    item = proposal(target, people[0], created_at=datetime(2026, 3, 10, 12))
    for person in people:
        vote(item, person).created_at = datetime(2026, 3, 11, 12)
    db.session.commit()

    page = get(client, "/monitoring/", **PERIOD).get_data(as_text=True)
    card = key_figure(page, "active-persons")
    assert "fewer than 5" in card
    assert not re.search(r"\b[1-4]\b", card)
    active = chart_table(page, "active-persons")
    assert active[(str(region.title("en")), "Active persons")] == "fewer than 5"
    assert active[(str(quiet.title("en")), "Active persons")] == "0"
    chart = re.search(r'<figure class="chart" id="chart-active-persons">.*?</figure>', page, re.S)
    assert not re.search(r">\s*3\s*<", chart.group(0))
    assert 'data-value="3"' not in chart.group(0)
    # The month series of all regions hides it too.
    by_month = chart_table(page, "active-persons-by-month")
    assert by_month[("Mar 2026", "Active persons")] == "fewer than 5"

    region_page = get(client, region_path(region), **PERIOD).get_data(as_text=True)
    assert "fewer than 5" in key_figure(region_page, "active-persons")
    assert not re.search(r"\b3\b", key_figure(region_page, "active-persons"))
    # The chart's note names the marker as the chart shows it, left to right in every language.
    assert '“<bdi dir="ltr">&lt; 5</bdi>” and “fewer than 5”' in chart.group(0)
    arabic = get(client, "/monitoring/", "ar", **PERIOD).get_data(as_text=True)
    assert '«<bdi dir="ltr">&lt; 5</bdi>»' in arabic


def test_profile_figures_of_a_small_group_are_hidden(client, world):
    small = world.regions[4]
    profiles(2, region=small, migration_cycle=("yes",))
    db.session.commit()
    page = get(client, "/monitoring/", **PERIOD).get_data(as_text=True)
    reach = chart_table(page, "reach")
    name = str(small.title("en"))
    assert reach[(name, "Participants with own or parents' migration experience")] == (
        "fewer than 5"
    )
    assert f"{name}: fewer than 5 participation profiles" in page
    # Six profiles in the first three regions: 4 yes, 2 no -> the "no" cell is hidden, and so
    # is the share.
    first = str(world.regions[0].title("en"))
    assert reach[(first, "Participants with own or parents' migration experience")] == (
        "fewer than 5"
    )


def test_reach_compares_profiles_with_the_context_figure(client, world):
    region = world.regions[0]
    profiles(10, region=region, migration_cycle=("yes", "no"))  # now 9 yes, 7 no of 16
    context_figure(region, 31.5, year=2023, source="Alte Quelle")
    context_figure(region, 34.2, year=2024, source="Statistik Hessen 2024")
    db.session.commit()
    page = get(client, "/monitoring/", **PERIOD).get_data(as_text=True)
    reach = chart_table(page, "reach")
    name = str(region.title("en"))
    assert reach[(name, "Participants with own or parents' migration experience")] == "56.2%"
    assert reach[(name, "Population with a migration background")] == "34.2%"
    assert f"{name}: 16 participation profiles; population: Statistik Hessen 2024, 2024." in page
    assert "Alte Quelle" not in page

    region_page = get(client, region_path(region), **PERIOD).get_data(as_text=True)
    context = re.search(r'<ul class="monitoring-context">.*?</ul>', region_page, re.S).group(0)
    assert "Share of the population with a migration background" in context
    assert "34.2" in context and "2024" in context
    assert 'href="https://statistik.hessen.de/"' in context
    assert "31.5" not in context


# --- What does not count -------------------------------------------------------------------------


def test_hidden_pending_and_withdrawn_contributions_change_no_figure(client, world):
    add_statement(world, world.users[0])
    db.session.commit()
    region = world.regions[0]
    paths = ["/monitoring/", region_path(region)]
    before = [
        without_csrf_tokens(get(client, path, **PERIOD).get_data(as_text=True)) for path in paths
    ]

    target = world.consultations[region.id]
    when = datetime(2026, 3, 20, 12)
    strangers = [make_user() for _ in range(6)]
    for state in (ModerationState.HIDDEN, ModerationState.PENDING, ModerationState.REJECTED):
        hidden = proposal(target, strangers[0], moderation_state=state, created_at=when)
        for person in strangers:
            vote(hidden, person).created_at = when
        comment(hidden, strangers[1], moderation_state=state, created_at=when)
    published = proposal(target, strangers[2], created_at=datetime(2025, 1, 5, 12))  # before
    comment(published, strangers[3], moderation_state=ModerationState.HIDDEN, created_at=when)
    removed = comment(published, strangers[4], created_at=when)
    removed.deleted_at = when
    proposal(target, strangers[5], status=ProposalStatus.WITHDRAWN, created_at=when)
    draft_item = proposal(world.draft, strangers[0], created_at=when)
    for person in strangers:
        vote(draft_item, person).created_at = when
    translation(published, strangers[1], language="tr").created_at = when
    db.session.commit()

    after = [
        without_csrf_tokens(get(client, path, **PERIOD).get_data(as_text=True)) for path in paths
    ]
    assert after == before


# --- Links for the coordination ------------------------------------------------------------------


def test_coordinators_of_the_region_get_a_link_to_manage_its_context(client, world, login_as):
    region = world.regions[0]
    anonymous = get(client, region_path(region)).get_data(as_text=True)
    assert "Manage context indicators" not in anonymous
    login_as("coordinator", region=world.regions[1])
    other = get(client, region_path(region)).get_data(as_text=True)
    assert "Manage context indicators" not in other
    login_as("coordinator", region=region)
    own = get(client, region_path(region)).get_data(as_text=True)
    if "monitoring.context_index" in current_app.view_functions:
        assert f'href="/monitoring/regions/{region.slug}/context"' in own
    else:
        assert "Manage context indicators" not in own


def test_the_printable_report_is_linked_once_it_exists(client, world):
    region = world.regions[0]
    page = get(client, region_path(region), **PERIOD).get_data(as_text=True)
    if "monitoring.report" in current_app.view_functions:
        assert "Printable report" in page
    else:
        assert "Printable report" not in page


def test_empty_platform_shows_zeros_not_errors(client):
    make_region("leer")
    db.session.commit()
    page = get(client, "/monitoring/").get_data(as_text=True)
    assert key_figure(page, "contributions").startswith("Contributions 0 ")
    assert "no value" in key_figure(page, "answered-share")
    assert get(client, "/monitoring/regions/leer").status_code == 200
