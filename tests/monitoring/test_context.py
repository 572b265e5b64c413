"""Context indicators: who may keep them, the form's checks (numbers with comma or point, units,
years in Hesse, web addresses), one figure per region, entry and year, editing, deleting, the
region's page, and the latest figure per region for the dashboards."""

import html
import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from app.core.errors import DomainError, PermissionDenied
from app.extensions import db
from app.funding.deadlines import today_in_hesse
from app.monitoring import context_queries, context_services
from app.monitoring.context import CONTEXT_INDICATORS
from app.monitoring.context_forms import input_text, parse_number
from app.monitoring.models import ContextIndicator
from tests.conftest import csrf_token, log_in, post_form
from tests.factories import make_region, make_user, make_user_with_role

MIGRATION = "migration_background_share"  # per cent
POPULATION = "population"  # persons


@pytest.fixture
def kassel(app):
    region = make_region("kassel", de="Kassel", en="Kassel")
    db.session.commit()
    return region


@pytest.fixture
def wetzlar(app):
    region = make_region("wetzlar", de="Wetzlar", en="Wetzlar")
    db.session.commit()
    return region


def figure(region, key=MIGRATION, year=2022, value=23.4, entered_by=None, **fields):
    fields.setdefault("source", "Hessisches Statistisches Landesamt, Mikrozensus")
    row = ContextIndicator(
        region_id=region.id,
        key=key,
        year=year,
        value=value,
        entered_by_id=entered_by.id if entered_by else None,
        **fields,
    )
    db.session.add(row)
    db.session.flush()
    return row


def form_data(**changes) -> dict:
    data = {
        "indicator": MIGRATION,
        "year": "2023",
        "value": "23,4",
        "source": "Hessisches Statistisches Landesamt, Mikrozensus 2023",
        "source_url": "https://statistik.hessen.de/mikrozensus",
        "note": "Bevölkerung in Privathaushalten.",
    }
    data.update(changes)
    return data


def page_of(response) -> str:
    return response.get_data(as_text=True)


def error_at(page: str, field_id: str) -> str:
    """The error message shown at the field with that id (empty when there is none)."""
    match = re.search(
        rf'id="{re.escape(field_id)}-error"><span class="visually-hidden">[^<]*</span>\s*([^<]+)<',
        page,
    )
    return html.unescape(match.group(1).strip()) if match else ""


def input_value(page: str, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page)
    return html.unescape(match.group(1)) if match else None


def stored() -> list[tuple]:
    rows = db.session.scalars(
        db.select(ContextIndicator).order_by(
            ContextIndicator.region_id, ContextIndicator.year, ContextIndicator.key
        )
    )
    return [(row.region_id, row.key, row.year, row.value) for row in rows]


# --- Who may ------------------------------------------------------------------------------------

ROLES = [
    ("anonymous", "login"),
    ("participant", 403),
    ("moderator", 403),
    ("coordinator", "allowed"),
    ("other coordinator", 403),
    ("administrator", "allowed"),
]


def _sign_in(client, role, kassel, wetzlar):
    if role == "anonymous":
        return None
    if role == "other coordinator":
        user = make_user_with_role("coordinator", region=wetzlar, locale="en")
    elif role in ("moderator", "coordinator"):
        user = make_user_with_role(role, region=kassel, locale="en")
    else:
        user = make_user_with_role(role, locale="en")
    db.session.commit()
    log_in(client, user)
    return user


@pytest.mark.parametrize(("role", "expected"), ROLES, ids=[role for role, _ in ROLES])
def test_permission_table_for_every_route_and_method(client, kassel, wetzlar, role, expected):
    existing = figure(kassel, year=2021, value=20.0)
    kept = figure(kassel, POPULATION, year=2021, value=200000)
    db.session.commit()
    _sign_in(client, role, kassel, wetzlar)
    base = "/monitoring/regions/kassel/context"
    requests = [
        ("GET", base, None),
        ("GET", f"{base}/new", None),
        ("POST", f"{base}/new", form_data(year="2023")),
        ("GET", f"/monitoring/context/{kept.id}/edit", None),
        (
            "POST",
            f"/monitoring/context/{kept.id}/edit",
            form_data(indicator=POPULATION, year="2021", value="210000"),
        ),
        ("GET", f"/monitoring/context/{existing.id}/delete", None),
        ("POST", f"/monitoring/context/{existing.id}/delete", {}),
    ]
    for method, path, data in requests:
        response = client.get(path) if method == "GET" else post_form(client, path, data)
        if expected == "login":
            assert response.status_code == 302, (method, path)
            assert "/login" in response.headers["Location"], (method, path)
        elif expected == "allowed":
            assert response.status_code == (200 if method == "GET" else 302), (method, path)
        else:
            assert response.status_code == expected, (method, path)

    if expected == "allowed":
        assert stored() == [
            (kassel.id, POPULATION, 2021, 210000.0),
            (kassel.id, MIGRATION, 2023, 23.4),
        ]
    else:
        assert stored() == [
            (kassel.id, MIGRATION, 2021, 20.0),
            (kassel.id, POPULATION, 2021, 200000.0),
        ]


def test_coordinator_of_another_region_gets_403_and_no_link(client, kassel, wetzlar):
    figure(kassel)
    _sign_in(client, "other coordinator", kassel, wetzlar)
    # Their own region's page works and shows nothing of Kassel's.
    page = page_of(client.get("/monitoring/regions/wetzlar/context"))
    assert "23.4%" not in page
    assert "/monitoring/context/" not in page
    assert client.get("/monitoring/regions/kassel/context").status_code == 403


def test_unknown_ids_and_regions_answer_404(client, kassel, wetzlar):
    _sign_in(client, "administrator", kassel, wetzlar)
    assert client.get("/monitoring/context/999/edit").status_code == 404
    assert post_form(client, "/monitoring/context/999/edit", form_data()).status_code == 404
    assert client.get("/monitoring/context/999/delete").status_code == 404
    assert post_form(client, "/monitoring/context/999/delete").status_code == 404
    assert client.get("/monitoring/regions/nowhere/context").status_code == 404
    assert client.get("/monitoring/regions/nowhere/context/new").status_code == 404
    assert (
        post_form(client, "/monitoring/regions/nowhere/context/new", form_data()).status_code == 404
    )
    assert stored() == []


def test_posts_without_a_csrf_token_are_refused(client, kassel, wetzlar):
    item = figure(kassel, year=2021, value=20.0)
    db.session.commit()
    _sign_in(client, "coordinator", kassel, wetzlar)
    csrf_token(client)  # the session has a token; the posts below do not send it
    assert (
        client.post("/monitoring/regions/kassel/context/new", data=form_data()).status_code == 400
    )
    edit = f"/monitoring/context/{item.id}/edit"
    assert client.post(edit, data=form_data(value="30")).status_code == 400
    delete = f"/monitoring/context/{item.id}/delete"
    assert client.post(delete).status_code == 400
    assert client.post(delete, data={"csrf_token": "forged"}).status_code == 400
    assert stored() == [(kassel.id, MIGRATION, 2021, 20.0)]


def test_services_check_the_rule_themselves(kassel, wetzlar):
    stranger = make_user_with_role("coordinator", region=wetzlar)
    item = figure(kassel)
    details = context_services.ContextDetails(MIGRATION, 2023, Decimal("23.4"), "Statistik")
    with pytest.raises(PermissionDenied):
        context_services.add_indicator(stranger, kassel, details)
    with pytest.raises(PermissionDenied):
        context_services.edit_indicator(stranger, item, details)
    with pytest.raises(PermissionDenied):
        context_services.delete_indicator(stranger, item)


# --- Adding: the form's checks ------------------------------------------------------------------


@pytest.fixture
def coordinator(client, kassel):
    user = make_user_with_role("coordinator", region=kassel, locale="en", display_name="Aylin K.")
    db.session.commit()
    log_in(client, user)
    return user


NEW = "/monitoring/regions/kassel/context/new"


def test_adding_a_share_with_a_decimal_comma(client, kassel, coordinator):
    response = post_form(client, NEW, form_data(value="23,4"))
    assert response.status_code == 302
    assert response.headers["Location"] == (
        "/monitoring/regions/kassel/context#context-migration_background_share"
    )
    row = db.session.scalar(db.select(ContextIndicator))
    assert (row.region_id, row.key, row.year, row.value) == (kassel.id, MIGRATION, 2023, 23.4)
    assert row.source == "Hessisches Statistisches Landesamt, Mikrozensus 2023"
    assert row.source_url == "https://statistik.hessen.de/mikrozensus"
    assert row.note == "Bevölkerung in Privathaushalten."
    assert row.entered_by_id == coordinator.id
    page = page_of(client.get(response.headers["Location"]))
    assert "The figure has been added." in page


@pytest.mark.parametrize(
    ("key", "typed", "value"),
    [
        (MIGRATION, "23.4", 23.4),
        (MIGRATION, "0", 0.0),
        (MIGRATION, "100", 100.0),
        (MIGRATION, "٢٣٫٤", 23.4),  # Arabic-Indic digits and the Arabic decimal separator
        (POPULATION, "254000", 254000.0),
        (POPULATION, "254 000", 254000.0),
        (POPULATION, "۲۵۴۰۰۰", 254000.0),  # Persian digits
    ],
)
def test_accepted_numbers(client, kassel, coordinator, key, typed, value):
    response = post_form(client, NEW, form_data(indicator=key, value=typed))
    assert response.status_code == 302
    assert stored() == [(kassel.id, key, 2023, value)]


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        (MIGRATION, "-1", "A figure cannot be negative. Please enter 0 or more."),
        (MIGRATION, "101", "A share cannot be more than 100 per cent."),
        (MIGRATION, "100,1", "A share cannot be more than 100 per cent."),
        (
            MIGRATION,
            "23,45",
            "Please enter the share with at most one decimal place, for example 23,4.",
        ),
        (
            POPULATION,
            "12.5",
            "Please enter a whole number of persons without points or commas, for example 254000.",
        ),
        # A German thousands point is not read as 254.
        (
            POPULATION,
            "254.000",
            "Please enter a whole number of persons without points or commas, for example 254000.",
        ),
        (
            POPULATION,
            "500000000",
            "Please check the number: it is larger than any region's population.",
        ),
        (POPULATION, "-5", "A figure cannot be negative. Please enter 0 or more."),
        (MIGRATION, "abc", "Please enter a number, for example 23,4."),
        (MIGRATION, "23,4 %", "Please enter a number, for example 23,4."),
        (MIGRATION, "1e2", "Please enter a number, for example 23,4."),
        (MIGRATION, "NaN", "Please enter a number, for example 23,4."),
        (MIGRATION, "2²", "Please enter a number, for example 23,4."),
        (POPULATION, "1 23", "Please enter a number, for example 23,4."),
        (MIGRATION, "", "Please enter a number, for example 23,4."),
    ],
)
def test_refused_numbers_keep_the_typed_input(client, kassel, coordinator, key, typed, message):
    response = post_form(client, NEW, form_data(indicator=key, value=typed, source="Zensus 2022"))
    assert response.status_code == 200
    page = page_of(response)
    assert error_at(page, "value") == message
    assert 'aria-invalid="true"' in page
    assert input_value(page, "value") == typed
    assert input_value(page, "source") == "Zensus 2022"
    assert f'<option selected value="{key}">' in page
    assert stored() == []


@pytest.mark.parametrize(
    ("url", "accepted"),
    [
        ("https://statistik.hessen.de/zahlen-fakten", True),
        ("http://www.kassel.de/statistik", True),
        ("", True),
        ("javascript:alert(1)", False),
        ("JavaScript://statistik.hessen.de/%0aalert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("ftp://statistik.hessen.de/", False),
        ("statistik.hessen.de", False),
    ],
)
def test_source_address_must_be_http_or_https(client, kassel, coordinator, url, accepted):
    response = post_form(client, NEW, form_data(source_url=url))
    if accepted:
        assert response.status_code == 302
        assert db.session.scalar(db.select(ContextIndicator.source_url)) == url
    else:
        assert response.status_code == 200
        assert error_at(page_of(response), "source_url").startswith(
            "Please enter a web address starting with https://"
        )
        assert stored() == []


@pytest.mark.parametrize(
    ("key", "year", "value", "source", "field"),
    [
        ("happiness", 2023, "23.4", "Statistik", "indicator"),
        (MIGRATION, 1949, "23.4", "Statistik", "year"),
        (MIGRATION, 2023, "101", "Statistik", "value"),
        (MIGRATION, 2023, "-0.5", "Statistik", "value"),
        (MIGRATION, 2023, "23.45", "Statistik", "value"),
        (POPULATION, 2023, "12.5", "Statistik", "value"),
        (MIGRATION, 2023, "23.4", "   ", "source"),
        (MIGRATION, 2023, "23.4", "x" * 301, "source"),
    ],
)
def test_service_checks_every_rule_without_the_form(kassel, key, year, value, source, field):
    admin = make_user(is_administrator=True)
    details = context_services.ContextDetails(key, year, Decimal(value), source)
    with pytest.raises(DomainError) as refused:
        context_services.add_indicator(admin, kassel, details)
    assert refused.value.field == field
    db.session.rollback()
    assert stored() == []


def test_service_refuses_a_javascript_address_too(kassel):
    admin = make_user(is_administrator=True)
    details = context_services.ContextDetails(
        MIGRATION, 2023, Decimal("23.4"), "Statistik", source_url="javascript:alert(1)"
    )
    with pytest.raises(DomainError) as refused:
        context_services.add_indicator(admin, kassel, details)
    assert refused.value.field == "source_url"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"source": ""}, "source", "Please name the source of the figure."),
        ({"source": "x" * 301}, "source", "Please enter at most 300 characters."),
        ({"source": "Statistik\x07"}, "source", "Please remove the invisible control characters."),
        ({"indicator": "happiness"}, "indicator", "Please choose a figure from the list."),
        ({"year": ""}, "year", "Please enter a year as a number, for example 2023."),
        ({"year": "zweitausend"}, "year", "Please enter a year as a number, for example 2023."),
        ({"year": "1949"}, "year", "Please enter a year from 1950 to {this_year}."),
        ({"year": "{next_year}"}, "year", "Please enter a year from 1950 to {this_year}."),
        ({"note": "n" * 2001}, "note", "Please enter at most 2000 characters."),
    ],
)
def test_other_fields_are_checked(client, kassel, coordinator, changes, field, message):
    this_year = today_in_hesse().year
    changes = {
        name: value.replace("{next_year}", str(this_year + 1)) for name, value in changes.items()
    }
    response = post_form(client, NEW, form_data(**changes))
    assert response.status_code == 200
    assert error_at(page_of(response), field) == message.replace("{this_year}", str(this_year))
    assert stored() == []


def test_years_from_1950_to_the_current_year_in_hesse(client, kassel, time_machine):
    # 23:30 on New Year's Eve in Berlin: still 2026 there. (Travel first, then sign in: a
    # session signed in the future is not accepted.)
    time_machine.move_to(datetime(2026, 12, 31, 22, 30, tzinfo=UTC), tick=False)
    log_in(client, make_user_with_role("coordinator", region=kassel, locale="en"))
    db.session.commit()
    response = post_form(client, NEW, form_data(year="2027"))
    assert error_at(page_of(response), "year") == "Please enter a year from 1950 to 2026."
    # 00:30 on New Year's Day in Berlin (UTC is still in the old year): 2027 has begun.
    time_machine.move_to(datetime(2026, 12, 31, 23, 30, tzinfo=UTC), tick=False)
    assert post_form(client, NEW, form_data(year="2027")).status_code == 302
    assert post_form(client, NEW, form_data(year="1950")).status_code == 302
    assert [row[2] for row in stored()] == [1950, 2027]


def test_the_select_names_each_figure_with_its_unit(client, kassel, coordinator):
    page = page_of(client.get(NEW))
    select = re.search(r'<select[^>]*name="indicator".*?</select>', page, re.S).group(0)
    options = re.findall(r'<option[^>]* value="([^"]+)">([^<]+)</option>', select)
    assert [key for key, _label in options] == list(CONTEXT_INDICATORS)
    assert options[:2] == [
        (POPULATION, "Population (number of persons)"),
        (MIGRATION, "Share of the population with a migration background (per cent)"),
    ]
    # A link from the region's page preselects the figure.
    chosen = page_of(client.get(f"{NEW}?indicator={POPULATION}"))
    assert f'<option selected value="{POPULATION}">' in chosen
    assert f'selected value="{MIGRATION}"' not in chosen


# --- One figure per region, entry and year --------------------------------------------------


def test_a_second_figure_for_the_same_year_is_refused_at_the_year(client, kassel, coordinator):
    figure(kassel, MIGRATION, 2023, 22.0)
    db.session.commit()
    response = post_form(client, NEW, form_data(value="23,4"))
    assert response.status_code == 409
    page = page_of(response)
    assert error_at(page, "year") == (
        "There is already a figure for “Share of the population with a migration background” "
        "in 2023. Please change that one instead, or choose another year."
    )
    assert input_value(page, "value") == "23,4"
    assert stored() == [(kassel.id, MIGRATION, 2023, 22.0)]
    # Another year, another figure or another region is fine.
    assert post_form(client, NEW, form_data(year="2022")).status_code == 302
    assert (
        post_form(client, NEW, form_data(indicator=POPULATION, value="200000")).status_code == 302
    )
    assert len(stored()) == 3


def test_the_same_year_in_another_region_is_a_figure_of_its_own(client, kassel, wetzlar):
    figure(wetzlar, MIGRATION, 2023, 30.1)
    log_in(client, make_user_with_role("administrator", locale="en"))
    db.session.commit()
    assert post_form(client, NEW, form_data()).status_code == 302
    assert sorted(stored()) == sorted(
        [(wetzlar.id, MIGRATION, 2023, 30.1), (kassel.id, MIGRATION, 2023, 23.4)]
    )


def test_service_turns_the_unique_index_into_a_message(kassel):
    """Two coordinators saving the same year at once: the index decides, nothing is half-written."""
    admin = make_user(is_administrator=True)
    figure(kassel, MIGRATION, 2023, 22.0)
    db.session.commit()
    details = context_services.ContextDetails(MIGRATION, 2023, Decimal("23.4"), "Statistik")
    with pytest.raises(DomainError) as refused:
        context_services.add_indicator(admin, kassel, details)
    assert (refused.value.field, refused.value.status_code) == ("year", 409)
    db.session.rollback()
    assert stored() == [(kassel.id, MIGRATION, 2023, 22.0)]


# --- Editing ------------------------------------------------------------------------------------


def test_editing_shows_the_figure_and_saves_the_change(client, kassel, coordinator):
    earlier = make_user(display_name="Früher")
    item = figure(
        kassel,
        MIGRATION,
        2022,
        23.4,
        entered_by=earlier,
        source="Zensus",
        note="Alt",
        source_url="",
    )
    db.session.commit()
    path = f"/monitoring/context/{item.id}/edit"
    page = page_of(client.get(path))
    assert input_value(page, "year") == "2022"
    assert input_value(page, "value") == "23.4"
    assert input_value(page, "source") == "Zensus"
    assert re.search(r'name="note"[^>]*>\s*Alt</textarea>', page)
    assert f'href="/monitoring/context/{item.id}/delete"' in page

    response = post_form(client, path, form_data(year="2022", value="24,1", note=""))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("#context-migration_background_share")
    db.session.refresh(item)
    assert (item.year, item.value, item.note) == (2022, 24.1, "")
    assert item.source_url == "https://statistik.hessen.de/mikrozensus"
    # The person who saved the figure is the one who answers for it.
    assert item.entered_by_id == coordinator.id


def test_editing_in_german_shows_a_decimal_comma_and_saves_it_unchanged(client, kassel):
    item = figure(kassel, MIGRATION, 2022, 23.4, source="Zensus")
    log_in(client, make_user_with_role("coordinator", region=kassel, locale="de"))
    db.session.commit()
    path = f"/monitoring/context/{item.id}/edit"
    page = page_of(client.get(path))
    assert input_value(page, "value") == "23,4"
    sent = {name: input_value(page, name) or "" for name in ("year", "value", "source")}
    response = post_form(client, path, form_data(**sent, source_url="", note=""))
    assert response.status_code == 302
    assert stored() == [(kassel.id, MIGRATION, 2022, 23.4)]


def test_editing_persons_shows_a_whole_number():
    assert input_text(254000.0, "persons") == "254000"
    assert input_text(20.0, "percent") == "20"
    assert input_text(23.4, "percent") == "23.4"
    assert input_text(23.4, "percent", ",") == "23,4"
    assert parse_number(input_text(23.4, "percent", "\u066b")) == Decimal("23.4")


def test_editing_into_an_existing_year_is_refused(client, kassel, coordinator):
    figure(kassel, MIGRATION, 2023, 22.0)
    item = figure(kassel, MIGRATION, 2022, 21.0)
    db.session.commit()
    response = post_form(client, f"/monitoring/context/{item.id}/edit", form_data(year="2023"))
    assert response.status_code == 409
    page = page_of(response)
    assert error_at(page, "year").startswith("There is already a figure for")
    assert input_value(page, "year") == "2023"
    assert sorted(stored()) == [
        (kassel.id, MIGRATION, 2022, 21.0),
        (kassel.id, MIGRATION, 2023, 22.0),
    ]


def test_editing_checks_the_unit_of_the_chosen_figure(client, kassel, coordinator):
    item = figure(kassel, POPULATION, 2022, 200000)
    db.session.commit()
    # Switching the figure to a share with the old number of persons is refused.
    response = post_form(
        client,
        f"/monitoring/context/{item.id}/edit",
        form_data(indicator=MIGRATION, value="200000"),
    )
    assert error_at(page_of(response), "value") == "A share cannot be more than 100 per cent."
    assert stored() == [(kassel.id, POPULATION, 2022, 200000.0)]


# --- Deleting -----------------------------------------------------------------------------------


def test_deleting_asks_first_and_deletes_on_post(client, kassel, coordinator):
    item = figure(kassel, MIGRATION, 2022, 23.4)
    other = figure(kassel, MIGRATION, 2021, 22.0)
    db.session.commit()
    path = f"/monitoring/context/{item.id}/delete"
    page = page_of(client.get(path))
    assert "<h1>Delete this figure?</h1>" in page
    assert "23.4%" in page
    assert f'action="{path}"' in page
    assert len(stored()) == 2  # asking changes nothing

    response = post_form(client, path)
    assert response.status_code == 302
    assert response.headers["Location"] == (
        "/monitoring/regions/kassel/context#context-migration_background_share"
    )
    assert stored() == [(kassel.id, MIGRATION, 2021, 22.0)]
    assert db.session.get(ContextIndicator, other.id) is not None
    assert "The figure has been deleted." in page_of(client.get(response.headers["Location"]))
    assert post_form(client, path).status_code == 404


# --- The region's page --------------------------------------------------------------------------


def test_region_page_groups_by_catalogue_entry_newest_year_first(client, kassel, wetzlar):
    user = make_user_with_role("coordinator", region=kassel, locale="en", display_name="Aylin K.")
    figure(kassel, MIGRATION, 2019, 21.0, entered_by=user, source="Mikrozensus 2019")
    figure(
        kassel,
        MIGRATION,
        2023,
        23.4,
        entered_by=user,
        source="Mikrozensus 2023",
        source_url="https://statistik.hessen.de/mz",
        note="Privathaushalte <b>nur</b>",
    )
    figure(kassel, POPULATION, 2022, 254000, source="Zensus 2022")
    figure(wetzlar, MIGRATION, 2023, 99.9, source="Wetzlar-Statistik")
    db.session.commit()
    log_in(client, user)
    page = page_of(client.get("/monitoring/regions/kassel/context"))

    # Catalogue order: population before the migration background share.
    assert page.index('id="context-population"') < page.index(f'id="context-{MIGRATION}"')
    section = page[page.index(f'id="context-{MIGRATION}"') :]
    section = section[: section.index("</section>")]
    assert section.index("Mikrozensus 2023") < section.index("Mikrozensus 2019")
    assert re.findall(r'class="context-figure__year">(\d+)<', section) == ["2023", "2019"]
    assert re.findall(r"data-value>([^<]+)<", section) == ["23.4%", "21.0%"]
    assert '<a href="https://statistik.hessen.de/mz" rel="noopener noreferrer" dir="auto">' in (
        section
    )
    assert "Privathaushalte &lt;b&gt;nur&lt;/b&gt;" in section
    assert 'by <span dir="auto">Aylin K.</span> on' in section
    assert "254,000" in page
    assert "by a deleted account on" in page  # the population figure has nobody
    assert "Zensus 2022</span>" in page  # no address: plain text
    assert "Wetzlar-Statistik" not in page
    # Entries without a figure say so and offer adding one.
    assert page.count("No figure yet.") == len(CONTEXT_INDICATORS) - 2
    assert "/monitoring/regions/kassel/context/new?indicator=protection_seekers" in page


def test_values_read_in_the_readers_locale(client, kassel):
    figure(kassel, MIGRATION, 2023, 23.4)
    figure(kassel, POPULATION, 2022, 254000)
    db.session.commit()
    expected = {
        "de": ("23,4\xa0%", "254.000"),
        "en": ("23.4%", "254,000"),
        "tr": ("%23,4", "254.000"),
        "ar": ("23.4%", "254,000"),
    }
    for locale, (share, persons) in expected.items():
        log_in(client, make_user_with_role("administrator", locale=locale))
        db.session.commit()
        page = page_of(client.get("/monitoring/regions/kassel/context"))
        values = re.findall(r"data-value>([^<]+)<", page)
        assert values == [persons, share], locale


def test_empty_region_page_explains_what_to_enter(client, kassel, coordinator):
    page = page_of(client.get("/monitoring/regions/kassel/context"))
    assert "No figures yet." in page
    assert page.count("<h1>") == 1
    assert 'href="/monitoring/regions/kassel/context/new"' in page


# --- Read side for the dashboards -----------------------------------------------------------------


def test_latest_context_picks_the_newest_year_per_region_and_key(kassel, wetzlar, count_queries):
    elsewhere = make_region("fulda")
    figure(kassel, MIGRATION, 2019, 21.0)
    newest_share = figure(kassel, MIGRATION, 2023, 23.4)
    figure(kassel, MIGRATION, 2021, 22.0)
    newest_population = figure(kassel, POPULATION, 2022, 254000)
    figure(kassel, POPULATION, 2011, 240000)
    wetzlar_share = figure(wetzlar, MIGRATION, 2020, 30.5)
    figure(elsewhere, MIGRATION, 2024, 40.0)  # not asked for
    figure(kassel, "retired_figure", 2025, 1.0)  # no longer in the catalogue
    db.session.commit()
    region_ids = [kassel.id, wetzlar.id]

    with count_queries() as counter:
        latest = context_queries.latest_context(region_ids)
        # The region is loaded with the figure; reading it asks nothing more.
        names = {str(row.region.title("de")) for row in latest.values()}
    assert len(counter) == 1
    assert {key: row.id for key, row in latest.items()} == {
        (kassel.id, MIGRATION): newest_share.id,
        (kassel.id, POPULATION): newest_population.id,
        (wetzlar.id, MIGRATION): wetzlar_share.id,
    }
    assert names == {"Kassel", "Wetzlar"}


def test_latest_context_without_regions_asks_nothing(count_queries):
    with count_queries() as counter:
        assert context_queries.latest_context([]) == {}
    assert len(counter) == 0


def test_indicators_of_region_in_key_and_year_order(kassel, wetzlar):
    figure(kassel, POPULATION, 2020, 1)
    figure(kassel, MIGRATION, 2019, 21.0)
    figure(kassel, MIGRATION, 2023, 23.4)
    figure(wetzlar, MIGRATION, 2023, 30.0)
    rows = context_queries.indicators_of_region(kassel.id)
    assert [(row.key, row.year) for row in rows] == [
        (MIGRATION, 2023),
        (MIGRATION, 2019),
        (POPULATION, 2020),
    ]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("23,4", Decimal("23.4")),
        ("23.4", Decimal("23.4")),
        (" 7 ", Decimal("7")),
        (",5", Decimal("0.5")),
        ("1 234 567", Decimal("1234567")),
        ("1\u202f234", Decimal("1234")),
        ("−3", Decimal("-3")),
        ("٢٣٫٤", Decimal("23.4")),
        ("", None),
        ("-", None),
        (",", None),
        ("1,2,3", None),
        ("12 34", None),
        ("1_000", None),
        ("Infinity", None),
    ],
)
def test_parse_number(text, number):
    assert parse_number(text) == number
