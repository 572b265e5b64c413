"""A platform with data behind every API endpoint, built once per run (tests/database_template.py).

The demo data (regions, fields of action, consultations, organisations, statements, funding
programmes, project approaches, action concepts, indicators) plus what the API must never show
next to what it must: consultations in every phase and a draft, proposals and comments that are
published, pending, hidden or rejected, a removed comment, a reply, statements in every state and
an organisation that is not verified.
"""

import re
from dataclasses import dataclass

import pytest

from app.consultations.models import ConsultationState
from app.core.models import ModerationState
from app.extensions import db
from app.organisations.models import OrganisationStatus
from app.proposals.models import ProposalStatus
from tests import factories
from tests import organisation_builders as orgs
from tests import participation_builders as build
from tests.database_template import DEMO, DatabaseTemplate


@dataclass
class ApiWorld:
    region_slug: str
    consultation_ids: list[int]
    draft_consultation_id: int
    published_proposal_id: int
    hidden_proposal_ids: list[int]
    published_comment_ids: list[int]
    hidden_comment_ids: list[int]


def _build() -> ApiWorld:
    DEMO.restore()
    region = factories.make_region(slug="api-testland")
    author = factories.make_user(display_name="Ada API")
    consultations = [
        build.consultation(region=region, phase=phase)
        for phase in ("information", "proposals", "discussion", "voting", "results")
    ]
    archived = build.consultation(region=region, phase=None, state=ConsultationState.ARCHIVED)
    draft = build.consultation(region=region, state=ConsultationState.DRAFT)
    running = consultations[1]
    published = build.proposal(running, author, title="Sprachcafé im Stadtteil", language="de")
    answered = build.proposal(
        running, author, language="en", status=ProposalStatus.UNDER_REVIEW, title="Bus at night"
    )
    build.proposal(archived, author, title="Archivierter Vorschlag")
    hidden = [
        build.proposal(running, author, moderation_state=state, title=f"Nicht öffentlich {state}")
        for state in (ModerationState.PENDING, ModerationState.HIDDEN, ModerationState.REJECTED)
    ]
    hidden.append(build.proposal(draft, author, title="Entwurfsvorschlag"))
    first = build.comment(published, author, body="Gute Idee", stance="in_favour")
    reply = build.comment(published, author, body="Finde ich auch", parent=first)
    removed = build.comment(published, author, body="Entfernt")
    removed.deleted_at = removed.created_at
    build.comment(answered, author, body="Comment in English", language="en")
    hidden_comments = [
        build.comment(published, author, body=f"Nicht öffentlich {state}", moderation_state=state)
        for state in (ModerationState.PENDING, ModerationState.HIDDEN, ModerationState.REJECTED)
    ]
    organisation = orgs.organisation(region, name="API-Verein", admins=[author])
    orgs.organisation(region, name="Ungeprüfter Verein", status=OrganisationStatus.REQUESTED)
    for state, consultation in zip(ModerationState.ALL, consultations, strict=False):
        orgs.statement(consultation, organisation, author, title=f"Stellung {state}", state=state)
    db.session.commit()
    return ApiWorld(
        region_slug=region.slug,
        consultation_ids=[item.id for item in [*consultations, archived]],
        draft_consultation_id=draft.id,
        published_proposal_id=published.id,
        hidden_proposal_ids=[item.id for item in hidden],
        published_comment_ids=[first.id, reply.id, removed.id],
        hidden_comment_ids=[item.id for item in hidden_comments],
    )


API_WORLD = DatabaseTemplate("api-world", _build)


@pytest.fixture
def api_world(app) -> ApiWorld:
    """The world above, restored into this test's empty tables."""
    return API_WORLD.restore()


# Path values: "<int:proposal_id>" and "<slug>" in a rule of the `api` blueprint.
_PATH_VALUE = re.compile(r"<(?:\w+:)?(\w+)>")


def api_rules(app) -> list[str]:
    """The rules of the `api` blueprint that answer GET, but the document itself."""
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.")
        and rule.endpoint != "api.openapi"
        and "GET" in rule.methods
    )


def real_path(client, rule: str) -> str:
    """`rule` with real values: each path value is taken from an item of the list that the
    rule's part before it answers ("/proposals/<int:proposal_id>/comments" takes an id from
    /proposals), the first one whose address answers with data, so every address names
    something that exists, is public and (for a list) lists something."""
    found = _filled(client, rule)
    assert found, f"no item makes {rule} answer with data: the world needs data there"
    return found


def _filled(client, path: str) -> str | None:
    match = _PATH_VALUE.search(path)
    if match is None:
        response = client.get(path)
        if response.status_code != 200:
            return None
        body = response.get_json()
        return path if body.get("data", True) else None
    listing = path[: match.start()].rstrip("/")
    response = client.get(listing, query_string={"limit": 100})  # ignored by short lists
    assert response.status_code == 200, f"{listing}: {response.status_code}"
    name = match.group(1)
    for item in response.get_json()["data"]:
        value = item.get(name, item.get("id") if name.endswith("_id") else item.get("slug"))
        assert value is not None, f"no value for <{name}> in an item of {listing}"
        found = _filled(client, f"{path[: match.start()]}{value}{path[match.end() :]}")
        if found:
            return found
    return None


def real_paths(client, app) -> dict[str, str]:
    """Every rule of the API with an address that answers data."""
    return {rule: real_path(client, rule) for rule in api_rules(app)}


@pytest.fixture(autouse=True)
def _answers_computed_afresh(app):
    """API tests read what the database holds at each request (statement counts included): the
    answer cache is off, except where test_cache.py switches it on to test it."""
    app.config["CACHE_PAGES"] = False
    yield
    app.config["CACHE_PAGES"] = True
