"""The authorisation matrix: every route and method, as each of the ten actors of the world.

Each actor walks all of app.url_map in a world of its own (tests/security/world.py); the expected
outcomes are in tests/security/authorisation_matrix.py. A route or method without an entry fails,
naming the rule, so a new route cannot go unchecked.
"""

from collections import Counter

import pytest

from tests.security.authorisation_matrix import MATRIX, expected
from tests.security.matrix_runner import METHODS, requests_in_order, walk
from tests.security.world import ACTORS, build_world


def _shared_endpoints(app) -> set[str]:
    counts = Counter(rule.endpoint for rule in app.url_map.iter_rules())
    return {endpoint for endpoint, count in counts.items() if count > 1}


def test_every_route_and_method_has_an_entry(app):
    shared = _shared_endpoints(app)
    missing = [
        f"{request.method} {request.rule.rule} ({request.endpoint})"
        for request in requests_in_order()
        if expected(request.rule, request.method, request.endpoint in shared) is None
    ]
    assert not missing, "routes without an entry in the authorisation matrix:\n" + "\n".join(
        missing
    )


def test_every_entry_names_an_existing_route(app):
    known = set()
    for rule in app.url_map.iter_rules():
        for method in METHODS:
            if method in rule.methods:
                known.update({(rule.endpoint, method), (rule.rule, method)})
    stale = sorted(key for key in MATRIX if key not in known)
    assert not stale, f"entries for routes that no longer exist: {stale}"


@pytest.mark.parametrize("actor", ACTORS)
def test_outcomes_for(app, actor):
    world = build_world()
    shared = _shared_endpoints(app)
    wrong = []
    for request, path, got in walk(world, actor):
        profile = expected(request.rule, request.method, request.endpoint in shared)
        want = profile[actor] if profile is not None else "an entry in the matrix"
        if got != want:
            wrong.append(
                f"{request.method} {path} ({request.endpoint}): expected {want}, got {got}"
            )
    assert not wrong, f"{len(wrong)} outcomes differ for {actor}:\n" + "\n".join(wrong)
