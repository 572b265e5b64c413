"""Walk every rule of app.url_map as one actor and name the outcome of each request.

GETs go first; POSTs are sent with the session's CSRF token and an empty form, the ones that
change what later requests see (deletions, withdrawals, leaving, logging out) last, in the order
of `LAST_POSTS`.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app

from tests.security.world import World

METHODS = ("GET", "POST")

# POSTs that remove or end what other requests of the same actor use, run after all others in
# this order (a deletion after the edit of the same object; the session last).
LAST_POSTS = (
    "comments.delete",
    "concepts.remove_item",
    "onsite.delete_event",
    "funding.delete",
    "projects.delete",
    "monitoring.context_delete",
    "admin.delete_video",
    "admin.remove_role",
    "organisations.remove_member",
    "organisations.withdraw_invitation",
    "organisations.withdraw_join",
    "organisations.leave",
    "proposals.withdraw",
    "consultations.archive",
    "privacy.delete",
    "accounts.logout",
)


@dataclass(frozen=True)
class Request:
    rule: object
    method: str

    @property
    def endpoint(self) -> str:
        return self.rule.endpoint


def requests_in_order() -> list[Request]:
    rules = sorted(current_app.url_map.iter_rules(), key=lambda rule: (rule.rule, rule.endpoint))
    gets = [Request(rule, "GET") for rule in rules if "GET" in rule.methods]
    posts = [Request(rule, "POST") for rule in rules if "POST" in rule.methods]
    late = {endpoint: position for position, endpoint in enumerate(LAST_POSTS)}
    posts.sort(key=lambda request: late.get(request.endpoint, -1))
    return gets + posts


# Requests that answer a refusal with a flash message and a redirect for browsers, and with its
# status for scripts: sent as a script would, so the status tells the outcome.
JSON_ENDPOINTS = frozenset({"votes.vote"})
# A button's own value, without which the request is refused before anyone is asked (an empty
# vote is no vote at all).
BUTTON_VALUES = {"votes.vote": {"value": "1"}}

# The pages that ask for the second factor or make staff set it up: a redirect there means the
# request did not pass (the test sessions have passed the second factor, so it should not happen).
SECOND_FACTOR_ENDPOINTS = ("accounts.second_step", "accounts.recovery_step", "accounts.mfa_setup")

STATUS_OUTCOMES = {403: "denied", 404: "missing", 400: "refused", 405: "refused", 409: "refused"}
STATUS_OUTCOMES[422] = "refused"


def _paths_of(endpoints) -> set[str]:
    paths = set()
    for endpoint in endpoints:
        paths.update(rule.rule for rule in current_app.url_map.iter_rules(endpoint))
    return paths


def outcome_of(response, request_path: str = "") -> str:
    """ok | login | mfa | denied | missing | refused, or the status code for anything else."""
    status = response.status_code
    if 300 <= status < 400:
        target = urlsplit(response.headers.get("Location", "")).path
        if target == current_app.url_map.bind("localhost").build("accounts.login"):
            return "login"
        second_factor = _paths_of(
            e for e in SECOND_FACTOR_ENDPOINTS if e in current_app.view_functions
        )
        if target in second_factor and target != request_path:
            return "mfa"
        return "ok"
    if 200 <= status < 300:
        return "ok"
    return STATUS_OUTCOMES.get(status, str(status))


def _csrf_token(client) -> str:
    page = client.get("/").get_data(as_text=True)
    match = re.search(r'<meta name="csrf-token" content="([^"]+)"', page)
    assert match, "the start page carries no CSRF token"
    return match.group(1)


def walk(world: World, actor: str) -> list[tuple[Request, str, str]]:
    """[(request, path, outcome)] of every rule and method, as `actor`."""
    client = world.log_in_client(actor)
    token = _csrf_token(client)
    results = []
    for request in requests_in_order():
        path = world.path_for(request.rule)
        headers = {"Accept": "application/json"} if request.endpoint in JSON_ENDPOINTS else {}
        if request.method == "GET":
            response = client.get(path, headers=headers)
        else:
            data = {"csrf_token": token, **BUTTON_VALUES.get(request.endpoint, {})}
            response = client.post(path, data=data, headers=headers)
        results.append((request, path, outcome_of(response, path)))
    return results
