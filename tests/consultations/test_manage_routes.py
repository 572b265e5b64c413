"""Coordinators' consultation pages (new, edit, publish, archive) and the consultation list."""

import re
from datetime import UTC, datetime

import pytest

from app.consultations.models import Consultation, ConsultationState, Phase
from app.extensions import db
from tests.conftest import post_form
from tests.factories import make_consultation, make_field_of_action, make_region


@pytest.fixture
def kassel():
    region = make_region("kassel", de="Stadt Kassel", en="City of Kassel")
    language = make_field_of_action("language", de="Sprache und Bildung", en="Language")
    work = make_field_of_action("work", de="Arbeit und Ausbildung", en="Work")
    region.fields_of_action = [language, work]
    db.session.commit()
    return region


@pytest.fixture
def wetzlar():
    region = make_region("wetzlar", de="Stadt Wetzlar", en="City of Wetzlar")
    region.fields_of_action = [make_field_of_action("health", de="Gesundheit", en="Health")]
    db.session.commit()
    return region


def field_of_action(slug: str):
    from app.regions.models import FieldOfAction

    return db.session.scalar(db.select(FieldOfAction).where(FieldOfAction.slug == slug))


def form_data(**changes) -> dict:
    """A complete, valid form: information and proposals phase, typed in German time."""
    values = {
        "title_de": "Sprachcafés in Kassel",
        "title_en": "Language cafés in Kassel",
        "summary_de": "Wo sollen neue Sprachcafés entstehen?",
        "description_de": "Wir sammeln *Ideen*.",
        "information_starts_at": "2026-07-01T10:00",
        "information_ends_at": "2026-07-08T10:00",
        "proposals_included": "y",
        "proposals_starts_at": "2026-07-08T10:00",
        "proposals_ends_at": "2026-08-01T00:00",
        "moderation_mode": "post",
        "voting_mode": "support",
        "vote_budget": "0",
        "answer_threshold": "0",
        "eligibility": "registered",
    }
    values.update(changes)
    return {key: value for key, value in values.items() if value is not None}


def field_error(page: str, field_id: str) -> str:
    match = re.search(rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', page, re.S)
    assert match, f"no error shown next to {field_id}"
    return match.group(1)


def checkbox(page: str, field_id: str) -> str:
    match = re.search(rf'<input[^>]*id="{field_id}"[^>]*>', page)
    assert match, f"no input {field_id}"
    return match.group(0)


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response.location.startswith("/account/login")


def count_consultations() -> int:
    return db.session.scalar(db.select(db.func.count(Consultation.id)))


def flashes(client) -> list[tuple[str, str]]:
    with client.session_transaction() as session:
        return list(session.get("_flashes", []))


# --- who may open the pages -------------------------------------------------------------------


@pytest.mark.parametrize(
    "path_template",
    ["/consultations/new", "/consultations/new?region=kassel", "/consultations/{id}/edit"],
)
def test_anonymous_visitors_are_sent_to_login(client, kassel, path_template):
    consultation = make_consultation(kassel, state="draft")
    db.session.commit()
    assert is_login_redirect(client.get(path_template.format(id=consultation.id)))


@pytest.mark.parametrize("action", ["publish", "archive"])
def test_anonymous_visitors_cannot_publish_or_archive(client, kassel, action):
    consultation = make_consultation(kassel, state="draft" if action == "publish" else "published")
    db.session.commit()
    response = post_form(client, f"/consultations/{consultation.id}/{action}")
    assert is_login_redirect(response)
    db.session.refresh(consultation)
    assert consultation.state == ("draft" if action == "publish" else "published")


ROLES = [
    ("participant", None, 403),
    ("moderator", "kassel", 403),
    ("coordinator", "wetzlar", 403),
    ("coordinator", "kassel", 200),
    ("administrator", None, 200),
]


@pytest.mark.parametrize(("role", "region", "status"), ROLES)
def test_who_may_open_the_new_page(client, login_as, kassel, wetzlar, role, region, status):
    login_as(role, region={"kassel": kassel, "wetzlar": wetzlar}.get(region))
    assert client.get("/consultations/new?region=kassel").status_code == status


@pytest.mark.parametrize(("role", "region", "status"), ROLES)
def test_who_may_open_the_edit_page(client, login_as, kassel, wetzlar, role, region, status):
    consultation = make_consultation(kassel, state="draft")
    db.session.commit()
    login_as(role, region={"kassel": kassel, "wetzlar": wetzlar}.get(region))
    assert client.get(f"/consultations/{consultation.id}/edit").status_code == status


@pytest.mark.parametrize(("role", "region", "status"), ROLES)
def test_who_may_create(client, login_as, kassel, wetzlar, role, region, status):
    login_as(role, region={"kassel": kassel, "wetzlar": wetzlar}.get(region))
    response = post_form(client, "/consultations/new?region=kassel", form_data())
    assert response.status_code == (302 if status == 200 else status)
    assert count_consultations() == (1 if status == 200 else 0)


@pytest.mark.parametrize(("role", "region", "status"), ROLES)
def test_who_may_edit(client, login_as, kassel, wetzlar, role, region, status):
    consultation = make_consultation(kassel, state="draft")
    db.session.commit()
    login_as(role, region={"kassel": kassel, "wetzlar": wetzlar}.get(region))
    response = post_form(
        client, f"/consultations/{consultation.id}/edit", form_data(title_de="Geändert")
    )
    assert response.status_code == (302 if status == 200 else status)
    db.session.refresh(consultation)
    assert (consultation.title["de"] == "Geändert") is (status == 200)


@pytest.mark.parametrize(("role", "region", "status"), ROLES)
@pytest.mark.parametrize("action", ["publish", "archive"])
def test_who_may_publish_and_archive(
    client, login_as, kassel, wetzlar, role, region, status, action
):
    before = "draft" if action == "publish" else "published"
    consultation = make_consultation(kassel, state=before)
    db.session.commit()
    login_as(role, region={"kassel": kassel, "wetzlar": wetzlar}.get(region))
    response = post_form(client, f"/consultations/{consultation.id}/{action}")
    assert response.status_code == (302 if status == 200 else status)
    db.session.refresh(consultation)
    after = "published" if action == "publish" else "archived"
    assert consultation.state == (after if status == 200 else before)


def test_unknown_consultation_and_region_are_404(client, login_as, kassel):
    login_as("administrator")
    assert client.get("/consultations/999/edit").status_code == 404
    assert client.get("/consultations/new?region=nowhere").status_code == 404
    assert post_form(client, "/consultations/999/publish").status_code == 404


@pytest.mark.parametrize(
    "path_template",
    [
        "/consultations/new?region=kassel",
        "/consultations/{id}/edit",
        "/consultations/{id}/publish",
        "/consultations/{id}/archive",
    ],
)
def test_changes_without_csrf_token_are_refused(client, login_as, kassel, path_template):
    consultation = make_consultation(kassel, state="draft")
    db.session.commit()
    login_as("coordinator", region=kassel)
    path = path_template.format(id=consultation.id)
    response = client.post(path, data=form_data(title_de="Ohne Token"))
    assert response.status_code == 400
    response = client.post(path, data={**form_data(title_de="Falsch"), "csrf_token": "forged"})
    assert response.status_code == 400
    db.session.refresh(consultation)
    assert consultation.state == "draft"
    assert count_consultations() == 1
    assert not consultation.title["de"].startswith(("Ohne", "Falsch"))


# --- choosing the region ----------------------------------------------------------------------


def test_coordinator_of_one_region_gets_its_form_at_once(client, login_as, kassel, wetzlar):
    login_as("coordinator", region=kassel)
    page = client.get("/consultations/new").get_data(as_text=True)
    assert 'action="/consultations/new?region=kassel"' in page
    assert 'name="region"' not in page  # nothing to choose
    assert "Sprache und Bildung" in page
    assert "Gesundheit" not in page


def test_region_select_lists_only_regions_where_the_user_may_create(
    client, login_as, kassel, wetzlar
):
    from app.accounts.models import RoleAssignment

    giessen = make_region("giessen", de="Stadt Gießen")
    user = login_as("coordinator", region=kassel)
    db.session.add(RoleAssignment(user_id=user.id, role="coordinator", region=giessen))
    db.session.commit()
    page = client.get("/consultations/new").get_data(as_text=True)
    options = re.findall(r'<option[^>]*value="([^"]+)"', page.split('name="region"')[1])
    assert set(options[:2]) == {"kassel", "giessen"}
    assert "wetzlar" not in page
    assert "consultation-form" not in page  # the form waits for the choice
    page = client.get("/consultations/new?region=giessen").get_data(as_text=True)
    assert 'action="/consultations/new?region=giessen"' in page
    assert '<option selected value="giessen">' in page


def test_administrator_chooses_among_all_regions(client, login_as, kassel, wetzlar):
    login_as("administrator")
    page = client.get("/consultations/new").get_data(as_text=True)
    assert 'value="kassel"' in page
    assert 'value="wetzlar"' in page


def test_new_page_structure(client, login_as, kassel):
    login_as("coordinator", region=kassel, locale="en")
    page = client.get("/consultations/new?region=kassel").get_data(as_text=True)
    assert page.count("<h1") == 1
    for kind, name in (("information", "Information"), ("voting", "Voting")):
        fieldset = page.split(f'id="phase-{kind}"')[1].split("</fieldset>")[0]
        assert f'<legend class="fieldset__legend">{name}</legend>' in fieldset
        assert f'<label class="form-label" for="{kind}_starts_at">' in fieldset
        assert 'type="datetime-local"' in fieldset
    assert 'for="voting_included"' in page
    assert 'id="information_included"' not in page  # the information phase is required
    assert "0 means unlimited." in page
    assert "0 means no threshold." in page
    assert "Pre-moderation: a moderator checks every new proposal" in page
    assert (
        page.index('id="title_de"')
        < page.index('id="information_starts_at"')
        < page.index('id="moderation_mode"')
    )


# --- creating ---------------------------------------------------------------------------------


def test_coordinator_creates_a_consultation(client, login_as, kassel):
    user = login_as("coordinator", region=kassel, locale="en")
    work = field_of_action("work")
    response = post_form(
        client,
        "/consultations/new?region=kassel",
        form_data(
            fields_of_action=[str(work.id)],
            voting_included="y",
            voting_starts_at="2026-11-01T09:00",
            voting_ends_at="2026-11-15T18:00",
            moderation_mode="pre",
            voting_mode="for_against",
            vote_budget="5",
            answer_threshold="100",
            eligibility="residents",
        ),
    )
    consultation = db.session.scalar(db.select(Consultation))
    assert response.status_code == 302
    assert response.location == f"/consultations/{consultation.id}"
    assert consultation.region_id == kassel.id
    assert consultation.state == ConsultationState.DRAFT
    assert consultation.created_by_id == user.id
    assert consultation.title == {"de": "Sprachcafés in Kassel", "en": "Language cafés in Kassel"}
    assert [item.slug for item in consultation.fields_of_action] == ["work"]
    assert (
        consultation.moderation_mode,
        consultation.voting_mode,
        consultation.vote_budget,
        consultation.answer_threshold,
        consultation.eligibility,
    ) == ("pre", "for_against", 5, 100, "residents")
    stored = {phase.kind: (phase.starts_at, phase.ends_at) for phase in consultation.phases}
    assert stored == {
        "information": (datetime(2026, 7, 1, 8, 0), datetime(2026, 7, 8, 8, 0)),  # summer: UTC+2
        "proposals": (datetime(2026, 7, 8, 8, 0), datetime(2026, 7, 31, 22, 0)),
        "voting": (datetime(2026, 11, 1, 8, 0), datetime(2026, 11, 15, 17, 0)),  # winter: UTC+1
    }
    assert flashes(client) == [
        ("success", "The consultation has been saved as a draft. Publish it when it is ready.")
    ]


def test_an_unticked_phase_is_left_out_whatever_is_typed(client, login_as, kassel):
    login_as("coordinator", region=kassel)
    response = post_form(
        client,
        "/consultations/new?region=kassel",
        form_data(
            proposals_included=None,
            proposals_starts_at="not a date",
            discussion_starts_at="2026-09-01T10:00",
        ),
    )
    assert response.status_code == 302
    consultation = db.session.scalar(db.select(Consultation))
    assert [phase.kind for phase in consultation.phases] == ["information"]


# --- refused input: shown next to the field, everything typed kept ------------------------------


def test_missing_german_title_keeps_the_input(client, login_as, kassel):
    login_as("coordinator", region=kassel, locale="en")
    language = field_of_action("language")
    response = post_form(
        client,
        "/consultations/new?region=kassel",
        form_data(
            title_de="  ",
            title_en="Typed English title",
            title_ar="عنوان",
            fields_of_action=[str(language.id)],
            vote_budget="4",
            moderation_mode="pre",
        ),
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Please fill in this field." in field_error(page, "title_de")
    assert 'href="#title_de"' in page  # listed in the summary with a link to the field
    assert 'value="Typed English title"' in page
    assert 'value="عنوان"' in page
    assert "Wo sollen neue Sprachcafés entstehen?</textarea>" in page
    assert 'value="2026-07-01T10:00"' in page
    assert 'value="2026-08-01T00:00"' in page
    assert (
        f'<input checked class="checkbox__input" id="fields_of_action-0" name="fields_of_action" '
        f'type="checkbox" value="{language.id}">'
    ) in page
    assert 'name="vote_budget"' in page and 'value="4"' in page
    assert '<option selected value="pre">' in page
    assert count_consultations() == 0


def test_overlapping_phases_are_refused_next_to_the_later_phase(client, login_as, kassel):
    login_as("coordinator", region=kassel, locale="en")
    response = post_form(
        client,
        "/consultations/new?region=kassel",
        form_data(proposals_starts_at="2026-07-05T10:00"),
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    error = field_error(page, "proposals_starts_at")
    assert "This phase starts before the phase “Information” ends." in error
    assert 'aria-describedby="proposals_starts_at-error"' in page
    assert 'aria-invalid="true"' in page
    assert 'value="2026-07-05T10:00"' in page
    assert count_consultations() == 0


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        (
            {"information_ends_at": "2026-06-01T10:00"},
            "information_ends_at",
            "The phase must end after it starts.",
        ),
        ({"information_starts_at": ""}, "information_starts_at", "Please enter a date and time."),
        (
            {"information_starts_at": "2026-13-45T99:00"},
            "information_starts_at",
            "Please enter a valid date and time.",
        ),
        ({"proposals_ends_at": ""}, "proposals_ends_at", "Please enter a date and time."),
        (
            {"voting_included": "y", "voting_starts_at": "2026-09-01T10:00"},
            "voting_ends_at",
            "Please enter a date and time.",
        ),
        ({"vote_budget": "-1"}, "vote_budget", "Please enter a whole number from 0 to 1000."),
        (
            {"vote_budget": "zwei"},
            "vote_budget",
            "Please enter a whole number, for example 0 or 5.",
        ),
        ({"answer_threshold": ""}, "answer_threshold", "Please enter a whole number"),
        ({"moderation_mode": "never"}, "moderation_mode", "Please choose one of the options."),
        ({"eligibility": "everyone"}, "eligibility", "Please choose one of the options."),
    ],
)
def test_bad_input_is_shown_next_to_its_field(client, login_as, kassel, changes, field_id, message):
    login_as("coordinator", region=kassel, locale="en")
    response = post_form(client, "/consultations/new?region=kassel", form_data(**changes))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in field_error(page, field_id)
    for name, value in changes.items():  # what was typed is shown again (choices aside)
        if value and name not in ("voting_included", "moderation_mode", "eligibility"):
            assert f'name="{name}"' in page and f'value="{value}"' in page
    assert count_consultations() == 0


@pytest.mark.parametrize("tampered", ["999999", "not-a-number", "other-region", "inactive"])
def test_tampered_field_of_action_is_refused(client, login_as, kassel, wetzlar, tampered):
    language = field_of_action("language")
    retired = make_field_of_action("retired", de="Ausgelaufen")
    retired.is_active = False
    kassel.fields_of_action.append(retired)
    db.session.commit()
    value = {
        "other-region": str(field_of_action("health").id),
        "inactive": str(retired.id),
    }.get(tampered, tampered)
    login_as("coordinator", region=kassel, locale="en")
    response = post_form(
        client,
        "/consultations/new?region=kassel",
        form_data(fields_of_action=[str(language.id), value]),
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Please choose only fields of action from the list." in field_error(
        page, "fields_of_action"
    )
    assert "Ausgelaufen" not in page
    assert count_consultations() == 0


# --- editing ----------------------------------------------------------------------------------


@pytest.fixture
def summer_consultation(kassel, time_machine):
    """Information 1-8 July 2026 10:00 Berlin time, proposals from 8 July, as stored in UTC."""
    time_machine.move_to(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False)
    consultation = make_consultation(
        kassel,
        state="draft",
        phases={},
        title={"de": "Sprachcafés", "en": "Language cafés"},
        fields_of_action=[field_of_action("work")],
        vote_budget=3,
        eligibility="residents",
    )
    consultation.phases = [
        Phase(
            kind="information", starts_at=datetime(2026, 7, 1, 8), ends_at=datetime(2026, 7, 8, 8)
        ),
        Phase(
            kind="results", starts_at=datetime(2026, 12, 1, 9), ends_at=datetime(2026, 12, 24, 9)
        ),
    ]
    db.session.commit()
    return consultation


def test_edit_page_shows_the_stored_values_in_german_time(
    client, login_as, kassel, summer_consultation
):
    login_as("coordinator", region=kassel)
    page = client.get(f"/consultations/{summer_consultation.id}/edit").get_data(as_text=True)
    assert 'value="Sprachcafés"' in page
    assert 'value="Language cafés"' in page
    assert (
        'id="information_starts_at" name="information_starts_at" required '
        'type="datetime-local" value="2026-07-01T10:00"'
    ) in page
    assert 'value="2026-07-08T10:00"' in page
    assert 'value="2026-12-01T10:00"' in page  # winter time: UTC+1
    assert "checked" in checkbox(page, "results_included")
    assert "checked" not in checkbox(page, "proposals_included")
    assert 'value="3"' in page
    assert '<option selected value="residents">' in page
    work = field_of_action("work")
    assert (
        f'<input checked class="checkbox__input" id="fields_of_action-1" name="fields_of_action" '
        f'type="checkbox" value="{work.id}">'
    ) in page


def test_edit_saves_and_replaces_the_phases(client, login_as, kassel, summer_consultation):
    login_as("coordinator", region=kassel)
    results_id = summer_consultation.phase("results").id
    response = post_form(
        client,
        f"/consultations/{summer_consultation.id}/edit",
        form_data(
            title_de="Neue Sprachcafés",
            results_included="y",
            results_starts_at="2027-01-10T10:00",
            results_ends_at="2027-02-01T10:00",
        ),
    )
    assert response.status_code == 302
    assert response.location == f"/consultations/{summer_consultation.id}"
    db.session.expire_all()
    consultation = db.session.get(Consultation, summer_consultation.id)
    assert consultation.title["de"] == "Neue Sprachcafés"
    assert consultation.fields_of_action == []  # no box ticked
    stored = {phase.kind: (phase.starts_at, phase.ends_at) for phase in consultation.phases}
    assert stored == {
        "information": (datetime(2026, 7, 1, 8, 0), datetime(2026, 7, 8, 8, 0)),
        "proposals": (datetime(2026, 7, 8, 8, 0), datetime(2026, 7, 31, 22, 0)),
        "results": (datetime(2027, 1, 10, 9, 0), datetime(2027, 2, 1, 9, 0)),
    }
    assert consultation.phase("results").id == results_id


def test_edit_refuses_overlaps_and_keeps_the_stored_schedule(
    client, login_as, kassel, summer_consultation
):
    login_as("coordinator", region=kassel, locale="en")
    response = post_form(
        client,
        f"/consultations/{summer_consultation.id}/edit",
        form_data(
            results_included="y",
            results_starts_at="2026-07-20T10:00",
            results_ends_at="2026-07-30T10:00",
        ),
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "“Proposals”" in field_error(page, "results_starts_at")
    db.session.expire_all()
    assert {
        phase.kind for phase in db.session.get(Consultation, summer_consultation.id).phases
    } == {
        "information",
        "results",
    }


def test_stale_edit_form_gets_a_conflict_then_saves_on_purpose(
    client, login_as, kassel, summer_consultation, time_machine
):
    login_as("coordinator", region=kassel, locale="en")
    page = client.get(f"/consultations/{summer_consultation.id}/edit").get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="([^"]*)"', page).group(1)
    time_machine.move_to(datetime(2026, 6, 1, 12, 10, tzinfo=UTC), tick=False)
    summer_consultation.title = {"de": "Von jemand anderem"}
    summer_consultation.updated_at = datetime(2026, 6, 1, 12, 10)
    db.session.commit()
    path = f"/consultations/{summer_consultation.id}/edit"
    response = post_form(client, path, form_data(title_de="Meine Fassung", version=version))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Someone else saved changes to this consultation" in page
    assert 'value="Meine Fassung"' in page
    db.session.refresh(summer_consultation)
    assert summer_consultation.title == {"de": "Von jemand anderem"}
    new_version = re.search(r'name="version" type="hidden" value="([^"]*)"', page).group(1)
    response = post_form(client, path, form_data(title_de="Meine Fassung", version=new_version))
    assert response.status_code == 302
    db.session.refresh(summer_consultation)
    assert summer_consultation.title["de"] == "Meine Fassung"


def test_archived_consultation_is_not_edited(client, login_as, kassel):
    consultation = make_consultation(kassel, state="archived")
    db.session.commit()
    login_as("coordinator", region=kassel, locale="en")
    response = client.get(f"/consultations/{consultation.id}/edit")
    assert response.status_code == 302
    assert response.location == f"/consultations/{consultation.id}"
    assert ("error", "An archived consultation can no longer be changed.") in flashes(client)
    response = post_form(client, f"/consultations/{consultation.id}/edit", form_data())
    assert response.status_code == 302
    db.session.refresh(consultation)
    assert consultation.title["de"] != "Sprachcafés in Kassel"


# --- publish and archive ----------------------------------------------------------------------


def test_publish_then_archive(client, login_as, kassel):
    consultation = make_consultation(kassel, state="draft")
    db.session.commit()
    login_as("coordinator", region=kassel, locale="en")
    response = post_form(client, f"/consultations/{consultation.id}/publish")
    assert response.status_code == 302
    assert response.location == f"/consultations/{consultation.id}"
    assert ("success", "The consultation has been published.") in flashes(client)
    db.session.refresh(consultation)
    assert consultation.state == "published"
    assert consultation.published_at is not None

    response = post_form(client, f"/consultations/{consultation.id}/archive")
    assert response.status_code == 302
    db.session.refresh(consultation)
    assert consultation.state == "archived"


@pytest.mark.parametrize(
    ("state", "action", "message"),
    [
        ("published", "publish", "Only a draft can be published."),
        ("archived", "publish", "Only a draft can be published."),
        ("draft", "archive", "Only a published consultation can be archived."),
    ],
)
def test_refused_transition_is_a_flash_error(client, login_as, kassel, state, action, message):
    consultation = make_consultation(kassel, state=state)
    db.session.commit()
    login_as("coordinator", region=kassel, locale="en")
    response = post_form(client, f"/consultations/{consultation.id}/{action}")
    assert response.status_code == 302
    assert response.location == f"/consultations/{consultation.id}"
    assert ("error", message) in flashes(client)
    db.session.refresh(consultation)
    assert consultation.state == state


def test_draft_without_information_phase_is_not_published(client, login_as, kassel):
    consultation = make_consultation(kassel, state="draft", phases={})
    db.session.commit()
    login_as("administrator", locale="en")
    post_form(client, f"/consultations/{consultation.id}/publish")
    assert (
        "error",
        "Please add at least the information phase before publishing.",
    ) in flashes(client)
    db.session.refresh(consultation)
    assert consultation.state == "draft"


def test_publish_and_archive_are_post_only(client, login_as, kassel):
    consultation = make_consultation(kassel, state="draft")
    db.session.commit()
    login_as("coordinator", region=kassel)
    assert client.get(f"/consultations/{consultation.id}/publish").status_code == 405
    assert client.get(f"/consultations/{consultation.id}/archive").status_code == 405


def test_edit_page_offers_the_next_step(client, login_as, kassel):
    draft = make_consultation(kassel, state="draft")
    published = make_consultation(kassel)
    db.session.commit()
    login_as("coordinator", region=kassel)
    page = client.get(f"/consultations/{draft.id}/edit").get_data(as_text=True)
    assert f'action="/consultations/{draft.id}/publish"' in page
    assert "/archive" not in page
    page = client.get(f"/consultations/{published.id}/edit").get_data(as_text=True)
    assert f'action="/consultations/{published.id}/archive"' in page
    assert "/publish" not in page


# --- the list ---------------------------------------------------------------------------------


def titles(page: str) -> set[str]:
    return set(re.findall(r'<h3 class="card__title"><a href="[^"]+"[^>]*>([^<]+)</a>', page))


@pytest.fixture
def listing(kassel, wetzlar):
    """Kassel: one running in proposals, one upcoming, one draft, one archived; Wetzlar: one
    in voting, one ended, one draft."""
    language, health = field_of_action("language"), field_of_action("health")
    made = {
        "k-proposals": make_consultation(kassel, fields_of_action=[language]),
        "k-upcoming": make_consultation(kassel, phases={"information": (3, 6)}),
        "k-draft": make_consultation(kassel, state="draft"),
        "k-archived": make_consultation(kassel, state="archived"),
        "w-voting": make_consultation(
            wetzlar,
            phases={"information": (-9, -6), "voting": (-2, 4)},
            fields_of_action=[health],
        ),
        "w-ended": make_consultation(
            wetzlar, phases={"information": (-30, -20), "results": (-20, -10)}
        ),
        "w-draft": make_consultation(wetzlar, state="draft"),
    }
    for name, consultation in made.items():
        consultation.title = {"de": name}
    db.session.commit()
    return made


def test_public_list_hides_drafts(client, listing):
    response = client.get("/consultations/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert titles(page) == {"k-proposals", "k-upcoming", "k-archived", "w-voting", "w-ended"}
    assert "Draft" not in page and "Entwurf" not in page


def test_coordinator_sees_the_drafts_of_their_region_marked(client, login_as, kassel, listing):
    login_as("coordinator", region=kassel, locale="en")
    page = client.get("/consultations/").get_data(as_text=True)
    assert titles(page) == {
        "k-proposals",
        "k-upcoming",
        "k-draft",
        "k-archived",
        "w-voting",
        "w-ended",
    }
    card = page.split(">k-draft</a>")[1].split("</li>")[0]
    assert '<span class="badge badge--warning">Draft</span>' in card
    assert f'href="/consultations/{listing["k-draft"].id}/edit"' in card
    assert "/edit" not in page.split(">w-voting</a>")[1].split("</li>")[0]


def test_administrator_sees_every_draft(client, login_as, listing):
    login_as("administrator")
    page = client.get("/consultations/").get_data(as_text=True)
    assert titles(page) == set(listing)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=wetzlar", {"w-voting", "w-ended"}),
        ("field=language", {"k-proposals"}),
        ("field=health", {"w-voting"}),
        ("phase=proposals", {"k-proposals"}),
        ("phase=voting", {"w-voting"}),
        ("phase=information", set()),
        ("phase=upcoming", {"k-upcoming"}),
        ("phase=ended", {"w-ended", "k-archived"}),
        ("region=kassel&phase=ended", {"k-archived"}),
        ("region=kassel&field=health", set()),
    ],
)
def test_list_filters(client, listing, query, expected):
    response = client.get(f"/consultations/?{query}")
    assert response.status_code == 200
    assert titles(response.get_data(as_text=True)) == expected


@pytest.mark.parametrize(
    "query",
    [
        "region=nowhere",
        "region=kassel'--",
        "field=' OR 1=1 --",
        "phase=DROP TABLE phases",
        "phase=draft",
        "region[]=kassel&phase=",
        "page=abc",
        "page=-4",
        "per_page=1000",
    ],
)
def test_unknown_filter_values_are_ignored(client, listing, query):
    response = client.get(f"/consultations/?{query}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert titles(page) == {"k-proposals", "k-upcoming", "k-archived", "w-voting", "w-ended"}
    main = page.split("<main")[1]  # (the language switch in the header keeps the address)
    assert "DROP TABLE" not in main and "OR 1=1" not in main


def test_filter_form_shows_the_applied_filters(client, listing):
    page = client.get("/consultations/?region=wetzlar&phase=nonsense").get_data(as_text=True)
    assert '<label class="form-label" for="region">' in page
    assert '<option selected value="wetzlar">' in page
    assert '<option selected value="">' in page  # unknown phase: all phases


def test_list_is_paginated_by_twenty_and_keeps_the_filters(client, kassel, wetzlar):
    for number in range(23):
        make_consultation(kassel, title={"de": f"Kassel {number:02d}"})
    make_consultation(wetzlar, title={"de": "Wetzlar"})
    db.session.commit()
    first = client.get("/consultations/?region=kassel").get_data(as_text=True)
    assert len(titles(first)) == 20
    assert ">23 " in first  # the number found, whatever the language
    assert 'href="/consultations/?page=2&amp;region=kassel" rel="next"' in first
    second = client.get("/consultations/?region=kassel&page=2").get_data(as_text=True)
    assert len(titles(second)) == 3
    assert titles(first).isdisjoint(titles(second))
    assert "Wetzlar" not in titles(first) | titles(second)
    beyond = client.get("/consultations/?region=kassel&page=9")
    assert beyond.status_code == 200
    assert titles(beyond.get_data(as_text=True)) == set()
    wide = client.get("/consultations/?per_page=100").get_data(as_text=True)
    assert len(titles(wide)) == 20


def test_card_shows_region_teaser_phase_and_end_date_in_the_readers_language(
    client, kassel, time_machine
):
    # 22:30 UTC is already the next day in Berlin: dates are shown in German time.
    time_machine.move_to(datetime(2026, 7, 1, 22, 30, tzinfo=UTC), tick=False)
    make_consultation(
        kassel,
        phases={"information": (-10, -5), "proposals": (-5, 5)},
        title={"de": "Nur auf Deutsch"},
        summary={"de": "Kurz gesagt", "en": "In short"},
    )
    make_consultation(kassel, phases={"information": (10, 20)}, title={"de": "Bald"})
    make_consultation(kassel, phases={"information": (-20, -10)}, title={"de": "Vorbei"})
    db.session.commit()
    page = client.get("/consultations/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'lang="de">Nur auf Deutsch</a>' in page  # German fallback, marked
    assert "<p>In short</p>" in page
    assert "City of Kassel" in page
    assert "Current phase: Proposals, until Jul 7, 2026" in page
    assert "Next phase: Information, from Jul 12, 2026" in page
    assert "Ended on Jun 22, 2026" in page
    page = client.get("/consultations/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert ">Nur auf Deutsch</a>" in page and 'lang="de">Nur auf Deutsch' not in page
    assert "07.07.2026" in page


def test_list_queries_do_not_grow_with_the_number_of_cards(client, login_as, kassel, count_queries):
    login_as("coordinator", region=kassel)

    def queries_for_list() -> int:
        with count_queries() as counter:
            assert client.get("/consultations/").status_code == 200
        return len(counter)

    make_consultation(kassel, fields_of_action=[field_of_action("language")])
    db.session.commit()
    few = queries_for_list()
    for _number in range(15):
        make_consultation(kassel, state="draft", fields_of_action=[field_of_action("work")])
    db.session.commit()
    assert queries_for_list() == few


def test_list_links_to_new_consultation_only_for_who_may_create(client, login_as, kassel, listing):
    page = client.get("/consultations/").get_data(as_text=True)
    assert 'href="/consultations/new"' not in page
    login_as("coordinator", region=kassel)
    page = client.get("/consultations/").get_data(as_text=True)
    assert 'href="/consultations/new"' in page
    assert page.count("<h1") == 1


def test_after_saving_the_coordinator_lands_on_the_consultation_page(client, login_as, kassel):
    login_as("coordinator", region=kassel, locale="en")
    response = post_form(
        client, "/consultations/new?region=kassel", form_data(), follow_redirects=True
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "The consultation has been saved as a draft." in page
    assert "Language cafés in Kassel" in page  # the English title, for an English reader
