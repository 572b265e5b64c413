"""Project approach pages: register, project page, adding and editing with their permissions
and validation, and the coordination view."""

import html
import re
from datetime import date
from typing import NamedTuple

import pytest

from app.concepts.models import ConceptItem, ConceptVersion, ItemKind, VersionState
from app.extensions import db
from app.projects.models import ProjectApproach
from app.proposals.models import ProposalStatus
from app.regions.models import FieldOfAction, Region
from tests import organisation_builders as org_build
from tests import participation_builders as build
from tests.conftest import log_in, post_form
from tests.factories import make_field_of_action, make_region, make_user, make_user_with_role
from tests.projects.builders import APPLIED, GRANTED, programme, project

EN = {"Accept-Language": "en"}


class Places(NamedTuple):
    kassel: Region
    wetzlar: Region
    language: FieldOfAction
    health: FieldOfAction


@pytest.fixture
def places(app):
    """Two regions and two fields of action."""
    places = Places(
        kassel=make_region("kassel", de="Kassel", en="Kassel"),
        wetzlar=make_region("wetzlar", de="Wetzlar", en="Wetzlar"),
        language=make_field_of_action("language", de="Sprache", en="Language"),
        health=make_field_of_action("health", de="Gesundheit", en="Health"),
    )
    db.session.commit()
    return places


def page_of(response) -> str:
    return response.get_data(as_text=True)


def form_data(**changes) -> dict:
    data = {
        "title": "Sprachcafé am Bahnhof",
        "description": "Jeden Dienstag Deutsch üben.",
        "language": "de",
        "field_of_action": "0",
        "status": "planned",
        "lead_organisation": "0",
        "lead_name": "Volkshochschule Kassel",
        "budget": "12000",
        "starts_on": "2026-03-01",
        "ends_on": "2026-12-31",
        "results_summary": "",
    }
    data.update(changes)
    return data


def titles(page: str) -> list[str]:
    return re.findall(r'class="project-card__title"[^>]*><a [^>]*>([^<]+)</a>', page)


def project_count() -> int:
    return db.session.scalar(db.select(db.func.count(ProjectApproach.id)))


def error_at(page: str, field_id: str) -> str:
    """The error message shown at the field with that id (empty when there is none)."""
    match = re.search(
        rf'id="{re.escape(field_id)}-error"><span class="visually-hidden">[^<]*</span>\s*([^<]+)<',
        page,
    )
    return html.unescape(match.group(1).strip()) if match else ""


# --- Permissions --------------------------------------------------------------------------------


def test_coordinator_adds_and_edits_projects_of_their_region(client, places):
    kassel, language = places.kassel, places.language
    coordinator = make_user_with_role("coordinator", region=kassel, locale="en")
    log_in(client, coordinator)
    db.session.commit()

    assert client.get("/projects/new?region=kassel").status_code == 200
    response = post_form(
        client, "/projects/new?region=kassel", form_data(field_of_action=str(language.id))
    )
    assert response.status_code == 302
    created = db.session.scalar(db.select(ProjectApproach))
    assert response.headers["Location"] == f"/projects/{created.id}"
    assert (created.region_id, created.title, created.budget) == (
        kassel.id,
        "Sprachcafé am Bahnhof",
        12000,
    )
    assert (created.starts_on, created.ends_on) == (date(2026, 3, 1), date(2026, 12, 31))
    assert created.field_of_action_id == language.id
    assert created.created_by_id == coordinator.id

    response = post_form(
        client, f"/projects/{created.id}/edit", form_data(title="Sprachcafé im Rathaus")
    )
    assert response.status_code == 302
    db.session.refresh(created)
    assert created.title == "Sprachcafé im Rathaus"


def test_coordinator_gets_403_for_another_regions_projects(client, places):
    kassel, wetzlar = places.kassel, places.wetzlar
    theirs = project(wetzlar, "Projekt in Wetzlar")
    log_in(client, make_user_with_role("coordinator", region=kassel, locale="en"))
    db.session.commit()

    assert client.get("/projects/new?region=wetzlar").status_code == 403
    assert post_form(client, "/projects/new?region=wetzlar", form_data()).status_code == 403
    assert client.get(f"/projects/{theirs.id}/edit").status_code == 403
    assert post_form(client, f"/projects/{theirs.id}/edit", form_data()).status_code == 403
    assert post_form(client, f"/projects/{theirs.id}/delete").status_code == 403
    db.session.refresh(theirs)
    assert theirs.title == "Projekt in Wetzlar"
    assert project_count() == 1
    # The page offers no editing either.
    page = page_of(client.get(f"/projects/{theirs.id}"))
    assert f"/projects/{theirs.id}/edit" not in page


def test_administrator_edits_projects_of_every_region(client, places):
    kassel, wetzlar = places.kassel, places.wetzlar
    first = project(kassel, "Projekt A")
    second = project(wetzlar, "Projekt B")
    log_in(client, make_user_with_role("administrator", locale="en"))
    db.session.commit()
    for item in (first, second):
        assert client.get(f"/projects/{item.id}/edit").status_code == 200
        response = post_form(client, f"/projects/{item.id}/edit", form_data(title="Neu benannt"))
        assert response.status_code == 302
    assert post_form(client, "/projects/new?region=wetzlar", form_data()).status_code == 302
    assert set(db.session.scalars(db.select(ProjectApproach.title))) == {
        "Neu benannt",
        "Sprachcafé am Bahnhof",
    }


@pytest.mark.parametrize("role", ["participant", "moderator"])
def test_participants_and_moderators_may_not_manage_projects(client, places, role):
    kassel = places.kassel
    item = project(kassel, "Projekt A")
    log_in(client, make_user_with_role(role, region=kassel, locale="en"))
    db.session.commit()
    assert client.get("/projects/new?region=kassel").status_code == 403
    assert post_form(client, "/projects/new?region=kassel", form_data()).status_code == 403
    assert client.get(f"/projects/{item.id}/edit").status_code == 403
    assert post_form(client, f"/projects/{item.id}/edit", form_data()).status_code == 403
    assert post_form(client, f"/projects/{item.id}/delete").status_code == 403
    assert client.get("/projects/coordination").status_code == 403
    assert project_count() == 1


def test_anonymous_visitors_read_but_are_sent_to_login_for_changes(client, places):
    kassel = places.kassel
    item = project(kassel, "Projekt A")
    db.session.commit()
    assert client.get("/projects/").status_code == 200
    assert client.get(f"/projects/{item.id}").status_code == 200
    for path in (
        "/projects/new?region=kassel",
        f"/projects/{item.id}/edit",
        "/projects/coordination",
    ):
        response = client.get(path)
        assert response.status_code == 302
        assert "/account/login" in response.headers["Location"]


def test_unknown_region_or_project_is_404(client, places):
    log_in(client, make_user_with_role("administrator", locale="en"))
    db.session.commit()
    assert client.get("/projects/new?region=atlantis").status_code == 404
    assert client.get("/projects/new").status_code == 404
    assert client.get("/projects/999").status_code == 404
    assert client.get("/projects/999/edit").status_code == 404


def test_delete_removes_the_project_and_returns_to_the_register(client, places):
    kassel = places.kassel
    item = project(kassel, "Projekt A")
    log_in(client, make_user_with_role("coordinator", region=kassel, locale="en"))
    db.session.commit()
    page = page_of(client.get(f"/projects/{item.id}"))
    assert f'action="/projects/{item.id}/delete"' in page
    response = post_form(client, f"/projects/{item.id}/delete")
    assert response.status_code == 302
    assert response.headers["Location"] == "/projects/?region=kassel"
    assert project_count() == 0


def test_posts_without_csrf_token_are_refused(client, places):
    kassel = places.kassel
    item = project(kassel, "Projekt A")
    log_in(client, make_user_with_role("coordinator", region=kassel, locale="en"))
    db.session.commit()
    assert client.post("/projects/new?region=kassel", data=form_data()).status_code == 400
    response = client.post(f"/projects/{item.id}/edit", data=form_data(title="Geändert"))
    assert response.status_code == 400
    assert client.post(f"/projects/{item.id}/delete").status_code == 400
    db.session.refresh(item)
    assert item.title == "Projekt A"
    assert project_count() == 1


# --- The form: rows, choices and validation -----------------------------------------------------


def test_form_saves_lead_partners_fundings_and_proposals(client, places):
    kassel, wetzlar = places.kassel, places.wetzlar
    coordinator = make_user_with_role("coordinator", region=kassel, locale="en")
    verein = org_build.organisation(kassel, name="Verein Brücke")
    partner = org_build.organisation(wetzlar, name="Netzwerk Lahn")
    wir = programme("WIR-Programm")
    amif = programme("AMIF", level="eu")
    consultation = build.consultation(kassel, phase="discussion")
    origin = build.proposal(consultation, make_user(), title="Mehr Sprachcafés")
    log_in(client, coordinator)
    db.session.commit()

    page = page_of(client.get("/projects/new?region=kassel", headers=EN))
    # The region's organisations come first, the others after them.
    assert page.index("Verein Brücke") < page.index("Netzwerk Lahn")
    assert '<optgroup label="Active in this region">' in page
    assert "Mehr Sprachcafés" in page

    data = form_data(
        lead_organisation=str(verein.id),
        lead_name="ignored because an organisation is chosen",
        proposals=str(origin.id),
    )
    data.update(
        {
            "partners-0-organisation": str(partner.id),
            "partners-1-organisation": "0",
            "partners-1-name": "Stadtbibliothek",
            "partners-2-organisation": "0",
            "partners-2-name": "",
            "fundings-0-programme": str(wir.id),
            "fundings-0-state": "granted",
            "fundings-0-amount": "8000",
            "fundings-1-programme": str(amif.id),
            "fundings-1-state": "applied",
            "fundings-1-amount": "",
            "fundings-2-programme": "0",
            "fundings-2-state": "applied",
        }
    )
    assert post_form(client, "/projects/new?region=kassel", data).status_code == 302
    created = db.session.scalar(db.select(ProjectApproach))
    assert created.lead_organisation_id == verein.id
    assert created.lead_name == ""
    assert [(p.organisation_id, p.name) for p in created.partners] == [
        (partner.id, ""),
        (None, "Stadtbibliothek"),
    ]
    assert [(f.programme_id, f.state, f.amount) for f in created.fundings] == [
        (wir.id, "granted", 8000),
        (amif.id, "applied", None),
    ]
    assert [p.id for p in created.proposals] == [origin.id]

    # The edit form shows what was saved, with room for more rows.
    page = page_of(client.get(f"/projects/{created.id}/edit"))
    assert 'name="partners-1-name" type="text" value="Stadtbibliothek"' in page
    assert 'name="partners-3-name"' in page
    assert f'value="{origin.id}" checked' in page
    assert re.search(r'id="fundings-0-amount"[^>]*value="8000"', page)


def test_editing_keeps_a_programme_the_project_already_names(client, places):
    kassel = places.kassel
    wir, amif = programme("WIR-Programm"), programme("AMIF")
    item = project(kassel, "Sprachcafé", fundings=[(wir, APPLIED, 8000)])
    log_in(client, make_user_with_role("coordinator", region=kassel, locale="en"))
    db.session.commit()
    data = form_data(
        **{
            "fundings-0-programme": str(wir.id),
            "fundings-0-state": "granted",
            "fundings-0-amount": "9000",
            "fundings-1-programme": str(amif.id),
            "fundings-1-state": "applied",
        }
    )
    assert post_form(client, f"/projects/{item.id}/edit", data).status_code == 302
    db.session.refresh(item)
    assert [(f.programme_id, f.state, f.amount) for f in item.fundings] == [
        (wir.id, "granted", 9000),
        (amif.id, "applied", None),
    ]


def test_end_before_start_is_refused_at_the_end_date_with_the_input_kept(client, places):
    kassel = places.kassel
    log_in(client, make_user_with_role("coordinator", region=kassel, locale="en"))
    db.session.commit()
    response = post_form(
        client,
        "/projects/new?region=kassel",
        form_data(starts_on="2026-06-01", ends_on="2026-01-31"),
        headers=EN,
    )
    page = page_of(response)
    assert response.status_code == 200
    assert error_at(page, "ends_on") == "The project must end after it starts."
    assert 'value="Sprachcafé am Bahnhof"' in page
    assert 'value="2026-06-01"' in page
    assert project_count() == 0


def test_unknown_or_unverified_organisations_are_refused_at_their_fields(client, places):
    kassel = places.kassel
    waiting = org_build.organisation(kassel, name="Wartender Verein", status="requested")
    log_in(client, make_user_with_role("coordinator", region=kassel, locale="en"))
    db.session.commit()

    response = post_form(
        client, "/projects/new?region=kassel", form_data(lead_organisation="987654"), headers=EN
    )
    page = page_of(response)
    assert error_at(page, "lead_organisation") == (
        "Please choose a verified organisation from the directory."
    )
    assert 'value="Volkshochschule Kassel"' in page

    response = post_form(
        client,
        "/projects/new?region=kassel",
        form_data(**{"partners-0-organisation": str(waiting.id)}),
        headers=EN,
    )
    page = page_of(response)
    assert error_at(page, "partners") == (
        "Please choose a verified organisation from the directory."
    )
    # Unverified organisations are not offered in the first place.
    assert "Wartender Verein" not in page
    assert project_count() == 0


def test_proposal_of_another_region_is_refused_at_the_proposals(client, places):
    kassel, wetzlar = places.kassel, places.wetzlar
    here = build.proposal(build.consultation(kassel), make_user(), title="Vorschlag hier")
    elsewhere = build.proposal(build.consultation(wetzlar), make_user(), title="Vorschlag dort")
    hidden = build.proposal(
        build.consultation(kassel), make_user(), title="Verborgen", moderation_state="hidden"
    )
    log_in(client, make_user_with_role("coordinator", region=kassel, locale="en"))
    db.session.commit()

    page = page_of(client.get("/projects/new?region=kassel"))
    assert "Vorschlag hier" in page
    assert "Vorschlag dort" not in page
    assert "Verborgen" not in page

    for foreign in (elsewhere, hidden):
        response = post_form(
            client,
            "/projects/new?region=kassel",
            {**form_data(), "proposals": [str(here.id), str(foreign.id)]},
            headers=EN,
        )
        page = page_of(response)
        assert error_at(page, "proposals") == (
            "Please choose published proposals from this region's consultations."
        )
        assert f'value="{here.id}" checked' in page
    assert project_count() == 0


def test_all_mistakes_show_at_once_with_row_errors_at_their_inputs(client, places):
    kassel = places.kassel
    log_in(client, make_user_with_role("coordinator", region=kassel, locale="en"))
    db.session.commit()
    data = form_data(lead_name="", starts_on="2026-06-01", ends_on="2026-05-31", budget="-3")
    data.update({"fundings-1-programme": "0", "fundings-1-amount": "500"})
    response = post_form(client, "/projects/new?region=kassel", data, headers=EN)
    page = page_of(response)
    assert response.status_code == 200
    assert error_at(page, "fundings-1-amount") == (
        "Please choose the programme this amount comes from."
    )
    assert error_at(page, "fundings") == "Please check the entries marked below."
    assert '<a href="#fundings">Funding: Please check the entries marked below.</a>' in page
    assert error_at(page, "budget") == "Please enter whole euros from 0 to 2,000,000,000."
    assert error_at(page, "lead_organisation") == (
        "Please name the lead: an organisation of the directory or another name."
    )
    assert error_at(page, "ends_on") == "The project must end after it starts."
    assert re.search(r'<input [^>]*id="fundings-1-amount"[^>]*value="500"', page)  # input kept
    assert project_count() == 0


def test_the_same_programme_twice_is_refused(client, places):
    kassel = places.kassel
    wir = programme("WIR-Programm")
    log_in(client, make_user_with_role("coordinator", region=kassel, locale="en"))
    db.session.commit()
    data = form_data(
        **{
            "fundings-0-programme": str(wir.id),
            "fundings-0-state": "applied",
            "fundings-1-programme": str(wir.id),
            "fundings-1-state": "granted",
        }
    )
    page = page_of(post_form(client, "/projects/new?region=kassel", data, headers=EN))
    assert error_at(page, "fundings") == "Each programme can be listed once."
    assert project_count() == 0


# --- The register -------------------------------------------------------------------------------


def test_register_groups_by_region_and_filters(client, places):
    kassel, wetzlar, language, health = places
    project(kassel, "Sprachcafé", field=language, status="running")
    project(kassel, "Gesundheitslotsen", field=health, status="idea")
    project(wetzlar, "Lernpaten", field=language, status="completed", language="tr")
    db.session.commit()

    page = page_of(client.get("/projects/", headers=EN))
    assert "3 project approaches found" in page
    assert page.index('id="region-kassel-heading"') < page.index('id="region-wetzlar-heading"')
    # Running before ideas within a region.
    assert titles(page) == ["Sprachcafé", "Gesundheitslotsen", "Lernpaten"]
    assert 'lang="tr" dir="auto">Lernpaten</a>' in page

    assert titles(page_of(client.get("/projects/?region=kassel"))) == [
        "Sprachcafé",
        "Gesundheitslotsen",
    ]
    assert titles(page_of(client.get("/projects/?field=language"))) == ["Sprachcafé", "Lernpaten"]
    assert titles(page_of(client.get("/projects/?status=completed"))) == ["Lernpaten"]
    assert titles(page_of(client.get("/projects/?region=kassel&field=language"))) == ["Sprachcafé"]
    # Unknown values are ignored, never an error.
    response = client.get("/projects/?region=%27%3B--&field=<x>&status=../../etc")
    assert response.status_code == 200
    assert len(titles(page_of(response))) == 3


def test_register_shows_status_field_lead_period_budget_and_granted_sum(client, places):
    kassel, language = places.kassel, places.language
    verein = org_build.organisation(kassel, name="Verein Brücke")
    wir, amif, other = programme("WIR"), programme("AMIF"), programme("Stiftung")
    project(
        kassel,
        "Sprachcafé",
        field=language,
        lead=verein,
        budget=24000,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        fundings=[(wir, GRANTED, 15000), (amif, GRANTED, 2500), (other, APPLIED, 9000)],
    )
    db.session.commit()
    page = page_of(client.get("/projects/", headers=EN))
    assert "Running" in page
    assert "Language" in page
    assert f'href="/organisations/{verein.id}"' in page
    assert "<bdi>Jan 1, 2026</bdi> to <bdi>Dec 31, 2026</bdi>" in page
    assert "24,000 €" in page
    assert "17,500 €" in page  # granted only, the application still open is not counted


def test_register_runs_a_fixed_number_of_queries(client, places, count_queries):
    kassel, wetzlar, language = places.kassel, places.wetzlar, places.language
    sequence = iter(range(1000))

    def add(count: int) -> None:
        # Every project with its own organisations, programme, consultation and proposal, so a
        # query per row would show in the count.
        for _ in range(count):
            number = next(sequence)
            region = kassel if number % 2 else wetzlar
            lead = org_build.organisation(region, name=f"Verein {number}")
            partner = org_build.organisation(region, name=f"Partner {number}")
            origin = build.proposal(build.consultation(region), make_user())
            project(
                region,
                f"Projekt {number}",
                field=language,
                lead=lead if number % 3 else None,
                partners=[partner, "Stadtbibliothek"],
                fundings=[(programme(f"Programm {number}", fields=[language]), GRANTED, 1000)],
                proposals=[origin],
            )
        db.session.commit()

    def statements() -> int:
        client.get("/projects/")  # warm up (session, caches)
        with count_queries() as counter:
            page = page_of(client.get("/projects/"))
        assert f"Projekt {number_of_projects() - 1}" in page
        return len(counter)

    def number_of_projects() -> int:
        return project_count()

    add(3)
    few = statements()
    add(17)
    assert statements() == few


# --- The project page ---------------------------------------------------------------------------


def test_project_page_shows_facts_partners_fundings_and_origin(client, places):
    kassel, language = places.kassel, places.language
    verein = org_build.organisation(kassel, name="Verein Brücke")
    partner = org_build.organisation(kassel, name="Netzwerk Lahn")
    wir = programme("WIR-Programm")
    consultation = build.consultation(kassel, phase="discussion")
    author = make_user()
    accepted = build.proposal(consultation, author, title="Mehr Sprachcafés")
    build.official_answer(accepted, make_user(), ProposalStatus.ACCEPTED)
    hidden = build.proposal(consultation, author, title="Verborgen", moderation_state="hidden")
    item = project(
        kassel,
        "Sprachcafé",
        field=language,
        lead=verein,
        partners=[partner, "Stadtbibliothek"],
        fundings=[(wir, GRANTED, 18000)],
        proposals=[accepted, hidden],
        budget=24000,
    )
    db.session.commit()

    page = page_of(client.get(f"/projects/{item.id}", headers=EN))
    assert re.search(r'<h1 id="project-title"\s+lang="de" dir="auto">Sprachcafé</h1>', page)
    assert f'href="/organisations/{verein.id}"' in page
    assert f'href="/organisations/{partner.id}"' in page
    assert '<span dir="auto">Stadtbibliothek</span>' in page
    assert f'href="/funding/{wir.id}"' in page
    assert "Granted" in page and "18,000 €" in page
    assert f'href="/consultations/{consultation.id}/proposals/{accepted.id}"' in page
    assert 'badge--accepted">Accepted</span>' in page
    # A proposal hidden by moderation is not shown.
    assert "Verborgen" not in page


def test_results_are_shown_once_the_project_is_completed(client, places):
    kassel = places.kassel
    running = project(kassel, "Läuft", results_summary="Noch nichts.")
    done = project(kassel, "Fertig", status="completed", results_summary="40 Patenschaften.")
    db.session.commit()
    assert "Noch nichts." not in page_of(client.get(f"/projects/{running.id}"))
    page = page_of(client.get(f"/projects/{done.id}", headers=EN))
    assert 'id="results-heading">Results</h2>' in page
    assert "40 Patenschaften." in page


def test_project_page_lists_measures_of_the_current_concept_only(client, places):
    kassel, language = places.kassel, places.language
    item = project(kassel, "Sprachcafé", field=language)

    def version(number: int, state: str, measure_title: str) -> ConceptItem:
        concept = ConceptVersion(region=kassel, number=number, state=state)
        goal = ConceptItem(
            version=concept,
            key=f"goal{number}",
            kind=ItemKind.GOAL,
            title="Ziel",
            field_of_action=language,
        )
        db.session.add_all([concept, goal])
        db.session.flush()
        measure = ConceptItem(
            version=concept,
            key="measure-key",
            kind=ItemKind.MEASURE,
            goal_id=goal.id,
            title=measure_title,
            field_of_action=language,
            status="in_progress",
        )
        measure.projects = [item]
        db.session.add(measure)
        db.session.flush()
        return measure

    version(1, VersionState.PUBLISHED, "Alte Maßnahme")
    version(2, VersionState.PUBLISHED, "Aktuelle Maßnahme")
    version(3, VersionState.DRAFT, "Maßnahme im Entwurf")
    db.session.commit()

    page = page_of(client.get(f"/projects/{item.id}", headers=EN))
    assert 'href="/regions/kassel/concept#item-measure-key"' in page
    assert "Aktuelle Maßnahme" in page
    assert "Alte Maßnahme" not in page
    assert "Maßnahme im Entwurf" not in page


def test_overlap_hint_for_overlapping_periods_only(client, places):
    kassel, wetzlar, language, health = places
    item = project(
        kassel, "Sprachcafé", field=language, starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30)
    )
    project(
        kassel,
        "Deutschkurs",
        field=language,
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 12, 31),
    )
    project(
        kassel, "Vorher", field=language, starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31)
    )
    project(kassel, "Anderes Feld", field=health, starts_on=date(2026, 1, 1))
    project(wetzlar, "Andere Region", field=language, starts_on=date(2026, 1, 1))
    db.session.commit()

    page = page_of(client.get(f"/projects/{item.id}", headers=EN))
    overlaps = page[page.index('id="overlaps-heading"') :]
    overlaps = overlaps[: overlaps.index("</section>")]
    assert "Deutschkurs" in overlaps
    for separate in ("Vorher", "Anderes Feld", "Andere Region"):
        assert separate not in overlaps


def test_no_overlap_hint_for_separate_periods(client, places):
    kassel, language = places.kassel, places.language
    item = project(
        kassel, "Sprachcafé", field=language, starts_on=date(2026, 1, 1), ends_on=date(2026, 3, 31)
    )
    project(
        kassel, "Deutschkurs", field=language, starts_on=date(2026, 4, 1), ends_on=date(2026, 9, 30)
    )
    db.session.commit()
    page = page_of(client.get(f"/projects/{item.id}", headers=EN))
    assert 'id="overlaps-heading"' not in page


def test_similar_projects_from_other_regions(client, places):
    kassel, wetzlar, language, health = places
    item = project(kassel, "Sprachcafé", field=language)
    project(kassel, "Deutschkurs", field=language)
    project(wetzlar, "Lernpaten Wetzlar", field=language, status="completed")
    project(wetzlar, "Gesundheit Wetzlar", field=health)
    project(wetzlar, "Abgebrochen", field=language, status="discontinued")
    db.session.commit()
    page = page_of(client.get(f"/projects/{item.id}", headers=EN))
    similar = page[page.index('id="similar-heading"') :]
    assert titles(similar) == ["Lernpaten Wetzlar"]
    assert "Wetzlar" in similar


# --- Coordination view --------------------------------------------------------------------------


def test_coordination_matrix_counts_projects_and_programmes(client, places):
    kassel, wetzlar, language, health = places
    project(kassel, "A", field=language)
    project(kassel, "B", field=language)
    project(kassel, "C", field=health)
    project(wetzlar, "D", field=health)
    programme("Für alle", fields=[language])
    programme("Nur Wetzlar", all_regions=False, regions=[wetzlar], fields=[language, health])
    log_in(client, make_user_with_role("coordinator", region=kassel, locale="en"))
    db.session.commit()

    response = client.get("/projects/coordination", headers=EN)
    assert response.status_code == 200
    page = page_of(response)
    assert "<caption" in page
    assert '<th scope="col">Region</th>' in page

    def cell(region: str, field: str) -> str:
        match = re.search(
            rf'<a href="/projects/\?region={region}&amp;field={field}"[^>]*>([^<]+)</a>\s*'
            rf'<span aria-hidden="true">·</span>\s*'
            rf'<a href="/funding/\?region={region}&amp;field={field}">([^<]+)</a>',
            page,
        )
        assert match, (region, field)
        return f"{match.group(1)} · {match.group(2)}"

    assert cell("kassel", "language") == "2 projects · 1 programme"
    assert cell("kassel", "health") == "1 project · 0 programmes"
    assert cell("wetzlar", "language") == "0 projects · 2 programmes"
    assert cell("wetzlar", "health") == "1 project · 1 programme"
    assert re.search(r'<a href="/projects/\?region=kassel">3 projects</a></td>', page)


def test_coordination_lists_overlap_groups_per_region(client, places):
    kassel, language, health = places.kassel, places.language, places.health
    project(kassel, "Erstes", field=language, starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30))
    project(kassel, "Zweites", field=language, starts_on=date(2026, 5, 1))
    project(kassel, "Allein", field=health, starts_on=date(2026, 1, 1))
    log_in(client, make_user_with_role("administrator", locale="en"))
    db.session.commit()
    page = page_of(client.get("/projects/coordination", headers=EN))
    overlaps = page[page.index('id="overlaps-heading"') :]
    assert 'id="overlaps-kassel"' in overlaps
    assert "Erstes" in overlaps and "Zweites" in overlaps
    assert "Allein" not in overlaps
    assert 'id="overlaps-wetzlar"' not in overlaps
