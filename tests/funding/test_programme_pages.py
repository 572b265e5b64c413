"""Funding programme pages: the public catalogue with its filters, the deadlines soon, a
programme's page, and maintaining the catalogue (administrators and coordinators)."""

import re
from datetime import UTC, date, datetime

import pytest

from app.extensions import db
from app.funding.models import FundingProgramme, ProgrammeDeadline
from app.projects.models import ProjectApproach, ProjectFunding
from tests.conftest import csrf_token, post_form
from tests.factories import make_field_of_action, make_region

EN = {"Accept-Language": "en"}


@pytest.fixture
def today(time_machine):
    """Noon in Hesse on 1 June 2026."""
    time_machine.move_to(datetime(2026, 6, 1, 10, 0, tzinfo=UTC), tick=False)
    return date(2026, 6, 1)


@pytest.fixture
def kassel(app):
    region = make_region("kassel", de="Kassel", en="Kassel")
    db.session.commit()
    return region


@pytest.fixture
def fulda(app):
    region = make_region("fulda", de="Fulda", en="Fulda")
    db.session.commit()
    return region


@pytest.fixture
def language(app):
    field = make_field_of_action("language", de="Sprache und Bildung", en="Language and education")
    db.session.commit()
    return field


def programme(
    name: str = "Integration vor Ort",
    *,
    level: str = "state",
    funder: str = "Hessisches Ministerium für Soziales",
    status: str = "open",
    regions=(),
    fields=(),
    deadlines=(),
    **columns,
) -> FundingProgramme:
    """A programme; `deadlines` are (date, recurrence, label) tuples; no regions: all regions."""
    item = FundingProgramme(
        name=name,
        funder_level=level,
        funder=funder,
        status=status,
        all_regions=not regions,
        **columns,
    )
    item.regions = list(regions)
    item.fields_of_action = list(fields)
    item.deadlines = [
        ProgrammeDeadline(due_on=due, recurrence=recurrence, label=label)
        for due, recurrence, label in deadlines
    ]
    item.refresh_search_key()
    db.session.add(item)
    db.session.flush()
    return item


def listed(page: str) -> list[str]:
    return re.findall(r'class="card__title programme-card__title"[^>]*><a [^>]*>([^<]+)</a>', page)


def text(page: str) -> str:
    """The page's text without tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", page).split())


def field_error(page: str, field_id: str) -> str:
    match = re.search(rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', page, re.S)
    assert match, f"no error shown next to {field_id}"
    return match.group(1)


def form_data(**changes) -> dict:
    """A complete, valid programme form; `changes` replace or add fields."""
    data = {
        "name": "Sprachbrücken",
        "funder_level": "federal",
        "funder": "Bundesamt für Migration und Flüchtlinge",
        "status": "open",
        "all_regions": "y",
        "target_groups": "Vereine, Kommunen",
        "amount_min": "5000",
        "amount_max": "50000",
        "co_funding_percent": "20",
        "url": "https://www.bamf.de/foerderung",
        "contact": "foerderung@example.org",
        "description_de": "Fördert **Sprachkurse** für Eltern.",
        "description_en": "Funds language courses for parents.",
        "deadline_0_due_on": "2026-09-30",
        "deadline_0_recurrence": "yearly",
        "deadline_0_label": "Antragsfrist",
        "deadline_1_due_on": "",
        "deadline_1_recurrence": "none",
        "deadline_1_label": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


# --- Permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "administrator"])
def test_coordinators_and_administrators_open_the_forms(client, login_as, kassel, role):
    login_as(role, region=kassel, locale="en")
    item = programme()
    db.session.commit()
    page = client.get("/funding/new")
    assert page.status_code == 200
    assert "New funding programme" in page.get_data(as_text=True)
    edit = client.get(f"/funding/{item.id}/edit").get_data(as_text=True)
    assert 'value="Integration vor Ort"' in edit
    detail = client.get(f"/funding/{item.id}").get_data(as_text=True)
    assert f'href="/funding/{item.id}/edit"' in detail
    index = client.get("/funding/").get_data(as_text=True)
    assert 'href="/funding/new"' in index


@pytest.mark.parametrize("role", ["participant", "moderator"])
def test_participants_and_moderators_are_refused(client, login_as, kassel, role):
    login_as(role, region=kassel, locale="en")
    item = programme()
    db.session.commit()
    assert client.get("/funding/new").status_code == 403
    assert client.get(f"/funding/{item.id}/edit").status_code == 403
    assert post_form(client, "/funding/new", form_data()).status_code == 403
    assert post_form(client, f"/funding/{item.id}/edit", form_data()).status_code == 403
    assert post_form(client, f"/funding/{item.id}/delete").status_code == 403
    assert count(FundingProgramme) == 1
    db.session.refresh(item)
    assert item.name == "Integration vor Ort"
    # Their pages offer no editing.
    detail = client.get(f"/funding/{item.id}").get_data(as_text=True)
    assert "/edit" not in detail
    assert 'href="/funding/new"' not in client.get("/funding/").get_data(as_text=True)


def test_anonymous_visitors_are_sent_to_the_login(client, kassel):
    item = programme()
    db.session.commit()
    for path in ("/funding/new", f"/funding/{item.id}/edit"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/account/login" in response.headers["Location"]
    response = post_form(client, f"/funding/{item.id}/delete")
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]
    assert count(FundingProgramme) == 1


def test_public_pages_need_no_account(client, kassel):
    item = programme()
    db.session.commit()
    for path in ("/funding/", "/funding/deadlines", f"/funding/{item.id}"):
        assert client.get(path, headers=EN).status_code == 200
    assert client.get("/funding/999999").status_code == 404


# --- Adding and editing ---------------------------------------------------------------------


def test_a_coordinator_adds_a_programme_with_deadlines_and_empty_rows_ignored(
    client, login_as, kassel, fulda, language, today
):
    user = login_as("coordinator", region=kassel, locale="en")
    data = form_data(
        all_regions=None,
        regions=[str(kassel.id), str(fulda.id)],
        fields=[str(language.id)],
        deadline_2_due_on="2026-07-15",
        deadline_2_recurrence="none",
        deadline_2_label="",
    )
    response = post_form(client, "/funding/new", data)
    assert response.status_code == 302
    item = db.session.scalars(db.select(FundingProgramme)).one()
    assert response.headers["Location"].endswith(f"/funding/{item.id}")
    assert (item.name, item.funder_level, item.status) == ("Sprachbrücken", "federal", "open")
    assert item.all_regions is False
    assert {region.slug for region in item.regions} == {"kassel", "fulda"}
    assert [field.slug for field in item.fields_of_action] == ["language"]
    assert (item.amount_min, item.amount_max, item.co_funding_percent) == (5000, 50000, 20)
    assert item.description == {
        "de": "Fördert **Sprachkurse** für Eltern.",
        "en": "Funds language courses for parents.",
    }
    assert item.created_by_id == user.id
    assert [(d.due_on, d.recurrence, d.label) for d in item.deadlines] == [
        (date(2026, 7, 15), "none", ""),
        (date(2026, 9, 30), "yearly", "Antragsfrist"),
    ]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The funding programme has been added." in page


def test_the_edit_form_shows_the_saved_programme_and_saves_changes(
    client, login_as, kassel, language, today
):
    login_as("administrator", locale="en")
    item = programme(
        "Kleinprojekte",
        regions=[kassel],
        fields=[language],
        amount_max=3000,
        description={"de": "Für kleine Vorhaben."},
        deadlines=[
            (date(2026, 3, 1), "quarterly", "Quartalsfrist"),
            (date(2026, 11, 30), "none", "Sonderaufruf"),
        ],
    )
    db.session.commit()
    page = client.get(f"/funding/{item.id}/edit").get_data(as_text=True)
    assert 'value="Kleinprojekte"' in page
    assert re.search(rf'value="{kassel.id}"[^>]*checked|checked[^>]*value="{kassel.id}"', page)
    assert 'value="3000"' in page
    assert "Für kleine Vorhaben.</textarea>" in page
    assert 'id="deadline_0_due_on" name="deadline_0_due_on" type="date" value="2026-03-01"' in page
    assert 'value="Quartalsfrist"' in page and 'value="Sonderaufruf"' in page
    # The two deadlines and two empty rows.
    assert 'name="deadline_3_due_on"' in page and 'name="deadline_4_due_on"' not in page

    # Empty the second row (its deadline goes), add one in a new row, rename.
    data = form_data(
        name="Kleinprojekte 2026",
        all_regions=None,
        regions=[str(kassel.id)],
        amount_min="",
        amount_max="",
        co_funding_percent="",
        deadline_0_due_on="2026-03-01",
        deadline_0_recurrence="quarterly",
        deadline_0_label="Quartalsfrist",
        deadline_1_due_on="",
        deadline_1_recurrence="none",
        deadline_1_label="",
        deadline_2_due_on="2027-01-15",
        deadline_2_recurrence="none",
        deadline_2_label="Neu",
        deadline_3_due_on="",
    )
    response = post_form(client, f"/funding/{item.id}/edit", data)
    assert response.status_code == 302
    db.session.expire_all()
    item = db.session.get(FundingProgramme, item.id)
    assert item.name == "Kleinprojekte 2026"
    assert (item.amount_min, item.amount_max, item.co_funding_percent) == (None, None, None)
    assert [(d.due_on, d.label) for d in item.deadlines] == [
        (date(2026, 3, 1), "Quartalsfrist"),
        (date(2027, 1, 15), "Neu"),
    ]
    assert count(ProgrammeDeadline) == 2


def assert_nothing_changed(expected_programmes: int = 0) -> None:
    assert count(FundingProgramme) == expected_programmes


def test_a_smallest_amount_above_the_largest_is_refused_at_its_field_and_input_stays(
    client, login_as, kassel
):
    login_as("coordinator", region=kassel, locale="en")
    data = form_data(name="Mein getippter Name", amount_min="60000", amount_max="50000")
    response = post_form(client, "/funding/new", data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "The smallest amount must not be larger than the largest." in field_error(
        page, "amount_max"
    )
    assert 'aria-invalid="true"' in page
    assert 'value="Mein getippter Name"' in page
    assert 'value="60000"' in page and 'value="50000"' in page
    assert 'value="Antragsfrist"' in page and 'value="2026-09-30"' in page
    assert "Fördert **Sprachkurse** für Eltern.</textarea>" in page
    assert_nothing_changed()


def test_no_regions_without_all_regions_is_refused_and_input_stays(client, login_as, kassel):
    login_as("coordinator", region=kassel, locale="en")
    data = form_data(name="Nur für manche", all_regions=None)
    response = post_form(client, "/funding/new", data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Please choose the eligible regions" in field_error(page, "regions")
    assert 'value="Nur für manche"' in page
    # The box stays unticked as sent.
    assert not re.search(r'<input[^>]*checked[^>]*id="all_regions"', page)
    assert not re.search(r'<input[^>]*id="all_regions"[^>]*checked', page)
    assert_nothing_changed()


def test_every_problem_of_a_form_is_shown_at_once(client, login_as, kassel):
    login_as("coordinator", region=kassel, locale="en")
    data = form_data(
        all_regions=None, amount_min="9000", amount_max="100", co_funding_percent="300"
    )
    response = post_form(client, "/funding/new", data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "from 0 to 100" in field_error(page, "co_funding_percent")
    assert "must not be larger than the largest" in field_error(page, "amount_max")
    assert "Please choose the eligible regions" in field_error(page, "regions")
    assert_nothing_changed()


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        ({"amount_min": "-5"}, "amount_min", "whole number of euros"),
        ({"amount_max": "viel"}, "amount_max", "whole number of euros"),
        ({"co_funding_percent": "150"}, "co_funding_percent", "from 0 to 100"),
        ({"url": "javascript:alert(1)"}, "url", "web address starting with https://"),
        ({"name": ""}, "name", "Please fill in this field."),
        ({"funder_level": "galactic"}, "funder_level", "choose an option from the list"),
        ({"status": "secret"}, "status", "choose an option from the list"),
        ({"regions": ["999999"], "all_regions": None}, "regions", "only regions from the list"),
        ({"fields": ["abc"]}, "fields", "only fields of action from the list"),
        ({"deadline_0_due_on": "31.02.2026"}, "deadline_0_due_on", "valid date"),
        ({"deadline_1_label": "Zweite Runde"}, "deadline_1_due_on", "date of this deadline"),
        ({"deadline_1_recurrence": "decennial"}, "deadline_1_recurrence", "from the list"),
    ],
)
def test_invalid_input_gets_a_message_at_its_field(
    client, login_as, kassel, changes, field_id, message
):
    login_as("coordinator", region=kassel, locale="en")
    response = post_form(client, "/funding/new", form_data(**changes))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in field_error(page, field_id)
    assert f'href="#{field_id}"' in page  # listed in the error summary, linked to the field
    assert_nothing_changed()


def test_a_crafted_form_with_thousands_of_deadline_rows_is_capped(client, login_as, kassel):
    login_as("coordinator", region=kassel, locale="en")
    rows = {f"deadline_{n}_due_on": "2027-01-01" for n in range(5000)}
    response = post_form(client, "/funding/new", form_data(**rows))
    assert response.status_code == 302
    item = db.session.scalars(db.select(FundingProgramme)).one()
    assert 1 < len(item.deadlines) <= 30


# --- Deleting ---------------------------------------------------------------------------------


def test_a_programme_without_projects_is_deleted(client, login_as, kassel):
    login_as("coordinator", region=kassel, locale="en")
    item = programme(deadlines=[(date(2026, 9, 1), "none", "")])
    db.session.commit()
    response = post_form(client, f"/funding/{item.id}/delete")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/funding/")
    assert count(FundingProgramme) == 0
    assert count(ProgrammeDeadline) == 0
    page = client.get("/funding/").get_data(as_text=True)
    assert "The funding programme “Integration vor Ort” has been deleted." in page


def test_deleting_a_programme_that_projects_refer_to_is_refused(client, login_as, kassel):
    login_as("administrator", locale="en")
    item = programme()
    project = ProjectApproach(region=kassel, title="Elterncafé", status="running")
    project.fundings = [ProjectFunding(programme=item, state="applied")]
    db.session.add(project)
    db.session.commit()
    response = post_form(client, f"/funding/{item.id}/delete")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/funding/{item.id}")
    assert count(FundingProgramme) == 1
    assert count(ProjectFunding) == 1
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Projects refer to this programme, so it cannot be deleted." in page


def test_posts_without_a_csrf_token_are_refused(client, login_as, kassel):
    login_as("administrator", locale="en")
    item = programme()
    db.session.commit()
    csrf_token(client)  # the session has a token; the posts below do not send it
    assert client.post("/funding/new", data=form_data(name="Ohne Token")).status_code == 400
    assert client.post(f"/funding/{item.id}/edit", data=form_data(name="X")).status_code == 400
    assert client.post(f"/funding/{item.id}/delete").status_code == 400
    forged = {"csrf_token": "forged"}
    assert client.post(f"/funding/{item.id}/delete", data=forged).status_code == 400
    db.session.refresh(item)
    assert item.name == "Integration vor Ort"
    assert count(FundingProgramme) == 1


def test_deleting_needs_post(client, login_as, kassel):
    login_as("administrator", locale="en")
    item = programme()
    db.session.commit()
    assert client.get(f"/funding/{item.id}/delete").status_code == 405
    assert count(FundingProgramme) == 1


# --- The catalogue --------------------------------------------------------------------------


def test_each_entry_shows_its_facts(client, kassel, language, today):
    programme(
        "Sprachbrücken",
        level="federal",
        funder="Bundesamt für Migration",
        fields=[language],
        amount_max=50000,
        co_funding_percent=20,
        deadlines=[(date(2026, 6, 13), "none", "")],
    )
    programme(
        "Kleinprojekte",
        level="municipal",
        status="announced",
        regions=[kassel],
        amount_min=500,
        amount_max=3000,
    )
    db.session.commit()
    page = client.get("/funding/", headers=EN).get_data(as_text=True)
    assert listed(page) == ["Sprachbrücken", "Kleinprojekte"]  # with a deadline first
    assert "2 funding programmes found" in page
    assert "Bundesamt für Migration</span> · Federal government" in page
    assert "badge--programme-open" in page and "Open for applications" in page
    assert "badge--programme-announced" in page and "Announced" in page
    assert '<time datetime="2026-06-13">Jun 13, 2026</time>' in page
    assert "(in 12 days)" in page
    assert "Language and education" in page
    assert "up to 50,000 €" in text(page)
    assert '<bdi class="amount">50,000 €</bdi>' in page  # the sign stays with its number
    assert "500 € to 3,000 €" in text(page)
    assert "<bdi>20%</bdi>" in page or "<bdi>20 %</bdi>" in page
    assert "All regions" in page
    assert "No upcoming deadline" in page


def test_the_catalogue_in_german_formats_amounts_the_german_way(client, kassel, today):
    programme("Sprachbrücken", amount_max=50000)
    db.session.commit()
    page = client.get("/funding/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "50.000 €" in text(page)  # German digit grouping


def test_an_empty_catalogue_says_so(client, kassel):
    page = client.get("/funding/", headers=EN).get_data(as_text=True)
    assert "0 funding programmes found" in page
    assert "No funding programme has been added yet." in page
    filtered = client.get("/funding/?level=eu", headers=EN).get_data(as_text=True)
    assert "No funding programme matches these filters." in filtered


def test_filters_by_search_field_region_level_and_open_now(client, kassel, fulda, language, today):
    programme("Sprachbrücken", level="federal", fields=[language], target_groups="Eltern")
    programme("Kasseler Fonds", level="municipal", regions=[kassel], status="announced")
    programme("Fuldaer Fonds", level="municipal", regions=[fulda], status="closed")
    programme("Stiftung Miteinander", level="foundation", funder="Bürgerstiftung Gießen")
    db.session.commit()

    def names(query: str) -> set[str]:
        return set(listed(client.get(f"/funding/?{query}", headers=EN).get_data(as_text=True)))

    everything = {"Sprachbrücken", "Kasseler Fonds", "Fuldaer Fonds", "Stiftung Miteinander"}
    assert names("") == everything
    assert names("q=ELTERN") == {"Sprachbrücken"}  # target groups, any case
    assert names("q=bürgerstiftung") == {"Stiftung Miteinander"}  # the funder
    assert names("q=100%25") == set()  # a LIKE wildcard is an ordinary character
    assert names("field=language") == {"Sprachbrücken"}
    # Programmes for all regions count for every region.
    assert names("region=kassel") == {"Sprachbrücken", "Kasseler Fonds", "Stiftung Miteinander"}
    assert names("level=municipal") == {"Kasseler Fonds", "Fuldaer Fonds"}
    assert names("open=1") == {"Sprachbrücken", "Stiftung Miteinander"}
    assert names("level=municipal&region=fulda") == {"Fuldaer Fonds"}
    page = client.get("/funding/?level=municipal&region=fulda&open=1", headers=EN)
    text = page.get_data(as_text=True)
    # The form shows the filters applied.
    assert '<option value="municipal" selected>' in text
    assert '<option value="fulda" selected>' in text
    assert 'id="filter-open" name="open" value="1" checked' in text
    assert "Reset filters" in text


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("region=<script>alert(1)</script>", True),
        ("field=nothing&level=galactic", True),
        ("within=abc", True),
        ("within=²", True),
        ("within=99999999999999999999999999", True),
        ("within=-4", True),
        ("within=3", True),
        ("open=yes", True),
        ("region=KASSEL&field[]=1", True),
        ("q=" + "x" * 5000, False),
        ("q=%00%01", True),  # nothing left to search for
        ("q=%00zzz", False),  # the NUL does not cut the search short (it matched all)
    ],
)
def test_hostile_filter_values_are_ignored(client, kassel, fulda, today, query, found):
    programme("Sprachbrücken")
    db.session.commit()
    response = client.get(f"/funding/?{query}", headers=EN)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert listed(page) == (["Sprachbrücken"] if found else [])
    filter_form = page[
        page.index('class="filter-form"') : page.index("</form>", page.index('class="filter-form"'))
    ]
    assert " selected>" not in filter_form  # no unknown value is shown as chosen


def test_deadline_within_weeks_counts_a_yearly_deadline_over_the_turn_of_the_year(
    client, kassel, time_machine
):
    # 20 December 2026, 23:30 in Hesse (22:30 UTC).
    time_machine.move_to(datetime(2026, 12, 20, 22, 30, tzinfo=UTC), tick=False)
    programme("Jahresprogramm", deadlines=[(date(2024, 1, 10), "yearly", "Jahresfrist")])
    programme("Frühjahrsprogramm", deadlines=[(date(2027, 3, 1), "none", "")])
    programme("Vorbei", deadlines=[(date(2026, 12, 1), "none", "")])
    db.session.commit()

    def names(query: str) -> list[str]:
        return listed(client.get(f"/funding/?{query}", headers=EN).get_data(as_text=True))

    assert names("within=2") == []
    assert names("within=4") == ["Jahresprogramm"]  # 10 January 2027: in 21 days
    assert names("within=12") == ["Jahresprogramm", "Frühjahrsprogramm"]
    page = client.get("/funding/?within=4", headers=EN).get_data(as_text=True)
    assert '<time datetime="2027-01-10">Jan 10, 2027</time>' in page
    assert "(in 21 days)" in page
    assert '<option value="4" selected>' in page


# --- Deadlines soon ---------------------------------------------------------------------------


def test_deadlines_soon_grouped_by_month_with_repetition(client, kassel, time_machine):
    time_machine.move_to(datetime(2026, 12, 20, 11, 0, tzinfo=UTC), tick=False)
    yearly = programme("Jahresprogramm", deadlines=[(date(2024, 1, 10), "yearly", "Hauptrunde")])
    programme("Dezemberaufruf", deadlines=[(date(2026, 12, 21), "none", "Letzter Aufruf")])
    programme("Geschlossen", status="closed", deadlines=[(date(2026, 12, 22), "none", "")])
    programme("Später", deadlines=[(date(2027, 6, 1), "none", "")])
    db.session.commit()
    page = client.get("/funding/deadlines", headers=EN).get_data(as_text=True)
    assert "2 deadlines" in page
    december = page.index("December 2026")
    january = page.index("January 2027")
    assert december < page.index("Dezemberaufruf") < january < page.index("Jahresprogramm")
    assert "Letzter Aufruf" in page and "(tomorrow)" in page
    assert f'href="/funding/{yearly.id}"' in page
    assert "Hauptrunde</span> · repeats every year" in page
    assert '<time datetime="2027-01-10">' in page
    assert "Geschlossen" not in page and "Später" not in page
    # A longer period, chosen from the links.
    longer = client.get("/funding/deadlines?weeks=26", headers=EN).get_data(as_text=True)
    assert "Später" in longer and "3 deadlines" in longer
    assert 'href="/funding/deadlines?weeks=26" aria-current="true"' in longer


@pytest.mark.parametrize("weeks", ["abc", "²", "7", "-8", "9" * 40, ""])
def test_deadlines_soon_with_an_unknown_period_shows_eight_weeks(client, kassel, today, weeks):
    programme("Bald", deadlines=[(date(2026, 7, 20), "none", "")])  # in 7 weeks
    programme("Zu spät", deadlines=[(date(2026, 8, 10), "none", "")])  # in 10 weeks
    db.session.commit()
    response = client.get(f"/funding/deadlines?weeks={weeks}", headers=EN)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Bald" in page and "Zu spät" not in page
    assert 'href="/funding/deadlines?weeks=8" aria-current="true"' in page


def test_no_deadlines_soon_says_so(client, kassel, today):
    page = client.get("/funding/deadlines?weeks=2", headers=EN).get_data(as_text=True)
    assert "No application deadline in the next 2 weeks." in page


# --- A programme's page -----------------------------------------------------------------------


def test_the_page_shows_every_fact_and_the_next_occurrence(client, kassel, fulda, language, today):
    item = programme(
        "Sprachbrücken",
        level="eu",
        funder="Europäische Kommission (AMIF)",
        regions=[kassel, fulda],
        fields=[language],
        target_groups="Träger der Integrationsarbeit",
        amount_min=10000,
        amount_max=200000,
        co_funding_percent=25,
        url="https://example.org/amif",
        contact="amif@example.org",
        description={"de": "Fördert **Sprachkurse**.", "tr": "Dil kurslarını destekler."},
        deadlines=[
            (date(2025, 3, 31), "yearly", "Hauptrunde"),
            (date(2026, 2, 1), "none", "Sonderaufruf"),
            (date(2026, 6, 15), "none", ""),
        ],
    )
    db.session.commit()
    page = client.get(f"/funding/{item.id}", headers=EN).get_data(as_text=True)
    assert "<h1><bdi>Sprachbrücken</bdi></h1>" in page
    assert "European Union" in page and "Europäische Kommission (AMIF)" in page
    assert "Language and education" in page
    assert 'href="/regions/kassel"' in page and 'href="/regions/fulda"' in page
    assert "Träger der Integrationsarbeit" in page
    assert "10,000 € to 200,000 €" in text(page)
    assert "25 %" in text(page) or "25%" in text(page)
    assert '<a href="https://example.org/amif" rel="noopener" dir="ltr">' in page
    assert 'href="mailto:amif@example.org"' in page
    # German description shown (English is missing) and the languages it exists in named.
    assert "<strong>Sprachkurse</strong>" in page
    assert 'lang="de"' in page
    assert "This text is not available in English" in page
    # The next deadline is the one-off on 15 June; the yearly one comes back on 31 March 2027.
    assert re.search(r"Next deadline</dt>\s*<dd><time datetime=\"2026-06-15\">", page)
    assert "(in 14 days)" in page
    assert "first on Mar 31, 2025" in page
    assert '<time datetime="2027-03-31">Mar 31, 2027</time>' in page
    assert "repeats every year" in page
    assert "Sonderaufruf" in page and "Passed" in page
    assert "No project approach has applied to this programme yet." in page


def test_the_page_of_a_programme_for_all_regions_says_so(client, kassel, today):
    item = programme()
    db.session.commit()
    page = client.get(f"/funding/{item.id}", headers=EN).get_data(as_text=True)
    assert re.search(r"Eligible regions</dt>\s*<dd>All regions</dd>", page)
    assert "No application deadline is known." in page


def test_the_page_lists_the_projects_funded_or_applied_for(client, kassel, fulda, today):
    item = programme()
    other = programme("Anderes Programm")
    cafe = ProjectApproach(region=kassel, title="Elterncafé", status="running")
    cafe.fundings = [ProjectFunding(programme=item, state="granted", amount=12000)]
    lotsen = ProjectApproach(region=fulda, title="Lotsenprojekt", language="de")
    lotsen.fundings = [ProjectFunding(programme=item, state="applied")]
    elsewhere = ProjectApproach(region=fulda, title="Woanders gefördert")
    elsewhere.fundings = [ProjectFunding(programme=other, state="granted")]
    db.session.add_all([cafe, lotsen, elsewhere])
    db.session.commit()
    page = client.get(f"/funding/{item.id}", headers=EN).get_data(as_text=True)
    section = page[page.index('id="projects"') :]
    assert f'href="/projects/{cafe.id}"' in section and "Elterncafé" in section
    assert f'href="/projects/{lotsen.id}"' in section and "Lotsenprojekt" in section
    assert "Woanders gefördert" not in section
    assert "Granted 12,000 €" in text(section)
    assert "Applied for</span>" in section
    # Ordered by region: Kassel was made first.
    assert section.index("Elterncafé") < section.index("Lotsenprojekt")


# --- Statements per page ------------------------------------------------------------------------


def statements_for(client, count_queries, path: str) -> int:
    client.get(path)  # warm-up: caches, first-request work
    with count_queries() as counted:
        assert client.get(path).status_code == 200
    return len(counted)


def test_the_catalogue_runs_the_same_statements_for_3_and_20_programmes(
    client, kassel, fulda, language, count_queries, today
):
    def add(numbers):
        for number in numbers:
            programme(
                f"Programm {number}",
                regions=[kassel, fulda] if number % 2 else [],
                fields=[language],
                deadlines=[(date(2026, 7, 1), "yearly", "Frist"), (date(2026, 9, 1), "none", "")],
            )
        db.session.commit()

    add(range(3))
    few = statements_for(client, count_queries, "/funding/")
    few_soon = statements_for(client, count_queries, "/funding/deadlines")
    add(range(3, 20))
    assert statements_for(client, count_queries, "/funding/") == few
    assert statements_for(client, count_queries, "/funding/?region=kassel&within=8") == few
    assert statements_for(client, count_queries, "/funding/deadlines") == few_soon


def test_the_programme_page_runs_the_same_statements_for_1_and_10_projects(
    client, kassel, count_queries, today
):
    item = programme(deadlines=[(date(2026, 7, 1), "yearly", "")])

    def add(numbers):
        for number in numbers:
            project = ProjectApproach(region=kassel, title=f"Projekt {number}")
            project.fundings = [ProjectFunding(programme=item, state="granted", amount=100)]
            db.session.add(project)
        db.session.commit()

    add(range(1))
    few = statements_for(client, count_queries, f"/funding/{item.id}")
    add(range(1, 10))
    assert statements_for(client, count_queries, f"/funding/{item.id}") == few


# --- Navigation --------------------------------------------------------------------------------


def test_the_main_navigation_links_the_catalogue(client, kassel):
    page = client.get("/funding/", headers=EN).get_data(as_text=True)
    nav = page[
        page.index('class="main-nav"') : page.index("</nav>", page.index('class="main-nav"'))
    ]
    assert '<a href="/funding/" aria-current="page">Funding programmes</a>' in nav
    start = client.get("/", headers=EN).get_data(as_text=True)
    assert '<a href="/funding/">Funding programmes</a>' in start
