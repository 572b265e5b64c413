"""A small world for the API's visibility tests: every state a contribution or consultation can
be in, next to the published ones, so a list that shows too much names the wrong ids.

    world = plant()          # committed; world.ids["pending"], world.emails ...
    ids_of(client.get("/api/v1/proposals").get_json())

Every account has an address under `@api-secret.example`, so a test can look for all of them in
any response body.
"""

from dataclasses import dataclass, field

from app.accounts.models import User
from app.consultations.models import ConsultationState
from app.core.clock import utcnow_naive
from app.core.models import ModerationState
from app.extensions import db
from app.proposals.models import ProposalStatus
from tests import factories
from tests import organisation_builders as orgs
from tests import participation_builders as build

API = "/api/v1"
SECRET_DOMAIN = "api-secret.example"
SEARCH_WORD = "Nachtbibliothek"


@dataclass
class Planted:
    ids: dict[str, int] = field(default_factory=dict)
    slugs: dict[str, str] = field(default_factory=dict)
    author: object = None

    @property
    def emails(self) -> list[str]:
        return list(db.session.scalars(db.select(User.email)))


def person(name: str) -> User:
    return factories.make_user(
        email=f"{name}@{SECRET_DOMAIN}", display_name=name.replace("-", " ").title()
    )


def plant() -> Planted:
    """Two regions; a published, an archived and a draft consultation; proposals and comments
    in every moderation state, translations of both, a removed comment; a retired field."""
    world = Planted()
    region = factories.make_region()
    other_region = factories.make_region()
    field_one = factories.make_field_of_action()
    field_two = factories.make_field_of_action()
    retired = factories.make_field_of_action()
    retired.is_active = False
    region.fields_of_action = [field_one, field_two, retired]
    other_region.fields_of_action = [field_two]
    author, writer, coordinator = person("author"), person("writer"), person("coordinator")
    world.author = author

    running = build.consultation(region, phase="proposals", fields_of_action=[field_one, field_two])
    archived = build.consultation(other_region, phase="results", state=ConsultationState.ARCHIVED)
    draft = build.consultation(region, phase="proposals", state=ConsultationState.DRAFT)

    published = build.proposal(
        running,
        writer,
        title=f"Eine {SEARCH_WORD} im Stadtteil",
        language="de",
        field_of_action=field_one,
    )
    answered = build.proposal(
        running, writer, title="Sprachkurse am Abend", language="tr", field_of_action=field_two
    )
    build.official_answer(answered, coordinator, ProposalStatus.ACCEPTED)
    withdrawn = build.proposal(
        running, author, title="Zurückgezogen, aber lesbar", status=ProposalStatus.WITHDRAWN
    )
    in_archive = build.proposal(archived, writer, title="Aus dem Archiv", language="en")
    states = {}
    for state in (ModerationState.PENDING, ModerationState.HIDDEN, ModerationState.REJECTED):
        states[state] = build.proposal(
            running,
            author,
            title=f"{SEARCH_WORD} {state}",
            field_of_action=field_one,
            moderation_state=state,
        )
    in_draft = build.proposal(draft, writer, title=f"{SEARCH_WORD} im Entwurf")

    # Translations: the published proposal into English (published); the answered one into
    # Arabic, hidden by moderation (it makes nothing available in Arabic).
    translated = orgs.translation(published, writer, language="en", title="A night library")
    hidden_translation = orgs.translation(
        answered, writer, language="ar", title="مخفي", state=ModerationState.HIDDEN
    )

    first = build.comment(published, writer, body="Gute Idee.", stance="in_favour")
    reply = build.comment(published, author, body="Danke!", parent=first)
    removed = build.comment(
        published, writer, body="Text, den der Autor entfernt hat.", deleted_at=utcnow_naive()
    )
    published.comment_count -= 1  # as the services keep it: shown comments only
    comment_states = {
        state: build.comment(published, author, body=f"Kommentar {state}", moderation_state=state)
        for state in (ModerationState.PENDING, ModerationState.HIDDEN, ModerationState.REJECTED)
    }
    comment_translation = orgs.translation(first, writer, language="en", body="Good idea.")
    on_hidden = build.comment(states[ModerationState.HIDDEN], writer, body="Unter Verborgenem.")
    on_draft = build.comment(in_draft, writer, body="Im Entwurf.")

    db.session.commit()
    world.ids = {
        "region": region.id,
        "running": running.id,
        "archived": archived.id,
        "draft": draft.id,
        "published": published.id,
        "answered": answered.id,
        "withdrawn": withdrawn.id,
        "in_archive": in_archive.id,
        "pending": states[ModerationState.PENDING].id,
        "hidden": states[ModerationState.HIDDEN].id,
        "rejected": states[ModerationState.REJECTED].id,
        "in_draft": in_draft.id,
        "translation": translated.id,
        "hidden_translation": hidden_translation.id,
        "first": first.id,
        "reply": reply.id,
        "removed": removed.id,
        "pending_comment": comment_states[ModerationState.PENDING].id,
        "hidden_comment": comment_states[ModerationState.HIDDEN].id,
        "rejected_comment": comment_states[ModerationState.REJECTED].id,
        "comment_translation": comment_translation.id,
        "on_hidden": on_hidden.id,
        "on_draft": on_draft.id,
    }
    world.slugs = {
        "region": region.slug,
        "other_region": other_region.slug,
        "field_one": field_one.slug,
        "field_two": field_two.slug,
        "retired": retired.slug,
    }
    return world


# The proposals anyone may read, and the comments on the published one.
VISIBLE_PROPOSALS = ("published", "answered", "withdrawn", "in_archive")
VISIBLE_COMMENTS = ("first", "reply", "removed")
NEVER_PROPOSALS = ("pending", "hidden", "rejected", "in_draft", "translation", "hidden_translation")


def ids_of(body: dict) -> list[int]:
    return [item["id"] for item in body["data"]]


def named(world: Planted, *names: str) -> list[int]:
    return [world.ids[name] for name in names]


def assert_no_address(body: str, world: Planted) -> None:
    """No account's e-mail address, nor any address of the accounts' domain, in `body`."""
    assert SECRET_DOMAIN not in body
    leaked = [email for email in world.emails if email in body]
    assert leaked == []
