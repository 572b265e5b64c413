"""One populated platform for the security tests: the demo data plus ten actors and their ties.

    world = build_world()
    client = world.log_in_client("author")          # or world.log_in_client(None) for anonymous
    client.get(world.path_for(rule))                # any rule of app.url_map, filled consistently

The world is built once per test run and every `build_world()` restores a copy of it into the
test's empty tables (tests/database_template.py), so each test still gets a world of its own.

The world's region is Offenbach; its consultation (`world.consultation`) is in the proposals phase,
so proposing, editing, withdrawing and commenting are open. Every actor is a new account made for
the tests (the demo accounts keep their own history):

- `participant`: a confirmed resident of the region, nothing written yet
- `author`: owns a published proposal, a comment on it, a translation of it, a notification, a
  follow of the proposal, and a hidden comment whose decision can be appealed
- `other_participant`: a confirmed resident with an open join request to the organisation
- `org_member`, `org_admin`: of a verified organisation active in the region
- `moderator`, `coordinator`: of the region; `other_moderator`: of another region
- `administrator`
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from flask import current_app
from werkzeug.routing import Rule

from app.accounts import tokens
from app.accounts.models import Role, RoleAssignment, User
from app.concepts import services as concept_services
from app.concepts.models import ConceptVersion
from app.consultations.models import Consultation
from app.extensions import db
from app.funding.models import FundingProgramme
from app.moderation import services as moderation_services
from app.monitoring.models import ContextIndicator
from app.notifications import kinds
from app.notifications.models import Follow, Notification
from app.notifications.unsubscribe import make_token as unsubscribe_token
from app.onsite.models import OnSiteEvent
from app.organisations.membership import invitation_token
from app.organisations.models import (
    Invitation,
    JoinRequest,
    MemberRole,
    Membership,
    Organisation,
)
from app.pages.models import AccessibilityFeedback, SignLanguageVideo
from app.pages.services import video_directory
from app.projects.models import ProjectApproach
from app.regions.models import FieldOfAction, Region
from tests import factories
from tests import organisation_builders as orgs
from tests import participation_builders as build
from tests.database_template import DEMO, DatabaseTemplate

ACTORS = (
    "anonymous",
    "participant",
    "author",
    "other_participant",
    "org_member",
    "org_admin",
    "moderator",
    "other_moderator",
    "coordinator",
    "administrator",
)

REGION_SLUG = "offenbach"
OTHER_REGION_SLUG = "kassel"
# A chart only the ministry and the coordination may download.
INTERNAL_CHART = "internal-appeals"
DATASET = "programmes"
VIDEO_FILE = "gebaerdensprache-test.mp4"


@dataclass
class World:
    actors: dict[str, User | None]
    region: Region
    other_region: Region
    consultation: Consultation
    values: dict[str, object]
    # Parameter values that differ for one endpoint: {endpoint: {argument: value}}.
    overrides: dict[str, dict[str, object]] = field(default_factory=dict)
    # Query strings an endpoint needs to find its object: {endpoint: {name: value}}.
    queries: dict[str, dict[str, str]] = field(default_factory=dict)
    objects: dict[str, object] = field(default_factory=dict)

    def path_values(self, rule: Rule) -> dict[str, object]:
        values = {**self.values, **self.overrides.get(rule.endpoint, {})}
        missing = [name for name in rule.arguments if name not in values]
        if missing:
            raise KeyError(f"world has no value for {missing} of rule {rule.rule}")
        return {name: values[name] for name in rule.arguments}

    def path_for(self, rule: Rule | str, **override) -> str:
        """The path of `rule` (a Rule or an endpoint with one rule) with consistent objects."""
        if isinstance(rule, str):
            rule = _only_rule(rule)
        values = {**self.path_values(rule), **override}
        built = rule.build(values, append_unknown=False)
        if built is None:
            raise ValueError(f"cannot build {rule.rule} from {values}")
        query = self.queries.get(rule.endpoint)
        return built[1] + (f"?{urlencode(query)}" if query else "")

    def user(self, actor: str) -> User | None:
        user = self.actors[actor]
        return db.session.get(User, user.id) if user is not None else None

    def log_in_client(self, actor: str | User | None):
        """A new test client, logged in as the actor (second factor passed); anonymous: not."""
        from tests.conftest import log_in

        client = current_app.test_client()
        user = self.actors[actor] if isinstance(actor, str) else actor
        if user is not None:
            log_in(client, db.session.get(User, user.id))
        return client


def _only_rule(endpoint: str) -> Rule:
    rules = list(current_app.url_map.iter_rules(endpoint))
    if len(rules) != 1:
        raise ValueError(f"{endpoint} has {len(rules)} rules; pass the Rule")
    return rules[0]


def _one(model, *where):
    return db.session.scalars(db.select(model).where(*where).order_by(model.id)).first()


def _resident(region: Region, name: str) -> User:
    return factories.make_user(
        email=f"{name}@security.example",
        display_name=name.replace("-", " ").title(),
        home_region=region,
    )


def _staff(role: str, region: Region, name: str) -> User:
    user = factories.make_user(
        email=f"{name}@security.example", display_name=name.replace("-", " ").title()
    )
    db.session.add(RoleAssignment(user=user, role=role, region=region))
    db.session.flush()
    db.session.refresh(user)
    return user


WORLD = DatabaseTemplate("security-world", lambda: _build())


def build_world() -> World:
    """The demo data plus the actors and their ties, committed; restored from the run's copy.

    Call it first in a test, on empty tables."""
    return _with_files(WORLD.restore())


def world_template(name: str, extend: Callable[[World], object]) -> Callable[[], object]:
    """A world with more in it, kept as a template of its own.

    `extend(world)` writes the additions once per run (committed after it) and returns what the
    tests need, the world among it. The function returned restores that copy, like
    `build_world()` first in a test, and returns what `extend` returned."""

    def build() -> tuple[World, object]:
        world = build_world()
        return world, extend(world)

    template = DatabaseTemplate(name, build)

    def restore():
        world, extended = template.restore()
        _with_files(world)
        return extended

    return restore


def _with_files(world: World) -> World:
    """Files live in the test's own upload folder, outside the database."""
    Path(video_directory(), VIDEO_FILE).write_bytes(b"\x00\x00\x00\x18")
    return world


def _build() -> World:
    """Load the demo data and add the actors and their ties; everything committed."""
    DEMO.restore()
    region = _one(Region, Region.slug == REGION_SLUG)
    other_region = _one(Region, Region.slug == OTHER_REGION_SLUG)
    consultation = _one(
        Consultation, Consultation.region_id == region.id, Consultation.state == "published"
    )

    participant = _resident(region, "participant")
    author = _resident(region, "author")
    other_participant = _resident(region, "other-participant")
    org_member = _resident(region, "org-member")
    org_admin = _resident(region, "org-admin")
    moderator = _staff(Role.MODERATOR, region, "moderator")
    other_moderator = _staff(Role.MODERATOR, other_region, "other-moderator")
    coordinator = _staff(Role.COORDINATOR, region, "coordinator")
    administrator = factories.make_user(
        email="administrator@security.example",
        display_name="Administrator",
        is_administrator=True,
    )

    # The author's contributions, in the consultation open for proposals.
    proposal = build.proposal(consultation, author, title="Sprachcafé in der Stadtbibliothek")
    own_comment = build.comment(proposal, author, body="Gerne auch am Samstag.")
    translation = orgs.translation(proposal, author, language="en", title="Language café")
    hidden_comment = build.comment(proposal, author, body="Ein Kommentar, der verborgen wurde.")
    appealed_comment = build.comment(proposal, author, body="Noch ein verborgener Kommentar.")
    decision = moderation_services.decide(
        moderator, hidden_comment, "hide", "published", reason="off_topic", notify_author=False
    )
    appealed = moderation_services.decide(
        moderator, appealed_comment, "hide", "published", reason="off_topic", notify_author=False
    )
    appeal = moderation_services.appeal_decision(author, appealed, "Der Kommentar passt zum Thema.")
    db.session.add(Follow(user_id=author.id, proposal_id=proposal.id))
    notification = Notification(
        user_id=author.id,
        kind=kinds.MODERATION_DECISION,
        actor_id=moderator.id,
        consultation_id=consultation.id,
        proposal_id=proposal.id,
        contribution_id=hidden_comment.id,
        decision_id=decision.id,
        params={"action": "hide"},
    )
    db.session.add(notification)

    # A verified organisation of the region, with the two organisation actors.
    organisation = _one(Organisation, Organisation.regions.any(Region.id == region.id))
    assert organisation.status == "verified", organisation.status
    member_ship = Membership(organisation=organisation, user=org_member, role=MemberRole.MEMBER)
    admin_ship = Membership(organisation=organisation, user=org_admin, role=MemberRole.ADMIN)
    db.session.add_all([member_ship, admin_ship])
    invitation = Invitation(
        organisation=organisation,
        email=participant.email,
        role=MemberRole.MEMBER,
        invited_by_id=org_admin.id,
    )
    join_request = JoinRequest(
        organisation=organisation, user_id=other_participant.id, message="Ich mache gern mit."
    )
    db.session.add_all([invitation, join_request])

    # A consultation of the region in its discussion phase, with the organisation's statement.
    discussion = build.consultation(region, phase="discussion")
    statement = orgs.statement(discussion, organisation, org_admin)
    event = _one(OnSiteEvent, OnSiteEvent.consultation_id == consultation.id)
    if event is None:
        event = orgs.on_site_event(consultation, coordinator)

    # The region's concept draft, put up for comment in the world's consultation.
    draft = concept_services.draft_of(region) or concept_services.start_draft(coordinator, region)
    concept_services.offer_for_comment(coordinator, consultation, draft)
    goal = next(item for item in draft.items if item.is_goal)
    measure = next((item for item in draft.items if not item.is_goal), goal)
    published = _one(
        ConceptVersion, ConceptVersion.region_id == region.id, ConceptVersion.state == "published"
    )

    # Pieces of the administration: feedback, a video with its file.
    feedback = AccessibilityFeedback(message="Die Schrift ist zu klein.", page_url="/")
    video = SignLanguageVideo(
        title={"de": "Testvideo"}, filename=VIDEO_FILE, size_bytes=4, duration_seconds=1
    )
    db.session.add_all([feedback, video])

    programme = _one(FundingProgramme)
    project = _one(ProjectApproach, ProjectApproach.region_id == region.id)
    indicator = _one(ContextIndicator, ContextIndicator.region_id == region.id)
    field_of_action = _one(FieldOfAction)
    other_assignment = _one(RoleAssignment, RoleAssignment.user_id == other_moderator.id)
    db.session.flush()

    values = {
        "consultation_id": consultation.id,
        "proposal_id": proposal.id,
        "comment_id": own_comment.id,
        "statement_id": statement.id,
        "event_id": event.id,
        "item_id": measure.id,
        "goal_id": goal.id,
        "number": published.number,
        "slug": region.slug,
        "field_slug": field_of_action.slug,
        "contribution_id": proposal.id,
        "decision_id": decision.id,
        "appeal_id": appeal.id,
        "notification_id": notification.id,
        "target_type": "proposal",
        "target_id": proposal.id,
        "organisation_id": organisation.id,
        "member_id": member_ship.id,
        "invitation_id": invitation.id,
        "join_request_id": join_request.id,
        "feedback_id": feedback.id,
        "user_id": other_moderator.id,
        "assignment_id": other_assignment.id,
        "video_id": video.id,
        "programme_id": programme.id,
        "project_id": project.id,
        "approach_id": project.id,
        "measure_id": next(item.id for item in published.items if not item.is_goal),
        "indicator_id": indicator.id,
        "chart_id": INTERNAL_CHART,
        "name": DATASET,
        "fmt": "csv",
        "format": "csv",
        "filename": "css/mitreden.css",
    }
    overrides = {
        "statements.new": {"consultation_id": discussion.id},
        "statements.detail": {"consultation_id": discussion.id},
        "statements.edit": {"consultation_id": discussion.id},
        "statements.history": {"consultation_id": discussion.id},
        "multilingual.edit": {"contribution_id": translation.id},
        "pages.video_file": {"filename": VIDEO_FILE},
        "accounts.confirm_email": {"token": tokens.make_token(author, tokens.CONFIRM)},
        "accounts.reset_password": {"token": tokens.make_token(author, tokens.RESET)},
        "accounts.confirm_email_change": {
            "token": tokens.make_token(
                author, tokens.CHANGE_EMAIL, new_email="author.new@security.example"
            )
        },
        "notifications.unsubscribe": {
            "token": unsubscribe_token(author, [kinds.MODERATION_DECISION])
        },
        "organisations.invitation": {"token": invitation_token(invitation)},
        "api.field": {"slug": field_of_action.slug},
    }
    actors = {
        "anonymous": None,
        "participant": participant,
        "author": author,
        "other_participant": other_participant,
        "org_member": org_member,
        "org_admin": org_admin,
        "moderator": moderator,
        "other_moderator": other_moderator,
        "coordinator": coordinator,
        "administrator": administrator,
    }
    objects = {
        "proposal": proposal,
        "own_comment": own_comment,
        "hidden_comment": hidden_comment,
        "translation": translation,
        "decision": decision,
        "appeal": appeal,
        "notification": notification,
        "organisation": organisation,
        "statement": statement,
        "discussion": discussion,
        "event": event,
        "draft": draft,
        "invitation": invitation,
        "join_request": join_request,
        "video": video,
        "feedback": feedback,
    }
    db.session.commit()
    return World(
        actors=actors,
        region=region,
        other_region=other_region,
        consultation=consultation,
        values=values,
        overrides=overrides,
        queries={"projects.new": {"region": region.slug}},
        objects=objects,
    )
