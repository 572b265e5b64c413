"""The security world: every route gets a path to an existing object, every actor its role."""

from app.core.permissions import can
from tests.security.world import ACTORS, build_world


def test_every_rule_gets_a_path_that_routes_back_to_it(app):
    world = build_world()
    adapter = app.url_map.bind("localhost")
    wrong = []
    for rule in app.url_map.iter_rules():
        path = world.path_for(rule)
        method = sorted(rule.methods - {"HEAD", "OPTIONS"})[0]
        endpoint, arguments = adapter.match(path.partition("?")[0], method=method)
        expected = world.path_values(rule)
        if endpoint != rule.endpoint or arguments != expected:
            wrong.append(f"{rule.rule}: {path} -> {endpoint} {arguments}")
    assert not wrong, "\n".join(wrong)


def test_each_actor_has_the_role_described(app):
    world = build_world()
    assert set(world.actors) == set(ACTORS)
    region, other = world.region, world.other_region
    proposal = world.objects["proposal"]
    organisation = world.objects["organisation"]
    user = world.user

    assert world.actors["anonymous"] is None
    for name in ACTORS[1:]:
        assert user(name).is_confirmed, name
    assert world.consultation.region_id == region.id
    assert can(user("participant"), "proposal.submit", world.consultation)
    assert not user("participant").roles and not user("participant").is_administrator

    assert proposal.author_id == user("author").id
    assert proposal.consultation_id == world.consultation.id
    assert can(user("author"), "proposal.edit", proposal)
    assert not can(user("other_participant"), "proposal.edit", proposal)
    assert can(user("author"), "comment.edit", world.objects["own_comment"])
    assert can(user("author"), "decision.appeal", world.objects["decision"])
    assert world.objects["notification"].user_id == user("author").id
    assert world.objects["appeal"].outcome is None

    assert can(user("org_member"), "organisation.speak_for", organisation)
    assert not can(user("org_member"), "organisation.manage_members", organisation)
    assert can(user("org_admin"), "organisation.manage_members", organisation)
    assert region in organisation.regions and organisation.status == "verified"
    assert can(user("org_admin"), "statement.edit", world.objects["statement"])

    assert user("moderator").has_role_in("moderator", region.id)
    assert can(user("moderator"), "contribution.moderate", proposal)
    assert user("other_moderator").has_role_in("moderator", other.id)
    assert not can(user("other_moderator"), "contribution.moderate", proposal)
    assert user("coordinator").has_role_in("coordinator", region.id)
    assert can(user("coordinator"), "consultation.manage", world.consultation)
    assert can(user("coordinator"), "concept.edit", region)
    assert user("administrator").is_administrator
    for name in ("moderator", "other_moderator", "coordinator"):
        assert not user(name).is_administrator, name


def test_a_logged_in_client_is_the_actor_and_anonymous_is_nobody(app):
    world = build_world()
    author = world.log_in_client("author")
    page = author.get(world.path_for("notifications.index"))
    assert page.status_code == 200
    anonymous = world.log_in_client("anonymous")
    assert anonymous.get(world.path_for("notifications.index")).status_code == 302
