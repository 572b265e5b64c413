"""Mass assignment: fields a form does not offer change nothing.

Each case sends a valid form twice, from the same starting database at the same frozen moment:
once as the page sends it, once with extra fields an attacker might add (status, author, role,
region, administrator flag, confirmation and creation times, moderation state, organisation,
ids ...). Every table must end up exactly the same both times (the request did write something:
the plain form is checked to change the database). Extras that the form really has are left
out per case, so only fields the form does not offer are tried.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from flask import current_app

from app.accounts.models import Role, RoleAssignment, User
from app.concepts import services as concept_services
from app.extensions import db, limiter
from app.moderation import services as moderation_services
from app.notifications import kinds
from app.organisations.models import Organisation
from tests import factories
from tests import organisation_builders as orgs
from tests import participation_builders as build
from tests.conftest import _empty_all_tables, log_in, post_form
from tests.projects import builders as project_builders
from tests.security import table_snapshot

# The moment both requests of a case run at: phases, deadlines and timestamps come out equal.
NOW = datetime(2026, 6, 15, 8, 0, tzinfo=UTC)
TODAY = NOW.date()

STAFF_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

# Values no two runs share, whatever the request: salts of password hashes, random tokens.
RANDOM = {
    "users": {"password_hash", "session_token"},
    "mail_outbox": {"message_id"},
    "concept_items": {"key"},
    "cache_generation": {"value"},  # counts every write; starts at a random number
}

# What an attacker adds. Ids point at the bystanders (id 1 of each table), which belong to
# someone else; times are far in the past or future; flags and states are the privileged ones.
EXTRAS = {
    "id": "1",
    "status": "accepted",
    "state": "published",
    "moderation_state": "published",
    "kind": "statement",
    "author_id": "1",
    "user_id": "1",
    "requested_by_id": "1",
    "created_by_id": "1",
    "recorded_by_id": "1",
    "invited_by_id": "1",
    "decided_by_id": "1",
    "role": "admin",
    "region_id": "1",
    "home_region_id": "1",
    "consultation_id": "1",
    "proposal_id": "1",
    "organisation_id": "1",
    "is_administrator": "y",
    "is_staff": "y",
    "verified": "y",
    "email": "angreifer@example.org",
    "password_hash": "x",
    "session_token": "x",
    "totp_secret": "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
    "mfa_enabled_at": "2000-01-01 00:00:00",
    "confirmed_at": "2000-01-01 00:00:00",
    "created_at": "2000-01-01 00:00:00",
    "updated_at": "2000-01-01 00:00:00",
    "published_at": "2000-01-01 00:00:00",
    "verified_at": "2000-01-01 00:00:00",
    "read_at": "2000-01-01 00:00:00",
    "blocked_until": "2999-12-31 00:00:00",
    "votes_for": "999",
    "votes_against": "999",
    "comment_count": "999",
}


@dataclass
class Setup:
    actor: User | None
    path: str
    data: dict
    # Extras the form really has (not sent in `data`) and may legitimately change.
    form_fields: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[["Bystanders"], Setup]
    statuses: tuple[int, ...] = (302, 303)
    # The redirect names the new row by a random key (concept items): compare only its path.
    random_location: bool = False
    ignore: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class Bystanders:
    """Someone else's rows, built first so they are id 1 of their tables."""

    region: object
    person: User
    organisation: Organisation
    consultation: object
    proposal: object


def bystanders() -> Bystanders:
    region = factories.make_region("fremde-region")
    person = factories.make_user(email="fremd@example.org", display_name="Fremde Person")
    organisation = orgs.organisation(region, name="Fremder Verein e. V.", admins=[person])
    consultation = build.consultation(region, phase="proposals", title={"de": "Fremd"})
    proposal = build.proposal(consultation, person, title="Fremder Vorschlag")
    return Bystanders(region, person, organisation, consultation, proposal)


def _restart_builder_numbers() -> None:
    """The builders number what they make; both runs must make the same names."""
    factories._sequence = itertools.count(1)
    build._sequence = itertools.count(1)


def run(case: Case, extras: dict):
    """From an empty database: build the case, send its form (plus `extras`), read everything."""
    _empty_all_tables()
    limiter.reset()
    _restart_builder_numbers()
    setup = case.build(bystanders())
    db.session.commit()
    client = current_app.test_client()
    if setup.actor is not None:
        if setup.actor.is_staff and not setup.actor.has_mfa:
            # The same secret both times (log_in would make a random one).
            factories.enrol_second_factor(setup.actor, STAFF_SECRET)
            db.session.commit()
        log_in(client, setup.actor)
    sent = {key: value for key, value in extras.items() if key not in setup.data}
    sent = {key: value for key, value in sent.items() if key not in setup.form_fields}
    ignore = {
        table: RANDOM.get(table, set()) | case.ignore.get(table, set())
        for table in set(RANDOM) | set(case.ignore)
    }
    before = table_snapshot.take(ignore)
    response = post_form(client, setup.path, {**setup.data, **sent})
    after = table_snapshot.take(ignore)
    return response, before, after, sent


# --- the cases -----------------------------------------------------------------------------------

TEXT = "Wir brauchen mehr Sprachkurse am Abend, damit Berufstätige teilnehmen können."


def _resident(region, **fields) -> User:
    return factories.make_user(home_region=region, **fields)


def _staff(role: str, region) -> User:
    return factories.make_user_with_role(role, region=region)


def register(_: Bystanders) -> Setup:
    data = {
        "email": "zeynep@example.org",
        "display_name": "Zeynep",
        "password": "sonnenblume am main 2026",
        "locale": "tr",
        "accept_privacy": "y",
    }
    return Setup(None, "/account/register", data)


def profile(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    user = _resident(region)
    data = {"display_name": "Neuer Name", "locale": "en", "home_region": str(region.id)}
    return Setup(user, "/account/", data)


def _proposal_form(**changes) -> dict:
    return {
        "title": "Mehr Sprachkurse am Abend",
        "body": TEXT,
        "field_of_action": "0",
        "language": "de",
        "save": "Submit proposal",
        **changes,
    }


def new_proposal(moderation_mode: str) -> Callable[[Bystanders], Setup]:
    def setup(by: Bystanders) -> Setup:
        region = factories.make_region("kassel")
        consultation = build.consultation(region, moderation_mode=moderation_mode)
        author = _resident(region)
        return Setup(
            author,
            f"/consultations/{consultation.id}/proposals/new",
            _proposal_form(),
            {"speak_as"},
        )

    return setup


def proposal_on_behalf(by: Bystanders) -> Setup:
    """Speaking for an organisation is a field of its own; `organisation_id` is not it."""
    region = factories.make_region("kassel")
    consultation = build.consultation(region, moderation_mode="post")
    author = _resident(region)
    organisation = orgs.organisation(region, name="Eigener Verein", members=[author])
    data = _proposal_form(speak_as=str(organisation.id))
    return Setup(author, f"/consultations/{consultation.id}/proposals/new", data)


def edit_proposal(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    consultation = build.consultation(region)
    author = _resident(region)
    proposal = build.proposal(consultation, author, title="Alter Titel für den Vorschlag")
    data = _proposal_form(title="Neuer Titel für den Vorschlag", revision="0", save="Save")
    return Setup(author, build.proposal_url(proposal, "/edit"), data)


def new_comment(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    consultation = build.consultation(region, moderation_mode="post")
    proposal = build.proposal(consultation, _resident(region))
    writer = _resident(region)
    data = {"body": "Das finde ich eine gute Idee.", "stance": "in_favour", "language": "de"}
    return Setup(writer, build.proposal_url(proposal, "/comments/"), data, {"speak_as"})


def edit_comment(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    consultation = build.consultation(region)
    proposal = build.proposal(consultation, _resident(region))
    writer = _resident(region)
    comment = build.comment(proposal, writer, body="Erster Gedanke dazu.")
    data = {"body": "Zweiter, besserer Gedanke dazu.", "stance": "against"}
    return Setup(writer, build.comment_url(comment, "/edit"), data)


def _organisation_form(region, **changes) -> dict:
    return {
        "name": "Afrikanischer Frauenverein Kassel",
        "kind": "migrant_organisation",
        "regions": [str(region.id)],
        "description_de": "Wir unterstützen afrikanische Frauen in Kassel.",
        "website": "https://frauenverein.example.org",
        "contact_email": "info@frauenverein.example.org",
        **changes,
    }


def new_organisation(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    return Setup(_resident(region), "/organisations/new", _organisation_form(region))


def edit_organisation(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    admin = _resident(region)
    organisation = orgs.organisation(
        region, name="Alter Name e. V.", status="requested", admins=[admin]
    )
    data = _organisation_form(region, name="Neuer Name e. V.")
    return Setup(admin, f"/organisations/{organisation.id}/edit", data)


def _statement_scene():
    region = factories.make_region("kassel")
    consultation = build.consultation(region, phase="discussion")
    admin = _resident(region)
    organisation = orgs.organisation(region, name="Eigener Verein", admins=[admin])
    return consultation, admin, organisation


def new_statement(by: Bystanders) -> Setup:
    consultation, admin, organisation = _statement_scene()
    data = {
        "organisation": str(organisation.id),
        "title": "Beratung in mehreren Sprachen",
        "body": "Wir unterstützen die Ziele und schlagen mehr Beratung in Muttersprachen vor.",
        "language": "de",
        "save": "Publish statement",
    }
    return Setup(admin, f"/consultations/{consultation.id}/statements/new", data)


def edit_statement(by: Bystanders) -> Setup:
    consultation, admin, organisation = _statement_scene()
    statement = orgs.statement(consultation, organisation, admin)
    data = {
        "title": "Beratung in vielen Sprachen",
        "body": "Wir unterstützen die Ziele und schlagen Beratung in Muttersprachen vor.",
        "language": "de",
        "revision": "0",
        "save": "Save changes",
    }
    path = f"/consultations/{consultation.id}/statements/{statement.id}/edit"
    return Setup(admin, path, data)


def _programme_form(**changes) -> dict:
    return {
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
        "description_de": "Fördert Sprachkurse für Eltern.",
        "deadline_0_due_on": (TODAY + timedelta(days=60)).isoformat(),
        "deadline_0_recurrence": "none",
        **changes,
    }


def new_programme(by: Bystanders) -> Setup:
    coordinator = _staff(Role.COORDINATOR, factories.make_region("kassel"))
    return Setup(coordinator, "/funding/new", _programme_form())


def edit_programme(by: Bystanders) -> Setup:
    coordinator = _staff(Role.COORDINATOR, factories.make_region("kassel"))
    programme = project_builders.programme("Altes Programm")
    data = _programme_form(name="Neues Programm")
    return Setup(coordinator, f"/funding/{programme.id}/edit", data)


def _project_form(**changes) -> dict:
    return {
        "title": "Sprachcafé am Bahnhof",
        "description": "Jeden Dienstag Deutsch üben.",
        "language": "de",
        "field_of_action": "0",
        "status": "planned",
        "lead_organisation": "0",
        "lead_name": "Volkshochschule Kassel",
        "budget": "12000",
        "starts_on": "2026-09-01",
        "ends_on": "2026-12-31",
        "results_summary": "",
        **changes,
    }


def new_project(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    coordinator = _staff(Role.COORDINATOR, region)
    return Setup(coordinator, "/projects/new?region=kassel", _project_form())


def edit_project(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    coordinator = _staff(Role.COORDINATOR, region)
    project = project_builders.project(region, "Altes Projekt")
    return Setup(coordinator, f"/projects/{project.id}/edit", _project_form(title="Neu benannt"))


def _consultation_form(**changes) -> dict:
    return {
        "title_de": "Sprachcafés in Kassel",
        "summary_de": "Wo sollen neue Sprachcafés entstehen?",
        "description_de": "Wir sammeln Ideen.",
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
        **changes,
    }


def new_consultation(by: Bystanders) -> Setup:
    coordinator = _staff(Role.COORDINATOR, factories.make_region("kassel"))
    return Setup(coordinator, "/consultations/new?region=kassel", _consultation_form())


def edit_consultation(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    coordinator = _staff(Role.COORDINATOR, region)
    consultation = factories.make_consultation(region, state="draft")
    data = _consultation_form(title_de="Geändert")
    return Setup(coordinator, f"/consultations/{consultation.id}/edit", data)


def edit_region(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    coordinator = _staff(Role.COORDINATOR, region)
    data = {"name_de": "Documenta-Stadt Kassel", "description_de": "Wir planen gemeinsam."}
    return Setup(coordinator, "/regions/kassel/edit", data)


def new_region(by: Bystanders) -> Setup:
    admin = factories.make_user_with_role("administrator")
    data = {"name_de": "Stadt Gießen", "description_de": "Lernt von den Modellregionen."}
    return Setup(admin, "/regions/new", data)


def moderation_decision(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    moderator = _staff(Role.MODERATOR, region)
    consultation = build.consultation(region, phase="discussion")
    proposal = build.proposal(consultation, _resident(region))
    comment = build.comment(proposal, _resident(region), body="Kauft bei uns ein!")
    data = {"action": "hide", "reason": "spam", "note": "Werbung", "seen_state": "published"}
    return Setup(moderator, f"/moderation/contributions/{comment.id}", data)


def report(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    consultation = build.consultation(region, phase="discussion")
    proposal = build.proposal(consultation, _resident(region))
    comment = build.comment(proposal, _resident(region), body="Kauft bei uns ein!")
    data = {"reason": "spam", "note": "Werbung für einen Laden."}
    return Setup(_resident(region), f"/moderation/report/{comment.id}", data)


def appeal(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    moderator = _staff(Role.MODERATOR, region)
    consultation = build.consultation(region, phase="discussion")
    author = _resident(region)
    proposal = build.proposal(consultation, author)
    comment = build.comment(proposal, author, body="Ein Kommentar zum Thema.")
    decision = moderation_services.decide(
        moderator, comment, "hide", "published", reason="off_topic", notify_author=False
    )
    data = {"note": "Der Kommentar passt zum Thema."}
    return Setup(author, f"/moderation/decisions/{decision.id}/appeal", data)


def notification_settings(by: Bystanders) -> Setup:
    data = {code: kind.default for code, kind in kinds.KINDS.items() if not kind.staff_only}
    first = next(iter(data))
    data[first] = "off" if data[first] != "off" else "immediately"
    return Setup(_resident(factories.make_region("kassel")), "/notifications/settings", data)


def participation_profile(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    data = {
        "age_band": "30_44",
        "home_languages": ["ar", "de"],
        "migration_experience": "yes",
        "home_region": str(region.id),
        "consent": "y",
    }
    return Setup(_resident(region), "/account/participation-profile", data)


def new_translation(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    consultation = build.consultation(region)
    author = _resident(region)
    proposal = build.proposal(consultation, author)
    data = {"language": "en", "title": "More language courses", "body": "In the evening."}
    return Setup(author, f"/contributions/{proposal.id}/translations/new", data)


def vote(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    consultation = build.consultation(region, phase="voting")
    proposal = build.proposal(consultation, _resident(region))
    data = {"value": "1", "back": "proposal"}
    return Setup(_resident(region), build.proposal_url(proposal, "/vote"), data)


def official_answer(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    consultation = build.consultation(region, phase="discussion")
    proposal = build.proposal(consultation, _resident(region))
    data = {"status": "under_review", "body": "Wir prüfen das mit der Volkshochschule."}
    coordinator = _staff(Role.COORDINATOR, region)
    return Setup(coordinator, build.proposal_url(proposal, "/answer"), data)


def join_request(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    organisation = orgs.organisation(region, name="Eigener Verein", admins=[_resident(region)])
    data = {"message": "Ich möchte gern mitmachen."}
    return Setup(_resident(region), f"/organisations/{organisation.id}/join", data)


def invitation(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    admin = _resident(region)
    organisation = orgs.organisation(region, name="Eigener Verein", admins=[admin])
    data = {"email": "neues.mitglied@example.org", "role": "member"}
    return Setup(admin, f"/organisations/{organisation.id}/invite", data)


def _onsite_scene():
    region = factories.make_region("kassel")
    coordinator = _staff(Role.COORDINATOR, region)
    consultation = build.consultation(region)
    return region, coordinator, consultation


def new_event(by: Bystanders) -> Setup:
    _, coordinator, consultation = _onsite_scene()
    data = {
        "name": "Bürgerforum Nordstadt",
        "place": "Stadtteilzentrum Nordstadt",
        "held_on": (TODAY - timedelta(days=2)).isoformat(),
        "format": "meeting",
        "participant_count": "35",
    }
    return Setup(coordinator, f"/consultations/{consultation.id}/on-site/new", data)


def onsite_proposal(by: Bystanders) -> Setup:
    _, coordinator, consultation = _onsite_scene()
    event = orgs.on_site_event(consultation, coordinator, held_on=TODAY - timedelta(days=2))
    data = {
        "proposal-title": "Sprechstunde im Stadtteilzentrum",
        "proposal-body": "Einmal im Monat sollte jemand von der Stadt im Stadtteilzentrum sein.",
        "proposal-field_of_action": "0",
        "proposal-language": "de",
    }
    path = f"/consultations/{consultation.id}/on-site/{event.id}/proposals"
    return Setup(coordinator, path, data)


def _concept_scene():
    region = factories.make_region("kassel")
    field_of_action = factories.make_field_of_action("sprache")
    region.fields_of_action = [field_of_action]
    coordinator = _staff(Role.COORDINATOR, region)
    draft = concept_services.start_draft(coordinator, region)
    return region, field_of_action, coordinator, draft


def concept_goal(by: Bystanders) -> Setup:
    _region, field_of_action, coordinator, _draft = _concept_scene()
    data = {"field_of_action": str(field_of_action.id), "title": "Deutsch lernen", "position": "1"}
    return Setup(coordinator, "/regions/kassel/concept/draft/goals", data)


def context_indicator(by: Bystanders) -> Setup:
    coordinator = _staff(Role.COORDINATOR, factories.make_region("kassel"))
    data = {
        "indicator": "migration_background_share",
        "year": "2023",
        "value": "23,4",
        "source": "Hessisches Statistisches Landesamt, Mikrozensus 2023",
        "source_url": "https://statistik.hessen.de/mikrozensus",
        "note": "Bevölkerung in Privathaushalten.",
    }
    return Setup(coordinator, "/monitoring/regions/kassel/context/new", data)


def assign_role(by: Bystanders) -> Setup:
    region = factories.make_region("kassel")
    admin = factories.make_user_with_role("administrator")
    person = _resident(region)
    data = {"role": "moderator", "region": str(region.id)}
    return Setup(admin, f"/admin/users/{person.id}", data)


def accessibility_feedback(by: Bystanders) -> Setup:
    data = {"message": "Die Schrift ist zu klein.", "page_url": "/", "name": "", "email": ""}
    return Setup(None, "/accessibility", data)


CASES = [
    Case("register", register, statuses=(200,)),
    Case("profile", profile),
    Case("proposal, post-moderated", new_proposal("post")),
    Case("proposal, pre-moderated", new_proposal("pre")),
    Case("proposal on behalf of an organisation", proposal_on_behalf),
    Case("proposal edit", edit_proposal),
    Case("comment", new_comment),
    Case("comment edit", edit_comment),
    Case("organisation request", new_organisation),
    Case("organisation edit", edit_organisation),
    Case("statement", new_statement),
    Case("statement edit", edit_statement),
    Case("funding programme", new_programme),
    Case("funding programme edit", edit_programme),
    Case("project", new_project),
    Case("project edit", edit_project),
    Case("consultation", new_consultation),
    Case("consultation edit", edit_consultation),
    Case("region edit", edit_region),
    Case("region (Kompetenzkreis)", new_region),
    Case("moderation decision", moderation_decision),
    Case("report", report),
    Case("appeal", appeal),
    Case("notification settings", notification_settings),
    Case("participation profile", participation_profile),
    Case("translation", new_translation),
    Case("vote", vote, statuses=(302,)),
    Case("official answer", official_answer),
    Case("join request", join_request),
    Case("invitation", invitation),
    Case("on-site event", new_event),
    Case("on-site proposal", onsite_proposal),
    Case("concept goal", concept_goal, random_location=True),
    Case("context figure", context_indicator),
    Case("role assignment", assign_role),
    Case("accessibility feedback", accessibility_feedback, statuses=(200, 302)),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_extra_fields_change_nothing(app, case, time_machine):
    time_machine.move_to(NOW, tick=False)
    plain, before, stored, _ = run(case, {})
    assert plain.status_code in case.statuses, plain.get_data(as_text=True)[:2000]
    assert table_snapshot.changes(before, stored), "the valid form changed nothing"

    tampered, _, stored_tampered, sent = run(case, EXTRAS)
    assert len(sent) >= 20, sorted(sent)
    assert tampered.status_code == plain.status_code
    locations = [response.headers.get("Location") or "" for response in (plain, tampered)]
    if case.random_location:
        locations = [location.split("#")[0] for location in locations]
    assert locations[0] == locations[1]
    assert table_snapshot.changes(stored, stored_tampered) == []


def test_the_comparison_notices_a_difference(app, time_machine):
    """The control: a form that differs in one offered field gives a different database."""
    time_machine.move_to(NOW, tick=False)
    case = Case("profile", profile)
    _, _, stored, _ = run(case, {})
    other = Case("profile", lambda by: Setup(*_with(profile(by), display_name="Anders")))
    _, _, stored_other, _ = run(other, {})
    changed = table_snapshot.changes(stored, stored_other)
    assert any("display_name 'Neuer Name' -> 'Anders'" in line for line in changed), changed


def _with(setup: Setup, **changes):
    return setup.actor, setup.path, {**setup.data, **changes}, setup.form_fields


def test_every_extra_is_a_real_column_somewhere(app):
    """The extras are names the models use, so they would land if a route copied the form."""
    columns = {column.name for table in db.metadata.sorted_tables for column in table.columns}
    assert set(EXTRAS) - columns <= {"verified", "is_staff"}


def test_staff_roles_come_only_from_the_admin_form(app, time_machine):
    """A participant's profile form with role fields leaves the person a participant."""
    time_machine.move_to(NOW, tick=False)
    run(Case("profile", profile), {**EXTRAS, "role": "coordinator", "region": "1"})
    assert db.session.scalar(db.select(db.func.count(RoleAssignment.id))) == 0
    assert not db.session.scalar(
        db.select(User).where(User.display_name == "Neuer Name")
    ).is_administrator
